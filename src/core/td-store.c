/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "td-error.h"
#include "td-store.h"

/* A plan file is one SQLite database in the default rollback-journal mode (not WAL), so that
 * a plan is a single file a user can copy, mail or put on a USB stick. Records are stored in
 * relational tables; every member of a record's interchange JSON that has no column of its own
 * (a field added by a later version, a value of an unexpected type, a null) is kept in the
 * row's "extra" column, so that JSON -> file -> JSON is lossless without the store knowing
 * every field. Validation is not done here: loading builds the interchange document and hands
 * it to td_plan_new_from_json(). */

#define SQLITE_MAGIC "SQLite format 3"  /* 16 bytes with its NUL */
#define HEADER_SIZE 100

/* Schema migrations: migrations[v] brings a file from version v to v + 1. Version 1 is the
 * creation. A later version appends a step; never edit a released one. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE plan ("
  "  singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),"
  "  title TEXT, number TEXT, superior TEXT, issuer TEXT, place TEXT, date TEXT,"
  "  signer INTEGER, signer_authority TEXT, signer_deputy TEXT, signer_title TEXT,"
  "  signer_name TEXT,"
  "  legal_bases TEXT, recipients TEXT, parameters TEXT, milestones TEXT,"
  "  commemorations TEXT, documents TEXT,"
  "  extra TEXT,"          /* members of the "plan" object without a column */
  "  document_extra TEXT"  /* members of the whole document besides the known ones */
  ") STRICT;"
  "CREATE TABLE units ("
  "  id TEXT PRIMARY KEY NOT NULL, pos INTEGER NOT NULL,"
  "  name TEXT, level TEXT, parent TEXT, kind TEXT, staff INTEGER, pilot_body INTEGER,"
  "  extra TEXT"
  ") STRICT;"
  "CREATE INDEX units_parent ON units (parent);"
  "CREATE TABLE people ("
  "  id TEXT PRIMARY KEY NOT NULL, pos INTEGER NOT NULL,"
  "  family_middle TEXT, given TEXT, gender TEXT, birth_year INTEGER, ethnicity TEXT,"
  "  position TEXT, unit TEXT, leader INTEGER, category TEXT, sector TEXT, note TEXT,"
  "  extra TEXT"
  ") STRICT;"
  "CREATE INDEX people_unit ON people (unit);"
  "CREATE TABLE conferences ("
  "  id TEXT PRIMARY KEY NOT NULL, pos INTEGER NOT NULL,"
  "  unit TEXT, form TEXT, mode TEXT, date TEXT, start TEXT, venue TEXT, chair TEXT,"
  "  pilot INTEGER,"
  "  submissions INTEGER, submitted_plan TEXT, submitted_schedule TEXT,"
  "  submitted_draft_report TEXT, submitted_content TEXT,"
  "  documents TEXT, extra TEXT"
  ") STRICT;"
  "CREATE INDEX conferences_unit ON conferences (unit);"
  "CREATE TABLE agenda_items ("
  "  conference TEXT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  start TEXT, minutes INTEGER, title TEXT, presenter TEXT, kind TEXT, vetted INTEGER,"
  "  extra TEXT,"
  "  PRIMARY KEY (conference, position)"
  ") STRICT;"
  "CREATE TABLE quotas ("
  "  conference TEXT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  unit TEXT, seats INTEGER, extra TEXT,"
  "  PRIMARY KEY (conference, position)"
  ") STRICT;"
  "CREATE TABLE delegates ("
  "  conference TEXT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  person TEXT, role TEXT,"
  "  approval INTEGER, approval_decision TEXT, approval_date TEXT, approval_council TEXT,"
  "  extra TEXT,"
  "  PRIMARY KEY (conference, position)"
  ") STRICT;"
  "CREATE INDEX delegates_person ON delegates (person);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TD_STORE_SCHEMA_VERSION);

/* How a JSON member maps onto columns. */
typedef enum {
  COL_STR,   /* a string */
  COL_INT,   /* an integer */
  COL_BOOL,  /* true/false as 1/0 */
  COL_JSON,  /* any non-null JSON value, as text */
  COL_OBJ,   /* an object of strings (or nulls): a presence flag column, one column per member */
} ColType;

typedef struct
{
  const char         *key;
  const char         *column;
  ColType             type;
  const char * const *subkeys;     /* COL_OBJ */
  const char * const *subcolumns;  /* COL_OBJ */
} Field;

static const char * const signer_keys[] = { "authority", "deputy", "title", "name", NULL };
static const char * const signer_columns[] = { "signer_authority", "signer_deputy",
                                               "signer_title", "signer_name", NULL };
static const char * const submission_keys[] = { "plan", "schedule", "draft_report", "content", NULL };
static const char * const submission_columns[] = { "submitted_plan", "submitted_schedule",
                                                   "submitted_draft_report", "submitted_content",
                                                   NULL };
static const char * const approval_keys[] = { "decision", "date", "council", NULL };
static const char * const approval_columns[] = { "approval_decision", "approval_date",
                                                 "approval_council", NULL };

static const Field plan_fields[] = {
  { "title", "title", COL_STR },
  { "number", "number", COL_STR },
  { "superior", "superior", COL_STR },
  { "issuer", "issuer", COL_STR },
  { "place", "place", COL_STR },
  { "date", "date", COL_STR },
  { "signer", "signer", COL_OBJ, signer_keys, signer_columns },
  { "legal_bases", "legal_bases", COL_JSON },
  { "recipients", "recipients", COL_JSON },
  { "parameters", "parameters", COL_JSON },
  { "milestones", "milestones", COL_JSON },
  { "commemorations", "commemorations", COL_JSON },
  { "documents", "documents", COL_JSON },
  { NULL }
};

static const Field unit_fields[] = {
  { "id", "id", COL_STR },
  { "name", "name", COL_STR },
  { "level", "level", COL_STR },
  { "parent", "parent", COL_STR },
  { "kind", "kind", COL_STR },
  { "staff", "staff", COL_INT },
  { "pilot_body", "pilot_body", COL_BOOL },
  { NULL }
};

static const Field person_fields[] = {
  { "id", "id", COL_STR },
  { "family_middle", "family_middle", COL_STR },
  { "given", "given", COL_STR },
  { "gender", "gender", COL_STR },
  { "birth_year", "birth_year", COL_INT },
  { "ethnicity", "ethnicity", COL_STR },
  { "position", "position", COL_STR },
  { "unit", "unit", COL_STR },
  { "leader", "leader", COL_BOOL },
  { "category", "category", COL_STR },
  { "sector", "sector", COL_STR },
  { "note", "note", COL_STR },
  { NULL }
};

static const Field conference_fields[] = {
  { "id", "id", COL_STR },
  { "unit", "unit", COL_STR },
  { "form", "form", COL_STR },
  { "mode", "mode", COL_STR },
  { "date", "date", COL_STR },
  { "start", "start", COL_STR },
  { "venue", "venue", COL_STR },
  { "chair", "chair", COL_STR },
  { "pilot", "pilot", COL_BOOL },
  { "submissions", "submissions", COL_OBJ, submission_keys, submission_columns },
  { "documents", "documents", COL_JSON },
  { NULL }
};

static const Field agenda_fields[] = {
  { "start", "start", COL_STR },
  { "minutes", "minutes", COL_INT },
  { "title", "title", COL_STR },
  { "presenter", "presenter", COL_STR },
  { "kind", "kind", COL_STR },
  { "vetted", "vetted", COL_BOOL },
  { NULL }
};

static const Field quota_fields[] = {
  { "unit", "unit", COL_STR },
  { "seats", "seats", COL_INT },
  { NULL }
};

static const Field delegate_fields[] = {
  { "person", "person", COL_STR },
  { "role", "role", COL_STR },
  { "approval", "approval", COL_OBJ, approval_keys, approval_columns },
  { NULL }
};

/* The lists a conference owns, each a table keyed by (conference, position). */
typedef struct
{
  const char  *key;
  const char  *table;
  const Field *fields;
} ChildList;

static const ChildList conference_children[] = {
  { "agenda", "agenda_items", agenda_fields },
  { "quotas", "quotas", quota_fields },
  { "delegates", "delegates", delegate_fields },
};

/* The top-level record lists, by TdKind. */
typedef struct
{
  const char  *key;    /* member of the document */
  const char  *table;
  const Field *fields;
  gboolean     has_children;
} RecordList;

static const RecordList record_lists[] = {
  [TD_KIND_UNIT] = { "units", "units", unit_fields, FALSE },
  [TD_KIND_PERSON] = { "people", "people", person_fields, FALSE },
  [TD_KIND_CONFERENCE] = { "conferences", "conferences", conference_fields, TRUE },
};

static const char * const document_keys[] = {
  "format", "version", "plan", "units", "people", "conferences", NULL
};

struct _TdStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  gboolean  read_only;
  gboolean  in_memory;   /* an older file opened read-only and migrated in a memory copy */
  TdPlan   *plan;        /* attached, weak */
  gulong    changes_id;
};

G_DEFINE_FINAL_TYPE (TdStore, td_store, G_TYPE_OBJECT)

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------------------------- */
/* Errors                                                                                   */

static char *
display_name (const char *path)
{
  return g_filename_display_name (path);
}

/* SQLite's own reports (quick_check) span lines; messages here are one line, and short. */
static char *
one_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text != NULL ? text : "", "\r\n", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || g_str_has_prefix (lines[i], "***"))
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append (s, lines[i]);
    }
  if (s->len > 160)
    {
      const char *end = g_utf8_find_prev_char (s->str, s->str + 160);
      g_string_truncate (s, end - s->str);
      g_string_append (s, "…");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Maps a SQLite failure to our domain. */
static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *path)
{
  g_autofree char *name = display_name (path);
  g_autofree char *msg = one_line (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Open a backup copy or the JSON export of the plan instead."),
                   name, msg);
      break;
    case SQLITE_READONLY:
      if (rc == SQLITE_READONLY_ROLLBACK)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_READ_ONLY,
                       _("“%s” holds an edit interrupted by a crash and cannot be repaired while it is read-only. Copy it to a folder you can write to and open it again."),
                       name);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SQLITE_PERM:
      g_set_error (error, TD_ERROR, TD_ERROR_READ_ONLY,
                   _("“%s” cannot be written (%s)"), name, msg);
      break;
    default:
      g_set_error (error, TD_ERROR, TD_ERROR_IO,
                   _("“%s”: %s"), name, msg);
      break;
    }
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *path,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *path,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Runs a statement that returns at most one integer. */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           const char  *path,
           gint64      *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, path, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out = 0;
  else
    {
      set_sqlite_error (error, db, rc, path);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Opening                                                                                  */

/* Settings that make a hostile or damaged file harmless: no extension loading, no functions
 * called from the schema, no writes to the schema through SQL, no triggers or views (the
 * schema has none; a file that brings some is not ours). */
static void
configure_defensive (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_exec (db, "PRAGMA trusted_schema = OFF;"
                    "PRAGMA cell_size_check = ON;"
                    "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  sqlite3_busy_timeout (db, 3000);
}

static gboolean
run_migrations (sqlite3             *db,
                const char          *path,
                const char * const  *steps,
                guint                n_steps,
                GError             **error)
{
  gint64 version;

  if (!query_int (db, "PRAGMA user_version", path, &version, error))
    return FALSE;

  for (gint64 v = version; v < (gint64) n_steps; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                                      v + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE", path, error))
        return FALSE;
      if (!exec_sql (db, steps[v], path, error) ||
          !exec_sql (db, set_version, path, error) ||
          !exec_sql (db, "COMMIT", path, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the 100-byte header without SQLite, so that a file we refuse is never opened by it. */
static gboolean
check_header (const char  *path,
              guint32     *user_version,
              GError     **error)
{
  g_autofree char *name = display_name (path);
  guint8 header[HEADER_SIZE];
  gssize n = 0;
  int fd;
  guint32 app_id;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TD_ERROR, saved == EACCES ? TD_ERROR_READ_ONLY : TD_ERROR_IO,
                   _("Cannot open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  while (n < HEADER_SIZE)
    {
      gssize r = read (fd, header + n, HEADER_SIZE - n);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, TD_ERROR, TD_ERROR_IO,
                       _("Cannot read “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      if (r == 0)
        break;
      n += r;
    }
  close (fd);

  if (n == 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_NOT_A_PLAN,
                   _("“%s” is not a Thi Đua plan file: it is empty"), name);
      return FALSE;
    }
  if (n < HEADER_SIZE || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_NOT_A_PLAN,
                   _("“%s” is not a Thi Đua plan file"), name);
      return FALSE;
    }

  app_id = (guint32) header[68] << 24 | (guint32) header[69] << 16 |
           (guint32) header[70] << 8 | header[71];
  if (app_id != TD_STORE_APPLICATION_ID)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_NOT_A_PLAN,
                   _("“%s” is a database of another application, not a Thi Đua plan file"),
                   name);
      return FALSE;
    }

  *user_version = (guint32) header[60] << 24 | (guint32) header[61] << 16 |
                  (guint32) header[62] << 8 | header[63];
  return TRUE;
}

static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* The folder matters too: the rollback journal is a file created next to the plan. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static void
set_too_new (GError     **error,
             const char  *path,
             gint64       version)
{
  g_autofree char *name = display_name (path);

  g_set_error (error, TD_ERROR, TD_ERROR_TOO_NEW,
               _("“%s” was made by a newer version of Thi Đua Planner (schema %d); "
                 "this version reads up to %d. Update the application."),
               name, (int) version, TD_STORE_SCHEMA_VERSION);
}

/* The checks that need SQLite, all read-only. */
static gboolean
check_database (sqlite3     *db,
                const char  *path,
                gint64      *version,
                GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autoptr(sqlite3_stmt) check = NULL;
  gint64 app_id;
  gint64 n_tables;
  int rc;

  if (!query_int (db, "PRAGMA application_id", path, &app_id, error))
    return FALSE;
  if (app_id != TD_STORE_APPLICATION_ID)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_NOT_A_PLAN,
                   _("“%s” is a database of another application, not a Thi Đua plan file"),
                   name);
      return FALSE;
    }
  if (!query_int (db, "PRAGMA user_version", path, version, error))
    return FALSE;
  if (*version > TD_STORE_SCHEMA_VERSION)
    {
      set_too_new (error, path, *version);
      return FALSE;
    }

  check = prepare (db, "PRAGMA quick_check", path, error);
  if (check == NULL)
    return FALSE;
  rc = sqlite3_step (check);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, path);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
    {
      g_autofree char *detail = one_line ((const char *) sqlite3_column_text (check, 0));

      g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Open a backup copy or the JSON export of the plan instead."),
                   name, detail);
      return FALSE;
    }

  if (*version >= 1)
    {
      if (!query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                          "('plan', 'units', 'people', 'conferences', 'agenda_items', 'quotas', "
                          "'delegates')", path, &n_tables, error))
        return FALSE;
      if (n_tables != 7)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                       _("“%s” is damaged (tables are missing). Open a backup copy or the JSON export of the plan instead."),
                       name);
          return FALSE;
        }
    }
  return TRUE;
}

/* A crash during a transaction leaves a "hot" journal next to the plan. SQLite rolls it back
 * on the first read, which needs write access: do it before a read-only open, so that a
 * read-only load (convert, a preview) sees the last committed state instead of failing. */
static gboolean
recover_journal (const char  *path,
                 GError     **error)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  sqlite3 *db = NULL;
  gint64 ignored;
  gboolean ok;
  int rc;

  if (!g_file_test (journal, G_FILE_TEST_EXISTS))
    return TRUE;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  configure_defensive (db);
  ok = query_int (db, "PRAGMA schema_version", path, &ignored, error);
  sqlite3_close_v2 (db);
  return ok;
}

/* Copies @db into a new memory database (for migrating a file we may not write). */
static sqlite3 *
copy_to_memory (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  sqlite3 *mem = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, mem, rc, path);
      sqlite3_close_v2 (mem);
      return NULL;
    }
  configure_defensive (mem);
  backup = sqlite3_backup_init (mem, "main", db, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, mem, sqlite3_errcode (mem), path);
      sqlite3_close_v2 (mem);
      return NULL;
    }
  sqlite3_backup_step (backup, -1);
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, mem, rc, path);
      sqlite3_close_v2 (mem);
      return NULL;
    }
  return mem;
}

TdStore *
td_store_open_full (const char        *path,
                    TdStoreOpenFlags   flags,
                    GError           **error)
{
  g_autoptr(TdStore) self = NULL;
  guint32 header_version = 0;
  gint64 version = 0;
  gboolean read_only;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (path, &header_version, error))
    return NULL;
  /* The header is enough to refuse a newer file without ever handing it to SQLite. */
  if (header_version > TD_STORE_SCHEMA_VERSION)
    {
      set_too_new (error, path, header_version);
      return NULL;
    }

  read_only = (flags & TD_STORE_OPEN_READ_ONLY) != 0 || !is_writable (path);
  if (read_only && is_writable (path) && !recover_journal (path, error))
    return NULL;

  self = g_object_new (TD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  rc = sqlite3_open_v2 (path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  configure_defensive (self->db);

  if (!check_database (self->db, path, &version, error))
    return NULL;

  if (version < TD_STORE_SCHEMA_VERSION)
    {
      if (read_only)
        {
          sqlite3 *mem = copy_to_memory (self->db, path, error);
          if (mem == NULL)
            return NULL;
          sqlite3_close_v2 (self->db);
          self->db = mem;
          self->in_memory = TRUE;
        }
      if (!run_migrations (self->db, path, migrations, G_N_ELEMENTS (migrations), error))
        return NULL;
    }

  if (!read_only)
    {
      g_autoptr(sqlite3_stmt) mode = NULL;

      /* A plan is a single file: undo a WAL mode some other tool may have set. */
      mode = prepare (self->db, "PRAGMA journal_mode = DELETE", path, error);
      if (mode == NULL)
        return NULL;
      rc = sqlite3_step (mode);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_sqlite_error (error, self->db, rc, path);
          return NULL;
        }
      if (!exec_sql (self->db, "PRAGMA synchronous = FULL", path, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

TdStore *
td_store_open (const char  *path,
               GError     **error)
{
  return td_store_open_full (path, TD_STORE_OPEN_DEFAULT, error);
}

gboolean
td_store_run_migrations (const char          *path,
                         const char * const  *steps,
                         guint                n_steps,
                         GError             **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  configure_defensive (db);
  ok = run_migrations (db, path, steps, n_steps, error);
  sqlite3_close_v2 (db);
  return ok;
}

/* ---------------------------------------------------------------------------------------- */
/* Rows <-> JSON                                                                            */

static guint
count_columns (const Field *fields)
{
  guint n = 0;

  for (const Field *f = fields; f->key != NULL; f++)
    n += f->type == COL_OBJ ? 1 + g_strv_length ((char **) f->subcolumns) : 1;
  return n;
}

/* "a, b, c" of every column of @fields. */
static void
append_columns (GString     *s,
                const Field *fields)
{
  for (const Field *f = fields; f->key != NULL; f++)
    {
      g_string_append_printf (s, "%s, ", f->column);
      if (f->type == COL_OBJ)
        for (guint i = 0; f->subcolumns[i] != NULL; i++)
          g_string_append_printf (s, "%s, ", f->subcolumns[i]);
    }
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
obj_fits (JsonNode    *node,
          const Field *field)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);

      if (!g_strv_contains (field->subkeys, l->data))
        return FALSE;
      if (!JSON_NODE_HOLDS_NULL (member) && !is_string_node (member))
        return FALSE;
    }
  return TRUE;
}

/* Binds the columns of @fields from @object starting at parameter @index; the members that
 * found no column are added to @extra. Returns the next parameter index. */
static int
bind_fields (sqlite3_stmt *stmt,
             int           index,
             const Field  *fields,
             JsonObject   *object,
             JsonObject   *extra)
{
  for (const Field *f = fields; f->key != NULL; f++)
    {
      JsonNode *node = json_object_get_member (object, f->key);
      gboolean stored = FALSE;

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          switch (f->type)
            {
            case COL_STR:
              if (is_string_node (node))
                {
                  sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
                  stored = TRUE;
                }
              break;
            case COL_INT:
              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
                {
                  sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
                  stored = TRUE;
                }
              break;
            case COL_BOOL:
              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
                {
                  sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
                  stored = TRUE;
                }
              break;
            case COL_JSON:
              {
                char *text = json_to_string (node, FALSE);
                sqlite3_bind_text (stmt, index, text, -1, g_free);
                stored = TRUE;
              }
              break;
            case COL_OBJ:
              if (obj_fits (node, f))
                {
                  JsonObject *sub = json_node_get_object (node);

                  sqlite3_bind_int (stmt, index, 1);
                  for (guint i = 0; f->subkeys[i] != NULL; i++)
                    {
                      JsonNode *m = json_object_get_member (sub, f->subkeys[i]);

                      if (m != NULL && is_string_node (m))
                        sqlite3_bind_text (stmt, index + 1 + i, json_node_get_string (m), -1,
                                           SQLITE_TRANSIENT);
                      else
                        sqlite3_bind_null (stmt, index + 1 + i);
                    }
                  stored = TRUE;
                }
              break;
            default:
              g_assert_not_reached ();
            }
        }

      if (!stored)
        {
          sqlite3_bind_null (stmt, index);
          if (f->type == COL_OBJ)
            for (guint i = 0; f->subkeys[i] != NULL; i++)
              sqlite3_bind_null (stmt, index + 1 + i);
          if (node != NULL)
            json_object_set_member (extra, f->key, json_node_copy (node));
        }
      index += f->type == COL_OBJ ? 1 + (int) g_strv_length ((char **) f->subkeys) : 1;
    }

  return index;
}

static gboolean
has_field (const Field *fields,
           const char  *key)
{
  for (const Field *f = fields; f->key != NULL; f++)
    if (g_str_equal (f->key, key))
      return TRUE;
  return FALSE;
}

/* Adds the members of @object that neither have a column nor are in @skip to @extra. */
static void
collect_extra (JsonObject         *object,
               const Field        *fields,
               const char * const *skip,
               JsonObject         *extra)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (has_field (fields, key) || (skip != NULL && g_strv_contains (skip, key)))
        continue;
      json_object_set_member (extra, key, json_node_copy (json_object_get_member (object, key)));
    }
}

static void
bind_extra (sqlite3_stmt *stmt,
            int           index,
            JsonObject   *extra)
{
  if (json_object_get_size (extra) == 0)
    sqlite3_bind_null (stmt, index);
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, extra);
      sqlite3_bind_text (stmt, index, json_to_string (node, FALSE), -1, g_free);
    }
}

static gboolean
set_corrupt_value (GError     **error,
                   const char  *path,
                   const char  *table,
                   const char  *column)
{
  g_autofree char *name = display_name (path);

  g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
               _("“%s” is damaged (bad value in %s.%s). Open a backup copy or the JSON export of the plan instead."),
               name, table, column);
  return FALSE;
}

static JsonNode *
parse_json_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/* Builds the members of @fields from the row's columns starting at @col. */
static gboolean
read_fields (sqlite3_stmt  *stmt,
             int           *col,
             const Field   *fields,
             JsonObject    *object,
             const char    *table,
             const char    *path,
             GError       **error)
{
  for (const Field *f = fields; f->key != NULL; f++)
    {
      int c = *col;
      int type = sqlite3_column_type (stmt, c);

      *col += f->type == COL_OBJ ? 1 + (int) g_strv_length ((char **) f->subkeys) : 1;
      if (type == SQLITE_NULL)
        continue;

      switch (f->type)
        {
        case COL_STR:
          json_object_set_string_member (object, f->key, (const char *) sqlite3_column_text (stmt, c));
          break;
        case COL_INT:
          json_object_set_int_member (object, f->key, sqlite3_column_int64 (stmt, c));
          break;
        case COL_BOOL:
          json_object_set_boolean_member (object, f->key, sqlite3_column_int (stmt, c) != 0);
          break;
        case COL_JSON:
          {
            JsonNode *node = parse_json_text ((const char *) sqlite3_column_text (stmt, c));
            if (node == NULL)
              return set_corrupt_value (error, path, table, f->column);
            json_object_set_member (object, f->key, node);
          }
          break;
        case COL_OBJ:
          {
            JsonObject *sub = json_object_new ();

            for (guint i = 0; f->subkeys[i] != NULL; i++)
              {
                if (sqlite3_column_type (stmt, c + 1 + i) == SQLITE_NULL)
                  json_object_set_null_member (sub, f->subkeys[i]);
                else
                  json_object_set_string_member (sub, f->subkeys[i],
                                                 (const char *) sqlite3_column_text (stmt, c + 1 + i));
              }
            json_object_set_object_member (object, f->key, sub);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
read_extra (sqlite3_stmt  *stmt,
            int            col,
            JsonObject    *object,
            const char    *table,
            const char    *path,
            GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *extra;
  g_autoptr(GList) members = NULL;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return TRUE;
  node = parse_json_text ((const char *) sqlite3_column_text (stmt, col));
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return set_corrupt_value (error, path, table, "extra");
  extra = json_node_get_object (node);
  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data, json_node_copy (json_object_get_member (extra, l->data)));
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Writing records                                                                          */

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           const char    *path,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_plan_row (sqlite3     *db,
                const char  *path,
                JsonObject  *plan,
                JsonObject  *document_extra,
                gboolean     insert,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  guint n = count_columns (plan_fields);
  int index;

  if (insert)
    {
      g_string_append (sql, "INSERT INTO plan (");
      append_columns (sql, plan_fields);
      g_string_append (sql, "extra, document_extra, singleton) VALUES (");
      for (guint i = 0; i < n + 2; i++)
        g_string_append (sql, "?, ");
      g_string_append (sql, "1)");
    }
  else
    {
      /* document_extra belongs to the whole document, which a plan change does not carry. */
      g_string_append (sql, "UPDATE plan SET (");
      append_columns (sql, plan_fields);
      g_string_append (sql, "extra) = (");
      for (guint i = 0; i < n + 1; i++)
        g_string_append (sql, i == n ? "?" : "?, ");
      g_string_append (sql, ") WHERE singleton = 1");
    }

  stmt = prepare (db, sql->str, path, error);
  if (stmt == NULL)
    return FALSE;
  index = bind_fields (stmt, 1, plan_fields, plan, extra);
  collect_extra (plan, plan_fields, NULL, extra);
  bind_extra (stmt, index, extra);
  if (insert)
    bind_extra (stmt, index + 1, document_extra);
  if (!step_done (stmt, db, path, error))
    return FALSE;
  if (!insert && sqlite3_changes (db) != 1)
    {
      g_autofree char *name = display_name (path);
      g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                   _("“%s” is damaged (the plan row is missing). Open a backup copy or the JSON export of the plan instead."),
                   name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_children (sqlite3     *db,
                 const char  *path,
                 const char  *conference_id,
                 JsonObject  *conference,
                 GError     **error)
{
  for (guint c = 0; c < G_N_ELEMENTS (conference_children); c++)
    {
      const ChildList *child = &conference_children[c];
      JsonNode *list = json_object_get_member (conference, child->key);
      g_autoptr(GString) sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      JsonArray *array;
      guint n;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        continue;  /* kept whole in the conference's extra column */

      sql = g_string_new (NULL);
      g_string_append_printf (sql, "INSERT INTO %s (", child->table);
      append_columns (sql, child->fields);
      g_string_append (sql, "extra, conference, position) VALUES (");
      n = count_columns (child->fields);
      for (guint i = 0; i < n + 1; i++)
        g_string_append (sql, "?, ");
      g_string_append (sql, "?, ?)");
      stmt = prepare (db, sql->str, path, error);
      if (stmt == NULL)
        return FALSE;

      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *item = json_array_get_object_element (array, i);
          g_autoptr(JsonObject) extra = json_object_new ();
          int index;

          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          index = bind_fields (stmt, 1, child->fields, item, extra);
          collect_extra (item, child->fields, NULL, extra);
          bind_extra (stmt, index, extra);
          sqlite3_bind_text (stmt, index + 1, conference_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, index + 2, (int) i);
          if (!step_done (stmt, db, path, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether every element of the conference's child lists is an object (else the whole list is
 * kept in the extra column, losslessly). */
static gboolean
child_list_ok (JsonNode *list)
{
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
insert_record (sqlite3      *db,
               const char   *path,
               TdKind        kind,
               JsonNode     *node,
               gint64        pos,
               GError      **error)
{
  const RecordList *list = &record_lists[kind];
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GPtrArray) skip = g_ptr_array_new ();
  JsonObject *object;
  const char *id;
  guint n;
  int index;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("A %s record is not a JSON object"),
                   list->key);
      return FALSE;
    }
  object = json_node_get_object (node);
  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("A %s record has no id"), list->key);
      return FALSE;
    }

  if (list->has_children)
    for (guint c = 0; c < G_N_ELEMENTS (conference_children); c++)
      if (child_list_ok (json_object_get_member (object, conference_children[c].key)))
        g_ptr_array_add (skip, (gpointer) conference_children[c].key);
  g_ptr_array_add (skip, NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", list->table);
  append_columns (sql, list->fields);
  g_string_append (sql, "extra, pos) VALUES (");
  n = count_columns (list->fields);
  for (guint i = 0; i < n + 1; i++)
    g_string_append (sql, "?, ");
  g_string_append (sql, "?)");

  stmt = prepare (db, sql->str, path, error);
  if (stmt == NULL)
    return FALSE;
  index = bind_fields (stmt, 1, list->fields, object, extra);
  collect_extra (object, list->fields, (const char * const *) skip->pdata, extra);
  bind_extra (stmt, index, extra);
  sqlite3_bind_int64 (stmt, index + 1, pos);
  if (!step_done (stmt, db, path, error))
    return FALSE;

  if (list->has_children)
    {
      g_autoptr(JsonObject) children = json_object_new ();

      /* Only the lists that passed child_list_ok() were skipped from extra. */
      for (guint i = 0; skip->pdata[i] != NULL; i++)
        json_object_set_member (children, skip->pdata[i],
                                json_node_copy (json_object_get_member (object, skip->pdata[i])));
      if (!insert_children (db, path, id, children, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
find_pos (sqlite3     *db,
          const char  *path,
          const char  *table,
          const char  *id,
          gint64      *pos,
          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pos FROM %s WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, path, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *pos = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_autofree char *name = display_name (path);
      g_set_error (error, TD_ERROR, TD_ERROR_IO,
                   _("“%s” does not hold the record “%s” that was changed"), name, id);
      return FALSE;
    }
  set_sqlite_error (error, db, rc, path);
  return FALSE;
}

static gboolean
delete_record (sqlite3     *db,
               const char  *path,
               TdKind       kind,
               const char  *id,
               GError     **error)
{
  const RecordList *list = &record_lists[kind];
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", list->table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Not left to ON DELETE CASCADE alone, so that a file whose foreign keys are off (another
   * tool) stays consistent too. */
  if (list->has_children)
    for (guint c = 0; c < G_N_ELEMENTS (conference_children); c++)
      {
        g_autofree char *child_sql = g_strdup_printf ("DELETE FROM %s WHERE conference = ?",
                                                      conference_children[c].table);
        g_autoptr(sqlite3_stmt) child = prepare (db, child_sql, path, error);

        if (child == NULL)
          return FALSE;
        sqlite3_bind_text (child, 1, id, -1, SQLITE_TRANSIENT);
        if (!step_done (child, db, path, error))
          return FALSE;
      }

  stmt = prepare (db, sql, path, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return step_done (stmt, db, path, error);
}

static gboolean
shift_positions (sqlite3     *db,
                 const char  *path,
                 const char  *table,
                 gint64       from,
                 int          delta,
                 GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET pos = pos + ? WHERE pos >= ?", table);
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, path, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, delta);
  sqlite3_bind_int64 (stmt, 2, from);
  return step_done (stmt, db, path, error);
}

static const char *
node_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
}

/* One change. Positions are read in the order of the array: an addition goes at its position
 * in the list as it is after the changes before it, a removal takes the record out and closes
 * the gap, a modification keeps the record where it is. @counts caches the number of records
 * of each kind (-1: not counted yet), so that an import of 100,000 people does not count the
 * table 100,000 times. When @sync_after, sync_positions() sets every position from the model
 * afterwards: the shifting, a scan of the whole table for each addition or removal, is skipped. */
static gboolean
apply_change (sqlite3         *db,
              const char      *path,
              const TdChange  *change,
              gint64          *counts,
              gboolean         sync_after,
              GError         **error)
{
  const RecordList *list;
  const char *old_id;
  gint64 pos;

  if (change->kind == TD_KIND_PLAN)
    {
      if (change->after == NULL || !JSON_NODE_HOLDS_OBJECT (change->after))
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("A plan change carries no plan object"));
          return FALSE;
        }
      return write_plan_row (db, path, json_node_get_object (change->after), NULL, FALSE, error);
    }

  if (change->kind != TD_KIND_UNIT && change->kind != TD_KIND_PERSON &&
      change->kind != TD_KIND_CONFERENCE)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("A change of an unknown kind (%d)"),
                   (int) change->kind);
      return FALSE;
    }
  list = &record_lists[change->kind];

  old_id = node_id (change->before);
  if (old_id == NULL)
    old_id = change->id;

  if (change->before != NULL && change->after != NULL)
    {
      return find_pos (db, path, list->table, old_id, &pos, error) &&
             delete_record (db, path, change->kind, old_id, error) &&
             insert_record (db, path, change->kind, change->after, pos, error);
    }
  else if (change->after != NULL)
    {
      gint64 *count = &counts[change->kind];

      if (*count < 0)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", list->table);

          if (!query_int (db, sql, path, count, error))
            return FALSE;
        }
      pos = MIN ((gint64) change->position, *count);
      if (!(sync_after || pos == *count || shift_positions (db, path, list->table, pos, 1, error)) ||
          !insert_record (db, path, change->kind, change->after, pos, error))
        return FALSE;
      (*count)++;
      return TRUE;
    }
  else if (change->before != NULL || change->id != NULL)
    {
      if (!find_pos (db, path, list->table, old_id, &pos, error) ||
          !delete_record (db, path, change->kind, old_id, error) ||
          !(sync_after || shift_positions (db, path, list->table, pos + 1, -1, error)))
        return FALSE;
      if (counts[change->kind] >= 0)
        counts[change->kind]--;
      return TRUE;
    }

  g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("A change carries neither a before nor an after record"));
  return FALSE;
}

/* Makes the stored order of each list that gained or lost records equal the model's order,
 * whatever the positions in the changes meant. */
static gboolean
sync_positions (sqlite3     *db,
                const char  *path,
                TdPlan      *plan,
                gboolean     kinds[],
                GError     **error)
{
  GListStore *stores[] = {
    [TD_KIND_UNIT] = plan->units,
    [TD_KIND_PERSON] = plan->people,
    [TD_KIND_CONFERENCE] = plan->conferences,
  };

  for (TdKind kind = TD_KIND_UNIT; kind <= TD_KIND_CONFERENCE; kind++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      guint n;

      if (!kinds[kind])
        continue;
      sql = g_strdup_printf ("UPDATE %s SET pos = ? WHERE id = ? AND pos != ?",
                             record_lists[kind].table);
      stmt = prepare (db, sql, path, error);
      if (stmt == NULL)
        return FALSE;
      n = g_list_model_get_n_items (G_LIST_MODEL (stores[kind]));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (stores[kind]), i);
          const char *id;

          if (kind == TD_KIND_UNIT)
            id = TD_UNIT (record)->id;
          else if (kind == TD_KIND_PERSON)
            id = TD_PERSON (record)->id;
          else
            id = TD_CONFERENCE (record)->id;

          sqlite3_reset (stmt);
          sqlite3_bind_int (stmt, 1, (int) i);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 3, (int) i);
          if (!step_done (stmt, db, path, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_changes (TdStore    *self,
               GPtrArray  *changes,
               TdPlan     *plan,
               GError    **error)
{
  gboolean reordered[TD_KIND_CONFERENCE + 1] = { FALSE, };
  gint64 counts[TD_KIND_CONFERENCE + 1] = { -1, -1, -1, -1 };

  if (self->db == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("The plan file is closed"));
      return FALSE;
    }
  if (self->read_only)
    {
      g_autofree char *name = display_name (self->path);
      g_set_error (error, TD_ERROR, TD_ERROR_READ_ONLY,
                   _("“%s” is open read-only: the change was not saved"), name);
      return FALSE;
    }

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", self->path, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      const TdChange *change = g_ptr_array_index (changes, i);

      if (!apply_change (self->db, self->path, change, counts, plan != NULL, error))
        goto fail;
      if (change->kind != TD_KIND_PLAN && change->kind <= TD_KIND_CONFERENCE &&
          (change->before == NULL || change->after == NULL))
        reordered[change->kind] = TRUE;
    }

  if (plan != NULL && !sync_positions (self->db, self->path, plan, reordered, error))
    goto fail;

  if (!exec_sql (self->db, "COMMIT", self->path, error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
td_store_apply (TdStore    *self,
                GPtrArray  *changes,
                GError    **error)
{
  g_return_val_if_fail (TD_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  return apply_changes (self, changes, NULL, error);
}

/* Writes a whole interchange document into an empty, freshly migrated database. */
static gboolean
write_document (sqlite3     *db,
                const char  *path,
                JsonNode    *root,
                GError     **error)
{
  JsonObject *document;
  JsonObject *plan;
  g_autoptr(JsonObject) document_extra = json_object_new ();
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The plan document is not a JSON object"));
      return FALSE;
    }
  document = json_node_get_object (root);
  plan = json_object_get_object_member (document, "plan");
  if (plan == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The plan document has no “plan” object"));
      return FALSE;
    }

  members = json_object_get_members (document);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (document_keys, l->data))
      json_object_set_member (document_extra, l->data,
                              json_node_copy (json_object_get_member (document, l->data)));

  if (!write_plan_row (db, path, plan, document_extra, TRUE, error))
    return FALSE;

  for (TdKind kind = TD_KIND_UNIT; kind <= TD_KIND_CONFERENCE; kind++)
    {
      JsonArray *array = json_object_get_array_member (document, record_lists[kind].key);

      if (array == NULL)
        continue;
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!insert_record (db, path, kind, json_array_get_element (array, i), i, error))
          return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Loading                                                                                  */

static char *
select_sql (const char  *table,
            const Field *fields,
            const char  *leading,
            const char  *order)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  if (leading != NULL)
    g_string_append_printf (sql, "%s, ", leading);
  append_columns (sql, fields);
  g_string_append_printf (sql, "extra FROM %s ORDER BY %s", table, order);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Reads every row of a conference child table, grouped by conference id. */
static GHashTable *
load_children (sqlite3          *db,
               const char       *path,
               const ChildList  *child,
               GError          **error)
{
  g_autofree char *sql = select_sql (child->table, child->fields, "conference",
                                     "conference, position");
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, path, error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) json_array_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *conference = (const char *) sqlite3_column_text (stmt, 0);
      JsonObject *item = json_object_new ();
      JsonArray *array;
      int col = 1;

      if (conference == NULL)
        conference = "";
      if (!read_fields (stmt, &col, child->fields, item, child->table, path, error) ||
          !read_extra (stmt, col, item, child->table, path, error))
        {
          json_object_unref (item);
          return NULL;
        }
      array = g_hash_table_lookup (groups, conference);
      if (array == NULL)
        {
          array = json_array_new ();
          g_hash_table_insert (groups, g_strdup (conference), array);
        }
      json_array_add_object_element (array, item);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc, path);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

static JsonNode *
load_document (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  g_autoptr(JsonObject) document = json_object_new ();
  g_autoptr(JsonObject) plan = json_object_new ();
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree char *plan_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonNode *root;
  int rc;
  int col = 0;

  plan_sql = select_sql ("plan", plan_fields, "document_extra", "singleton");
  stmt = prepare (db, plan_sql, path, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          g_autofree char *name = display_name (path);
          g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                       _("“%s” is damaged (the plan row is missing). Open a backup copy or the JSON export of the plan instead."),
                       name);
        }
      else
        set_sqlite_error (error, db, rc, path);
      return NULL;
    }

  json_object_set_string_member (document, "format", TD_JSON_FORMAT);
  json_object_set_int_member (document, "version", TD_JSON_VERSION);
  col = 1;
  if (!read_fields (stmt, &col, plan_fields, plan, "plan", path, error) ||
      !read_extra (stmt, col, plan, "plan", path, error))
    return NULL;
  json_object_set_object_member (document, "plan", json_object_ref (plan));

  for (guint c = 0; c < G_N_ELEMENTS (conference_children); c++)
    {
      GHashTable *groups = load_children (db, path, &conference_children[c], error);

      if (groups == NULL)
        return NULL;
      g_ptr_array_add (children, groups);
    }

  for (TdKind kind = TD_KIND_UNIT; kind <= TD_KIND_CONFERENCE; kind++)
    {
      const RecordList *list = &record_lists[kind];
      g_autofree char *sql = select_sql (list->table, list->fields, NULL, "pos, rowid");
      g_autoptr(sqlite3_stmt) rows = prepare (db, sql, path, error);
      JsonArray *array = json_array_new ();

      json_object_set_array_member (document, list->key, array);
      if (rows == NULL)
        return NULL;
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          JsonObject *object = json_object_new ();

          json_array_add_object_element (array, object);
          col = 0;
          if (!read_fields (rows, &col, list->fields, object, list->table, path, error))
            return NULL;
          if (list->has_children)
            {
              const char *id = json_object_get_string_member_with_default (object, "id", "");

              for (guint c = 0; c < G_N_ELEMENTS (conference_children); c++)
                {
                  JsonArray *items = g_hash_table_lookup (g_ptr_array_index (children, c), id);

                  json_object_set_array_member (object, conference_children[c].key,
                                                items ? json_array_ref (items) : json_array_new ());
                }
            }
          /* A child list that was not an array of objects lives in extra and replaces the
           * empty one set above. */
          if (!read_extra (rows, col, object, list->table, path, error))
            return NULL;
        }
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, db, rc, path);
          return NULL;
        }
    }

  /* The document's own extra members come last. */
  {
    g_autoptr(JsonObject) tail = json_object_new ();
    g_autoptr(GList) members = NULL;

    if (!read_extra (stmt, 0, tail, "plan", path, error))
      return NULL;
    members = json_object_get_members (tail);
    for (GList *l = members; l != NULL; l = l->next)
      if (!g_strv_contains (document_keys, l->data))
        json_object_set_member (document, l->data, json_node_copy (json_object_get_member (tail, l->data)));
  }

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, document);
  return root;
}

TdPlan *
td_store_load (TdStore  *self,
               GError  **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  TdPlan *plan;

  g_return_val_if_fail (TD_IS_STORE (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("The plan file is closed"));
      return NULL;
    }

  /* One read transaction, so that the rows come from one state of the file. */
  if (!exec_sql (self->db, "BEGIN", self->path, error))
    return NULL;
  root = load_document (self->db, self->path, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (root == NULL)
    return NULL;

  plan = td_plan_new_from_json (root, &local);
  if (plan == NULL)
    {
      g_autofree char *name = display_name (self->path);
      g_set_error (error, TD_ERROR, TD_ERROR_CORRUPT,
                   _("“%s” holds data this version cannot use (%s). Open a backup copy or the JSON export of the plan instead."),
                   name, local->message);
      return NULL;
    }
  return plan;
}

/* ---------------------------------------------------------------------------------------- */
/* Creating, copying                                                                        */

static void
fsync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: makes the rename itself survive a power cut. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static void
remove_temp (const char *temp)
{
  g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

  g_unlink (temp);
  g_unlink (journal);
}

/* A new empty temporary file next to @path (same file system, so that rename is atomic),
 * created with the usual permissions (0666 less the umask), unlike g_mkstemp's 0600. */
static char *
make_temp (const char  *path,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int saved = EEXIST;

  for (int attempt = 0; attempt < 100 && saved == EEXIST; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", base, g_random_int ());
      char *temp = g_build_filename (dir, name, NULL);
      int fd = g_open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          close (fd);
          return temp;
        }
      saved = errno;
      g_free (temp);
    }

  {
    g_autofree char *name = display_name (path);
    g_set_error (error, TD_ERROR, saved == EACCES || saved == EROFS ? TD_ERROR_READ_ONLY : TD_ERROR_IO,
                 _("Cannot write “%s”: %s"), name, g_strerror (saved));
  }
  return NULL;
}

/* Moves @temp to @path; without @overwrite, fails when @path exists. */
static gboolean
commit_temp (const char  *temp,
             const char  *path,
             gboolean     overwrite,
             GError     **error)
{
  g_autofree char *name = display_name (path);

  if (!overwrite)
    {
      /* link() refuses an existing target atomically; file systems without hard links (FAT
       * on a USB stick) fall back to a check then a rename. */
      if (link (temp, path) == 0)
        {
          g_unlink (temp);
          fsync_folder (path);
          return TRUE;
        }
      if (errno == EEXIST)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_IO, _("“%s” already exists"), name);
          return FALSE;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, TD_ERROR, TD_ERROR_IO, _("“%s” already exists"), name);
          return FALSE;
        }
    }
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("Cannot write “%s”: %s"), name,
                   g_strerror (saved));
      return FALSE;
    }
  fsync_folder (path);
  return TRUE;
}

static sqlite3 *
open_new_database (const char  *temp,
                   const char  *path,
                   GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (temp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  configure_defensive (db);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;", NULL, NULL, NULL);
  return db;
}

/* Writes @root into a new plan file at @path, through a temporary file. */
static gboolean
write_new_file (const char  *path,
                JsonNode    *root,
                gboolean     overwrite,
                GError     **error)
{
  g_autofree char *temp = NULL;
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                             (int) TD_STORE_APPLICATION_ID);
  sqlite3 *db;
  gboolean ok;

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = display_name (path);
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("“%s” already exists"), name);
      return FALSE;
    }

  temp = make_temp (path, error);
  if (temp == NULL)
    return FALSE;
  db = open_new_database (temp, path, error);
  if (db == NULL)
    {
      remove_temp (temp);
      return FALSE;
    }

  ok = exec_sql (db, set_id, path, error) &&
       run_migrations (db, path, migrations, G_N_ELEMENTS (migrations), error) &&
       exec_sql (db, "BEGIN IMMEDIATE", path, error);
  if (ok)
    {
      ok = write_document (db, path, root, error) && exec_sql (db, "COMMIT", path, error);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  if (sqlite3_close_v2 (db) != SQLITE_OK && ok)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("Cannot write “%s”"), path);
      ok = FALSE;
    }

  ok = ok && commit_temp (temp, path, overwrite, error);
  if (!ok)
    remove_temp (temp);
  return ok;
}

TdStore *
td_store_create (const char  *path,
                 TdPlan      *plan,
                 GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  root = td_plan_to_json (plan);
  if (!write_new_file (path, root, FALSE, error))
    return NULL;
  return td_store_open (path, error);
}

gboolean
td_store_save_copy (TdStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *temp = NULL;
  sqlite3 *db;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TD_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("The plan file is closed"));
      return FALSE;
    }

  temp = make_temp (path, error);
  if (temp == NULL)
    return FALSE;
  db = open_new_database (temp, path, error);
  if (db == NULL)
    {
      remove_temp (temp);
      return FALSE;
    }

  backup = sqlite3_backup_init (db, "main", self->db, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, db, sqlite3_errcode (db), path);
      sqlite3_close_v2 (db);
      remove_temp (temp);
      return FALSE;
    }
  do
    rc = sqlite3_backup_step (backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      remove_temp (temp);
      return FALSE;
    }
  sqlite3_close_v2 (db);

  if (!commit_temp (temp, path, TRUE, error))
    {
      remove_temp (temp);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Attaching                                                                                */

static void
on_plan_changes (TdPlan    *plan,
                 GPtrArray *changes,
                 gpointer   user_data)
{
  TdStore *self = TD_STORE (user_data);
  g_autoptr(GError) error = NULL;

  if (!apply_changes (self, changes, plan, &error))
    {
      g_debug ("Saving a change failed: %s", error->message);
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
    }
}

void
td_store_attach (TdStore *self,
                 TdPlan  *plan)
{
  g_return_if_fail (TD_IS_STORE (self));
  g_return_if_fail (TD_IS_PLAN (plan));

  if (self->plan != NULL)
    {
      /* g_signal_connect_object() already dropped the handler if the store is being finalized. */
      if (self->changes_id != 0 && g_signal_handler_is_connected (self->plan, self->changes_id))
        g_signal_handler_disconnect (self->plan, self->changes_id);
      self->changes_id = 0;
      g_object_remove_weak_pointer (G_OBJECT (self->plan), (gpointer *) &self->plan);
    }
  self->plan = plan;
  g_object_add_weak_pointer (G_OBJECT (plan), (gpointer *) &self->plan);
  self->changes_id = g_signal_connect_object (plan, "changes", G_CALLBACK (on_plan_changes),
                                              self, G_CONNECT_DEFAULT);
}

const char *
td_store_get_path (TdStore *self)
{
  g_return_val_if_fail (TD_IS_STORE (self), NULL);
  return self->path;
}

gboolean
td_store_is_read_only (TdStore *self)
{
  g_return_val_if_fail (TD_IS_STORE (self), TRUE);
  return self->read_only;
}

void
td_store_close (TdStore *self)
{
  g_return_if_fail (TD_IS_STORE (self));

  if (self->plan != NULL)
    {
      /* g_signal_connect_object() already dropped the handler if the store is being finalized. */
      if (self->changes_id != 0 && g_signal_handler_is_connected (self->plan, self->changes_id))
        g_signal_handler_disconnect (self->plan, self->changes_id);
      self->changes_id = 0;
      g_object_remove_weak_pointer (G_OBJECT (self->plan), (gpointer *) &self->plan);
      self->plan = NULL;
    }
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static void
td_store_finalize (GObject *object)
{
  TdStore *self = TD_STORE (object);

  td_store_close (self);
  g_free (self->path);

  G_OBJECT_CLASS (td_store_parent_class)->finalize (object);
}

static void
td_store_class_init (TdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_store_finalize;

  /**
   * TdStore::error:
   * @error: (type GError): what failed
   *
   * A change of the attached plan could not be saved.
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
td_store_init (TdStore *self)
{
}

/* ---------------------------------------------------------------------------------------- */
/* Files by extension                                                                       */

typedef enum {
  FILE_KIND_UNKNOWN,
  FILE_KIND_PLAN,
  FILE_KIND_JSON,
} FileKind;

static FileKind
file_kind (const char *path)
{
  if (g_str_has_suffix (path, ".thidua") || g_str_has_suffix (path, ".THIDUA"))
    return FILE_KIND_PLAN;
  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return FILE_KIND_JSON;
  return FILE_KIND_UNKNOWN;
}

static void
set_unknown_kind (GError     **error,
                  const char  *path)
{
  g_autofree char *name = display_name (path);

  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               _("“%s”: unknown kind of file (the name must end in .thidua or .json)"), name);
}

TdPlan *
td_plan_load_file (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  switch (file_kind (path))
    {
    case FILE_KIND_PLAN:
      {
        /* Read-only: loading a copy never changes the file, not even by migrating it. */
        g_autoptr(TdStore) store = td_store_open_full (path, TD_STORE_OPEN_READ_ONLY, error);
        TdPlan *plan;

        if (store == NULL)
          return NULL;
        plan = td_store_load (store, error);
        td_store_close (store);
        return plan;
      }
    case FILE_KIND_JSON:
      {
        g_autofree char *data = NULL;
        g_autofree char *name = display_name (path);
        g_autoptr(GError) local = NULL;
        gsize length;
        TdPlan *plan;

        if (!g_file_get_contents (path, &data, &length, &local))
          {
            g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s", local->message);
            return NULL;
          }
        plan = td_plan_new_from_json_data (data, (gssize) length, &local);
        if (plan == NULL)
          {
            g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
            return NULL;
          }
        return plan;
      }
    case FILE_KIND_UNKNOWN:
    default:
      set_unknown_kind (error, path);
      return NULL;
    }
}

gboolean
td_plan_save_file (TdPlan      *plan,
                   const char  *path,
                   gboolean     overwrite,
                   GError     **error)
{
  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (file_kind (path))
    {
    case FILE_KIND_PLAN:
      {
        g_autoptr(JsonNode) root = td_plan_to_json (plan);
        return write_new_file (path, root, overwrite, error);
      }
    case FILE_KIND_JSON:
      {
        g_autofree char *data = NULL;
        g_autofree char *temp = NULL;
        gsize length = 0;
        gboolean ok;

        if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
          {
            g_autofree char *name = display_name (path);
            g_set_error (error, TD_ERROR, TD_ERROR_IO, _("“%s” already exists"), name);
            return FALSE;
          }
        data = td_plan_to_json_data (plan, &length);
        temp = make_temp (path, error);
        if (temp == NULL)
          return FALSE;
        {
          g_autoptr(GError) local = NULL;
          ok = g_file_set_contents_full (temp, data, (gssize) length,
                                         G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                         0644, &local);
          if (!ok)
            g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s", local->message);
        }
        ok = ok && commit_temp (temp, path, overwrite, error);
        if (!ok)
          g_unlink (temp);
        return ok;
      }
    case FILE_KIND_UNKNOWN:
    default:
      set_unknown_kind (error, path);
      return FALSE;
    }
}
