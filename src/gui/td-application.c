/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-application.h"
#include "td-error.h"
#include "td-plan.h"
#include "td-store.h"
#include "td-plan-window.h"
#include "td-gui-resources.h"

#define MAX_RECENT 8

struct _TdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        quit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

const char *
td_application_locale_dir (void)
{
  static char *dir = NULL;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("THIDUA_LOCALEDIR");
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char *found;

      /* Uninstalled binaries live in the build tree and use the catalogues built beside them. */
      if (env != NULL && *env != '\0')
        found = g_strdup (env);
      else if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
        found = g_strdup (BUILD_LOCALEDIR);
      else
        found = g_strdup (LOCALEDIR);
      g_once_init_leave (&dir, found);
    }
  return dir;
}

char *
td_application_dup_plans_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "thidua", "plans", NULL);
}

GSettings *
td_application_get_settings (TdApplication *self)
{
  g_return_val_if_fail (TD_IS_APPLICATION (self), NULL);
  return self->settings;
}

static TdPlanWindow *
find_window_for (TdApplication *self,
                 GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (TD_IS_PLAN_WINDOW (l->data))
        {
          GFile *shown = td_plan_window_get_file (l->data);

          if (shown != NULL && g_file_equal (shown, file))
            return l->data;
        }
    }
  return NULL;
}

/* A window showing the welcome state, to reuse for opening a plan. */
static TdPlanWindow *
find_empty_window (TdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TD_IS_PLAN_WINDOW (l->data) && td_plan_window_get_file (l->data) == NULL)
      return l->data;
  return NULL;
}

void
td_application_add_recent (TdApplication *self,
                           const char    *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (self->settings == NULL || path == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-plans");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-plans", (const char * const *) recent);
  g_settings_set_string (self->settings, "last-plan", path);
}

void
td_application_open_plan (TdApplication *self,
                          GFile         *file)
{
  TdPlanWindow *window;

  g_return_if_fail (TD_IS_APPLICATION (self));

  window = find_window_for (self, file);
  if (window == NULL)
    {
      window = find_empty_window (self);
      if (window == NULL)
        window = td_plan_window_new (self);
      td_plan_window_load_file (window, file);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* A file name in the plans folder that does not exist yet: "Kế hoạch 1.thidua", … */
static char *
new_plan_path (const char *stem)
{
  g_autofree char *dir = td_application_dup_plans_dir ();

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 1;; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s.thidua", stem)
                                     : g_strdup_printf ("%s (%u).thidua", stem, i);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

static gboolean
create_plan_file (const char *path,
                  gboolean    from_template,
                  GError    **error)
{
  g_autoptr(TdPlan) plan = from_template ? td_plan_new_sample (error) : td_plan_new_empty ();

  if (plan == NULL)
    return FALSE;
  return td_plan_save_file (plan, path, FALSE, error);
}

static void
show_error (TdApplication *self,
            const char    *heading,
            const char    *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_application_new_plan (TdApplication *self,
                         gboolean       from_template)
{
  g_autofree char *path = new_plan_path (from_template ? _("Tây Ninh 2019 plan") : _("New plan"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (!create_plan_file (path, from_template, &error))
    {
      show_error (self, _("Could Not Create the Plan"), error->message);
      return;
    }
  file = g_file_new_for_path (path);
  td_application_open_plan (self, file);
}

/* --sample: the embedded sample, in a file of its own that later runs reopen. */
static void
open_sample (TdApplication *self)
{
  g_autofree char *dir = td_application_dup_plans_dir ();
  g_autofree char *path = g_build_filename (dir, "sample-tay-ninh-2019.thidua", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_plan_file (path, TRUE, &error))
    {
      g_autoptr(TdPlanWindow) unused = NULL;
      GtkWindow *window = GTK_WINDOW (td_plan_window_new (self));

      gtk_window_present (window);
      show_error (self, _("Could Not Open the Sample Plan"), error->message);
      return;
    }
  td_application_open_plan (self, file);
}

/* Actions */

static void
new_from_template_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  td_application_new_plan (TD_APPLICATION (user_data), TRUE);
}

static void
new_empty_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  td_application_new_plan (TD_APPLICATION (user_data), FALSE);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      td_application_open_plan (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *json = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Plan"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Plans"));
  gtk_file_filter_add_mime_type (filter, "application/x-thidua-plan");
  gtk_file_filter_add_suffix (filter, "thidua");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_filter_set_name (json, _("Plans in JSON"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  g_object_unref (filter);
  g_object_unref (json);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));
  td_application_open_plan (TD_APPLICATION (user_data), file);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (td_plan_window_new (TD_APPLICATION (user_data))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  /* Every edit is already saved: closing loses nothing. */
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "Thi Đua Planner contributors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Thi Đua Planner"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Thi Đua Planner contributors"),
                         "developers", developers,
                         "comments", _("Plan the advanced-model conferences at every level, choose their "
                                       "delegates under the structure rules, and print their documents."),
                         "website", "https://thidua.github.io",
                         "issue-url", "https://github.com/thidua/planner/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Open the Help"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The help viewer could not be started (%s). "
                                        "Install the “yelp” package to read the manual."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *page = param ? g_variant_get_string (param, NULL) : "";
  g_autofree char *uri = *page ? g_strdup_printf ("help:thidua/%s", page) : g_strdup ("help:thidua");

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, help_shown_cb, parent ? g_object_ref (parent) : NULL);
}

static const GActionEntry app_actions[] = {
  { "new-from-template", new_from_template_action },
  { "new-empty", new_empty_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
  { "help-page", help_action, "s" },
};

/* GApplication */

static void
td_application_activate (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (td_plan_window_new (self));
  gtk_window_present (window);
}

static void
td_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    td_application_open_plan (TD_APPLICATION (app), files[i]);
}

static int
td_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TdApplication *self = TD_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("thidua %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "quit-after-first-frame"))
    {
      /* For the start-up benchmark: one process, no remote instance. */
      self->quit_after_first_frame = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static int
td_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  TdApplication *self = TD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_auto(GStrv) files = NULL;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  if (g_variant_dict_contains (options, "sample"))
    open_sample (self);
  if (files != NULL)
    for (guint i = 0; files[i] != NULL; i++)
      {
        g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, files[i]);
        td_application_open_plan (self, file);
      }
  if (!g_variant_dict_contains (options, "sample") && files == NULL)
    g_application_activate (app);
  return 0;
}

static void
td_application_startup (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (td_application_parent_class)->startup (app);

  /* Without an installed schema the application still runs, without remembering anything. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_warning ("The settings schema %s is not installed: settings will not be kept", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-from-template", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
}

static void
td_application_dispose (GObject *object)
{
  TdApplication *self = TD_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (td_application_parent_class)->dispose (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = td_application_dispose;
  app_class->activate = td_application_activate;
  app_class->open = td_application_open;
  app_class->startup = td_application_startup;
  app_class->command_line = td_application_command_line;
  app_class->handle_local_options = td_application_handle_local_options;
}

static void
td_application_init (TdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "sample", 's', 0, G_OPTION_ARG_NONE, NULL, N_("Open the embedded sample plan (Tây Ninh 2019)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PLAN…]"));
}

gboolean
td_application_get_quit_after_first_frame (TdApplication *self)
{
  return self->quit_after_first_frame;
}

TdApplication *
td_application_new (void)
{
  /* A static library drops the resource's self-registering constructor: register it here. */
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (td_gui_get_resource ());
      g_once_init_leave (&registered, 1);
    }

  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/thidua/Planner",
                       NULL);
}
