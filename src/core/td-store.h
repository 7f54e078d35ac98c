/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_STORE_SCHEMA_VERSION 1
/* PRAGMA application_id of every plan file: "TDP1". */
#define TD_STORE_APPLICATION_ID 0x54445031

#define TD_TYPE_STORE (td_store_get_type ())
G_DECLARE_FINAL_TYPE (TdStore, td_store, TD, STORE, GObject)

/* Opens an existing plan file (defensively; checks it is a plan, its schema version and its
 * integrity). Errors: TD_ERROR_NOT_A_PLAN, TD_ERROR_CORRUPT, TD_ERROR_TOO_NEW, TD_ERROR_IO.
 * A read-only file opens read-only (td_store_is_read_only). Never modifies a file it refuses. */
TdStore  *td_store_open        (const char *path, GError **error);

typedef enum {
  TD_STORE_OPEN_DEFAULT   = 0,
  TD_STORE_OPEN_READ_ONLY = 1 << 0,  /* never write, even when the file could be written */
} TdStoreOpenFlags;

TdStore  *td_store_open_full   (const char *path, TdStoreOpenFlags flags, GError **error);
/* Creates @path (which must not exist) holding @plan. */
TdStore  *td_store_create      (const char *path, TdPlan *plan, GError **error);
/* Reads the whole plan. */
TdPlan   *td_store_load        (TdStore *self, GError **error);
/* Writes a list of TdChange in one transaction. */
gboolean  td_store_apply       (TdStore *self, GPtrArray *changes, GError **error);
/* Saves every committed change of @plan from now on (connects to TdPlan::changes);
 * failures are reported through the TdStore::error signal (GError*). */
void      td_store_attach      (TdStore *self, TdPlan *plan);
/* Writes a consistent copy of the open plan to @path (SQLite backup). */
gboolean  td_store_save_copy   (TdStore *self, const char *path, GError **error);
const char *td_store_get_path  (TdStore *self);
gboolean  td_store_is_read_only(TdStore *self);
void      td_store_close       (TdStore *self);

/* Convenience: a plan from a .thidua or .json file (by extension), and the same for writing
 * (a .thidua is created anew: the path must not exist unless @overwrite). */
TdPlan   *td_plan_load_file    (const char *path, GError **error);
gboolean  td_plan_save_file    (TdPlan *plan, const char *path, gboolean overwrite, GError **error);

/* The migration mechanism, exposed for tests: brings the plan file at @path from its
 * user_version up to @n_steps by running @steps[v] (SQL) for each version v at or above it,
 * each step in its own transaction. The real steps are td-store.c's migrations[]. */
gboolean  td_store_run_migrations (const char *path, const char * const *steps, guint n_steps,
                                   GError **error);

G_END_DECLS
