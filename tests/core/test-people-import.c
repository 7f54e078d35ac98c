/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-conference.h"
#include "td-error.h"
#include "td-people-import.h"
#include "td-store.h"
#include "td-text.h"

/* Units named as in tests/files/csv/people-*.csv, plus two that share a name. */
static TdPlan *
test_plan (void)
{
  static const struct { const char *id, *name, *parent; TdLevel level; } units[] = {
    { "tn", "Tỉnh Tây Ninh", NULL, TD_LEVEL_PROVINCE },
    { "godau", "Huyện Gò Dầu", "tn", TD_LEVEL_UPPER },
    { "thanh-phuoc", "UBND xã Thanh Phước", "godau", TD_LEVEL_GRASSROOTS },
    { "phuoc-thanh", "xã Phước Thạnh", "godau", TD_LEVEL_GRASSROOTS },
    { "long-thuan", "xã Long Thuận", "tn", TD_LEVEL_GRASSROOTS },
    { "my-y", "Công ty TNHH Mỹ Ý", "tn", TD_LEVEL_GRASSROOTS },
    { "truong-a", "Trường Tiểu học A", "godau", TD_LEVEL_GRASSROOTS },
    { "truong-a2", "Trường Tiểu học A", "tn", TD_LEVEL_GRASSROOTS },
  };
  TdPlan *plan = td_plan_new ();

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(TdUnit) u = td_unit_new (units[i].id, units[i].name, units[i].level, units[i].parent);
      td_plan_load_add_unit (plan, u);
    }
  return plan;
}

static TdPerson *
add_person (TdPlan     *plan,
            const char *id,
            const char *family_middle,
            const char *given,
            int         year,
            const char *unit)
{
  g_autoptr(TdPerson) p = td_person_new (id, family_middle, given);

  p->birth_year = year;
  p->unit = g_strdup (unit);
  td_plan_load_add_person (plan, p);
  return p;
}

static char *
plan_json (TdPlan *plan)
{
  return td_plan_to_json_data (plan, NULL);
}

static char *
read_sample (const char *name,
             gsize      *len)
{
  g_autofree char *path = g_build_filename (g_getenv ("TD_TEST_FILES"), "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *bytes = NULL;

  g_assert_true (g_file_get_contents (path, &bytes, len, &error));
  g_assert_no_error (error);
  return bytes;
}

static TdPeopleImport *
import_text (TdPlan                      *plan,
             const char                  *text,
             const TdPeopleImportOptions *options,
             GError                     **error)
{
  TdPeopleImport *result = NULL;

  if (!td_people_import_run (plan, text, strlen (text), options, NULL, NULL, NULL, &result, error))
    return NULL;
  return result;
}

/* The people of the plan as JSON, without their ids (which depend on the plan). */
static char *
people_without_ids (TdPlan *plan)
{
  g_autoptr(GPtrArray) people = td_people_sorted (plan);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr(JsonNode) node = td_person_to_json (g_ptr_array_index (people, i));
      g_autofree char *text = NULL;

      json_object_remove_member (json_node_get_object (node), "id");
      text = json_to_string (node, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

/* Compares two listings line by line, so that a failure shows the first person that differs. */
static void
assert_same_lines (const char *what,
                   const char *got,
                   const char *expected)
{
  g_auto(GStrv) a = g_strsplit (got, "\n", -1);
  g_auto(GStrv) b = g_strsplit (expected, "\n", -1);

  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    if (a[i] == NULL || b[i] == NULL || strcmp (a[i], b[i]) != 0)
      g_error ("%s, person %u:\n  %s\nexpected:\n  %s", what, i, a[i] ? a[i] : "(none)",
               b[i] ? b[i] : "(none)");
}

static void
test_sample_files (void)
{
  static const char * const files[] = {
    "people-utf8.csv", "people-utf8-bom.csv", "people-utf8-nfd.csv", "people-utf16.csv",
    "people-cp1258.csv", "people-tcvn3.csv", "people-vni.csv", "people-viqr.csv",
  };
  g_autofree char *reference = NULL;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(TdPlan) plan = test_plan ();
      g_autoptr(TdPeopleImport) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *bytes = NULL;
      g_autofree char *people = NULL;
      gsize len;

      bytes = read_sample (files[f], &len);
      g_assert_true (td_people_import_run (plan, bytes, len, NULL, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (td_people_import_get_n_people (result), ==, 6);
      g_assert_cmpuint (td_people_import_get_duplicates (result)->len, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, 6);
      people = people_without_ids (plan);
      if (reference == NULL)
        reference = g_steal_pointer (&people);
      else
        assert_same_lines (files[f], people, reference);

      if (f == 0)
        {
          TdPerson *p = g_ptr_array_index (td_people_import_get_people (result), 0);
          TdPerson *q = g_ptr_array_index (td_people_import_get_people (result), 1);
          TdPerson *r = g_ptr_array_index (td_people_import_get_people (result), 4);

          g_assert_cmpstr (p->family_middle, ==, "Nguyễn Thị Ánh");
          g_assert_cmpstr (p->given, ==, "Tuyết");
          g_assert_cmpint (p->gender, ==, TD_GENDER_FEMALE);
          g_assert_cmpint (p->birth_year, ==, 1980);
          g_assert_cmpstr (p->unit, ==, "thanh-phuoc");
          g_assert_false (p->leader);
          g_assert_cmpint (p->category, ==, TD_CATEGORY_GOOD_DEEDS);
          g_assert_cmpstr (q->given, ==, "Đông");
          g_assert_cmpint (q->birth_year, ==, 1975);
          g_assert_true (q->leader);
          g_assert_cmpint (q->category, ==, TD_CATEGORY_LEADER);
          g_assert_cmpstr (r->position, ==, "Công nhân \"xuất sắc\"");
          g_assert_cmpstr (r->ethnicity, ==, "Chăm");
          g_assert_cmpstr (r->unit, ==, "long-thuan");
        }
    }
  /* The TCVN3 file holds "ánh" (no toned capitals in the fonts); the name came back capitalized. */
  g_assert_nonnull (strstr (reference, "\"Nguyễn Thị Ánh\""));
}

static void
check_rejected (const char                  *text,
                const TdPeopleImportOptions *options,
                const char                  *expected_line,
                const char                  *expected_column)
{
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_person (plan, "p1", "Lê Văn", "Tám", 1970, "tn");
  before = plan_json (plan);
  result = import_text (plan, text, options, &error);
  g_assert_null (result);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  after = plan_json (plan);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (td_plan_can_undo (plan));
  g_assert_false (td_plan_in_edit (plan));
  if (expected_line != NULL && !g_str_has_prefix (error->message, expected_line))
    g_error ("“%s” does not start with “%s”", error->message, expected_line);
  if (expected_column != NULL && strstr (error->message, expected_column) == NULL)
    g_error ("“%s” does not name the column “%s”", error->message, expected_column);
}

static void
test_rejections (void)
{
  static const int bad_mapping[] = { TD_CSV_FIELD_FULL_NAME, TD_CSV_FIELD_FULL_NAME };
  TdPeopleImportOptions options = { 0 };

  /* Each bad value sits on the last row, after good rows that would otherwise go in. */
  check_rejected ("Họ và tên,Năm sinh\nAn Văn Bình,1980\nTrần Thị Cúc,198O\n", NULL,
                  "line 3, column “Năm sinh”", "198O");
  check_rejected ("Họ và tên,Giới tính\nAn Văn Bình,Nam\nTrần Thị Cúc,nữ\nLê Na,X\n", NULL,
                  "line 4, column “Giới tính”", NULL);
  check_rejected ("Họ và tên;Đơn vị\nAn Văn Bình;tn\nTrần Thị Cúc;Huyện Không Có\n", NULL,
                  "line 3, column “Đơn vị”", "Huyện Không Có");
  check_rejected ("Họ và tên,Đơn vị\nAn Văn Bình,Trường Tiểu học A\n", NULL,
                  "line 2, column “Đơn vị”", "id");
  check_rejected ("Họ và tên,Năm sinh\nAn Văn Bình,1980\n  ,1981\n", NULL,
                  "line 3, column “Họ và tên”", NULL);
  check_rejected ("Họ đệm,Tên,Năm sinh\nAn Văn,Bình,1980\nTrần Thị,,1981\n", NULL,
                  "line 3, column “Tên”", NULL);
  check_rejected ("Họ và tên,Lãnh đạo\nAn Văn Bình,x\nTrần Thị Cúc,chắc\n", NULL,
                  "line 3, column “Lãnh đạo”", NULL);
  check_rejected ("Họ và tên,Cơ cấu\nAn Văn Bình,Nông dân\nTrần Thị Cúc,Phi công\n", NULL,
                  "line 3, column “Cơ cấu”", NULL);
  check_rejected ("Họ và tên,Thành phần kinh tế\nAn Văn Bình,Tư nhân\nTrần Thị Cúc,Sao Hỏa\n", NULL,
                  "line 3, column “Thành phần kinh tế”", NULL);
  /* CSV structure: a ragged row, a quote left open. */
  check_rejected ("Họ và tên,Năm sinh\nAn Văn Bình,1980\nTrần Thị Cúc,1981,x\n", NULL,
                  "line 3", "header has 2");
  check_rejected ("Họ và tên,Chức vụ\nAn Văn Bình,\"Giáo viên\nTrần Thị Cúc,x\n", NULL,
                  "line 2", NULL);
  /* The header. */
  check_rejected ("Chức vụ,Năm sinh\nGiáo viên,1980\n", NULL, "line 1", "Họ và tên");
  check_rejected ("Họ và tên,Họ tên\nAn Văn Bình,An Văn Bình\n", NULL, "line 1, column “Họ tên”", NULL);
  check_rejected ("", NULL, NULL, NULL);
  options.mapping = bad_mapping;
  options.n_mapping = G_N_ELEMENTS (bad_mapping);
  check_rejected ("A,B\nAn Văn Bình,x\n", &options, "line 1, column “B”", NULL);
  /* A target unit that is not in the plan. */
  options = (TdPeopleImportOptions) { .target_unit = "nowhere" };
  check_rejected ("Họ và tên\nAn Văn Bình\n", &options, NULL, "nowhere");
  /* Bytes that are not in the forced encoding. */
  options = (TdPeopleImportOptions) { .force_encoding = TRUE, .encoding = TD_ENCODING_UTF8 };
  check_rejected ("Họ và tên\nNguy\xe3n\n", &options, NULL, NULL);
}

static void
test_fields (void)
{
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  TdPeopleImportOptions options = { .target_unit = "godau" };
  GPtrArray *people;
  TdPerson *p;

  result = import_text (plan,
                        "Họ đệm\tTên\tNam/Nữ\tNăm sinh\tChức vụ\tĐơn vị\tThành phần kinh tế\tGhi chú\tCột lạ\n"
                        "Nguyễn  Văn\t An \tnam\t5/3/1980\tPhó Trưởng phòng Nội vụ\ttn\tHộ cá thể\t  ghi chú  \tz\n"
                        "Kim\tSa Rên\tNữ\t\tGiáo viên\t\t\t\t\n"
                        "\tThạch\t\t1990\tChủ tịch UBND xã\txã long thuận\t\t\t\n",
                        &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_people_import_get_delimiter (result), ==, '\t');
  people = td_people_import_get_people (result);
  g_assert_cmpuint (people->len, ==, 3);

  p = g_ptr_array_index (people, 0);
  g_assert_cmpstr (p->family_middle, ==, "Nguyễn Văn");
  g_assert_cmpstr (p->given, ==, "An");
  g_assert_cmpint (p->gender, ==, TD_GENDER_MALE);
  g_assert_cmpint (p->birth_year, ==, 1980);
  g_assert_cmpstr (p->unit, ==, "tn");
  /* No leader column: suggested from the position. */
  g_assert_true (p->leader);
  g_assert_cmpint (p->category, ==, TD_CATEGORY_LEADER);
  g_assert_cmpint (p->sector, ==, TD_SECTOR_HOUSEHOLD);
  g_assert_cmpstr (p->note, ==, "ghi chú");
  g_assert_nonnull (td_plan_get_person (plan, p->id));

  /* A Khmer name kept as the columns give it; no unit: the target unit. */
  p = g_ptr_array_index (people, 1);
  g_assert_cmpstr (p->family_middle, ==, "Kim");
  g_assert_cmpstr (p->given, ==, "Sa Rên");
  g_assert_cmpint (p->birth_year, ==, 0);
  g_assert_cmpstr (p->unit, ==, "godau");
  g_assert_false (p->leader);
  g_assert_cmpint (p->category, ==, TD_CATEGORY_DIRECT_WORKER);
  g_assert_cmpint (p->sector, ==, TD_SECTOR_STATE);

  /* A unit by its name in another case and without its accents' case. */
  p = g_ptr_array_index (people, 2);
  g_assert_cmpstr (p->family_middle, ==, "");
  g_assert_cmpstr (p->unit, ==, "long-thuan");
  g_assert_true (p->leader);

  /* One edit, one undo step. */
  g_assert_true (td_plan_can_undo (plan));
  g_assert_cmpstr (td_plan_get_undo_label (plan), ==, "Import people");
  td_plan_undo (plan);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, 0);
  g_assert_false (td_plan_can_undo (plan));
  td_plan_redo (plan);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, 3);
}

static void
test_duplicates (void)
{
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  g_autoptr(GHashTable) dups = NULL;
  GPtrArray *d;
  TdPeopleDuplicate *dup;

  /* Old tone placement in the plan, new in the file: the same person. */
  add_person (plan, "p-hoa", "Lê Thị", "Hòa", 1990, "phuoc-thanh");
  add_person (plan, "p-thuy", "Trần Thị", "Thủy", 1985, "tn");

  result = import_text (plan,
                        "Họ và tên,Năm sinh,Đơn vị\n"
                        "LÊ THỊ HOÀ,1990,xã Phước Thạnh\n"      /* in the plan (case, tone placement) */
                        "Lê Thị Hoà,1991,xã Phước Thạnh\n"      /* another year: another person */
                        "Trần Thị Thuỷ,1985,godau\n"            /* another unit: another person */
                        "Ngô Bảo Châu,1972,tn\n"
                        "Ngô  Bảo Châu,1972,Tỉnh Tây Ninh\n"    /* the row above again */
                        "Trần Thị Thuỷ,1985,tn\n"               /* in the plan */
                        "Trần Thị Thúy,1985,tn\n"               /* another name: other marks */
                        "Trần Thị Thuy,1985,tn\n"
                        "Ngô Bảo Chầu,1972,tn\n",
                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_people_import_get_n_people (result), ==, 6);
  d = td_people_import_get_duplicates (result);
  g_assert_cmpuint (d->len, ==, 3);
  dup = g_ptr_array_index (d, 0);
  g_assert_cmpuint (dup->line, ==, 2);
  g_assert_cmpstr (dup->person_id, ==, "p-hoa");
  g_assert_cmpstr (dup->name, ==, "LÊ THỊ HOÀ");
  dup = g_ptr_array_index (d, 1);
  g_assert_cmpuint (dup->line, ==, 6);
  g_assert_null (dup->person_id);
  g_assert_cmpuint (dup->first_line, ==, 5);
  dup = g_ptr_array_index (d, 2);
  g_assert_cmpuint (dup->line, ==, 7);
  g_assert_cmpstr (dup->person_id, ==, "p-thuy");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, 8);

  /* The plan's own duplicates: two people with the same key. */
  add_person (plan, "p-hoa-2", "Lê Thị", "Hoà", 1990, "phuoc-thanh");
  dups = td_people_find_duplicates (plan);
  g_assert_cmpuint (g_hash_table_size (dups), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (dups, td_plan_get_person (plan, "p-hoa"))), ==, 2);
  g_assert_true (g_hash_table_contains (dups, td_plan_get_person (plan, "p-hoa-2")));
  g_assert_false (g_hash_table_contains (dups, td_plan_get_person (plan, "p-thuy")));
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         last_done;
  guint         total;
} Progress;

static void
cancel_midway_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last_done);
  p->calls++;
  p->last_done = done;
  p->total = total;
  if (done > total / 2)
    g_cancellable_cancel (p->cancellable);
}

static char *
many_rows (guint n)
{
  GString *s = g_string_new ("Họ và tên,Năm sinh,Đơn vị\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "Nguyễn Văn Số%u,%u,tn\n", i, 1950 + i % 50);
  return g_string_free (s, FALSE);
}

static void
test_duplicate_name (void)
{
  static const char * const same[][2] = {
    { "Lê Thị Hòa", "lê  thị hoà" }, { "Trần Thủy", "TRẦN THUỶ" }, { "Nguyễn Khoẻ", "Nguyễn Khỏe" },
    { "Lý Qúy", "Lý Quý" }, { "Nguyê\xcc\x83n", "Nguyễn" }, { " An\xc2\xa0" "Bình", "An Bình" },
  };
  static const char * const other[][2] = {
    { "An", "Ân" }, { "Ăn", "Ân" }, { "Hùng", "Hưng" }, { "Đào", "Dao" }, { "Hòa", "Hóa" },
    { "Hoà Bình", "Hoàng Bình" }, { "An Bình", "AnBình" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = td_people_duplicate_name (same[i][0]);
      g_autofree char *b = td_people_duplicate_name (same[i][1]);
      g_assert_cmpstr (a, ==, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *a = td_people_duplicate_name (other[i][0]);
      g_autofree char *b = td_people_duplicate_name (other[i][1]);
      g_assert_cmpstr (a, !=, b);
    }
}

static void
test_cancel (void)
{
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = many_rows (10000);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { cancellable, 0, 0, 0 };
  g_autoptr(TdPeopleImport) import = NULL;

  add_person (plan, "p1", "Lê Văn", "Tám", 1970, "tn");
  before = plan_json (plan);

  /* Cancelled while parsing. */
  g_assert_false (td_people_import_run (plan, text, strlen (text), NULL, cancel_midway_cb, &progress,
                                        cancellable, NULL, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_cmpuint (progress.total, ==, 10000);
  g_assert_cmpuint (progress.last_done, <, 10000);
  after = plan_json (plan);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (td_plan_can_undo (plan));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  /* Cancelled between the parse (in a thread) and the apply (in the main loop). */
  g_cancellable_reset (cancellable);
  import = td_people_import_new (plan, NULL);
  g_assert_true (td_people_import_parse (import, text, strlen (text), NULL, NULL, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (td_people_import_get_n_people (import), ==, 10000);
  g_cancellable_cancel (cancellable);
  g_assert_false (td_people_import_apply (import, plan, cancellable, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_CANCELLED);
  after = plan_json (plan);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (td_plan_can_undo (plan));
}

static void
test_export_round_trip (void)
{
  g_autoptr(TdPlan) sample = NULL;
  g_autoptr(TdPlan) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *people_before = NULL;
  g_autofree char *people_after = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  gsize len;
  guint n_units;
  TdPerson *p;

  sample = td_plan_new_sample (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sample->people)), >, 100);
  /* Fields the sample lacks: a note with a comma and a quote, an unknown gender, a Khmer name. */
  p = add_person (sample, "px", "", "Chau Sóc", 0, "tn");
  p->note = g_strdup ("ghi chú, có \"ngoặc\"\nhai dòng");
  p->ethnicity = g_strdup ("Khmer");
  p->category = TD_CATEGORY_OTHER;
  p->sector = TD_SECTOR_FOREIGN;
  people_before = people_without_ids (sample);

  csv = td_people_export_csv (sample, NULL, &len);
  g_assert_cmpuint (len, ==, strlen (csv));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Họ và tên đệm,Tên,Giới tính,Năm sinh,Dân tộc,"
                                   "Chức vụ,Đơn vị,Lãnh đạo,Thành phần,Thành phần kinh tế,Ghi chú\r\n"));

  /* The same units, no people: the file brings them back exactly. */
  copy = td_plan_new ();
  n_units = g_list_model_get_n_items (G_LIST_MODEL (sample->units));
  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(TdUnit) u = g_list_model_get_item (G_LIST_MODEL (sample->units), i);
      g_autoptr(TdUnit) c = td_unit_new (u->id, u->name, u->level, u->parent);
      td_plan_load_add_unit (copy, c);
    }
  g_assert_true (td_people_import_run (copy, csv, len, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  people_after = people_without_ids (copy);
  assert_same_lines ("exported and imported", people_after, people_before);

  /* Exporting chosen people exports those, in the given order. */
  extra = g_ptr_array_new ();
  g_ptr_array_add (extra, td_plan_get_person (sample, "px"));
  g_clear_pointer (&csv, g_free);
  csv = td_people_export_csv (sample, extra, NULL);
  g_assert_nonnull (strstr (csv, "\r\n,Chau Sóc,,,Khmer,,Tỉnh Tây Ninh,,Khác,Có vốn đầu tư nước ngoài,"
                            "\"ghi chú, có \"\"ngoặc\"\"\nhai dòng\"\r\n"));
}

static void
test_preview (void)
{
  static const int mapping[] = { -1, -1, TD_CSV_FIELD_NOTE };
  g_autoptr(TdPeoplePreview) preview = NULL;
  g_autoptr(TdPeoplePreview) forced = NULL;
  g_autoptr(TdPeoplePreview) mapped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  TdPeopleImportOptions options = { 0 };
  char **row;
  gsize len;

  bytes = read_sample ("people-vni.csv", &len);
  preview = td_people_preview_new (bytes, len, NULL, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->encoding, ==, TD_ENCODING_VNI);
  g_assert_cmpuint (preview->candidates->len, >=, 2);
  g_assert_cmpint (g_array_index (preview->candidates, TdEncodingCandidate, 0).encoding, ==, TD_ENCODING_VNI);
  g_assert_cmpint (preview->delimiter, ==, ',');
  g_assert_cmpuint (preview->n_columns, ==, 8);
  g_assert_cmpstr (preview->headers[5], ==, "Đơn vị");
  g_assert_cmpint (preview->mapping[0], ==, TD_CSV_FIELD_FULL_NAME);
  g_assert_cmpint (preview->mapping[6], ==, TD_CSV_FIELD_LEADER);
  g_assert_cmpuint (preview->n_rows, ==, 6);
  g_assert_cmpuint (preview->rows->len, ==, 3);
  row = g_ptr_array_index (preview->rows, 2);
  g_assert_cmpstr (row[0], ==, "Lê Thị Hoà");
  g_assert_cmpuint (g_array_index (preview->lines, guint, 2), ==, 4);
  g_assert_null (preview->problem);

  /* Another encoding chosen: the same bytes read as Windows-1258 are mojibake, not Vietnamese. */
  options.force_encoding = TRUE;
  options.encoding = TD_ENCODING_CP1258;
  forced = td_people_preview_new (bytes, len, &options, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (forced->encoding, ==, TD_ENCODING_CP1258);
  row = g_ptr_array_index (forced->rows, 2);
  g_assert_cmpstr (row[0], !=, "Lê Thị Hoà");

  /* Unknown columns, a ragged row, and the user's mapping. */
  mapped = td_people_preview_new ("Họ và tên,Cột A,Cột B\nAn Văn Bình,1,2\nTrần Cúc,1\n", -1 + sizeof "Họ và tên,Cột A,Cột B\nAn Văn Bình,1,2\nTrần Cúc,1\n",
                                  NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mapped->mapping[1], ==, -1);
  g_assert_cmpint (mapped->mapping[2], ==, -1);
  g_assert_cmpuint (mapped->rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (mapped->rows, 1))[2], ==, "");
  g_assert_nonnull (mapped->problem);
  g_assert_true (g_str_has_prefix (mapped->problem->message, "line 3"));
  g_clear_pointer (&mapped, td_people_preview_free);
  options = (TdPeopleImportOptions) { .mapping = mapping, .n_mapping = 3 };
  mapped = td_people_preview_new ("Họ và tên,Cột A,Cột B\nAn,1,2\n", -1 + sizeof "Họ và tên,Cột A,Cột B\nAn,1,2\n",
                                  &options, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mapped->mapping[0], ==, -1);
  g_assert_cmpint (mapped->mapping[2], ==, TD_CSV_FIELD_NOTE);
}

static void
test_mapping_import (void)
{
  static const int mapping[] = { TD_CSV_FIELD_FULL_NAME, -1, TD_CSV_FIELD_NOTE };
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  TdPeopleImportOptions options = { .mapping = mapping, .n_mapping = 3 };
  TdPerson *p;

  result = import_text (plan, "Người,Năm sinh,Lời\nTrần Thị Cúc,abc,ghi\n", &options, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (td_people_import_get_people (result), 0);
  g_assert_cmpstr (p->given, ==, "Cúc");
  g_assert_cmpint (p->birth_year, ==, 0);   /* the year column was ignored */
  g_assert_cmpstr (p->note, ==, "ghi");
}

static void
test_official_order (void)
{
  static const char * const given[] = { "Ân", "Ăn", "Ánh", "Ảnh", "Anh", "Ang", "An", "Đào", "Dương", "Duy", "Dũng" };
  static const char * const expected[] = { "An", "Ang", "Anh", "Ảnh", "Ánh", "Ăn", "Ân", "Dũng", "Duy", "Dương", "Đào" };
  g_autoptr(TdPlan) plan = td_plan_new ();
  g_autoptr(GPtrArray) sorted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      add_person (plan, id, "Nguyễn Văn", given[i], 0, NULL);
    }
  /* Same given name: the family and middle names decide. */
  add_person (plan, "pb", "Trần Văn", "An", 0, NULL);
  add_person (plan, "pa", "Lê Thị", "An", 0, NULL);
  sorted = td_people_sorted (plan);
  g_assert_cmpuint (sorted->len, ==, G_N_ELEMENTS (given) + 2);
  g_assert_cmpstr (((TdPerson *) g_ptr_array_index (sorted, 0))->id, ==, "pa");
  g_assert_cmpstr (((TdPerson *) g_ptr_array_index (sorted, 1))->family_middle, ==, "Nguyễn Văn");
  g_assert_cmpstr (((TdPerson *) g_ptr_array_index (sorted, 2))->id, ==, "pb");
  for (guint i = 1; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((TdPerson *) g_ptr_array_index (sorted, i + 2))->given, ==, expected[i]);
}

/* The import is one change of the plan file: reopened, the file holds the people. */
static void
test_saved_in_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("td-people-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.thidua", NULL);
  g_autoptr(TdPlan) plan = test_plan ();
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  g_autofree char *text = many_rows (3000);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  store = td_store_create (path, plan, &error);
  g_assert_no_error (error);
  td_store_attach (store, plan);
  {
    /* Saved after a person the store already holds. */
    g_autoptr(TdPerson) p = td_person_new ("p-before", "Trần", "Ba");
    td_plan_begin (plan, "add");
    td_plan_add_person (plan, p);
    td_plan_commit (plan);
  }
  g_assert_true (td_people_import_run (plan, text, strlen (text), NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);

  reopened = td_plan_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened->people)), ==, 3001);
  a = plan_json (plan);
  b = plan_json (reopened);
  /* The same people in the same order. */
  g_assert_cmpstr (a, ==, b);

  /* The undo of the import is saved too. */
  td_plan_undo (plan);
  g_clear_object (&reopened);
  reopened = td_plan_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened->people)), ==, 1);
  td_store_close (store);
  g_remove (path);
  g_rmdir (dir);
}

/* A delegate of some conference of the sample plan, and that conference. */
static TdPerson *
some_delegate (TdPlan        *plan,
               TdConference **conference)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);

      if (c->delegates->len > 0)
        {
          *conference = c;
          return td_plan_get_person (plan, g_array_index (c->delegates, TdDelegate, 0).person);
        }
    }
  g_assert_not_reached ();
}

static void
assert_valid (TdPlan *plan)
{
  g_autofree char *json = plan_json (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) again = td_plan_new_from_json_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_sample (&error);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = plan_json (plan);
  g_autofree char *after = NULL;
  TdConference *c;
  TdPerson *p = some_delegate (plan, &c);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan->people));
  guint n_delegates = c->delegates->len;
  g_autofree char *id = g_strdup (p->id);

  g_ptr_array_add (gone, g_object_ref (p));
  g_ptr_array_add (gone, g_object_ref (td_plan_get_person (plan, "p001")));
  td_people_delete (plan, gone, "Delete people");
  g_assert_null (td_plan_get_person (plan, id));
  g_assert_null (td_plan_get_person (plan, "p001"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, n - 2);
  g_assert_cmpint (td_conference_find_delegate (c, id), <, 0);
  g_assert_cmpuint (c->delegates->len, <, n_delegates);
  assert_valid (plan);
  /* One undo step brings back the people and their places. */
  td_plan_undo (plan);
  after = plan_json (plan);
  g_assert_cmpstr (after, ==, before);
}

static void
test_merge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_sample (&error);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GHashTable) dups = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TdConference *c, *other_c = NULL;
  TdPerson *keep = some_delegate (plan, &c);
  TdPerson *twin, *triplet;
  guint n_conf = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));

  /* Two copies of a delegate: one also a delegate of the same conference, one of another. */
  twin = add_person (plan, "twin", keep->family_middle, keep->given, keep->birth_year, keep->unit);
  twin->ethnicity = NULL;
  twin->note = g_strdup ("ghi chú của bản sao");
  triplet = add_person (plan, "triplet", keep->family_middle, keep->given, keep->birth_year, keep->unit);
  td_conference_add_delegate (c, "twin", TD_ROLE_DELEGATE, NULL);
  for (guint i = 0; i < n_conf && other_c == NULL; i++)
    {
      g_autoptr(TdConference) x = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);
      if (x != c && td_conference_find_delegate (x, keep->id) < 0)
        other_c = x;
    }
  g_assert_nonnull (other_c);
  td_conference_add_delegate (other_c, "triplet", TD_ROLE_GUEST, NULL);
  g_free (keep->note);
  keep->note = g_strdup ("");

  dups = td_people_find_duplicates (plan);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (dups, keep)), ==, 3);
  before = plan_json (plan);

  g_ptr_array_add (others, twin);
  g_ptr_array_add (others, triplet);
  g_ptr_array_add (others, keep);   /* ignored: it is the one kept */
  td_people_merge (plan, keep, others);
  g_assert_null (td_plan_get_person (plan, "twin"));
  g_assert_null (td_plan_get_person (plan, "triplet"));
  g_assert_nonnull (td_plan_get_person (plan, keep->id));
  g_assert_cmpint (td_conference_find_delegate (c, "twin"), <, 0);
  g_assert_cmpint (td_conference_find_delegate (c, keep->id), >=, 0);
  g_assert_cmpint (td_conference_find_delegate (other_c, "triplet"), <, 0);
  g_assert_cmpint (td_conference_find_delegate (other_c, keep->id), >=, 0);
  g_assert_cmpint (g_array_index (other_c->delegates, TdDelegate,
                                  td_conference_find_delegate (other_c, keep->id)).role, ==, TD_ROLE_GUEST);
  g_assert_cmpstr (keep->note, ==, "ghi chú của bản sao");
  assert_valid (plan);
  g_clear_pointer (&dups, g_hash_table_unref);
  dups = td_people_find_duplicates (plan);
  g_assert_false (g_hash_table_contains (dups, keep));

  g_assert_cmpstr (td_plan_get_undo_label (plan), ==, "Merge people");
  td_plan_undo (plan);
  after = plan_json (plan);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/people-import/sample-files", test_sample_files);
  g_test_add_func ("/people-import/rejections", test_rejections);
  g_test_add_func ("/people-import/fields", test_fields);
  g_test_add_func ("/people-import/duplicates", test_duplicates);
  g_test_add_func ("/people-import/duplicate-name", test_duplicate_name);
  g_test_add_func ("/people-import/cancel", test_cancel);
  g_test_add_func ("/people-import/export-round-trip", test_export_round_trip);
  g_test_add_func ("/people-import/preview", test_preview);
  g_test_add_func ("/people-import/mapping", test_mapping_import);
  g_test_add_func ("/people-import/official-order", test_official_order);
  g_test_add_func ("/people-import/saved-in-store", test_saved_in_store);
  g_test_add_func ("/people-import/delete", test_delete);
  g_test_add_func ("/people-import/merge", test_merge);
  return g_test_run ();
}
