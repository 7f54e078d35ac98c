/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-export-private.h"
#include "td-date.h"
#include "td-error.h"

static const char * const kind_names[] = { "invitations", "agenda", "delegates", "plan" };
static const char * const sort_names[] = { "name", "unit", "manual" };
static const char * const column_names[] = {
  "number", "birth_year", "ethnicity", "position", "unit", "structure", "note",
};

const char *
td_export_kind_to_string (TdExportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
td_export_kind_from_string (const char *s, TdExportKind *out)
{
  guint i;

  for (i = 0; s != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (s, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_export_sort_to_string (TdExportSort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_names), NULL);
  return sort_names[sort];
}

gboolean
td_export_sort_from_string (const char *s, TdExportSort *out)
{
  guint i;

  for (i = 0; s != NULL && i < G_N_ELEMENTS (sort_names); i++)
    if (strcmp (s, sort_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Options ---- */

TdExportOptions *
td_export_options_new (void)
{
  return g_new0 (TdExportOptions, 1);
}

TdExportOptions *
td_export_options_copy (const TdExportOptions *o)
{
  TdExportOptions *copy;

  g_return_val_if_fail (o != NULL, NULL);

  copy = g_memdup2 (o, sizeof *o);
  copy->number = g_strdup (o->number);
  copy->code = g_strdup (o->code);
  copy->place = g_strdup (o->place);
  copy->superior = g_strdup (o->superior);
  copy->issuer = g_strdup (o->issuer);
  copy->signer_authority = g_strdup (o->signer_authority);
  copy->signer_deputy = g_strdup (o->signer_deputy);
  copy->signer_title = g_strdup (o->signer_title);
  copy->signer_name = g_strdup (o->signer_name);
  copy->recipients = g_strdupv (o->recipients);
  copy->chair = g_strdup (o->chair);
  copy->notes = g_strdup (o->notes);
  copy->addressee = g_strdup (o->addressee);
  return copy;
}

void
td_export_options_free (TdExportOptions *o)
{
  if (o == NULL)
    return;
  g_free (o->number);
  g_free (o->code);
  g_free (o->place);
  g_free (o->superior);
  g_free (o->issuer);
  g_free (o->signer_authority);
  g_free (o->signer_deputy);
  g_free (o->signer_title);
  g_free (o->signer_name);
  g_strfreev (o->recipients);
  g_free (o->chair);
  g_free (o->notes);
  g_free (o->addressee);
  g_free (o);
}

static gboolean
read_string (JsonObject *object, const char *key, char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.%s: expected a string", key);
      return FALSE;
    }
  g_free (*out);
  *out = g_utf8_normalize (json_node_get_string (node), -1, G_NORMALIZE_NFC);
  return TRUE;
}

static gboolean
read_string_array (JsonNode *node, const char *key, GPtrArray *into, GError **error)
{
  JsonArray *array;
  guint i;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.%s: expected an array", key);
      return FALSE;
    }
  array = json_node_get_array (node);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.%s[%u]: expected a string", key, i);
          return FALSE;
        }
      g_ptr_array_add (into, g_utf8_normalize (json_node_get_string (item), -1, G_NORMALIZE_NFC));
    }
  return TRUE;
}

gboolean
td_export_options_load_json (TdExportOptions *options, JsonObject *object, GError **error)
{
  g_autoptr(TdExportOptions) o = NULL;
  g_autofree char *date = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *orientation = NULL;
  JsonNode *node;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  /* Work on a copy: nothing changes unless everything reads. */
  o = td_export_options_copy (options);
  if (!read_string (object, "number", &o->number, error) ||
      !read_string (object, "code", &o->code, error) ||
      !read_string (object, "date", &date, error) ||
      !read_string (object, "place", &o->place, error) ||
      !read_string (object, "superior", &o->superior, error) ||
      !read_string (object, "issuer", &o->issuer, error) ||
      !read_string (object, "chair", &o->chair, error) ||
      !read_string (object, "notes", &o->notes, error) ||
      !read_string (object, "addressee", &o->addressee, error) ||
      !read_string (object, "sort", &sort, error) ||
      !read_string (object, "orientation", &orientation, error))
    return FALSE;

  if (date != NULL && !td_date_parse_iso (date, &o->date))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.date: not a date: %s", date);
      return FALSE;
    }
  if (sort != NULL && !td_export_sort_from_string (sort, &o->sort))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.sort: unknown order: %s", sort);
      return FALSE;
    }
  if (orientation != NULL)
    {
      if (strcmp (orientation, "landscape") == 0)
        o->landscape = TRUE;
      else if (strcmp (orientation, "portrait") == 0)
        o->landscape = FALSE;
      else
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.orientation: unknown: %s", orientation);
          return FALSE;
        }
    }

  node = json_object_get_member (object, "signer");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *signer;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.signer: expected an object");
          return FALSE;
        }
      signer = json_node_get_object (node);
      if (!read_string (signer, "authority", &o->signer_authority, error) ||
          !read_string (signer, "deputy", &o->signer_deputy, error) ||
          !read_string (signer, "title", &o->signer_title, error) ||
          !read_string (signer, "name", &o->signer_name, error))
        return FALSE;
    }

  node = json_object_get_member (object, "recipients");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      if (!read_string_array (node, "recipients", lines, error))
        return FALSE;
      g_ptr_array_add (lines, NULL);
      g_strfreev (o->recipients);
      o->recipients = (char **) g_ptr_array_steal (lines, NULL);
    }

  node = json_object_get_member (object, "hidden_columns");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      guint i, c;

      if (!read_string_array (node, "hidden_columns", names, error))
        return FALSE;
      o->hidden_columns = 0;
      for (i = 0; i < names->len; i++)
        {
          for (c = 0; c < G_N_ELEMENTS (column_names); c++)
            if (strcmp (g_ptr_array_index (names, i), column_names[c]) == 0)
              break;
          if (c == G_N_ELEMENTS (column_names))
            {
              g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.hidden_columns[%u]: unknown column: %s",
                           i, (char *) g_ptr_array_index (names, i));
              return FALSE;
            }
          o->hidden_columns |= 1u << c;
        }
    }

  node = json_object_get_member (object, "group");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "documents.group: expected true or false");
          return FALSE;
        }
      o->group = json_node_get_boolean (node);
    }

  /* Commit. */
  {
    TdExportOptions tmp = *options;

    *options = *o;
    *o = tmp;
  }
  return TRUE;
}

static void
set_string (JsonObject *object, const char *key, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

JsonObject *
td_export_options_to_json (const TdExportOptions *o)
{
  JsonObject *object = json_object_new ();
  guint c;

  g_return_val_if_fail (o != NULL, object);

  set_string (object, "number", o->number);
  set_string (object, "code", o->code);
  if (o->date != TD_DATE_NONE)
    {
      g_autofree char *iso = td_date_to_iso (o->date);

      set_string (object, "date", iso);
    }
  set_string (object, "place", o->place);
  set_string (object, "superior", o->superior);
  set_string (object, "issuer", o->issuer);
  if (o->signer_authority != NULL || o->signer_deputy != NULL || o->signer_title != NULL ||
      o->signer_name != NULL)
    {
      JsonObject *signer = json_object_new ();

      set_string (signer, "authority", o->signer_authority);
      set_string (signer, "deputy", o->signer_deputy);
      set_string (signer, "title", o->signer_title);
      set_string (signer, "name", o->signer_name);
      json_object_set_object_member (object, "signer", signer);
    }
  if (o->recipients != NULL)
    {
      JsonArray *array = json_array_new ();
      guint i;

      for (i = 0; o->recipients[i] != NULL; i++)
        json_array_add_string_element (array, o->recipients[i]);
      json_object_set_array_member (object, "recipients", array);
    }
  set_string (object, "chair", o->chair);
  set_string (object, "notes", o->notes);
  set_string (object, "addressee", o->addressee);
  json_object_set_string_member (object, "sort", td_export_sort_to_string (o->sort));
  if (o->hidden_columns != 0)
    {
      JsonArray *array = json_array_new ();

      for (c = 0; c < G_N_ELEMENTS (column_names); c++)
        if (o->hidden_columns & (1u << c))
          json_array_add_string_element (array, column_names[c]);
      json_object_set_array_member (object, "hidden_columns", array);
    }
  json_object_set_string_member (object, "orientation", o->landscape ? "landscape" : "portrait");
  json_object_set_boolean_member (object, "group", o->group);
  return object;
}

static JsonObject *
documents_for (TdPlan *plan, const char *conference_id, TdExportKind kind, gpointer *record)
{
  if (kind == TD_EXPORT_PLAN)
    {
      *record = NULL;
      return plan->documents;
    }
  else
    {
      TdConference *conference = conference_id != NULL ? td_plan_get_conference (plan, conference_id) : NULL;

      *record = conference;
      return conference != NULL ? conference->documents : NULL;
    }
}

TdExportOptions *
td_export_options_load (TdPlan *plan, const char *conference_id, TdExportKind kind)
{
  TdExportOptions *options = td_export_options_new ();
  JsonObject *documents;
  JsonNode *node;
  gpointer record;

  g_return_val_if_fail (TD_IS_PLAN (plan), options);

  /* The full delegate list has ten columns: landscape unless the user chose otherwise. */
  if (kind == TD_EXPORT_DELEGATES)
    options->landscape = TRUE;
  documents = documents_for (plan, conference_id, kind, &record);
  if (documents == NULL)
    return options;
  node = json_object_get_member (documents, td_export_kind_to_string (kind));
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GError) error = NULL;

      if (!td_export_options_load_json (options, json_node_get_object (node), &error))
        g_warning ("Ignoring the stored settings of %s: %s", td_export_kind_to_string (kind), error->message);
    }
  return options;
}

void
td_export_options_save (const TdExportOptions *options, TdPlan *plan, const char *conference_id,
                        TdExportKind kind)
{
  JsonObject *documents;
  gpointer record;

  g_return_if_fail (options != NULL);
  g_return_if_fail (TD_IS_PLAN (plan));

  documents = documents_for (plan, conference_id, kind, &record);
  if (kind != TD_EXPORT_PLAN && record == NULL)
    {
      g_warning ("No conference %s to store export settings in", conference_id);
      return;
    }

  td_plan_begin (plan, _("Export settings"));
  if (record != NULL)
    td_plan_touch (plan, record);
  else
    td_plan_touch_plan (plan);
  if (documents == NULL)
    {
      documents = json_object_new ();
      if (record != NULL)
        TD_CONFERENCE (record)->documents = documents;
      else
        plan->documents = documents;
    }
  json_object_set_object_member (documents, td_export_kind_to_string (kind),
                                 td_export_options_to_json (options));
  td_plan_commit (plan);
}

/* ---- Defaults ---- */

static char *
first_digits (const char *s)
{
  const char *p = s;

  while (p != NULL && *p != '\0' && !g_ascii_isdigit (*p))
    p++;
  if (p == NULL || *p == '\0')
    return NULL;
  s = p;
  while (g_ascii_isdigit (*p))
    p++;
  return g_strndup (s, p - s);
}

/* "Sở Nội vụ" -> "SNV", "UBND xã Thanh Phước" -> "UBND", "Hội đồng nhân dân" -> "HĐND". */
static char *
issuer_code (const char *issuer)
{
  g_auto(GStrv) words = NULL;
  GString *code;
  guint i;

  if (issuer == NULL || *issuer == '\0')
    return g_strdup ("");
  if (g_str_has_prefix (issuer, "UBND") || g_str_has_prefix (issuer, "Ủy ban nhân dân") ||
      g_str_has_prefix (issuer, "ỦY BAN NHÂN DÂN") || g_str_has_prefix (issuer, "Uỷ ban nhân dân"))
    return g_strdup ("UBND");

  code = g_string_new (NULL);
  words = g_strsplit_set (issuer, " \t-", -1);
  for (i = 0; words[i] != NULL; i++)
    {
      gunichar c = g_utf8_get_char_validated (words[i], -1);
      gunichar decomposed[4];

      if (words[i][0] == '\0' || c == (gunichar) -1 || c == (gunichar) -2)
        continue;
      c = g_unichar_toupper (c);
      /* Keep Đ, drop tone and vowel marks from the initial. */
      if (c != 0x0110 && g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
        c = decomposed[0];
      if (g_unichar_isalpha (c))
        g_string_append_unichar (code, c);
    }
  return g_string_free (code, FALSE);
}

TdExportOptions *
_td_export_resolve (TdPlan *plan, TdConference *conference, TdExportKind kind,
                    const TdExportOptions *options)
{
  TdExportOptions *o = options != NULL ? td_export_options_copy (options) : td_export_options_new ();
  TdUnit *unit = conference != NULL ? td_plan_get_unit (plan, conference->unit) : NULL;

#define DEFAULT(field, value) \
  G_STMT_START { if (o->field == NULL) o->field = g_strdup (value); } G_STMT_END

  if (kind == TD_EXPORT_PLAN)
    {
      DEFAULT (number, plan->number);
      DEFAULT (superior, plan->superior);
      DEFAULT (issuer, plan->issuer);
      if (o->date == TD_DATE_NONE)
        o->date = plan->date;
      if (o->recipients == NULL && plan->recipients != NULL)
        {
          guint i;

          o->recipients = g_new0 (char *, plan->recipients->len + 1);
          for (i = 0; i < plan->recipients->len; i++)
            o->recipients[i] = g_strdup (g_ptr_array_index (plan->recipients, i));
        }
    }
  else
    {
      TdUnit *parent = unit != NULL && unit->parent != NULL ? td_plan_get_unit (plan, unit->parent) : NULL;

      if (o->number == NULL && conference != NULL)
        o->number = first_digits (conference->id);
      DEFAULT (superior, parent != NULL ? parent->name : "");
      DEFAULT (issuer, unit != NULL ? unit->name : plan->issuer);
      if (o->date == TD_DATE_NONE && conference != NULL && conference->date != TD_DATE_NONE)
        o->date = conference->date - 10;
      if (conference != NULL)
        DEFAULT (chair, conference->chair);
      if (o->recipients == NULL)
        {
          const char *defaults[] = { kind == TD_EXPORT_INVITATIONS ? "Như trên" : "Các đại biểu dự Hội nghị",
                                     "Lưu: VT", NULL };

          o->recipients = g_strdupv ((char **) defaults);
        }
      DEFAULT (addressee, "Các đại biểu có tên trong danh sách kèm theo");
    }
  DEFAULT (place, plan->place);
  if (o->code == NULL)
    o->code = issuer_code (o->issuer);
  if (o->signer_authority == NULL && o->signer_deputy == NULL && o->signer_title == NULL &&
      o->signer_name == NULL)
    {
      o->signer_authority = g_strdup (plan->signer_authority);
      o->signer_deputy = g_strdup (plan->signer_deputy);
      o->signer_title = g_strdup (plan->signer_title);
      o->signer_name = g_strdup (plan->signer_name);
    }
#undef DEFAULT
  return o;
}

/* ---- Shared pieces ---- */

char *
_td_export_number (const TdExportOptions *options, const char *type_code)
{
  /* A number typed whole ("12/GM-SNV") is printed as typed. */
  if (options->number != NULL && strchr (options->number, '/') != NULL)
    return g_strdup (options->number);
  return td_document_format_number (options->number, type_code, options->code);
}

void
_td_export_add_header (TdDocument *doc, TdExportContext *ctx, const char *type_code)
{
  g_autofree char *number = _td_export_number (ctx->options, type_code);
  g_autofree char *place_date = td_document_format_place_date (ctx->options->place, ctx->options->date);
  TdAdminHeader header = {
    .superior = ctx->options->superior,
    .issuer = ctx->options->issuer,
    .number = number,
    .place_date = place_date,
  };

  td_document_add_admin_header (doc, &header);
}

void
_td_export_add_signature (TdDocument *doc, TdExportContext *ctx)
{
  TdSignature signature = {
    .authority = ctx->options->signer_authority,
    .deputy = ctx->options->signer_deputy,
    .title = ctx->options->signer_title,
    .name = ctx->options->signer_name,
  };

  td_document_add_signature (doc, &signature, (const char * const *) ctx->options->recipients);
}

const char *
_td_export_honorific (TdGender gender)
{
  switch (gender)
    {
    case TD_GENDER_MALE:
      return "Ông";
    case TD_GENDER_FEMALE:
      return "Bà";
    case TD_GENDER_UNKNOWN:
    default:
      return "Ông/Bà";
    }
}

char *
_td_export_time_vi (int minutes)
{
  if (minutes < 0)
    return g_strdup ("");
  return g_strdup_printf ("%02d giờ %02d", minutes / 60 % 24, minutes % 60);
}

char *
_td_export_percent (int numerator, int denominator)
{
  int tenths;

  if (denominator <= 0)
    return g_strdup ("0%");
  /* Rounded half up in integers: no float drift on 30,0 %. */
  tenths = (int) (((gint64) numerator * 1000 + denominator / 2) / denominator);
  return g_strdup_printf ("%d,%d%%", tenths / 10, tenths % 10);
}

gboolean
_td_export_check_cancel (TdExportContext *ctx, GError **error)
{
  if (g_cancellable_is_cancelled (ctx->cancellable))
    {
      g_set_error_literal (error, TD_ERROR, TD_ERROR_CANCELLED, _("Export cancelled"));
      return FALSE;
    }
  return TRUE;
}

void
_td_export_report (TdExportContext *ctx, double fraction)
{
  if (ctx->progress != NULL)
    ctx->progress (CLAMP (fraction, 0.0, 1.0), ctx->progress_data);
}

TdDocument *
td_export_build (TdPlan *plan, const char *conference_id, TdExportKind kind,
                 const TdExportOptions *options, TdExportProgressFunc progress,
                 gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_autoptr(TdExportOptions) stored = NULL;
  TdExportContext ctx = { 0 };
  TdDocument *doc = NULL;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.plan = plan;
  if (kind != TD_EXPORT_PLAN)
    {
      if (conference_id == NULL)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                       _("The %s document needs a conference"), td_export_kind_to_string (kind));
          return NULL;
        }
      ctx.conference = td_plan_get_conference (plan, conference_id);
      if (ctx.conference == NULL)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("No conference with id “%s”"), conference_id);
          return NULL;
        }
      ctx.unit = td_plan_get_unit (plan, ctx.conference->unit);
    }
  if (options == NULL)
    options = stored = td_export_options_load (plan, conference_id, kind);
  ctx.options = _td_export_resolve (plan, ctx.conference, kind, options);
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;

  switch (kind)
    {
    case TD_EXPORT_INVITATIONS:
      doc = _td_export_invitations (&ctx, error);
      break;
    case TD_EXPORT_AGENDA:
      doc = _td_export_agenda (&ctx, error);
      break;
    case TD_EXPORT_DELEGATES:
      doc = _td_export_delegates (&ctx, error);
      break;
    case TD_EXPORT_PLAN:
      doc = _td_export_plan (&ctx, error);
      break;
    default:
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "Unknown document kind %d", kind);
      break;
    }
  td_export_options_free (ctx.options);
  if (doc != NULL)
    _td_export_report (&ctx, 1.0);
  return doc;
}
