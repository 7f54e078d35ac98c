/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "td-date.h"
#include "td-error.h"
#include "td-store.h"

/* Every test works in its own temporary folder. */
typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("td-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_chmod (path, 0644);
      g_remove (path);
    }
  g_chmod (dir, 0755);
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static TdPlan *
sample_plan (void)
{
  g_autoptr(GError) error = NULL;
  TdPlan *plan = td_plan_new_sample (&error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
assert_same_plan (TdPlan *a,
                  TdPlan *b)
{
  g_autofree char *ja = td_plan_to_json_data (a, NULL);
  g_autofree char *jb = td_plan_to_json_data (b, NULL);

  /* The generator writes members in a fixed order, so equal plans give equal text. */
  g_assert_cmpstr (ja, ==, jb);
}

static TdPlan *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = td_store_open (path, &error);
  TdPlan *plan;

  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  return plan;
}

/* Executes SQL on a file outside the store, as another tool would. */
static void
raw_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
create_sample_file (Fixture    *f,
                    const char *name)
{
  g_autoptr(TdPlan) plan = sample_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  char *path = fixture_path (f, name);

  store = td_store_create (path, plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  td_store_close (store);
  return path;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TdPlan) plan = sample_plan ();
  g_autoptr(TdPlan) loaded = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "plan.thidua");
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), >, 200);

  store = td_store_create (path, plan, &error);
  g_assert_no_error (error);
  g_assert_false (td_store_is_read_only (store));
  g_assert_cmpstr (td_store_get_path (store), ==, path);
  loaded = td_store_load (store, &error);
  g_assert_no_error (error);

  a = td_plan_to_json (plan);
  b = td_plan_to_json (loaded);
  g_assert_true (json_node_equal (a, b));
  assert_same_plan (plan, loaded);

  /* The file is what the contract says: our application id, our schema version, one file. */
  g_assert_cmpint (raw_int (path, "PRAGMA application_id"), ==, TD_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, TD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM people"), ==,
                   g_list_model_get_n_items (G_LIST_MODEL (plan->people)));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM delegates"), >, 300);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                  "AND name = 'people_unit'"), ==, 1);
  td_store_close (store);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
test_round_trip_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TdPlan) plan = td_plan_new_empty ();
  g_autoptr(TdPlan) loaded = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "empty.thidua");

  store = td_store_create (path, plan, &error);
  g_assert_no_error (error);
  loaded = td_store_load (store, &error);
  g_assert_no_error (error);
  assert_same_plan (plan, loaded);
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TdPlan) plan = td_plan_new_empty ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "exists.thidua");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  TdStore *store;

  write_bytes (path, "keep me", 7);
  before = read_bytes (path);
  store = td_store_create (path, plan, &error);
  g_assert_null (store);
  g_assert_error (error, TD_ERROR, TD_ERROR_IO);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* Opens @path, expects @code, and checks that the file did not change. */
static void
assert_refused (const char *path,
                int         code,
                const char *fragment)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *base = g_path_get_basename (path);
  guint n_files = count_files (dir);
  TdStore *store;
  TdPlan *plan;

  store = td_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TD_ERROR, code);
  /* One line, naming the file. */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, base));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
  g_clear_error (&error);

  plan = td_plan_load_file (path, &error);
  g_assert_null (plan);
  g_assert_error (error, TD_ERROR, code);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, n_files);
}

static void
test_bad_empty (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "empty.thidua");

  /* SQLite would take a 0-byte file as a new database and write into it. */
  write_bytes (path, "", 0);
  assert_refused (path, TD_ERROR_NOT_A_PLAN, "empty");
}

static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "notes.thidua");
  const char *text = "Kế hoạch số 121/KH-UBND\nThis is a text file, not a plan. It is long enough "
                     "to fill a SQLite header of one hundred bytes, and more.\n";

  write_bytes (path, text, strlen (text));
  assert_refused (path, TD_ERROR_NOT_A_PLAN, NULL);
}

static void
test_bad_short (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "short.thidua");

  /* The magic, but nothing after it. */
  write_bytes (path, "SQLite format 3", 16);
  assert_refused (path, TD_ERROR_NOT_A_PLAN, NULL);
}

static void
test_bad_missing (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "nowhere.thidua");
  g_autoptr(GError) error = NULL;
  TdStore *store = td_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, TD_ERROR, TD_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_bad_other_application (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "other.thidua");

  raw_sql (path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');");
  assert_refused (path, TD_ERROR_NOT_A_PLAN, "another application");

  /* Another application id than ours, with our tables. */
  {
    g_autofree char *copy = create_sample_file (f, "other2.thidua");
    raw_sql (copy, "PRAGMA application_id = 1234");
    assert_refused (copy, TD_ERROR_NOT_A_PLAN, NULL);
  }
}

static void
test_bad_too_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "future.thidua");
  g_autofree char *expected = g_strdup_printf ("this version reads up to %d", TD_STORE_SCHEMA_VERSION);

  raw_sql (path, "PRAGMA user_version = 7");
  assert_refused (path, TD_ERROR_TOO_NEW, "(schema 7)");
  assert_refused (path, TD_ERROR_TOO_NEW, expected);
}

static void
test_bad_corrupt_pages (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "corrupt.thidua");
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  g_assert_cmpuint (length, >, 8 * 4096);
  /* Garbage over pages 2 to 5 (page size 4096): the schema and the first tables. */
  for (gsize i = 4096; i < 5 * 4096; i++)
    copy[i] = (guint8) (i * 37 + 11);
  write_bytes (path, copy, length);
  g_free (copy);
  assert_refused (path, TD_ERROR_CORRUPT, "backup");
}

static void
test_bad_corrupt_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "late.thidua");
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  /* Garbage over the last pages only (rows of people and conferences), schema intact. */
  for (gsize i = length - 3 * 4096; i < length; i++)
    copy[i] = (guint8) (i * 13 + 5);
  write_bytes (path, copy, length);
  g_free (copy);
  assert_refused (path, TD_ERROR_CORRUPT, NULL);
}

static void
test_bad_truncated (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "truncated.thidua");
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);

  write_bytes (path, g_bytes_get_data (bytes, NULL), length / 2);
  assert_refused (path, TD_ERROR_CORRUPT, NULL);
}

static void
test_bad_missing_tables (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "notables.thidua");

  raw_sql (path, "DROP TABLE delegates");
  assert_refused (path, TD_ERROR_CORRUPT, "missing");
}

static void
test_bad_row_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "badrow.thidua");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  TdPlan *plan;

  /* A row the model refuses (a delegate naming nobody): the store opens, loading fails with
   * the model's message and the file stays as it is. */
  raw_sql (path, "UPDATE delegates SET person = 'nobody' WHERE rowid = (SELECT min(rowid) FROM delegates)");
  before = read_bytes (path);
  store = td_store_open (path, &error);
  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_null (plan);
  g_assert_error (error, TD_ERROR, TD_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "nobody"));
  td_store_close (store);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_flag (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "ro.thidua");
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  TdChange change = { TD_KIND_PLAN, NULL, NULL, NULL, 0 };

  store = td_store_open_full (path, TD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_is_read_only (store));
  plan = td_store_load (store, &error);
  g_assert_no_error (error);

  g_free (plan->number);
  plan->number = g_strdup ("999/KH-UBND");
  change.after = td_plan_metadata_to_json (plan);
  g_ptr_array_add (changes, &change);
  g_assert_false (td_store_apply (store, changes, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_READ_ONLY);
  json_node_unref (change.after);
  td_store_close (store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "ro.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (g_access (path, W_OK) == 0)
    {
      /* root writes anyway: the flag above tests the read-only mode itself. */
      g_test_skip ("chmod does not stop this user from writing");
      return;
    }
  store = td_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_is_read_only (store));
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->number, ==, "121/KH-UBND");
}

/* ------------------------------------------------------------------------------------------ */
/* Migrations */

static void
test_migration_framework (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "migrate.thidua");
  g_autoptr(GError) error = NULL;
  const char * const steps[] = {
    "CREATE TABLE t (a INTEGER);",
    "ALTER TABLE t ADD COLUMN b INTEGER; INSERT INTO t VALUES (1, 2);",
    /* A step that fails half-way: its insert must not stay. */
    "INSERT INTO t VALUES (3, 4); INSERT INTO no_such_table VALUES (1);",
  };

  raw_sql (path, "PRAGMA application_id = 1413763121");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 0);

  g_assert_true (td_store_run_migrations (path, steps, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM t"), ==, 0);

  /* Running again from version 1 only adds step 2. */
  g_assert_true (td_store_run_migrations (path, steps, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT b FROM t WHERE a = 1"), ==, 2);
  g_assert_true (td_store_run_migrations (path, steps, 2, &error));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM t"), ==, 1);

  g_assert_false (td_store_run_migrations (path, steps, 3, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM t"), ==, 1);
}

static void
test_migration_v0 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "v0.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdStore) ro = NULL;

  /* A version-0 plan: ours, but no schema yet. */
  raw_sql (path, "PRAGMA application_id = 1413763121; CREATE TABLE placeholder (x);");

  /* Read-only: migrated in memory, the file untouched. */
  before = read_bytes (path);
  ro = td_store_open_full (path, TD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  td_store_close (ro);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 0);

  /* Writable: migrated in place to the current schema. */
  store = td_store_open (path, &error);
  g_assert_no_error (error);
  td_store_close (store);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, TD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'conferences'"), ==, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Changes */

static TdUnit *
find_unit (TdPlan     *plan,
           const char *id)
{
  TdUnit *unit = td_plan_get_unit (plan, id);

  g_assert_nonnull (unit);
  return unit;
}

static void
on_store_error (TdStore *store,
                GError  *error,
                gpointer user_data)
{
  GError **out = user_data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_attach_edits (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "edit.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signalled = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdPlan) reloaded = NULL;
  g_autoptr(TdUnit) unit = NULL;
  g_autoptr(TdPerson) person = NULL;
  TdConference *conference;
  TdUnit *thanh_phuoc;

  store = td_store_open (path, &error);
  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  td_store_attach (store, plan);
  g_signal_connect (store, "error", G_CALLBACK (on_store_error), &signalled);

  /* One edit with several changes: metadata, a renamed unit, a unit inserted in the middle,
   * a new person, a conference removed. */
  td_plan_begin (plan, "test");
  td_plan_touch_plan (plan);
  g_free (plan->number);
  plan->number = g_strdup ("122/KH-UBND");
  thanh_phuoc = find_unit (plan, "gd-thanh-phuoc");
  td_plan_touch (plan, thanh_phuoc);
  td_unit_set_name (thanh_phuoc, "UBND xã Thanh Phước (mới)");
  unit = td_unit_new ("gd-moi", "UBND xã Mới", TD_LEVEL_GRASSROOTS, "go-dau");
  td_plan_add_unit (plan, unit, 3);
  person = td_person_new ("p-new", "Nguyễn Thị", "Mới");
  person->unit = g_strdup ("gd-moi");
  td_plan_add_person (plan, person);
  conference = td_plan_get_conference (plan, "c-tp-phuong-3");
  g_assert_nonnull (conference);
  td_plan_remove_conference (plan, conference);
  td_plan_commit (plan);
  g_assert_null (signalled);

  reloaded = load_path (path);
  assert_same_plan (plan, reloaded);
  g_assert_null (td_plan_get_conference (reloaded, "c-tp-phuong-3"));
  g_clear_object (&reloaded);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM agenda_items WHERE conference = 'c-tp-phuong-3'"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT pos FROM units WHERE id = 'gd-moi'"), ==, 3);

  /* Undo puts everything back, in place. */
  td_plan_undo (plan);
  g_assert_null (signalled);
  reloaded = load_path (path);
  assert_same_plan (plan, reloaded);
  g_assert_nonnull (td_plan_get_conference (reloaded, "c-tp-phuong-3"));
  g_clear_object (&reloaded);

  td_plan_redo (plan);
  reloaded = load_path (path);
  assert_same_plan (plan, reloaded);
  g_clear_object (&reloaded);

  /* A conference's own lists are rewritten with it. */
  conference = td_plan_get_conference (plan, "c-go-dau");
  td_plan_begin (plan, "delegates");
  td_plan_touch (plan, conference);
  td_conference_clear_delegates (conference);
  td_conference_add_delegate (conference, "p-new", TD_ROLE_DELEGATE, NULL);
  td_plan_commit (plan);
  g_assert_null (signalled);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM delegates WHERE conference = 'c-go-dau'"), ==, 1);
  reloaded = load_path (path);
  assert_same_plan (plan, reloaded);
}

static void
test_attach_read_only_signals (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "ro-edit.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signalled = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;

  store = td_store_open_full (path, TD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  td_store_attach (store, plan);
  g_signal_connect (store, "error", G_CALLBACK (on_store_error), &signalled);

  td_plan_begin (plan, "test");
  td_plan_touch_plan (plan);
  g_free (plan->place);
  plan->place = g_strdup ("Gò Dầu");
  td_plan_commit (plan);

  g_assert_error (signalled, TD_ERROR, TD_ERROR_READ_ONLY);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_apply_is_atomic (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "atomic.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdPlan) reloaded = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  TdUnit *unit;
  TdChange good = { TD_KIND_UNIT, (char *) "go-dau", NULL, NULL, 0 };
  TdChange bad = { TD_KIND_PERSON, (char *) "nobody", NULL, NULL, 0 };

  store = td_store_open (path, &error);
  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);

  unit = find_unit (plan, "go-dau");
  good.before = td_unit_to_json (unit);
  td_unit_set_name (unit, "Huyện Gò Dầu (đổi tên)");
  good.after = td_unit_to_json (unit);
  /* Changing a person the file does not hold: the whole batch must be rolled back. */
  bad.before = json_from_string ("{\"id\": \"nobody\", \"given\": \"X\"}", NULL);
  bad.after = json_from_string ("{\"id\": \"nobody\", \"given\": \"Y\"}", NULL);
  g_ptr_array_add (changes, &good);
  g_ptr_array_add (changes, &bad);

  g_assert_false (td_store_apply (store, changes, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  reloaded = td_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_unit (reloaded, "go-dau")->name, ==, "Huyện Gò Dầu");
  g_clear_object (&reloaded);

  /* The good change alone goes through. */
  g_ptr_array_remove_index (changes, 1);
  g_assert_true (td_store_apply (store, changes, &error));
  g_assert_no_error (error);
  reloaded = td_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_unit (reloaded, "go-dau")->name, ==, "Huyện Gò Dầu (đổi tên)");

  json_node_unref (good.before);
  json_node_unref (good.after);
  json_node_unref (bad.before);
  json_node_unref (bad.after);
}

static void
test_apply_positions_and_extra (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "pos.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  TdChange add = { TD_KIND_UNIT, (char *) "x1", NULL, NULL, 1 };
  TdChange remove = { TD_KIND_UNIT, (char *) "x1", NULL, NULL, 1 };
  gint64 n_units;

  store = td_store_open (path, &error);
  g_assert_no_error (error);
  n_units = raw_int (path, "SELECT count(*) FROM units");

  /* A member the store has no column for (a later version's field) is kept, not lost. */
  add.after = json_from_string ("{\"id\": \"x1\", \"name\": \"X\", \"level\": \"upper\", "
                                "\"parent\": \"tn\", \"future\": {\"a\": [1, 2]}, \"staff\": \"many\"}", NULL);
  g_ptr_array_add (changes, &add);
  g_assert_true (td_store_apply (store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT pos FROM units WHERE id = 'x1'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT pos FROM units WHERE id = 'tp-tay-ninh'"), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT count(DISTINCT pos) FROM units"), ==, n_units + 1);
  g_assert_cmpint (raw_int (path, "SELECT json_extract(extra, '$.future.a[1]') FROM units WHERE id = 'x1'"), ==, 2);
  /* A value of the wrong type stays in extra too, as it was. */
  g_assert_cmpint (raw_int (path, "SELECT json_extract(extra, '$.staff') = 'many' FROM units WHERE id = 'x1'"), ==, 1);

  remove.before = add.after;
  g_ptr_array_index (changes, 0) = &remove;
  g_assert_true (td_store_apply (store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM units WHERE id = 'x1'"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT max(pos) FROM units"), ==, n_units - 1);
  g_assert_cmpint (raw_int (path, "SELECT pos FROM units WHERE id = 'tp-tay-ninh'"), ==, 1);
  json_node_unref (add.after);
}

/* ------------------------------------------------------------------------------------------ */
/* Crash safety */

static void
test_crash_mid_transaction (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "crash.thidua");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(GBytes) crashed = NULL;
  g_autoptr(TdPlan) expected = sample_plan ();
  g_autoptr(TdPlan) reloaded = NULL;
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      /* A tiny cache forces SQLite to write changed pages into the file before the commit,
       * which is the dangerous moment. */
      if (sqlite3_open (path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN IMMEDIATE;"
                            "UPDATE people SET note = printf('%.2000c', 'x');"
                            "DELETE FROM delegates;", NULL, NULL, NULL) != SQLITE_OK)
        _exit (3);
      _exit (0);  /* no COMMIT, no close: as if the power went out */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* The crash left a hot journal and a file that differs from the original. */
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  crashed = read_bytes (path);
  g_assert_false (g_bytes_equal (original, crashed));

  /* Even a read-only load (convert, a preview) recovers the last committed state. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdPlan) read_only = td_plan_load_file (path, &error);

    g_assert_no_error (error);
    assert_same_plan (expected, read_only);
  }

  reloaded = load_path (path);
  assert_same_plan (expected, reloaded);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_crash_kill (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "kill.thidua");
  g_autoptr(TdPlan) reloaded = NULL;
  g_autofree char *ready = fixture_path (f, "ready");
  int status = 0;
  pid_t pid;
  const char *name;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(TdStore) store = td_store_open (path, NULL);
      g_autoptr(TdPlan) plan = store ? td_store_load (store, NULL) : NULL;

      if (plan == NULL)
        _exit (3);
      td_store_attach (store, plan);
      for (guint i = 0;; i++)
        {
          g_autofree char *new_name = g_strdup_printf ("Huyện Gò Dầu %u", i);
          TdUnit *unit = td_plan_get_unit (plan, "go-dau");
          TdConference *conference = td_plan_get_conference (plan, "c-tn");

          /* Each edit renames a unit and rewrites the province's delegates, in one transaction. */
          td_plan_begin (plan, "loop");
          td_plan_touch (plan, unit);
          td_unit_set_name (unit, new_name);
          td_plan_touch (plan, conference);
          conference->venue = (g_free (conference->venue), g_strdup (new_name));
          td_plan_commit (plan);
          if (i == 20)
            g_file_set_contents (ready, "", 0, NULL);
        }
    }

  /* Kill it somewhere in its stream of transactions. */
  for (int i = 0; i < 1000 && !g_file_test (ready, G_FILE_TEST_EXISTS); i++)
    g_usleep (10000);
  g_assert_true (g_file_test (ready, G_FILE_TEST_EXISTS));
  g_usleep (g_test_rand_int_range (0, 50000));
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  reloaded = load_path (path);
  name = find_unit (reloaded, "go-dau")->name;
  g_assert_true (g_str_has_prefix (name, "Huyện Gò Dầu "));
  /* Both records come from the same committed edit. */
  g_assert_cmpstr (td_plan_get_conference (reloaded, "c-tn")->venue, ==, name);
}

/* ------------------------------------------------------------------------------------------ */
/* Copies and files */

static void
test_save_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = create_sample_file (f, "orig.thidua");
  g_autofree char *copy = fixture_path (f, "copy.thidua");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdPlan) copied = NULL;

  store = td_store_open_full (path, TD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_save_copy (store, copy, &error));
  g_assert_no_error (error);
  copied = load_path (copy);
  assert_same_plan (plan, copied);
  g_assert_cmpint (raw_int (copy, "PRAGMA application_id"), ==, TD_STORE_APPLICATION_ID);
  g_assert_cmpuint (count_files (f->dir), ==, 2);

  /* Into a folder that does not exist: an error, and nothing left behind. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "no", "such", "copy.thidua", NULL);
    g_assert_false (td_store_save_copy (store, bad, &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (count_files (f->dir), ==, 2);
  }
}

static void
test_load_save_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TdPlan) plan = sample_plan ();
  g_autoptr(TdPlan) from_json = NULL;
  g_autoptr(TdPlan) from_plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = fixture_path (f, "plan.json");
  g_autofree char *thidua = fixture_path (f, "plan.thidua");
  g_autofree char *other = fixture_path (f, "plan.txt");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (td_plan_save_file (plan, json, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (td_plan_save_file (plan, thidua, FALSE, &error));
  g_assert_no_error (error);
  from_json = td_plan_load_file (json, &error);
  g_assert_no_error (error);
  from_plan = td_plan_load_file (thidua, &error);
  g_assert_no_error (error);
  assert_same_plan (plan, from_json);
  assert_same_plan (plan, from_plan);

  /* Without overwrite, an existing file stays as it is. */
  before = read_bytes (thidua);
  g_assert_false (td_plan_save_file (plan, thidua, FALSE, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_IO);
  g_clear_error (&error);
  after = read_bytes (thidua);
  g_assert_true (g_bytes_equal (before, after));

  /* With it, the file is replaced whole. */
  {
    g_autoptr(TdPlan) empty = td_plan_new_empty ();
    g_autoptr(TdPlan) replaced = NULL;

    g_assert_true (td_plan_save_file (empty, thidua, TRUE, &error));
    g_assert_no_error (error);
    replaced = td_plan_load_file (thidua, &error);
    g_assert_no_error (error);
    assert_same_plan (empty, replaced);
  }

  g_assert_false (td_plan_save_file (plan, other, FALSE, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (td_plan_load_file (other, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, 2);

  /* A bad JSON file: the message names the file and the JSON path. */
  {
    g_autofree char *bad = fixture_path (f, "bad.json");
    const char *text = "{\"format\": \"thidua-plan\", \"version\": 1, \"plan\": {},"
                       " \"units\": [{\"id\": \"a\", \"name\": \"A\", \"level\": \"nowhere\"}]}";

    write_bytes (bad, text, strlen (text));
    g_assert_null (td_plan_load_file (bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "bad.json"));
    g_assert_nonnull (strstr (error->message, "units[0].level"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("round-trip-empty", test_round_trip_empty);
  ADD ("create-refuses-existing", test_create_refuses_existing);
  ADD ("bad/empty", test_bad_empty);
  ADD ("bad/text", test_bad_text);
  ADD ("bad/short", test_bad_short);
  ADD ("bad/missing", test_bad_missing);
  ADD ("bad/other-application", test_bad_other_application);
  ADD ("bad/too-new", test_bad_too_new);
  ADD ("bad/corrupt-pages", test_bad_corrupt_pages);
  ADD ("bad/corrupt-data", test_bad_corrupt_data);
  ADD ("bad/truncated", test_bad_truncated);
  ADD ("bad/missing-tables", test_bad_missing_tables);
  ADD ("bad/row-values", test_bad_row_values);
  ADD ("read-only/flag", test_read_only_flag);
  ADD ("read-only/file", test_read_only_file);
  ADD ("migrations/framework", test_migration_framework);
  ADD ("migrations/v0", test_migration_v0);
  ADD ("changes/attach", test_attach_edits);
  ADD ("changes/read-only-signals", test_attach_read_only_signals);
  ADD ("changes/atomic", test_apply_is_atomic);
  ADD ("changes/positions-and-extra", test_apply_positions_and_extra);
  ADD ("crash/mid-transaction", test_crash_mid_transaction);
  ADD ("crash/kill", test_crash_kill);
  ADD ("files/save-copy", test_save_copy);
  ADD ("files/load-save", test_load_save_file);
#undef ADD

  return g_test_run ();
}
