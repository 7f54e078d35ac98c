/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "td-composition.h"
#include "td-plan.h"
#include "td-rules.h"

G_BEGIN_DECLS

/*
 * The state of the delegate selection wizard of one conference: the mode, the quotas, the
 * picked people with their roles and the approvals, none of which touches the plan before
 * td_wizard_finish(). Its verdicts come from td_rules_check_conference() run on a copy of the
 * conference that carries the picks, so the wizard says what `thidua-cli check` will say.
 *
 * ::changed is emitted after every change of the state (picks, roles, approvals, quotas, mode).
 */
#define TD_TYPE_WIZARD (td_wizard_get_type ())
G_DECLARE_FINAL_TYPE (TdWizard, td_wizard, TD, WIZARD, GObject)

/* Starts from the conference's delegates, quotas and mode; a plenary conference without
 * delegates is pre-filled with its unit's staff (td_wizard_prefill_staff). */
TdWizard            *td_wizard_new                  (TdPlan *plan, TdConference *conference);
TdPlan              *td_wizard_get_plan             (TdWizard *self);
TdConference        *td_wizard_get_conference       (TdWizard *self);
/* The unit holding the conference (NULL when the plan lacks it). */
TdUnit              *td_wizard_get_unit             (TdWizard *self);

/* R-MODE: the mode the unit's staff implies. *@choice (may be NULL) is set when both modes
 * are allowed (staff exactly at the threshold, unknown staff, or a level R-MODE does not
 * cover and that may hold either). Upper and provincial levels convene delegates. */
TdMode               td_wizard_get_proposed_mode    (TdWizard *self, gboolean *choice);
TdMode               td_wizard_get_mode             (TdWizard *self);
/* Switching to plenary pre-fills the unit's staff; switching back keeps the picks. */
void                 td_wizard_set_mode             (TdWizard *self, TdMode mode);
/* The R-CAP limit for the current mode, -1 when none applies. */
int                  td_wizard_get_cap              (TdWizard *self);

/* Picks every person whose unit is the conference's unit as a delegate (already picked people
 * keep their role). Returns how many were added. */
guint                td_wizard_prefill_staff        (TdWizard *self);

/* Whether the person may be picked as a delegate (their unit lies in the conference unit's
 * subtree); anyone in the plan may be picked as a guest. */
gboolean             td_wizard_is_candidate         (TdWizard *self, TdPerson *person);
/* The role a new pick of @person gets: a delegate from the subtree (in a plenary, from the
 * unit itself), a guest otherwise. */
TdRole               td_wizard_default_role         (TdWizard *self, TdPerson *person);

gboolean             td_wizard_is_picked            (TdWizard *self, const char *person);
/* Picks @person (or changes the role of a pick). */
void                 td_wizard_pick                 (TdWizard *self, const char *person, TdRole role);
void                 td_wizard_unpick               (TdWizard *self, const char *person);
/* The role of a pick (TD_ROLE_DELEGATE when not picked). */
TdRole               td_wizard_get_role             (TdWizard *self, const char *person);
guint                td_wizard_get_n_picks          (TdWizard *self);
/* The picks as the conference will hold them: the conference's own delegates first in their
 * order, then new picks in official order. A new array of TdDelegate (with approvals). */
GArray              *td_wizard_dup_delegates        (TdWizard *self);
/* The picked people in official order (tên, then họ và tên đệm), a new array of borrowed
 * TdPerson*; picks whose person is not in the plan are left out. */
GPtrArray           *td_wizard_get_picked_people    (TdWizard *self);

/* R-APPROVE: a convened delegate whose unit is not the conference's unit needs an approval. */
gboolean             td_wizard_needs_approval       (TdWizard *self, const char *person);
const TdApproval    *td_wizard_get_approval         (TdWizard *self, const char *person);
/* @approval NULL removes it. Approvals are kept for people picked again later. */
void                 td_wizard_set_approval         (TdWizard *self, const char *person,
                                                     const TdApproval *approval);
/* The same approval for several people at once (one ::changed). */
void                 td_wizard_set_approval_many    (TdWizard *self, const char * const *people,
                                                     const TdApproval *approval);
/* The picked people who need an approval and have none, official order, borrowed TdPerson*. */
GPtrArray           *td_wizard_get_unapproved       (TdWizard *self);
/* The picked people who need an approval (with or without one), official order. */
GPtrArray           *td_wizard_get_sent_upward      (TdWizard *self);

/* Quotas: the direct child units of the conference's unit (borrowed TdUnit*, plan order). */
GPtrArray           *td_wizard_get_child_units      (TdWizard *self);
/* Seats allotted to @unit, -1 when it has no quota. */
int                  td_wizard_get_quota            (TdWizard *self, const char *unit);
/* @seats < 0 removes the quota. */
void                 td_wizard_set_quota            (TdWizard *self, const char *unit, int seats);
void                 td_wizard_clear_quotas         (TdWizard *self);
/* Sum of the seats of all quotas. */
int                  td_wizard_get_quota_total      (TdWizard *self);
/* Shares @total seats among the child units in proportion to their staff (largest remainder;
 * unknown staff counts as 0; when no child has staff, equally). Sets a quota for every child. */
void                 td_wizard_share_quotas         (TdWizard *self, int total);

/* Splits @total into @n parts proportional to @weights (negative weights count as 0; all zero:
 * equal weights) by the largest remainder method: each part gets the floor of its exact share,
 * the seats left go one each to the largest remainders (ties: larger weight, then earlier).
 * The parts sum to @total. */
void                 td_share_largest_remainder     (const int *weights, guint n, int total,
                                                     int *parts);

/* The composition of the picks (kept until the next change; O(picks) to compute). */
const TdComposition *td_wizard_get_composition      (TdWizard *self);
/* The violations of the delegate rules (R-MODE, R-CAP1, R-CAP2, R-MIX, R-PRIO, R-QUOTA,
 * R-APPROVE) that the conference would have with the picks, as td_rules_check_conference()
 * reports them; owned by @self, kept until the next change. */
GPtrArray           *td_wizard_get_verdicts         (TdWizard *self);
guint                td_wizard_count_errors         (TdWizard *self);
guint                td_wizard_count_warnings       (TdWizard *self);
/* Whether @rule is one of the rules the wizard decides. */
gboolean             td_wizard_rule_is_checked      (const char *rule);

/* Warnings do not block finishing once acknowledged; any change of the state withdraws it. */
void                 td_wizard_set_acknowledged     (TdWizard *self, gboolean acknowledged);
gboolean             td_wizard_get_acknowledged     (TdWizard *self);
/* NULL when Finish is allowed, else why not (the first error, or the unacknowledged warnings),
 * a new string in the user's language. */
char                *td_wizard_dup_finish_blocker   (TdWizard *self);
gboolean             td_wizard_can_finish           (TdWizard *self);

/* The conference as it would be after finishing: a new conference not in the plan. */
TdConference        *td_wizard_build_conference     (TdWizard *self);
/* Saves the delegates, quotas and mode to the conference in one undoable edit. Fails (and
 * changes nothing) when td_wizard_can_finish() is FALSE. */
gboolean             td_wizard_finish               (TdWizard *self, GError **error);

G_END_DECLS
