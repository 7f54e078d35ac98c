/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_UNITS_PAGE (td_units_page_get_type ())
G_DECLARE_FINAL_TYPE (TdUnitsPage, td_units_page, TD, UNITS_PAGE, AdwBin)

/* The unit tree and, for the selected unit, its editor and its conference's editor.
 * Installs the widget action "units.show-conference" (string: a conference id), and
 * "units.add", "units.delete", "units.move" (dialogs ask first), "units.back". */
void      td_units_page_set_plan            (TdUnitsPage *self, TdPlan *plan);
void      td_units_page_select_unit         (TdUnitsPage *self, const char *unit_id);
TdUnit   *td_units_page_get_selected_unit   (TdUnitsPage *self);

/* A hook for the rules: the icon name shown before a unit's name in the tree (NULL: none),
 * with a tooltip (set *tooltip to a new string, or leave it NULL). */
typedef const char *(*TdUnitsPageIconFunc) (TdUnit *unit, char **tooltip, gpointer user_data);
void      td_units_page_set_icon_func       (TdUnitsPage *self, TdUnitsPageIconFunc func,
                                             gpointer user_data, GDestroyNotify destroy);
/* Asks the hook again for every row shown (after the rules re-checked the plan). */
void      td_units_page_refresh_icons       (TdUnitsPage *self);

/* The units a deletion of @unit_id takes with it (itself first), as a new array of ids. */
GPtrArray *td_units_page_collect_subtree    (TdPlan *plan, const char *unit_id);
/* Deletes @unit_id, its subtree and their conferences in one edit; people stay without a unit. */
void      td_units_page_delete_subtree      (TdPlan *plan, const char *unit_id);
/* Moves @unit_id under @parent_id (NULL: top level) in one edit. FALSE (and no edit) when
 * @parent_id is the unit itself or lies in its subtree. */
gboolean  td_units_page_move_unit           (TdPlan *plan, const char *unit_id, const char *parent_id);

G_END_DECLS
