/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the Export dialog on a copy of the sample plan, for screenshots:
 *   export-demo [--kind invitations|agenda|delegates|plan|timeline] [--conference ID]
 *               [--page N] [--zoom Z] [--export] [--many N] [--size WxH]
 * --export starts an export into the temporary folder (to see the progress bar).
 * The copy lives in a temporary folder removed on exit. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui-util.h"
#include "td-export-dialog.h"

static char *kind_name = NULL;
static char *conference = NULL;
static char *size = NULL;
static int page = 0;
static double zoom = 0;
static gboolean do_export = FALSE;
static int many = 0;

static TdExportDialog *dialog = NULL;
static TdExportKind kind = TD_EXPORT_INVITATIONS;

static gboolean
after_build_cb (gpointer data)
{
  GuiFixture *f = data;
  TdPdfPreview *preview;

  if (dialog == NULL || td_export_dialog_is_building (dialog))
    return G_SOURCE_CONTINUE;
  preview = td_export_dialog_get_preview (dialog);
  if (page > 0)
    td_pdf_preview_set_page (preview, page - 1);
  if (zoom > 0)
    td_pdf_preview_set_zoom (preview, zoom);
  if (do_export)
    {
      g_autofree char *path = g_build_filename (f->dir, "demo.pdf", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      td_export_dialog_export_to_file (dialog, file);
    }
  return G_SOURCE_REMOVE;
}

static int width = 0, height = 0;

static gboolean
present_cb (gpointer data)
{
  GuiFixture *f = data;

  if (many > 0)
    {
      TdConference *c = td_plan_get_conference (f->plan, conference != NULL ? conference : "c-gd-tt-go-dau");
      guint n_people = g_list_model_get_n_items (G_LIST_MODEL (f->plan->people));

      td_plan_begin (f->plan, "Many delegates");
      td_plan_touch (f->plan, c);
      td_conference_clear_delegates (c);
      for (int i = 0; i < many; i++)
        {
          g_autoptr(TdPerson) person = g_list_model_get_item (G_LIST_MODEL (f->plan->people), i % n_people);
          td_conference_add_delegate (c, person->id, TD_ROLE_DELEGATE, NULL);
        }
      td_plan_commit (f->plan);
    }
  dialog = td_export_dialog_new (f->window, conference != NULL ? conference : "c-gd-tt-go-dau", kind);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, "Document kind", "KIND" },
    { "conference", 0, 0, G_OPTION_ARG_STRING, &conference, "Conference id", "ID" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "Page to show (1-based)", "N" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom, "Zoom (1.0 = 100 %)", "Z" },
    { "export", 0, 0, G_OPTION_ARG_NONE, &do_export, "Start an export", NULL },
    { "many", 0, 0, G_OPTION_ARG_INT, &many, "Give the conference N delegates first", "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Dialog size", "WxH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GuiFixture f = { 0 };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, td_application_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_strcmp0 (kind_name, "timeline") == 0)
    kind = TD_EXPORT_DIALOG_TIMELINE;
  else if (kind_name != NULL && !td_export_kind_from_string (kind_name, &kind))
    {
      g_printerr ("Unknown kind %s\n", kind_name);
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    return 2;
  gtk_init ();
  adw_init ();
  gui_fixture_open (&f, 1280, 800);
  /* Shown after the window is on screen, so that it is on top without a window manager. */
  g_timeout_add (500, present_cb, &f);
  g_timeout_add (600, after_build_cb, &f);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  gui_fixture_close (&f);
  return 0;
}
