/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-people-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-error.h"
#include "td-people-import.h"
#include "td-text.h"

/*
 * The parse never reads the plan: td_people_import_new() copies what it needs (unit ids, folded
 * unit names, the duplicate keys of the people already there) so that the parse can run in a
 * thread while the interface keeps drawing the same plan. Only td_people_import_apply() touches
 * the plan, in one edit that is rolled back on any failure.
 */

#define PROGRESS_EVERY 2048

/* A folded unit name shared by two units: matching it by name would be a guess. */
static const char ambiguous_unit[] = "";

struct _TdPeopleImport
{
  /* Options, copied */
  gboolean    force_encoding;
  TdEncoding  encoding;
  char        delimiter;
  char       *target_unit;
  int        *mapping;
  guint       n_mapping;

  /* Snapshot of the plan */
  GHashTable *unit_ids;     /* id → id (owned) */
  GHashTable *unit_names;   /* folded name → id, or ambiguous_unit */
  GHashTable *existing;     /* duplicate key → person id (owned both) */
  guint       n_existing;

  /* Result of the parse */
  GPtrArray  *people;       /* TdPerson*, without ids until applied */
  GPtrArray  *duplicates;   /* TdPeopleDuplicate* */
  gboolean    parsed;
  gboolean    applied;
};

void
td_people_duplicate_free (TdPeopleDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->name);
  g_free (duplicate->person_id);
  g_free (duplicate);
}

static int
tone_of (gunichar c)
{
  switch (c)
    {
    case 0x0300: return 1;  /* huyền */
    case 0x0309: return 2;  /* hỏi */
    case 0x0303: return 3;  /* ngã */
    case 0x0301: return 4;  /* sắc */
    case 0x0323: return 5;  /* nặng */
    default:     return 0;
    }
}

char *
td_people_duplicate_name (const char *name)
{
  GString *out;
  int tone = 0;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (name) + 8);
  for (const char *p = name;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c == 0 || (c < 0x80 ? g_ascii_isspace (c) : g_unichar_isspace (c)))
        {
          /* The tone goes at the end of its word, wherever the writer placed it. */
          if (tone != 0)
            g_string_append_c (out, '0' + tone);
          tone = 0;
          if (c == 0)
            break;
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) c));
          continue;
        }
      n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
      for (gsize i = 0; i < n; i++)
        {
          int t = tone_of (d[i]);

          if (t != 0)
            tone = t;
          else
            g_string_append_unichar (out, g_unichar_tolower (d[i]));
        }
    }
  return g_string_free (out, FALSE);
}

char *
td_people_duplicate_key (const char *full_name,
                         int         birth_year,
                         const char *unit)
{
  GString *key = g_string_new (NULL);
  char *name = td_people_duplicate_name (full_name);
  char year[16];

  g_snprintf (year, sizeof year, "\x1f%d\x1f", birth_year);
  g_string_append (key, name);
  g_string_append (key, year);
  g_string_append (key, unit ? unit : "");
  g_free (name);
  return g_string_free (key, FALSE);
}

static char *
person_duplicate_key (TdPerson *person)
{
  g_autofree char *full = td_person_dup_full_name (person);

  return td_people_duplicate_key (full, person->birth_year, person->unit);
}

/* ------------------------------------------------------------------ text */

/* Surrounding spaces off, inner runs of white space (no-break spaces too) as one space. */
static char *
clean_text (const char *s)
{
  GString *out;
  gboolean space = FALSE;

  if (s == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f' ||
          ((guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0))
        {
          if ((guchar) p[0] == 0xc2)
            p++;
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The TCVN3 "ABC" fonts have no toned capitals, so officers typed "Nguyễn Thị ánh": every word
 * of a Vietnamese name starts with a capital, so give it back. */
static char *
capitalize_words (char *name)
{
  GString *out;
  gboolean start = TRUE;

  if (name == NULL || *name == '\0')
    return name;
  out = g_string_sized_new (strlen (name) + 4);
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (start && g_unichar_islower (c))
        g_string_append_unichar (out, g_unichar_totitle (c));
      else
        g_string_append_unichar (out, c);
      start = c == ' ' || c == '-';
    }
  g_free (name);
  return g_string_free (out, FALSE);
}

static char *
join_name (const char *family_middle,
           const char *given)
{
  if (family_middle == NULL || *family_middle == '\0')
    return g_strdup (given ? given : "");
  return g_strconcat (family_middle, " ", given, NULL);
}

/* -------------------------------------------------------------- decoding */

static gboolean
choose_encoding (const char   *bytes,
                 gsize         len,
                 gboolean      forced,
                 TdEncoding    encoding,
                 GArray      **candidates_out,
                 TdEncoding   *out,
                 GError      **error)
{
  g_autoptr(GArray) candidates = td_encoding_detect (bytes, len);

  if (forced)
    *out = encoding;
  else if (candidates->len > 0)
    *out = g_array_index (candidates, TdEncodingCandidate, 0).encoding;
  else
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("The file is not text in any encoding the importer knows "
                     "(UTF-8, UTF-16, Windows-1258, TCVN3, VNI or VIQR)"));
      return FALSE;
    }
  if (candidates_out != NULL)
    *candidates_out = g_steal_pointer (&candidates);
  return TRUE;
}

/* Field of each column: the user's mapping where given, else the header's. When @strict, two
 * columns for one field are an error; otherwise the later ones are ignored. */
static int *
map_columns (const TdCsvRow  *header,
             const int       *mapping,
             guint            n_mapping,
             gboolean         strict,
             GError         **error)
{
  g_autofree int *map = g_new (int, header->n_fields + 1);
  int column_of[TD_CSV_N_FIELDS];

  for (guint f = 0; f < TD_CSV_N_FIELDS; f++)
    column_of[f] = -1;
  for (guint c = 0; c < header->n_fields; c++)
    {
      int field = mapping != NULL && c < n_mapping ? mapping[c]
                                                   : td_csv_match_header (header->fields[c]);

      if (field < 0 || field >= TD_CSV_N_FIELDS)
        {
          map[c] = -1;
          continue;
        }
      if (column_of[field] >= 0)
        {
          if (strict)
            {
              td_csv_set_error_at (error, header->line, header->fields[c],
                                   _("column %d holds “%s” already"), column_of[field] + 1,
                                   td_csv_field_header (field));
              return NULL;
            }
          map[c] = -1;
          continue;
        }
      column_of[field] = c;
      map[c] = field;
    }
  return g_steal_pointer (&map);
}

/* --------------------------------------------------------------- preview */

TdPeoplePreview *
td_people_preview_new (const char                   *bytes,
                       gsize                         len,
                       const TdPeopleImportOptions  *options,
                       guint                         max_rows,
                       GError                      **error)
{
  static const TdPeopleImportOptions none = { 0 };
  g_autoptr(TdPeoplePreview) preview = g_new0 (TdPeoplePreview, 1);
  g_autoptr(TdCsv) csv = NULL;
  const TdCsvRow *header;
  guint n;

  g_return_val_if_fail (bytes != NULL || len == 0, NULL);

  if (options == NULL)
    options = &none;
  if (!choose_encoding (bytes, len, options->force_encoding, options->encoding,
                        &preview->candidates, &preview->encoding, error))
    return NULL;

  csv = td_csv_read (bytes, len, preview->encoding, options->delimiter, TD_CSV_ALLOW_RAGGED, error);
  if (csv == NULL)
    return NULL;
  header = td_csv_get_header (csv);
  if (header == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The file is empty"));
      return NULL;
    }

  preview->delimiter = td_csv_get_delimiter (csv);
  preview->n_columns = header->n_fields;
  preview->headers = g_new0 (char *, header->n_fields + 1);
  for (guint c = 0; c < header->n_fields; c++)
    preview->headers[c] = g_strdup (header->fields[c]);
  preview->mapping = map_columns (header, options->mapping, options->n_mapping, FALSE, NULL);
  preview->n_rows = td_csv_get_n_rows (csv);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  n = MIN (max_rows, preview->n_rows);
  for (guint r = 0; r < preview->n_rows; r++)
    {
      const TdCsvRow *row = td_csv_get_row (csv, r);

      if (row->n_fields != header->n_fields && preview->problem == NULL)
        td_csv_set_error_at (&preview->problem, row->line, NULL,
                             _("%u fields, the header has %u"), row->n_fields, header->n_fields);
      if (r < n)
        {
          char **fields = g_new0 (char *, header->n_fields + 1);

          for (guint c = 0; c < header->n_fields; c++)
            fields[c] = g_strdup (c < row->n_fields ? row->fields[c] : "");
          g_ptr_array_add (preview->rows, fields);
          g_array_append_val (preview->lines, row->line);
        }
      else if (preview->problem != NULL)
        break;
    }
  return g_steal_pointer (&preview);
}

void
td_people_preview_free (TdPeoplePreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->candidates, g_array_unref);
  g_strfreev (preview->headers);
  g_free (preview->mapping);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->lines, g_array_unref);
  g_clear_error (&preview->problem);
  g_free (preview);
}

/* ---------------------------------------------------------------- import */

TdPeopleImport *
td_people_import_new (TdPlan                      *plan,
                      const TdPeopleImportOptions *options)
{
  TdPeopleImport *self = g_new0 (TdPeopleImport, 1);
  GListModel *units, *people;
  guint n;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  if (options != NULL)
    {
      self->force_encoding = options->force_encoding;
      self->encoding = options->encoding;
      self->delimiter = options->delimiter;
      self->target_unit = g_strdup (options->target_unit);
      if (options->mapping != NULL)
        {
          self->mapping = g_memdup2 (options->mapping, sizeof (int) * options->n_mapping);
          self->n_mapping = options->n_mapping;
        }
    }

  self->unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  units = G_LIST_MODEL (plan->units);
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (units, i);
      char *id = g_strdup (unit->id);
      char *folded = td_text_fold (unit->name ? unit->name : "");

      g_hash_table_insert (self->unit_ids, id, id);
      if (folded == NULL || *folded == '\0')
        g_free (folded);
      else if (g_hash_table_contains (self->unit_names, folded))
        g_hash_table_insert (self->unit_names, folded, (gpointer) ambiguous_unit);
      else
        g_hash_table_insert (self->unit_names, folded, id);
    }

  self->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  people = G_LIST_MODEL (plan->people);
  self->n_existing = g_list_model_get_n_items (people);
  for (guint i = 0; i < self->n_existing; i++)
    {
      g_autoptr(TdPerson) person = g_list_model_get_item (people, i);
      char *key = person_duplicate_key (person);

      if (!g_hash_table_contains (self->existing, key))
        g_hash_table_insert (self->existing, key, g_strdup (person->id));
      else
        g_free (key);
    }

  self->people = g_ptr_array_new_with_free_func (g_object_unref);
  self->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) td_people_duplicate_free);
  return self;
}

void
td_people_import_free (TdPeopleImport *self)
{
  if (self == NULL)
    return;
  g_free (self->target_unit);
  g_free (self->mapping);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  g_free (self);
}

static gboolean
set_cancelled (GError **error)
{
  g_set_error (error, TD_ERROR, TD_ERROR_CANCELLED, _("The import was cancelled"));
  return FALSE;
}

/* The unit id a cell names (an id, or a unit's name compared folded), or NULL with an error. */
static const char *
resolve_unit (TdPeopleImport  *self,
              const char      *value,
              guint            line,
              const char      *column,
              GError         **error)
{
  const char *id;
  g_autofree char *folded = NULL;

  id = g_hash_table_lookup (self->unit_ids, value);
  if (id != NULL)
    return id;
  folded = td_text_fold (value);
  id = folded ? g_hash_table_lookup (self->unit_names, folded) : NULL;
  if (id == ambiguous_unit)
    {
      td_csv_set_error_at (error, line, column,
                           _("two units are named “%s”: write the unit’s id instead"), value);
      return NULL;
    }
  if (id == NULL)
    {
      td_csv_set_error_at (error, line, column, _("no unit has the id or the name “%s”"), value);
      return NULL;
    }
  return id;
}

typedef struct
{
  const TdCsvRow *header;
  const TdCsvRow *row;
  int             column_of[TD_CSV_N_FIELDS];
  /* Cells repeat (a unit, a position, "Nữ" on half the rows): each distinct cell of these
   * columns is parsed once. Values are the result + 1, 0 meaning not parsed yet. */
  GHashTable     *cache[TD_CSV_N_FIELDS];
  GHashTable     *leader_of_position;
} RowReader;

static void
reader_init (RowReader *r)
{
  memset (r, 0, sizeof *r);
  for (guint f = 0; f < TD_CSV_N_FIELDS; f++)
    {
      r->column_of[f] = -1;
      r->cache[f] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  r->leader_of_position = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (RowReader *r)
{
  for (guint f = 0; f < TD_CSV_N_FIELDS; f++)
    g_clear_pointer (&r->cache[f], g_hash_table_unref);
  g_clear_pointer (&r->leader_of_position, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowReader, reader_clear)

static gpointer
cache_lookup (GHashTable *cache,
              const char *value)
{
  return g_hash_table_lookup (cache, value);
}

static void
cache_store (GHashTable *cache,
             const char *value,
             gpointer    result)
{
  g_hash_table_insert (cache, g_strdup (value), result);
}

/* The cell of a field in the row, or NULL when no column holds the field. */
static const char *
cell (RowReader  *r,
      TdCsvField  field)
{
  int c = r->column_of[field];

  if (c < 0 || (guint) c >= r->row->n_fields)
    return NULL;
  return r->row->fields[c];
}

static const char *
column_name (RowReader  *r,
             TdCsvField  field)
{
  int c = r->column_of[field];

  return c >= 0 ? r->header->fields[c] : td_csv_field_header (field);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* One row into a new person (without an id), or NULL with an error naming line and column. */
static TdPerson *
read_person (TdPeopleImport  *self,
             RowReader       *r,
             TdEncoding       encoding,
             GError         **error)
{
  g_autoptr(TdPerson) person = NULL;
  g_autofree char *family_middle = NULL;
  g_autofree char *given = NULL;
  const char *value;
  const char *unit = NULL;
  guint line = r->row->line;
  TdGender gender = TD_GENDER_UNKNOWN;
  int year = 0;
  gboolean leader = FALSE;
  TdCategory category = TD_CATEGORY_OTHER;
  TdSector sector = TD_SECTOR_STATE;
  gboolean has_category;

  /* The name: separate columns win over a full name when they are filled. */
  value = cell (r, TD_CSV_FIELD_GIVEN);
  if (!is_blank (value))
    {
      given = clean_text (value);
      family_middle = clean_text (cell (r, TD_CSV_FIELD_FAMILY_MIDDLE));
    }
  else if (r->column_of[TD_CSV_FIELD_FULL_NAME] >= 0)
    {
      /* td_text_split_name() without its NFC pass: the decoder gave NFC already. */
      char *full = clean_text (cell (r, TD_CSV_FIELD_FULL_NAME));
      char *last = strrchr (full, ' ');

      if (last == NULL)
        {
          family_middle = g_strdup ("");
          given = full;
        }
      else
        {
          given = g_strdup (last + 1);
          *last = '\0';
          family_middle = full;
        }
    }
  if (given == NULL || *given == '\0')
    {
      td_csv_set_error_at (error, line,
                           column_name (r, r->column_of[TD_CSV_FIELD_FULL_NAME] >= 0
                                             ? TD_CSV_FIELD_FULL_NAME : TD_CSV_FIELD_GIVEN),
                           _("the name is empty"));
      return NULL;
    }
  if (encoding == TD_ENCODING_TCVN3)
    {
      family_middle = capitalize_words (family_middle);
      given = capitalize_words (given);
    }

  value = cell (r, TD_CSV_FIELD_GENDER);
  if (value != NULL)
    {
      guint cached = GPOINTER_TO_UINT (cache_lookup (r->cache[TD_CSV_FIELD_GENDER], value));

      if (cached != 0)
        gender = cached - 1;
      else if (td_csv_parse_gender (value, &gender))
        cache_store (r->cache[TD_CSV_FIELD_GENDER], value, GUINT_TO_POINTER (gender + 1));
      else
        {
          td_csv_set_error_at (error, line, column_name (r, TD_CSV_FIELD_GENDER),
                               _("“%s” is not a gender (Nam or Nữ)"), value);
          return NULL;
        }
    }

  value = cell (r, TD_CSV_FIELD_BIRTH_YEAR);
  if (value != NULL && !td_csv_parse_birth_year (value, &year))
    {
      td_csv_set_error_at (error, line, column_name (r, TD_CSV_FIELD_BIRTH_YEAR),
                           _("“%s” is not a year of birth (a year, or a date d/m/yyyy)"), value);
      return NULL;
    }

  value = cell (r, TD_CSV_FIELD_UNIT);
  if (!is_blank (value))
    {
      unit = cache_lookup (r->cache[TD_CSV_FIELD_UNIT], value);
      if (unit == NULL)
        {
          g_autofree char *name = clean_text (value);

          unit = resolve_unit (self, name, line, column_name (r, TD_CSV_FIELD_UNIT), error);
          if (unit == NULL)
            return NULL;
          /* The ids live as long as the import. */
          cache_store (r->cache[TD_CSV_FIELD_UNIT], value, (gpointer) unit);
        }
    }
  else
    unit = self->target_unit;

  person = td_person_new (NULL, NULL, NULL);
  g_free (person->family_middle);
  person->family_middle = g_steal_pointer (&family_middle);
  g_free (person->given);
  person->given = g_steal_pointer (&given);
  person->gender = gender;
  person->birth_year = year;
  person->unit = g_strdup (unit);

  value = cell (r, TD_CSV_FIELD_ETHNICITY);
  if (!is_blank (value))
    person->ethnicity = clean_text (value);
  value = cell (r, TD_CSV_FIELD_POSITION);
  if (!is_blank (value))
    person->position = clean_text (value);
  value = cell (r, TD_CSV_FIELD_NOTE);
  person->note = value != NULL ? g_strstrip (g_strdup (value)) : g_strdup ("");

  value = cell (r, TD_CSV_FIELD_LEADER);
  if (value == NULL)
    {
      const char *position = person->position ? person->position : "";
      guint cached = GPOINTER_TO_UINT (cache_lookup (r->leader_of_position, position));

      if (cached == 0)
        {
          cached = td_text_position_is_leader (position) + 1;
          cache_store (r->leader_of_position, position, GUINT_TO_POINTER (cached));
        }
      leader = cached - 1;
    }
  else if (!td_csv_parse_leader (value, &leader))
    {
      td_csv_set_error_at (error, line, column_name (r, TD_CSV_FIELD_LEADER),
                           _("“%s” is not a yes or a no (x, có, 1 = leader; empty = not)"), value);
      return NULL;
    }
  person->leader = leader;

  value = cell (r, TD_CSV_FIELD_CATEGORY);
  has_category = value != NULL && !is_blank (value);
  if (has_category && (category = GPOINTER_TO_UINT (cache_lookup (r->cache[TD_CSV_FIELD_CATEGORY], value))) != 0)
    category--;
  else if (has_category && td_csv_parse_category (value, &category))
    cache_store (r->cache[TD_CSV_FIELD_CATEGORY], value, GUINT_TO_POINTER (category + 1));
  else if (has_category)
    {
      td_csv_set_error_at (error, line, column_name (r, TD_CSV_FIELD_CATEGORY),
                           _("“%s” is not a category (Công nhân, Nông dân, Nhà khoa học, "
                             "Lao động giỏi, Người tốt việc tốt, Lãnh đạo, Khác)"), value);
      return NULL;
    }
  /* A leader with no category counts as one of the leaders' share. */
  person->category = has_category ? category : leader ? TD_CATEGORY_LEADER : TD_CATEGORY_DIRECT_WORKER;

  value = cell (r, TD_CSV_FIELD_SECTOR);
  if (!is_blank (value) && (sector = GPOINTER_TO_UINT (cache_lookup (r->cache[TD_CSV_FIELD_SECTOR], value))) != 0)
    sector--;
  else if (!is_blank (value) && td_csv_parse_sector (value, &sector))
    cache_store (r->cache[TD_CSV_FIELD_SECTOR], value, GUINT_TO_POINTER (sector + 1));
  else if (!is_blank (value))
    {
      td_csv_set_error_at (error, line, column_name (r, TD_CSV_FIELD_SECTOR),
                           _("“%s” is not an economic sector (Nhà nước, Tập thể, Tư nhân, Cá thể, "
                             "Có vốn đầu tư nước ngoài, Khác)"), value);
      return NULL;
    }
  person->sector = sector;

  return g_steal_pointer (&person);
}

gboolean
td_people_import_parse (TdPeopleImport          *self,
                        const char              *bytes,
                        gsize                    len,
                        TdPeopleImportProgress   progress,
                        gpointer                 user_data,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  g_autoptr(TdCsv) csv = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStringChunk) keys = NULL;
  g_autofree int *map = NULL;
  g_auto(RowReader) reader;
  TdEncoding encoding;
  guint n_rows;

  reader_init (&reader);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->parsed, FALSE);
  g_return_val_if_fail (bytes != NULL || len == 0, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled (error);

  if (self->target_unit != NULL && !g_hash_table_contains (self->unit_ids, self->target_unit))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The plan has no unit with the id “%s”"),
                   self->target_unit);
      return FALSE;
    }

  if (!choose_encoding (bytes, len, self->force_encoding, self->encoding, NULL, &encoding, error))
    return FALSE;
  csv = td_csv_read (bytes, len, encoding, self->delimiter, TD_CSV_FLAGS_NONE, error);
  if (csv == NULL)
    return FALSE;
  self->encoding = encoding;
  self->delimiter = td_csv_get_delimiter (csv);

  reader.header = td_csv_get_header (csv);
  if (reader.header == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The file is empty"));
      return FALSE;
    }
  map = map_columns (reader.header, self->mapping, self->n_mapping, TRUE, error);
  if (map == NULL)
    return FALSE;
  for (guint c = 0; c < reader.header->n_fields; c++)
    if (map[c] >= 0)
      reader.column_of[map[c]] = c;
  if (reader.column_of[TD_CSV_FIELD_FULL_NAME] < 0 && reader.column_of[TD_CSV_FIELD_GIVEN] < 0)
    {
      td_csv_set_error_at (error, reader.header->line, NULL,
                           _("no column holds the names: the header needs “%s”, or “%s” and “%s”"),
                           td_csv_field_header (TD_CSV_FIELD_FULL_NAME),
                           td_csv_field_header (TD_CSV_FIELD_FAMILY_MIDDLE),
                           td_csv_field_header (TD_CSV_FIELD_GIVEN));
      return FALSE;
    }

  n_rows = td_csv_get_n_rows (csv);
  /* 100,000 keys: kept in one chunk, freed at once. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  keys = g_string_chunk_new (64 * 1024);
  g_ptr_array_set_size (self->people, 0);
  g_ptr_array_set_size (self->duplicates, 0);
  if (progress != NULL)
    progress (0, n_rows, user_data);

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(TdPerson) person = NULL;
      g_autofree char *full = NULL;
      char *key;
      const char *existing;
      gpointer first_line;

      if (r % PROGRESS_EVERY == PROGRESS_EVERY - 1)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_ptr_array_set_size (self->people, 0);
              g_ptr_array_set_size (self->duplicates, 0);
              return set_cancelled (error);
            }
          if (progress != NULL)
            progress (r, n_rows, user_data);
        }

      reader.row = td_csv_get_row (csv, r);
      person = read_person (self, &reader, encoding, error);
      if (person == NULL)
        {
          g_ptr_array_set_size (self->people, 0);
          g_ptr_array_set_size (self->duplicates, 0);
          return FALSE;
        }

      full = join_name (person->family_middle, person->given);
      key = td_people_duplicate_key (full, person->birth_year, person->unit);
      existing = g_hash_table_lookup (self->existing, key);
      if (existing != NULL || g_hash_table_lookup_extended (seen, key, NULL, &first_line))
        {
          TdPeopleDuplicate *d = g_new0 (TdPeopleDuplicate, 1);

          d->line = reader.row->line;
          d->name = g_steal_pointer (&full);
          d->person_id = g_strdup (existing);
          d->first_line = existing != NULL ? 0 : GPOINTER_TO_UINT (first_line);
          g_ptr_array_add (self->duplicates, d);
          g_free (key);
          continue;
        }
      g_hash_table_insert (seen, g_string_chunk_insert (keys, key), GUINT_TO_POINTER (reader.row->line));
      g_free (key);
      g_ptr_array_add (self->people, g_steal_pointer (&person));
    }

  if (progress != NULL)
    progress (n_rows, n_rows, user_data);
  self->parsed = TRUE;
  return TRUE;
}

gboolean
td_people_import_apply (TdPeopleImport  *self,
                        TdPlan          *plan,
                        GCancellable    *cancellable,
                        GError         **error)
{
  guint counter;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (self->parsed && !self->applied, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled (error);

  /* The units may have changed while the file was parsed in a thread. */
  for (guint i = 0; i < self->people->len; i++)
    {
      TdPerson *person = g_ptr_array_index (self->people, i);

      if (person->unit != NULL && td_plan_get_unit (plan, person->unit) == NULL)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                       _("The unit “%s” was removed from the plan during the import"), person->unit);
          return FALSE;
        }
    }

  counter = g_list_model_get_n_items (G_LIST_MODEL (plan->people));
  td_plan_begin (plan, _("Import people"));
  for (guint i = 0; i < self->people->len; i++)
    {
      TdPerson *person = g_ptr_array_index (self->people, i);
      char id[32];

      if (i % PROGRESS_EVERY == PROGRESS_EVERY - 1 && g_cancellable_is_cancelled (cancellable))
        {
          td_plan_rollback (plan);
          for (guint k = 0; k < self->people->len; k++)
            g_clear_pointer (&((TdPerson *) g_ptr_array_index (self->people, k))->id, g_free);
          return set_cancelled (error);
        }
      do
        g_snprintf (id, sizeof id, "p%u", ++counter);
      while (td_plan_get_person (plan, id) != NULL);
      g_free (person->id);
      person->id = g_strdup (id);
      td_plan_add_person (plan, person);
    }
  td_plan_commit (plan);
  self->applied = TRUE;
  return TRUE;
}

TdEncoding
td_people_import_get_encoding (TdPeopleImport *self)
{
  g_return_val_if_fail (self != NULL, TD_ENCODING_UTF8);
  return self->encoding;
}

char
td_people_import_get_delimiter (TdPeopleImport *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

guint
td_people_import_get_n_people (TdPeopleImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->people->len;
}

GPtrArray *
td_people_import_get_people (TdPeopleImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->people;
}

GPtrArray *
td_people_import_get_duplicates (TdPeopleImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->duplicates;
}

gboolean
td_people_import_run (TdPlan                       *plan,
                      const char                   *bytes,
                      gsize                         len,
                      const TdPeopleImportOptions  *options,
                      TdPeopleImportProgress        progress,
                      gpointer                      user_data,
                      GCancellable                 *cancellable,
                      TdPeopleImport              **result,
                      GError                      **error)
{
  g_autoptr(TdPeopleImport) self = NULL;

  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);

  self = td_people_import_new (plan, options);
  if (!td_people_import_parse (self, bytes, len, progress, user_data, cancellable, error) ||
      !td_people_import_apply (self, plan, cancellable, error))
    return FALSE;
  if (result != NULL)
    *result = g_steal_pointer (&self);
  return TRUE;
}

/* ------------------------------------------------------------ duplicates */

GHashTable *
td_people_find_duplicates (TdPlan *plan)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GHashTable *result = g_hash_table_new (NULL, NULL);
  GListModel *people;
  GHashTableIter iter;
  gpointer value;
  guint n;

  g_return_val_if_fail (TD_IS_PLAN (plan), result);

  people = G_LIST_MODEL (plan->people);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      TdPerson *person = g_list_model_get_item (people, i);
      char *key = person_duplicate_key (person);
      GPtrArray *group = g_hash_table_lookup (groups, key);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, key, group);
        }
      else
        g_free (key);
      g_ptr_array_add (group, person);
      g_object_unref (person);  /* the plan keeps it */
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *group = value;

      if (group->len < 2)
        continue;
      for (guint i = 0; i < group->len; i++)
        g_hash_table_insert (result, g_ptr_array_index (group, i), GUINT_TO_POINTER (group->len));
    }
  return result;
}

/* -------------------------------------------------------- delete, merge */

/* Points the delegates of every conference who are in @from (id → id to become, or NULL to go)
 * at their new person, touching only the conferences that change. */
static void
repoint_delegates (TdPlan     *plan,
                   GHashTable *from)
{
  GListModel *conferences = G_LIST_MODEL (plan->conferences);
  guint n = g_list_model_get_n_items (conferences);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (conferences, i);
      gboolean touched = FALSE;

      for (guint k = c->delegates->len; k > 0; k--)
        {
          TdDelegate *d = &g_array_index (c->delegates, TdDelegate, k - 1);
          const char *to;

          if (!g_hash_table_lookup_extended (from, d->person, NULL, (gpointer *) &to))
            continue;
          if (!touched)
            {
              td_plan_touch (plan, c);
              touched = TRUE;
              /* Touching may not move the array, but take the element again to be sure. */
              d = &g_array_index (c->delegates, TdDelegate, k - 1);
            }
          if (to != NULL && td_conference_find_delegate (c, to) < 0)
            {
              g_free (d->person);
              d->person = g_strdup (to);
            }
          else
            /* The array's clear function frees the delegate. */
            g_array_remove_index (c->delegates, k - 1);
        }
    }
}

void
td_people_delete (TdPlan     *plan,
                  GPtrArray  *people,
                  const char *label)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (TD_IS_PLAN (plan));
  g_return_if_fail (people != NULL);

  if (people->len == 0)
    return;
  td_plan_begin (plan, label);
  for (guint i = 0; i < people->len; i++)
    g_hash_table_insert (gone, ((TdPerson *) g_ptr_array_index (people, i))->id, NULL);
  repoint_delegates (plan, gone);
  for (guint i = 0; i < people->len; i++)
    td_plan_remove_person (plan, g_ptr_array_index (people, i));
  td_plan_commit (plan);
}

static void
fill_string (char       **field,
             const char  *other)
{
  if ((*field == NULL || **field == '\0') && other != NULL && *other != '\0')
    {
      g_free (*field);
      *field = g_strdup (other);
    }
}

void
td_people_merge (TdPlan    *plan,
                 TdPerson  *keep,
                 GPtrArray *others)
{
  g_autoptr(GHashTable) from = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (TD_IS_PLAN (plan));
  g_return_if_fail (TD_IS_PERSON (keep));
  g_return_if_fail (others != NULL);

  td_plan_begin (plan, _("Merge people"));
  td_plan_touch (plan, keep);
  for (guint i = 0; i < others->len; i++)
    {
      TdPerson *other = g_ptr_array_index (others, i);

      if (other == keep)
        continue;
      g_hash_table_insert (from, other->id, keep->id);
      g_ptr_array_add (removed, g_object_ref (other));
      fill_string (&keep->ethnicity, other->ethnicity);
      fill_string (&keep->position, other->position);
      fill_string (&keep->note, other->note);
      if (keep->gender == TD_GENDER_UNKNOWN)
        keep->gender = other->gender;
      if (keep->birth_year == 0)
        keep->birth_year = other->birth_year;
    }
  repoint_delegates (plan, from);
  for (guint i = 0; i < removed->len; i++)
    td_plan_remove_person (plan, g_ptr_array_index (removed, i));
  td_plan_commit (plan);
}

/* --------------------------------------------------------------- sorting */

int
td_people_compare_official (gconstpointer a,
                            gconstpointer b)
{
  TdPerson *pa = *(TdPerson **) a;
  TdPerson *pb = *(TdPerson **) b;
  int r = strcmp (td_person_get_sort_key (pa), td_person_get_sort_key (pb));

  return r != 0 ? r : g_strcmp0 (pa->id, pb->id);
}

GPtrArray *
td_people_sorted (TdPlan *plan)
{
  GListModel *people;
  GPtrArray *sorted;
  guint n;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  people = G_LIST_MODEL (plan->people);
  n = g_list_model_get_n_items (people);
  sorted = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      TdPerson *person = g_list_model_get_item (people, i);

      g_ptr_array_add (sorted, person);
      g_object_unref (person);  /* the plan keeps it */
    }
  g_ptr_array_sort (sorted, td_people_compare_official);
  return sorted;
}

/* ---------------------------------------------------------------- export */

const char *
td_people_category_csv_label (TdCategory category)
{
  /* Each reads back through td_csv_parse_category(). */
  switch (category)
    {
    case TD_CATEGORY_DIRECT_WORKER: return "Người trực tiếp sản xuất, công tác";
    case TD_CATEGORY_FARMER:        return "Nông dân";
    case TD_CATEGORY_SCIENTIST:     return "Nhà khoa học";
    case TD_CATEGORY_GOOD_WORKER:   return "Lao động giỏi, lao động sáng tạo";
    case TD_CATEGORY_GOOD_DEEDS:    return "Người tốt việc tốt";
    case TD_CATEGORY_LEADER:        return "Lãnh đạo";
    case TD_CATEGORY_OTHER:         return "Khác";
    default:                        g_return_val_if_reached ("");
    }
}

const char *
td_people_sector_csv_label (TdSector sector)
{
  switch (sector)
    {
    case TD_SECTOR_STATE:      return "Nhà nước";
    case TD_SECTOR_COLLECTIVE: return "Tập thể";
    case TD_SECTOR_PRIVATE:    return "Tư nhân";
    case TD_SECTOR_HOUSEHOLD:  return "Cá thể";
    case TD_SECTOR_FOREIGN:    return "Có vốn đầu tư nước ngoài";
    case TD_SECTOR_OTHER:      return "Khác";
    default:                   g_return_val_if_reached ("");
    }
}

char *
td_people_export_csv (TdPlan    *plan,
                      GPtrArray *people,
                      gsize     *length)
{
  static const TdCsvField columns[] = {
    TD_CSV_FIELD_FAMILY_MIDDLE, TD_CSV_FIELD_GIVEN, TD_CSV_FIELD_GENDER, TD_CSV_FIELD_BIRTH_YEAR,
    TD_CSV_FIELD_ETHNICITY, TD_CSV_FIELD_POSITION, TD_CSV_FIELD_UNIT, TD_CSV_FIELD_LEADER,
    TD_CSV_FIELD_CATEGORY, TD_CSV_FIELD_SECTOR, TD_CSV_FIELD_NOTE,
  };
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) name_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *fields[G_N_ELEMENTS (columns)];
  GString *out;
  guint n_units;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  if (people == NULL)
    people = sorted = td_people_sorted (plan);

  /* A unit is written by its name, which a person reads, unless another unit has the same
   * name (as the importer compares them): then by its id, which reads back unambiguously. */
  n_units = g_list_model_get_n_items (G_LIST_MODEL (plan->units));
  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (G_LIST_MODEL (plan->units), i);
      char *folded = td_text_fold (unit->name ? unit->name : "");

      g_hash_table_insert (name_count, folded,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (name_count, folded)) + 1));
    }

  out = g_string_sized_new (128 + people->len * 128);
  td_csv_write_bom (out);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    fields[c] = td_csv_field_header (columns[c]);
  td_csv_write_row (out, fields, G_N_ELEMENTS (columns), ',');

  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (people, i);
      TdUnit *unit = p->unit != NULL ? td_plan_get_unit (plan, p->unit) : NULL;
      char year[16] = "";
      const char *unit_text = p->unit ? p->unit : "";

      if (unit != NULL && unit->name != NULL && *unit->name != '\0')
        {
          g_autofree char *folded = td_text_fold (unit->name);

          if (GPOINTER_TO_UINT (g_hash_table_lookup (name_count, folded)) == 1 &&
              td_plan_get_unit (plan, unit->name) == NULL)
            unit_text = unit->name;
        }
      if (p->birth_year > 0)
        g_snprintf (year, sizeof year, "%d", p->birth_year);

      fields[0] = p->family_middle ? p->family_middle : "";
      fields[1] = p->given ? p->given : "";
      fields[2] = p->gender == TD_GENDER_MALE ? "Nam" : p->gender == TD_GENDER_FEMALE ? "Nữ" : "";
      fields[3] = year;
      fields[4] = p->ethnicity ? p->ethnicity : "";
      fields[5] = p->position ? p->position : "";
      fields[6] = unit_text;
      fields[7] = p->leader ? "x" : "";
      fields[8] = td_people_category_csv_label (p->category);
      fields[9] = td_people_sector_csv_label (p->sector);
      fields[10] = p->note ? p->note : "";
      td_csv_write_row (out, fields, G_N_ELEMENTS (columns), ',');
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
