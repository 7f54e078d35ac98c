/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_UNIT_EDITOR (td_unit_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdUnitEditor, td_unit_editor, TD, UNIT_EDITOR, AdwBin)

/* Edits one unit's own fields: name, level, kind, staff, pilot-body flag. */
GtkWidget *td_unit_editor_new      (void);
void       td_unit_editor_set_unit (TdUnitEditor *self, TdPlan *plan, TdUnit *unit);
TdUnit    *td_unit_editor_get_unit (TdUnitEditor *self);
/* Puts the keyboard focus on the name. */
void       td_unit_editor_focus_name (TdUnitEditor *self);

/* Sets @unit's level inside an open edit, and moves the forms of its conferences that the new
 * level does not allow to that level's first form. */
void       td_unit_set_level_in_edit (TdPlan *plan, TdUnit *unit, TdLevel level);

G_END_DECLS
