/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-delegate-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-bind.h"
#include "td-composition-view.h"
#include "td-date.h"
#include "td-delegate-wizard.h"
#include "td-export-dialog.h"
#include "td-text.h"

#define N_STEPS 5

struct _TdDelegateWizard
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwActionRow        *unit_row;
  AdwActionRow        *form_row;
  AdwActionRow        *level_row;
  AdwActionRow        *staff_row;
  AdwPreferencesGroup *mode_group;
  AdwActionRow        *plenary_row;
  AdwActionRow        *representative_row;
  GtkCheckButton      *plenary_check;
  GtkCheckButton      *representative_check;
  AdwActionRow        *cap_row;
  AdwActionRow        *mix_row;
  AdwActionRow        *prefill_row;
  GtkSpinButton       *share_spin;
  GtkLabel            *quota_total_label;
  GtkListBox          *quota_list;
  GtkSearchEntry      *search_entry;
  GtkCheckButton      *chosen_only_check;
  GtkCheckButton      *guests_check;
  GtkLabel            *candidates_label;
  GtkListView         *candidate_view;
  GtkBox              *choose_side;
  GtkLabel            *missing_label;
  GtkListBox          *approval_list;
  AdwEntryRow         *decision_entry;
  AdwEntryRow         *date_entry;
  AdwEntryRow         *council_entry;
  GtkLabel            *approval_feedback;
  GtkLabel            *review_label;
  GtkListView         *review_view;
  GtkBox              *review_side;
  GtkWidget           *back_button;
  GtkWidget           *next_button;
  GtkWidget           *finish_button;
  GtkLabel            *blocker_label;

  TdPlan              *plan;
  TdConference        *conference;
  TdWizard            *wizard;
  TdWizardStep         step;
  gboolean             syncing;    /* widgets are being set from the state */
  guint                sync_id;
  gboolean             share_set;  /* the seats to share were pre-set once */
  guint                n_staff;    /* people of the conference's own unit in the plan */
  char                *filled_council; /* what the approval form last filled in */

  /* Choose */
  GHashTable          *subtree;    /* ids of the units within the conference's unit */
  GHashTable          *haystacks;  /* TdPerson* → folded "name position unit" */
  char                *query;      /* folded search text, NULL when empty */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GHashTable          *bound_rows; /* candidate row widgets currently bound */
  GtkWidget           *choose_panel;
  GtkWidget           *choose_verdicts;

  /* Review */
  GListStore          *review_store;
  GtkWidget           *review_panel;
  GtkWidget           *review_verdicts;
  GtkWidget           *ack_check;
};

G_DEFINE_FINAL_TYPE (TdDelegateWizard, td_delegate_wizard, ADW_TYPE_WINDOW)

static const char *step_names[N_STEPS] = { "mode", "quotas", "choose", "approvals", "review" };

static void queue_sync (TdDelegateWizard *self);

static const char *
step_title (TdWizardStep step)
{
  switch (step)
    {
    case TD_WIZARD_STEP_MODE:      return _("Conference and Mode");
    case TD_WIZARD_STEP_QUOTAS:    return _("Quotas");
    case TD_WIZARD_STEP_CHOOSE:    return _("Choose Delegates");
    case TD_WIZARD_STEP_APPROVALS: return _("Approvals");
    case TD_WIZARD_STEP_REVIEW:    return _("Review");
    default:                       g_return_val_if_reached (NULL);
    }
}

static const char *
unit_name (TdPlan     *plan,
           const char *unit_id)
{
  TdUnit *unit = td_plan_get_unit (plan, unit_id);

  return unit != NULL && unit->name != NULL ? unit->name : unit_id;
}

static gboolean
has_children (TdDelegateWizard *self)
{
  g_autoptr(GPtrArray) children = td_wizard_get_child_units (self->wizard);

  return children->len > 0;
}

static gboolean
step_applies (TdDelegateWizard *self,
              TdWizardStep      step)
{
  gboolean representative = td_wizard_get_mode (self->wizard) == TD_MODE_REPRESENTATIVE;

  switch (step)
    {
    case TD_WIZARD_STEP_QUOTAS:
      return representative && has_children (self);
    case TD_WIZARD_STEP_APPROVALS:
      return td_wizard_get_composition (self->wizard)->sent_upward > 0
             || (representative && has_children (self));
    case TD_WIZARD_STEP_MODE:
    case TD_WIZARD_STEP_CHOOSE:
    case TD_WIZARD_STEP_REVIEW:
    default:
      return TRUE;
    }
}

/* The composition gauges. Kept behind composition_panel_new() and composition_panel_update()
 * so that the shared TdCompositionView can take their place. */

static const char *gauge_classes[] = { "error", "warning", "accent", NULL };

static GtkWidget *
gauge_new (GtkWidget  *panel,
           const char *key,
           const char *title,
           gboolean    with_bar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  g_autofree char *name = g_strdup_printf ("wizard-gauge-%s", key);

  gtk_widget_add_css_class (box, "wizard-gauge");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_set_name (value, name);
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (top), title_label);
  gtk_box_append (GTK_BOX (top), value);
  gtk_box_append (GTK_BOX (box), top);
  if (with_bar)
    {
      GtkWidget *bar = gtk_level_bar_new ();

      /* Colours come from the gauge's state, not from the default low/high offsets. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_box_append (GTK_BOX (box), bar);
      g_object_set_data (G_OBJECT (box), "bar", bar);
    }
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_visible (detail, FALSE);
  gtk_box_append (GTK_BOX (box), detail);

  g_object_set_data (G_OBJECT (box), "value", value);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (panel), key, box);
  gtk_box_append (GTK_BOX (panel), box);
  return box;
}

/* @state_class: "error", "warning", "accent" (information) or NULL. */
static void
gauge_set (GtkWidget  *panel,
           const char *key,
           const char *value,
           double      level,
           double      max_level,
           const char *state_class,
           const char *detail)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (panel), key);
  GtkWidget *bar = g_object_get_data (G_OBJECT (box), "bar");
  GtkWidget *value_label = g_object_get_data (G_OBJECT (box), "value");
  GtkWidget *detail_label = g_object_get_data (G_OBJECT (box), "detail");

  gtk_label_set_text (GTK_LABEL (value_label), value);
  for (guint i = 0; gauge_classes[i] != NULL; i++)
    {
      gboolean on = g_strcmp0 (state_class, gauge_classes[i]) == 0;

      if (on)
        gtk_widget_add_css_class (box, gauge_classes[i]);
      else
        gtk_widget_remove_css_class (box, gauge_classes[i]);
    }
  if (bar != NULL)
    {
      gtk_widget_set_visible (bar, max_level > 0);
      if (max_level > 0)
        {
          gtk_level_bar_set_max_value (GTK_LEVEL_BAR (bar), max_level);
          gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (level, 0, max_level));
        }
    }
  gtk_label_set_text (GTK_LABEL (detail_label), detail);
  gtk_widget_set_visible (detail_label, detail != NULL && *detail != '\0');
}

static GtkWidget *
composition_panel_new (void)
{
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *view = td_composition_view_new ();
  GtkWidget *extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_name (panel, "wizard-composition");
  gtk_box_append (GTK_BOX (panel), view);
  g_object_set_data (G_OBJECT (panel), "view", view);
  /* What the shared view does not show: R-CAP's excess and R-APPROVE. */
  gtk_widget_add_css_class (extra, "card");
  gtk_widget_add_css_class (extra, "wizard-panel");
  gauge_new (extra, "approvals", _("Sent by lower units"), FALSE);
  gtk_box_append (GTK_BOX (panel), extra);
  g_object_set_data (G_OBJECT (panel), "extra", extra);
  return panel;
}

static void
composition_panel_set_plan (GtkWidget *panel,
                            TdPlan    *plan)
{
  td_composition_view_set_plan (g_object_get_data (G_OBJECT (panel), "view"), plan);
}

static void
composition_panel_update (GtkWidget           *panel,
                          const TdComposition *c)
{
  GtkWidget *extra = g_object_get_data (G_OBJECT (panel), "extra");
  g_autofree char *approvals = NULL;
  g_autofree char *detail = NULL;

  td_composition_view_set_composition (g_object_get_data (G_OBJECT (panel), "view"), c);

  /* TRANSLATORS: delegates sent by lower units · of them without approval, "24 · 1 without approval" */
  approvals = g_strdup_printf (_("%d · %d without approval"), c->sent_upward, c->unapproved);
  if (td_composition_over_cap (c))
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d delegate over the limit of %s: remove %d.",
                                           "%d delegates over the limit of %s: remove %d.",
                                           c->total - c->cap),
                              c->total - c->cap, c->cap_rule, c->total - c->cap);
  else if (c->unapproved > 0)
    detail = g_strdup (_("Enter the council’s approvals in the Approvals step."));
  gauge_set (extra, "approvals", approvals, 0, 0,
             c->unapproved > 0 || td_composition_over_cap (c) ? "error" : NULL, detail);
}

/* The engine's verdicts, one line each. */
static void
verdicts_update (GtkWidget *box,
                 GPtrArray *verdicts)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
  for (guint i = 0; i < verdicts->len; i++)
    {
      TdViolation *v = g_ptr_array_index (verdicts, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon;
      GtkWidget *label;
      g_autofree char *text = g_strdup_printf ("%s · %s", v->rule, v->message);
      const char *icon_name, *klass;

      switch (v->severity)
        {
        case TD_SEVERITY_ERROR:   icon_name = "dialog-error-symbolic";       klass = "error";   break;
        case TD_SEVERITY_WARNING: icon_name = "dialog-warning-symbolic";     klass = "warning"; break;
        default:                  icon_name = "dialog-information-symbolic"; klass = "accent";  break;
        }
      icon = gtk_image_new_from_icon_name (icon_name);
      gtk_widget_add_css_class (icon, klass);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (box), line);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *label = gtk_label_new (_("Every structure rule holds."));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "success");
      gtk_box_append (GTK_BOX (box), label);
    }
}

static GtkWidget *
verdicts_new (const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_name (box, name);
  return box;
}

/* Step 1: conference and mode */

static void
sync_mode_page (TdDelegateWizard *self)
{
  TdUnit *unit = td_wizard_get_unit (self->wizard);
  const TdComposition *c = td_wizard_get_composition (self->wizard);
  TdMode mode = td_wizard_get_mode (self->wizard);
  int threshold = self->plan->params.plenary_staff_threshold;
  g_autofree char *staff = NULL;
  g_autofree char *note = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *mix = NULL;
  g_autofree char *plenary_sub = NULL;
  g_autofree char *representative_sub = NULL;
  gboolean choice;
  TdMode proposed = td_wizard_get_proposed_mode (self->wizard, &choice);

  adw_action_row_set_subtitle (self->unit_row, unit != NULL ? unit->name : self->conference->unit);
  adw_action_row_set_subtitle (self->form_row, self->conference->form != NULL ? self->conference->form : "");
  adw_action_row_set_subtitle (self->level_row, td_level_label (c->level));
  staff = unit != NULL && unit->staff >= 0 ? g_strdup_printf ("%d", unit->staff) : g_strdup (_("Unknown"));
  adw_action_row_set_subtitle (self->staff_row, staff);

  if (unit == NULL || unit->level != TD_LEVEL_GRASSROOTS)
    note = g_strdup (_("Upper-level and provincial conferences convene delegates."));
  else if (unit->staff < 0)
    note = g_strdup (_("The unit’s staff is not known: choose the mode."));
  else if (unit->staff == threshold)
    note = g_strdup_printf (_("The unit has exactly %d staff: the plan only says “under %d” "
                              "(plenary) and “over %d” (representative), so both modes are "
                              "allowed. Choose one."),
                            unit->staff, threshold, threshold);
  else if (unit->staff < threshold)
    note = g_strdup_printf (_("The unit has %d staff, fewer than %d: the plan calls for a plenary "
                              "conference."), unit->staff, threshold);
  else
    note = g_strdup_printf (_("The unit has %d staff, more than %d: the plan calls for a "
                              "representative conference."), unit->staff, threshold);
  if (!choice && self->conference->mode != proposed)
    {
      char *more = g_strdup_printf (_("%s The conference was planned with the other mode; Finish "
                                      "saves the mode the plan requires."), note);
      g_free (note);
      note = more;
    }
  adw_preferences_group_set_description (self->mode_group, note);

  plenary_sub = g_strdup_printf (_("Everyone of the unit attends; for units under %d staff"), threshold);
  representative_sub = g_strdup_printf (_("Chosen delegates attend; for units over %d staff and "
                                          "at the upper levels"), threshold);
  adw_action_row_set_subtitle (self->plenary_row, plenary_sub);
  adw_action_row_set_subtitle (self->representative_row, representative_sub);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plenary_row), choice || proposed == TD_MODE_PLENARY);
  gtk_widget_set_sensitive (GTK_WIDGET (self->representative_row),
                            choice || proposed == TD_MODE_REPRESENTATIVE);
  gtk_check_button_set_active (self->plenary_check, mode == TD_MODE_PLENARY);
  gtk_check_button_set_active (self->representative_check, mode == TD_MODE_REPRESENTATIVE);

  if (c->cap >= 0)
    cap = g_strdup_printf (_("At most %d (%s); guests are not counted"), c->cap, c->cap_rule);
  else if (mode == TD_MODE_PLENARY)
    cap = g_strdup (_("No limit: the whole staff is convened"));
  else
    cap = g_strdup (_("No limit at this level"));
  adw_action_row_set_subtitle (self->cap_row, cap);
  if (mode == TD_MODE_PLENARY)
    mix = g_strdup_printf (_("Leaders at most %d %%, exemplars at least %d %% (information only in "
                             "a plenary conference)"),
                           c->leader_max_percent, 100 - c->leader_max_percent);
  else
    mix = g_strdup_printf (_("Leaders at most %d %%, exemplars at least %d %%"),
                           c->leader_max_percent, 100 - c->leader_max_percent);
  adw_action_row_set_subtitle (self->mix_row, mix);

  gtk_widget_set_visible (GTK_WIDGET (self->prefill_row), mode == TD_MODE_PLENARY);
  if (mode == TD_MODE_PLENARY)
    {
      GListModel *people = G_LIST_MODEL (self->plan->people);
      guint n = g_list_model_get_n_items (people), picked = 0;
      g_autofree char *sub = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TdPerson) p = g_list_model_get_item (people, i);

          if (g_strcmp0 (p->unit, self->conference->unit) == 0 && td_wizard_is_picked (self->wizard, p->id))
            picked++;
        }
      sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of the %u person of the unit in the plan is chosen",
                                          "%u of the %u people of the unit in the plan are chosen",
                                          self->n_staff),
                             picked, self->n_staff);
      adw_action_row_set_subtitle (self->prefill_row, sub);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.prefill", picked < self->n_staff);
    }
}

static void
mode_toggled_cb (TdDelegateWizard *self)
{
  if (self->syncing)
    return;
  td_wizard_set_mode (self->wizard,
                      gtk_check_button_get_active (self->plenary_check) ? TD_MODE_PLENARY
                                                                        : TD_MODE_REPRESENTATIVE);
}

static void
prefill_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);

  td_wizard_prefill_staff (self->wizard);
}

/* Step 2: quotas */

static void
quota_value_changed_cb (GtkSpinButton    *spin,
                        TdDelegateWizard *self)
{
  const char *unit = g_object_get_data (G_OBJECT (spin), "unit");

  if (self->syncing)
    return;
  td_wizard_set_quota (self->wizard, unit, gtk_spin_button_get_value_as_int (spin));
}

static void
build_quota_rows (TdDelegateWizard *self)
{
  g_autoptr(GPtrArray) children = td_wizard_get_child_units (self->wizard);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->quota_list))) != NULL)
    gtk_list_box_remove (self->quota_list, row);

  for (guint i = 0; i < children->len; i++)
    {
      TdUnit *unit = g_ptr_array_index (children, i);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);
      g_autofree char *name = g_strdup_printf ("wizard-quota-%s", unit->id);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unit->name);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_name (spin, name);
      g_object_set_data_full (G_OBJECT (spin), "unit", g_strdup (unit->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "unit", g_strdup (unit->id), g_free);
      g_object_set_data (G_OBJECT (row), "spin", spin);
      g_signal_connect (spin, "value-changed", G_CALLBACK (quota_value_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      gtk_list_box_append (self->quota_list, row);
    }
}

static void
sync_quota_page (TdDelegateWizard *self)
{
  const TdComposition *c = td_wizard_get_composition (self->wizard);
  int total = td_wizard_get_quota_total (self->wizard);
  g_autofree char *text = NULL;

  if (c->cap >= 0)
    text = g_strdup_printf (_("%d seats allotted of %d"), total, c->cap);
  else
    text = g_strdup_printf (_("%d seats allotted"), total);
  gtk_label_set_text (self->quota_total_label, text);
  if (c->cap >= 0 && total > c->cap)
    gtk_widget_add_css_class (GTK_WIDGET (self->quota_total_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->quota_total_label), "warning");

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->quota_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *unit_id = g_object_get_data (G_OBJECT (row), "unit");
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "spin");
      TdUnit *unit;
      const TdQuotaUse *use;
      int seats;
      g_autofree char *staff = NULL;
      g_autofree char *sub = NULL;

      if (unit_id == NULL)
        continue;
      unit = td_plan_get_unit (self->plan, unit_id);
      seats = td_wizard_get_quota (self->wizard, unit_id);
      use = td_composition_get_quota (c, unit_id);
      staff = unit != NULL && unit->staff >= 0 ? g_strdup_printf ("%d", unit->staff) : g_strdup ("—");
      if (seats < 0)
        /* TRANSLATORS: a child unit's row: its staff, and no quota set */
        sub = g_strdup_printf (_("Staff %s · no quota"), staff);
      else
        /* TRANSLATORS: a child unit's row: its staff and the delegates chosen from it */
        sub = g_strdup_printf (_("Staff %s · %d chosen"), staff, use != NULL ? use->used : 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_spin_button_set_value (spin, MAX (seats, 0));
      if (use != NULL && use->used > use->seats)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
}

static void
share_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);

  gtk_spin_button_update (self->share_spin);
  td_wizard_share_quotas (self->wizard, gtk_spin_button_get_value_as_int (self->share_spin));
}

static void
clear_quotas_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  td_wizard_clear_quotas (TD_DELEGATE_WIZARD (widget)->wizard);
}

/* Step 3: choose */

static const char *
haystack (TdDelegateWizard *self,
          TdPerson         *person)
{
  char *folded = g_hash_table_lookup (self->haystacks, person);

  if (folded == NULL)
    {
      g_autofree char *name = td_person_dup_full_name (person);
      g_autofree char *text = g_strjoin (" ", name, person->position ? person->position : "",
                                         unit_name (self->plan, person->unit), NULL);

      folded = td_text_fold (text);
      if (folded == NULL)
        folded = g_strdup ("");
      g_hash_table_insert (self->haystacks, person, folded);
    }
  return folded;
}

static gboolean
candidate_visible (gpointer item,
                   gpointer user_data)
{
  TdDelegateWizard *self = user_data;
  TdPerson *person = item;
  gboolean picked = td_wizard_is_picked (self->wizard, person->id);

  if (gtk_check_button_get_active (self->chosen_only_check) && !picked)
    return FALSE;
  if (!picked && !gtk_check_button_get_active (self->guests_check)
      && (person->unit == NULL || !g_hash_table_contains (self->subtree, person->unit)))
    return FALSE;
  return self->query == NULL || td_text_fold_matches (haystack (self, person), self->query);
}

static int
compare_people_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return strcmp (td_person_get_sort_key ((TdPerson *) a), td_person_get_sort_key ((TdPerson *) b));
}

static void
update_candidates_label (TdDelegateWizard *self)
{
  g_autofree char *text = NULL;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  /* TRANSLATORS: people shown in the candidate list · people chosen */
  text = g_strdup_printf (_("%u shown · %u chosen"), shown, td_wizard_get_n_picks (self->wizard));
  gtk_label_set_text (self->candidates_label, text);
}

static void
search_changed_cb (TdDelegateWizard *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = text != NULL && *text != '\0' ? td_text_fold (text) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (folded != NULL && *folded == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (folded, self->query) == 0)
    return;
  /* Typing on narrows what is shown: only the shown items need a look. */
  if (self->query != NULL && folded != NULL && g_str_has_prefix (folded, self->query)
      && strchr (folded + strlen (self->query), ' ') == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_candidates_label (self);
}

static void
filter_toggled_cb (TdDelegateWizard *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_candidates_label (self);
}

static void
refresh_candidate_row (TdDelegateWizard *self,
                       GtkWidget        *row)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  TdPerson *person = item != NULL ? gtk_list_item_get_item (item) : NULL;
  GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");
  GtkWidget *role = g_object_get_data (G_OBJECT (row), "role");
  gboolean picked, was_syncing = self->syncing;
  TdRole r;

  if (person == NULL)
    return;
  picked = td_wizard_is_picked (self->wizard, person->id);
  r = picked ? td_wizard_get_role (self->wizard, person->id)
             : td_wizard_default_role (self->wizard, person);
  self->syncing = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), picked);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), r == TD_ROLE_GUEST ? 1 : 0);
  self->syncing = was_syncing;
  if (picked)
    gtk_widget_add_css_class (row, "wizard-picked");
  else
    gtk_widget_remove_css_class (row, "wizard-picked");
}

static void
candidate_check_toggled_cb (GtkCheckButton   *check,
                            TdDelegateWizard *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (check), "row");
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  GtkWidget *role = g_object_get_data (G_OBJECT (row), "role");
  TdPerson *person = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (self->syncing || person == NULL)
    return;
  if (gtk_check_button_get_active (check))
    td_wizard_pick (self->wizard, person->id,
                    gtk_drop_down_get_selected (GTK_DROP_DOWN (role)) == 1 ? TD_ROLE_GUEST : TD_ROLE_DELEGATE);
  else
    td_wizard_unpick (self->wizard, person->id);
}

static void
candidate_role_changed_cb (GtkDropDown      *role,
                           GParamSpec       *pspec,
                           TdDelegateWizard *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (role), "row");
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  TdPerson *person = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (self->syncing || person == NULL)
    return;
  /* Choosing a role picks the person in that role. */
  td_wizard_pick (self->wizard, person->id,
                  gtk_drop_down_get_selected (role) == 1 ? TD_ROLE_GUEST : TD_ROLE_DELEGATE);
}

static void
candidate_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    TdDelegateWizard         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *leader = gtk_label_new (_("Leader"));
  const char *roles[] = { _("Delegate"), _("Guest"), NULL };
  GtkWidget *role = gtk_drop_down_new_from_strings (roles);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_name (check, "wizard-candidate-check");
  gtk_widget_set_name (role, "wizard-candidate-role");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (leader, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (leader, "caption");
  gtk_widget_add_css_class (leader, "wizard-tag");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), leader);
  gtk_box_append (GTK_BOX (row), role);

  g_object_set_data (G_OBJECT (row), "list-item", item);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "role", role);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  g_object_set_data (G_OBJECT (row), "leader", leader);
  g_object_set_data (G_OBJECT (check), "row", row);
  g_object_set_data (G_OBJECT (role), "row", row);
  g_signal_connect (check, "toggled", G_CALLBACK (candidate_check_toggled_cb), self);
  g_signal_connect (role, "notify::selected", G_CALLBACK (candidate_role_changed_cb), self);
  gtk_list_item_set_child (item, row);
  /* The check button is the row's control. */
  gtk_list_item_set_activatable (item, FALSE);
}

static void
candidate_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   TdDelegateWizard         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  TdPerson *person = gtk_list_item_get_item (item);
  g_autofree char *full = td_person_dup_full_name (person);
  g_autofree char *detail = NULL;

  if (person->position != NULL && *person->position != '\0')
    detail = g_strdup_printf ("%s · %s", person->position, unit_name (self->plan, person->unit));
  else
    detail = g_strdup (unit_name (self->plan, person->unit));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "name"), full);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "detail"), detail);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "leader"), person->leader);
  g_hash_table_add (self->bound_rows, row);
  refresh_candidate_row (self, row);
}

static void
candidate_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     TdDelegateWizard         *self)
{
  g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (item));
}

static void
sync_choose_page (TdDelegateWizard *self)
{
  GHashTableIter iter;
  gpointer row;

  composition_panel_update (self->choose_panel, td_wizard_get_composition (self->wizard));
  verdicts_update (self->choose_verdicts, td_wizard_get_verdicts (self->wizard));
  update_candidates_label (self);
  /* Only the rows on screen: picking never touches the list itself. */
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    refresh_candidate_row (self, row);
}

/* Step 4: approvals */

static void
build_approval_rows (TdDelegateWizard *self)
{
  g_autoptr(GPtrArray) people = td_wizard_get_sent_upward (self->wizard);
  g_autoptr(GHashTable) selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->approval_list);
  GtkWidget *row;

  for (GList *l = rows; l != NULL; l = l->next)
    g_hash_table_add (selected, g_strdup (g_object_get_data (l->data, "person")));
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->approval_list))) != NULL)
    gtk_list_box_remove (self->approval_list, row);

  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *person = g_ptr_array_index (people, i);
      const TdApproval *a = td_wizard_get_approval (self->wizard, person->id);
      g_autofree char *full = td_person_dup_full_name (person);
      g_autofree char *sub = NULL;

      if (a != NULL)
        {
          g_autofree char *date = a->date != TD_DATE_NONE ? td_date_format_short (a->date) : g_strdup ("—");

          sub = g_strdup_printf ("%s · %s, %s, %s", unit_name (self->plan, person->unit),
                                 a->decision ? a->decision : "", date, a->council ? a->council : "");
        }
      else
        /* TRANSLATORS: the person's unit · no approval yet */
        sub = g_strdup_printf (_("%s · no approval"), unit_name (self->plan, person->unit));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      if (a == NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      g_object_set_data_full (G_OBJECT (row), "person", g_strdup (person->id), g_free);
      gtk_list_box_append (self->approval_list, row);
      if (g_hash_table_contains (selected, person->id))
        gtk_list_box_select_row (self->approval_list, GTK_LIST_BOX_ROW (row));
    }
  if (people->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nobody is sent by a lower unit."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_widget_set_margin_bottom (label, 24);
      gtk_list_box_set_placeholder (self->approval_list, label);
    }
}

static void
sync_approvals_page (TdDelegateWizard *self)
{
  g_autoptr(GPtrArray) missing = td_wizard_get_unapproved (self->wizard);

  if (missing->len == 0)
    {
      gtk_label_set_text (self->missing_label, _("Everyone sent by a lower unit has an approval."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "success");
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < missing->len; i++)
        {
          g_autofree char *full = td_person_dup_full_name (g_ptr_array_index (missing, i));

          g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", full);
        }
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Without approval (%u): %s",
                                           "Without approval (%u): %s", missing->len),
                              missing->len, names->str);
      gtk_label_set_text (self->missing_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "error");
    }
}

/* The council of a person's own unit: "Hội đồng Thi đua - Khen thưởng xã Thanh Phước". */
static char *
default_council (TdDelegateWizard *self,
                 TdPerson         *person)
{
  const char *name = unit_name (self->plan, person->unit);

  /* The council belongs to the locality, not to its People's Committee. */
  if (name != NULL && g_str_has_prefix (name, "UBND "))
    name += strlen ("UBND ");
  return g_strdup_printf ("Hội đồng Thi đua - Khen thưởng %s", name != NULL ? name : "");
}

static void
apply_approval_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->approval_list);
  g_autofree char *decision = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry))));
  g_autofree char *council = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->council_entry))));
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  TdDate date = TD_DATE_NONE;

  if (rows == NULL)
    {
      gtk_label_set_text (self->approval_feedback, _("Select the people first."));
      return;
    }
  if (*decision == '\0')
    {
      gtk_label_set_text (self->approval_feedback, _("Enter the number of the council’s decision."));
      return;
    }
  if (!td_bind_parse_date (date_text, &date) || date == TD_DATE_NONE)
    {
      gtk_label_set_text (self->approval_feedback, _("Enter the date of the decision as dd/mm/yyyy."));
      return;
    }
  gtk_label_set_text (self->approval_feedback, "");

  for (GList *l = rows; l != NULL; l = l->next)
    {
      const char *id = g_object_get_data (l->data, "person");
      TdPerson *person = td_plan_get_person (self->plan, id);
      g_autofree char *own = NULL;
      TdApproval *approval;

      if (person == NULL)
        continue;
      if (*council == '\0')
        own = default_council (self, person);
      approval = td_approval_new (decision, date, *council != '\0' ? council : own);
      td_wizard_set_approval (self->wizard, id, approval);
      td_approval_free (approval);
    }
  build_approval_rows (self);
}

static void
remove_approval_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->approval_list);

  for (GList *l = rows; l != NULL; l = l->next)
    td_wizard_set_approval (self->wizard, g_object_get_data (l->data, "person"), NULL);
  build_approval_rows (self);
}

static void
select_unapproved_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);

  gtk_list_box_unselect_all (self->approval_list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->approval_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), "person");

      if (GTK_IS_LIST_BOX_ROW (row) && id != NULL && td_wizard_get_approval (self->wizard, id) == NULL)
        gtk_list_box_select_row (self->approval_list, GTK_LIST_BOX_ROW (row));
    }
}

/* One row with an approval selected: the form shows it, to be edited for that person. A group
 * selected: the council field the form filled in goes back to empty (each person's own
 * council), so that one person's council is not given to everyone. */
static void
approval_selection_changed_cb (TdDelegateWizard *self)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->approval_list);
  const char *council = gtk_editable_get_text (GTK_EDITABLE (self->council_entry));
  const TdApproval *a = NULL;
  g_autofree char *date = NULL;

  if (rows != NULL && rows->next == NULL)
    a = td_wizard_get_approval (self->wizard, g_object_get_data (rows->data, "person"));
  if (a == NULL)
    {
      if (self->filled_council != NULL && g_strcmp0 (council, self->filled_council) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->council_entry), "");
      g_clear_pointer (&self->filled_council, g_free);
      return;
    }
  date = a->date != TD_DATE_NONE ? td_date_format_short (a->date) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->decision_entry), a->decision ? a->decision : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->council_entry), a->council ? a->council : "");
  g_free (self->filled_council);
  self->filled_council = g_strdup (a->council ? a->council : "");
}

/* Step 5: review */

static void
build_review_list (TdDelegateWizard *self)
{
  g_autoptr(GPtrArray) people = td_wizard_get_picked_people (self->wizard);
  g_autoptr(GPtrArray) ordered = g_ptr_array_sized_new (people->len);
  guint delegates = 0, guests = 0;
  g_autofree char *text = NULL;
  g_autofree char *d = NULL;
  g_autofree char *g = NULL;

  /* Convened delegates first, then guests, each in official order. */
  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (people, i);

      if (td_wizard_get_role (self->wizard, p->id) == TD_ROLE_DELEGATE)
        {
          g_ptr_array_add (ordered, p);
          delegates++;
        }
    }
  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (people, i);

      if (td_wizard_get_role (self->wizard, p->id) == TD_ROLE_GUEST)
        {
          g_ptr_array_add (ordered, p);
          guests++;
        }
    }
  g_list_store_splice (self->review_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->review_store)),
                       ordered->pdata, ordered->len);

  d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u delegate", "%u delegates", delegates), delegates);
  g = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u guest", "%u guests", guests), guests);
  /* TRANSLATORS: "27 delegates and 1 guest, in official order" */
  text = g_strdup_printf (_("%s and %s, in official order"), d, g);
  gtk_label_set_text (self->review_label, text);
}

static void
review_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TdDelegateWizard         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (NULL);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_label_set_width_chars (GTK_LABEL (number), 4);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), tag);
  g_object_set_data (G_OBJECT (row), "number", number);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  g_object_set_data (G_OBJECT (row), "tag", tag);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
review_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TdDelegateWizard         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  TdPerson *person = gtk_list_item_get_item (item);
  g_autofree char *number = g_strdup_printf ("%u.", gtk_list_item_get_position (item) + 1);
  g_autofree char *full = td_person_dup_full_name (person);
  g_autofree char *detail = NULL;
  TdRole role = td_wizard_get_role (self->wizard, person->id);
  GString *tag = g_string_new (NULL);

  if (person->position != NULL && *person->position != '\0')
    detail = g_strdup_printf ("%s · %s", person->position, unit_name (self->plan, person->unit));
  else
    detail = g_strdup (unit_name (self->plan, person->unit));
  if (role == TD_ROLE_GUEST)
    g_string_append (tag, _("Guest"));
  else if (person->leader)
    g_string_append (tag, _("Leader"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "number"), number);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "name"), full);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "detail"), detail);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "tag"), tag->str);
  g_string_free (tag, TRUE);
}

static void
ack_toggled_cb (GtkCheckButton   *check,
                TdDelegateWizard *self)
{
  if (self->syncing)
    return;
  td_wizard_set_acknowledged (self->wizard, gtk_check_button_get_active (check));
}

static void
sync_review_page (TdDelegateWizard *self)
{
  guint warnings = td_wizard_count_warnings (self->wizard);

  composition_panel_update (self->review_panel, td_wizard_get_composition (self->wizard));
  verdicts_update (self->review_verdicts, td_wizard_get_verdicts (self->wizard));
  gtk_widget_set_visible (self->ack_check, warnings > 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->ack_check), td_wizard_get_acknowledged (self->wizard));
}

/* Navigation */

static void
sync_now (TdDelegateWizard *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *blocker = NULL;
  int index = 0, count = 0;
  gboolean first = TRUE, last = TRUE;

  g_clear_handle_id (&self->sync_id, g_source_remove);
  self->syncing = TRUE;

  for (int s = 0; s < N_STEPS; s++)
    if (step_applies (self, s))
      {
        count++;
        if ((int) self->step == s)
          index = count;
        else if (s < (int) self->step)
          first = FALSE;
        else
          last = FALSE;
      }
  adw_window_title_set_title (self->window_title, step_title (self->step));
  /* TRANSLATORS: the wizard's subtitle: "Huyện Gò Dầu · step 3 of 5" */
  subtitle = g_strdup_printf (_("%s · step %d of %d"), unit_name (self->plan, self->conference->unit),
                              index, count);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !first);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_set_visible (self->finish_button, last);

  switch (self->step)
    {
    case TD_WIZARD_STEP_MODE:      sync_mode_page (self); break;
    case TD_WIZARD_STEP_QUOTAS:    sync_quota_page (self); break;
    case TD_WIZARD_STEP_CHOOSE:    sync_choose_page (self); break;
    case TD_WIZARD_STEP_APPROVALS: sync_approvals_page (self); break;
    case TD_WIZARD_STEP_REVIEW:    sync_review_page (self); break;
    default: break;
    }

  blocker = td_wizard_dup_finish_blocker (self->wizard);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.finish", blocker == NULL);
  gtk_label_set_text (self->blocker_label, blocker != NULL ? blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocker_label), last && blocker != NULL);

  self->syncing = FALSE;
}

static gboolean
sync_idle_cb (gpointer data)
{
  TdDelegateWizard *self = data;

  self->sync_id = 0;
  sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_sync (TdDelegateWizard *self)
{
  /* Many picks in one frame cost one refresh. */
  if (self->sync_id == 0)
    self->sync_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, sync_idle_cb, self, NULL);
}

static void
wizard_changed_cb (TdDelegateWizard *self)
{
  queue_sync (self);
}

static void
enter_step (TdDelegateWizard *self,
            TdWizardStep      step)
{
  self->step = step;
  switch (step)
    {
    case TD_WIZARD_STEP_QUOTAS:
      build_quota_rows (self);
      if (!self->share_set)
        {
          int total = td_wizard_get_quota_total (self->wizard);
          int cap = td_wizard_get_cap (self->wizard);

          gtk_spin_button_set_value (self->share_spin, total > 0 ? total : MAX (cap, 0));
          self->share_set = TRUE;
        }
      break;
    case TD_WIZARD_STEP_CHOOSE:
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      break;
    case TD_WIZARD_STEP_APPROVALS:
      build_approval_rows (self);
      /* Focus in the list would select its first row and fill the form with that approval. */
      gtk_list_box_unselect_all (self->approval_list);
      gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
      break;
    case TD_WIZARD_STEP_REVIEW:
      build_review_list (self);
      break;
    case TD_WIZARD_STEP_MODE:
    default:
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  sync_now (self);
}

static void
back_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);

  for (int s = (int) self->step - 1; s >= 0; s--)
    if (step_applies (self, s))
      {
        enter_step (self, s);
        return;
      }
}

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);

  for (int s = (int) self->step + 1; s < N_STEPS; s++)
    if (step_applies (self, s))
      {
        enter_step (self, s);
        return;
      }
}

/* After Finish */

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdPlanWindow     *window)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "conference");

  if (g_strcmp0 (response, "invitations") == 0)
    td_export_dialog_open (window, id, TD_EXPORT_INVITATIONS);
  else if (g_strcmp0 (response, "delegates") == 0)
    td_export_dialog_open (window, id, TD_EXPORT_DELEGATES);
}

static void
offer_exports (TdPlanWindow        *window,
               TdConference        *conference,
               const TdComposition *c,
               const char          *name)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d delegate", "%d delegates",
                                                     c->total), c->total);
  g_autofree char *g = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d guest", "%d guests",
                                                     c->guests), c->guests);

  /* TRANSLATORS: "The list of Huyện Gò Dầu is saved: 27 delegates and 1 guest. …" */
  body = g_strdup_printf (_("The list of %s is saved: %s and %s. Export the invitations and the "
                            "delegate list now?"), name, d, g);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Delegates Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "delegates", _("_Delegate List…"),
                                    "invitations", _("_Invitations…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "invitations",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "invitations");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "conference", g_strdup (conference->id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  TdComposition saved;

  if (!td_wizard_finish (self->wizard, &error))
    {
      gtk_label_set_text (self->blocker_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->blocker_label), TRUE);
      return;
    }
  saved = *td_wizard_get_composition (self->wizard);
  if (TD_IS_PLAN_WINDOW (parent))
    offer_exports (TD_PLAN_WINDOW (parent), self->conference, &saved,
                   unit_name (self->plan, self->conference->unit));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Nothing is applied before Finish, so cancelling only closes. */
static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Construction */

static void
td_delegate_wizard_dispose (GObject *object)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (object);

  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->wizard != NULL)
    g_signal_handlers_disconnect_by_data (self->wizard, self);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->review_store);
  g_clear_object (&self->wizard);
  g_clear_object (&self->conference);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (td_delegate_wizard_parent_class)->dispose (object);
}

static void
td_delegate_wizard_finalize (GObject *object)
{
  TdDelegateWizard *self = TD_DELEGATE_WIZARD (object);

  g_clear_pointer (&self->subtree, g_hash_table_unref);
  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_free (self->query);
  g_free (self->filled_council);

  G_OBJECT_CLASS (td_delegate_wizard_parent_class)->finalize (object);
}

static void
ensure_css (void)
{
  static gboolean done = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
    ".wizard-panel { padding: 12px; }\n"
    ".wizard-gauge.error levelbar block.filled { background-color: @error_color; }\n"
    ".wizard-gauge.warning levelbar block.filled { background-color: @warning_color; }\n"
    ".wizard-gauge.error label, .wizard-gauge.error { color: @error_color; }\n"
    ".wizard-gauge.warning label { color: @warning_color; }\n"
    ".wizard-gauge.accent label { color: @accent_color; }\n"
    ".wizard-tag { padding: 1px 6px; border-radius: 6px; background-color: alpha(@accent_bg_color, 0.15); }\n"
    ".wizard-picked { font-weight: bold; }\n",
    -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
td_delegate_wizard_class_init (TdDelegateWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_delegate_wizard_dispose;
  object_class->finalize = td_delegate_wizard_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Planner/td-delegate-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, unit_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, form_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, level_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, staff_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, mode_group);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, plenary_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, representative_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, plenary_check);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, representative_check);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, cap_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, mix_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, prefill_row);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, share_spin);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, quota_total_label);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, quota_list);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, chosen_only_check);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, guests_check);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, candidates_label);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, candidate_view);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, choose_side);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, missing_label);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, approval_list);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, decision_entry);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, council_entry);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, approval_feedback);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, review_label);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, review_view);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, review_side);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, finish_button);
  gtk_widget_class_bind_template_child (widget_class, TdDelegateWizard, blocker_label);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.prefill", NULL, prefill_action);
  gtk_widget_class_install_action (widget_class, "wizard.share", NULL, share_action);
  gtk_widget_class_install_action (widget_class, "wizard.clear-quotas", NULL, clear_quotas_action);
  gtk_widget_class_install_action (widget_class, "wizard.apply-approval", NULL, apply_approval_action);
  gtk_widget_class_install_action (widget_class, "wizard.select-unapproved", NULL, select_unapproved_action);
  gtk_widget_class_install_action (widget_class, "wizard.remove-approval", NULL, remove_approval_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
td_delegate_wizard_init (TdDelegateWizard *self)
{
  GtkListItemFactory *factory;
  GtkWidget *ack_box;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->haystacks = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->bound_rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->subtree = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->choose_panel = composition_panel_new ();
  self->choose_verdicts = verdicts_new ("wizard-choose-verdicts");
  gtk_box_append (self->choose_side, self->choose_panel);
  gtk_box_append (self->choose_side, self->choose_verdicts);

  self->review_panel = composition_panel_new ();
  self->review_verdicts = verdicts_new ("wizard-review-verdicts");
  self->ack_check = gtk_check_button_new_with_mnemonic (_("I have read the _warnings"));
  gtk_widget_set_name (self->ack_check, "wizard-acknowledge");
  ack_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (ack_box), self->review_verdicts);
  gtk_box_append (GTK_BOX (ack_box), self->ack_check);
  gtk_box_append (self->review_side, self->review_panel);
  gtk_box_append (self->review_side, ack_box);
  g_signal_connect (self->ack_check, "toggled", G_CALLBACK (ack_toggled_cb), self);

  g_signal_connect_swapped (self->plenary_check, "toggled", G_CALLBACK (mode_toggled_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->chosen_only_check, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect_swapped (self->guests_check, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect_swapped (self->approval_list, "selected-rows-changed",
                            G_CALLBACK (approval_selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (candidate_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (candidate_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (candidate_unbind_cb), self);
  gtk_list_view_set_factory (self->candidate_view, factory);
  g_object_unref (factory);

  self->review_store = g_list_store_new (TD_TYPE_PERSON);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (review_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (review_bind_cb), self);
  gtk_list_view_set_factory (self->review_view, factory);
  g_object_unref (factory);
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->review_store)));

    gtk_list_view_set_model (self->review_view, GTK_SELECTION_MODEL (selection));
  }
}

TdDelegateWizard *
td_delegate_wizard_new (GtkWindow    *parent,
                        TdPlan       *plan,
                        TdConference *conference)
{
  TdDelegateWizard *self;
  GtkSortListModel *sorted;
  GtkCustomSorter *sorter;
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *units, *people;
  guint n;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (TD_IS_CONFERENCE (conference), NULL);

  self = g_object_new (TD_TYPE_DELEGATE_WIZARD, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  self->conference = g_object_ref (conference);
  self->wizard = td_wizard_new (plan, conference);
  composition_panel_set_plan (self->choose_panel, plan);
  composition_panel_set_plan (self->review_panel, plan);

  /* The unit's subtree once, so that filtering a candidate is a lookup. */
  units = G_LIST_MODEL (plan->units);
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (units, i);

      if (td_plan_unit_is_within (plan, unit->id, conference->unit))
        g_hash_table_add (self->subtree, g_strdup (unit->id));
    }
  people = G_LIST_MODEL (plan->people);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdPerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (person->unit, conference->unit) == 0)
        self->n_staff++;
    }

  /* Sorted once (official order); picks never rebuild it, only the filter controls refilter. */
  sorter = gtk_custom_sorter_new (compare_people_cb, NULL, NULL);
  sorted = gtk_sort_list_model_new (g_object_ref (people), GTK_SORTER (sorter));
  self->filter = gtk_custom_filter_new (candidate_visible, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->candidate_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_swapped (self->wizard, "changed", G_CALLBACK (wizard_changed_cb), self);
  enter_step (self, TD_WIZARD_STEP_MODE);
  return self;
}

void
td_delegate_wizard_open (TdPlanWindow *window,
                         TdConference *conference)
{
  TdPlan *plan;
  TdDelegateWizard *self;

  g_return_if_fail (TD_IS_PLAN_WINDOW (window));
  g_return_if_fail (TD_IS_CONFERENCE (conference));

  plan = td_plan_window_get_plan (window);
  if (plan == NULL)
    return;
  self = td_delegate_wizard_new (GTK_WINDOW (window), plan, conference);
  gtk_window_present (GTK_WINDOW (self));
}

TdWizard *
td_delegate_wizard_get_wizard (TdDelegateWizard *self)
{
  g_return_val_if_fail (TD_IS_DELEGATE_WIZARD (self), NULL);
  return self->wizard;
}

TdWizardStep
td_delegate_wizard_get_step (TdDelegateWizard *self)
{
  g_return_val_if_fail (TD_IS_DELEGATE_WIZARD (self), TD_WIZARD_STEP_MODE);
  return self->step;
}

void
td_delegate_wizard_sync (TdDelegateWizard *self)
{
  g_return_if_fail (TD_IS_DELEGATE_WIZARD (self));
  sync_now (self);
}
