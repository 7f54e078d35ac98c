/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-export-private.h"
#include "td-date.h"
#include "td-error.h"

/* Chương trình (template 1.4 of Phụ lục III): a table built from the agenda items. */

static char *
hhmm (int minutes)
{
  return g_strdup_printf ("%02dh%02d", minutes / 60 % 24, minutes % 60);
}

TdDocument *
_td_export_agenda (TdExportContext *ctx, GError **error)
{
  g_autoptr(TdDocument) doc = td_document_new (FALSE);
  g_autoptr(TdTable) table = NULL;
  TdConference *conference = ctx->conference;
  GListModel *agenda = G_LIST_MODEL (conference->agenda);
  guint i, n = agenda != NULL ? g_list_model_get_n_items (agenda) : 0;
  gboolean draft = FALSE;
  double width;
  int clock = conference->start;
  g_autofree char *subject = NULL;

  if (n == 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("Conference “%s” has no agenda"), conference->id);
      return NULL;
    }

  for (i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (agenda, i);

      if (item->kind == TD_ITEM_KIND_TALK && !item->vetted)
        draft = TRUE;
    }

  /* An agenda with a tham luận not yet vetted by the council is a draft (R-VET). */
  if (draft)
    td_document_add_draft_mark (doc);
  _td_export_add_header (doc, ctx, "CTr");
  subject = ctx->unit != NULL ? g_strdup_printf ("%s %s", conference->form, ctx->unit->name)
                              : g_strdup (conference->form);
  td_document_add_title (doc, "CHƯƠNG TRÌNH", subject);

  if (conference->date != TD_DATE_NONE || conference->venue != NULL)
    {
      g_autofree char *day = conference->date != TD_DATE_NONE ? td_date_format_vi_long (conference->date) : NULL;
      g_autofree char *line = NULL;

      /* "(Ngày 10 tháng 3 năm 2020, tại Hội trường UBND xã)" */
      const char *rest = day != NULL && g_str_has_prefix (day, "ngày") ? day + strlen ("ngày") : day;

      if (day != NULL && conference->venue != NULL && *conference->venue != '\0')
        line = g_strdup_printf ("(Ngày%s, tại %s)", rest, conference->venue);
      else if (day != NULL)
        line = g_strdup_printf ("(Ngày%s)", rest);
      else
        line = g_strdup_printf ("(Tại %s)", conference->venue);
      td_document_add_text (doc, line, 14.0, TD_TEXT_ITALIC, TD_ALIGN_CENTER, 0, 12.0);
    }

  td_document_get_text_area (doc, NULL, NULL, &width, NULL);
  {
    double widths[3] = { width * 0.19, width * 0.44, width * 0.37 };

    table = td_table_new (3, widths, 13.0);
  }
  td_table_set_column_align (table, 0, TD_ALIGN_CENTER);
  td_table_add_header_cell (table, 0, 0, 1, 1, "Thời gian");
  td_table_add_header_cell (table, 0, 1, 1, 1, "Nội dung");
  td_table_add_header_cell (table, 0, 2, 1, 1, "Người (đơn vị) thực hiện");
  td_document_begin_table (doc, table);

  for (i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (agenda, i);
      g_autofree char *time = NULL;
      g_autofree char *content = NULL;
      int start = item->start >= 0 ? item->start : clock;
      const char *cells[3];

      if (start >= 0)
        {
          g_autofree char *from = hhmm (start);
          g_autofree char *to = hhmm (start + item->minutes);

          time = item->minutes > 0 ? g_strdup_printf ("%s - %s", from, to) : g_strdup (from);
          clock = start + item->minutes;
        }
      if (item->kind == TD_ITEM_KIND_TALK)
        content = g_strdup_printf ("%s%s", item->title, item->vetted ? "" : " (chưa kiểm duyệt)");
      else
        content = g_strdup (item->title);
      cells[0] = time;
      cells[1] = content;
      cells[2] = item->presenter;
      td_document_add_table_row (doc, table, cells);
    }
  td_document_end_table (doc, table);

  _td_export_add_signature (doc, ctx);
  return g_steal_pointer (&doc);
}
