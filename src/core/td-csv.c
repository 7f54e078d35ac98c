/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-csv"

#include <glib/gi18n.h>
#include <string.h>

#include "td-csv.h"
#include "td-error.h"
#include "td-text.h"

struct _TdCsv
{
  char      delimiter;
  char     *text;     /* every field, NUL-terminated, one after the other */
  char    **fields;   /* every row's field pointers, each row followed by NULL */
  TdCsvRow *rows;     /* rows[0] is the header */
  guint     n_rows;
};

typedef struct {
  guint line;
  guint first;      /* index of the row's first field offset */
  guint n_fields;
} RowSpan;

/* ------------------------------------------------------------- scanning */

/* One record from text[*pos]; its fields go to arena (NUL-terminated) and
 * their offsets to offsets. Returns FALSE for a quoted field left open. */
static gboolean
scan_record (const char *text,
             gsize       len,
             gsize      *pos,
             char        delimiter,
             guint      *line,
             GString    *arena,
             GArray     *offsets,
             gboolean   *all_empty)
{
  gsize i = *pos;

  *all_empty = TRUE;
  for (;;)
    {
      gsize start_len = arena->len;

      g_array_append_val (offsets, start_len);

      if (i < len && text[i] == '"')
        {
          i++;
          for (;;)
            {
              const char *q = memchr (text + i, '"', len - i);
              gsize end = q ? (gsize) (q - text) : len;

              for (gsize k = i; k < end; k++)
                if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= len || text[k + 1] != '\n')))
                  (*line)++;
              g_string_append_len (arena, text + i, end - i);
              if (q == NULL)
                {
                  *pos = len;
                  return FALSE;
                }
              i = end + 1;
              if (i < len && text[i] == '"')
                {
                  g_string_append_c (arena, '"');
                  i++;
                  continue;
                }
              break;
            }
          /* Excel's leniency: text after the closing quote belongs to the field. */
        }

      {
        gsize start = i;

        while (i < len && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
          i++;
        g_string_append_len (arena, text + start, i - start);
      }

      for (gsize k = start_len; k < arena->len && *all_empty; k++)
        if (arena->str[k] != ' ' && arena->str[k] != '\t')
          *all_empty = FALSE;
      g_string_append_c (arena, '\0');

      if (i >= len)
        break;
      if (text[i] == delimiter)
        {
          i++;
          continue;
        }
      if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
      i++;
      (*line)++;
      break;
    }

  *pos = i;
  return TRUE;
}

/* Field counts of the first records (blank lines skipped), for detection. */
static guint
count_fields (const char *text,
              gsize       len,
              char        delimiter,
              guint      *counts,
              guint       max)
{
  g_autoptr(GString) arena = g_string_new (NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize pos = 0;
  guint line = 1, n = 0;

  while (pos < len && n < max)
    {
      gboolean empty;

      g_string_truncate (arena, 0);
      g_array_set_size (offsets, 0);
      if (!scan_record (text, len, &pos, delimiter, &line, arena, offsets, &empty))
        break;
      if (!empty)
        counts[n++] = offsets->len;
    }
  return n;
}

static const char *
skip_bom (const char *text,
          gsize      *len)
{
  if (*len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      *len -= 3;
      return text + 3;
    }
  return text;
}

char
td_csv_detect_delimiter (const char *text,
                         gssize      len)
{
  static const char candidates[] = { ',', ';', '\t' };
  gsize ulen;
  char best = ',';
  guint best_score = 0;

  g_return_val_if_fail (text != NULL, ',');

  ulen = len < 0 ? strlen (text) : (gsize) len;
  text = skip_bom (text, &ulen);
  /* Enough to decide, little enough to be instant on a huge file. */
  if (ulen > 64 * 1024)
    ulen = 64 * 1024;

  for (gsize c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[20];
      guint n = count_fields (text, ulen, candidates[c], counts, G_N_ELEMENTS (counts));
      guint consistent = 0, score;

      if (n == 0 || counts[0] < 2)
        continue;
      for (guint r = 0; r < n; r++)
        if (counts[r] == counts[0])
          consistent++;
      score = consistent * 1000 + counts[0];
      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
        }
    }
  return best;
}

/* --------------------------------------------------------------- parsing */

TdCsv *
td_csv_parse (const char  *text,
              gssize       len,
              char         delimiter,
              TdCsvFlags   flags,
              GError     **error)
{
  g_autoptr(GString) arena = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GArray) spans = NULL;
  gsize ulen, pos = 0;
  guint line = 1;
  TdCsv *csv;
  guint k;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';' ||
                        delimiter == '\t', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ulen = len < 0 ? strlen (text) : (gsize) len;
  text = skip_bom (text, &ulen);
  if (delimiter == 0)
    delimiter = td_csv_detect_delimiter (text, ulen);

  arena = g_string_sized_new (ulen + ulen / 8 + 16);
  offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), ulen / 8 + 16);
  spans = g_array_sized_new (FALSE, FALSE, sizeof (RowSpan), ulen / 64 + 16);

  while (pos < ulen)
    {
      RowSpan span = { line, offsets->len, 0 };
      gsize arena_len = arena->len;
      gboolean empty;

      if (!scan_record (text, ulen, &pos, delimiter, &line, arena, offsets, &empty))
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                       _("line %u: a quoted field is not closed"), span.line);
          return NULL;
        }
      if (empty)
        {
          /* Blank lines, and the ",,,," rows spreadsheets leave at the end. */
          g_string_truncate (arena, arena_len);
          g_array_set_size (offsets, span.first);
          continue;
        }
      span.n_fields = offsets->len - span.first;
      g_array_append_val (spans, span);
    }

  if (!(flags & TD_CSV_ALLOW_RAGGED) && spans->len > 0)
    {
      guint header = g_array_index (spans, RowSpan, 0).n_fields;

      for (guint r = 1; r < spans->len; r++)
        {
          RowSpan *s = &g_array_index (spans, RowSpan, r);

          if (s->n_fields != header)
            {
              g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                           ngettext ("line %u: %u field, the header has %u",
                                     "line %u: %u fields, the header has %u", s->n_fields),
                           s->line, s->n_fields, header);
              return NULL;
            }
        }
    }

  csv = g_new0 (TdCsv, 1);
  csv->delimiter = delimiter;
  csv->n_rows = spans->len;
  csv->text = g_string_free (g_steal_pointer (&arena), FALSE);
  csv->fields = g_new (char *, offsets->len + spans->len);
  csv->rows = g_new (TdCsvRow, spans->len);
  k = 0;
  for (guint r = 0; r < spans->len; r++)
    {
      RowSpan *s = &g_array_index (spans, RowSpan, r);

      csv->rows[r].line = s->line;
      csv->rows[r].n_fields = s->n_fields;
      csv->rows[r].fields = csv->fields + k;
      for (guint f = 0; f < s->n_fields; f++)
        csv->fields[k++] = csv->text + g_array_index (offsets, gsize, s->first + f);
      csv->fields[k++] = NULL;
    }
  return csv;
}

TdCsv *
td_csv_read (const char  *bytes,
             gsize        len,
             TdEncoding   encoding,
             char         delimiter,
             TdCsvFlags   flags,
             GError     **error)
{
  g_autofree char *text = td_encoding_decode (bytes, len, encoding, error);

  if (text == NULL)
    return NULL;
  return td_csv_parse (text, -1, delimiter, flags, error);
}

void
td_csv_free (TdCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->text);
  g_free (csv->fields);
  g_free (csv->rows);
  g_free (csv);
}

char
td_csv_get_delimiter (TdCsv *csv)
{
  g_return_val_if_fail (csv != NULL, ',');
  return csv->delimiter;
}

const TdCsvRow *
td_csv_get_header (TdCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return csv->n_rows > 0 ? &csv->rows[0] : NULL;
}

guint
td_csv_get_n_rows (TdCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->n_rows > 0 ? csv->n_rows - 1 : 0;
}

const TdCsvRow *
td_csv_get_row (TdCsv *csv,
                guint  index)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (index + 1 < csv->n_rows, NULL);
  return &csv->rows[index + 1];
}

/* ------------------------------------------------------------- headers */

/* Folded, with punctuation as spaces and runs of spaces as one: "Nam / Nữ",
 * "Nam/Nữ" and "NAM-NỮ" all become "nam nu". */
static char *
normalize_label (const char *s)
{
  g_autofree char *folded = td_text_fold (s ? s : "");
  GString *out;
  gboolean space = FALSE;

  if (folded == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p++)
    {
      if (*p == ' ' || strchr (",;/-_:*.()", *p) != NULL)
        {
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

static const struct {
  const char *canonical;
  const char *names[8];   /* normalized; the first is the canonical one */
} field_headers[TD_CSV_N_FIELDS] = {
  [TD_CSV_FIELD_FULL_NAME] = { "Họ và tên", { "ho va ten", "ho ten", "full name", "name", NULL } },
  [TD_CSV_FIELD_FAMILY_MIDDLE] = { "Họ và tên đệm", { "ho va ten dem", "ho dem",
                                                      "family and middle names", NULL } },
  [TD_CSV_FIELD_GIVEN] = { "Tên", { "ten", "given name", NULL } },
  [TD_CSV_FIELD_GENDER] = { "Giới tính", { "gioi tinh", "nam nu", "gender", NULL } },
  [TD_CSV_FIELD_BIRTH_YEAR] = { "Năm sinh", { "nam sinh", "birth year", NULL } },
  [TD_CSV_FIELD_ETHNICITY] = { "Dân tộc", { "dan toc", "ethnicity", NULL } },
  [TD_CSV_FIELD_POSITION] = { "Chức vụ", { "chuc vu", "position", NULL } },
  [TD_CSV_FIELD_UNIT] = { "Đơn vị", { "don vi", "unit", NULL } },
  [TD_CSV_FIELD_LEADER] = { "Lãnh đạo", { "lanh dao", "leader", NULL } },
  [TD_CSV_FIELD_CATEGORY] = { "Thành phần", { "thanh phan", "co cau", "category", NULL } },
  [TD_CSV_FIELD_SECTOR] = { "Thành phần kinh tế", { "thanh phan kinh te", "sector", NULL } },
  [TD_CSV_FIELD_NOTE] = { "Ghi chú", { "ghi chu", "note", NULL } },
};

int
td_csv_match_header (const char *header)
{
  g_autofree char *norm = normalize_label (header);

  if (*norm == '\0')
    return -1;
  for (int f = 0; f < TD_CSV_N_FIELDS; f++)
    for (int n = 0; field_headers[f].names[n]; n++)
      if (strcmp (norm, field_headers[f].names[n]) == 0)
        return f;
  return -1;
}

const char *
td_csv_field_header (TdCsvField field)
{
  g_return_val_if_fail (field < TD_CSV_N_FIELDS, NULL);
  return field_headers[field].canonical;
}

/* -------------------------------------------------------------- values */

static gboolean
in_list (const char *norm,
         const char * const *list)
{
  for (; *list; list++)
    if (strcmp (norm, *list) == 0)
      return TRUE;
  return FALSE;
}

gboolean
td_csv_parse_gender (const char *value,
                     TdGender   *out)
{
  static const char * const male[] = { "nam", "male", "m", NULL };
  static const char * const female[] = { "nu", "female", "f", NULL };
  g_autofree char *norm = normalize_label (value);

  g_return_val_if_fail (out != NULL, FALSE);

  if (*norm == '\0')
    *out = TD_GENDER_UNKNOWN;
  else if (in_list (norm, male))
    *out = TD_GENDER_MALE;
  else if (in_list (norm, female))
    *out = TD_GENDER_FEMALE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *s,
            gsize       len,
            guint      *out)
{
  guint v = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
td_csv_parse_birth_year (const char *value,
                         int        *out)
{
  g_autofree char *s = g_strstrip (g_strdup (value ? value : ""));
  g_auto(GStrv) parts = NULL;
  gsize digits;
  guint n, year;

  g_return_val_if_fail (out != NULL, FALSE);

  if (*s == '\0')
    {
      *out = 0;
      return TRUE;
    }

  digits = strspn (s, "0123456789");
  if (s[digits] == '\0')
    {
      if (!(digits == 4 && parse_uint (s, 4, &year)))
        return FALSE;
    }
  else
    {
      char sep[2] = { s[digits], '\0' };
      guint v[3], day, month;

      if (strchr ("/-.", sep[0]) == NULL)
        return FALSE;
      parts = g_strsplit (s, sep, -1);
      n = g_strv_length (parts);
      if (n != 3)
        return FALSE;
      for (guint i = 0; i < 3; i++)
        if (!parse_uint (parts[i], strlen (parts[i]), &v[i]))
          return FALSE;
      if (strlen (parts[0]) == 4 && strlen (parts[1]) <= 2 && strlen (parts[2]) <= 2)
        year = v[0], month = v[1], day = v[2];      /* ISO yyyy-mm-dd */
      else if (strlen (parts[2]) == 4 && strlen (parts[0]) <= 2 && strlen (parts[1]) <= 2)
        day = v[0], month = v[1], year = v[2];      /* Vietnamese d/m/yyyy */
      else
        return FALSE;
      if (month < 1 || month > 12 || day < 1 || year < 1 ||
          !g_date_valid_dmy (day, month, year))
        return FALSE;
    }

  if (year < 1900 || year > 2100)
    return FALSE;
  *out = (int) year;
  return TRUE;
}

gboolean
td_csv_parse_leader (const char *value,
                     gboolean   *out)
{
  static const char * const yes[] = { "x", "co", "1", "yes", "true", "y", NULL };
  static const char * const no[] = { "", "khong", "0", "no", "false", "n", NULL };
  g_autofree char *norm = normalize_label (value);

  g_return_val_if_fail (out != NULL, FALSE);

  if (in_list (norm, yes))
    *out = TRUE;
  else if (in_list (norm, no))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static const struct {
  TdCategory category;
  const char *names[8];
} category_names[] = {
  { TD_CATEGORY_DIRECT_WORKER, { "cong nhan", "nguoi truc tiep san xuat", "nguoi truc tiep cong tac",
                                 "truc tiep san xuat", "truc tiep cong tac",
                                 "nguoi truc tiep san xuat cong tac", "direct worker", NULL } },
  { TD_CATEGORY_FARMER, { "nong dan", "farmer", NULL } },
  { TD_CATEGORY_SCIENTIST, { "nha khoa hoc", "nghien cuu khoa hoc", "khoa hoc", "scientist", NULL } },
  { TD_CATEGORY_GOOD_WORKER, { "lao dong gioi", "lao dong sang tao", "lao dong gioi sang tao",
                               "lao dong gioi lao dong sang tao", "good or creative worker", NULL } },
  { TD_CATEGORY_GOOD_DEEDS, { "nguoi tot viec tot", "good deeds", NULL } },
  { TD_CATEGORY_LEADER, { "lanh dao", "can bo lanh dao", "lanh dao quan ly", "quan ly", "leader", NULL } },
  { TD_CATEGORY_OTHER, { "khac", "other", NULL } },
};

static const struct {
  TdSector sector;
  const char *names[8];
} sector_names[] = {
  { TD_SECTOR_STATE, { "nha nuoc", "kinh te nha nuoc", "khu vuc nha nuoc", "state", NULL } },
  { TD_SECTOR_COLLECTIVE, { "tap the", "kinh te tap the", "hop tac xa", "collective", NULL } },
  { TD_SECTOR_PRIVATE, { "tu nhan", "kinh te tu nhan", "doanh nghiep tu nhan", "private", NULL } },
  { TD_SECTOR_HOUSEHOLD, { "ho gia dinh", "ca the", "ho ca the", "kinh te ca the", "ho kinh doanh",
                           "household", NULL } },
  { TD_SECTOR_FOREIGN, { "nuoc ngoai", "co von dau tu nuoc ngoai", "von dau tu nuoc ngoai",
                         "kinh te co von dau tu nuoc ngoai", "fdi", "foreign invested", NULL } },
  { TD_SECTOR_OTHER, { "khac", "other", NULL } },
};

gboolean
td_csv_parse_category (const char *value,
                       TdCategory *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));
  g_autofree char *norm = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (td_category_from_string (trimmed, out))
    return TRUE;
  norm = normalize_label (trimmed);
  for (gsize i = 0; i < G_N_ELEMENTS (category_names); i++)
    if (in_list (norm, category_names[i].names))
      {
        *out = category_names[i].category;
        return TRUE;
      }
  return FALSE;
}

gboolean
td_csv_parse_sector (const char *value,
                     TdSector   *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));
  g_autofree char *norm = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (td_sector_from_string (trimmed, out))
    return TRUE;
  norm = normalize_label (trimmed);
  for (gsize i = 0; i < G_N_ELEMENTS (sector_names); i++)
    if (in_list (norm, sector_names[i].names))
      {
        *out = sector_names[i].sector;
        return TRUE;
      }
  return FALSE;
}

void
td_csv_set_error_at (GError     **error,
                     guint        line,
                     const char  *column,
                     const char  *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column != NULL)
    /* TRANSLATORS: "line 12, column “Năm sinh”: not a year" */
    g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("line %u, column “%s”: %s"),
                 line, column, message);
  else
    g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("line %u: %s"), line, message);
}

/* -------------------------------------------------------------- writing */

void
td_csv_write_bom (GString *out)
{
  g_return_if_fail (out != NULL);
  g_string_append (out, "\xef\xbb\xbf");
}

void
td_csv_write_row (GString            *out,
                  const char * const *fields,
                  gssize              n_fields,
                  char                delimiter)
{
  g_return_if_fail (out != NULL);

  if (n_fields < 0)
    n_fields = fields ? g_strv_length ((char **) fields) : 0;

  for (gssize i = 0; i < n_fields; i++)
    {
      const char *f = fields[i] ? fields[i] : "";
      gsize len = strlen (f);
      gboolean quote = len > 0 && (f[0] == ' ' || f[0] == '\t' || f[len - 1] == ' ' ||
                                   f[len - 1] == '\t');

      if (i > 0)
        g_string_append_c (out, delimiter);
      for (const char *p = f; *p && !quote; p++)
        quote = *p == delimiter || *p == '"' || *p == '\n' || *p == '\r';

      if (!quote)
        {
          g_string_append_len (out, f, len);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *p = f; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
