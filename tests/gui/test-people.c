/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The People page and the Import People dialog in a real window: a VNI file imported through the
 * dialog's widgets is found by searching without accents; cancel leaves nothing; filters, the
 * editor, delete and undo. Run under Xvfb + D-Bus (gotchas.md). */
#include "config.h"

#include <locale.h>

#include "gui-util.h"
#include "td-csv.h"
#include "td-import-dialog.h"
#include "td-people-page.h"
#include "td-person-editor.h"

static TdPeoplePage *
people_page (GuiFixture *f)
{
  GtkWidget *page = gui_find_type (GTK_WIDGET (f->window), TD_TYPE_PEOPLE_PAGE);

  g_assert_nonnull (page);
  td_plan_window_show_page (f->window, "people");
  gui_spin ();
  return TD_PEOPLE_PAGE (page);
}

static GBytes *
sample_csv (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TD_TEST_FILES"), "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
finished_cb (TdImportDialog *dialog,
             gboolean        ok,
             guint           n,
             guint           n_dup,
             int            *result)
{
  result[0] = 1;
  result[1] = ok;
  result[2] = n;
}

static void
wait_finished (int *result)
{
  for (guint i = 0; i < 20000 && result[0] == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result[0], ==, 1);
}

/* The names in the list the page shows, one per line. */
static char *
shown_names (TdPeoplePage *page)
{
  GListModel *model = td_people_page_get_model (page);
  GString *s = g_string_new (NULL);

  td_people_page_settle (page);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (model, i);
      g_autofree char *name = td_person_dup_full_name (p);

      g_string_append_printf (s, "%s\n", name);
    }
  return g_string_free (s, FALSE);
}

static GtkWidget *
preview_dropdown (TdImportDialog *dialog,
                  guint           column)
{
  GtkWidget *grid = gui_find_type (GTK_WIDGET (dialog), GTK_TYPE_GRID);

  g_assert_nonnull (grid);
  return gtk_grid_get_child_at (GTK_GRID (grid), column, 0);
}

static void
test_import_and_search (void)
{
  GuiFixture f = { 0 };
  TdPeoplePage *page;
  TdImportDialog *dialog;
  g_autoptr(GBytes) bytes = sample_csv ("people-vni.csv");
  g_autofree char *names = NULL;
  g_autofree char *cp1258_cell = NULL;
  GtkWidget *unit_column;
  guint n0;
  int result[3] = { 0 };

  gui_fixture_open (&f, 1280, 800);
  page = people_page (&f);
  n0 = g_list_model_get_n_items (G_LIST_MODEL (f.plan->people));
  g_assert_cmpuint (g_list_model_get_n_items (td_people_page_get_model (page)), ==, n0);

  dialog = td_people_page_open_import (page);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), result);
  g_assert_true (td_import_dialog_load_bytes (dialog, bytes, "people-vni.csv"));
  gui_spin ();
  /* Detected as VNI, decoded in the preview. */
  g_assert_cmpint (td_import_dialog_get_encoding (dialog), ==, TD_ENCODING_VNI);
  g_assert_cmpstr (td_import_dialog_get_preview_cell (dialog, 0, 0), ==, "Nguyễn Thị Ánh Tuyết");
  g_assert_cmpstr (td_import_dialog_get_preview_cell (dialog, 2, 0), ==, "Lê Thị Hoà");
  /* Another encoding picked in the encoding row: the preview shows what it would import. */
  g_assert_true (td_import_dialog_set_encoding (dialog, TD_ENCODING_CP1258));
  gui_spin ();
  g_assert_cmpint (td_import_dialog_get_encoding (dialog), ==, TD_ENCODING_CP1258);
  cp1258_cell = g_strdup (td_import_dialog_get_preview_cell (dialog, 0, 0));
  g_assert_cmpstr (cp1258_cell, !=, "Nguyễn Thị Ánh Tuyết");
  g_assert_true (td_import_dialog_set_encoding (dialog, TD_ENCODING_VNI));
  gui_spin ();
  g_assert_cmpstr (td_import_dialog_get_preview_cell (dialog, 0, 0), ==, "Nguyễn Thị Ánh Tuyết");

  /* The file names units the sample plan lacks: the unit column is ignored through its
   * drop-down, and every row goes to the target unit. */
  unit_column = preview_dropdown (dialog, 5);
  g_assert_true (GTK_IS_DROP_DOWN (unit_column));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (unit_column)), ==, 1 + TD_CSV_FIELD_UNIT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit_column), 0);
  td_import_dialog_set_target_unit (dialog, "go-dau");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait_finished (result);
  g_assert_true (result[1]);
  g_assert_cmpint (result[2], ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n0 + 6);

  /* Found without accents, in official order, old and new tone placement alike. */
  td_people_page_set_search (page, "nguyen thi anh");
  names = shown_names (page);
  g_assert_nonnull (strstr (names, "Nguyễn Thị Ánh Tuyết\n"));
  g_assert_null (strstr (names, "Trần Văn Đông"));
  g_clear_pointer (&names, g_free);
  td_people_page_set_search (page, "le thi hoa");
  names = shown_names (page);
  g_assert_nonnull (strstr (names, "Lê Thị Hoà\n"));
  g_clear_pointer (&names, g_free);
  td_people_page_set_search (page, "DANG THI THU HUONG");
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "Đặng Thị Thu Hường\n");
  g_clear_pointer (&names, g_free);

  /* One undo takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  gui_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n0);
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "");

  gui_fixture_close (&f);
}

static void
test_cancel (void)
{
  GuiFixture f = { 0 };
  TdPeoplePage *page;
  TdImportDialog *dialog;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GString *csv = g_string_new ("Họ và tên,Năm sinh,Đơn vị\n");
  int result[3] = { 0 };

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (csv, "Nguyễn Văn Số%u,%u,go-dau\n", i, 1950 + i % 50);
  bytes = g_string_free_to_bytes (csv);

  gui_fixture_open (&f, 1280, 800);
  page = people_page (&f);
  before = td_plan_to_json_data (f.plan, NULL);
  dialog = td_people_page_open_import (page);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), result);
  g_assert_true (td_import_dialog_load_bytes (dialog, bytes, "many.csv"));
  td_import_dialog_start (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  wait_finished (result);
  g_assert_false (result[1]);
  after = td_plan_to_json_data (f.plan, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (td_plan_can_undo (f.plan));
  /* The dialog stays open after a cancel, ready for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_fixture_close (&f);
}

static void
test_filters (void)
{
  GuiFixture f = { 0 };
  TdPeoplePage *page;
  GtkWidget *unit_dropdown, *leader_dropdown;
  GListModel *model;
  guint n_all, n_unit = 0, n_leaders = 0;

  gui_fixture_open (&f, 1280, 800);
  page = people_page (&f);
  model = td_people_page_get_model (page);
  td_people_page_settle (page);
  n_all = g_list_model_get_n_items (model);

  /* The drop-downs of the page, in the order of the toolbar. */
  unit_dropdown = gui_find_type (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  leader_dropdown = gtk_widget_get_next_sibling (unit_dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (unit_dropdown))); i++)
    {
      GtkStringList *units = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (unit_dropdown)));
      g_autofree char *name = g_strstrip (g_strdup (gtk_string_list_get_string (units, i)));

      if (strcmp (name, "Huyện Gò Dầu") == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (unit_dropdown), i);
    }
  td_people_page_settle (page);
  n_unit = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_unit, >, 0);
  g_assert_cmpuint (n_unit, <, n_all);
  for (guint i = 0; i < n_unit; i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (model, i);
      g_assert_true (td_plan_unit_is_within (f.plan, p->unit, "go-dau"));
    }
  /* Units below Gò Dầu count (its communes). */
  {
    gboolean below = FALSE;
    for (guint i = 0; i < n_unit; i++)
      {
        g_autoptr(TdPerson) p = g_list_model_get_item (model, i);
        below |= g_strcmp0 (p->unit, "go-dau") != 0;
      }
    g_assert_true (below);
  }

  gtk_drop_down_set_selected (GTK_DROP_DOWN (leader_dropdown), 1);
  td_people_page_settle (page);
  n_leaders = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_leaders, <, n_unit);
  for (guint i = 0; i < n_leaders; i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (model, i);
      g_assert_true (p->leader);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (leader_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit_dropdown), 0);
  td_people_page_settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  gui_fixture_close (&f);
}

static GtkWidget *
row_titled (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = row_titled (c, title);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_add_edit_delete (void)
{
  GuiFixture f = { 0 };
  TdPeoplePage *page;
  TdPersonEditor *editor;
  TdPerson *added;
  GtkWidget *leader_switch;
  guint n0;

  gui_fixture_open (&f, 1280, 800);
  page = people_page (&f);
  n0 = g_list_model_get_n_items (G_LIST_MODEL (f.plan->people));

  editor = td_person_editor_new (GTK_WINDOW (f.window), f.plan, NULL, "go-dau");
  gtk_window_present (GTK_WINDOW (editor));
  gui_spin ();
  /* A full name is split at the last word; a position suggests the leader flag. */
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Full name")), "Thạch Thị Sa Rên");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Given name (tên)"))), ==, "Rên");
  /* A Khmer name: corrected by hand. */
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Family and middle names (họ và tên đệm)")), "Thạch Thị");
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Given name (tên)")), "Sa Rên");
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Position")), "Phó Chủ tịch UBND xã");
  leader_switch = gui_find_type (row_titled (GTK_WIDGET (editor), "Leader"), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (leader_switch)));
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Year of birth")), "19x0");
  /* A year that is none: Save does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gui_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n0);
  gtk_editable_set_text (GTK_EDITABLE (row_titled (GTK_WIDGET (editor), "Year of birth")), "1988");
  added = td_person_editor_save (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_nonnull (added);
  g_assert_cmpstr (added->family_middle, ==, "Thạch Thị");
  g_assert_cmpstr (added->given, ==, "Sa Rên");
  g_assert_cmpint (added->birth_year, ==, 1988);
  g_assert_cmpstr (added->unit, ==, "go-dau");
  g_assert_true (added->leader);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n0 + 1);

  /* Found by the search, then deleted with the rest of a multiple selection, then undone. */
  td_people_page_set_search (page, "sa ren");
  td_people_page_settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (td_people_page_get_model (page)), ==, 1);
  td_people_page_set_search (page, "");
  td_people_page_settle (page);
  gtk_selection_model_select_range (td_people_page_get_selection (page), 0, 3, TRUE);
  gui_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.delete", NULL));
  gui_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n0 + 1 - 3);
  td_people_page_settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (td_people_page_get_model (page)), ==, n0 + 1 - 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  gui_spin ();
  td_people_page_settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (td_people_page_get_model (page)), ==, n0 + 1);
  gui_fixture_close (&f);
}

int
main (int argc, char **argv)
{
  /* English strings whatever the machine's language; gtk_test_init() would abort without a display. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run and dbus-run-session)\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/gui/people/import-and-search", test_import_and_search);
  g_test_add_func ("/gui/people/cancel", test_cancel);
  g_test_add_func ("/gui/people/filters", test_filters);
  g_test_add_func ("/gui/people/add-edit-delete", test_add_edit_delete);
  return g_test_run ();
}
