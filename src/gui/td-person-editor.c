/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-person-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "td-csv.h"
#include "td-person-editor.h"
#include "td-text.h"

struct _TdPersonEditor
{
  AdwWindow   parent_instance;

  GtkWidget  *save_button;
  GtkWidget  *name_group;
  GtkWidget  *details_group;

  GtkWidget  *full_row;
  GtkWidget  *family_row;
  GtkWidget  *given_row;
  GtkWidget  *gender_row;
  GtkWidget  *year_row;
  GtkWidget  *ethnicity_row;
  GtkWidget  *position_row;
  GtkWidget  *leader_row;
  GtkWidget  *leader_switch;
  GtkWidget  *unit_row;
  GtkWidget  *category_row;
  GtkWidget  *sector_row;
  GtkWidget  *note_row;

  TdPlan     *plan;
  TdPerson   *person;     /* NULL: adding */
  GPtrArray  *unit_ids;   /* ids in the unit row's order (NULL first: none) */
  gboolean    leader_by_hand;
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (TdPersonEditor, td_person_editor, ADW_TYPE_WINDOW)

static void
add_units (TdPlan        *plan,
           const char    *parent,
           int            depth,
           GtkStringList *list,
           GPtrArray     *ids)
{
  g_autoptr(GPtrArray) children = td_plan_get_children (plan, parent);

  for (guint i = 0; i < children->len; i++)
    {
      TdUnit *unit = g_ptr_array_index (children, i);
      g_autofree char *indent = g_strnfill (depth * 3, ' ');
      g_autofree char *label = g_strconcat (indent, unit->name, NULL);

      gtk_string_list_append (list, label);
      g_ptr_array_add (ids, g_strdup (unit->id));
      add_units (plan, unit->id, depth + 1, list, ids);
    }
}

GtkStringList *
td_person_editor_unit_list (TdPlan      *plan,
                            const char  *none_label,
                            GPtrArray  **ids_out)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (none_label != NULL)
    {
      gtk_string_list_append (list, none_label);
      g_ptr_array_add (ids, NULL);
    }
  add_units (plan, NULL, 0, list, ids);
  *ids_out = ids;
  return list;
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
combo_row (GtkWidget     *group,
           const char    *title,
           GtkStringList *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_unref (model);
  return row;
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
row_text (GtkWidget *row)
{
  g_autofree char *nfc = td_text_nfc (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strstrip (g_strdup (nfc ? nfc : ""));
}

/* Whether the fields can be saved: a given name, a year that is one. */
static void
validate (TdPersonEditor *self)
{
  g_autofree char *given = row_text (self->given_row);
  const char *year = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  int y;
  gboolean year_ok = td_csv_parse_birth_year (year, &y);

  if (year_ok)
    gtk_widget_remove_css_class (self->year_row, "error");
  else
    gtk_widget_add_css_class (self->year_row, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", *given != '\0' && year_ok);
}

static void
full_changed_cb (TdPersonEditor *self)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  if (self->updating)
    return;
  td_text_split_name (gtk_editable_get_text (GTK_EDITABLE (self->full_row)), &family, &given);
  self->updating = TRUE;
  set_text (self->family_row, family);
  set_text (self->given_row, given);
  self->updating = FALSE;
  validate (self);
}

static void
set_leader_subtitle (TdPersonEditor *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->leader_row),
                               self->leader_by_hand ? _("Set by hand")
                                                    : _("Suggested from the position"));
}

static void
position_changed_cb (TdPersonEditor *self)
{
  if (self->leader_by_hand)
    return;
  self->updating = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->leader_switch),
                         td_text_position_is_leader (gtk_editable_get_text (GTK_EDITABLE (self->position_row))));
  self->updating = FALSE;
}

static void
leader_toggled_cb (TdPersonEditor *self)
{
  if (self->updating)
    return;
  self->leader_by_hand = TRUE;
  set_leader_subtitle (self);
}

static char *
new_person_id (TdPlan *plan)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan->people));

  for (;; n++)
    {
      char *id = g_strdup_printf ("p%u", n + 1);

      if (td_plan_get_person (plan, id) == NULL)
        return id;
      g_free (id);
    }
}

TdPerson *
td_person_editor_save (TdPersonEditor *self)
{
  g_autoptr(TdPerson) added = NULL;
  TdPerson *p;
  guint unit_index;
  int year = 0;

  g_return_val_if_fail (TD_IS_PERSON_EDITOR (self), NULL);

  if (!td_csv_parse_birth_year (gtk_editable_get_text (GTK_EDITABLE (self->year_row)), &year))
    return NULL;

  if (self->person == NULL)
    {
      g_autofree char *id = new_person_id (self->plan);

      added = td_person_new (id, NULL, NULL);
      td_plan_begin (self->plan, _("Add person"));
      p = added;
    }
  else
    {
      td_plan_begin (self->plan, _("Edit person"));
      td_plan_touch (self->plan, self->person);
      p = self->person;
    }

#define SET(field, row) G_STMT_START { g_free (p->field); p->field = row_text (row); } G_STMT_END
  SET (family_middle, self->family_row);
  SET (given, self->given_row);
  SET (ethnicity, self->ethnicity_row);
  SET (position, self->position_row);
  SET (note, self->note_row);
#undef SET
  p->gender = adw_combo_row_get_selected (ADW_COMBO_ROW (self->gender_row));
  p->birth_year = year;
  p->leader = gtk_switch_get_active (GTK_SWITCH (self->leader_switch));
  p->category = adw_combo_row_get_selected (ADW_COMBO_ROW (self->category_row));
  p->sector = adw_combo_row_get_selected (ADW_COMBO_ROW (self->sector_row));
  unit_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->unit_row));
  g_free (p->unit);
  p->unit = unit_index < self->unit_ids->len ? g_strdup (g_ptr_array_index (self->unit_ids, unit_index)) : NULL;
  td_person_invalidate (p);

  if (added != NULL)
    td_plan_add_person (self->plan, added);
  td_plan_commit (self->plan);
  return p;
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPersonEditor *self = TD_PERSON_EDITOR (widget);

  if (td_person_editor_save (self) != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
build (TdPersonEditor *self,
       const char     *unit_id)
{
  GtkStringList *list;
  TdPerson *p = self->person;
  guint unit_index = 0;

  self->full_row = entry_row (self->name_group, _("Full name"));
  self->family_row = entry_row (self->name_group, _("Family and middle names (họ và tên đệm)"));
  self->given_row = entry_row (self->name_group, _("Given name (tên)"));
  gtk_widget_set_visible (self->full_row, p == NULL);

  list = gtk_string_list_new (NULL);
  for (TdGender g = TD_GENDER_UNKNOWN; g <= TD_GENDER_FEMALE; g++)
    gtk_string_list_append (list, g == TD_GENDER_UNKNOWN ? _("Not given") : td_gender_label (g));
  self->gender_row = combo_row (self->details_group, _("Gender"), list);
  self->year_row = entry_row (self->details_group, _("Year of birth"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->year_row), 10);
  self->ethnicity_row = entry_row (self->details_group, _("Ethnicity"));
  self->position_row = entry_row (self->details_group, _("Position"));

  self->leader_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->leader_row), _("Leader"));
  self->leader_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->leader_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->leader_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leader"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->leader_row), self->leader_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->leader_row), self->leader_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->details_group), self->leader_row);

  list = td_person_editor_unit_list (self->plan, _("No unit"), &self->unit_ids);
  self->unit_row = combo_row (self->details_group, _("Unit"), list);
  list = gtk_string_list_new (NULL);
  for (guint c = 0; c < TD_N_CATEGORIES; c++)
    gtk_string_list_append (list, td_category_label (c));
  self->category_row = combo_row (self->details_group, _("Category"), list);
  list = gtk_string_list_new (NULL);
  for (guint s = 0; s < TD_N_SECTORS; s++)
    gtk_string_list_append (list, td_sector_label (s));
  self->sector_row = combo_row (self->details_group, _("Economic sector"), list);
  self->note_row = entry_row (self->details_group, _("Note"));

  if (p != NULL)
    {
      set_text (self->family_row, p->family_middle);
      set_text (self->given_row, p->given);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->gender_row), p->gender);
      if (p->birth_year > 0)
        {
          g_autofree char *year = g_strdup_printf ("%d", p->birth_year);
          set_text (self->year_row, year);
        }
      set_text (self->ethnicity_row, p->ethnicity);
      set_text (self->position_row, p->position);
      gtk_switch_set_active (GTK_SWITCH (self->leader_switch), p->leader);
      self->leader_by_hand = p->leader != td_text_position_is_leader (p->position);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->category_row), p->category);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->sector_row), p->sector);
      set_text (self->note_row, p->note);
      unit_id = p->unit;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Person"));
    }
  else
    {
      set_text (self->ethnicity_row, "Kinh");
      gtk_window_set_title (GTK_WINDOW (self), _("Add Person"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }
  for (guint i = 0; i < self->unit_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->unit_ids, i), unit_id) == 0)
      unit_index = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->unit_row), unit_index);
  set_leader_subtitle (self);

  g_signal_connect_swapped (self->full_row, "changed", G_CALLBACK (full_changed_cb), self);
  g_signal_connect_swapped (self->given_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->year_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->position_row, "changed", G_CALLBACK (position_changed_cb), self);
  g_signal_connect_swapped (self->leader_switch, "notify::active", G_CALLBACK (leader_toggled_cb), self);
  validate (self);
}

static void
td_person_editor_dispose (GObject *object)
{
  TdPersonEditor *self = TD_PERSON_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PERSON_EDITOR);
  g_clear_object (&self->plan);
  g_clear_object (&self->person);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (td_person_editor_parent_class)->dispose (object);
}

static void
td_person_editor_class_init (TdPersonEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = td_person_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPersonEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdPersonEditor, name_group);
  gtk_widget_class_bind_template_child (widget_class, TdPersonEditor, details_group);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_person_editor_init (TdPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TdPersonEditor *
td_person_editor_new (GtkWindow  *parent,
                      TdPlan     *plan,
                      TdPerson   *person,
                      const char *unit_id)
{
  TdPersonEditor *self;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  self = g_object_new (TD_TYPE_PERSON_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  self->person = person ? g_object_ref (person) : NULL;
  build (self, unit_id);
  return self;
}
