/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Units & Conferences page in a real window: edits through the widgets reach the model and
 * the plan file, and the window's undo takes them back. Run under Xvfb + D-Bus (gotchas.md). */
#include "config.h"

#include <locale.h>

#include "gui-util.h"
#include "td-agenda-editor.h"
#include "td-conference-editor.h"
#include "td-date.h"
#include "td-units-page.h"

#define CONFERENCE "c-gd-thanh-phuoc"
#define UNIT       "gd-thanh-phuoc"

static TdUnitsPage *
units_page (GuiFixture *f)
{
  GtkWidget *page = gui_find_type (GTK_WIDGET (f->window), TD_TYPE_UNITS_PAGE);

  g_assert_nonnull (page);
  return TD_UNITS_PAGE (page);
}

static GtkWidget *
named (GuiFixture *f,
       const char *name)
{
  GtkWidget *widget = gui_find_named (GTK_WIDGET (units_page (f)), name);

  if (widget == NULL)
    g_error ("No widget named %s on the units page", name);
  return widget;
}

/* The plan as the file holds it now, read through a second connection. */
static TdPlan *
reload (GuiFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStore) store = td_store_open (f->path, &error);
  TdPlan *plan;

  g_assert_no_error (error);
  plan = td_store_load (store, &error);
  g_assert_no_error (error);
  td_store_close (store);
  return plan;
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_edit_conference (void)
{
  GuiFixture f = { 0 };
  TdConference *c;
  g_autofree char *venue0 = NULL;
  TdDate date0;
  GtkWidget *venue, *date;
  g_autoptr(TdPlan) saved = NULL;
  TdConference *sc;

  gui_fixture_open (&f, 1280, 800);
  c = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_nonnull (c);
  venue0 = g_strdup (c->venue);
  date0 = c->date;
  g_assert_cmpuint (date0, !=, TD_DATE_NONE);

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-conference", "s", CONFERENCE);
  gui_spin ();
  g_assert_nonnull (td_units_page_get_selected_unit (units_page (&f)));
  g_assert_cmpstr (td_units_page_get_selected_unit (units_page (&f))->id, ==, UNIT);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (units_page (&f))));

  venue = named (&f, "conference-venue");
  date = named (&f, "conference-date");
  g_assert_true (gtk_widget_is_visible (venue));
  /* The editor shows the model's values. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (venue)), ==, venue0);
  {
    g_autofree char *shown = td_date_format_short (date0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, shown);
  }

  /* Decomposed input is stored composed. */
  gtk_editable_set_text (GTK_EDITABLE (venue), "Nha\xcc\x80 va\xcc\x86n ho\xcc\x81\x61 xa\xcc\x83");
  gui_spin ();
  g_assert_cmpstr (c->venue, ==, "Nhà văn hóa xã");

  /* Typing that does not make a date is marked and not saved; a real date is. */
  {
    int end = -1;

    gtk_editable_insert_text (GTK_EDITABLE (date), "x", 1, &end);
    gui_spin ();
    g_assert_true (gtk_widget_has_css_class (date, "error"));
    g_assert_cmpuint (c->date, ==, date0);
  }
  gtk_editable_set_text (GTK_EDITABLE (date), "05/03/2020");
  gui_spin ();
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpuint (c->date, ==, td_date_new (2020, 3, 5));

  saved = reload (&f);
  sc = td_plan_get_conference (saved, CONFERENCE);
  g_assert_nonnull (sc);
  g_assert_cmpstr (sc->venue, ==, "Nhà văn hóa xã");
  g_assert_cmpuint (sc->date, ==, td_date_new (2020, 3, 5));
  g_clear_object (&saved);

  /* Two steps: the date, then the venue. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  c = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpuint (c->date, ==, date0);
  g_assert_cmpstr (c->venue, ==, "Nhà văn hóa xã");
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  c = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpstr (c->venue, ==, venue0);
  g_assert_cmpuint (c->date, ==, date0);

  /* The widgets follow the undo, */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (&f, "conference-venue"))), ==, venue0);
  {
    g_autofree char *shown = td_date_format_short (date0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (&f, "conference-date"))), ==, shown);
  }
  /* and so does the file. */
  saved = reload (&f);
  sc = td_plan_get_conference (saved, CONFERENCE);
  g_assert_cmpstr (sc->venue, ==, venue0);
  g_assert_cmpuint (sc->date, ==, date0);

  gui_fixture_close (&f);
}

static int
agenda_total (TdConference *c)
{
  return td_conference_agenda_minutes (c);
}

/* Start time and agenda: every change retimes the items in the same undo step. */
static void
test_agenda (void)
{
  GuiFixture f = { 0 };
  TdConference *c;
  GtkWidget *start, *agenda;
  guint n0;
  int total0;
  g_autoptr(TdAgendaItem) last = NULL;
  g_autoptr(TdPlan) saved = NULL;

  gui_fixture_open (&f, 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-conference", "s", CONFERENCE);
  gui_spin ();
  c = td_plan_get_conference (f.plan, CONFERENCE);
  n0 = g_list_model_get_n_items (G_LIST_MODEL (c->agenda));
  total0 = agenda_total (c);
  g_assert_cmpuint (n0, >, 1);

  start = named (&f, "conference-start");
  gtk_editable_set_text (GTK_EDITABLE (start), "08:00");
  gui_spin ();
  g_assert_cmpint (c->start, ==, 8 * 60);
  last = g_list_model_get_item (G_LIST_MODEL (c->agenda), n0 - 1);
  g_assert_cmpint (last->start + last->minutes, ==, 8 * 60 + total0);
  g_clear_object (&last);

  agenda = gui_find_type (GTK_WIDGET (units_page (&f)), TD_TYPE_AGENDA_EDITOR);
  g_assert_nonnull (agenda);
  g_assert_true (gtk_widget_activate_action (agenda, "agenda.add-talk", NULL));
  gui_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->agenda)), ==, n0 + 1);
  last = g_list_model_get_item (G_LIST_MODEL (c->agenda), n0);
  g_assert_cmpint (last->kind, ==, TD_ITEM_KIND_TALK);
  g_assert_false (last->vetted);
  g_assert_cmpint (last->start, ==, 8 * 60 + total0);
  g_clear_object (&last);
  /* One row per item in the boxed list. */
  {
    GtkListBox *list = GTK_LIST_BOX (named (&f, "agenda-list"));
    g_assert_nonnull (gtk_list_box_get_row_at_index (list, n0));
    g_assert_null (gtk_list_box_get_row_at_index (list, n0 + 1));
  }

  /* Moving the talk to the top moves every start. */
  g_assert_true (gtk_widget_activate_action (agenda, "agenda.move-up", "u", n0));
  gui_spin ();
  last = g_list_model_get_item (G_LIST_MODEL (c->agenda), n0 - 1);
  g_assert_cmpint (last->kind, ==, TD_ITEM_KIND_TALK);
  g_clear_object (&last);

  saved = reload (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (td_plan_get_conference (saved, CONFERENCE)->agenda)),
                    ==, n0 + 1);
  g_clear_object (&saved);

  /* Undo: the move, the talk, the start time. */
  for (int i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
      gui_spin ();
    }
  c = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->agenda)), ==, n0);
  g_assert_cmpint (c->start, !=, 8 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (&f, "conference-start"))), !=, "08:00");
  {
    GtkListBox *list = GTK_LIST_BOX (named (&f, "agenda-list"));
    g_assert_nonnull (gtk_list_box_get_row_at_index (list, n0 - 1));
    g_assert_null (gtk_list_box_get_row_at_index (list, n0));
  }

  gui_fixture_close (&f);
}

static guint
count_people_in (TdPlan    *plan,
                 GPtrArray *ids)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan->people)); i++)
    {
      g_autoptr(TdPerson) p = g_list_model_get_item (G_LIST_MODEL (plan->people), i);
      for (guint k = 0; k < ids->len; k++)
        if (g_strcmp0 (p->unit, g_ptr_array_index (ids, k)) == 0)
          n++;
    }
  return n;
}

static guint
count_conferences_in (TdPlan    *plan,
                      GPtrArray *ids)
{
  guint n = 0;

  for (guint k = 0; k < ids->len; k++)
    if (td_plan_get_unit_conference (plan, g_ptr_array_index (ids, k)) != NULL)
      n++;
  return n;
}

static void
test_delete_unit (void)
{
  GuiFixture f = { 0 };
  g_autoptr(GPtrArray) ids = NULL;
  guint n_units0, n_people0, n_conf, n_people_in;
  AdwMessageDialog *dialog;
  g_autoptr(TdPlan) saved = NULL;

  gui_fixture_open (&f, 1280, 800);
  td_plan_window_show_page (f.window, "units");
  td_units_page_select_unit (units_page (&f), "go-dau");
  gui_spin ();

  ids = td_units_page_collect_subtree (f.plan, "go-dau");
  g_assert_cmpuint (ids->len, >, 2);
  n_units0 = g_list_model_get_n_items (G_LIST_MODEL (f.plan->units));
  n_people0 = g_list_model_get_n_items (G_LIST_MODEL (f.plan->people));
  n_conf = count_conferences_in (f.plan, ids);
  n_people_in = count_people_in (f.plan, ids);
  g_assert_cmpuint (n_conf, >, 1);
  g_assert_cmpuint (n_people_in, >, 0);

  /* Cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (units_page (&f)), "units.delete", NULL));
  gui_spin ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), "Huyện Gò Dầu") != NULL);
  adw_message_dialog_response (dialog, "cancel");
  gui_spin ();
  g_assert_nonnull (td_plan_get_unit (f.plan, "go-dau"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (units_page (&f)), "units.delete", NULL));
  gui_spin ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gui_spin ();

  for (guint k = 0; k < ids->len; k++)
    g_assert_null (td_plan_get_unit (f.plan, g_ptr_array_index (ids, k)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->units)), ==, n_units0 - ids->len);
  g_assert_cmpuint (count_conferences_in (f.plan, ids), ==, 0);
  /* People stay, without a unit. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->people)), ==, n_people0);
  g_assert_cmpuint (count_people_in (f.plan, ids), ==, 0);
  /* The parent is shown next. */
  g_assert_cmpstr (td_units_page_get_selected_unit (units_page (&f))->id, ==, "tn");

  saved = reload (&f);
  g_assert_null (td_plan_get_unit (saved, "go-dau"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (saved->units)), ==, n_units0 - ids->len);
  g_clear_object (&saved);

  /* One undo brings the whole subtree back. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  for (guint k = 0; k < ids->len; k++)
    g_assert_nonnull (td_plan_get_unit (f.plan, g_ptr_array_index (ids, k)));
  g_assert_cmpuint (count_conferences_in (f.plan, ids), ==, n_conf);
  g_assert_cmpuint (count_people_in (f.plan, ids), ==, n_people_in);

  /* The restored records are new objects: the page finds them by id. */
  td_units_page_select_unit (units_page (&f), "gd-thanh-phuoc");
  gui_spin ();
  g_assert_true (td_units_page_get_selected_unit (units_page (&f)) == td_plan_get_unit (f.plan, "gd-thanh-phuoc"));
  g_assert_true (td_conference_editor_get_conference (TD_CONFERENCE_EDITOR (
                   gui_find_type (GTK_WIDGET (units_page (&f)), TD_TYPE_CONFERENCE_EDITOR))) ==
                 td_plan_get_conference (f.plan, CONFERENCE));

  saved = reload (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (saved->units)), ==, n_units0);
  g_assert_nonnull (td_plan_get_conference (saved, CONFERENCE));

  gui_fixture_close (&f);
}

/* Move refuses a place inside the unit's own subtree and drops the old parent's quota. */
static void
test_move_unit (void)
{
  GuiFixture f = { 0 };
  TdUnit *unit;

  gui_fixture_open (&f, 1280, 800);
  g_assert_false (td_units_page_move_unit (f.plan, "go-dau", "gd-thanh-phuoc"));
  g_assert_false (td_units_page_move_unit (f.plan, "go-dau", "go-dau"));
  g_assert_false (td_plan_can_undo (f.plan));

  g_assert_true (td_units_page_move_unit (f.plan, "gd-thanh-phuoc", "tp-tay-ninh"));
  unit = td_plan_get_unit (f.plan, "gd-thanh-phuoc");
  g_assert_cmpstr (unit->parent, ==, "tp-tay-ninh");
  {
    TdConference *upper = td_plan_get_unit_conference (f.plan, "go-dau");
    if (upper != NULL)
      g_assert_cmpint (td_conference_get_quota (upper, "gd-thanh-phuoc"), <, 0);
  }
  td_units_page_select_unit (units_page (&f), "gd-thanh-phuoc");
  gui_spin ();
  g_assert_true (td_units_page_get_selected_unit (units_page (&f)) == unit);

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_cmpstr (td_plan_get_unit (f.plan, "gd-thanh-phuoc")->parent, ==, "go-dau");
  gui_fixture_close (&f);
}

/* Add a unit under the selected one; create a conference from the template; a level change
 * that the form does not allow moves the form in the same undo step. */
static void
test_add_and_create (void)
{
  GuiFixture f = { 0 };
  TdUnitsPage *page;
  TdUnit *added, *unit;
  TdConference *c;
  GtkWidget *editor, *level;
  guint n_units0;
  const char * const *upper_forms = td_conference_forms_for_level (TD_LEVEL_UPPER);
  const char * const *grassroots_forms = td_conference_forms_for_level (TD_LEVEL_GRASSROOTS);
  g_autofree char *added_id = NULL;
  g_autoptr(TdPlan) saved = NULL;

  gui_fixture_open (&f, 1280, 800);
  page = units_page (&f);
  td_plan_window_show_page (f.window, "units");
  td_units_page_select_unit (page, "hoa-thanh");
  gui_spin ();
  n_units0 = g_list_model_get_n_items (G_LIST_MODEL (f.plan->units));
  g_assert_null (td_plan_get_unit_conference (f.plan, "hoa-thanh"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.add", NULL));
  gui_spin ();
  added = td_units_page_get_selected_unit (page);
  g_assert_nonnull (added);
  added_id = g_strdup (added->id);
  g_assert_cmpstr (added->parent, ==, "hoa-thanh");
  g_assert_cmpint (added->level, ==, TD_LEVEL_GRASSROOTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.plan->units)), ==, n_units0 + 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (&f, "unit-name"))), ==, added->name);

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_null (td_plan_get_unit (f.plan, added_id));
  g_assert_null (td_units_page_get_selected_unit (page));

  td_units_page_select_unit (page, "hoa-thanh");
  gui_spin ();
  unit = td_plan_get_unit (f.plan, "hoa-thanh");
  editor = gui_find_type (GTK_WIDGET (page), TD_TYPE_CONFERENCE_EDITOR);
  g_assert_true (gtk_widget_activate_action (editor, "conference.create", NULL));
  gui_spin ();
  c = td_plan_get_unit_conference (f.plan, "hoa-thanh");
  g_assert_nonnull (c);
  g_assert_true (td_conference_editor_get_conference (TD_CONFERENCE_EDITOR (editor)) == c);
  g_assert_cmpstr (c->form, ==, upper_forms[0]);
  g_assert_cmpint (c->mode, ==, TD_MODE_REPRESENTATIVE);
  g_assert_cmpint (c->start, ==, 7 * 60 + 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->agenda)), ==, 8);
  {
    g_autoptr(TdAgendaItem) first = g_list_model_get_item (G_LIST_MODEL (c->agenda), 0);
    g_autoptr(TdAgendaItem) last = g_list_model_get_item (G_LIST_MODEL (c->agenda), 7);

    g_assert_cmpint (first->start, ==, 7 * 60 + 30);
    g_assert_cmpint (last->start + last->minutes, ==, 7 * 60 + 30 + td_conference_agenda_minutes (c));
  }
  g_assert_true (gtk_widget_is_visible (named (&f, "conference-venue")));
  saved = reload (&f);
  g_assert_nonnull (td_plan_get_unit_conference (saved, "hoa-thanh"));
  g_clear_object (&saved);

  /* Grassroots does not allow the upper-level form. */
  level = named (&f, "unit-level");
  adw_combo_row_set_selected (ADW_COMBO_ROW (level), TD_LEVEL_GRASSROOTS);
  gui_spin ();
  g_assert_cmpint (unit->level, ==, TD_LEVEL_GRASSROOTS);
  g_assert_cmpstr (c->form, ==, grassroots_forms[0]);
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_cmpint (td_plan_get_unit (f.plan, "hoa-thanh")->level, ==, TD_LEVEL_UPPER);
  g_assert_cmpstr (td_plan_get_unit_conference (f.plan, "hoa-thanh")->form, ==, upper_forms[0]);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (&f, "unit-level"))), ==, TD_LEVEL_UPPER);

  /* Undoing the creation brings the empty state back. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_null (td_plan_get_unit_conference (f.plan, "hoa-thanh"));
  g_assert_null (td_conference_editor_get_conference (TD_CONFERENCE_EDITOR (editor)));
  g_assert_true (gtk_widget_is_visible (named (&f, "conference-create")));
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

  g_test_add_func ("/gui/units/edit-conference", test_edit_conference);
  g_test_add_func ("/gui/units/agenda", test_agenda);
  g_test_add_func ("/gui/units/delete-unit", test_delete_unit);
  g_test_add_func ("/gui/units/move-unit", test_move_unit);
  g_test_add_func ("/gui/units/add-and-create", test_add_and_create);
  return g_test_run ();
}
