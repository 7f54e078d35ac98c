/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-people-filter"

#include "config.h"

#include <string.h>

#include "td-people-filter.h"
#include "td-text.h"

struct _TdPeopleFilter
{
  GtkFilter   parent_instance;

  TdPlan     *plan;
  char       *search;   /* folded, NULL when empty */
  char       *unit;
  GHashTable *units;    /* ids of the unit's subtree, NULL for every unit */
  int         leader;
  int         gender;
};

G_DEFINE_FINAL_TYPE (TdPeopleFilter, td_people_filter, GTK_TYPE_FILTER)

static gboolean
td_people_filter_match (GtkFilter *filter,
                        gpointer   item)
{
  TdPeopleFilter *self = TD_PEOPLE_FILTER (filter);
  TdPerson *person = item;

  if (self->leader >= 0 && !person->leader != !self->leader)
    return FALSE;
  if (self->gender >= 0 && (int) person->gender != self->gender)
    return FALSE;
  if (self->units != NULL && (person->unit == NULL || !g_hash_table_contains (self->units, person->unit)))
    return FALSE;
  if (self->search != NULL && !td_text_fold_matches (td_person_get_fold_key (person), self->search))
    return FALSE;
  return TRUE;
}

static GtkFilterMatch
td_people_filter_get_strictness (GtkFilter *filter)
{
  TdPeopleFilter *self = TD_PEOPLE_FILTER (filter);

  return td_people_filter_is_active (self) ? GTK_FILTER_MATCH_SOME : GTK_FILTER_MATCH_ALL;
}

static void
td_people_filter_finalize (GObject *object)
{
  TdPeopleFilter *self = TD_PEOPLE_FILTER (object);

  g_clear_object (&self->plan);
  g_free (self->search);
  g_free (self->unit);
  g_clear_pointer (&self->units, g_hash_table_unref);
  G_OBJECT_CLASS (td_people_filter_parent_class)->finalize (object);
}

static void
td_people_filter_class_init (TdPeopleFilterClass *klass)
{
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = td_people_filter_finalize;
  filter_class->match = td_people_filter_match;
  filter_class->get_strictness = td_people_filter_get_strictness;
}

static void
td_people_filter_init (TdPeopleFilter *self)
{
  self->leader = -1;
  self->gender = -1;
}

TdPeopleFilter *
td_people_filter_new (TdPlan *plan)
{
  TdPeopleFilter *self = g_object_new (TD_TYPE_PEOPLE_FILTER, NULL);

  self->plan = plan ? g_object_ref (plan) : NULL;
  return self;
}

void
td_people_filter_set_search (TdPeopleFilter *self,
                             const char     *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (TD_IS_PEOPLE_FILTER (self));

  /* Folded once here, not once per person. */
  folded = text != NULL ? td_text_fold (text) : NULL;
  if (folded != NULL)
    g_strstrip (folded);
  if (folded != NULL && *folded == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  /* Typing on narrows the list: only the people shown now need checking again. */
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (g_str_has_prefix (folded, self->search))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->search, folded))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self), change);
}

static void
compute_units (TdPeopleFilter *self)
{
  GListModel *units;
  guint n;

  g_clear_pointer (&self->units, g_hash_table_unref);
  if (self->unit == NULL || self->plan == NULL)
    return;
  self->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  units = G_LIST_MODEL (self->plan->units);
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (units, i);

      if (td_plan_unit_is_within (self->plan, unit->id, self->unit))
        g_hash_table_add (self->units, g_strdup (unit->id));
    }
}

void
td_people_filter_set_unit (TdPeopleFilter *self,
                           const char     *unit_id)
{
  g_return_if_fail (TD_IS_PEOPLE_FILTER (self));

  if (g_strcmp0 (unit_id, self->unit) == 0)
    return;
  g_free (self->unit);
  self->unit = g_strdup (unit_id);
  compute_units (self);
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
td_people_filter_units_changed (TdPeopleFilter *self)
{
  g_return_if_fail (TD_IS_PEOPLE_FILTER (self));

  if (self->unit == NULL)
    return;
  compute_units (self);
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
td_people_filter_set_leader (TdPeopleFilter *self,
                             int             leader)
{
  g_return_if_fail (TD_IS_PEOPLE_FILTER (self));

  if (self->leader == leader)
    return;
  self->leader = leader;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
td_people_filter_set_gender (TdPeopleFilter *self,
                             int             gender)
{
  g_return_if_fail (TD_IS_PEOPLE_FILTER (self));

  if (self->gender == gender)
    return;
  self->gender = gender;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

gboolean
td_people_filter_is_active (TdPeopleFilter *self)
{
  g_return_val_if_fail (TD_IS_PEOPLE_FILTER (self), FALSE);

  return self->search != NULL || self->unit != NULL || self->leader >= 0 || self->gender >= 0;
}

static int
compare_official (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  TdPerson *pa = (TdPerson *) a;
  TdPerson *pb = (TdPerson *) b;
  int r = strcmp (td_person_get_sort_key (pa), td_person_get_sort_key (pb));

  if (r == 0)
    r = g_strcmp0 (pa->id, pb->id);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
td_people_sorter_new (void)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_official, NULL, NULL));
}
