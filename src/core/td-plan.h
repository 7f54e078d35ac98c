/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "td-types.h"
#include "td-unit.h"
#include "td-person.h"
#include "td-conference.h"
#include "td-agenda-item.h"

G_BEGIN_DECLS

#define TD_JSON_FORMAT  "thidua-plan"
#define TD_JSON_VERSION 1

typedef struct
{
  int    plenary_staff_threshold;   /* 200 */
  int    grassroots_delegate_cap;   /* 150 */
  int    upper_delegate_cap;        /* 300 */
  int    leader_share_max_percent;  /* 30 */
  int    half_day_minutes;          /* 270 */
  TdDate windows[TD_N_WINDOWS][2];  /* first and last day of each level window */
} TdParameters;

typedef struct
{
  char   *id;       /* "M0" … "M8" */
  char   *title;
  char   *actor;
  TdDate  start;
  TdDate  end;      /* == start for a single day */
} TdMilestone;

typedef struct
{
  TdDate   date;
  char    *title;
  gboolean yearly;  /* repeats every year on the same day and month */
} TdCommemoration;

/* One change of one record: its JSON before and after (NULL before = added, NULL after = removed).
 * For TD_KIND_PLAN, id is NULL and the JSON is the "plan" object of the interchange format. */
typedef struct
{
  TdKind    kind;
  char     *id;
  JsonNode *before;
  JsonNode *after;
  guint     position;  /* position in its list (for re-insertion on undo) */
} TdChange;

#define TD_TYPE_PLAN (td_plan_get_type ())
G_DECLARE_FINAL_TYPE (TdPlan, td_plan, TD, PLAN, GObject)

struct _TdPlan
{
  GObject       parent_instance;

  /* Metadata: read directly, change inside an edit after td_plan_touch_plan(). */
  char         *title;
  char         *number;          /* "121/KH-UBND" */
  char         *superior;        /* superior body, may be empty */
  char         *issuer;          /* "UBND TỈNH TÂY NINH" */
  char         *place;           /* "Tây Ninh" */
  TdDate        date;
  char         *signer_authority;/* "TM. ỦY BAN NHÂN DÂN" */
  char         *signer_deputy;   /* "KT. CHỦ TỊCH" */
  char         *signer_title;    /* "PHÓ CHỦ TỊCH" */
  char         *signer_name;
  GPtrArray    *legal_bases;     /* of char*: "Căn cứ …" */
  GPtrArray    *recipients;      /* of char*: "Nơi nhận" lines */
  TdParameters  params;
  GPtrArray    *milestones;      /* of TdMilestone* */
  GPtrArray    *commemorations;  /* of TdCommemoration* */
  JsonObject   *documents;       /* plan-level export settings */

  /* Collections, in document order; the interface binds to them. Change them only through
   * the td_plan_add_… / td_plan_remove_… functions inside an edit. */
  GListStore   *units;           /* of TdUnit */
  GListStore   *people;          /* of TdPerson */
  GListStore   *conferences;     /* of TdConference */

  /*< private >*/
  gpointer      priv;
};

TdPlan       *td_plan_new                (void);
/* The default parameters of rules.md. */
void          td_parameters_init_default (TdParameters *params);

/* JSON interchange v1. Validation is complete before anything is built: a plan comes back
 * only when the whole document is valid; otherwise the error names the JSON path. */
TdPlan       *td_plan_new_from_json      (JsonNode *root, GError **error);
TdPlan       *td_plan_new_from_json_data (const char *data, gssize length, GError **error);
JsonNode     *td_plan_to_json            (TdPlan *self);
char         *td_plan_to_json_data       (TdPlan *self, gsize *length);
JsonNode     *td_plan_metadata_to_json   (TdPlan *self);
gboolean      td_plan_load_metadata_json (TdPlan *self, JsonObject *object, const char *path, GError **error);

/* Lookup by id (NULL when none). */
TdUnit       *td_plan_get_unit           (TdPlan *self, const char *id);
TdPerson     *td_plan_get_person         (TdPlan *self, const char *id);
TdConference *td_plan_get_conference     (TdPlan *self, const char *id);
/* The conference held by a unit (first one), or NULL. */
TdConference *td_plan_get_unit_conference(TdPlan *self, const char *unit_id);
/* Direct children of a unit (NULL: the roots), a new array of borrowed TdUnit*. */
GPtrArray    *td_plan_get_children       (TdPlan *self, const char *unit_id);
/* Whether @unit_id is @ancestor_id or lies in its subtree. */
gboolean      td_plan_unit_is_within     (TdPlan *self, const char *unit_id, const char *ancestor_id);
/* A new id not used by any record of that kind, built from @stem ("p", "c-godau"). */
char         *td_plan_make_id            (TdPlan *self, TdKind kind, const char *stem);

/* Edits. Every change happens between begin and commit; commit records one undo step,
 * emits ::changes once (the store writes it in one transaction, the rules re-check it) and
 * then each changed record's own ::changed signal. Edits nest: only the outermost commits. */
void          td_plan_begin              (TdPlan *self, const char *label);
/* Like td_plan_begin(), but when the previous undo step has the same @merge_key and this edit
 * changes the same records, the two become one step (typing in a field is one undo step).
 * Every commit is still emitted and saved. */
void          td_plan_begin_merging      (TdPlan *self, const char *label, const char *merge_key);
void          td_plan_touch_plan         (TdPlan *self);
void          td_plan_touch              (TdPlan *self, gpointer record);  /* unit, person or conference */
void          td_plan_add_unit           (TdPlan *self, TdUnit *unit, int position);  /* -1: append */
void          td_plan_remove_unit        (TdPlan *self, TdUnit *unit);  /* not its children */
void          td_plan_add_person         (TdPlan *self, TdPerson *person);
void          td_plan_remove_person      (TdPlan *self, TdPerson *person);
void          td_plan_add_conference     (TdPlan *self, TdConference *conference);
void          td_plan_remove_conference  (TdPlan *self, TdConference *conference);
void          td_plan_commit             (TdPlan *self);
/* Drops the changes of the open edit, restoring what was touched. */
void          td_plan_rollback           (TdPlan *self);
gboolean      td_plan_in_edit            (TdPlan *self);

/* Bulk loading without undo or signals (used by the store and the JSON importer). */
void          td_plan_load_add_unit       (TdPlan *self, TdUnit *unit);
void          td_plan_load_add_person     (TdPlan *self, TdPerson *person);
void          td_plan_load_add_conference (TdPlan *self, TdConference *conference);

gboolean      td_plan_can_undo           (TdPlan *self);
gboolean      td_plan_can_redo           (TdPlan *self);
const char   *td_plan_get_undo_label     (TdPlan *self);
const char   *td_plan_get_redo_label     (TdPlan *self);
void          td_plan_undo               (TdPlan *self);
void          td_plan_redo               (TdPlan *self);

void          td_change_free             (TdChange *change);

/* The embedded sample plan (GResource), and an empty plan with default parameters. */
TdPlan       *td_plan_new_sample         (GError **error);
TdPlan       *td_plan_new_empty          (void);

TdMilestone     *td_milestone_new        (const char *id, const char *title, const char *actor,
                                          TdDate start, TdDate end);
void             td_milestone_free       (TdMilestone *m);
TdCommemoration *td_commemoration_new    (TdDate date, const char *title, gboolean yearly);
void             td_commemoration_free   (TdCommemoration *c);

G_END_DECLS
