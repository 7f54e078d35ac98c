/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-problems"

#include "config.h"

#include <glib/gi18n.h>

#include "td-plan-window.h"
#include "td-problems-model.h"
#include "td-problems-page.h"
#include "td-units-page.h"

struct _TdProblemsPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkListView     *list_view;
  GtkWidget       *all_button;
  GtkWidget       *error_button;
  GtkWidget       *warning_button;
  GtkWidget       *info_button;
  GtkLabel        *all_count;
  GtkLabel        *error_count;
  GtkLabel        *warning_count;
  GtkLabel        *info_count;

  TdPlan          *plan;
  TdRules         *rules;
  TdProblemsModel *model;
};

G_DEFINE_FINAL_TYPE (TdProblemsPage, td_problems_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
severity_icon (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case TD_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case TD_SEVERITY_INFO:    return "dialog-information-symbolic";
    case TD_SEVERITY_NONE:
    default:                  return "emblem-ok-symbolic";
    }
}

static void
set_severity_icon (GtkWidget  *image,
                   TdSeverity  severity)
{
  static const char *const classes[] = { "severity-error", "severity-warning", "severity-info" };
  const char *wanted = severity == TD_SEVERITY_ERROR   ? classes[0]
                     : severity == TD_SEVERITY_WARNING ? classes[1]
                     : severity == TD_SEVERITY_INFO    ? classes[2] : NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (image), severity_icon (severity));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (classes[i] != wanted)
      gtk_widget_remove_css_class (image, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (image, wanted);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  td_severity_label (severity), -1);
}

/* Rows: one widget for both kinds, shaped at bind time */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *rule = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  gtk_label_set_xalign (GTK_LABEL (rule), 0);
  gtk_label_set_width_chars (GTK_LABEL (rule), 10);
  gtk_widget_set_valign (rule, GTK_ALIGN_START);
  gtk_widget_add_css_class (rule, "dim-label");
  gtk_widget_add_css_class (rule, "numeric");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  /* Measured as one line when it fits: otherwise a short message gets a row two lines high. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (title), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), rule);
  gtk_box_append (GTK_BOX (row), texts);

  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "rule", rule);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "icon");
  GtkWidget *rule = g_object_get_data (G_OBJECT (row), "rule");
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "subtitle");

  if (TD_IS_PROBLEMS_HEADER (object))
    {
      TdProblemsHeader *header = TD_PROBLEMS_HEADER (object);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems",
                                                             header->n_violations),
                                                header->n_violations);
      g_autofree char *line = g_strdup_printf ("%s · %s", header->subtitle, count);

      set_severity_icon (icon, header->worst);
      gtk_widget_set_visible (rule, FALSE);
      gtk_label_set_text (GTK_LABEL (title), header->title);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_text (GTK_LABEL (subtitle), line);
      gtk_widget_set_visible (subtitle, TRUE);
      gtk_widget_set_margin_start (row, 0);
      gtk_widget_set_margin_top (row, gtk_list_item_get_position (item) == 0 ? 3 : 15);
    }
  else if (TD_IS_VIOLATION (object))
    {
      TdViolation *v = TD_VIOLATION (object);

      set_severity_icon (icon, v->severity);
      gtk_widget_set_visible (rule, TRUE);
      gtk_label_set_text (GTK_LABEL (rule), v->rule);
      gtk_label_set_text (GTK_LABEL (title), v->message);
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_visible (subtitle, FALSE);
      gtk_widget_set_margin_start (row, 24);
      gtk_widget_set_margin_top (row, 0);
    }
}

/* Activation */

static void
show_record (TdProblemsPage *self,
             const char     *conference,
             const char     *unit)
{
  if (conference != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-conference", "s", conference);
      return;
    }
  if (unit == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "units");
  {
    GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
    GtkWidget *units = stack != NULL ? adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "units") : NULL;

    if (units != NULL && TD_IS_UNITS_PAGE (units))
      td_units_page_select_unit (TD_UNITS_PAGE (units), unit);
  }
}

static void
activate_cb (GtkListView    *view,
             guint           position,
             TdProblemsPage *self)
{
  g_autoptr(GObject) item = self->model != NULL
                          ? g_list_model_get_item (G_LIST_MODEL (self->model), position) : NULL;

  if (item == NULL)
    return;
  if (TD_IS_PROBLEMS_HEADER (item))
    show_record (self, TD_PROBLEMS_HEADER (item)->conference, TD_PROBLEMS_HEADER (item)->unit);
  else if (TD_IS_VIOLATION (item))
    show_record (self, TD_VIOLATION (item)->conference, TD_VIOLATION (item)->unit);
}

/* Counts, filter and empty states */

static void
show_count (GtkLabel   *label,
            GtkWidget  *button,
            const char *name,
            guint       count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  /* TRANSLATORS: the accessible name of a filter button, "Errors: 3" */
  g_autofree char *accessible = g_strdup_printf (_("%s: %u"), name, count);

  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
model_updated_cb (TdProblemsPage *self)
{
  guint total = td_problems_model_get_count (self->model, TD_SEVERITY_NONE);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  show_count (self->all_count, self->all_button, _("All"), total);
  show_count (self->error_count, self->error_button, _("Errors"),
              td_problems_model_get_count (self->model, TD_SEVERITY_ERROR));
  show_count (self->warning_count, self->warning_button, _("Warnings"),
              td_problems_model_get_count (self->model, TD_SEVERITY_WARNING));
  show_count (self->info_count, self->info_button, _("Information"),
              td_problems_model_get_count (self->model, TD_SEVERITY_INFO));

  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : shown == 0 ? "filtered" : "list");
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   TdProblemsPage  *self)
{
  TdSeverity only;

  if (!gtk_toggle_button_get_active (button))
    return;
  only = GTK_WIDGET (button) == self->error_button   ? TD_SEVERITY_ERROR
       : GTK_WIDGET (button) == self->warning_button ? TD_SEVERITY_WARNING
       : GTK_WIDGET (button) == self->info_button    ? TD_SEVERITY_INFO : TD_SEVERITY_NONE;
  if (self->model != NULL)
    td_problems_model_set_filter (self->model, only);
}

void
td_problems_page_set_filter (TdProblemsPage *self,
                             TdSeverity      only)
{
  GtkWidget *button;

  g_return_if_fail (TD_IS_PROBLEMS_PAGE (self));

  button = only == TD_SEVERITY_ERROR   ? self->error_button
         : only == TD_SEVERITY_WARNING ? self->warning_button
         : only == TD_SEVERITY_INFO    ? self->info_button : self->all_button;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

GListModel *
td_problems_page_get_model (TdProblemsPage *self)
{
  g_return_val_if_fail (TD_IS_PROBLEMS_PAGE (self), NULL);
  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}

/* Plan and rules */

static void
attach (TdProblemsPage *self)
{
  TdSeverity filter = TD_SEVERITY_NONE;

  if (self->model != NULL)
    {
      filter = td_problems_model_get_filter (self->model);
      g_signal_handlers_disconnect_by_data (self->model, self);
    }
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->model);

  if (self->rules == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  self->model = td_problems_model_new (self->rules);
  td_problems_model_set_filter (self->model, filter);
  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (model_updated_cb), self);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)))));
  model_updated_cb (self);
}

void
td_problems_page_set_rules (TdProblemsPage *self,
                            TdRules        *rules)
{
  TdPlan *plan;

  g_return_if_fail (TD_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (rules == NULL || TD_IS_RULES (rules));

  plan = rules != NULL ? td_rules_get_plan (rules) : NULL;
  g_set_object (&self->rules, rules);
  if (g_set_object (&self->plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  attach (self);
}

void
td_problems_page_set_plan (TdProblemsPage *self,
                           TdPlan         *plan)
{
  GtkWidget *window;
  TdRules *rules = NULL;

  g_return_if_fail (TD_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (plan == NULL || TD_IS_PLAN (plan));

  if (self->plan == plan && (self->rules == NULL || td_rules_get_plan (self->rules) == plan))
    return;
  g_set_object (&self->plan, plan);

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), TD_TYPE_PLAN_WINDOW);
  if (plan != NULL && window != NULL)
    rules = td_plan_window_get_rules (TD_PLAN_WINDOW (window));
  if (rules != NULL && td_rules_get_plan (rules) == plan)
    g_set_object (&self->rules, rules);
  else
    {
      /* Outside a plan window (a test, a preview): an engine of its own. */
      g_clear_object (&self->rules);
      if (plan != NULL)
        self->rules = td_rules_new (plan, TD_DATE_NONE);
    }
  attach (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
td_problems_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      td_problems_page_set_plan (TD_PROBLEMS_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_problems_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, TD_PROBLEMS_PAGE (object)->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_problems_page_dispose (GObject *object)
{
  TdProblemsPage *self = TD_PROBLEMS_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The bin would unparent its child again after the template disposed it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PROBLEMS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->rules);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (td_problems_page_parent_class)->dispose (object);
}

static void
td_problems_page_class_init (TdProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_problems_page_dispose;
  object_class->set_property = td_problems_page_set_property;
  object_class->get_property = td_problems_page_get_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, warning_button);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, info_button);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, all_count);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, error_count);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, warning_count);
  gtk_widget_class_bind_template_child (widget_class, TdProblemsPage, info_count);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
}

static void
td_problems_page_init (TdProblemsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_stack_set_visible_child_name (self->stack, "none");
}
