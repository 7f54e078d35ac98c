/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"
#include "td-rules.h"

G_BEGIN_DECLS

#define TD_TYPE_PROBLEMS_PAGE (td_problems_page_get_type ())
G_DECLARE_FINAL_TYPE (TdProblemsPage, td_problems_page, TD, PROBLEMS_PAGE, AdwBin)

/* Every violation of the plan, grouped by conference, errors first, filtered by severity.
 * Activating a row shows its conference (win.show-conference) or, for a unit's own problem,
 * its unit on the units page. Gets the plan by its "plan" property and the rules from its
 * TdPlanWindow (or its own engine when it is not in one). */
void         td_problems_page_set_plan   (TdProblemsPage *self, TdPlan *plan);
/* Uses @rules (and its plan) instead of asking the window. */
void         td_problems_page_set_rules  (TdProblemsPage *self, TdRules *rules);
/* The rows: a TdProblemsHeader before each group's TdViolations. NULL without a plan. */
GListModel  *td_problems_page_get_model  (TdProblemsPage *self);
/* TD_SEVERITY_NONE shows every severity (the "All" button). */
void         td_problems_page_set_filter (TdProblemsPage *self, TdSeverity only);

G_END_DECLS
