/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan-window.h"
#include "td-wizard.h"

G_BEGIN_DECLS

#define TD_TYPE_DELEGATE_WIZARD (td_delegate_wizard_get_type ())
G_DECLARE_FINAL_TYPE (TdDelegateWizard, td_delegate_wizard, TD, DELEGATE_WIZARD, AdwWindow)

/* The steps, in order; a step that does not apply (quotas of a plenary) is skipped. */
typedef enum {
  TD_WIZARD_STEP_MODE,
  TD_WIZARD_STEP_QUOTAS,
  TD_WIZARD_STEP_CHOOSE,
  TD_WIZARD_STEP_APPROVALS,
  TD_WIZARD_STEP_REVIEW,
} TdWizardStep;

/* Opens the "Choose Delegates" wizard of @conference, modal over the plan window. Nothing
 * reaches the plan before Finish, which saves in one undoable edit and offers the exports. */
void              td_delegate_wizard_open     (TdPlanWindow *window, TdConference *conference);

/* The same without a plan window (tests): @parent may be any window or NULL. The wizard is
 * not shown; present it with gtk_window_present(). Widget actions: "wizard.back",
 * "wizard.next", "wizard.finish", "wizard.cancel", "wizard.prefill", "wizard.share",
 * "wizard.clear-quotas", "wizard.apply-approval", "wizard.select-unapproved",
 * "wizard.remove-approval". */
TdDelegateWizard *td_delegate_wizard_new      (GtkWindow *parent, TdPlan *plan,
                                               TdConference *conference);
TdWizard         *td_delegate_wizard_get_wizard (TdDelegateWizard *self);
TdWizardStep      td_delegate_wizard_get_step (TdDelegateWizard *self);
/* Refreshes what the state shows now instead of at the next idle (tests, screenshots). */
void              td_delegate_wizard_sync     (TdDelegateWizard *self);

G_END_DECLS
