/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-people-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-batch-model.h"
#include "td-people-import.h"
#include "td-people-page.h"
#include "td-person-editor.h"
#include "td-plan-window.h"
#include "td-text.h"

/*
 * Models, bottom up: the plan's people → TdBatchModel (an import arrives as one change, not
 * 100,000) → GtkSortListModel (official order, or a column's) → GtkFilterListModel (incremental,
 * so that typing never waits for 100,000 people) → GtkMultiSelection → the column view.
 * Sorting below the filter means a keystroke never re-sorts.
 */

typedef enum {
  COL_NAME,
  COL_GENDER,
  COL_YEAR,
  COL_ETHNICITY,
  COL_POSITION,
  COL_UNIT,
  COL_LEADER,
  COL_CATEGORY,
  COL_SECTOR,
  N_COLUMNS
} Column;

struct _TdPeoplePage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *search_entry;
  GtkWidget          *unit_dropdown;
  GtkWidget          *leader_dropdown;
  GtkWidget          *gender_dropdown;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkWidget          *count_label;

  TdPlan             *plan;
  TdBatchModel       *batch;
  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkMultiSelection  *selection;
  TdPeopleFilter     *filter;
  GtkSorter          *official;
  GPtrArray          *unit_ids;     /* the unit drop-down's ids, NULL first (all units) */
  GHashTable         *duplicates;   /* TdPerson* → size of its group of possible duplicates */
  GHashTable         *name_cells;   /* GtkListItem* of the name column bound now */
  GHashTable         *keys;         /* text → collation key, for the column sorters */
  guint               duplicates_idle;
};

G_DEFINE_FINAL_TYPE (TdPeoplePage, td_people_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- helpers */

static TdPeoplePage *
page_of (gpointer object)
{
  return g_object_get_data (G_OBJECT (object), "td-page");
}

static const char *
unit_name (TdPeoplePage *self,
           TdPerson     *person)
{
  TdUnit *unit = person->unit != NULL && self->plan != NULL ? td_plan_get_unit (self->plan, person->unit) : NULL;

  return unit != NULL ? unit->name : (person->unit ? person->unit : "");
}

/* A collation key, cached: positions, ethnicities and units repeat, people do not. */
static const char *
cached_key (TdPeoplePage *self,
            const char   *text)
{
  const char *key;

  text = text ? text : "";
  key = g_hash_table_lookup (self->keys, text);
  if (key == NULL)
    {
      char *k = td_text_collation_key (text);

      if (k == NULL)
        k = g_strdup ("");
      g_hash_table_insert (self->keys, g_strdup (text), k);
      key = k;
    }
  return key;
}

static GPtrArray *
selected_people (TdPeoplePage *self)
{
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) set = NULL;
  GtkBitsetIter iter;
  guint pos;

  if (self->selection == NULL)
    return people;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    g_ptr_array_add (people, g_list_model_get_item (G_LIST_MODEL (self->selection), pos));
  return people;
}

static GtkWindow *
parent_window (TdPeoplePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (TdPeoplePage *self,
       const char   *message)
{
  GtkWindow *window = parent_window (self);

  if (TD_IS_PLAN_WINDOW (window))
    td_plan_window_toast (TD_PLAN_WINDOW (window), message);
}

/* -------------------------------------------------------------- cells */

static void
update_cell (GtkListItem *item)
{
  TdPeoplePage *self = page_of (item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "td-column"));
  TdPerson *p = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (p == NULL || child == NULL)
    return;

  switch (column)
    {
    case COL_NAME:
      {
        GtkWidget *label = gtk_widget_get_first_child (child);
        GtkWidget *icon = gtk_widget_get_next_sibling (label);
        guint dups = GPOINTER_TO_UINT (self->duplicates ? g_hash_table_lookup (self->duplicates, p) : NULL);

        text = td_person_dup_full_name (p);
        gtk_label_set_text (GTK_LABEL (label), text);
        gtk_widget_set_visible (icon, dups > 1);
        if (dups > 1)
          {
            g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "Possibly the same person as %u other (same name, year of birth and unit): select them and merge",
                                                                 "Possibly the same person as %u others (same name, year of birth and unit): select them and merge",
                                                                 dups - 1), dups - 1);
            gtk_widget_set_tooltip_text (icon, tip);
          }
        return;
      }
    case COL_GENDER:
      gtk_label_set_text (GTK_LABEL (child), p->gender != TD_GENDER_UNKNOWN ? td_gender_label (p->gender) : "");
      return;
    case COL_YEAR:
      text = p->birth_year > 0 ? g_strdup_printf ("%d", p->birth_year) : g_strdup ("");
      gtk_label_set_text (GTK_LABEL (child), text);
      return;
    case COL_ETHNICITY:
      gtk_label_set_text (GTK_LABEL (child), p->ethnicity ? p->ethnicity : "");
      return;
    case COL_POSITION:
      gtk_label_set_text (GTK_LABEL (child), p->position ? p->position : "");
      gtk_widget_set_tooltip_text (child, p->position);
      return;
    case COL_UNIT:
      gtk_label_set_text (GTK_LABEL (child), unit_name (self, p));
      gtk_widget_set_tooltip_text (child, unit_name (self, p));
      return;
    case COL_LEADER:
      gtk_widget_set_visible (child, p->leader);
      return;
    case COL_CATEGORY:
      gtk_label_set_text (GTK_LABEL (child), td_category_label (p->category));
      return;
    case COL_SECTOR:
      gtk_label_set_text (GTK_LABEL (child), td_sector_label (p->sector));
      return;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TdPeoplePage             *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "td-column"));
  GtkWidget *child;

  g_object_set_data (G_OBJECT (item), "td-page", self);
  g_object_set_data (G_OBJECT (item), "td-column", GUINT_TO_POINTER (column));
  if (column == COL_NAME)
    {
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_visible (icon, FALSE);
      gtk_box_append (GTK_BOX (child), label);
      gtk_box_append (GTK_BOX (child), icon);
    }
  else if (column == COL_LEADER)
    {
      child = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leader"), -1);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COL_YEAR)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
person_changed_cb (TdPerson    *person,
                   GtkListItem *item)
{
  update_cell (item);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TdPeoplePage             *self)
{
  TdPerson *p = gtk_list_item_get_item (item);

  update_cell (item);
  g_signal_connect_object (p, "changed", G_CALLBACK (person_changed_cb), item, 0);
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "td-column")) == COL_NAME)
    g_hash_table_add (self->name_cells, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TdPeoplePage             *self)
{
  TdPerson *p = gtk_list_item_get_item (item);

  if (p != NULL)
    g_signal_handlers_disconnect_by_func (p, person_changed_cb, item);
  g_hash_table_remove (self->name_cells, item);
}

/* ------------------------------------------------------------ sorters */

static int
ordering (int r)
{
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GtkSorter *sorter = user_data;
  TdPeoplePage *self = page_of (sorter);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sorter), "td-column"));
  TdPerson *pa = (TdPerson *) a;
  TdPerson *pb = (TdPerson *) b;

  switch (column)
    {
    case COL_GENDER:    return ordering ((int) pa->gender - (int) pb->gender);
    case COL_YEAR:      return ordering (pa->birth_year - pb->birth_year);
    case COL_LEADER:    return ordering ((int) !pb->leader - (int) !pa->leader);
    case COL_CATEGORY:  return ordering ((int) pa->category - (int) pb->category);
    case COL_SECTOR:    return ordering ((int) pa->sector - (int) pb->sector);
    case COL_ETHNICITY: return ordering (strcmp (cached_key (self, pa->ethnicity), cached_key (self, pb->ethnicity)));
    case COL_POSITION:  return ordering (strcmp (cached_key (self, pa->position), cached_key (self, pb->position)));
    case COL_UNIT:      return ordering (strcmp (cached_key (self, unit_name (self, pa)), cached_key (self, unit_name (self, pb))));
    case COL_NAME:
    case N_COLUMNS:
    default:            return GTK_ORDERING_EQUAL;
    }
}

static void
add_columns (TdPeoplePage *self)
{
  static const struct { const char *title; int width; gboolean expand; } columns[N_COLUMNS] = {
    [COL_NAME] = { N_("Name"), 180, TRUE },
    [COL_GENDER] = { N_("Gender"), 70, FALSE },
    [COL_YEAR] = { N_("Born"), 56, FALSE },
    [COL_ETHNICITY] = { N_("Ethnicity"), 80, FALSE },
    [COL_POSITION] = { N_("Position"), 150, TRUE },
    [COL_UNIT] = { N_("Unit"), 150, TRUE },
    [COL_LEADER] = { N_("Leader"), 84, FALSE },
    [COL_CATEGORY] = { N_("Category"), 130, FALSE },
    [COL_SECTOR] = { N_("Sector"), 80, FALSE },
  };

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "td-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_column_set_fixed_width (column, columns[c].width);
      if (c == COL_NAME)
        sorter = td_people_sorter_new ();
      else
        {
          sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, NULL, NULL));
          gtk_custom_sorter_set_sort_func (GTK_CUSTOM_SORTER (sorter), compare_column, sorter, NULL);
          g_object_set_data (G_OBJECT (sorter), "td-page", self);
          g_object_set_data (G_OBJECT (sorter), "td-column", GUINT_TO_POINTER (c));
        }
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* --------------------------------------------------------- list state */

static void
update_state (TdPeoplePage *self)
{
  guint total = self->batch ? g_list_model_get_n_items (G_LIST_MODEL (self->batch)) : 0;
  guint shown = self->filter_model ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : 0;
  guint pending = self->filter_model ? gtk_filter_list_model_get_pending (self->filter_model) : 0;
  gboolean active = self->filter && td_people_filter_is_active (self->filter);
  g_autofree char *count = NULL;

  if (total == 0 && !active)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0 && pending == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  if (active)
    /* TRANSLATORS: "12 of 324 people" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u person", "%u of %u people", total),
                             shown, total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", total), total);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);
}

static gboolean
duplicates_of_selection (TdPeoplePage  *self,
                         GPtrArray    **group_out)
{
  g_autoptr(GPtrArray) people = selected_people (self);
  g_autofree char *key = NULL;
  GPtrArray *group;

  if (people->len == 0 || self->plan == NULL || self->duplicates == NULL)
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (people, i);
      g_autofree char *full = td_person_dup_full_name (p);
      g_autofree char *k = td_people_duplicate_key (full, p->birth_year, p->unit);

      if (!g_hash_table_contains (self->duplicates, p))
        return FALSE;
      if (key == NULL)
        key = g_steal_pointer (&k);
      else if (strcmp (key, k) != 0)
        return FALSE;
    }
  if (group_out == NULL)
    return TRUE;

  /* One selected: its whole group; several: those. */
  group = g_ptr_array_new_with_free_func (g_object_unref);
  if (people->len == 1)
    {
      GHashTableIter iter;
      gpointer person;

      g_hash_table_iter_init (&iter, self->duplicates);
      while (g_hash_table_iter_next (&iter, &person, NULL))
        {
          g_autofree char *full = td_person_dup_full_name (person);
          g_autofree char *k = td_people_duplicate_key (full, ((TdPerson *) person)->birth_year,
                                                        ((TdPerson *) person)->unit);
          if (strcmp (k, key) == 0)
            g_ptr_array_add (group, g_object_ref (person));
        }
    }
  else
    for (guint i = 0; i < people->len; i++)
      g_ptr_array_add (group, g_object_ref (g_ptr_array_index (people, i)));
  *group_out = group;
  return TRUE;
}

static void
update_actions (TdPeoplePage *self)
{
  g_autoptr(GtkBitset) set = self->selection ? gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection)) : NULL;
  guint64 n = set ? gtk_bitset_get_size (set) : 0;
  gboolean has_plan = self->plan != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.add", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.import", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.export", has_plan && self->batch &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->batch)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.edit", n == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.delete", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.bulk-edit", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.merge", n > 0 && duplicates_of_selection (self, NULL));
}

static gboolean
compute_duplicates_cb (gpointer data)
{
  TdPeoplePage *self = data;
  GHashTableIter iter;
  gpointer item;

  self->duplicates_idle = 0;
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  if (self->plan != NULL)
    self->duplicates = td_people_find_duplicates (self->plan);
  g_hash_table_iter_init (&iter, self->name_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_cell (item);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
queue_duplicates (TdPeoplePage *self)
{
  if (self->duplicates_idle == 0)
    self->duplicates_idle = g_idle_add_full (G_PRIORITY_LOW, compute_duplicates_cb, self, NULL);
}

static void
fill_unit_dropdown (TdPeoplePage *self)
{
  g_autoptr(GtkStringList) list = NULL;
  const char *selected = NULL;
  guint index = 0;
  guint old = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown));

  if (self->unit_ids != NULL && old < self->unit_ids->len)
    selected = g_ptr_array_index (self->unit_ids, old);
  {
    g_autofree char *keep = g_strdup (selected);
    GPtrArray *ids = NULL;

    list = td_person_editor_unit_list (self->plan, _("All units"), &ids);
    g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
    self->unit_ids = ids;
    for (guint i = 0; i < ids->len; i++)
      if (g_strcmp0 (g_ptr_array_index (ids, i), keep) == 0)
        index = i;
  }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->unit_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit_dropdown), index);
}

/* A committed edit, an undo or a redo. */
static void
plan_changes_cb (TdPlan       *plan,
                 GPtrArray    *changes,
                 TdPeoplePage *self)
{
  gboolean units = FALSE, people = FALSE, names = FALSE, fields = FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *c = g_ptr_array_index (changes, i);

      if (c->kind == TD_KIND_UNIT)
        units = TRUE;
      else if (c->kind == TD_KIND_PERSON)
        {
          people = TRUE;
          if (c->before != NULL && c->after != NULL)
            {
              JsonObject *b = json_node_get_object (c->before);
              JsonObject *a = json_node_get_object (c->after);

              names |= g_strcmp0 (json_object_get_string_member_with_default (b, "given", ""),
                                  json_object_get_string_member_with_default (a, "given", "")) != 0 ||
                       g_strcmp0 (json_object_get_string_member_with_default (b, "family_middle", ""),
                                  json_object_get_string_member_with_default (a, "family_middle", "")) != 0;
              fields = TRUE;
            }
        }
    }
  if (units)
    {
      g_hash_table_remove_all (self->keys);
      fill_unit_dropdown (self);
      td_people_filter_units_changed (self->filter);
    }
  /* The sort and the filter see added and removed people; a changed person needs telling. */
  if (names)
    gtk_sorter_changed (self->official, GTK_SORTER_CHANGE_DIFFERENT);
  if (fields && td_people_filter_is_active (self->filter))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (people || units)
    queue_duplicates (self);
}

/* ------------------------------------------------------------- actions */

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  guint unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown));
  const char *unit_id = self->unit_ids && unit < self->unit_ids->len ? g_ptr_array_index (self->unit_ids, unit) : NULL;

  if (self->plan != NULL)
    gtk_window_present (GTK_WINDOW (td_person_editor_new (parent_window (self), self->plan, NULL, unit_id)));
}

static void
edit_person (TdPeoplePage *self,
             TdPerson     *person)
{
  gtk_window_present (GTK_WINDOW (td_person_editor_new (parent_window (self), self->plan, person, NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  g_autoptr(GPtrArray) people = selected_people (self);

  if (people->len == 1)
    edit_person (self, g_ptr_array_index (people, 0));
}

static void
activate_cb (GtkColumnView *view,
             guint          position,
             TdPeoplePage  *self)
{
  g_autoptr(TdPerson) person = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (person != NULL)
    edit_person (self, person);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  g_autoptr(GPtrArray) people = selected_people (self);
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (people->len == 0)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u person", "Delete %u people", people->len),
                           people->len);
  td_people_delete (self->plan, people, label);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u person (Ctrl+Z brings them back)",
                                          "Deleted %u people (Ctrl+Z brings them back)", people->len),
                             people->len);
  toast (self, message);
}

/* Bulk edit: unit, leader, category of the selection, in one edit */

typedef struct
{
  TdPeoplePage *page;
  GPtrArray    *people;
  GtkWidget    *unit;
  GtkWidget    *leader;
  GtkWidget    *category;
} BulkEdit;

static void
bulk_edit_free (gpointer  data,
                GClosure *closure)
{
  BulkEdit *b = data;

  g_ptr_array_unref (b->people);
  g_free (b);
}

static void
bulk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BulkEdit         *b)
{
  TdPeoplePage *self = b->page;
  guint unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (b->unit));
  guint leader = gtk_drop_down_get_selected (GTK_DROP_DOWN (b->leader));
  guint category = gtk_drop_down_get_selected (GTK_DROP_DOWN (b->category));
  g_autofree char *label = NULL;

  if (g_strcmp0 (response, "apply") != 0 || self->plan == NULL || (unit == 0 && leader == 0 && category == 0))
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change %u person", "Change %u people", b->people->len),
                           b->people->len);
  td_plan_begin (self->plan, label);
  for (guint i = 0; i < b->people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (b->people, i);

      if (td_plan_get_person (self->plan, p->id) != p)
        continue;
      td_plan_touch (self->plan, p);
      if (unit > 0)
        {
          g_free (p->unit);
          p->unit = g_strdup (g_ptr_array_index (self->unit_ids, unit));
        }
      if (leader > 0)
        p->leader = leader == 1;
      if (category > 0)
        p->category = category - 1;
    }
  td_plan_commit (self->plan);
}

static GtkWidget *
labelled (GtkWidget  *grid,
          int         row,
          const char *title,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

static void
bulk_edit_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  BulkEdit *b = g_new0 (BulkEdit, 1);
  GtkWidget *dialog, *grid;
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  const char *leaders[] = { _("Keep as it is"), _("Leader"), _("Not a leader"), NULL };
  g_autofree char *heading = NULL;
  guint n;

  b->page = self;
  b->people = selected_people (self);
  if (b->people->len == 0)
    {
      bulk_edit_free (b, NULL);
      return;
    }
  n = g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (self->unit_dropdown)));
  gtk_string_list_append (units, _("Keep as it is"));
  for (guint i = 1; i < n; i++)
    gtk_string_list_append (units, gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (self->unit_dropdown))), i));
  gtk_string_list_append (categories, _("Keep as it is"));
  for (guint c = 0; c < TD_N_CATEGORIES; c++)
    gtk_string_list_append (categories, td_category_label (c));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  b->unit = labelled (grid, 0, _("_Unit"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (units)), NULL));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (b->unit), TRUE);
  b->leader = labelled (grid, 1, _("_Leader"), gtk_drop_down_new_from_strings (leaders));
  b->category = labelled (grid, 2, _("_Category"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (categories)), NULL));
  for (GtkWidget *l = gtk_widget_get_first_child (grid); l; l = gtk_widget_get_next_sibling (l))
    if (GTK_IS_LABEL (l))
      gtk_label_set_use_underline (GTK_LABEL (l), TRUE);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change %u Person", "Change %u People", b->people->len),
                             b->people->len);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("What you choose here replaces the value of every selected person; "
                                     "the rest stays as it is. One undo brings everything back."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("C_hange"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_signal_connect_data (dialog, "response", G_CALLBACK (bulk_response_cb), b, bulk_edit_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Merge */

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GPtrArray        *group)
{
  TdPlan *plan = g_object_get_data (G_OBJECT (dialog), "td-plan");

  if (g_strcmp0 (response, "merge") == 0 && group->len > 1)
    td_people_merge (plan, g_ptr_array_index (group, 0), group);
}

static void
unref_group (gpointer  data,
             GClosure *closure)
{
  g_ptr_array_unref (data);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 ((*(TdPerson **) a)->id, (*(TdPerson **) b)->id);
}

static void
merge_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  GPtrArray *group = NULL;
  GtkWidget *dialog;
  g_autofree char *full = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  TdPerson *keep;

  if (!duplicates_of_selection (self, &group))
    return;
  if (group->len < 2)
    {
      g_ptr_array_unref (group);
      return;
    }
  /* The oldest record stays: its id is the one other files and documents may know. */
  g_ptr_array_sort (group, compare_ids);
  keep = g_ptr_array_index (group, 0);
  full = td_person_dup_full_name (keep);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merge %u Person?", "Merge %u People?", group->len),
                             group->len);
  body = g_strdup_printf (_("“%s” (%s) stays; the others go, and their places among conference delegates "
                            "move to it. Fields it leaves empty are taken from the others."), full, keep->id);
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "td-plan", g_object_ref (self->plan), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb), group,
                         unref_group, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import and export */

TdImportDialog *
td_people_page_open_import (TdPeoplePage *self)
{
  TdImportDialog *dialog;
  guint unit;

  g_return_val_if_fail (TD_IS_PEOPLE_PAGE (self), NULL);
  g_return_val_if_fail (self->plan != NULL, NULL);

  dialog = td_import_dialog_new (parent_window (self), self->plan);
  unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown));
  if (self->unit_ids && unit > 0 && unit < self->unit_ids->len)
    td_import_dialog_set_target_unit (dialog, g_ptr_array_index (self->unit_ids, unit));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);

  if (self->plan != NULL)
    td_import_dialog_choose_file (td_people_page_open_import (self));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TdPeoplePage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = NULL;
      GListModel *shown = G_LIST_MODEL (self->filter_model);
      guint n = g_list_model_get_n_items (shown);
      gsize len;

      /* What the list shows, in the order it shows. */
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (people, g_list_model_get_item (shown, i));
      csv = td_people_export_csv (self->plan, people, &len);
      if (g_file_replace_contents (file, csv, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u person",
                                                                   "Exported %u people", n), n);
          toast (self, message);
        }
      else
        {
          GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Could Not Export the People"),
                                                      error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Export People"), parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV files (Excel, LibreOffice)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("people.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (widget);

  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static gboolean
search_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  search_action (widget, NULL, NULL);
  return TRUE;
}

/* ------------------------------------------------------------- filters */

static void
search_changed_cb (TdPeoplePage *self)
{
  if (self->filter != NULL)
    td_people_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_state (self);
}

static void
filters_changed_cb (TdPeoplePage *self)
{
  guint unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown));
  guint leader = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->leader_dropdown));
  guint gender = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->gender_dropdown));

  if (self->filter == NULL)
    return;
  td_people_filter_set_unit (self->filter, self->unit_ids && unit < self->unit_ids->len
                                             ? g_ptr_array_index (self->unit_ids, unit) : NULL);
  td_people_filter_set_leader (self->filter, leader == 1 ? 1 : leader == 2 ? 0 : -1);
  td_people_filter_set_gender (self->filter, gender == 1 ? TD_GENDER_MALE : gender == 2 ? TD_GENDER_FEMALE : -1);
  update_state (self);
}

/* ---------------------------------------------------------------- plan */

static void
clear_models (TdPeoplePage *self)
{
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->batch);
  g_clear_object (&self->filter);
  g_clear_object (&self->official);
}

static void
page_map_cb (TdPeoplePage *self)
{
  if (self->selection != NULL &&
      gtk_column_view_get_model (self->column_view) != GTK_SELECTION_MODEL (self->selection))
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

void
td_people_page_set_plan (TdPeoplePage *self,
                         TdPlan       *plan)
{
  GtkSorter *multi;

  g_return_if_fail (TD_IS_PEOPLE_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  clear_models (self);
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  g_clear_handle_id (&self->duplicates_idle, g_source_remove);
  g_hash_table_remove_all (self->keys);
  g_set_object (&self->plan, plan);

  if (plan != NULL)
    {
      self->filter = td_people_filter_new (plan);
      self->official = td_people_sorter_new ();
      self->batch = td_batch_model_new (G_LIST_MODEL (plan->people));
      multi = GTK_SORTER (gtk_multi_sorter_new ());
      gtk_multi_sorter_append (GTK_MULTI_SORTER (multi), g_object_ref (gtk_column_view_get_sorter (self->column_view)));
      gtk_multi_sorter_append (GTK_MULTI_SORTER (multi), g_object_ref (self->official));
      self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->batch)), multi);
      self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                      g_object_ref (GTK_FILTER (self->filter)));
      gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
      /* The view makes its rows when it gets the model: a page not shown waits (start-up). */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

      g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (self->batch, "items-changed", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions), self);
      g_signal_connect (plan, "changes", G_CALLBACK (plan_changes_cb), self);
      fill_unit_dropdown (self);
      filters_changed_cb (self);
      search_changed_cb (self);
      queue_duplicates (self);
    }
  update_state (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

void
td_people_page_set_search (TdPeoplePage *self,
                           const char   *text)
{
  g_return_if_fail (TD_IS_PEOPLE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Not after the entry's typing delay: now. */
  search_changed_cb (self);
}

GListModel *
td_people_page_get_model (TdPeoplePage *self)
{
  g_return_val_if_fail (TD_IS_PEOPLE_PAGE (self), NULL);
  return self->filter_model ? G_LIST_MODEL (self->filter_model) : NULL;
}

GtkSelectionModel *
td_people_page_get_selection (TdPeoplePage *self)
{
  g_return_val_if_fail (TD_IS_PEOPLE_PAGE (self), NULL);
  return self->selection ? GTK_SELECTION_MODEL (self->selection) : NULL;
}

void
td_people_page_settle (TdPeoplePage *self)
{
  g_return_if_fail (TD_IS_PEOPLE_PAGE (self));

  if (self->batch == NULL)
    return;
  td_batch_model_flush (self->batch);
  while (gtk_filter_list_model_get_pending (self->filter_model) > 0 ||
         gtk_sort_list_model_get_pending (self->sort_model) > 0)
    g_main_context_iteration (NULL, TRUE);
  if (self->duplicates_idle != 0)
    {
      g_source_remove (self->duplicates_idle);
      compute_duplicates_cb (self);
    }
}

/* -------------------------------------------------------------- object */

static void
td_people_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  if (prop_id == PROP_PLAN)
    td_people_page_set_plan (TD_PEOPLE_PAGE (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_people_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (prop_id == PROP_PLAN)
    g_value_set_object (value, TD_PEOPLE_PAGE (object)->plan);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_people_page_dispose (GObject *object)
{
  TdPeoplePage *self = TD_PEOPLE_PAGE (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_handle_id (&self->duplicates_idle, g_source_remove);
  if (self->column_view != NULL)
    clear_models (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PEOPLE_PAGE);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  g_clear_pointer (&self->name_cells, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  G_OBJECT_CLASS (td_people_page_parent_class)->dispose (object);
}

static void
td_people_page_class_init (TdPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_people_page_dispose;
  object_class->set_property = td_people_page_set_property;
  object_class->get_property = td_people_page_get_property;
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, leader_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, gender_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdPeoplePage, count_label);

  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "people.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "people.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "people.bulk-edit", NULL, bulk_edit_action);
  gtk_widget_class_install_action (widget_class, "people.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "people.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "people.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "people.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "people.delete", NULL);
}

static void
td_people_page_init (TdPeoplePage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (page_map_cb), NULL);
  self->name_cells = g_hash_table_new (NULL, NULL);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  add_columns (self);

  /* Ctrl+F wherever the focus is, as long as this page is the one shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (search_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), GTK_WIDGET (self));
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->search_entry), 80);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->leader_dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->gender_dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  update_state (self);
  update_actions (self);
}
