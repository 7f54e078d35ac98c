/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-units-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-conference-editor.h"
#include "td-rule-marks.h"
#include "td-text.h"
#include "td-unit-editor.h"
#include "td-units-page.h"

struct _TdUnitsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkStack           *tree_stack;
  GtkListView        *list_view;
  GtkStack           *content_stack;
  GtkScrolledWindow  *content_scroll;
  TdUnitEditor       *unit_editor;
  TdConferenceEditor *conference_editor;

  TdPlan             *plan;
  char               *selected;       /* id of the unit shown, kept across rebuilds */

  GtkFilterListModel *filter_model;   /* over the GtkTreeListModel */
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GHashTable         *stores;         /* parent id ("" for the roots) → live child GListStore */
  GPtrArray          *store_refs;     /* StoreRef*, to detach them when the page goes */
  GHashTable         *visible;        /* ids shown while searching; NULL when not searching */
  GHashTable         *bound_items;    /* GtkListItem* with a unit bound, for icon refreshes */
  gboolean            syncing;        /* selection changes made by the page itself */

  TdUnitsPageIconFunc icon_func;
  gpointer            icon_data;
  GDestroyNotify      icon_destroy;
};

G_DEFINE_FINAL_TYPE (TdUnitsPage, td_units_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void show_unit (TdUnitsPage *self);
static void update_actions (TdUnitsPage *self);

/* Model operations (no widgets) */

static void
collect (TdPlan     *plan,
         const char *id,
         GPtrArray  *out)
{
  g_autoptr(GPtrArray) children = td_plan_get_children (plan, id);

  g_ptr_array_add (out, g_strdup (id));
  for (guint i = 0; i < children->len; i++)
    collect (plan, ((TdUnit *) g_ptr_array_index (children, i))->id, out);
}

GPtrArray *
td_units_page_collect_subtree (TdPlan     *plan,
                               const char *unit_id)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TD_IS_PLAN (plan), ids);
  if (td_plan_get_unit (plan, unit_id) != NULL)
    collect (plan, unit_id, ids);
  return ids;
}

static gboolean
in_ids (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

/* Counts what goes with a unit: the units under it, the conferences, the people who stay. */
static void
count_subtree (TdPlan    *plan,
               GPtrArray *ids,
               guint     *n_conferences,
               guint     *n_people)
{
  guint n;

  *n_conferences = *n_people = 0;
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);
      if (in_ids (ids, c->unit))
        (*n_conferences)++;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (G_LIST_MODEL (plan->people), i);
      if (in_ids (ids, p->unit))
        (*n_people)++;
    }
}

void
td_units_page_delete_subtree (TdPlan     *plan,
                              const char *unit_id)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_if_fail (TD_IS_PLAN (plan));

  ids = td_units_page_collect_subtree (plan, unit_id);
  if (ids->len == 0)
    return;

  td_plan_begin (plan, _("Delete unit"));
  /* Conferences of the subtree go; the quotas other conferences held for these units too. */
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  for (guint i = 0; i < n; i++)
    {
      TdConference *c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);

      if (in_ids (ids, c->unit))
        g_ptr_array_add (doomed, c);
      else
        {
          for (guint q = 0; q < c->quotas->len; q++)
            if (in_ids (ids, g_array_index (c->quotas, TdQuota, q).unit))
              {
                const char *quota_unit = g_array_index (c->quotas, TdQuota, q).unit;
                g_autofree char *copy = g_strdup (quota_unit);

                td_plan_touch (plan, c);
                td_conference_set_quota (c, copy, -1);
                q--;
              }
          g_object_unref (c);
        }
    }
  for (guint i = 0; i < doomed->len; i++)
    td_plan_remove_conference (plan, g_ptr_array_index (doomed, i));

  /* People stay in the plan (they may be delegates elsewhere), without a unit. */
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (G_LIST_MODEL (plan->people), i);

      if (in_ids (ids, p->unit))
        {
          td_plan_touch (plan, p);
          g_clear_pointer (&p->unit, g_free);
        }
    }

  /* Leaves first, so that no unit is ever left pointing at a removed parent. */
  for (guint i = ids->len; i > 0; i--)
    td_plan_remove_unit (plan, td_plan_get_unit (plan, g_ptr_array_index (ids, i - 1)));
  td_plan_commit (plan);
}

gboolean
td_units_page_move_unit (TdPlan     *plan,
                         const char *unit_id,
                         const char *parent_id)
{
  TdUnit *unit;
  g_autofree char *old_parent = NULL;
  guint n;

  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);

  unit = td_plan_get_unit (plan, unit_id);
  if (unit == NULL || (parent_id != NULL && td_plan_get_unit (plan, parent_id) == NULL))
    return FALSE;
  if (parent_id != NULL && td_plan_unit_is_within (plan, parent_id, unit_id))
    return FALSE;
  if (g_strcmp0 (unit->parent, parent_id) == 0)
    return TRUE;

  old_parent = g_strdup (unit->parent);
  td_plan_begin (plan, _("Move unit"));
  td_plan_touch (plan, unit);
  g_free (unit->parent);
  unit->parent = g_strdup (parent_id);
  /* A quota is held by the conference of the direct parent only. */
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  for (guint i = 0; i < n && old_parent != NULL; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);

      if (g_strcmp0 (c->unit, old_parent) == 0 && td_conference_get_quota (c, unit_id) >= 0)
        {
          td_plan_touch (plan, c);
          td_conference_set_quota (c, unit_id, -1);
        }
    }
  td_plan_commit (plan);
  return TRUE;
}

/* The tree: a GtkTreeListModel whose child models are kept by parent id, so that a change of
 * the plan updates just the lists it concerns. */

typedef struct
{
  TdUnitsPage *self;   /* NULL once the page is gone */
  char        *key;
} StoreRef;

static void
store_gone_cb (gpointer  data,
               GObject  *where)
{
  StoreRef *ref = data;

  if (ref->self != NULL)
    {
      if (g_hash_table_lookup (ref->self->stores, ref->key) == (gpointer) where)
        g_hash_table_remove (ref->self->stores, ref->key);
      g_ptr_array_remove_fast (ref->self->store_refs, ref);
    }
  g_free (ref->key);
  g_free (ref);
}

static GListStore *
track_store (TdUnitsPage *self,
             const char  *parent_id,
             GPtrArray   *children)
{
  GListStore *store = g_list_store_new (TD_TYPE_UNIT);
  StoreRef *ref = g_new0 (StoreRef, 1);

  g_list_store_splice (store, 0, 0, children->pdata, children->len);
  ref->self = self;
  ref->key = g_strdup (parent_id ? parent_id : "");
  g_object_weak_ref (G_OBJECT (store), store_gone_cb, ref);
  g_ptr_array_add (self->store_refs, ref);
  g_hash_table_replace (self->stores, g_strdup (ref->key), store);
  return store;
}

static GListModel *
create_child_model_cb (gpointer item,
                       gpointer user_data)
{
  TdUnitsPage *self = user_data;
  TdUnit *unit = item;
  g_autoptr(GPtrArray) children = NULL;

  if (self->plan == NULL)
    return NULL;
  children = td_plan_get_children (self->plan, unit->id);
  if (children->len == 0)
    return NULL;
  return G_LIST_MODEL (track_store (self, unit->id, children));
}

static void
rebuild_tree (TdUnitsPage *self)
{
  g_autoptr(GPtrArray) roots = NULL;
  GListStore *root;
  GtkTreeListModel *tree;

  if (self->plan == NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model, NULL);
      return;
    }
  roots = td_plan_get_children (self->plan, NULL);
  root = track_store (self, NULL, roots);
  /* While searching every row is open, so that matches deep in the tree show. */
  tree = gtk_tree_list_model_new (G_LIST_MODEL (root), FALSE, self->visible != NULL,
                                  create_child_model_cb, self, NULL);
  /* The province's districts and departments are what officers look for first: show them. */
  if (self->visible == NULL)
    for (guint i = roots->len; i > 0; i--)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i - 1);

        if (row != NULL)
          gtk_tree_list_row_set_expanded (row, TRUE);
      }
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (tree));
  g_object_unref (tree);
}

static TdUnit *
row_unit (gpointer row)
{
  TdUnit *unit = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row));

  /* The row keeps its item alive. */
  g_object_unref (unit);
  return unit;
}

static int
find_row (TdUnitsPage *self,
          const char  *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_strcmp0 (row_unit (row)->id, id) == 0)
        return (int) i;
    }
  return -1;
}

/* Opens the rows down to @id and selects it. */
static void
reveal (TdUnitsPage *self,
        const char  *id)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  int position;

  for (TdUnit *u = td_plan_get_unit (self->plan, id); u != NULL && chain->len < 64;
       u = td_plan_get_unit (self->plan, u->parent))
    g_ptr_array_insert (chain, 0, u->id);
  for (guint i = 0; i + 1 < chain->len; i++)
    {
      int p = find_row (self, g_ptr_array_index (chain, i));

      if (p >= 0)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), p);
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  position = id ? find_row (self, id) : -1;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
}

static const char *
json_parent (JsonNode *node)
{
  JsonObject *o;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  member = json_object_get_member (o, "parent");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* Re-inserts the row of @id in its parent's list, so that the tree asks again whether it has
 * children (a leaf that got its first child, or a parent that lost its last one). */
static void
refresh_row (TdUnitsPage *self,
             const char  *id)
{
  TdUnit *unit = td_plan_get_unit (self->plan, id);
  GListStore *store;
  guint position;

  if (unit == NULL)
    return;
  store = g_hash_table_lookup (self->stores, unit->parent ? unit->parent : "");
  if (store != NULL && g_list_store_find (store, unit, &position))
    g_list_store_splice (store, position, 1, (gpointer *) &unit, 1);
}

static void
update_children (TdUnitsPage *self,
                 const char  *parent_id)
{
  GListStore *store = g_hash_table_lookup (self->stores, parent_id ? parent_id : "");
  g_autoptr(GPtrArray) children = NULL;
  guint n;
  gboolean same;

  if (parent_id != NULL && td_plan_get_unit (self->plan, parent_id) == NULL)
    return;
  children = td_plan_get_children (self->plan, parent_id);
  if (store == NULL)
    {
      if (parent_id != NULL)
        refresh_row (self, parent_id);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  same = n == children->len;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      same = item == g_ptr_array_index (children, i);
    }
  if (same)
    return;
  if (children->len == 0 && parent_id != NULL)
    refresh_row (self, parent_id);
  else
    g_list_store_splice (store, 0, n, children->pdata, children->len);
}

/* Search */

static void
compute_visible (TdUnitsPage *self,
                 const char  *text)
{
  g_autofree char *needle = td_text_fold (text);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plan->units));

  g_clear_pointer (&self->visible, g_hash_table_unref);
  self->visible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->plan->units), i);
      g_autofree char *hay = td_text_fold (unit->name);

      if (hay == NULL || needle == NULL || !td_text_fold_matches (hay, needle))
        continue;
      /* A match keeps the rows above it, so that it shows where it lies. */
      for (TdUnit *u = unit; u != NULL && !g_hash_table_contains (self->visible, u->id);
           u = td_plan_get_unit (self->plan, u->parent))
        g_hash_table_add (self->visible, g_strdup (u->id));
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TdUnitsPage *self = user_data;

  return self->visible == NULL || g_hash_table_contains (self->visible, row_unit (item)->id);
}

static void
update_tree_stack (TdUnitsPage *self)
{
  const char *page = "tree";

  if (self->plan == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->plan->units)) == 0)
    page = "no-units";
  else if (self->visible != NULL && g_hash_table_size (self->visible) == 0)
    page = "no-match";
  gtk_stack_set_visible_child_name (self->tree_stack, page);
}

static void
search_changed_cb (TdUnitsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean was_searching = self->visible != NULL;

  if (self->plan == NULL)
    return;
  self->syncing = TRUE;
  if (text[strspn (text, " ")] == '\0')
    {
      g_clear_pointer (&self->visible, g_hash_table_unref);
      if (was_searching)
        rebuild_tree (self);
    }
  else
    {
      compute_visible (self, text);
      if (!was_searching)
        rebuild_tree (self);
      else
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  self->syncing = FALSE;
  update_tree_stack (self);
  if (self->selected != NULL)
    reveal (self, self->selected);
}

static void
stop_search_cb (TdUnitsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Rows */

static void
update_row_icon (TdUnitsPage *self,
                 GtkListItem *item)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (item), "td-icon");
  TdUnit *unit = g_object_get_data (G_OBJECT (item), "td-unit");
  g_autofree char *tooltip = NULL;
  const char *name = self->icon_func && unit ? self->icon_func (unit, &tooltip, self->icon_data) : NULL;

  gtk_widget_set_visible (icon, name != NULL);
  if (name != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), name);
  /* Colour as well as shape (style.css), so that errors stand out in a long tree. */
  gtk_widget_remove_css_class (icon, "severity-error");
  gtk_widget_remove_css_class (icon, "severity-warning");
  gtk_widget_remove_css_class (icon, "severity-info");
  if (g_strcmp0 (name, "dialog-error-symbolic") == 0)
    gtk_widget_add_css_class (icon, "severity-error");
  else if (g_strcmp0 (name, "dialog-warning-symbolic") == 0)
    gtk_widget_add_css_class (icon, "severity-warning");
  else if (name != NULL)
    gtk_widget_add_css_class (icon, "severity-info");
  gtk_widget_set_tooltip_text (icon, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip ? tooltip : "", -1);
}

static void
update_row_labels (GtkListItem *item)
{
  TdUnit *unit = g_object_get_data (G_OBJECT (item), "td-unit");
  GtkWidget *name = g_object_get_data (G_OBJECT (item), "td-name");
  GtkWidget *detail = g_object_get_data (G_OBJECT (item), "td-detail");
  g_autofree char *text = NULL;

  gtk_label_set_text (GTK_LABEL (name), unit->name && *unit->name ? unit->name : _("Unnamed unit"));
  if (unit->kind != NULL && *unit->kind != '\0')
    text = g_strdup_printf ("%s · %s", td_level_label (unit->level), unit->kind);
  else
    text = g_strdup (td_level_label (unit->level));
  gtk_label_set_text (GTK_LABEL (detail), text);
  gtk_widget_set_tooltip_text (name, unit->name);
}

static void
row_unit_changed_cb (GtkListItem *item)
{
  update_row_labels (item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TdUnitsPage              *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_visible (icon, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  /* The mark goes after the name, so that names stay aligned whether marked or not. */
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
  g_object_set_data (G_OBJECT (item), "td-icon", icon);
  g_object_set_data (G_OBJECT (item), "td-name", name);
  g_object_set_data (G_OBJECT (item), "td-detail", detail);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TdUnitsPage              *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  TdUnit *unit = row_unit (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_object_set_data_full (G_OBJECT (item), "td-unit", g_object_ref (unit), g_object_unref);
  g_signal_connect_object (unit, "changed", G_CALLBACK (row_unit_changed_cb), item, G_CONNECT_SWAPPED);
  update_row_labels (item);
  update_row_icon (self, item);
  g_hash_table_add (self->bound_items, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TdUnitsPage              *self)
{
  TdUnit *unit = g_object_get_data (G_OBJECT (item), "td-unit");

  if (unit != NULL)
    g_signal_handlers_disconnect_by_func (unit, row_unit_changed_cb, item);
  g_object_set_data (G_OBJECT (item), "td-unit", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
  g_hash_table_remove (self->bound_items, item);
}

void
td_units_page_set_icon_func (TdUnitsPage         *self,
                             TdUnitsPageIconFunc  func,
                             gpointer             user_data,
                             GDestroyNotify       destroy)
{
  g_return_if_fail (TD_IS_UNITS_PAGE (self));

  if (self->icon_destroy != NULL)
    self->icon_destroy (self->icon_data);
  self->icon_func = func;
  self->icon_data = user_data;
  self->icon_destroy = destroy;
  td_units_page_refresh_icons (self);
}

void
td_units_page_refresh_icons (TdUnitsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (TD_IS_UNITS_PAGE (self));

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_row_icon (self, item);
}

/* Selection and the editors */

static void
show_unit (TdUnitsPage *self)
{
  TdUnit *unit = self->plan ? td_plan_get_unit (self->plan, self->selected) : NULL;
  TdConference *conference = unit ? td_plan_get_unit_conference (self->plan, unit->id) : NULL;

  if (unit == NULL)
    {
      td_unit_editor_set_unit (self->unit_editor, NULL, NULL);
      td_conference_editor_set_conference (self->conference_editor, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      gboolean other = td_unit_editor_get_unit (self->unit_editor) == NULL ||
                       g_strcmp0 (td_unit_editor_get_unit (self->unit_editor)->id, unit->id) != 0;

      td_unit_editor_set_unit (self->unit_editor, self->plan, unit);
      td_conference_editor_set_conference (self->conference_editor, self->plan, unit, conference);
      gtk_stack_set_visible_child_name (self->content_stack, "unit");
      if (other)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->content_scroll), 0);
    }
  update_actions (self);
}

static void
selection_changed_cb (TdUnitsPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* A row that disappears under a collapsed parent leaves the unit shown. */
  if (self->syncing || row == NULL)
    return;
  g_free (self->selected);
  self->selected = g_strdup (row_unit (row)->id);
  show_unit (self);
}

static void
activate_cb (TdUnitsPage *self,
             guint        position)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
td_units_page_select_unit (TdUnitsPage *self,
                           const char  *unit_id)
{
  g_return_if_fail (TD_IS_UNITS_PAGE (self));

  if (unit_id != self->selected)
    {
      g_free (self->selected);
      self->selected = g_strdup (unit_id);
    }
  if (self->plan == NULL)
    return;
  if (self->visible != NULL && unit_id != NULL && !g_hash_table_contains (self->visible, unit_id))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reveal (self, unit_id);
  show_unit (self);
}

TdUnit *
td_units_page_get_selected_unit (TdUnitsPage *self)
{
  g_return_val_if_fail (TD_IS_UNITS_PAGE (self), NULL);
  return self->plan ? td_plan_get_unit (self->plan, self->selected) : NULL;
}

/* The plan changed: an edit, an undo or a redo. Records may have been replaced by new objects. */
static void
plan_changes_cb (TdUnitsPage *self,
                 GPtrArray   *changes)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean structure = FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *c = g_ptr_array_index (changes, i);
      const char *before, *after;

      if (c->kind != TD_KIND_UNIT)
        continue;
      before = json_parent (c->before);
      after = json_parent (c->after);
      /* A field of a unit changed: its row follows its ::changed signal. */
      if (c->before != NULL && c->after != NULL && g_strcmp0 (before, after) == 0)
        continue;
      structure = TRUE;
      if (c->before != NULL)
        g_hash_table_add (parents, (gpointer) (before ? before : ""));
      if (c->after != NULL)
        g_hash_table_add (parents, (gpointer) (after ? after : ""));
    }

  if (structure)
    {
      GHashTableIter iter;
      gpointer key;

      self->syncing = TRUE;
      if (self->visible != NULL)
        {
          compute_visible (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
          gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
        }
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        update_children (self, *(char *) key ? key : NULL);
      self->syncing = FALSE;
      if (td_plan_get_unit (self->plan, self->selected) == NULL)
        g_clear_pointer (&self->selected, g_free);
      reveal (self, self->selected);
      update_tree_stack (self);
    }
  show_unit (self);
}

/* Actions */

static GtkWindow *
parent_window (TdUnitsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_actions (TdUnitsPage *self)
{
  gboolean has_plan = self->plan != NULL;
  gboolean has_unit = has_plan && td_plan_get_unit (self->plan, self->selected) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.add", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.delete", has_unit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.move", has_unit);
}

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);
  TdUnit *parent;
  g_autoptr(TdUnit) unit = NULL;
  g_autofree char *id = NULL;
  TdLevel level;

  if (self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  parent = td_plan_get_unit (self->plan, self->selected);
  if (parent == NULL)
    level = TD_LEVEL_PROVINCE;
  else if (parent->level == TD_LEVEL_PROVINCE)
    level = TD_LEVEL_UPPER;
  else
    level = TD_LEVEL_GRASSROOTS;
  id = td_plan_make_id (self->plan, TD_KIND_UNIT, "u");
  unit = td_unit_new (id, _("New unit"), level, parent ? parent->id : NULL);

  /* Searching would hide the new unit. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  td_plan_begin (self->plan, _("Add unit"));
  td_plan_add_unit (self->plan, unit, -1);
  td_plan_commit (self->plan);
  td_units_page_select_unit (self, id);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  td_unit_editor_focus_name (self->unit_editor);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdUnitsPage      *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "td-unit");
  TdUnit *unit;

  if (g_strcmp0 (response, "delete") != 0 || self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  unit = td_plan_get_unit (self->plan, id);
  if (unit == NULL)
    return;
  /* The parent is shown next. */
  if (td_plan_unit_is_within (self->plan, self->selected, id))
    {
      g_free (self->selected);
      self->selected = g_strdup (unit->parent);
    }
  td_units_page_delete_subtree (self->plan, id);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);
  TdUnit *unit = td_units_page_get_selected_unit (self);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint n_conferences, n_people, n_units;
  GtkWidget *dialog;

  if (unit == NULL)
    return;
  ids = td_units_page_collect_subtree (self->plan, unit->id);
  count_subtree (self->plan, ids, &n_conferences, &n_people);
  n_units = ids->len - 1;

  heading = g_strdup_printf (_("Delete “%s”?"), unit->name);
  if (n_units > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "The %u unit under it is deleted too.",
                                               "The %u units under it are deleted too.", n_units), n_units);
  if (n_conferences > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u conference is deleted with its agenda and delegates.",
                                                 "%u conferences are deleted with their agendas and delegates.",
                                                 n_conferences), n_conferences);
    }
  if (n_people > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u person stays in the plan without a unit.",
                                                 "%u people stay in the plan without a unit.",
                                                 n_people), n_people);
    }
  if (body->len > 0)
    g_string_append_c (body, ' ');
  g_string_append (body, _("You can undo this."));

  dialog = adw_message_dialog_new (parent_window (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-unit", g_strdup (unit->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The move dialog lists every unit outside the moved one's subtree, indented by depth. */

static void
add_move_rows (TdUnitsPage *self,
               GtkListBox  *list,
               const char  *parent_id,
               const char  *moved_id,
               int          depth)
{
  g_autoptr(GPtrArray) children = td_plan_get_children (self->plan, parent_id);

  for (guint i = 0; i < children->len; i++)
    {
      TdUnit *u = g_ptr_array_index (children, i);
      GtkWidget *row, *label;

      if (g_strcmp0 (u->id, moved_id) == 0)
        continue;
      label = gtk_label_new (u->name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 6 + 18 * depth);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "td-unit", g_strdup (u->id), g_free);
      gtk_list_box_append (list, row);
      add_move_rows (self, list, u->id, moved_id, depth + 1);
    }
}

static void
move_selection_cb (GtkListBox       *list,
                   GtkListBoxRow    *row,
                   AdwMessageDialog *dialog)
{
  const char *current = g_object_get_data (G_OBJECT (dialog), "td-parent");
  const char *chosen = row ? g_object_get_data (G_OBJECT (row), "td-unit") : NULL;

  adw_message_dialog_set_response_enabled (dialog, "move", row != NULL && g_strcmp0 (current, chosen) != 0);
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TdUnitsPage      *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "td-list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  const char *id = g_object_get_data (G_OBJECT (dialog), "td-unit");

  if (g_strcmp0 (response, "move") != 0 || row == NULL || self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  if (!td_units_page_move_unit (self->plan, id, g_object_get_data (G_OBJECT (row), "td-unit")))
    {
      GtkWidget *refusal = adw_message_dialog_new (parent_window (self), _("Cannot Move the Unit"),
                                                   _("A unit cannot move under itself or under a unit of its own subtree."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (refusal), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (refusal));
      return;
    }
  td_units_page_select_unit (self, id);
}

static gboolean
focus_row_cb (GtkWidget     *row,
              GdkFrameClock *clock,
              gpointer       data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  if (gtk_widget_get_height (row) == 0 || scrolled == NULL)
    return G_SOURCE_CONTINUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_translate_coordinates (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                        0, 0, &x, &y))
    gtk_adjustment_set_value (adjustment, y - gtk_adjustment_get_page_size (adjustment) / 3);
  gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);
  TdUnit *unit = td_units_page_get_selected_unit (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *list, *scroll, *top, *label;
  GtkWidget *current = NULL;

  if (unit == NULL)
    return;
  heading = g_strdup_printf (_("Move “%s”"), unit->name);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Choose the unit it belongs to. Its own subtree moves with it."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New parent"), -1);
  top = gtk_list_box_row_new ();
  label = gtk_label_new (_("No parent (top level)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (top), label);
  gtk_list_box_append (GTK_LIST_BOX (list), top);
  add_move_rows (self, GTK_LIST_BOX (list), NULL, unit->id, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "td-unit"), unit->parent) == 0)
      {
        gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
        current = row;
      }

  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroll);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-unit", g_strdup (unit->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "td-parent", g_strdup (unit->parent), g_free);
  g_object_set_data (G_OBJECT (dialog), "td-list", list);
  g_signal_connect (list, "row-selected", G_CALLBACK (move_selection_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The keyboard starts on the current parent, scrolled into view, once the dialog has chosen
   * its own initial focus. */
  if (current != NULL)
    gtk_widget_add_tick_callback (current, focus_row_cb, NULL, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_conference_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);
  TdConference *c = self->plan ? td_plan_get_conference (self->plan, g_variant_get_string (param, NULL)) : NULL;

  if (c == NULL)
    return;
  td_units_page_select_unit (self, c->unit);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
td_units_page_set_plan (TdUnitsPage *self,
                        TdPlan      *plan)
{
  g_return_if_fail (TD_IS_UNITS_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild_tree (self);
  self->syncing = FALSE;
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changes", G_CALLBACK (plan_changes_cb), self);
  /* Each unit's worst problem before its name (td-rule-marks.c). */
  td_rule_marks_attach_units_page (self, plan != NULL ? td_rule_marks_find_rules (GTK_WIDGET (self)) : NULL);
  update_tree_stack (self);
  show_unit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
td_units_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  if (prop_id == PROP_PLAN)
    td_units_page_set_plan (TD_UNITS_PAGE (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_units_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == PROP_PLAN)
    g_value_set_object (value, TD_UNITS_PAGE (object)->plan);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_units_page_dispose (GObject *object)
{
  TdUnitsPage *self = TD_UNITS_PAGE (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  if (self->store_refs != NULL)
    {
      for (guint i = 0; i < self->store_refs->len; i++)
        ((StoreRef *) g_ptr_array_index (self->store_refs, i))->self = NULL;
      g_clear_pointer (&self->store_refs, g_ptr_array_unref);
    }
  g_clear_pointer (&self->stores, g_hash_table_unref);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  if (self->icon_destroy != NULL)
    self->icon_destroy (self->icon_data);
  self->icon_destroy = NULL;
  self->icon_func = NULL;
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_UNITS_PAGE);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->selected, g_free);
  G_OBJECT_CLASS (td_units_page_parent_class)->dispose (object);
}

static void
td_units_page_class_init (TdUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_units_page_dispose;
  object_class->set_property = td_units_page_set_property;
  object_class->get_property = td_units_page_get_property;
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, content_scroll);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, unit_editor);
  gtk_widget_class_bind_template_child (widget_class, TdUnitsPage, conference_editor);

  gtk_widget_class_install_action (widget_class, "units.show-conference", "s", show_conference_action);
  gtk_widget_class_install_action (widget_class, "units.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "units.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "units.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "units.back", NULL, back_action);

  g_type_ensure (TD_TYPE_UNIT_EDITOR);
  g_type_ensure (TD_TYPE_CONFERENCE_EDITOR);
}

static void
td_units_page_init (TdUnitsPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store_refs = g_ptr_array_new ();
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  /* Folded, a click opens the unit, as in a list of settings. */
  g_object_bind_property (self->leaflet, "folded", self->list_view, "single-click-activate", G_BINDING_SYNC_CREATE);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("units.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  update_tree_stack (self);
  update_actions (self);
}
