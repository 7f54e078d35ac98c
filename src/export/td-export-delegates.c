/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-export-private.h"
#include "td-date.h"
#include "td-error.h"

/* Danh sách đại biểu: an annex (Phụ lục) of the invitation. */

enum {
  COL_NUMBER, COL_NAME, COL_MALE, COL_FEMALE, COL_ETHNICITY, COL_POSITION, COL_UNIT,
  COL_LEADER, COL_DIRECT, COL_NOTE, N_COLS
};

/* Narrow columns get a fixed width in ems (a year, a number, "x", "Khmer" on one line); the
 * text columns share the rest by weight. */
static const double col_ems[N_COLS] = { 2.5, 0, 2.9, 2.9, 3.7, 0, 0, 3.4, 3.4, 0 };
static const double col_weight[N_COLS] = { 0, 32, 0, 0, 0, 26, 30, 0, 0, 12 };

typedef struct
{
  TdPerson   *person;
  const char *unit_name;
  guint       unit_index;
  guint       manual;
} Row;

typedef struct
{
  int map[N_COLS];    /* column -> table column, -1 when hidden */
  guint n;
} Layout;

static gboolean
column_shown (guint hidden, int col)
{
  switch (col)
    {
    case COL_NUMBER:
      return !(hidden & TD_COLUMN_NUMBER);
    case COL_MALE:
    case COL_FEMALE:
      return !(hidden & TD_COLUMN_BIRTH_YEAR);
    case COL_ETHNICITY:
      return !(hidden & TD_COLUMN_ETHNICITY);
    case COL_POSITION:
      return !(hidden & TD_COLUMN_POSITION);
    case COL_UNIT:
      return !(hidden & TD_COLUMN_UNIT);
    case COL_LEADER:
    case COL_DIRECT:
      return !(hidden & TD_COLUMN_STRUCTURE);
    case COL_NOTE:
      return !(hidden & TD_COLUMN_NOTE);
    case COL_NAME:
    default:
      return TRUE;
    }
}

static TdTable *
make_table (TdDocument *doc, guint hidden, gboolean landscape, Layout *layout)
{
  /* Portrait is narrow for ten columns: a size smaller there. */
  double size = landscape ? 12.0 : 11.0;
  double widths[N_COLS], fixed = 0, weights = 0, width;
  TdTable *table;
  int c;

  layout->n = 0;
  for (c = 0; c < N_COLS; c++)
    {
      layout->map[c] = column_shown (hidden, c) ? (int) layout->n++ : -1;
      if (layout->map[c] >= 0)
        {
          fixed += col_ems[c] * size;
          weights += col_weight[c];
        }
    }
  td_document_get_text_area (doc, NULL, NULL, &width, NULL);
  for (c = 0; c < N_COLS; c++)
    if (layout->map[c] >= 0)
      widths[layout->map[c]] = col_ems[c] > 0 ? col_ems[c] * size
                                              : col_weight[c] * (width - fixed) / weights;

  table = td_table_new (layout->n, widths, size);

#define HDR(col, row, rs, cs, text) \
  G_STMT_START { if (layout->map[col] >= 0) \
    td_table_add_header_cell (table, row, layout->map[col], rs, cs, text); } G_STMT_END

  HDR (COL_NUMBER, 0, 2, 1, "STT");
  HDR (COL_NAME, 0, 2, 1, "Họ và tên");
  HDR (COL_MALE, 0, 1, 2, "Năm sinh");
  HDR (COL_MALE, 1, 1, 1, "Nam");
  HDR (COL_FEMALE, 1, 1, 1, "Nữ");
  HDR (COL_ETHNICITY, 0, 2, 1, "Dân tộc");
  HDR (COL_POSITION, 0, 2, 1, "Chức vụ");
  HDR (COL_UNIT, 0, 2, 1, "Đơn vị công tác");
  HDR (COL_LEADER, 0, 1, 2, "Cơ cấu");
  HDR (COL_LEADER, 1, 1, 1, "Lãnh đạo");
  HDR (COL_DIRECT, 1, 1, 1, "Trực tiếp");
  HDR (COL_NOTE, 0, 2, 1, "Ghi chú");
#undef HDR

  for (c = 0; c < N_COLS; c++)
    if (layout->map[c] >= 0 && c != COL_NAME && c != COL_POSITION && c != COL_UNIT && c != COL_NOTE)
      td_table_set_column_align (table, layout->map[c], TD_ALIGN_CENTER);
  return table;
}

static int
compare_name (const Row *a, const Row *b)
{
  int r = strcmp (td_person_get_sort_key (a->person), td_person_get_sort_key (b->person));

  return r != 0 ? r : (int) a->manual - (int) b->manual;
}

static int
compare_rows_name (gconstpointer pa, gconstpointer pb)
{
  return compare_name (pa, pb);
}

static int
compare_rows_unit (gconstpointer pa, gconstpointer pb)
{
  const Row *a = pa, *b = pb;

  if (a->unit_index != b->unit_index)
    return a->unit_index < b->unit_index ? -1 : 1;
  return compare_name (a, b);
}

static int
compare_rows_manual (gconstpointer pa, gconstpointer pb)
{
  const Row *a = pa, *b = pb;

  return (int) a->manual - (int) b->manual;
}

typedef struct
{
  guint total, leaders, women, minorities;
} Totals;

static gboolean
add_rows (TdDocument *doc, TdExportContext *ctx, TdTable *table, const Layout *layout,
          GArray *rows, Totals *totals, guint *done, guint n_all, GError **error)
{
  guint i;

  for (i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      TdPerson *p = row->person;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = td_person_dup_full_name (p);
      g_autofree char *year = p->birth_year > 0 ? g_strdup_printf ("%d", p->birth_year) : NULL;
      const char *cells[N_COLS] = { NULL };
      const char *all[N_COLS] = { NULL };
      int c;

      if ((i & 63) == 0 && !_td_export_check_cancel (ctx, error))
        return FALSE;

      all[COL_NUMBER] = number;
      all[COL_NAME] = name;
      all[COL_MALE] = p->gender == TD_GENDER_MALE ? year : NULL;
      all[COL_FEMALE] = p->gender == TD_GENDER_FEMALE ? year : NULL;
      all[COL_ETHNICITY] = p->ethnicity;
      all[COL_POSITION] = p->position;
      all[COL_UNIT] = row->unit_name;
      all[COL_LEADER] = p->leader ? "x" : NULL;
      all[COL_DIRECT] = p->leader ? NULL : "x";
      all[COL_NOTE] = p->note;
      for (c = 0; c < N_COLS; c++)
        if (layout->map[c] >= 0)
          cells[layout->map[c]] = all[c];
      td_document_add_table_row (doc, table, cells);

      totals->total++;
      totals->leaders += p->leader ? 1 : 0;
      totals->women += p->gender == TD_GENDER_FEMALE ? 1 : 0;
      totals->minorities += td_person_is_minority (p) ? 1 : 0;
      (*done)++;
      if ((*done & 31) == 0)
        _td_export_report (ctx, 0.95 * *done / MAX (n_all, 1));
    }
  return TRUE;
}

TdDocument *
_td_export_delegates (TdExportContext *ctx, GError **error)
{
  g_autoptr(TdDocument) doc = td_document_new (ctx->options->landscape);
  g_autoptr(TdExportOptions) invitation = NULL;
  g_autoptr(TdExportOptions) invitation_stored = NULL;
  g_autoptr(GArray) delegates = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GArray) guests = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GHashTable) unit_index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *list = ctx->conference->delegates;
  GCompareFunc compare;
  Layout layout;
  Totals totals = { 0 }, guest_totals = { 0 };
  guint i, done = 0, n_units;
  g_autofree char *title = NULL;

  if (list == NULL || list->len == 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("Conference “%s” has no delegates to list"), ctx->conference->id);
      return NULL;
    }

  n_units = g_list_model_get_n_items (G_LIST_MODEL (ctx->plan->units));
  for (i = 0; i < n_units; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (G_LIST_MODEL (ctx->plan->units), i);

      g_hash_table_insert (unit_index, unit->id, GUINT_TO_POINTER (i + 1));
    }

  for (i = 0; i < list->len; i++)
    {
      TdDelegate *d = &g_array_index (list, TdDelegate, i);
      TdPerson *person = td_plan_get_person (ctx->plan, d->person);
      TdUnit *unit;
      Row row = { 0 };

      if (person == NULL)
        continue;
      unit = person->unit != NULL ? td_plan_get_unit (ctx->plan, person->unit) : NULL;
      row.person = person;
      row.unit_name = unit != NULL ? unit->name : NULL;
      row.unit_index = person->unit != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (unit_index, person->unit)) : 0;
      row.manual = i;
      /* Warm the sort key outside the comparison. */
      td_person_get_sort_key (person);
      g_array_append_val (d->role == TD_ROLE_GUEST ? guests : delegates, row);
    }

  switch (ctx->options->sort)
    {
    case TD_EXPORT_SORT_UNIT:
      compare = compare_rows_unit;
      break;
    case TD_EXPORT_SORT_MANUAL:
      compare = compare_rows_manual;
      break;
    case TD_EXPORT_SORT_NAME:
    default:
      compare = compare_rows_name;
      break;
    }
  g_array_sort (delegates, compare);
  g_array_sort (guests, compare);

  /* The annex's heading: Phụ lục, the title, what it is attached to, a short rule. */
  td_document_add_text (doc, "Phụ lục", 14.0, TD_TEXT_BOLD, TD_ALIGN_CENTER, 0, 0);
  title = g_strdup_printf ("DANH SÁCH ĐẠI BIỂU DỰ %s%s%s", ctx->conference->form,
                           ctx->unit != NULL ? " " : "", ctx->unit != NULL ? ctx->unit->name : "");
  {
    g_autofree char *upper = g_utf8_strup (title, -1);

    td_document_add_text (doc, upper, 14.0, TD_TEXT_BOLD, TD_ALIGN_CENTER, 0, 0);
  }

  invitation_stored = td_export_options_load (ctx->plan, ctx->conference->id, TD_EXPORT_INVITATIONS);
  invitation = _td_export_resolve (ctx->plan, ctx->conference, TD_EXPORT_INVITATIONS, invitation_stored);
  {
    g_autofree char *number = _td_export_number (invitation, "GM");
    g_autofree char *date = invitation->date != TD_DATE_NONE ? td_date_format_short (invitation->date)
                                                            : g_strdup ("     ");
    g_autofree char *line = g_strdup_printf ("(Kèm theo Giấy mời số %s ngày %s của %s)", number,
                                             date, invitation->issuer != NULL ? invitation->issuer : "");

    td_document_add_text (doc, line, 14.0, TD_TEXT_ITALIC, TD_ALIGN_CENTER, 0, 0);
  }
  td_document_add_short_rule (doc);

  {
    g_autoptr(TdTable) table = make_table (doc, ctx->options->hidden_columns, ctx->options->landscape, &layout);

    td_document_begin_table (doc, table);
    if (!add_rows (doc, ctx, table, &layout, delegates, &totals, &done, list->len, error))
      return NULL;
    td_document_end_table (doc, table);
  }

  /* Composition totals under the table (guests are not counted: rules.md). */
  {
    g_autofree char *leaders = _td_export_percent (totals.leaders, totals.total);
    g_autofree char *direct = _td_export_percent (totals.total - totals.leaders, totals.total);
    g_autofree char *line = NULL;

    /* The five lines together. */
    td_document_ensure_room (doc, 5 * 17.0 + 20.0);
    line = g_strdup_printf ("Tổng số: %u đại biểu.", totals.total);
    td_document_add_text (doc, line, 14.0, TD_TEXT_BOLD, TD_ALIGN_LEFT, 0, 2.0);
    g_free (line);
    line = g_strdup_printf ("- Lãnh đạo: %u đại biểu, chiếm tỷ lệ %s.", totals.leaders, leaders);
    td_document_add_text (doc, line, 14.0, 0, TD_ALIGN_LEFT, TD_MM (5), 2.0);
    g_free (line);
    line = g_strdup_printf ("- Người trực tiếp: %u đại biểu, chiếm tỷ lệ %s.", totals.total - totals.leaders, direct);
    td_document_add_text (doc, line, 14.0, 0, TD_ALIGN_LEFT, TD_MM (5), 2.0);
    g_free (line);
    line = g_strdup_printf ("- Nữ: %u đại biểu.", totals.women);
    td_document_add_text (doc, line, 14.0, 0, TD_ALIGN_LEFT, TD_MM (5), 2.0);
    g_free (line);
    line = g_strdup_printf ("- Dân tộc thiểu số: %u đại biểu.", totals.minorities);
    td_document_add_text (doc, line, 14.0, 0, TD_ALIGN_LEFT, TD_MM (5), 12.0);
  }

  if (guests->len > 0)
    {
      g_autoptr(TdTable) table = make_table (doc, ctx->options->hidden_columns | TD_COLUMN_STRUCTURE, ctx->options->landscape, &layout);
      g_autofree char *line = NULL;

      /* The heading with its table's header and first rows. */
      td_document_ensure_room (doc, 120.0);
      td_document_add_text (doc, "KHÁCH MỜI", 14.0, TD_TEXT_BOLD, TD_ALIGN_CENTER, 0, 6.0);
      td_document_begin_table (doc, table);
      if (!add_rows (doc, ctx, table, &layout, guests, &guest_totals, &done, list->len, error))
        return NULL;
      td_document_end_table (doc, table);
      line = g_strdup_printf ("Tổng số khách mời: %u.", guest_totals.total);
      td_document_add_text (doc, line, 14.0, TD_TEXT_BOLD, TD_ALIGN_LEFT, 0, 6.0);
    }

  return g_steal_pointer (&doc);
}
