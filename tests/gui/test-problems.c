/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Problems page and the composition summary. The state of the summary is a plain function of
 * a composition and is tested without a display; the page runs in a real window under Xvfb +
 * D-Bus (gotchas.md). */
#include "config.h"

#include <locale.h>

#include "gui-util.h"
#include "td-composition-view.h"
#include "td-problems-model.h"
#include "td-problems-page.h"
#include "td-rules.h"
#include "td-units-page.h"

/* A plan with one unit at @level holding one conference in @mode, and @total convened
 * delegates of whom @leaders are leaders and @women women, all of @sector; @guests guests. */
static TdPlan *
small_plan (TdLevel        level,
            TdMode         mode,
            int            total,
            int            leaders,
            int            women,
            TdSector       sector,
            int            guests,
            TdConference **conf_out)
{
  TdPlan *plan = td_plan_new_empty ();
  TdUnit *unit = td_unit_new ("u", "Xã Thử Nghiệm", level, NULL);
  TdConference *conf = td_conference_new ("c", "u");

  unit->staff = mode == TD_MODE_PLENARY ? 50 : 400;
  td_plan_load_add_unit (plan, unit);
  conf->mode = mode;
  for (int i = 0; i < total + guests; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%d", i);
      TdPerson *person = td_person_new (id, "Nguyễn Văn", "An");

      person->unit = g_strdup ("u");
      person->leader = i < leaders;
      person->gender = i < women ? TD_GENDER_FEMALE : TD_GENDER_MALE;
      person->sector = sector;
      td_plan_load_add_person (plan, person);
      td_conference_add_delegate (conf, id, i < total ? TD_ROLE_DELEGATE : TD_ROLE_GUEST, NULL);
      g_object_unref (person);
    }
  td_plan_load_add_conference (plan, conf);
  g_object_unref (unit);
  g_object_unref (conf);
  *conf_out = td_plan_get_conference (plan, "c");
  return plan;
}

static TdCompositionState *
state_of (int      total,
          int      leaders,
          TdLevel  level,
          TdMode   mode)
{
  TdConference *conf;
  g_autoptr(TdPlan) plan = small_plan (level, mode, total, leaders, 1, TD_SECTOR_STATE, 0, &conf);
  g_autoptr(TdComposition) comp = td_composition_new_for_conference (plan, conf);

  return td_composition_state_new (comp, NULL, NULL);
}

static void
test_state_cap (void)
{
  g_autoptr(TdCompositionState) at = state_of (150, 10, TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) over = state_of (151, 10, TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) upper = state_of (301, 10, TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) plenary = state_of (151, 10, TD_LEVEL_GRASSROOTS, TD_MODE_PLENARY);

  g_assert_cmpstr (at->total.value, ==, "150 / 150");
  g_assert_cmpint (at->total.state, ==, TD_GAUGE_NORMAL);
  g_assert_cmpfloat (at->total.level, ==, 150);
  g_assert_cmpfloat (at->total.max_level, ==, 150);

  g_assert_cmpstr (over->total.value, ==, "151 / 150");
  g_assert_cmpint (over->total.state, ==, TD_GAUGE_ERROR);
  g_assert_cmpstr (td_gauge_state_to_class (over->total.state), ==, "error");

  g_assert_cmpstr (upper->total.value, ==, "301 / 300");
  g_assert_cmpint (upper->total.state, ==, TD_GAUGE_ERROR);

  /* A plenary has no cap: a plain count and no bar. */
  g_assert_cmpstr (plenary->total.value, ==, "151");
  g_assert_cmpint (plenary->total.state, ==, TD_GAUGE_NORMAL);
  g_assert_cmpfloat (plenary->total.max_level, <=, 0);
}

static void
test_state_mix (void)
{
  g_autoptr(TdCompositionState) at = state_of (100, 30, TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) over = state_of (100, 31, TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) s42 = state_of (143, 42, TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) s43 = state_of (143, 43, TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE);
  g_autoptr(TdCompositionState) plenary = state_of (20, 10, TD_LEVEL_GRASSROOTS, TD_MODE_PLENARY);
  g_autoptr(TdCompositionState) province = state_of (20, 10, TD_LEVEL_PROVINCE, TD_MODE_REPRESENTATIVE);

  g_assert_cmpstr (at->leaders.value, ==, "30 (30.0 %) / at most 30 %");
  g_assert_cmpstr (at->exemplars.value, ==, "70 (70.0 %) / at least 70 %");
  g_assert_cmpint (at->leaders.state, ==, TD_GAUGE_NORMAL);
  g_assert_cmpint (at->exemplars.state, ==, TD_GAUGE_NORMAL);
  g_assert_null (at->fix);
  /* The bar is full at the limit. */
  g_assert_cmpfloat (at->leaders.level, ==, at->leaders.max_level);

  g_assert_cmpstr (over->leaders.value, ==, "31 (31.0 %) / at most 30 %");
  g_assert_cmpint (over->leaders.state, ==, TD_GAUGE_ERROR);
  g_assert_cmpint (over->exemplars.state, ==, TD_GAUGE_ERROR);
  /* 31 of 100: two leaders fewer (29 of 98) or four exemplars more (31 of 104). */
  g_assert_cmpstr (over->fix, ==, "Remove 2 leaders or add 4 exemplars.");
  g_assert_cmpint (over->fix_state, ==, TD_GAUGE_ERROR);

  /* Integers: 42 × 100 ≤ 30 × 143 = 4290 < 43 × 100. */
  g_assert_cmpint (s42->leaders.state, ==, TD_GAUGE_NORMAL);
  g_assert_null (s42->fix);
  g_assert_cmpstr (s43->leaders.value, ==, "43 (30.1 %) / at most 30 %");
  g_assert_cmpint (s43->leaders.state, ==, TD_GAUGE_ERROR);
  g_assert_cmpstr (s43->fix, ==, "Remove 1 leader or add 1 exemplar.");

  /* A plenary convenes everyone: information, never an error. */
  g_assert_cmpint (plenary->leaders.state, ==, TD_GAUGE_INFO);
  g_assert_cmpint (plenary->fix_state, ==, TD_GAUGE_INFO);
  g_assert_nonnull (plenary->fix);
  g_assert_null (strstr (plenary->fix, "Remove"));

  /* The province is not checked at all. */
  g_assert_cmpint (province->leaders.state, ==, TD_GAUGE_NORMAL);
  g_assert_cmpstr (province->leaders.value, ==, "10 (50.0 %)");
  g_assert_null (province->fix);
}

static const char *
name_of (const char *unit_id,
         gpointer    user_data)
{
  return g_strcmp0 (unit_id, "child") == 0 ? "Trường Tiểu học Thử" : NULL;
}

static void
test_state_people (void)
{
  TdConference *conf;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdComposition) comp = NULL;
  g_autoptr(TdCompositionState) state = NULL;

  /* 20 delegates, no woman, one sector, at the upper level: both R-PRIO warnings. */
  plan = small_plan (TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE, 20, 2, 0, TD_SECTOR_PRIVATE, 3, &conf);
  comp = td_composition_new_for_conference (plan, conf);
  state = td_composition_state_new (comp, NULL, NULL);
  g_assert_cmpstr (state->women.value, ==, "0 (0.0 %)");
  g_assert_cmpint (state->women.state, ==, TD_GAUGE_WARNING);
  g_assert_cmpint (state->sectors.state, ==, TD_GAUGE_WARNING);
  g_assert_nonnull (strstr (state->sectors.value, " 20"));
  /* Guests are listed apart, not counted. */
  g_assert_cmpstr (state->total.value, ==, "20 / 300");
  g_assert_nonnull (state->note);
  g_assert_nonnull (strstr (state->note, "3 guests"));
  g_clear_pointer (&state, td_composition_state_free);
  g_clear_pointer (&comp, td_composition_free);
  g_clear_object (&plan);

  /* 19 delegates: below the size from which R-PRIO asks for women. */
  plan = small_plan (TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE, 19, 2, 0, TD_SECTOR_PRIVATE, 0, &conf);
  comp = td_composition_new_for_conference (plan, conf);
  state = td_composition_state_new (comp, NULL, NULL);
  g_assert_cmpint (state->women.state, ==, TD_GAUGE_NORMAL);
  g_assert_cmpint (state->sectors.state, ==, TD_GAUGE_NORMAL);
  g_assert_null (state->note);
  g_clear_pointer (&state, td_composition_state_free);
  g_clear_pointer (&comp, td_composition_free);
  g_clear_object (&plan);

  /* Quotas: 3 sent for 2 seats is an error, named through the callback. */
  plan = small_plan (TD_LEVEL_UPPER, TD_MODE_REPRESENTATIVE, 20, 2, 5, TD_SECTOR_STATE, 0, &conf);
  {
    TdUnit *child = td_unit_new ("child", "Trường Tiểu học Thử", TD_LEVEL_GRASSROOTS, "u");

    td_plan_load_add_unit (plan, child);
    g_object_unref (child);
    for (int i = 0; i < 3; i++)
      {
        g_autofree char *id = g_strdup_printf ("p%d", i);
        TdPerson *person = td_plan_get_person (plan, id);

        g_free (person->unit);
        person->unit = g_strdup ("child");
      }
    td_conference_set_quota (conf, "child", 2);
  }
  comp = td_composition_new_for_conference (plan, conf);
  state = td_composition_state_new (comp, name_of, NULL);
  g_assert_cmpuint (state->quotas->len, ==, 1);
  {
    TdGauge *quota = g_ptr_array_index (state->quotas, 0);

    g_assert_cmpstr (quota->title, ==, "Trường Tiểu học Thử");
    g_assert_cmpstr (quota->value, ==, "3 / 2");
    g_assert_cmpint (quota->state, ==, TD_GAUGE_ERROR);
  }
  g_assert_cmpstr (state->women.value, ==, "5 (25.0 %)");
  g_assert_cmpint (state->women.state, ==, TD_GAUGE_NORMAL);
}

/* The widget only shows the state: classes follow it both ways. */
static void
test_view_classes (void)
{
  TdConference *conf;
  g_autoptr(TdPlan) over = small_plan (TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE, 151, 50, 3, TD_SECTOR_STATE, 0, &conf);
  g_autoptr(TdComposition) over_comp = td_composition_new_for_conference (over, conf);
  g_autoptr(TdPlan) fine = small_plan (TD_LEVEL_GRASSROOTS, TD_MODE_REPRESENTATIVE, 150, 45, 3, TD_SECTOR_STATE, 0, &conf);
  g_autoptr(TdComposition) fine_comp = td_composition_new_for_conference (fine, conf);
  GtkWidget *view = g_object_ref_sink (td_composition_view_new ());
  GtkWidget *total, *leaders, *fix;

  total = gui_find_named (view, "composition-total");
  leaders = gui_find_named (view, "composition-leaders");
  fix = gui_find_named (view, "composition-fix");
  g_assert_nonnull (total);
  g_assert_nonnull (leaders);
  g_assert_nonnull (fix);
  g_assert_null (td_composition_view_get_state (TD_COMPOSITION_VIEW (view)));

  td_composition_view_set_composition (TD_COMPOSITION_VIEW (view), over_comp);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "151 / 150");
  g_assert_true (gtk_widget_has_css_class (total, "error"));
  g_assert_true (gtk_widget_has_css_class (leaders, "error"));
  g_assert_true (gtk_widget_get_visible (fix));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (fix)), ==,
                   td_composition_view_get_state (TD_COMPOSITION_VIEW (view))->fix);

  td_composition_view_set_composition (TD_COMPOSITION_VIEW (view), fine_comp);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "150 / 150");
  g_assert_false (gtk_widget_has_css_class (total, "error"));
  g_assert_false (gtk_widget_has_css_class (leaders, "error"));
  g_assert_false (gtk_widget_get_visible (fix));

  g_object_unref (view);
}

/* The page */

#define CONFERENCE "c-vh-nui-ba"

static TdProblemsPage *
problems_page (GuiFixture *f)
{
  GtkWidget *page = gui_find_type (GTK_WIDGET (f->window), TD_TYPE_PROBLEMS_PAGE);

  g_assert_nonnull (page);
  return TD_PROBLEMS_PAGE (page);
}

/* Spins until @done says so, for at most two seconds (layout waits for the frame clock). */
static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* Position of the @rule violation of @conference in @model, or -1. */
static int
find_violation (GListModel *model,
                const char *rule,
                const char *conference)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TD_IS_VIOLATION (item) && g_strcmp0 (TD_VIOLATION (item)->rule, rule) == 0
          && g_strcmp0 (TD_VIOLATION (item)->conference, conference) == 0)
        return (int) i;
    }
  return -1;
}

static int
convened (TdConference *conf)
{
  int n = 0;

  for (guint i = 0; i < conf->delegates->len; i++)
    if (g_array_index (conf->delegates, TdDelegate, i).role == TD_ROLE_DELEGATE)
      n++;
  return n;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelSearch;

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return has_label (search->root, search->text);
}

/* The severity icon of @unit_name's row in the unit tree: its tooltip (also its accessible
 * name), or NULL when the row shows none. *seen: whether the row is on screen. */
static const char *
find_tree_icon (GtkWidget  *units_page,
                const char *unit_name,
                gboolean   *seen_out)
{
  GPtrArray *stack = g_ptr_array_new ();
  const char *found = NULL;
  gboolean seen = FALSE;

  g_ptr_array_add (stack, units_page);
  while (stack->len > 0 && !seen)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      /* A row: a box holding the icon and a box of [name, detail], in either order. */
      if (GTK_IS_BOX (w))
        {
          GtkWidget *icon = NULL, *name = NULL;

          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
            if (GTK_IS_IMAGE (c))
              icon = c;
            else if (GTK_IS_BOX (c) && GTK_IS_LABEL (gtk_widget_get_first_child (c)))
              name = gtk_widget_get_first_child (c);
          if (icon != NULL && name != NULL)
            {
              if (gtk_widget_get_mapped (name)
                  && g_strcmp0 (gtk_label_get_text (GTK_LABEL (name)), unit_name) == 0)
                {
                  seen = TRUE;
                  found = gtk_widget_get_visible (icon) ? gtk_widget_get_tooltip_text (icon) : NULL;
                }
              continue;
            }
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  *seen_out = seen;
  return found;
}

typedef struct
{
  GtkWidget  *page;
  const char *name;
} RowSearch;

static gboolean
row_shown (gpointer data)
{
  RowSearch *search = data;
  gboolean seen;

  find_tree_icon (search->page, search->name, &seen);
  return seen;
}

/* Waits for the row to be laid out. */
static const char *
tree_icon (GtkWidget  *units_page,
           const char *unit_name)
{
  RowSearch search = { units_page, unit_name };
  gboolean seen;
  const char *icon;

  g_assert_true (spin_until (row_shown, &search));
  icon = find_tree_icon (units_page, unit_name, &seen);
  g_assert_true (seen);
  return icon;
}

static gboolean
has_class (GtkWidget  *widget,
           const char *name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* R-CAP1 through the whole loop: break it, see it, activate it, fix it, see it go. */
static void
test_cap_loop (void)
{
  GuiFixture f = { 0 };
  TdConference *conf;
  TdRules *rules;
  GListModel *model;
  GtkWidget *stack, *list_view, *errors;
  guint errors0;
  int n0, pos;
  g_autoptr(TdViolation) v = NULL;
  g_autoptr(GObject) header = NULL;
  LabelSearch search;

  gui_fixture_open (&f, 1280, 800);
  rules = td_plan_window_get_rules (f.window);
  conf = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_nonnull (conf);
  g_assert_cmpint (conf->mode, ==, TD_MODE_REPRESENTATIVE);
  g_assert_cmpint (td_plan_get_unit (f.plan, conf->unit)->level, ==, TD_LEVEL_GRASSROOTS);
  n0 = convened (conf);
  g_assert_cmpint (n0, <, 150);

  td_plan_window_show_page (f.window, "problems");
  gui_spin ();
  stack = gui_find_type (GTK_WIDGET (f.window), ADW_TYPE_VIEW_STACK);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "problems");
  model = td_problems_page_get_model (problems_page (&f));
  g_assert_nonnull (model);
  g_assert_cmpint (find_violation (model, "R-CAP1", CONFERENCE), <, 0);
  errors0 = td_problems_model_get_count (TD_PROBLEMS_MODEL (model), TD_SEVERITY_ERROR);

  /* 151 convened delegates, in one edit: new exemplars of the unit. */
  td_plan_begin (f.plan, "Add delegates");
  td_plan_touch (f.plan, conf);
  for (int i = n0; i < 151; i++)
    {
      g_autofree char *id = g_strdup_printf ("p-test-%d", i);
      TdPerson *person = td_person_new (id, "Trần Thị", "Bình");

      person->unit = g_strdup (conf->unit);
      person->gender = TD_GENDER_FEMALE;
      td_plan_add_person (f.plan, person);
      td_conference_add_delegate (conf, id, TD_ROLE_DELEGATE, NULL);
      g_object_unref (person);
    }
  td_plan_commit (f.plan);
  gui_spin ();
  conf = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpint (convened (conf), ==, 151);

  /* The page follows the rules at once, */
  pos = find_violation (model, "R-CAP1", CONFERENCE);
  g_assert_cmpint (pos, >=, 0);
  g_assert_cmpuint (td_problems_model_get_count (TD_PROBLEMS_MODEL (model), TD_SEVERITY_ERROR), ==, errors0 + 1);
  g_assert_cmpint (td_rules_get_worst_severity (rules, CONFERENCE), ==, TD_SEVERITY_ERROR);
  v = g_list_model_get_item (model, pos);
  g_assert_cmpint (v->severity, ==, TD_SEVERITY_ERROR);
  /* under the conference's header, errors first. */
  for (int i = pos - 1; i >= 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TD_IS_PROBLEMS_HEADER (item))
        {
          header = g_steal_pointer (&item);
          break;
        }
      g_assert_cmpint (TD_VIOLATION (item)->severity, ==, TD_SEVERITY_ERROR);
    }
  g_assert_nonnull (header);
  g_assert_cmpstr (TD_PROBLEMS_HEADER (header)->conference, ==, CONFERENCE);
  g_assert_cmpstr (TD_PROBLEMS_HEADER (header)->title, ==, td_plan_get_unit (f.plan, conf->unit)->name);
  g_assert_cmpint (TD_PROBLEMS_HEADER (header)->worst, ==, TD_SEVERITY_ERROR);

  /* Only errors: the row is on screen with its message. */
  errors = gui_find_named (GTK_WIDGET (problems_page (&f)), "problems-errors");
  g_assert_nonnull (errors);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (errors), TRUE);
  g_assert_cmpint (td_problems_model_get_filter (TD_PROBLEMS_MODEL (model)), ==, TD_SEVERITY_ERROR);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TD_IS_VIOLATION (item))
        g_assert_cmpint (TD_VIOLATION (item)->severity, ==, TD_SEVERITY_ERROR);
    }
  pos = find_violation (model, "R-CAP1", CONFERENCE);
  g_assert_cmpint (pos, >=, 0);
  list_view = gui_find_named (GTK_WIDGET (problems_page (&f)), "problems-list");
  g_assert_nonnull (list_view);
  search.root = list_view;
  search.text = v->message;
  g_assert_true (spin_until (label_shown, &search));

  /* Activating it shows the conference on the units page. */
  g_signal_emit_by_name (list_view, "activate", (guint) pos);
  gui_spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "units");
  {
    TdUnitsPage *units = TD_UNITS_PAGE (gui_find_type (GTK_WIDGET (f.window), TD_TYPE_UNITS_PAGE));

    g_assert_nonnull (td_units_page_get_selected_unit (units));
    g_assert_cmpstr (td_units_page_get_selected_unit (units)->id, ==, conf->unit);
  }

  /* The unit tree and the conference editor say so too. */
  gui_spin ();
  {
    GtkWidget *units = gui_find_type (GTK_WIDGET (f.window), TD_TYPE_UNITS_PAGE);
    const char *unit_name = td_plan_get_unit (f.plan, conf->unit)->name;
    GtkWidget *total = gui_find_named (units, "composition-total");
    GtkWidget *problems = gui_find_named (units, "conference-problems");

    g_assert_cmpstr (tree_icon (units, unit_name), ==, td_severity_label (TD_SEVERITY_ERROR));
    g_assert_nonnull (total);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "151 / 150");
    g_assert_true (has_class (total, "error"));
    g_assert_nonnull (problems);
    g_assert_true (gtk_widget_get_visible (problems));
    search.root = problems;
    g_assert_true (spin_until (label_shown, &search));
  }

  /* One delegate fewer: the problem goes. */
  td_plan_begin (f.plan, "Remove a delegate");
  td_plan_touch (f.plan, conf);
  g_array_remove_index (conf->delegates, conf->delegates->len - 1);
  td_plan_commit (f.plan);
  gui_spin ();
  g_assert_cmpint (convened (td_plan_get_conference (f.plan, CONFERENCE)), ==, 150);
  g_assert_cmpint (find_violation (model, "R-CAP1", CONFERENCE), <, 0);
  g_assert_cmpuint (td_problems_model_get_count (TD_PROBLEMS_MODEL (model), TD_SEVERITY_ERROR), ==, errors0);
  gui_spin ();
  {
    GtkWidget *units = gui_find_type (GTK_WIDGET (f.window), TD_TYPE_UNITS_PAGE);
    GtkWidget *total = gui_find_named (units, "composition-total");
    TdSeverity worst = td_rules_get_worst_severity (rules, CONFERENCE);
    const char *icon = tree_icon (units, td_plan_get_unit (f.plan, conf->unit)->name);

    g_assert_cmpint (worst, <, TD_SEVERITY_ERROR);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "150 / 150");
    g_assert_false (has_class (total, "error"));
    if (worst == TD_SEVERITY_NONE)
      g_assert_null (icon);
    else
      g_assert_cmpstr (icon, ==, td_severity_label (worst));
    search.root = gui_find_named (units, "conference-problems");
    g_assert_false (has_label (search.root, v->message));
  }

  /* and comes back with an undo. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL);
  gui_spin ();
  g_assert_cmpint (find_violation (model, "R-CAP1", CONFERENCE), >=, 0);

  gui_fixture_close (&f);
}

/* The sample's problems: every one listed once, groups by worst severity, errors first within. */
static void
test_order_and_filter (void)
{
  GuiFixture f = { 0 };
  TdRules *rules;
  GListModel *model, *all;
  TdSeverity previous_group = TD_SEVERITY_ERROR;
  TdSeverity previous = TD_SEVERITY_ERROR;
  guint n_violations = 0, counted = 0;
  GtkWidget *stack_widget;

  gui_fixture_open (&f, 1280, 800);
  rules = td_plan_window_get_rules (f.window);
  all = td_rules_get_model (rules);
  model = td_problems_page_get_model (problems_page (&f));
  g_assert_cmpuint (g_list_model_get_n_items (all), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TD_IS_PROBLEMS_HEADER (item))
        {
          TdProblemsHeader *h = TD_PROBLEMS_HEADER (item);

          g_assert_cmpint (h->worst, <=, previous_group);
          previous_group = h->worst;
          previous = h->worst;
          continue;
        }
      g_assert_true (i > 0);
      g_assert_cmpint (TD_VIOLATION (item)->severity, <=, previous);
      previous = TD_VIOLATION (item)->severity;
      n_violations++;
    }
  g_assert_cmpuint (n_violations, ==, g_list_model_get_n_items (all));

  for (TdSeverity s = TD_SEVERITY_INFO; s <= TD_SEVERITY_ERROR; s++)
    counted += td_problems_model_get_count (TD_PROBLEMS_MODEL (model), s);
  g_assert_cmpuint (counted, ==, g_list_model_get_n_items (all));
  g_assert_cmpuint (td_problems_model_get_count (TD_PROBLEMS_MODEL (model), TD_SEVERITY_NONE), ==, counted);

  /* Warnings only: nothing else, and all of them. */
  td_problems_page_set_filter (problems_page (&f), TD_SEVERITY_WARNING);
  n_violations = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TD_IS_VIOLATION (item))
        {
          g_assert_cmpint (TD_VIOLATION (item)->severity, ==, TD_SEVERITY_WARNING);
          n_violations++;
        }
    }
  g_assert_cmpuint (n_violations, ==, td_problems_model_get_count (TD_PROBLEMS_MODEL (model), TD_SEVERITY_WARNING));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                   gui_find_named (GTK_WIDGET (problems_page (&f)), "problems-warnings"))));

  stack_widget = gui_find_type (GTK_WIDGET (problems_page (&f)), GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack_widget)), ==, "list");

  gui_fixture_close (&f);
}

/* A plan that checks clean shows the empty state; its first problem replaces it. */
static void
test_empty (void)
{
  g_autoptr(TdPlan) plan = td_plan_new_empty ();
  TdProblemsPage *page = g_object_ref_sink (g_object_new (TD_TYPE_PROBLEMS_PAGE, NULL));
  GtkStack *stack;
  TdUnit *unit;
  TdConference *conf;

  td_problems_page_set_plan (page, plan);
  stack = GTK_STACK (gui_find_type (GTK_WIDGET (page), GTK_TYPE_STACK));
  g_assert_cmpuint (g_list_model_get_n_items (td_problems_page_get_model (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* A grassroots unit of 250 staff holding a plenary conference breaks R-MODE. */
  td_plan_begin (plan, "Add");
  unit = td_unit_new ("u", "Xã Thử Nghiệm", TD_LEVEL_GRASSROOTS, NULL);
  unit->staff = 250;
  td_plan_add_unit (plan, unit, -1);
  conf = td_conference_new ("c", "u");
  conf->mode = TD_MODE_PLENARY;
  td_plan_add_conference (plan, conf);
  td_plan_commit (plan);
  g_object_unref (unit);
  g_object_unref (conf);

  g_assert_cmpint (find_violation (td_problems_page_get_model (page), "R-MODE", "c"), >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* Information only: the filter leaves nothing and says so. */
  td_problems_page_set_filter (page, TD_SEVERITY_INFO);
  if (td_problems_model_get_count (TD_PROBLEMS_MODEL (td_problems_page_get_model (page)), TD_SEVERITY_INFO) == 0)
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "filtered");
  else
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  td_problems_page_set_filter (page, TD_SEVERITY_NONE);

  td_plan_undo (plan);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_object_unref (page);
}

int
main (int argc, char **argv)
{
  gboolean display;

  /* English strings and numbers whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  display = gtk_init_check ();
  if (display)
    adw_init ();

  g_test_add_func ("/problems/state/cap", test_state_cap);
  g_test_add_func ("/problems/state/mix", test_state_mix);
  g_test_add_func ("/problems/state/people", test_state_people);
  if (display)
    {
      g_test_add_func ("/problems/view/classes", test_view_classes);
      g_test_add_func ("/problems/page/empty", test_empty);
      g_test_add_func ("/problems/page/order-and-filter", test_order_and_filter);
      g_test_add_func ("/problems/page/cap-loop", test_cap_loop);
    }
  else
    g_print ("# the widget tests need a display (run under xvfb-run and dbus-run-session)\n");
  return g_test_run ();
}
