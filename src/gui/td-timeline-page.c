/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-timeline-page"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "td-plan-window.h"
#include "td-timeline.h"
#include "td-timeline-page.h"

#define LEGEND_ROW_HEIGHT 24.0

struct _TdTimelinePage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  TdTimelineView *view;
  GtkWidget      *legend;

  TdPlan         *plan;
  TdRules        *rules;
  GSimpleAction  *zoom_action;
  GSimpleAction  *export_action;
  gulong          dark_handler;
};

G_DEFINE_FINAL_TYPE (TdTimelinePage, td_timeline_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char * const zoom_names[] = { "plan", "quarter", "month", "custom" };

TdTimelineView *
td_timeline_page_get_view (TdTimelinePage *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_PAGE (self), NULL);
  return self->view;
}

/* Empty state and legend */

static void
update_state (TdTimelinePage *self)
{
  TdDate first, last;
  gboolean has_dates = self->plan != NULL && td_timeline_plan_range (self->plan, &first, &last);

  gtk_stack_set_visible_child_name (self->stack, has_dates ? "timeline" : "empty");
  g_simple_action_set_enabled (self->export_action, has_dates);
  gtk_widget_queue_draw (self->legend);
}

static void
legend_style (TdTimelinePage  *self,
              TdTimelineStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    td_timeline_style_init_dark (style);
  else
    td_timeline_style_init_light (style);
  style->font_family = pango_font_description_get_family (
    pango_context_get_font_description (gtk_widget_get_pango_context (self->legend)));
}

static TdTimelineLegendFlags
legend_flags (TdTimelinePage *self)
{
  TdTimelineLayout *layout = td_timeline_view_get_layout (self->view);
  TdTimelineLegendFlags flags = 0;
  double x;

  if (self->rules != NULL)
    flags |= TD_TIMELINE_LEGEND_SEVERITIES;
  if (layout != NULL && td_timeline_layout_get_today_x (layout, &x))
    flags |= TD_TIMELINE_LEGEND_TODAY;
  return flags;
}

static gboolean
legend_fit_cb (gpointer data)
{
  TdTimelinePage *self = data;
  int width = gtk_widget_get_width (self->legend);
  cairo_surface_t *surface;
  cairo_t *cr;
  TdTimelineStyle style;
  double height;

  if (width <= 0)
    return G_SOURCE_REMOVE;
  /* The legend flows onto more lines in a narrow window: measure it where it is drawn. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  legend_style (self, &style);
  height = td_timeline_draw_legend (cr, 0, 0, width, LEGEND_ROW_HEIGHT, &style, FALSE, legend_flags (self));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if ((int) ceil (height) != gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->legend)))
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend), (int) ceil (height));
  return G_SOURCE_REMOVE;
}

static void
legend_resize_cb (GtkDrawingArea *area,
                  int             width,
                  int             height,
                  TdTimelinePage *self)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, legend_fit_cb, g_object_ref (self), g_object_unref);
}

static void
legend_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  TdTimelinePage *self = TD_TIMELINE_PAGE (user_data);
  TdTimelineStyle style;

  legend_style (self, &style);
  td_timeline_draw_legend (cr, 0, 0, width, LEGEND_ROW_HEIGHT, &style, FALSE, legend_flags (self));
}

/* Zoom */

static void
zoom_notify_cb (TdTimelinePage *self)
{
  TdTimelineViewZoom zoom = td_timeline_view_get_zoom (self->view);

  g_simple_action_set_state (self->zoom_action, g_variant_new_string (zoom_names[zoom]));
}

static void
zoom_change_state_cb (GSimpleAction  *action,
                      GVariant       *value,
                      TdTimelinePage *self)
{
  const char *name = g_variant_get_string (value, NULL);

  for (guint i = 0; i < TD_TIMELINE_VIEW_ZOOM_CUSTOM; i++)
    if (g_str_equal (name, zoom_names[i]))
      {
        td_timeline_view_set_zoom (self->view, i);
        g_simple_action_set_state (action, value);
        gtk_widget_grab_focus (GTK_WIDGET (self->view));
        return;
      }
}

/* Export */

typedef struct
{
  char       *json;
  gsize       length;
  char       *path;
  GHashTable *collapsed;
  TdDate      today;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->json);
  g_free (data->path);
  g_clear_pointer (&data->collapsed, g_hash_table_unref);
  g_free (data);
}

/* The plan is written from a copy: the worker thread never reads the model the interface
 * keeps editing. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_from_json_data (data->json, data->length, &error);
  TdTimelinePdfOptions options = { NULL, NULL, data->today, data->collapsed };

  if (plan == NULL || !td_timeline_write_pdf_with_options (plan, data->path, &options, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdTimelinePage *self = TD_TIMELINE_PAGE (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TD_TYPE_PLAN_WINDOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_path_get_basename (data->path);
      message = g_strdup_printf (_("Exported the timeline as “%s”"), name);
    }
  else
    message = g_strdup_printf (_("Could not export the timeline: %s"), error->message);
  g_simple_action_set_enabled (self->export_action, self->plan != NULL);
  if (window != NULL)
    td_plan_window_toast (TD_PLAN_WINDOW (window), message);
  else
    g_message ("%s", message);
}

void
td_timeline_page_export (TdTimelinePage *self,
                         const char     *path)
{
  ExportData *data;
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TD_IS_TIMELINE_PAGE (self));
  g_return_if_fail (path != NULL);
  if (self->plan == NULL)
    return;
  data = g_new0 (ExportData, 1);

  data->json = td_plan_to_json_data (self->plan, &data->length);
  data->path = g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF")
               ? g_strdup (path) : g_strconcat (path, ".pdf", NULL);
  data->today = self->rules ? td_rules_get_today (self->rules) : td_rules_today ();
  data->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, td_timeline_view_get_collapsed (self->view));
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (data->collapsed, g_strdup (key));

  g_simple_action_set_enabled (self->export_action, FALSE);
  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, td_timeline_page_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    TdTimelinePage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        td_timeline_page_export (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_activate_cb (GSimpleAction  *action,
                    GVariant       *param,
                    TdTimelinePage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TD_TYPE_PLAN_WINDOW);
  GFile *plan_file = window ? td_plan_window_get_file (TD_PLAN_WINDOW (window)) : NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export the Timeline"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  base = plan_file ? g_file_get_basename (plan_file) : g_strdup ("plan");
  if (g_str_has_suffix (base, ".thidua"))
    base[strlen (base) - strlen (".thidua")] = '\0';
  /* TRANSLATORS: the file name suggested for the exported timeline; %s is the plan's name */
  name = g_strdup_printf (_("%s - timeline.pdf"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Plan */

void
td_timeline_page_set_plan (TdTimelinePage *self,
                           TdPlan         *plan)
{
  GtkWidget *window;

  g_return_if_fail (TD_IS_TIMELINE_PAGE (self));

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  /* The window's shared rules engine, made for this plan before the pages get it. */
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), TD_TYPE_PLAN_WINDOW);
  g_clear_object (&self->rules);
  if (plan != NULL && window != NULL && td_plan_window_get_plan (TD_PLAN_WINDOW (window)) == plan)
    g_set_object (&self->rules, td_plan_window_get_rules (TD_PLAN_WINDOW (window)));
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changes", G_CALLBACK (update_state), self);
  td_timeline_view_set_plan (self->view, plan, self->rules);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
td_timeline_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      td_timeline_page_set_plan (TD_TIMELINE_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_timeline_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, TD_TIMELINE_PAGE (object)->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_timeline_page_dispose (GObject *object)
{
  TdTimelinePage *self = TD_TIMELINE_PAGE (object);

  if (self->dark_handler != 0)
    {
      g_signal_handler_disconnect (adw_style_manager_get_default (), self->dark_handler);
      self->dark_handler = 0;
    }
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  /* AdwBin holds the template's root as its child: take it out first, or the template and
   * AdwBin's own dispose would both unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_TIMELINE_PAGE);
  g_clear_object (&self->plan);
  g_clear_object (&self->rules);
  g_clear_object (&self->zoom_action);
  g_clear_object (&self->export_action);
  G_OBJECT_CLASS (td_timeline_page_parent_class)->dispose (object);
}

static void
td_timeline_page_class_init (TdTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_timeline_page_dispose;
  object_class->set_property = td_timeline_page_set_property;
  object_class->get_property = td_timeline_page_get_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_TIMELINE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdTimelinePage, view);
  gtk_widget_class_bind_template_child (widget_class, TdTimelinePage, legend);
}

static void
td_timeline_page_init (TdTimelinePage *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom_action = g_simple_action_new_stateful ("zoom", G_VARIANT_TYPE_STRING, g_variant_new_string ("plan"));
  g_signal_connect (self->zoom_action, "change-state", G_CALLBACK (zoom_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->zoom_action));
  self->export_action = g_simple_action_new ("export", NULL);
  g_signal_connect (self->export_action, "activate", G_CALLBACK (export_activate_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->export_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "timeline", G_ACTION_GROUP (group));

  g_signal_connect_swapped (self->view, "notify::zoom", G_CALLBACK (zoom_notify_cb), self);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend), legend_draw_cb, self, NULL);
  g_signal_connect (self->legend, "resize", G_CALLBACK (legend_resize_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Diamond: error. Triangle: warning. Circle: no problem. Ring: pilot conference. "
                                    "Tick before a conference: its documents are due. Flag: milestone. Star: commemoration. "
                                    "Vertical line: today."),
                                  -1);
  self->dark_handler = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (gtk_widget_queue_draw), self->legend);
  update_state (self);
}
