/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "td-export-private.h"
#include "td-text.h"
#include "td-date.h"
#include "td-error.h"

/* Giấy mời (template 1.7 of Phụ lục III). */

/* Whether a position title already contains the unit's name (case- and accent-blind). */
static gboolean
position_names_unit (const char *position,
                     const char *unit_name)
{
  g_autofree char *p = NULL;
  g_autofree char *u = NULL;

  if (position == NULL || *position == '\0')
    return FALSE;
  p = td_text_fold (position);
  u = td_text_fold (unit_name);
  return u != NULL && *u != '\0' && strstr (p, u) != NULL;
}

static char *
subject_of (TdExportContext *ctx)
{
  const char *form = ctx->conference->form != NULL ? ctx->conference->form : "Hội nghị";

  if (ctx->unit != NULL && ctx->unit->name != NULL)
    return g_strdup_printf ("%s %s", form, ctx->unit->name);
  return g_strdup (form);
}

static void
add_invitation (TdDocument *doc, TdExportContext *ctx, const char *addressee_markup)
{
  TdConference *conference = ctx->conference;
  g_autofree char *subject = subject_of (ctx);
  g_autofree char *issuer = g_markup_escape_text (ctx->options->issuer != NULL ? ctx->options->issuer : "", -1);
  g_autofree char *intro = NULL;
  g_autofree char *attend = NULL;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;

  _td_export_add_header (doc, ctx, "GM");
  td_document_add_title (doc, "GIẤY MỜI", subject);

  intro = g_strdup_printf ("%s trân trọng kính mời:", issuer);
  td_document_add_body_markup (doc, intro);
  td_document_add_text (doc, addressee_markup, 14.0, TD_TEXT_MARKUP, TD_ALIGN_LEFT, TD_MM (10), 6.0);

  attend = g_strdup_printf ("Tới dự %s.", subject);
  td_document_add_body (doc, attend);

  if (ctx->options->chair != NULL && *ctx->options->chair != '\0')
    {
      g_autofree char *chair = g_markup_escape_text (ctx->options->chair, -1);
      g_autofree char *line = g_strdup_printf ("<b>Chủ trì:</b> %s.", chair);

      td_document_add_body_markup (doc, line);
    }

  time = _td_export_time_vi (conference->start);
  day = conference->date != TD_DATE_NONE ? td_date_format_vi_long (conference->date) : g_strdup ("");
  {
    g_autofree char *line = NULL;

    if (*time != '\0' && *day != '\0')
      line = g_strdup_printf ("<b>Thời gian:</b> %s, %s.", time, day);
    else
      line = g_strdup_printf ("<b>Thời gian:</b> %s%s.", time, day);
    td_document_add_body_markup (doc, line);
  }

  if (conference->venue != NULL && *conference->venue != '\0')
    {
      g_autofree char *venue = g_markup_escape_text (conference->venue, -1);
      g_autofree char *line = g_strdup_printf ("<b>Địa điểm:</b> %s.", venue);

      td_document_add_body_markup (doc, line);
    }

  if (ctx->options->notes != NULL && *ctx->options->notes != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (ctx->options->notes, "\n", -1);
      guint i;

      for (i = 0; lines[i] != NULL; i++)
        if (*g_strstrip (lines[i]) != '\0')
          td_document_add_body (doc, lines[i]);
    }

  td_document_add_body (doc, "Rất mong được đón tiếp./.");
  _td_export_add_signature (doc, ctx);
}

TdDocument *
_td_export_invitations (TdExportContext *ctx, GError **error)
{
  g_autoptr(TdDocument) doc = td_document_new (FALSE);
  GArray *delegates = ctx->conference->delegates;
  guint i, n = 0;

  if (ctx->options->group)
    {
      g_autofree char *addressee = g_markup_escape_text (ctx->options->addressee, -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b>", addressee);

      add_invitation (doc, ctx, markup);
      return g_steal_pointer (&doc);
    }

  if (delegates == NULL || delegates->len == 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("Conference “%s” has no delegates to invite"), ctx->conference->id);
      return NULL;
    }

  /* One invitation per page, in the conference's list order; each is its own numbering
   * section, so no invitation carries a page number. */
  for (i = 0; i < delegates->len; i++)
    {
      TdDelegate *delegate = &g_array_index (delegates, TdDelegate, i);
      TdPerson *person = td_plan_get_person (ctx->plan, delegate->person);
      TdUnit *unit;
      g_autofree char *name = NULL;
      g_autofree char *markup = NULL;
      GString *rest;

      if (!_td_export_check_cancel (ctx, error))
        return NULL;
      if (person == NULL)
        continue;

      unit = person->unit != NULL ? td_plan_get_unit (ctx->plan, person->unit) : NULL;
      name = td_person_dup_full_name (person);
      rest = g_string_new (NULL);
      if (person->position != NULL && *person->position != '\0')
        g_string_append_printf (rest, ", %s", person->position);
      /* "Chủ tịch UBND xã Thanh Phước" names its unit already: do not say it twice. */
      if (unit != NULL && unit->name != NULL && !position_names_unit (person->position, unit->name))
        g_string_append_printf (rest, ", %s", unit->name);
      {
        g_autofree char *name_e = g_markup_escape_text (name, -1);
        g_autofree char *rest_e = g_markup_escape_text (rest->str, -1);

        markup = g_strdup_printf ("<b>%s %s</b>%s", _td_export_honorific (person->gender), name_e, rest_e);
      }
      g_string_free (rest, TRUE);

      if (n++ > 0)
        td_document_new_section (doc);
      add_invitation (doc, ctx, markup);
      _td_export_report (ctx, (double) (i + 1) / delegates->len);
    }

  if (n == 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("Conference “%s” has no delegates to invite"), ctx->conference->id);
      return NULL;
    }
  return g_steal_pointer (&doc);
}
