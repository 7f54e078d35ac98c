/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-conference-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "td-agenda-editor.h"
#include "td-bind.h"
#include "td-composition-view.h"
#include "td-conference-editor.h"
#include "td-delegate-wizard.h"
#include "td-plan-window.h"
#include "td-date.h"
#include "td-rule-marks.h"

#define DEFAULT_START (7 * 60 + 30)

struct _TdConferenceEditor
{
  AdwBin        parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *none_page;
  AdwComboRow         *form_row;
  AdwComboRow         *mode_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *venue_row;
  AdwEntryRow         *chair_row;
  GtkSwitch           *pilot_switch;
  AdwPreferencesGroup *submissions_group;
  TdAgendaEditor      *agenda_editor;
  AdwEntryRow         *submission_rows[TD_N_SUBMISSIONS];
  GtkWidget           *submission_states[TD_N_SUBMISSIONS];
  /* The rules' verdict and the delegates' composition (td-rule-marks.c, td-composition-view.c) */
  GtkBox              *problems_box;
  GtkWidget           *delegates_marker;
  GtkWidget           *submissions_marker;
  TdCompositionView   *composition_view;
  TdRuleMarks         *marks;

  TdPlan       *plan;
  TdUnit       *unit;
  TdConference *conference;
  GtkStringList *forms;     /* the forms allowed at the unit's level, in order */
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (TdConferenceEditor, td_conference_editor, ADW_TYPE_BIN)

TdConference *
td_conference_new_for_unit (TdPlan *plan,
                            TdUnit *unit)
{
  g_autofree char *stem = g_strconcat ("c-", unit->id, NULL);
  g_autofree char *id = td_plan_make_id (plan, TD_KIND_CONFERENCE, stem);
  TdConference *c = td_conference_new (id, unit->id);
  const char * const *forms = td_conference_forms_for_level (unit->level);
  g_autoptr(GPtrArray) agenda = td_agenda_template_new (DEFAULT_START);

  g_free (c->form);
  c->form = g_strdup (forms != NULL && forms[0] != NULL ? forms[0] : "");
  /* R-MODE: at exactly the threshold both modes are allowed; plenary is the lighter one. Upper
   * levels always convene delegates. */
  if (unit->level != TD_LEVEL_GRASSROOTS)
    c->mode = TD_MODE_REPRESENTATIVE;
  else
    c->mode = unit->staff > plan->params.plenary_staff_threshold ? TD_MODE_REPRESENTATIVE : TD_MODE_PLENARY;
  c->start = DEFAULT_START;
  g_list_store_splice (c->agenda, 0, g_list_model_get_n_items (G_LIST_MODEL (c->agenda)),
                       agenda->pdata, agenda->len);
  td_conference_retime_agenda (c);
  return c;
}

TdConference *
td_conference_editor_get_conference (TdConferenceEditor *self)
{
  g_return_val_if_fail (TD_IS_CONFERENCE_EDITOR (self), NULL);
  return self->conference;
}

static GtkWindow *
parent_window (TdConferenceEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Model → the widgets that the td_bind helpers do not cover */

static void
refresh_forms (TdConferenceEditor *self)
{
  const char * const *forms = td_conference_forms_for_level (self->unit->level);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->forms));
  guint found = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; forms != NULL && forms[i] != NULL; i++)
    {
      g_ptr_array_add (strings, (gpointer) forms[i]);
      if (g_strcmp0 (forms[i], self->conference->form) == 0)
        found = i;
    }
  /* A form from elsewhere (an imported plan) stays visible until the user picks an allowed one. */
  if (found == GTK_INVALID_LIST_POSITION && self->conference->form != NULL && *self->conference->form != '\0')
    {
      found = strings->len;
      g_ptr_array_add (strings, self->conference->form);
    }
  same = n == strings->len;
  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->forms, i), g_ptr_array_index (strings, i)) == 0;
  g_ptr_array_add (strings, NULL);
  if (!same)
    gtk_string_list_splice (self->forms, 0, n, (const char * const *) strings->pdata);
  if (adw_combo_row_get_selected (self->form_row) != found)
    adw_combo_row_set_selected (self->form_row, found);
}

static void
refresh_mode (TdConferenceEditor *self)
{
  int threshold = self->plan->params.plenary_staff_threshold;
  int staff = self->unit->staff;
  g_autofree char *hint = NULL;

  if (adw_combo_row_get_selected (self->mode_row) != (guint) self->conference->mode)
    adw_combo_row_set_selected (self->mode_row, self->conference->mode);

  /* R-MODE applies to grassroots units; the text says nothing about exactly the threshold. */
  if (self->unit->level == TD_LEVEL_PROVINCE)
    hint = g_strdup (_("The provincial congress convenes delegates (it has a plan of its own)"));
  else if (self->unit->level != TD_LEVEL_GRASSROOTS)
    hint = g_strdup (_("Upper-level conferences convene delegates"));
  else if (staff < 0)
    hint = g_strdup (_("Enter the unit's staff to see which mode the plan asks for"));
  else if (staff < threshold)
    hint = g_strdup_printf (_("Staff %d, below %d: a plenary conference"), staff, threshold);
  else if (staff > threshold)
    hint = g_strdup_printf (_("Staff %d, above %d: a representative conference"), staff, threshold);
  else
    hint = g_strdup_printf (_("Staff exactly %d: the plan allows either mode"), staff);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode_row), hint);

  gtk_widget_remove_css_class (GTK_WIDGET (self->mode_row), "warning");
  if (self->unit->level == TD_LEVEL_GRASSROOTS && staff >= 0 &&
      ((staff > threshold && self->conference->mode == TD_MODE_PLENARY) ||
       (staff < threshold && self->conference->mode == TD_MODE_REPRESENTATIVE)))
    gtk_widget_add_css_class (GTK_WIDGET (self->mode_row), "warning");
}

static void
refresh_start (TdConferenceEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  g_autofree char *want = td_time_to_string (self->conference->start);
  int shown = -1;

  if (text[strspn (text, " ")] != '\0' && !td_time_parse (text, &shown))
    {
      /* Leave a half-typed time alone, as the other fields do. */
      if (gtk_widget_has_css_class (GTK_WIDGET (self->start_row), "error"))
        return;
      shown = -2;
    }
  if (shown == self->conference->start)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), want ? want : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
}

static void
refresh_submissions (TdConferenceEditor *self)
{
  TdDate due = self->conference->date != TD_DATE_NONE ? td_date_minus_one_month (self->conference->date)
                                                       : TD_DATE_NONE;
  g_autofree char *due_text = td_date_format_short (due);
  g_autofree char *description = NULL;

  if (due != TD_DATE_NONE)
    description = g_strdup_printf (_("The plan, the schedule, the draft report and the programme reach the "
                                     "provincial emulation board one month ahead: due %s. "
                                     "Leave a date empty while the document has not arrived."), due_text);
  else
    description = g_strdup (_("Set the conference date to see when the documents are due. "
                              "Leave a date empty while the document has not arrived."));
  adw_preferences_group_set_description (self->submissions_group, description);

  for (guint s = 0; s < TD_N_SUBMISSIONS; s++)
    {
      TdDate received = self->conference->submissions[s];
      GtkWidget *state = self->submission_states[s];
      gboolean late = received != TD_DATE_NONE && due != TD_DATE_NONE && received > due;

      if (received == TD_DATE_NONE)
        gtk_label_set_text (GTK_LABEL (state), _("Not received"));
      else if (late)
        gtk_label_set_text (GTK_LABEL (state), _("Late"));
      else
        gtk_label_set_text (GTK_LABEL (state), _("Received"));
      if (late)
        gtk_widget_add_css_class (state, "warning");
      else
        gtk_widget_remove_css_class (state, "warning");
    }
}

static void
refresh (TdConferenceEditor *self)
{
  if (self->conference == NULL || self->unit == NULL)
    return;
  self->updating = TRUE;
  refresh_forms (self);
  refresh_mode (self);
  refresh_start (self);
  refresh_submissions (self);
  self->updating = FALSE;
}

static void
record_changed_cb (TdConferenceEditor *self)
{
  refresh (self);
}

/* The rules' verdict on the fields and the composition of the delegates, live */

static void
show_composition (TdConferenceEditor *self)
{
  g_autoptr(TdComposition) composition = NULL;

  if (self->plan != NULL && self->conference != NULL)
    composition = td_composition_new_for_conference (self->plan, self->conference);
  td_composition_view_set_composition (self->composition_view, composition);
}

static void
show_checks (TdConferenceEditor *self)
{
  TdRules *rules = self->plan != NULL ? td_rule_marks_find_rules (GTK_WIDGET (self)) : NULL;

  if (rules != NULL && td_rules_get_plan (rules) != self->plan)
    rules = NULL;
  td_rule_marks_set_conference (self->marks, rules, self->conference != NULL ? self->conference->id : NULL);
  td_composition_view_set_plan (self->composition_view, self->plan);
  show_composition (self);
  /* Any commit can change the composition: a delegate, a person's attributes, the parameters. */
  if (self->plan != NULL)
    g_signal_connect_object (self->plan, "changes", G_CALLBACK (show_composition), self, G_CONNECT_SWAPPED);
}

/* Widget → model, where a field's change brings others with it */

static void
form_selected_cb (TdConferenceEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->form_row);
  const char *form;

  if (self->updating || self->conference == NULL || selected == GTK_INVALID_LIST_POSITION ||
      td_plan_in_edit (self->plan))
    return;
  form = gtk_string_list_get_string (self->forms, selected);
  if (form == NULL || g_strcmp0 (form, self->conference->form) == 0)
    return;
  td_plan_begin (self->plan, _("Change conference form"));
  td_plan_touch (self->plan, self->conference);
  g_free (self->conference->form);
  self->conference->form = g_strdup (form);
  td_plan_commit (self->plan);
}

static void
mode_selected_cb (TdConferenceEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->mode_row);

  if (self->updating || self->conference == NULL || selected == GTK_INVALID_LIST_POSITION ||
      (TdMode) selected == self->conference->mode || td_plan_in_edit (self->plan))
    return;
  td_plan_begin (self->plan, _("Change conference mode"));
  td_plan_touch (self->plan, self->conference);
  self->conference->mode = (TdMode) selected;
  td_plan_commit (self->plan);
}

/* The start time moves every agenda item with it, in the same undo step. */
static void
start_changed_cb (TdConferenceEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  g_autofree char *key = NULL;
  int minutes = -1;

  if (self->updating || self->conference == NULL || td_plan_in_edit (self->plan))
    return;
  if (text[strspn (text, " ")] != '\0' && !td_time_parse (text, &minutes))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->start_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_row), _("Write the time as hours:minutes, for example 07:30"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_row), NULL);
  if (minutes == self->conference->start)
    return;
  key = g_strdup_printf ("%p:start", self->conference);
  td_plan_begin_merging (self->plan, _("Edit start time"), key);
  td_plan_touch (self->plan, self->conference);
  self->conference->start = minutes;
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);
}

/* Actions */

static void
create_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdConferenceEditor *self = TD_CONFERENCE_EDITOR (widget);
  g_autoptr(TdConference) c = NULL;

  if (self->plan == NULL || self->unit == NULL || self->conference != NULL || td_plan_in_edit (self->plan))
    return;
  c = td_conference_new_for_unit (self->plan, self->unit);
  td_plan_begin (self->plan, _("Create conference"));
  td_plan_add_conference (self->plan, c);
  td_plan_commit (self->plan);
}

static void
delete_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    TdConferenceEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "td-conference");
  TdConference *c;

  if (g_strcmp0 (response, "delete") != 0 || self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  /* Looked up again: an undo while the dialog was open may have replaced the record. */
  c = td_plan_get_conference (self->plan, id);
  if (c == NULL)
    return;
  td_plan_begin (self->plan, _("Delete conference"));
  td_plan_remove_conference (self->plan, c);
  td_plan_commit (self->plan);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdConferenceEditor *self = TD_CONFERENCE_EDITOR (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_delegates;

  if (self->conference == NULL)
    return;
  n_delegates = self->conference->delegates->len;
  if (n_delegates > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The conference of “%s” is deleted with its agenda, its documents "
                                         "and its list of %u delegate. The people stay in the plan.",
                                         "The conference of “%s” is deleted with its agenda, its documents "
                                         "and its list of %u delegates. The people stay in the plan.",
                                         n_delegates),
                            self->unit->name, n_delegates);
  else
    body = g_strdup_printf (_("The conference of “%s” is deleted with its agenda and its documents."),
                            self->unit->name);
  dialog = adw_message_dialog_new (parent_window (self), _("Delete the Conference?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-conference", g_strdup (self->conference->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (TdConferenceEditor *self)
{
  gboolean editable = self->plan != NULL && self->unit != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conference.create", editable && self->conference == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conference.delete", editable && self->conference != NULL);
}

void
td_conference_editor_set_conference (TdConferenceEditor *self,
                                     TdPlan             *plan,
                                     TdUnit             *unit,
                                     TdConference       *conference)
{
  g_return_if_fail (TD_IS_CONFERENCE_EDITOR (self));

  if (self->plan == plan && self->unit == unit && self->conference == conference)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (self->plan, show_composition, self);
  if (self->unit != NULL)
    g_signal_handlers_disconnect_by_data (self->unit, self);
  if (self->conference != NULL)
    g_signal_handlers_disconnect_by_data (self->conference, self);
  g_set_object (&self->plan, plan);
  g_set_object (&self->unit, unit);
  g_set_object (&self->conference, conference);
  update_actions (self);

  td_agenda_editor_set_conference (self->agenda_editor, plan, conference);
  show_checks (self);
  if (conference == NULL || unit == NULL)
    {
      td_bind_clear (GTK_WIDGET (self->date_row));
      td_bind_clear (GTK_WIDGET (self->venue_row));
      td_bind_clear (GTK_WIDGET (self->chair_row));
      td_bind_clear (GTK_WIDGET (self->pilot_switch));
      for (guint s = 0; s < TD_N_SUBMISSIONS; s++)
        td_bind_clear (GTK_WIDGET (self->submission_rows[s]));
      gtk_stack_set_visible_child_name (self->stack, "none");
      if (unit != NULL)
        g_signal_connect_swapped (unit, "changed", G_CALLBACK (record_changed_cb), self);
      return;
    }

  td_bind_date (GTK_EDITABLE (self->date_row), plan, conference, NULL, G_STRUCT_OFFSET (TdConference, date),
                _("Edit conference date"));
  td_bind_string (GTK_EDITABLE (self->venue_row), plan, conference, NULL, G_STRUCT_OFFSET (TdConference, venue),
                  _("Edit venue"));
  td_bind_string (GTK_EDITABLE (self->chair_row), plan, conference, NULL, G_STRUCT_OFFSET (TdConference, chair),
                  _("Edit chair"));
  td_bind_bool (GTK_WIDGET (self->pilot_switch), plan, conference, NULL, G_STRUCT_OFFSET (TdConference, pilot),
                _("Edit pilot flag"));
  for (guint s = 0; s < TD_N_SUBMISSIONS; s++)
    td_bind_date (GTK_EDITABLE (self->submission_rows[s]), plan, conference, NULL,
                  G_STRUCT_OFFSET (TdConference, submissions) + s * sizeof (TdDate),
                  _("Edit received date"));
  /* The unit's level decides the allowed forms and its staff the proposed mode. */
  g_signal_connect_swapped (unit, "changed", G_CALLBACK (record_changed_cb), self);
  g_signal_connect_swapped (conference, "changed", G_CALLBACK (record_changed_cb), self);
  refresh (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
}

GtkWidget *
td_conference_editor_new (void)
{
  return g_object_new (TD_TYPE_CONFERENCE_EDITOR, NULL);
}

static void
td_conference_editor_dispose (GObject *object)
{
  TdConferenceEditor *self = TD_CONFERENCE_EDITOR (object);

  if (self->unit != NULL)
    g_signal_handlers_disconnect_by_data (self->unit, self);
  if (self->conference != NULL)
    g_signal_handlers_disconnect_by_data (self->conference, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (self->plan, show_composition, self);
  g_clear_object (&self->marks);
  g_clear_object (&self->unit);
  g_clear_object (&self->conference);
  g_clear_object (&self->plan);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONFERENCE_EDITOR);
  g_clear_object (&self->forms);
  G_OBJECT_CLASS (td_conference_editor_parent_class)->dispose (object);
}

static void
choose_delegates_cb (TdConferenceEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->conference != NULL && TD_IS_PLAN_WINDOW (root))
    td_delegate_wizard_open (TD_PLAN_WINDOW (root), self->conference);
}

static void
td_conference_editor_class_init (TdConferenceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_conference_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-conference-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, none_page);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, form_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, chair_row);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, pilot_switch);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, submissions_group);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, agenda_editor);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, problems_box);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, delegates_marker);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, submissions_marker);
  gtk_widget_class_bind_template_child (widget_class, TdConferenceEditor, composition_view);
  gtk_widget_class_bind_template_callback (widget_class, choose_delegates_cb);

  gtk_widget_class_install_action (widget_class, "conference.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "conference.delete", NULL, delete_action);

  g_type_ensure (TD_TYPE_AGENDA_EDITOR);
  g_type_ensure (TD_TYPE_COMPOSITION_VIEW);
}

static void
td_conference_editor_init (TdConferenceEditor *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->forms = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->form_row, G_LIST_MODEL (self->forms));
  /* The dropdown's positions are the TdMode values. */
  gtk_string_list_append (modes, td_mode_label (TD_MODE_PLENARY));
  gtk_string_list_append (modes, td_mode_label (TD_MODE_REPRESENTATIVE));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));

  for (guint s = 0; s < TD_N_SUBMISSIONS; s++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
      GtkWidget *state = gtk_label_new (NULL);
      g_autofree char *name = g_strdup_printf ("conference-submission-%s", td_submission_to_string (s));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), td_submission_label (s));
      gtk_widget_set_name (GTK_WIDGET (row), name);
      gtk_widget_add_css_class (state, "dim-label");
      gtk_widget_add_css_class (state, "caption");
      adw_entry_row_add_suffix (row, state);
      adw_preferences_group_add (self->submissions_group, GTK_WIDGET (row));
      self->submission_rows[s] = row;
      self->submission_states[s] = state;
    }

  g_signal_connect_swapped (self->form_row, "notify::selected", G_CALLBACK (form_selected_cb), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (mode_selected_cb), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (start_changed_cb), self);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->start_row), FALSE);

  self->marks = td_rule_marks_new ();
  td_rule_marks_add_field (self->marks, GTK_WIDGET (self->date_row), TD_FIELD_DATE, NULL);
  td_rule_marks_add_field (self->marks, GTK_WIDGET (self->mode_row), TD_FIELD_MODE, NULL);
  td_rule_marks_add_field (self->marks, gtk_widget_get_ancestor (GTK_WIDGET (self->pilot_switch), ADW_TYPE_ACTION_ROW),
                           TD_FIELD_PILOT, NULL);
  td_rule_marks_add_field (self->marks, self->delegates_marker, TD_FIELD_DELEGATES, TD_FIELD_QUOTAS, NULL);
  td_rule_marks_add_field (self->marks, self->submissions_marker, TD_FIELD_SUBMISSIONS, NULL);
  td_rule_marks_set_message_box (self->marks, self->problems_box);
  update_actions (self);
}
