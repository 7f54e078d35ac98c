/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-application.h"
#include "td-plan.h"
#include "td-rules.h"
#include "td-store.h"

G_BEGIN_DECLS

#define TD_TYPE_PLAN_WINDOW (td_plan_window_get_type ())
G_DECLARE_FINAL_TYPE (TdPlanWindow, td_plan_window, TD, PLAN_WINDOW, AdwApplicationWindow)

TdPlanWindow *td_plan_window_new            (TdApplication *app);
/* Opens a .thidua plan (or imports a .json one into a new plan file) in this window. */
gboolean  td_plan_window_load_file      (TdPlanWindow *self, GFile *file);
GFile    *td_plan_window_get_file       (TdPlanWindow *self);
TdPlan   *td_plan_window_get_plan       (TdPlanWindow *self);
TdStore  *td_plan_window_get_store      (TdPlanWindow *self);
/* The plan's rules engine (incremental), shared by the pages. NULL before a plan is loaded. */
TdRules  *td_plan_window_get_rules      (TdPlanWindow *self);
/* Shows a short message at the bottom of the window. */
void      td_plan_window_toast          (TdPlanWindow *self, const char *message);
/* Switches to a page by name ("plan", "units", …). */
void      td_plan_window_show_page      (TdPlanWindow *self, const char *name);
/* Adds a page to the window's view stack; pages get the plan through their "plan" property. */
void      td_plan_window_add_page       (TdPlanWindow *self, GtkWidget *page, const char *name,
                                    const char *title, const char *icon_name);

G_END_DECLS
