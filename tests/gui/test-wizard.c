/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The delegate wizard walked through its widgets on the sample plan, under Xvfb + D-Bus
 * (design/gotchas.md). Also a demo for screenshots:
 *   test-gui-wizard --demo CONFERENCE [--step mode|quotas|choose|approvals|review]
 *                   [--search TEXT] [--break] [--size WxH]
 *   e.g. shoot out.png -- BUILD/tests/gui/test-gui-wizard --demo c-go-dau --step choose --break */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gui-util.h"
#include "td-composition-view.h"
#include "td-date.h"
#include "td-delegate-wizard.h"
#include "td-rules.h"

#define CONFERENCE "c-go-dau"

/* Six chairs of the communes below Gò Dầu, not among its delegates in the sample: with them,
 * 10 of 33 delegates are leaders (30.3 %), one too many. */
static const char *leaders[] = { "p024", "p035", "p045", "p055", "p065", "p074" };

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = gui_find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

/* Runs the main loop until @cond holds (at most 5 s): the search entry waits before it
 * filters, keyboard activation takes a moment. */
static gboolean
wait_for (gboolean (*cond) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!cond (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  gui_spin ();
  return cond (data);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = named (root, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  gui_spin ();
}

static TdDelegateWizard *
find_wizard (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TD_IS_DELEGATE_WIZARD (l->data))
      return l->data;
  return NULL;
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

static const char *
title_of (TdDelegateWizard *wizard)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (gui_find_type (GTK_WIDGET (wizard), ADW_TYPE_WINDOW_TITLE));

  return adw_window_title_get_title (title);
}

/* Candidates */

typedef struct
{
  TdDelegateWizard *wizard;
  const char       *expected;
} LabelWait;

static gboolean
label_starts_cb (gpointer data)
{
  LabelWait *w = data;
  const char *text = gtk_label_get_text (GTK_LABEL (named (GTK_WIDGET (w->wizard), "wizard-candidates-count")));

  return g_str_has_prefix (text, w->expected);
}

static void
collect_checks (GtkWidget *root,
                GPtrArray *out)
{
  if (g_strcmp0 (gtk_widget_get_name (root), "wizard-candidate-check") == 0 && gtk_widget_get_mapped (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_checks (c, out);
}

/* Types the person's name without its accents into the search, and clicks the one check box
 * shown. */
static void
toggle_candidate (TdDelegateWizard *wizard,
                  TdPlan           *plan,
                  const char       *person_id)
{
  TdPerson *person = td_plan_get_person (plan, person_id);
  g_autofree char *full = td_person_dup_full_name (person);
  g_autofree char *plain = g_str_to_ascii (full, "C");
  GtkWidget *search = named (GTK_WIDGET (wizard), "wizard-search");
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  LabelWait w = { wizard, "1 shown" };
  gboolean was = td_wizard_is_picked (td_delegate_wizard_get_wizard (wizard), person_id);

  /* "Phan Thanh Quang" is found as "phan thanh quang". */
  gtk_editable_set_text (GTK_EDITABLE (search), g_ascii_strdown (plain, -1));
  g_assert_true (wait_for (label_starts_cb, &w));
  collect_checks (named (GTK_WIDGET (wizard), "wizard-candidates"), checks);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)) == was);
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  gui_spin ();
  g_assert_true (td_wizard_is_picked (td_delegate_wizard_get_wizard (wizard), person_id) == !was);
}

static gboolean
wizard_gone_cb (gpointer data)
{
  return find_wizard () == NULL;
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return find_dialog () != NULL;
}

static guint
count_rule (GPtrArray  *violations,
            const char *rule,
            TdSeverity  severity,
            const char *conference)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (g_strcmp0 (v->rule, rule) == 0 && v->severity == severity
          && g_strcmp0 (v->conference, conference) == 0)
        n++;
    }
  return n;
}

/* Cancel leaves the plan as it was. */
static void
test_cancel (void)
{
  GuiFixture f = { 0 };
  TdConference *conf;
  TdDelegateWizard *wizard;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  gui_fixture_open (&f, 1100, 760);
  conf = td_plan_get_conference (f.plan, CONFERENCE);
  before = td_plan_to_json_data (f.plan, NULL);

  td_delegate_wizard_open (f.window, conf);
  gui_spin ();
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (wizard)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (f.window));

  click (GTK_WIDGET (wizard), "wizard-next");
  click (GTK_WIDGET (wizard), "wizard-share");
  click (GTK_WIDGET (wizard), "wizard-next");
  toggle_candidate (wizard, f.plan, leaders[0]);

  /* Nothing reaches the plan before Finish. */
  after = td_plan_to_json_data (f.plan, NULL);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  click (GTK_WIDGET (wizard), "wizard-cancel");
  g_assert_true (wait_for (wizard_gone_cb, NULL));

  after = td_plan_to_json_data (f.plan, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (td_plan_can_undo (f.plan));
  gui_fixture_close (&f);
}

static void
set_entry (TdDelegateWizard *wizard,
           const char       *name,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (wizard), name)), text);
}

static void
go_to (TdDelegateWizard *wizard,
       TdWizardStep      step)
{
  for (int guard = 0; guard < 10 && td_delegate_wizard_get_step (wizard) != step; guard++)
    click (GTK_WIDGET (wizard),
           td_delegate_wizard_get_step (wizard) < step ? "wizard-next" : "wizard-back");
  g_assert_cmpint (td_delegate_wizard_get_step (wizard), ==, step);
}

/* Every step on Gò Dầu's upper-level conference: break R-MIX, see Finish refuse, repair it,
 * finish, and find the delegates in the model, the rules and the file. */
static void
test_walk (void)
{
  GuiFixture f = { 0 };
  TdConference *conf;
  TdDelegateWizard *wizard;
  TdWizard *state;
  GtkWidget *w, *finish;
  const TdCompositionState *shown;
  guint n0, n_quota_rows = 0;
  int quota_total = 0;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *blocker = NULL;

  gui_fixture_open (&f, 1100, 760);
  conf = td_plan_get_conference (f.plan, CONFERENCE);
  n0 = conf->delegates->len;

  td_delegate_wizard_open (f.window, conf);
  gui_spin ();
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  state = td_delegate_wizard_get_wizard (wizard);
  finish = named (GTK_WIDGET (wizard), "wizard-finish");

  /* 1. Conference and mode: an upper level convenes delegates, no choice. */
  g_assert_cmpint (td_delegate_wizard_get_step (wizard), ==, TD_WIZARD_STEP_MODE);
  g_assert_cmpstr (title_of (wizard), ==, "Conference and Mode");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (wizard), "wizard-representative"))));
  g_assert_false (gtk_widget_is_sensitive (named (GTK_WIDGET (wizard), "wizard-plenary")));
  g_assert_false (gtk_widget_is_sensitive (named (GTK_WIDGET (wizard), "wizard-back")));
  /* Re-opening starts from the conference's delegates. */
  g_assert_cmpuint (td_wizard_get_n_picks (state), ==, n0);

  /* 2. Quotas: one row per commune, shared by staff. */
  click (GTK_WIDGET (wizard), "wizard-next");
  g_assert_cmpstr (title_of (wizard), ==, "Quotas");
  children = td_wizard_get_child_units (state);
  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("wizard-quota-%s", ((TdUnit *) g_ptr_array_index (children, i))->id);

      if (gui_find_named (GTK_WIDGET (wizard), name) != NULL)
        n_quota_rows++;
    }
  g_assert_cmpuint (n_quota_rows, ==, children->len);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (GTK_WIDGET (wizard), "wizard-share-seats")), 60);
  click (GTK_WIDGET (wizard), "wizard-share");
  g_assert_cmpint (td_wizard_get_quota_total (state), ==, 60);
  for (guint i = 0; i < children->len; i++)
    quota_total += td_wizard_get_quota (state, ((TdUnit *) g_ptr_array_index (children, i))->id);
  g_assert_cmpint (quota_total, ==, 60);
  /* The spin of a row edits that quota. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (GTK_WIDGET (wizard), "wizard-quota-gd-phuoc-dong")), 5);
  gui_spin ();
  g_assert_cmpint (td_wizard_get_quota (state, "gd-phuoc-dong"), ==, 5);
  td_delegate_wizard_sync (wizard);
  {
    g_autofree char *total = g_strdup_printf ("%d seats allotted of 300", td_wizard_get_quota_total (state));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (GTK_WIDGET (wizard), "wizard-quota-total"))), ==, total);
  }

  /* 3. Choose: six more leaders break R-MIX, at once in the gauges. */
  click (GTK_WIDGET (wizard), "wizard-next");
  g_assert_cmpstr (title_of (wizard), ==, "Choose Delegates");
  for (guint i = 0; i < G_N_ELEMENTS (leaders); i++)
    toggle_candidate (wizard, f.plan, leaders[i]);
  td_delegate_wizard_sync (wizard);
  shown = td_composition_view_get_state (TD_COMPOSITION_VIEW (gui_find_type (named (GTK_WIDGET (wizard), "wizard-composition"),
                                                                           TD_TYPE_COMPOSITION_VIEW)));
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->leaders.state, ==, TD_GAUGE_ERROR);
  g_assert_nonnull (shown->fix);
  g_assert_nonnull (strstr (shown->fix, "Remove 1 leader"));
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (state), "R-MIX", TD_SEVERITY_ERROR, CONFERENCE), ==, 1);
  /* A guest from anywhere: the toggle shows people outside the district. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (wizard), "wizard-guests")), TRUE);
  gui_spin ();

  /* 4. Approvals: the new ones (and the sample's Trần Thu Thảo) are listed, then approved as
   * a group. */
  click (GTK_WIDGET (wizard), "wizard-next");
  g_assert_cmpstr (title_of (wizard), ==, "Approvals");
  w = named (GTK_WIDGET (wizard), "wizard-missing-approvals");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (w)), "Phan Thanh Quang"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (w)), "Trần Thu Thảo"));
  click (GTK_WIDGET (wizard), "wizard-select-unapproved");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (GTK_WIDGET (wizard), "wizard-council"))), ==, "");
  /* A bad date is refused and said. */
  set_entry (wizard, "wizard-decision", "12/QĐ-HĐTĐKT");
  set_entry (wizard, "wizard-approval-date", "31/02/2020");
  click (GTK_WIDGET (wizard), "wizard-apply-approval");
  g_assert_cmpuint (td_wizard_get_unapproved (state)->len, ==, G_N_ELEMENTS (leaders) + 1);
  set_entry (wizard, "wizard-approval-date", "25/03/2020");
  click (GTK_WIDGET (wizard), "wizard-apply-approval");
  {
    g_autoptr(GPtrArray) missing = td_wizard_get_unapproved (state);
    const TdApproval *a = td_wizard_get_approval (state, "p024");

    g_assert_cmpuint (missing->len, ==, 0);
    g_assert_nonnull (a);
    g_assert_cmpstr (a->decision, ==, "12/QĐ-HĐTĐKT");
    g_assert_cmpuint (a->date, ==, td_date_new (2020, 3, 25));
    /* An empty council field names each person's own council. */
    g_assert_cmpstr (a->council, ==, "Hội đồng Thi đua - Khen thưởng thị trấn Gò Dầu");
  }
  td_delegate_wizard_sync (wizard);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (w)), "Everyone"));

  /* 5. Review: Finish refuses while R-MIX is broken, and says why next to it. */
  click (GTK_WIDGET (wizard), "wizard-next");
  g_assert_cmpstr (title_of (wizard), ==, "Review");
  td_delegate_wizard_sync (wizard);
  g_assert_true (gtk_widget_get_visible (finish));
  g_assert_false (gtk_widget_is_sensitive (finish));
  w = named (GTK_WIDGET (wizard), "wizard-blocker");
  g_assert_true (gtk_widget_get_visible (w));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (w)), "leaders"));
  blocker = td_wizard_dup_finish_blocker (state);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (w)), ==, blocker);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (named (GTK_WIDGET (wizard), "wizard-review-count"))),
                                   "33 delegates"));

  /* Repair: back to Choose, two of the six out again (8 of 31 leaders, 25.8 %). */
  go_to (wizard, TD_WIZARD_STEP_CHOOSE);
  toggle_candidate (wizard, f.plan, leaders[4]);
  toggle_candidate (wizard, f.plan, leaders[5]);
  td_delegate_wizard_sync (wizard);
  shown = td_composition_view_get_state (TD_COMPOSITION_VIEW (gui_find_type (named (GTK_WIDGET (wizard), "wizard-composition"),
                                                                           TD_TYPE_COMPOSITION_VIEW)));
  g_assert_cmpint (shown->leaders.state, ==, TD_GAUGE_NORMAL);
  go_to (wizard, TD_WIZARD_STEP_REVIEW);
  td_delegate_wizard_sync (wizard);
  g_assert_cmpuint (td_wizard_count_errors (state), ==, 0);

  /* Warnings (quotas not all used) are acknowledged, then Finish is allowed. */
  if (td_wizard_count_warnings (state) > 0)
    {
      GtkWidget *ack = named (GTK_WIDGET (wizard), "wizard-acknowledge");

      g_assert_false (gtk_widget_is_sensitive (finish));
      g_assert_true (gtk_widget_get_visible (ack));
      gtk_widget_activate (ack);
      gui_spin ();
      td_delegate_wizard_sync (wizard);
    }
  g_assert_true (gtk_widget_is_sensitive (finish));
  g_assert_false (gtk_widget_get_visible (named (GTK_WIDGET (wizard), "wizard-blocker")));

  click (GTK_WIDGET (wizard), "wizard-finish");
  g_assert_true (wait_for (wizard_gone_cb, NULL));
  /* The exports are offered. */
  g_assert_true (wait_for (dialog_shown_cb, NULL));
  g_assert_true (adw_message_dialog_has_response (find_dialog (), "invitations"));
  g_assert_true (adw_message_dialog_has_response (find_dialog (), "delegates"));
  adw_message_dialog_response (find_dialog (), "later");
  gui_spin ();

  /* The model has the list, */
  conf = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpuint (conf->delegates->len, ==, n0 + 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (td_conference_find_delegate (conf, leaders[i]), >=, (int) n0);
  g_assert_cmpint (td_conference_get_quota (conf, "gd-phuoc-dong"), ==, 5);
  /* the rules agree, */
  violations = td_rules_check_plan (f.plan, td_rules_today ());
  g_assert_cmpuint (count_rule (violations, "R-MIX", TD_SEVERITY_ERROR, CONFERENCE), ==, 0);
  g_assert_cmpuint (count_rule (violations, "R-CAP2", TD_SEVERITY_ERROR, CONFERENCE), ==, 0);
  g_assert_cmpuint (count_rule (violations, "R-APPROVE", TD_SEVERITY_ERROR, CONFERENCE), ==, 0);
  g_assert_cmpuint (count_rule (violations, "R-QUOTA", TD_SEVERITY_ERROR, CONFERENCE), ==, 0);
  /* the file too, and one undo takes it all back. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdStore) store = td_store_open (f.path, &error);
    g_autoptr(TdPlan) saved = NULL;

    g_assert_no_error (error);
    saved = td_store_load (store, &error);
    g_assert_no_error (error);
    td_store_close (store);
    g_assert_cmpuint (td_plan_get_conference (saved, CONFERENCE)->delegates->len, ==, n0 + 4);
  }
  g_assert_true (td_plan_can_undo (f.plan));
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_cmpuint (td_plan_get_conference (f.plan, CONFERENCE)->delegates->len, ==, n0);
  g_assert_false (td_plan_can_undo (f.plan));

  gui_fixture_close (&f);
}

/* A plenary opens pre-filled, skips quotas, and only adds guests. */
static void
test_plenary (void)
{
  GuiFixture f = { 0 };
  g_autoptr(TdConference) conf = NULL;
  TdDelegateWizard *wizard;
  TdWizard *state;
  TdUnit *unit;

  gui_fixture_open (&f, 1100, 760);
  /* A fresh conference of a small commune (the sample's has a list already). */
  unit = td_plan_get_unit (f.plan, "gd-hiep-thanh");
  g_assert_nonnull (unit);
  conf = td_conference_new ("c-test-plenary", unit->id);
  conf->mode = TD_MODE_PLENARY;
  td_plan_begin (f.plan, "test");
  td_plan_add_conference (f.plan, conf);
  td_plan_commit (f.plan);

  wizard = td_delegate_wizard_new (GTK_WINDOW (f.window), f.plan, conf);
  gtk_window_present (GTK_WINDOW (wizard));
  gui_spin ();
  state = td_delegate_wizard_get_wizard (wizard);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (wizard), "wizard-plenary"))));
  g_assert_true (gtk_widget_get_visible (named (GTK_WIDGET (wizard), "wizard-prefill")));
  g_assert_cmpuint (td_wizard_get_n_picks (state), >, 0);
  {
    g_autoptr(GPtrArray) picked = td_wizard_get_picked_people (state);

    for (guint i = 0; i < picked->len; i++)
      g_assert_cmpstr (((TdPerson *) g_ptr_array_index (picked, i))->unit, ==, "gd-hiep-thanh");
  }
  /* No quotas for a plenary: Next goes straight to Choose. */
  click (GTK_WIDGET (wizard), "wizard-next");
  g_assert_cmpint (td_delegate_wizard_get_step (wizard), ==, TD_WIZARD_STEP_CHOOSE);
  /* Someone from elsewhere comes as a guest. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (wizard), "wizard-guests")), TRUE);
  gui_spin ();
  toggle_candidate (wizard, f.plan, "p001");
  g_assert_cmpint (td_wizard_get_role (state, "p001"), ==, TD_ROLE_GUEST);

  gtk_window_destroy (GTK_WINDOW (wizard));
  gui_spin ();
  gui_fixture_close (&f);
}

/* Demo */

static char *demo_conference = NULL;
static char *demo_step = NULL;
static char *demo_search = NULL;
static char *demo_size = NULL;
static gboolean demo_break = FALSE;

static gboolean
demo_setup_cb (gpointer data)
{
  GuiFixture *f = data;
  TdConference *conf = td_plan_get_conference (f->plan, demo_conference);
  TdDelegateWizard *wizard;
  TdWizard *state;

  if (conf == NULL)
    g_error ("No conference %s in the sample", demo_conference);
  td_delegate_wizard_open (f->window, conf);
  wizard = find_wizard ();
  state = td_delegate_wizard_get_wizard (wizard);
  if (demo_break)
    for (guint i = 0; i < G_N_ELEMENTS (leaders); i++)
      td_wizard_pick (state, leaders[i], TD_ROLE_DELEGATE);
  for (int s = TD_WIZARD_STEP_MODE; demo_step != NULL && s <= TD_WIZARD_STEP_REVIEW; s++)
    {
      const char *names[] = { "mode", "quotas", "choose", "approvals", "review" };

      if (g_strcmp0 (names[s], demo_step) == 0)
        {
          while (td_delegate_wizard_get_step (wizard) < (TdWizardStep) s)
            gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
          break;
        }
    }
  if (demo_search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (wizard), "wizard-search")), demo_search);
  return G_SOURCE_REMOVE;
}

static int
demo (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_STRING, &demo_conference, "Open the wizard on this conference", "ID" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &demo_step, "Step to show", "NAME" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &demo_search, "Text in the search entry", "TEXT" },
    { "break", 0, 0, G_OPTION_ARG_NONE, &demo_break, "Pick six more leaders (breaks R-MIX)", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &demo_size, "Window size", "WxH" },
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
  if (demo_size != NULL && sscanf (demo_size, "%dx%d", &width, &height) != 2)
    return 2;
  gtk_init ();
  adw_init ();
  gui_fixture_open (&f, width, height);
  gtk_window_maximize (GTK_WINDOW (f.window));
  g_idle_add (demo_setup_cb, &f);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  gui_fixture_close (&f);
  return 0;
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--demo"))
      return demo (argc, argv);

  /* English strings whatever the machine's language; gtk_test_init() would abort without a display. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* A TAP skip: meson reads exit status 77 as an error under the TAP protocol. */
      g_print ("1..0 # SKIP no display (run under xvfb-run and dbus-run-session)\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/gui/wizard/cancel", test_cancel);
  g_test_add_func ("/gui/wizard/walk", test_walk);
  g_test_add_func ("/gui/wizard/plenary", test_plenary);
  return g_test_run ();
}
