/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-error.h"
#include "td-export-dialog.h"
#include "td-plan-page.h"
#include "td-people-page.h"
#include "td-problems-page.h"
#include "td-units-page.h"
#include "td-timeline-page.h"
#include "td-plan-window.h"

struct _TdPlanWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *edit_buttons;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkListBox           *recent_list;
  GtkWidget            *recent_label;

  GFile                *file;
  TdPlan               *plan;
  TdStore              *store;
  TdRules              *rules;
  gulong                first_frame_handler;
};

G_DEFINE_FINAL_TYPE (TdPlanWindow, td_plan_window, ADW_TYPE_APPLICATION_WINDOW)

GFile *
td_plan_window_get_file (TdPlanWindow *self)
{
  g_return_val_if_fail (TD_IS_PLAN_WINDOW (self), NULL);
  return self->file;
}

TdPlan *
td_plan_window_get_plan (TdPlanWindow *self)
{
  g_return_val_if_fail (TD_IS_PLAN_WINDOW (self), NULL);
  return self->plan;
}

TdRules *
td_plan_window_get_rules (TdPlanWindow *self)
{
  g_return_val_if_fail (TD_IS_PLAN_WINDOW (self), NULL);
  return self->rules;
}

TdStore *
td_plan_window_get_store (TdPlanWindow *self)
{
  g_return_val_if_fail (TD_IS_PLAN_WINDOW (self), NULL);
  return self->store;
}

void
td_plan_window_toast (TdPlanWindow   *self,
                 const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (TdPlanWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_plan_window_show_page (TdPlanWindow   *self,
                     const char *name)
{
  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
set_page_plan (TdPlanWindow  *self,
               GtkWidget *page)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "plan") != NULL)
    g_object_set (page, "plan", self->plan, NULL);
}

void
td_plan_window_add_page (TdPlanWindow   *self,
                    GtkWidget  *page,
                    const char *name,
                    const char *title,
                    const char *icon_name)
{
  AdwViewStackPage *p = adw_view_stack_add_titled (self->view_stack, page, name, title);

  adw_view_stack_page_set_icon_name (p, icon_name);
  if (self->plan != NULL)
    set_page_plan (self, page);
}

/* Undo and redo */

static void
update_undo_actions (TdPlanWindow *self)
{
  gboolean can_undo = self->plan && td_plan_can_undo (self->plan);
  gboolean can_redo = self->plan && td_plan_can_redo (self->plan);
  const char *undo_label = self->plan ? td_plan_get_undo_label (self->plan) : NULL;
  const char *redo_label = self->plan ? td_plan_get_redo_label (self->plan) : NULL;
  g_autofree char *undo_tip = undo_label && *undo_label ? g_strdup_printf (_("Undo “%s”"), undo_label)
                                                        : g_strdup (_("Undo"));
  g_autofree char *redo_tip = redo_label && *redo_label ? g_strdup_printf (_("Redo “%s”"), redo_label)
                                                        : g_strdup (_("Redo"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

static void
undo_changed_cb (TdPlanWindow *self)
{
  update_undo_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (widget);

  if (self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  td_plan_undo (self->plan);
}

static void
redo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (widget);

  if (self->plan == NULL || td_plan_in_edit (self->plan))
    return;
  td_plan_redo (self->plan);
}

/* Saving copies */

static void
save_copy_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (user_data);
  gboolean as_json = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "as-json"));

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (!as_json && !g_str_has_suffix (path, ".thidua"))
        {
          char *with = g_strconcat (path, ".thidua", NULL);
          g_free (path);
          path = with;
        }
      else if (as_json && !g_str_has_suffix (path, ".json"))
        {
          char *with = g_strconcat (path, ".json", NULL);
          g_free (path);
          path = with;
        }
      /* The chooser already asked before replacing an existing file. */
      ok = as_json || self->store == NULL
             ? td_plan_save_file (self->plan, path, TRUE, &error)
             : (g_remove (path), td_store_save_copy (self->store, path, &error));
      if (ok)
        {
          g_autofree char *name = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved a copy as “%s”"), name);
          td_plan_window_toast (self, msg);
        }
      else
        show_message (self, _("Could Not Save the Copy"), error->message);
    }
  g_object_unref (dialog);
}

static void
save_copy_common (TdPlanWindow *self,
                  gboolean  as_json)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;

  dialog = gtk_file_chooser_native_new (as_json ? _("Export the Plan as JSON") : _("Save a Copy of the Plan"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, as_json ? _("Plans in JSON") : _("Plans"));
  gtk_file_filter_add_suffix (filter, as_json ? "json" : "thidua");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  base = self->file ? g_file_get_basename (self->file) : g_strdup ("plan.thidua");
  if (g_str_has_suffix (base, ".thidua"))
    base[strlen (base) - strlen (".thidua")] = '\0';
  name = g_strconcat (base, as_json ? ".json" : " (copy).thidua", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "as-json", GINT_TO_POINTER (as_json));
  g_signal_connect (dialog, "response", G_CALLBACK (save_copy_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  save_copy_common (TD_PLAN_WINDOW (widget), FALSE);
}

static void
export_json_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  save_copy_common (TD_PLAN_WINDOW (widget), TRUE);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  td_plan_window_show_page (TD_PLAN_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_conference_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->view_stack, "units");

  if (page == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  gtk_widget_activate_action_variant (page, "units.show-conference", param);
}

/* Export and print: the dialog opens on what the window shows (the timeline, the plan, or the
 * conference of the unit selected in the units page). */
static void
open_export_dialog (TdPlanWindow *self,
                    gboolean      print)
{
  const char *page_name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *units = adw_view_stack_get_child_by_name (self->view_stack, "units");
  TdExportKind kind = TD_EXPORT_PLAN;
  const char *conference_id = NULL;

  if (self->plan == NULL)
    return;
  if (g_strcmp0 (page_name, "timeline") == 0)
    kind = TD_EXPORT_DIALOG_TIMELINE;
  else if (g_strcmp0 (page_name, "plan") != 0 && units != NULL)
    {
      TdUnit *unit = td_units_page_get_selected_unit (TD_UNITS_PAGE (units));
      TdConference *conference = unit != NULL ? td_plan_get_unit_conference (self->plan, unit->id) : NULL;

      if (conference != NULL)
        {
          kind = TD_EXPORT_INVITATIONS;
          conference_id = conference->id;
        }
    }
  if (print)
    td_export_dialog_open_print (self, conference_id, kind);
  else
    td_export_dialog_open (self, conference_id, kind);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  open_export_dialog (TD_PLAN_WINDOW (widget), FALSE);
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  open_export_dialog (TD_PLAN_WINDOW (widget), TRUE);
}

static void
close_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Recent plans on the welcome page */

static void
update_recent (TdPlanWindow *self)
{
  GSettings *settings = td_application_get_settings (TD_APPLICATION (g_application_get_default ()));
  g_auto(GStrv) recent = settings ? g_settings_get_strv (settings, "recent-plans") : g_new0 (char *, 1);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;
      name = g_path_get_basename (recent[i]);
      if (g_str_has_suffix (name, ".thidua"))
        name[strlen (name) - strlen (".thidua")] = '\0';
      dir = g_path_get_dirname (recent[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (recent[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  gtk_widget_set_visible (self->recent_label, shown > 0);
}

/* Opening */

static void
store_error_cb (TdPlanWindow     *self,
                const GError *error)
{
  show_message (self, _("Could Not Save the Change"), error->message);
}

static void
set_plan (TdPlanWindow *self,
          GFile    *file,
          TdStore  *store,
          TdPlan   *plan)
{
  g_autofree char *name = NULL;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->file, file);
  g_set_object (&self->store, store);
  g_set_object (&self->plan, plan);
  /* One rules engine per plan, shared by every page; created before the pages get the plan. */
  g_clear_object (&self->rules);
  self->rules = td_rules_new (plan, td_rules_today ());

  g_signal_connect_swapped (plan, "notify::can-undo", G_CALLBACK (undo_changed_cb), self);
  g_signal_connect_swapped (plan, "notify::can-redo", G_CALLBACK (undo_changed_cb), self);
  g_signal_connect_swapped (plan, "changes", G_CALLBACK (undo_changed_cb), self);
  if (store != NULL)
    g_signal_connect_swapped (store, "error", G_CALLBACK (store_error_cb), self);

  {
    GtkSelectionModel *pages = adw_view_stack_get_pages (self->view_stack);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
        set_page_plan (self, adw_view_stack_page_get_child (page));
      }
    g_object_unref (pages);
  }

  name = g_file_get_basename (file);
  if (g_str_has_suffix (name, ".thidua"))
    name[strlen (name) - strlen (".thidua")] = '\0';
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_widget_set_visible (self->edit_buttons, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "plan");
  update_undo_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", TRUE);

  if (store != NULL && td_store_is_read_only (store))
    td_plan_window_toast (self, _("This plan file is read-only: changes will not be saved"));
}

/* A .json plan is imported into a new plan file beside the others; the JSON stays untouched. */
static GFile *
import_json (TdPlanWindow  *self,
             GFile     *file,
             GError   **error)
{
  g_autofree char *src = g_file_get_path (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *dir = td_application_dup_plans_dir ();
  g_autoptr(TdPlan) plan = td_plan_load_file (src, error);
  g_autofree char *path = NULL;

  if (plan == NULL)
    return NULL;
  if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - strlen (".json")] = '\0';
  g_mkdir_with_parents (dir, 0700);
  for (guint i = 1;; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s.thidua", base)
                                     : g_strdup_printf ("%s (%u).thidua", base, i);
      g_free (path);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;
    }
  if (!td_plan_save_file (plan, path, FALSE, error))
    return NULL;
  return g_file_new_for_path (path);
}

gboolean
td_plan_window_load_file (TdPlanWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (TD_IS_PLAN_WINDOW (self), FALSE);

  path = g_file_get_path (file);
  display = g_file_get_parse_name (file);
  if (path == NULL)
    {
      show_message (self, _("Could Not Open the Plan"), _("Only local files can be opened."));
      return FALSE;
    }

  if (g_str_has_suffix (path, ".json"))
    {
      target = import_json (self, file, &error);
      if (target == NULL)
        {
          g_autofree char *body = g_strdup_printf (_("“%s” could not be imported: %s"), display, error->message);
          show_message (self, _("Could Not Open the Plan"), body);
          return FALSE;
        }
      g_free (path);
      path = g_file_get_path (target);
    }
  else
    target = g_object_ref (file);

  store = td_store_open (path, &error);
  if (store != NULL)
    plan = td_store_load (store, &error);
  if (plan == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” could not be opened: %s"), display, error->message);
      show_message (self, _("Could Not Open the Plan"), body);
      return FALSE;
    }
  td_store_attach (store, plan);
  set_plan (self, target, store, plan);
  td_application_add_recent (TD_APPLICATION (g_application_get_default ()), path);
  return TRUE;
}

/* Window state */

static gboolean
td_plan_window_close_request (GtkWindow *window)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (window);
  GSettings *settings = td_application_get_settings (TD_APPLICATION (g_application_get_default ()));

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  /* Every edit is already in the file; closing only ends the session's undo history. */
  if (self->plan != NULL && td_plan_in_edit (self->plan))
    td_plan_commit (self->plan);

  return GTK_WINDOW_CLASS (td_plan_window_parent_class)->close_request (window);
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      TdPlanWindow      *self)
{
  g_signal_handler_disconnect (clock, self->first_frame_handler);
  self->first_frame_handler = 0;
  g_application_quit (g_application_get_default ());
}

static void
td_plan_window_map (GtkWidget *widget)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (widget);
  TdApplication *app = TD_APPLICATION (g_application_get_default ());

  GTK_WIDGET_CLASS (td_plan_window_parent_class)->map (widget);

  if (td_application_get_quit_after_first_frame (app) && self->first_frame_handler == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      self->first_frame_handler = g_signal_connect (clock, "after-paint",
                                                    G_CALLBACK (after_first_paint_cb), self);
    }
}

static void
td_plan_window_dispose (GObject *object)
{
  TdPlanWindow *self = TD_PLAN_WINDOW (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PLAN_WINDOW);
  g_clear_object (&self->rules);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (td_plan_window_parent_class)->dispose (object);
}

static void
td_plan_window_class_init (TdPlanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_plan_window_dispose;
  widget_class->map = td_plan_window_map;
  window_class->close_request = td_plan_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-plan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, edit_buttons);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TdPlanWindow, recent_label);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-conference", "s", show_conference_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "plan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "units");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "people");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "problems");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "timeline");

  g_type_ensure (TD_TYPE_PLAN_PAGE);
  g_type_ensure (TD_TYPE_UNITS_PAGE);
}

static void
td_plan_window_init (TdPlanWindow *self)
{
  GSettings *settings = td_application_get_settings (TD_APPLICATION (g_application_get_default ()));

  gtk_widget_init_template (GTK_WIDGET (self));

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);

  td_plan_window_add_page (self, g_object_new (TD_TYPE_PLAN_PAGE, NULL), "plan", _("Plan"),
                      "document-properties-symbolic");
  td_plan_window_add_page (self, g_object_new (TD_TYPE_UNITS_PAGE, NULL), "units", _("Units & Conferences"),
                      "view-list-symbolic");
  td_plan_window_add_page (self, g_object_new (TD_TYPE_PEOPLE_PAGE, NULL), "people", _("People"), "system-users-symbolic");
  td_plan_window_add_page (self, g_object_new (TD_TYPE_PROBLEMS_PAGE, NULL), "problems", _("Problems"), "dialog-warning-symbolic");
  td_plan_window_add_page (self, g_object_new (TD_TYPE_TIMELINE_PAGE, NULL), "timeline", _("Timeline"), "x-office-calendar-symbolic");

  update_recent (self);
  update_undo_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
}

TdPlanWindow *
td_plan_window_new (TdApplication *app)
{
  return g_object_new (TD_TYPE_PLAN_WINDOW, "application", app, NULL);
}
