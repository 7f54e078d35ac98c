/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-unit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "td-bind.h"
#include "td-unit-editor.h"

struct _TdUnitEditor
{
  AdwBin       parent_instance;

  AdwPreferencesGroup *group;
  AdwEntryRow *name_row;
  AdwComboRow *level_row;
  AdwEntryRow *kind_row;
  GtkSpinButton *staff_spin;
  GtkSwitch   *pilot_switch;

  TdPlan      *plan;
  TdUnit      *unit;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (TdUnitEditor, td_unit_editor, ADW_TYPE_BIN)

static gboolean
form_allowed (TdLevel     level,
              const char *form)
{
  const char * const *forms = td_conference_forms_for_level (level);

  for (guint i = 0; forms != NULL && forms[i] != NULL; i++)
    if (g_strcmp0 (forms[i], form) == 0)
      return TRUE;
  return FALSE;
}

void
td_unit_set_level_in_edit (TdPlan  *plan,
                           TdUnit  *unit,
                           TdLevel  level)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  const char * const *forms = td_conference_forms_for_level (level);

  g_return_if_fail (td_plan_in_edit (plan));

  td_plan_touch (plan, unit);
  unit->level = level;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);

      if (g_strcmp0 (c->unit, unit->id) != 0 || form_allowed (level, c->form))
        continue;
      td_plan_touch (plan, c);
      g_free (c->form);
      c->form = g_strdup (forms != NULL && forms[0] != NULL ? forms[0] : "");
    }
}

static void
update_description (TdUnitEditor *self)
{
  GString *path = g_string_new (NULL);
  TdUnit *u;
  guint guard = 0;

  if (self->unit == NULL)
    {
      adw_preferences_group_set_description (self->group, NULL);
      g_string_free (path, TRUE);
      return;
    }
  /* The chain of parents, so that units with the same name ("UBND Phường 1") are told apart. */
  for (u = td_plan_get_unit (self->plan, self->unit->parent); u != NULL && guard++ < 64;
       u = td_plan_get_unit (self->plan, u->parent))
    {
      if (path->len > 0)
        g_string_prepend (path, " › ");
      g_string_prepend (path, u->name);
    }
  if (path->len == 0)
    g_string_assign (path, _("A top-level unit"));
  adw_preferences_group_set_description (self->group, path->str);
  g_string_free (path, TRUE);
}

static void
refresh (TdUnitEditor *self)
{
  self->updating = TRUE;
  if (self->unit != NULL && adw_combo_row_get_selected (self->level_row) != (guint) self->unit->level)
    adw_combo_row_set_selected (self->level_row, self->unit->level);
  self->updating = FALSE;
  update_description (self);
}

static void
unit_changed_cb (TdUnitEditor *self)
{
  refresh (self);
}

static void
level_selected_cb (TdUnitEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->level_row);

  if (self->updating || self->unit == NULL || selected == GTK_INVALID_LIST_POSITION ||
      (TdLevel) selected == self->unit->level || td_plan_in_edit (self->plan))
    return;
  td_plan_begin (self->plan, _("Change level"));
  td_unit_set_level_in_edit (self->plan, self->unit, (TdLevel) selected);
  td_plan_commit (self->plan);
}

/* An unknown staff count (-1) shows as an empty field, and an emptied field means unknown. */
static int
staff_input_cb (GtkSpinButton *spin,
                double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 n;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    {
      *value = -1;
      return TRUE;
    }
  n = g_ascii_strtoll (text, &end, 10);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || (end != NULL && *end != '\0') || n < 0)
    return GTK_INPUT_ERROR;
  *value = (double) n;
  return TRUE;
}

static gboolean
staff_output_cb (GtkSpinButton *spin)
{
  int value = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = value < 0 ? g_strdup ("") : g_strdup_printf ("%d", value);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

TdUnit *
td_unit_editor_get_unit (TdUnitEditor *self)
{
  g_return_val_if_fail (TD_IS_UNIT_EDITOR (self), NULL);
  return self->unit;
}

void
td_unit_editor_focus_name (TdUnitEditor *self)
{
  g_return_if_fail (TD_IS_UNIT_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
td_unit_editor_set_unit (TdUnitEditor *self,
                         TdPlan       *plan,
                         TdUnit       *unit)
{
  g_return_if_fail (TD_IS_UNIT_EDITOR (self));

  if (self->unit == unit && self->plan == plan)
    return;
  if (self->unit != NULL)
    g_signal_handlers_disconnect_by_data (self->unit, self);
  g_set_object (&self->plan, plan);
  g_set_object (&self->unit, unit);

  if (unit == NULL)
    {
      td_bind_clear (GTK_WIDGET (self->name_row));
      td_bind_clear (GTK_WIDGET (self->kind_row));
      td_bind_clear (GTK_WIDGET (self->staff_spin));
      td_bind_clear (GTK_WIDGET (self->pilot_switch));
      update_description (self);
      return;
    }
  td_bind_string (GTK_EDITABLE (self->name_row), plan, unit, NULL, G_STRUCT_OFFSET (TdUnit, name), _("Rename unit"));
  td_bind_string (GTK_EDITABLE (self->kind_row), plan, unit, NULL, G_STRUCT_OFFSET (TdUnit, kind), _("Edit unit kind"));
  td_bind_int (self->staff_spin, plan, unit, NULL, G_STRUCT_OFFSET (TdUnit, staff), _("Edit staff"));
  td_bind_bool (GTK_WIDGET (self->pilot_switch), plan, unit, NULL, G_STRUCT_OFFSET (TdUnit, pilot_body),
                _("Edit pilot-body flag"));
  g_signal_connect_swapped (unit, "changed", G_CALLBACK (unit_changed_cb), self);
  refresh (self);
}

GtkWidget *
td_unit_editor_new (void)
{
  return g_object_new (TD_TYPE_UNIT_EDITOR, NULL);
}

static void
td_unit_editor_dispose (GObject *object)
{
  TdUnitEditor *self = TD_UNIT_EDITOR (object);

  if (self->unit != NULL)
    g_signal_handlers_disconnect_by_data (self->unit, self);
  g_clear_object (&self->unit);
  g_clear_object (&self->plan);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_UNIT_EDITOR);
  G_OBJECT_CLASS (td_unit_editor_parent_class)->dispose (object);
}

static void
td_unit_editor_class_init (TdUnitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_unit_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-unit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, group);
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, staff_spin);
  gtk_widget_class_bind_template_child (widget_class, TdUnitEditor, pilot_switch);
}

static void
td_unit_editor_init (TdUnitEditor *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The dropdown's positions are the TdLevel values. */
  for (int l = TD_LEVEL_PROVINCE; l <= TD_LEVEL_GRASSROOTS; l++)
    gtk_string_list_append (levels, td_level_label ((TdLevel) l));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  g_signal_connect_swapped (self->level_row, "notify::selected", G_CALLBACK (level_selected_cb), self);
  g_signal_connect (self->staff_spin, "input", G_CALLBACK (staff_input_cb), NULL);
  g_signal_connect (self->staff_spin, "output", G_CALLBACK (staff_output_cb), NULL);
}
