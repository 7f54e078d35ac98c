/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "td-csv.h"
#include "td-error.h"

static TdCsv *
parse_ok (const char *text, char delimiter)
{
  g_autoptr(GError) error = NULL;
  TdCsv *csv = td_csv_parse (text, -1, delimiter, TD_CSV_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

/* Asserts a row's line and fields ("a|b|c" with | between fields). */
static void
assert_row (const TdCsvRow *row, guint line, const char *joined)
{
  g_autofree char *got = g_strjoinv ("|", row->fields);

  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpstr (got, ==, joined);
  g_assert_cmpuint (row->n_fields, ==, g_strv_length (row->fields));
}

static void
test_basic (void)
{
  g_autoptr(TdCsv) csv = parse_ok ("Họ và tên,Năm sinh\nNguyễn Văn An,1980\nLê Thị Hoà,1990\n", 0);

  g_assert_cmpint (td_csv_get_delimiter (csv), ==, ',');
  assert_row (td_csv_get_header (csv), 1, "Họ và tên|Năm sinh");
  g_assert_cmpuint (td_csv_get_n_rows (csv), ==, 2);
  assert_row (td_csv_get_row (csv, 0), 2, "Nguyễn Văn An|1980");
  assert_row (td_csv_get_row (csv, 1), 3, "Lê Thị Hoà|1990");
}

static void
test_quotes (void)
{
  g_autoptr(TdCsv) csv = parse_ok (
    "a,b,c\r\n"
    "\"x, y\",\"say \"\"hi\"\"\",\"\"\r\n"            /* line 2 */
    "\"two\r\nlines\",\"three\nmore\nlines\",z\r\n"   /* lines 3–6 */
    "plain \"quote\" inside,\"\"\"\",end\r\n"         /* line 7 */
    "\"after\"tail,,\r\n",                            /* line 8 */
    ',');

  g_assert_cmpuint (td_csv_get_n_rows (csv), ==, 4);
  assert_row (td_csv_get_row (csv, 0), 2, "x, y|say \"hi\"|");
  assert_row (td_csv_get_row (csv, 1), 3, "two\r\nlines|three\nmore\nlines|z");
  assert_row (td_csv_get_row (csv, 2), 7, "plain \"quote\" inside|\"|end");
  assert_row (td_csv_get_row (csv, 3), 8, "aftertail||");
}

static void
test_line_ends_and_blanks (void)
{
  /* BOM, CRLF, a lone CR (old Mac), LF; blank lines and spreadsheet ",,"
   * rows skipped; no line end at the very end; a trailing delimiter makes
   * an empty last field. */
  g_autoptr(TdCsv) csv = parse_ok ("\xef\xbb\xbf" "a,b\r\n\r\n1,2\r3,4\n\n,\n  , \n5,\n6,7", 0);

  assert_row (td_csv_get_header (csv), 1, "a|b");
  g_assert_cmpuint (td_csv_get_n_rows (csv), ==, 4);
  assert_row (td_csv_get_row (csv, 0), 3, "1|2");
  assert_row (td_csv_get_row (csv, 1), 4, "3|4");
  assert_row (td_csv_get_row (csv, 2), 8, "5|");
  assert_row (td_csv_get_row (csv, 3), 9, "6|7");
}

static void
test_empty (void)
{
  g_autoptr(TdCsv) a = parse_ok ("", 0);
  g_autoptr(TdCsv) b = parse_ok ("\xef\xbb\xbf\r\n\n", 0);
  g_autoptr(TdCsv) c = parse_ok ("only,header\n", 0);

  g_assert_null (td_csv_get_header (a));
  g_assert_cmpuint (td_csv_get_n_rows (a), ==, 0);
  g_assert_null (td_csv_get_header (b));
  assert_row (td_csv_get_header (c), 1, "only|header");
  g_assert_cmpuint (td_csv_get_n_rows (c), ==, 0);
}

static void
test_ragged (void)
{
  const char *text = "a,b,c\n1,2,3\n\n1,2\n";
  g_autoptr(GError) error = NULL;
  TdCsv *csv = td_csv_parse (text, -1, 0, TD_CSV_FLAGS_NONE, &error);

  g_assert_null (csv);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 4: 2 fields, the header has 3");
  g_clear_error (&error);

  csv = td_csv_parse ("a,b,c\n1,2,3\n\"x\ny\",2,3,4,5\n", -1, 0, TD_CSV_FLAGS_NONE, &error);
  g_assert_null (csv);
  g_assert_cmpstr (error->message, ==, "line 3: 5 fields, the header has 3");
  g_clear_error (&error);

  csv = td_csv_parse ("a;b\n1;2\n1\n", -1, ';', TD_CSV_FLAGS_NONE, &error);
  g_assert_null (csv);
  g_assert_cmpstr (error->message, ==, "line 3: 1 field, the header has 2");
  g_clear_error (&error);

  /* Allowed for a preview: the rows keep their own lengths. */
  csv = td_csv_parse (text, -1, 0, TD_CSV_ALLOW_RAGGED, &error);
  g_assert_no_error (error);
  assert_row (td_csv_get_row (csv, 1), 4, "1|2");
  td_csv_free (csv);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  TdCsv *csv = td_csv_parse ("a,b\n1,2\n3,\"open\n4,5\n", -1, 0, TD_CSV_FLAGS_NONE, &error);

  g_assert_null (csv);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 3: a quoted field is not closed");
}

static void
test_delimiters (void)
{
  g_assert_cmpint (td_csv_detect_delimiter ("a,b,c\n1,2,3\n", -1), ==, ',');
  /* Commas in values do not fool it. */
  g_assert_cmpint (td_csv_detect_delimiter ("Họ tên;Chức vụ\nA;Nông dân, tổ trưởng\nB;x, y, z\n", -1), ==, ';');
  g_assert_cmpint (td_csv_detect_delimiter ("Họ tên\tChức vụ\nA\tGiáo viên, tổ trưởng\n", -1), ==, '\t');
  /* Quoted delimiters do not count. */
  g_assert_cmpint (td_csv_detect_delimiter ("\"a;b;c\",d\n\"1;2;3\",4\n", -1), ==, ',');
  g_assert_cmpint (td_csv_detect_delimiter ("\xef\xbb\xbf" "a;b\n", -1), ==, ';');
  /* A single column: the default. */
  g_assert_cmpint (td_csv_detect_delimiter ("Họ và tên\nAn\n", -1), ==, ',');
  g_assert_cmpint (td_csv_detect_delimiter ("", -1), ==, ',');

  {
    /* Forcing: the same text read with a forced comma keeps the semicolons. */
    g_autoptr(TdCsv) csv = parse_ok ("a;b,c\n1;2,3\n", ',');
    g_autoptr(TdCsv) detected = parse_ok ("a;b,c\n1;2,3\n", 0);

    assert_row (td_csv_get_row (csv, 0), 2, "1;2|3");
    g_assert_cmpint (td_csv_get_delimiter (detected), ==, ',');
  }
  {
    g_autoptr(TdCsv) csv = parse_ok ("a\tb\n1\t2,5\n", 0);
    g_assert_cmpint (td_csv_get_delimiter (csv), ==, '\t');
    assert_row (td_csv_get_row (csv, 0), 2, "1|2,5");
  }
}

static void
test_headers (void)
{
  struct { const char *header; int field; } cases[] = {
    { "Họ và tên", TD_CSV_FIELD_FULL_NAME }, { "HỌ VÀ TÊN", TD_CSV_FIELD_FULL_NAME },
    { "ho va ten", TD_CSV_FIELD_FULL_NAME }, { " Họ  tên ", TD_CSV_FIELD_FULL_NAME },
    { "Full name", TD_CSV_FIELD_FULL_NAME }, { "Ho\xcc\xa3 va\xcc\x80 te\xcc\x82n", TD_CSV_FIELD_FULL_NAME },
    { "Họ và tên đệm", TD_CSV_FIELD_FAMILY_MIDDLE }, { "Họ đệm", TD_CSV_FIELD_FAMILY_MIDDLE },
    { "Tên", TD_CSV_FIELD_GIVEN }, { "TÊN", TD_CSV_FIELD_GIVEN },
    { "Giới tính", TD_CSV_FIELD_GENDER }, { "Nam/Nữ", TD_CSV_FIELD_GENDER },
    { "Nam / Nữ", TD_CSV_FIELD_GENDER }, { "nam/nu", TD_CSV_FIELD_GENDER },
    { "Năm sinh", TD_CSV_FIELD_BIRTH_YEAR }, { "NĂM SINH", TD_CSV_FIELD_BIRTH_YEAR },
    { "Dân tộc", TD_CSV_FIELD_ETHNICITY }, { "Chức vụ", TD_CSV_FIELD_POSITION },
    { "Đơn vị", TD_CSV_FIELD_UNIT }, { "don vi", TD_CSV_FIELD_UNIT },
    { "Lãnh đạo", TD_CSV_FIELD_LEADER }, { "Thành phần", TD_CSV_FIELD_CATEGORY },
    { "Cơ cấu", TD_CSV_FIELD_CATEGORY }, { "Thành phần kinh tế", TD_CSV_FIELD_SECTOR },
    { "Ghi chú", TD_CSV_FIELD_NOTE }, { "Ghi chú:", TD_CSV_FIELD_NOTE },
    { "STT", -1 }, { "Họ", -1 }, { "", -1 }, { "Tên đệm", -1 }, { "Họ và tên khác", -1 },
    { "Số điện thoại", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    if (td_csv_match_header (cases[i].header) != cases[i].field)
      g_error ("header \"%s\": %d, expected %d", cases[i].header,
               td_csv_match_header (cases[i].header), cases[i].field);
  for (int f = 0; f < TD_CSV_N_FIELDS; f++)
    g_assert_cmpint (td_csv_match_header (td_csv_field_header (f)), ==, f);
  g_assert_cmpint (td_csv_match_header (NULL), ==, -1);
}

static void
test_values (void)
{
  TdGender g;
  int year;
  gboolean leader;
  TdCategory cat;
  TdSector sec;

  g_assert_true (td_csv_parse_gender ("Nam", &g) && g == TD_GENDER_MALE);
  g_assert_true (td_csv_parse_gender (" nữ ", &g) && g == TD_GENDER_FEMALE);
  g_assert_true (td_csv_parse_gender ("NỮ", &g) && g == TD_GENDER_FEMALE);
  g_assert_true (td_csv_parse_gender ("female", &g) && g == TD_GENDER_FEMALE);
  g_assert_true (td_csv_parse_gender ("male", &g) && g == TD_GENDER_MALE);
  g_assert_true (td_csv_parse_gender ("", &g) && g == TD_GENDER_UNKNOWN);
  g_assert_false (td_csv_parse_gender ("x", &g));

  g_assert_true (td_csv_parse_birth_year ("1980", &year) && year == 1980);
  g_assert_true (td_csv_parse_birth_year (" 1980 ", &year) && year == 1980);
  g_assert_true (td_csv_parse_birth_year ("5/3/1980", &year) && year == 1980);
  g_assert_true (td_csv_parse_birth_year ("05/03/1975", &year) && year == 1975);
  g_assert_true (td_csv_parse_birth_year ("29-02-2000", &year) && year == 2000);
  g_assert_true (td_csv_parse_birth_year ("1.12.1966", &year) && year == 1966);
  g_assert_true (td_csv_parse_birth_year ("1980-03-05", &year) && year == 1980);
  g_assert_true (td_csv_parse_birth_year ("", &year) && year == 0);
  g_assert_true (td_csv_parse_birth_year (NULL, &year) && year == 0);
  year = -1;
  g_assert_false (td_csv_parse_birth_year ("29/2/1999", &year));   /* no such day */
  g_assert_false (td_csv_parse_birth_year ("31/4/1980", &year));
  g_assert_false (td_csv_parse_birth_year ("5/13/1980", &year));
  g_assert_false (td_csv_parse_birth_year ("0/3/1980", &year));
  g_assert_false (td_csv_parse_birth_year ("5/3-1980", &year));
  g_assert_false (td_csv_parse_birth_year ("5/3/80", &year));
  g_assert_false (td_csv_parse_birth_year ("80", &year));
  g_assert_false (td_csv_parse_birth_year ("1899", &year));
  g_assert_false (td_csv_parse_birth_year ("2101", &year));
  g_assert_false (td_csv_parse_birth_year ("19800", &year));
  g_assert_false (td_csv_parse_birth_year ("năm 1980", &year));
  g_assert_false (td_csv_parse_birth_year ("1980/", &year));
  g_assert_cmpint (year, ==, -1);

  for (const char * const *v = (const char *[]) { "x", "X", "có", "Có", "1", "yes", "true", NULL }; *v; v++)
    g_assert_true (td_csv_parse_leader (*v, &leader) && leader);
  for (const char * const *v = (const char *[]) { "", " ", "không", "0", "no", NULL }; *v; v++)
    g_assert_true (td_csv_parse_leader (*v, &leader) && !leader);
  g_assert_false (td_csv_parse_leader ("maybe", &leader));
  g_assert_false (td_csv_parse_leader ("2", &leader));

  g_assert_true (td_csv_parse_category ("farmer", &cat) && cat == TD_CATEGORY_FARMER);
  g_assert_true (td_csv_parse_category ("Nông dân", &cat) && cat == TD_CATEGORY_FARMER);
  g_assert_true (td_csv_parse_category ("NÔNG DÂN", &cat) && cat == TD_CATEGORY_FARMER);
  g_assert_true (td_csv_parse_category ("direct_worker", &cat) && cat == TD_CATEGORY_DIRECT_WORKER);
  g_assert_true (td_csv_parse_category ("Công nhân", &cat) && cat == TD_CATEGORY_DIRECT_WORKER);
  g_assert_true (td_csv_parse_category ("Người trực tiếp sản xuất", &cat) && cat == TD_CATEGORY_DIRECT_WORKER);
  g_assert_true (td_csv_parse_category ("Nhà khoa học", &cat) && cat == TD_CATEGORY_SCIENTIST);
  g_assert_true (td_csv_parse_category ("Lao động giỏi, lao động sáng tạo", &cat) && cat == TD_CATEGORY_GOOD_WORKER);
  g_assert_true (td_csv_parse_category ("Người tốt, việc tốt", &cat) && cat == TD_CATEGORY_GOOD_DEEDS);
  g_assert_true (td_csv_parse_category ("Lãnh đạo", &cat) && cat == TD_CATEGORY_LEADER);
  g_assert_true (td_csv_parse_category ("Khác", &cat) && cat == TD_CATEGORY_OTHER);
  g_assert_false (td_csv_parse_category ("", &cat));
  g_assert_false (td_csv_parse_category ("Giáo viên", &cat));

  g_assert_true (td_csv_parse_sector ("state", &sec) && sec == TD_SECTOR_STATE);
  g_assert_true (td_csv_parse_sector ("Nhà nước", &sec) && sec == TD_SECTOR_STATE);
  g_assert_true (td_csv_parse_sector ("Kinh tế tập thể", &sec) && sec == TD_SECTOR_COLLECTIVE);
  g_assert_true (td_csv_parse_sector ("Tư nhân", &sec) && sec == TD_SECTOR_PRIVATE);
  g_assert_true (td_csv_parse_sector ("Hộ cá thể", &sec) && sec == TD_SECTOR_HOUSEHOLD);
  g_assert_true (td_csv_parse_sector ("Có vốn đầu tư nước ngoài", &sec) && sec == TD_SECTOR_FOREIGN);
  g_assert_true (td_csv_parse_sector ("foreign", &sec) && sec == TD_SECTOR_FOREIGN);
  g_assert_true (td_csv_parse_sector ("khác", &sec) && sec == TD_SECTOR_OTHER);
  g_assert_false (td_csv_parse_sector ("", &sec));
  g_assert_false (td_csv_parse_sector ("Nông dân", &sec));
}

static void
test_error_at (void)
{
  g_autoptr(GError) error = NULL;

  td_csv_set_error_at (&error, 12, "Năm sinh", "“%s” is not a year", "abc");
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 12, column “Năm sinh”: “abc” is not a year");
  g_clear_error (&error);
  td_csv_set_error_at (&error, 3, NULL, "%d", 7);
  g_assert_cmpstr (error->message, ==, "line 3: 7");
  td_csv_set_error_at (NULL, 3, NULL, "ignored");
}

static void
test_writer_round_trip (void)
{
  const char *rows[][4] = {
    { "Họ và tên", "Chức vụ", "Ghi chú", "Năm sinh" },
    { "Nguyễn Thị Ánh", "Nông dân, tổ trưởng", "nói \"hay\"", "1980" },
    { " leading", "trailing ", "two\nlines", "" },
    { "", "semi;colon", "tab\there", "crlf\r\nx" },
    { "\"", "\"\"", ",", "" },
  };
  const char delims[] = { ',', ';', '\t' };

  for (gsize d = 0; d < G_N_ELEMENTS (delims); d++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(TdCsv) csv = NULL;

      td_csv_write_bom (out);
      for (gsize r = 0; r < G_N_ELEMENTS (rows); r++)
        td_csv_write_row (out, rows[r], 4, delims[d]);
      g_assert_true (g_str_has_prefix (out->str, "\xef\xbb\xbf"));
      g_assert_true (g_str_has_suffix (out->str, "\r\n"));

      csv = parse_ok (out->str, 0);
      g_assert_cmpint (td_csv_get_delimiter (csv), ==, delims[d]);
      g_assert_cmpuint (td_csv_get_n_rows (csv), ==, G_N_ELEMENTS (rows) - 1);
      for (gsize r = 1; r < G_N_ELEMENTS (rows); r++)
        for (int f = 0; f < 4; f++)
          g_assert_cmpstr (td_csv_get_row (csv, r - 1)->fields[f], ==, rows[r][f]);
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    const char *plain[] = { "a", "b c", NULL };

    td_csv_write_row (out, plain, -1, ',');
    g_assert_cmpstr (out->str, ==, "a,b c\r\n");
  }
}

/* The sample files made by tests/files/csv/make-samples.py. */
static const char * const sample_rows[7][8] = {
  { "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Chức vụ", "Đơn vị", "Lãnh đạo", "Thành phần" },
  { "Nguyễn Thị Ánh Tuyết", "Nữ", "1980", "Kinh", "Giáo viên", "UBND xã Thanh Phước", "", "Người tốt việc tốt" },
  { "Trần Văn Đông", "Nam", "12/5/1975", "Kinh", "Phó Chủ tịch", "Huyện Gò Dầu", "x", "Lãnh đạo" },
  { "Lê Thị Hoà", "Nữ", "1990", "Khmer", "Nông dân, tổ trưởng", "xã Phước Thạnh", "", "Nông dân" },
  { "Phạm Ngọc Thạch", "Nam", "1968", "Kinh", "Trưởng phòng Nội vụ", "Tỉnh Tây Ninh", "có", "Lãnh đạo" },
  { "Đặng Thị Thu Hường", "Nữ", "03/02/1985", "Chăm", "Công nhân \"xuất sắc\"", "xã Long Thuận", "", "Công nhân" },
  { "Võ Quốc Ưng", "Nam", "2001", "Kinh", "Kỹ sư", "Công ty TNHH Mỹ Ý", "", "Nhà khoa học" },
};

static void
check_sample_file (const char *name, TdEncoding expected_encoding, char expected_delimiter)
{
  g_autofree char *path = g_build_filename (g_getenv ("TD_TEST_FILES"), "csv", name, NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cands = NULL;
  g_autoptr(TdCsv) csv = NULL;
  gsize len;
  TdEncoding enc;

  g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
  g_assert_no_error (error);

  cands = td_encoding_detect (bytes, len);
  g_assert_cmpuint (cands->len, >, 0);
  enc = g_array_index (cands, TdEncodingCandidate, 0).encoding;
  if (enc != expected_encoding)
    g_error ("%s detected as %s", name, td_encoding_name (enc));

  csv = td_csv_read (bytes, len, enc, 0, TD_CSV_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_csv_get_delimiter (csv), ==, expected_delimiter);
  g_assert_cmpuint (td_csv_get_n_rows (csv), ==, 6);
  for (guint r = 0; r < 7; r++)
    {
      const TdCsvRow *row = r == 0 ? td_csv_get_header (csv) : td_csv_get_row (csv, r - 1);

      g_assert_cmpuint (row->line, ==, r + 1);
      g_assert_cmpuint (row->n_fields, ==, 8);
      for (int f = 0; f < 8; f++)
        {
          const char *expected = sample_rows[r][f];
          g_autofree char *lowered = NULL;

          /* The ABC fonts have no toned capitals: the file holds "ánh", "Mỹ ý". */
          if (expected_encoding == TD_ENCODING_TCVN3)
            {
              GString *s = g_string_new (expected);
              g_string_replace (s, "Ánh", "ánh", 0);
              g_string_replace (s, "Ý", "ý", 0);
              expected = lowered = g_string_free (s, FALSE);
            }
          if (g_strcmp0 (row->fields[f], expected) != 0)
            g_error ("%s, line %u, field %d: \"%s\", expected \"%s\"", name, row->line, f,
                     row->fields[f], expected);
        }
    }

  /* The header maps to the person fields. */
  {
    const int mapped[8] = { TD_CSV_FIELD_FULL_NAME, TD_CSV_FIELD_GENDER, TD_CSV_FIELD_BIRTH_YEAR,
                            TD_CSV_FIELD_ETHNICITY, TD_CSV_FIELD_POSITION, TD_CSV_FIELD_UNIT,
                            TD_CSV_FIELD_LEADER, TD_CSV_FIELD_CATEGORY };
    for (int f = 0; f < 8; f++)
      g_assert_cmpint (td_csv_match_header (td_csv_get_header (csv)->fields[f]), ==, mapped[f]);
  }
}

static void
test_sample_files (void)
{
  check_sample_file ("people-utf8.csv", TD_ENCODING_UTF8, ',');
  check_sample_file ("people-utf8-bom.csv", TD_ENCODING_UTF8, ',');
  check_sample_file ("people-utf8-nfd.csv", TD_ENCODING_UTF8, ',');
  check_sample_file ("people-utf16.csv", TD_ENCODING_UTF16, '\t');
  check_sample_file ("people-cp1258.csv", TD_ENCODING_CP1258, ';');
  check_sample_file ("people-tcvn3.csv", TD_ENCODING_TCVN3, ',');
  check_sample_file ("people-vni.csv", TD_ENCODING_VNI, ',');
  check_sample_file ("people-viqr.csv", TD_ENCODING_VIQR, ';');
}

/* Size, not speed: 100,000 rows come through whole, with the right line
 * numbers after multi-line fields. (Speed is for the benchmark.) */
static void
test_large (void)
{
  GString *text = g_string_new ("Họ và tên;Năm sinh;Chức vụ;Đơn vị;Ghi chú\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsv) csv = NULL;
  gint64 start;
  const TdCsvRow *last;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (text, "Nguyễn Văn An %d;%d;Giáo viên;UBND xã Thanh Phước;%s\r\n",
                            i, 1950 + i % 50, i % 1000 == 0 ? "\"hai\r\ndòng\"" : "");

  start = g_get_monotonic_time ();
  csv = td_csv_parse (text->str, text->len, 0, TD_CSV_FLAGS_NONE, &error);
  g_test_message ("parsed %u rows (%zu bytes) in %.1f ms", td_csv_get_n_rows (csv), text->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_get_n_rows (csv), ==, 100000);
  last = td_csv_get_row (csv, 99999);
  /* 100 rows with a line break inside: one line more each. */
  g_assert_cmpuint (last->line, ==, 1 + 100000 + 100);
  g_assert_cmpstr (last->fields[0], ==, "Nguyễn Văn An 99999");
  g_assert_cmpstr (td_csv_get_row (csv, 1000)->fields[4], ==, "hai\r\ndòng");
  g_string_free (text, TRUE);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/basic", test_basic);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/line-ends-and-blanks", test_line_ends_and_blanks);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/ragged", test_ragged);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/headers", test_headers);
  g_test_add_func ("/csv/values", test_values);
  g_test_add_func ("/csv/error-at", test_error_at);
  g_test_add_func ("/csv/writer", test_writer_round_trip);
  g_test_add_func ("/csv/sample-files", test_sample_files);
  g_test_add_func ("/csv/large", test_large);

  return g_test_run ();
}
