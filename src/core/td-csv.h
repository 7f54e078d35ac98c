/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "td-encoding.h"
#include "td-types.h"

G_BEGIN_DECLS

/* The person fields a CSV column can hold (domain/interchange.md, "CSV import of people"). */
typedef enum {
  TD_CSV_FIELD_FULL_NAME,
  TD_CSV_FIELD_FAMILY_MIDDLE,
  TD_CSV_FIELD_GIVEN,
  TD_CSV_FIELD_GENDER,
  TD_CSV_FIELD_BIRTH_YEAR,
  TD_CSV_FIELD_ETHNICITY,
  TD_CSV_FIELD_POSITION,
  TD_CSV_FIELD_UNIT,
  TD_CSV_FIELD_LEADER,
  TD_CSV_FIELD_CATEGORY,
  TD_CSV_FIELD_SECTOR,
  TD_CSV_FIELD_NOTE,
} TdCsvField;
#define TD_CSV_N_FIELDS 12

typedef enum {
  TD_CSV_FLAGS_NONE = 0,
  /* Keep rows whose field count differs from the header's instead of failing
   * (for a preview of a file that the import would reject). */
  TD_CSV_ALLOW_RAGGED = 1 << 0,
} TdCsvFlags;

typedef struct {
  guint  line;      /* 1-based line of the source where the row starts */
  guint  n_fields;
  char **fields;    /* n_fields UTF-8 strings, NULL-terminated; owned by the TdCsv */
} TdCsvRow;

typedef struct _TdCsv TdCsv;

/* Delimiter of a CSV text: ',', ';' or '\t' (',' when nothing tells). */
char            td_csv_detect_delimiter (const char *text, gssize len);

/* Parses UTF-8 text (a leading BOM is skipped). delimiter 0 means detect.
 * The first non-empty row is the header. Empty lines, and rows whose
 * fields are all empty, are skipped. Fails with TD_ERROR_INVALID naming the line:
 * a quoted field left open, or (unless TD_CSV_ALLOW_RAGGED) a row with another
 * number of fields than the header ("line 12: 11 fields, the header has 8"). */
TdCsv          *td_csv_parse            (const char *text, gssize len, char delimiter,
                                         TdCsvFlags flags, GError **error);
/* Decodes bytes (td_encoding_decode) and parses them. */
TdCsv          *td_csv_read             (const char *bytes, gsize len, TdEncoding encoding,
                                         char delimiter, TdCsvFlags flags, GError **error);
void            td_csv_free             (TdCsv *csv);

char            td_csv_get_delimiter    (TdCsv *csv);
/* The header row; NULL for an empty text. */
const TdCsvRow *td_csv_get_header       (TdCsv *csv);
/* Data rows, the header not counted. */
guint           td_csv_get_n_rows       (TdCsv *csv);
const TdCsvRow *td_csv_get_row          (TdCsv *csv, guint index);

/* The field a header names (case-, accent- and space-insensitive), or -1. */
int             td_csv_match_header     (const char *header);
/* The canonical (Vietnamese) header of a field: "Họ và tên", "Năm sinh"… */
const char     *td_csv_field_header     (TdCsvField field);

/* Value parsers. Surrounding spaces are ignored; an empty value is valid and
 * gives TD_GENDER_UNKNOWN, 0, FALSE, and leaves category and sector unset
 * (returning FALSE for those two, whose empty value the caller decides). */
gboolean        td_csv_parse_gender     (const char *value, TdGender *out);
/* "1980", "5/3/1980", "05-03-1980", "1980-03-05". Years 1900–2100. */
gboolean        td_csv_parse_birth_year (const char *value, int *out);
/* x, có, 1, yes, true = TRUE; empty, không, 0, no, false = FALSE. */
gboolean        td_csv_parse_leader     (const char *value, gboolean *out);
/* Enum strings ("farmer"), English labels, or Vietnamese labels ("Nông dân"). */
gboolean        td_csv_parse_category   (const char *value, TdCategory *out);
gboolean        td_csv_parse_sector     (const char *value, TdSector *out);

/* Sets a TD_ERROR_INVALID error that names a line and a column:
 * "line 12, column “Năm sinh”: <message>". */
void            td_csv_set_error_at     (GError **error, guint line, const char *column,
                                         const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Writer: UTF-8 with a BOM (so that Excel reads it as UTF-8), CRLF line ends,
 * fields quoted when they hold the delimiter, a quote, a line break or
 * surrounding spaces. */
void            td_csv_write_bom        (GString *out);
void            td_csv_write_row        (GString *out, const char * const *fields,
                                         gssize n_fields, char delimiter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsv, td_csv_free)

G_END_DECLS
