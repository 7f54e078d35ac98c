/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-application.h"
#include "td-plan-window.h"
#include "td-store.h"

G_BEGIN_DECLS

/* A window on a fresh copy of the sample plan in a temporary folder. */
typedef struct
{
  char          *dir;
  char          *path;
  TdApplication *app;
  TdPlanWindow  *window;
  TdPlan        *plan;
} GuiFixture;

static inline void
gui_spin (void)
{
  /* Bounded: a widget that keeps animating must not hang the test. */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static inline GtkWidget *
gui_find_named (GtkWidget  *root,
                const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline GtkWidget *
gui_find_type (GtkWidget *root,
               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline TdApplication *
gui_application (void)
{
  static TdApplication *app = NULL;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = td_application_new ();
      /* No bus name: several test programs may run at once. */
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      if (!g_application_register (G_APPLICATION (app), NULL, &error))
        g_error ("Cannot register the application: %s", error->message);
    }
  return app;
}

static inline void
gui_fixture_open (GuiFixture *f,
                  int         width,
                  int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) sample = td_plan_new_sample (&error);
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thidua-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Tây Ninh 2019.thidua", NULL);
  g_assert_true (td_plan_save_file (sample, f->path, FALSE, &error));
  g_assert_no_error (error);

  f->app = gui_application ();
  f->window = td_plan_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  file = g_file_new_for_path (f->path);
  g_assert_true (td_plan_window_load_file (f->window, file));
  f->plan = g_object_ref (td_plan_window_get_plan (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
  gui_spin ();
}

static inline void
gui_fixture_close (GuiFixture *f)
{
  /* The store is closed first: finalized while the plan lives on (here the fixture holds it),
   * td_store_close() disconnects a handler that g_signal_connect_object() already dropped. */
  if (f->window != NULL && td_plan_window_get_store (f->window) != NULL)
    td_store_close (td_plan_window_get_store (f->window));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  gui_spin ();
  g_clear_object (&f->plan);
  if (f->path != NULL)
    {
      g_unlink (f->path);
      /* SQLite's side files, if any are left. */
      for (const char *const *s = (const char *const[]) { "-wal", "-shm", "-journal", NULL }; *s; s++)
        {
          g_autofree char *side = g_strconcat (f->path, *s, NULL);
          g_unlink (side);
        }
    }
  if (f->dir != NULL)
    g_rmdir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

G_END_DECLS
