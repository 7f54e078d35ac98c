/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_UNITS_PAGE (td_units_page_get_type ())
G_DECLARE_FINAL_TYPE (TdUnitsPage, td_units_page, TD, UNITS_PAGE, AdwBin)

/* The unit tree and, for the selected unit, its editor and its conference's editor.
 * Installs the widget action "units.show-conference" (string: a conference id). */
void      td_units_page_set_plan            (TdUnitsPage *self, TdPlan *plan);
void      td_units_page_select_unit         (TdUnitsPage *self, const char *unit_id);
TdUnit   *td_units_page_get_selected_unit   (TdUnitsPage *self);

G_END_DECLS
