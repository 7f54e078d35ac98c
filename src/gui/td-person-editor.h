/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_PERSON_EDITOR (td_person_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdPersonEditor, td_person_editor, TD, PERSON_EDITOR, AdwWindow)

/* A dialog that adds a person (@person NULL; @unit_id preselects a unit) or edits one. Save
 * writes every field in one edit of the plan (one undo step); Cancel changes nothing. */
TdPersonEditor *td_person_editor_new  (GtkWindow *parent, TdPlan *plan, TdPerson *person,
                                       const char *unit_id);
/* Applies the dialog's fields as Save does; returns the person added or edited. */
TdPerson       *td_person_editor_save (TdPersonEditor *self);

/* Units in tree order, names indented by depth: a string list for drop-downs, and the ids
 * (NULL-terminated) in the same order. @none_label, when not NULL, is a first entry with a
 * NULL id. */
GtkStringList  *td_person_editor_unit_list (TdPlan *plan, const char *none_label, GPtrArray **ids);

G_END_DECLS
