/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-import-dialog.h"
#include "td-people-filter.h"
#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_PEOPLE_PAGE (td_people_page_get_type ())
G_DECLARE_FINAL_TYPE (TdPeoplePage, td_people_page, TD, PEOPLE_PAGE, AdwBin)

/*
 * Everyone in the plan in a column view: official order by default, sortable columns, a search
 * (Ctrl+F) that ignores accents, filters by unit (with its subtree), leaders and gender; add,
 * edit, delete (with undo), bulk edits of the selection, possible duplicates flagged with a
 * merge, import from and export to CSV. Widget actions: people.add, people.edit, people.delete,
 * people.bulk-edit, people.merge, people.import, people.export, people.search.
 */
void            td_people_page_set_plan     (TdPeoplePage *self, TdPlan *plan);
/* Types into the search entry. */
void            td_people_page_set_search   (TdPeoplePage *self, const char *text);
/* The people shown, in the order shown (TdPerson items). */
GListModel     *td_people_page_get_model    (TdPeoplePage *self);
GtkSelectionModel *td_people_page_get_selection (TdPeoplePage *self);
/* Waits until the filter and the sort have taken in every change (for tests). */
void            td_people_page_settle       (TdPeoplePage *self);
/* Opens the import dialog (without the file chooser) and returns it. */
TdImportDialog *td_people_page_open_import  (TdPeoplePage *self);

G_END_DECLS
