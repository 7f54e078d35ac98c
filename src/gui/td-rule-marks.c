/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-rule-marks"

#include "config.h"

#include <glib/gi18n.h>

#include "td-plan-window.h"
#include "td-rule-marks.h"

typedef struct
{
  char      **fields;
  GtkWidget  *widget;     /* owned by the editor, which drops the marks first */
  const char *added;      /* the class this object put on the widget, or NULL */
  gboolean    tooltip;    /* whether this object set the tooltip */
} Mark;

struct _TdRuleMarks
{
  GObject    parent_instance;

  GArray    *marks;       /* of Mark */
  GtkBox    *box;
  TdRules   *rules;
  char      *conference;
};

G_DEFINE_FINAL_TYPE (TdRuleMarks, td_rule_marks, G_TYPE_OBJECT)

static const char *
severity_icon (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case TD_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case TD_SEVERITY_INFO:    return "dialog-information-symbolic";
    case TD_SEVERITY_NONE:
    default:                  return NULL;
    }
}

static const char *
severity_class (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return "severity-error";
    case TD_SEVERITY_WARNING: return "severity-warning";
    case TD_SEVERITY_INFO:    return "severity-info";
    case TD_SEVERITY_NONE:
    default:                  return NULL;
    }
}

static GtkWidget *
severity_image (TdSeverity severity)
{
  GtkWidget *image = gtk_image_new_from_icon_name (severity_icon (severity));

  gtk_widget_add_css_class (image, severity_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  td_severity_label (severity), -1);
  return image;
}

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_strfreev (mark->fields);
}

static void
update_mark (Mark      *mark,
             GPtrArray *violations)
{
  g_autoptr(GString) tip = g_string_new (NULL);
  TdSeverity worst = TD_SEVERITY_NONE;
  const char *wanted;

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (v->field == NULL || !g_strv_contains ((const char * const *) mark->fields, v->field))
        continue;
      worst = MAX (worst, v->severity);
      if (tip->len > 0)
        g_string_append_c (tip, '\n');
      g_string_append (tip, v->message);
    }

  /* Information is listed, not marked: nothing needs fixing. */
  wanted = worst == TD_SEVERITY_ERROR ? "error" : worst == TD_SEVERITY_WARNING ? "warning" : NULL;
  if (mark->added != NULL && g_strcmp0 (mark->added, wanted) != 0)
    gtk_widget_remove_css_class (mark->widget, mark->added);
  if (wanted != NULL)
    gtk_widget_add_css_class (mark->widget, wanted);
  mark->added = wanted;

  if (GTK_IS_IMAGE (mark->widget))
    {
      /* A marker of its own: shown only with something to say. */
      gtk_widget_set_visible (mark->widget, tip->len > 0);
      if (tip->len > 0)
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (mark->widget), severity_icon (worst));
          gtk_accessible_update_property (GTK_ACCESSIBLE (mark->widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          td_severity_label (worst), -1);
        }
    }
  if (tip->len > 0)
    {
      gtk_widget_set_tooltip_text (mark->widget, tip->str);
      mark->tooltip = TRUE;
    }
  else if (mark->tooltip)
    {
      gtk_widget_set_tooltip_text (mark->widget, NULL);
      mark->tooltip = FALSE;
    }
}

static void
fill_box (TdRuleMarks *self,
          GPtrArray   *violations)
{
  GtkWidget *child;

  if (self->box == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = severity_image (v->severity);
      GtkWidget *rule = gtk_label_new (v->rule);
      GtkWidget *message = gtk_label_new (v->message);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_valign (rule, GTK_ALIGN_START);
      gtk_widget_add_css_class (rule, "dim-label");
      gtk_widget_add_css_class (rule, "caption");
      gtk_label_set_xalign (GTK_LABEL (message), 0);
      gtk_label_set_wrap (GTK_LABEL (message), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (message), GTK_NATURAL_WRAP_NONE);
      gtk_widget_set_hexpand (message, TRUE);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), message);
      gtk_box_append (GTK_BOX (line), rule);
      gtk_box_append (self->box, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->box), violations->len > 0);
}

static void
update (TdRuleMarks *self)
{
  g_autoptr(GPtrArray) violations = NULL;

  if (self->rules != NULL && self->conference != NULL)
    violations = td_rules_get_violations (self->rules, self->conference);
  else
    violations = g_ptr_array_new ();

  for (guint i = 0; i < self->marks->len; i++)
    update_mark (&g_array_index (self->marks, Mark, i), violations);
  fill_box (self, violations);
}

static void
rules_changed_cb (TdRules      *rules,
                  const char  **conference_ids,
                  TdRuleMarks  *self)
{
  if (self->conference == NULL || conference_ids == NULL
      || !g_strv_contains (conference_ids, self->conference))
    return;
  update (self);
}

void
td_rule_marks_add_field (TdRuleMarks *self,
                         GtkWidget   *widget,
                         const char  *field,
                         ...)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  Mark mark = { 0 };
  va_list args;

  g_return_if_fail (TD_IS_RULE_MARKS (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (field != NULL);

  va_start (args, field);
  for (const char *f = field; f != NULL; f = va_arg (args, const char *))
    g_strv_builder_add (fields, f);
  va_end (args);
  mark.fields = g_strv_builder_end (fields);
  mark.widget = widget;
  if (GTK_IS_IMAGE (widget))
    gtk_widget_set_visible (widget, FALSE);
  g_array_append_val (self->marks, mark);
}

void
td_rule_marks_set_message_box (TdRuleMarks *self,
                               GtkBox      *box)
{
  g_return_if_fail (TD_IS_RULE_MARKS (self));

  self->box = box;
  if (box != NULL)
    gtk_widget_set_visible (GTK_WIDGET (box), FALSE);
}

void
td_rule_marks_set_conference (TdRuleMarks *self,
                              TdRules     *rules,
                              const char  *conference_id)
{
  g_return_if_fail (TD_IS_RULE_MARKS (self));
  g_return_if_fail (rules == NULL || TD_IS_RULES (rules));

  if (self->rules != rules)
    {
      if (self->rules != NULL)
        g_signal_handlers_disconnect_by_data (self->rules, self);
      g_set_object (&self->rules, rules);
      if (rules != NULL)
        g_signal_connect (rules, "changed", G_CALLBACK (rules_changed_cb), self);
    }
  if (g_strcmp0 (self->conference, conference_id) != 0)
    {
      g_free (self->conference);
      self->conference = g_strdup (conference_id);
    }
  update (self);
}

TdRules *
td_rule_marks_find_rules (GtkWidget *widget)
{
  GtkWidget *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  window = gtk_widget_get_ancestor (widget, TD_TYPE_PLAN_WINDOW);
  return window != NULL ? td_plan_window_get_rules (TD_PLAN_WINDOW (window)) : NULL;
}

TdRuleMarks *
td_rule_marks_new (void)
{
  return g_object_new (TD_TYPE_RULE_MARKS, NULL);
}

static void
td_rule_marks_dispose (GObject *object)
{
  TdRuleMarks *self = TD_RULE_MARKS (object);

  if (self->rules != NULL)
    g_signal_handlers_disconnect_by_data (self->rules, self);
  g_clear_object (&self->rules);
  G_OBJECT_CLASS (td_rule_marks_parent_class)->dispose (object);
}

static void
td_rule_marks_finalize (GObject *object)
{
  TdRuleMarks *self = TD_RULE_MARKS (object);

  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->conference);
  G_OBJECT_CLASS (td_rule_marks_parent_class)->finalize (object);
}

static void
td_rule_marks_class_init (TdRuleMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_rule_marks_dispose;
  object_class->finalize = td_rule_marks_finalize;
}

static void
td_rule_marks_init (TdRuleMarks *self)
{
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
}

/* The unit tree */

static const char *
unit_icon_cb (TdUnit   *unit,
              char    **tooltip,
              gpointer  user_data)
{
  TdRules *rules = user_data;
  TdConference *conf = td_plan_get_unit_conference (td_rules_get_plan (rules), unit->id);
  TdSeverity worst = conf != NULL ? td_rules_get_worst_severity (rules, conf->id) : TD_SEVERITY_NONE;
  g_autoptr(GPtrArray) own = td_rules_get_unit_violations (rules, unit->id);

  worst = MAX (worst, td_violations_get_worst (own));
  if (worst == TD_SEVERITY_NONE)
    return NULL;
  /* Also the icon's accessible name (the units page names the icon by its tooltip). */
  *tooltip = g_strdup (td_severity_label (worst));
  return severity_icon (worst);
}

static gboolean
refresh_icons_cb (gpointer data)
{
  TdUnitsPage *page = data;

  g_object_set_data (G_OBJECT (page), "td-rule-marks-idle", NULL);
  td_units_page_refresh_icons (page);
  return G_SOURCE_REMOVE;
}

/* One refresh for all that one edit changes (a full re-check splices block after block). */
static void
schedule_refresh (TdUnitsPage *page)
{
  if (g_object_get_data (G_OBJECT (page), "td-rule-marks-idle") != NULL)
    return;
  g_object_set_data (G_OBJECT (page), "td-rule-marks-idle", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_icons_cb, g_object_ref (page), g_object_unref);
}

void
td_rule_marks_attach_units_page (TdUnitsPage *page,
                                 TdRules     *rules)
{
  g_return_if_fail (TD_IS_UNITS_PAGE (page));
  g_return_if_fail (rules == NULL || TD_IS_RULES (rules));

  if (rules == NULL)
    {
      td_units_page_set_icon_func (page, NULL, NULL, NULL);
      return;
    }
  td_units_page_set_icon_func (page, unit_icon_cb, g_object_ref (rules), g_object_unref);
  /* The model also covers a unit's own problems (R-PILOT), which change without ::changed. */
  g_signal_connect_object (td_rules_get_model (rules), "items-changed",
                           G_CALLBACK (schedule_refresh), page, G_CONNECT_SWAPPED);
}
