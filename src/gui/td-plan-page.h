/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_PLAN_PAGE (td_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (TdPlanPage, td_plan_page, TD, PLAN_PAGE, AdwBin)

/* The plan's own metadata, signer, legal bases, recipients, parameters and level windows. */
void td_plan_page_set_plan (TdPlanPage *self, TdPlan *plan);

G_END_DECLS
