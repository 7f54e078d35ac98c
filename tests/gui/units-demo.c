/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows the Units & Conferences page of a copy of the sample plan, for screenshots:
 *   units-demo [--conference ID | --unit ID] [--search TEXT] [--size WxH] [--expand N] [--delete]
 * The copy lives in a temporary folder removed on exit. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui-util.h"
#include "td-units-page.h"

static char *conference = NULL;
static char *unit = NULL;
static char *search = NULL;
static char *size = NULL;
static int expand = -1;
static gboolean delete = FALSE;
static int scroll = 0;
static char *action = NULL;

static gboolean
scroll_cb (gpointer data)
{
  GtkWidget *editor = gui_find_named (GTK_WIDGET (data), "conference-venue");
  GtkWidget *scrolled = editor ? gtk_widget_get_ancestor (editor, GTK_TYPE_SCROLLED_WINDOW) : NULL;

  if (scrolled != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), scroll);
  return G_SOURCE_REMOVE;
}

static gboolean
setup_cb (gpointer data)
{
  GuiFixture *f = data;
  TdUnitsPage *page = TD_UNITS_PAGE (gui_find_type (GTK_WIDGET (f->window), TD_TYPE_UNITS_PAGE));

  gint64 t0 = g_get_monotonic_time ();
  td_plan_window_show_page (f->window, "units");
  if (conference != NULL)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-conference", "s", conference);
  else if (unit != NULL)
    td_units_page_select_unit (page, unit);
  if (search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (gui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)), search);
  if (expand >= 0)
    {
      GtkListBox *list = GTK_LIST_BOX (gui_find_named (GTK_WIDGET (page), "agenda-list"));
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, expand);

      if (row != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  if (scroll > 0)
    g_timeout_add (1000, scroll_cb, page);
  if (delete)
    gtk_widget_activate_action (GTK_WIDGET (page), "units.delete", NULL);
  if (action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);
  if (g_getenv ("TD_DEMO_DEBUG"))
    g_printerr ("setup took %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  return G_SOURCE_REMOVE;
}

static gboolean
report_cb (gpointer data)
{
  GuiFixture *f = data;
  AdwViewStack *stack = ADW_VIEW_STACK (gui_find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  g_printerr ("%.3f visible: %s\n", g_get_monotonic_time () / 1e6, adw_view_stack_get_visible_child_name (stack));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "conference", 0, 0, G_OPTION_ARG_STRING, &conference, "Conference to show", "ID" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, "Unit to show", "ID" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Text in the search entry", "TEXT" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
    { "expand", 0, 0, G_OPTION_ARG_INT, &expand, "Agenda row to open", "N" },
    { "delete", 0, 0, G_OPTION_ARG_NONE, &delete, "Ask to delete the unit", NULL },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action, "A page action to activate (units.move…)", "NAME" },
    { "scroll", 0, 0, G_OPTION_ARG_INT, &scroll, "Scroll the editors down by this many pixels", "PX" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GuiFixture f = { 0 };
  int width = 1280, height = 800;

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
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    return 2;
  gtk_init ();
  adw_init ();
  gui_fixture_open (&f, width, height);
  gtk_window_maximize (GTK_WINDOW (f.window));
  g_timeout_add (300, setup_cb, &f);
  if (g_getenv ("TD_DEMO_DEBUG"))
    g_timeout_add (250, report_cb, &f);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  gui_fixture_close (&f);
  return 0;
}
