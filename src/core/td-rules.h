/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "td-plan.h"

G_BEGIN_DECLS

/* Ordered: a larger value is worse. NONE is what a conference without problems has. */
typedef enum {
  TD_SEVERITY_NONE,
  TD_SEVERITY_INFO,
  TD_SEVERITY_WARNING,
  TD_SEVERITY_ERROR,
} TdSeverity;

/* "error", "warning", "info" (check --json); "none" for TD_SEVERITY_NONE. */
const char *td_severity_to_string (TdSeverity severity);
/* Translated label for the interface. */
const char *td_severity_label     (TdSeverity severity);

/* Fields of a conference a violation concerns (the conference editor marks them). */
#define TD_FIELD_DATE        "date"
#define TD_FIELD_MODE        "mode"
#define TD_FIELD_DELEGATES   "delegates"
#define TD_FIELD_QUOTAS      "quotas"
#define TD_FIELD_AGENDA      "agenda"
#define TD_FIELD_SUBMISSIONS "submissions"
#define TD_FIELD_PILOT       "pilot"

/* The number of pilot units each listed body picks ("02 đơn vị chỉ đạo điểm") and the size from
 * which R-PRIO expects women and several sectors. TdParameters has no field for them yet. */
#define TD_RULES_PILOTS_PER_BODY   2
#define TD_RULES_PRIO_MIN_DELEGATES 20

/* One broken rule. Immutable once made. */
#define TD_TYPE_VIOLATION (td_violation_get_type ())
G_DECLARE_FINAL_TYPE (TdViolation, td_violation, TD, VIOLATION, GObject)

struct _TdViolation
{
  GObject      parent_instance;

  const char  *rule;        /* "R-CAP1", static */
  TdSeverity   severity;
  char        *conference;  /* id, NULL for a unit-only R-PILOT violation */
  char        *unit;        /* id of the unit concerned */
  char       **people;      /* ids of the people concerned, NULL-terminated, never NULL */
  const char  *field;       /* TD_FIELD_…, static, may be NULL */
  char        *message;     /* in the user's language */
};

TdViolation  *td_violation_new   (const char *rule, TdSeverity severity, const char *conference,
                                  const char *unit, const char *field, char **people,
                                  const char *message);
/* Same rule, severity, records, people, field and message. */
gboolean      td_violation_equal (TdViolation *a, TdViolation *b);
/* The "violations" element of check --json: {"rule","severity","conference","unit","field",
 * "people","message"} ("conference" is null for a unit-only violation). */
JsonNode     *td_violation_to_json (TdViolation *self);

/* Pure checks. @today decides which R-SUBMIT deadlines have passed.
 * Both return a new array of TdViolation (owning references). */
GPtrArray    *td_rules_check_plan       (TdPlan *plan, TdDate today);
/* The violations of one conference, including R-PILOT when its unit is a listed body. */
GPtrArray    *td_rules_check_conference (TdPlan *plan, TdConference *conference, TdDate today);
/* Worst severity in an array of TdViolation. */
TdSeverity    td_violations_get_worst   (GPtrArray *violations);
/* Number of errors in an array of TdViolation. */
guint         td_violations_count_errors(GPtrArray *violations);

/* The incremental engine: bound to a plan, it re-checks only what each committed edit can
 * affect and keeps the result as a GListModel of TdViolation (grouped by conference, in the
 * plan's conference order at the last full check; the interface sorts as it likes).
 * ::changed (GStrv conference_ids) names the conferences whose violations changed. */
#define TD_TYPE_RULES (td_rules_get_type ())
G_DECLARE_FINAL_TYPE (TdRules, td_rules, TD, RULES, GObject)

/* @today: TD_DATE_NONE means the real date (and keeps following it on each check). */
TdRules      *td_rules_new                 (TdPlan *plan, TdDate today);
TdPlan       *td_rules_get_plan            (TdRules *self);
/* The violations, a GListModel of TdViolation (owned by @self). */
GListModel   *td_rules_get_model           (TdRules *self);
TdSeverity    td_rules_get_worst_severity  (TdRules *self, const char *conference_id);
/* The violations of a conference (NULL: the unit-only ones of @unit_id), a new array. */
GPtrArray    *td_rules_get_violations      (TdRules *self, const char *conference_id);
GPtrArray    *td_rules_get_unit_violations (TdRules *self, const char *unit_id);
/* Changes "today" (for R-SUBMIT) and re-checks everything. */
void          td_rules_set_today           (TdRules *self, TdDate today);
TdDate        td_rules_get_today           (TdRules *self);
/* Re-checks everything (also done on any change of the plan's parameters). */
void          td_rules_recheck_all         (TdRules *self);

/* Today as a TdDate, local time. */
TdDate        td_rules_today               (void);

G_END_DECLS
