/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_PEOPLE_FILTER (td_people_filter_get_type ())
G_DECLARE_FINAL_TYPE (TdPeopleFilter, td_people_filter, TD, PEOPLE_FILTER, GtkFilter)

/* The People page's filter over TdPerson items: a search folded once per change and matched
 * against each person's cached search key, a unit with its subtree, leaders, gender. */
TdPeopleFilter *td_people_filter_new        (TdPlan *plan);
void            td_people_filter_set_search (TdPeopleFilter *self, const char *text);
/* NULL: every unit. */
void            td_people_filter_set_unit   (TdPeopleFilter *self, const char *unit_id);
/* -1: everyone, 0: not leaders, 1: leaders. */
void            td_people_filter_set_leader (TdPeopleFilter *self, int leader);
/* -1: any; otherwise a TdGender. */
void            td_people_filter_set_gender (TdPeopleFilter *self, int gender);
/* Whether any criterion is set (the list then shows "no matching people" when empty). */
gboolean        td_people_filter_is_active  (TdPeopleFilter *self);
/* The units changed: the subtree of the chosen unit is computed again. */
void            td_people_filter_units_changed (TdPeopleFilter *self);

/* Official order: tên, then họ và tên đệm (td_person_get_sort_key), ties by id. */
GtkSorter      *td_people_sorter_new        (void);

G_END_DECLS
