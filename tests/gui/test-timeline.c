/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Timeline page in a real plan window on the sample plan: hit-testing at the layout's
 * coordinates, a conference dragged by one day through the view's own drag handlers (and the
 * undo), keyboard focus in time order, Enter opening the conference, collapsing from the label
 * column, zoom keeping the date under the pointer.
 *
 *   test-timeline --show [plan|quarter|month] [dark] [drag] [collapse]
 * shows the page instead, for screenshots. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <stdlib.h>

#include "td-application.h"
#include "td-date.h"
#include "td-plan-window.h"
#include "td-store.h"
#include "td-timeline-page.h"
#include "td-units-page.h"

typedef struct
{
  char           *dir;
  TdApplication  *app;
  TdPlanWindow   *window;
  TdTimelinePage *page;
  TdTimelineView *view;
  TdPlan         *plan;
} Fixture;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
spin_until_allocated (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      if (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 300)
        return TRUE;
    }
  return FALSE;
}

static TdApplication *app;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) sample = td_plan_new_sample (&error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("td-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sample.thidua", NULL);
  g_assert_true (td_plan_save_file (sample, path, FALSE, &error));
  g_assert_no_error (error);

  /* One application for the whole run: the windows find it as the default application. */
  if (app == NULL)
    {
      app = td_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  f->app = app;

  f->window = td_plan_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  file = g_file_new_for_path (path);
  g_assert_true (td_plan_window_load_file (f->window, file));
  f->plan = td_plan_window_get_plan (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "timeline");

  f->page = TD_TIMELINE_PAGE (find_widget (GTK_WIDGET (f->window), TD_TYPE_TIMELINE_PAGE));
  g_assert_nonnull (f->page);
  f->view = td_timeline_page_get_view (f->page);
  g_assert_true (spin_until_allocated (GTK_WIDGET (f->view)));
  g_assert_nonnull (td_timeline_view_get_layout (f->view));
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The store first: it would otherwise disconnect from a plan the window already dropped. */
  if (td_plan_window_get_store (f->window) != NULL)
    td_store_close (td_plan_window_get_store (f->window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  rm_rf (f->dir);
  g_free (f->dir);
}

/* Scrolls a marker into view and returns where it is drawn, in the view's coordinates. */
static void
marker_position (Fixture              *f,
                 const TdTimelineItem *item,
                 double               *x,
                 double               *y)
{
  td_timeline_view_scroll_to (f->view, item->x, item->y);
  spin (30);
  g_assert_true (td_timeline_view_content_to_widget (f->view, item->x, item->y, x, y));
}

/* A conference marker that is alone on its row near its date: the hit test must find it, not a
 * neighbour. */
static const TdTimelineItem *
pick_conference (TdTimelineLayout *layout)
{
  const TdTimelineItem * const *order;
  guint n;

  order = td_timeline_layout_get_marker_order (layout, &n);
  g_assert_cmpuint (n, >, 10);
  for (guint i = n / 3; i < n; i++)
    {
      const TdTimelineItem * const *row;
      guint n_row, neighbours = 0;

      row = td_timeline_layout_get_row_items (layout, order[i]->row, &n_row);
      for (guint k = 0; k < n_row; k++)
        if (row[k] != order[i] && ABS (row[k]->x - order[i]->x) < 3 * order[i]->bounds.width)
          neighbours++;
      if (neighbours == 0)
        return order[i];
    }
  g_assert_not_reached ();
}

static void
test_hit_test (Fixture       *f,
               gconstpointer  data)
{
  for (TdTimelineViewZoom zoom = TD_TIMELINE_VIEW_ZOOM_PLAN; zoom <= TD_TIMELINE_VIEW_ZOOM_MONTH; zoom++)
    {
      TdTimelineLayout *layout;
      const TdTimelineItem *item, *hit;
      g_autofree char *id = NULL;
      double x, y;

      td_timeline_view_set_zoom (f->view, zoom);
      layout = td_timeline_view_get_layout (f->view);
      item = pick_conference (layout);
      id = g_strdup (item->id);
      marker_position (f, item, &x, &y);

      hit = td_timeline_view_item_at (f->view, x, y);
      g_assert_nonnull (hit);
      g_assert_cmpint (hit->kind, ==, TD_TIMELINE_ITEM_CONFERENCE);
      g_assert_cmpstr (hit->id, ==, id);
      /* Off the marker, on the same row: nothing there (the row is empty around it). */
      hit = td_timeline_view_item_at (f->view, x, y + item->bounds.height);
      g_assert_true (hit == NULL || g_strcmp0 (hit->id, id) != 0);
      /* The labels column is not the timeline. */
      g_assert_null (td_timeline_view_item_at (f->view, 5, y));
    }
}

static void
test_drag_one_day (Fixture       *f,
                   gconstpointer  data)
{
  TdTimelineLayout *layout;
  const TdTimelineItem *item;
  TdConference *conference;
  g_autofree char *id = NULL;
  TdDate original, preview = TD_DATE_NONE;
  TdSeverity verdict;
  double x, y, ppd;

  td_timeline_view_set_zoom (f->view, TD_TIMELINE_VIEW_ZOOM_MONTH);
  layout = td_timeline_view_get_layout (f->view);
  item = pick_conference (layout);
  id = g_strdup (item->id);
  conference = td_plan_get_conference (f->plan, id);
  g_assert_nonnull (conference);
  original = conference->date;
  g_assert_cmpuint (item->date, ==, original);
  marker_position (f, item, &x, &y);
  ppd = td_timeline_view_get_pixels_per_day (f->view);
  g_assert_cmpfloat (ppd, >, 10);

  td_timeline_view_drag_begin_for_test (f->view, x, y);
  td_timeline_view_drag_update_for_test (f->view, ppd * 0.4, 0);
  /* Less than half a day: still the same day, but the drag has started. */
  g_assert_true (td_timeline_view_get_drag_preview (f->view, &preview, &verdict));
  g_assert_cmpuint (preview, ==, original);
  td_timeline_view_drag_update_for_test (f->view, ppd * 1.1, 2);
  g_assert_true (td_timeline_view_get_drag_preview (f->view, &preview, &verdict));
  g_assert_cmpuint (preview, ==, original + 1);
  /* Nothing is edited before the drop. */
  g_assert_cmpuint (conference->date, ==, original);
  g_assert_false (td_plan_in_edit (f->plan));
  spin (30);  /* draws the preview once */
  td_timeline_view_drag_end_for_test (f->view, ppd * 1.1, 2);
  g_assert_false (td_timeline_view_get_drag_preview (f->view, NULL, NULL));

  conference = td_plan_get_conference (f->plan, id);
  g_assert_cmpuint (conference->date, ==, original + 1);
  g_assert_true (td_plan_can_undo (f->plan));
  /* The timeline follows the model. */
  item = td_timeline_layout_find_conference (td_timeline_view_get_layout (f->view), id);
  g_assert_nonnull (item);
  g_assert_cmpuint (item->date, ==, original + 1);
  g_assert_cmpstr (td_timeline_view_get_focused (f->view), ==, id);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  conference = td_plan_get_conference (f->plan, id);
  g_assert_cmpuint (conference->date, ==, original);
  item = td_timeline_layout_find_conference (td_timeline_view_get_layout (f->view), id);
  g_assert_cmpuint (item->date, ==, original);
  g_assert_false (td_plan_can_undo (f->plan));
}

static void
test_drag_back_no_edit (Fixture       *f,
                        gconstpointer  data)
{
  const TdTimelineItem *item;
  g_autofree char *id = NULL;
  TdDate original;
  double x, y, ppd, h_before;
  GtkAdjustment *hadj;

  td_timeline_view_set_zoom (f->view, TD_TIMELINE_VIEW_ZOOM_MONTH);
  item = pick_conference (td_timeline_view_get_layout (f->view));
  id = g_strdup (item->id);
  original = item->date;
  marker_position (f, item, &x, &y);
  ppd = td_timeline_view_get_pixels_per_day (f->view);

  /* Out and back to the same day: no edit, no undo step. */
  td_timeline_view_drag_begin_for_test (f->view, x, y);
  td_timeline_view_drag_update_for_test (f->view, -3 * ppd, 0);
  g_assert_true (td_timeline_view_get_drag_preview (f->view, NULL, NULL));
  td_timeline_view_drag_end_for_test (f->view, 0.2 * ppd, 0);
  g_assert_cmpuint (td_plan_get_conference (f->plan, id)->date, ==, original);
  g_assert_false (td_plan_can_undo (f->plan));

  /* Dragging the background pans instead. */
  hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));
  gtk_adjustment_set_value (hadj, gtk_adjustment_get_upper (hadj) / 2);
  h_before = gtk_adjustment_get_value (hadj);
  x = gtk_widget_get_width (GTK_WIDGET (f->view)) - 3;
  y = gtk_widget_get_height (GTK_WIDGET (f->view)) - 3;
  g_assert_null (td_timeline_view_item_at (f->view, x, y));
  td_timeline_view_drag_begin_for_test (f->view, x, y);
  td_timeline_view_drag_update_for_test (f->view, -100, 0);
  g_assert_false (td_timeline_view_get_drag_preview (f->view, NULL, NULL));
  td_timeline_view_drag_end_for_test (f->view, -100, 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (hadj), h_before + 100, 0.5);
  g_assert_false (td_plan_can_undo (f->plan));
}

static void
test_keyboard_order (Fixture       *f,
                     gconstpointer  data)
{
  TdTimelineLayout *layout = td_timeline_view_get_layout (f->view);
  const TdTimelineItem * const *order;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  TdDate last = TD_DATE_NONE;
  guint n;

  order = td_timeline_layout_get_marker_order (layout, &n);
  g_assert_cmpuint (n, >, 10);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline-view.first", NULL);
  g_ptr_array_add (seen, g_strdup (td_timeline_view_get_focused (f->view)));
  for (guint i = 1; i < n + 2; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline-view.next", NULL);
      g_ptr_array_add (seen, g_strdup (td_timeline_view_get_focused (f->view)));
    }
  /* Right walks the markers in time order and stops at the last. */
  for (guint i = 0; i < n; i++)
    {
      TdConference *conference = td_plan_get_conference (f->plan, g_ptr_array_index (seen, i));

      g_assert_cmpstr (g_ptr_array_index (seen, i), ==, order[i]->id);
      g_assert_cmpuint (conference->date, >=, last);
      last = conference->date;
    }
  g_assert_cmpstr (g_ptr_array_index (seen, n), ==, order[n - 1]->id);
  g_assert_cmpstr (g_ptr_array_index (seen, n + 1), ==, order[n - 1]->id);
  /* Left walks back. */
  for (guint i = n - 1; i > n - 6; i--)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline-view.previous", NULL);
      g_assert_cmpstr (td_timeline_view_get_focused (f->view), ==, order[i - 1]->id);
    }
}

static void
test_enter_opens (Fixture       *f,
                  gconstpointer  data)
{
  TdTimelineLayout *layout = td_timeline_view_get_layout (f->view);
  const TdTimelineItem * const *order;
  AdwViewStack *stack;
  g_autofree char *id = NULL;
  g_autofree char *unit = NULL;
  guint n;

  order = td_timeline_layout_get_marker_order (layout, &n);
  id = g_strdup (order[n / 2]->id);
  unit = g_strdup (order[n / 2]->unit_id);
  td_timeline_view_focus_conference (f->view, id);
  g_assert_cmpstr (td_timeline_view_get_focused (f->view), ==, id);
  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline-view.activate", NULL);
  spin (50);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "units");
  {
    TdUnitsPage *units = TD_UNITS_PAGE (adw_view_stack_get_child_by_name (stack, "units"));
    TdUnit *selected = td_units_page_get_selected_unit (units);

    g_assert_nonnull (selected);
    g_assert_cmpstr (selected->id, ==, unit);
  }
}

static void
test_collapse_click (Fixture       *f,
                     gconstpointer  data)
{
  TdTimelineLayout *layout = td_timeline_view_get_layout (f->view);
  guint n_rows = td_timeline_layout_get_n_rows (layout);
  guint n_markers, n_after;
  int index = td_timeline_layout_find_row (layout, "level:grassroots");
  const TdTimelineRow *row;
  double y;

  g_assert_cmpint (index, >=, 0);
  td_timeline_layout_get_marker_order (layout, &n_markers);
  row = td_timeline_layout_get_row (layout, index);
  g_assert_true (row->collapsible);
  g_assert_false (row->collapsed);
  td_timeline_view_scroll_to (f->view, 0, row->y);
  spin (30);
  td_timeline_view_content_to_widget (f->view, 0, row->y + row->height / 2, NULL, &y);

  /* A click on its disclosure in the labels column. */
  td_timeline_view_drag_begin_for_test (f->view, 8, y);
  td_timeline_view_drag_end_for_test (f->view, 0, 0);
  g_assert_true (g_hash_table_contains (td_timeline_view_get_collapsed (f->view), "level:grassroots"));
  layout = td_timeline_view_get_layout (f->view);
  row = td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "level:grassroots"));
  g_assert_true (row->collapsed);
  g_assert_cmpuint (td_timeline_layout_get_n_rows (layout), <, n_rows);
  /* Collapsing hides rows, never conferences. */
  td_timeline_layout_get_marker_order (layout, &n_after);
  g_assert_cmpuint (n_after, ==, n_markers);

  td_timeline_view_scroll_to (f->view, 0, row->y);
  spin (30);
  td_timeline_view_content_to_widget (f->view, 0, row->y + row->height / 2, NULL, &y);
  td_timeline_view_drag_begin_for_test (f->view, 8, y);
  td_timeline_view_drag_end_for_test (f->view, 0, 0);
  g_assert_false (g_hash_table_contains (td_timeline_view_get_collapsed (f->view), "level:grassroots"));
  g_assert_cmpuint (td_timeline_layout_get_n_rows (td_timeline_view_get_layout (f->view)), ==, n_rows);
}

static GtkToggleButton *
find_zoom_button (GtkWidget  *root,
                  const char *target)
{
  if (GTK_IS_TOGGLE_BUTTON (root))
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
        return GTK_TOGGLE_BUTTON (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_zoom_button (child, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkToggleButton *
zoom_button (Fixture    *f,
             const char *target)
{
  GtkToggleButton *button = find_zoom_button (GTK_WIDGET (f->page), target);

  g_assert_nonnull (button);
  return button;
}

static void
test_zoom_anchor (Fixture       *f,
                  gconstpointer  data)
{
  TdTimelineLayout *layout;
  double width = gtk_widget_get_width (GTK_WIDGET (f->view));
  double anchor = width * 0.7;
  double ppd, cx, cy, h;
  TdDate before;
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));

  td_timeline_view_set_zoom (f->view, TD_TIMELINE_VIEW_ZOOM_QUARTER);
  g_assert_cmpint (td_timeline_view_get_zoom (f->view), ==, TD_TIMELINE_VIEW_ZOOM_QUARTER);
  gtk_adjustment_set_value (hadj, gtk_adjustment_get_upper (hadj) / 3);
  layout = td_timeline_view_get_layout (f->view);
  ppd = td_timeline_layout_get_pixels_per_day (layout);
  /* Content x under the anchor: the labels column is on the left of the view. */
  td_timeline_view_content_to_widget (f->view, 0, 0, &cx, &cy);
  h = anchor - cx;
  before = td_timeline_layout_date_at_x (layout, h);

  td_timeline_view_zoom_by (f->view, 2.0, anchor);
  g_assert_cmpint (td_timeline_view_get_zoom (f->view), ==, TD_TIMELINE_VIEW_ZOOM_CUSTOM);
  layout = td_timeline_view_get_layout (f->view);
  g_assert_cmpfloat_with_epsilon (td_timeline_layout_get_pixels_per_day (layout), ppd * 2, 1e-6);
  td_timeline_view_content_to_widget (f->view, 0, 0, &cx, &cy);
  g_assert_cmpuint (td_timeline_layout_date_at_x (layout, anchor - cx), ==, before);

  /* Zooming far out stops at the whole plan. */
  td_timeline_view_zoom_by (f->view, 0.001, anchor);
  g_assert_cmpint (td_timeline_view_get_zoom (f->view), ==, TD_TIMELINE_VIEW_ZOOM_PLAN);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), <=, gtk_adjustment_get_page_size (hadj) + 1);
  /* The zoom buttons follow, and drive the view. */
  spin (30);
  g_assert_true (gtk_toggle_button_get_active (zoom_button (f, "plan")));
  g_assert_false (gtk_toggle_button_get_active (zoom_button (f, "month")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "timeline.zoom", "s", "month");
  g_assert_cmpint (td_timeline_view_get_zoom (f->view), ==, TD_TIMELINE_VIEW_ZOOM_MONTH);
  spin (30);
  g_assert_true (gtk_toggle_button_get_active (zoom_button (f, "month")));
  g_assert_false (gtk_toggle_button_get_active (zoom_button (f, "plan")));
  /* A custom zoom is none of the three. */
  td_timeline_view_zoom_by (f->view, 1.3, anchor);
  spin (30);
  g_assert_false (gtk_toggle_button_get_active (zoom_button (f, "plan")));
  g_assert_false (gtk_toggle_button_get_active (zoom_button (f, "quarter")));
  g_assert_false (gtk_toggle_button_get_active (zoom_button (f, "month")));
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The export runs in a thread: the button is insensitive until it is done. */
static void
export_and_wait (Fixture    *f,
                 const char *path)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (f->page), "timeline.export");
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  td_timeline_page_export (f->page, path);
  g_assert_false (gtk_widget_get_sensitive (button));
  while (!gtk_widget_get_sensitive (button) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_sensitive (button));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "timeline", NULL);
  g_autofree char *pdf = g_strconcat (path, ".pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no such folder", "timeline.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  double width, height;

  export_and_wait (f, path);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  uri = g_filename_to_uri (pdf, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  /* The sample spans six quarters: more than one A4 landscape page. */
  g_assert_cmpint (poppler_document_get_n_pages (document), >, 1);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (width, >, height);
  g_object_unref (page);
  g_object_unref (document);
  g_unlink (pdf);

  /* A failure ends the export too (the toast says why), with nothing written. */
  export_and_wait (f, bad);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* Tooltips: emitted as GTK does on hover. A markup error in one would be a warning, fatal
 * in tests. */
static gboolean
query_tooltip (Fixture *f,
               double   x,
               double   y)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (f->view, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
  return shown;
}

static void
test_tooltips (Fixture       *f,
               gconstpointer  data)
{
  TdTimelineLayout *layout;
  gboolean conference = FALSE, milestone = FALSE, commemoration = FALSE;
  double x, y;

  td_timeline_view_set_zoom (f->view, TD_TIMELINE_VIEW_ZOOM_PLAN);
  layout = td_timeline_view_get_layout (f->view);
  for (guint i = 0; i < td_timeline_layout_get_n_items (layout); i++)
    {
      const TdTimelineItem *item = td_timeline_layout_get_item (layout, i);
      gboolean *seen = item->kind == TD_TIMELINE_ITEM_CONFERENCE ? &conference
                       : item->kind == TD_TIMELINE_ITEM_MILESTONE ? &milestone : &commemoration;

      if (*seen || !td_timeline_view_content_to_widget (f->view, item->x, item->y, &x, &y))
        continue;
      if (td_timeline_view_item_at (f->view, x, y) != item)
        continue;  /* overlapped by a neighbour */
      g_assert_true (query_tooltip (f, x, y));
      *seen = TRUE;
    }
  g_assert_true (conference && milestone && commemoration);

  /* A lane label, and empty space. */
  g_assert_true (td_timeline_view_content_to_widget (f->view, 0, 0, &x, &y));
  {
    const TdTimelineRow *row = td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "level:grassroots"));

    td_timeline_view_content_to_widget (f->view, 0, row->y + 4, NULL, &y);
    g_assert_true (query_tooltip (f, 20, y));
  }
  x = gtk_widget_get_width (GTK_WIDGET (f->view)) - 2;
  y = gtk_widget_get_height (GTK_WIDGET (f->view)) - 2;
  if (td_timeline_view_item_at (f->view, x, y) == NULL)
    g_assert_false (query_tooltip (f, x, y));
}

/* --show: the page for screenshots */

static int
show (int    argc,
      char **argv)
{
  Fixture f = { 0 };
  TdTimelineViewZoom zoom = TD_TIMELINE_VIEW_ZOOM_PLAN;
  gboolean collapse = FALSE;
  int drag = 0;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "quarter"))
        zoom = TD_TIMELINE_VIEW_ZOOM_QUARTER;
      else if (g_str_equal (argv[i], "month"))
        zoom = TD_TIMELINE_VIEW_ZOOM_MONTH;
      else if (g_str_equal (argv[i], "dark"))
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      else if (g_str_has_prefix (argv[i], "drag"))
        drag = argv[i][4] == '=' ? atoi (argv[i] + 5) : 9;
      else if (g_str_equal (argv[i], "collapse"))
        collapse = TRUE;
    }
  fixture_set_up (&f, NULL);
  gtk_window_maximize (GTK_WINDOW (f.window));
  spin (300);
  td_timeline_view_set_zoom (f.view, zoom);
  if (collapse)
    td_timeline_view_set_collapsed (f.view, "level:upper", TRUE);
  if (drag)
    {
      const TdTimelineItem *item = pick_conference (td_timeline_view_get_layout (f.view));
      double x, y, ppd = td_timeline_view_get_pixels_per_day (f.view);

      marker_position (&f, item, &x, &y);
      td_timeline_view_drag_begin_for_test (f.view, x, y);
      td_timeline_view_drag_update_for_test (f.view, MAX (ppd * drag, 40), 0);
    }
  else
    {
      const TdTimelineItem * const *order;
      guint n;

      order = td_timeline_layout_get_marker_order (td_timeline_view_get_layout (f.view), &n);
      gtk_widget_grab_focus (GTK_WIDGET (f.view));
      if (n > 0 && zoom != TD_TIMELINE_VIEW_ZOOM_PLAN)
        td_timeline_view_focus_conference (f.view, order[n / 2]->id);
    }
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *display = g_getenv ("DISPLAY");
  g_autofree char *home = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GDK_DEBUG", "no-portals", FALSE);
  if (argc > 1 && g_str_equal (argv[1], "--show"))
    {
      /* Translated, as the application is (shoot sets LANGUAGE=vi). */
      bindtextdomain (GETTEXT_PACKAGE, td_application_locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      gtk_init ();
      adw_init ();
      return show (argc, argv);
    }

  g_test_init (&argc, &argv, NULL);
  if ((display == NULL || *display == '\0') && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_message ("No display: skipped");
      return 77;
    }
  /* The plans folder of the application goes to a private place. */
  home = g_dir_make_tmp ("td-timeline-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  gtk_init ();
  adw_init ();

  g_test_add ("/timeline/hit-test", Fixture, NULL, fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/timeline/drag-one-day", Fixture, NULL, fixture_set_up, test_drag_one_day, fixture_tear_down);
  g_test_add ("/timeline/drag-back-and-pan", Fixture, NULL, fixture_set_up, test_drag_back_no_edit, fixture_tear_down);
  g_test_add ("/timeline/keyboard-order", Fixture, NULL, fixture_set_up, test_keyboard_order, fixture_tear_down);
  g_test_add ("/timeline/enter-opens", Fixture, NULL, fixture_set_up, test_enter_opens, fixture_tear_down);
  g_test_add ("/timeline/collapse-click", Fixture, NULL, fixture_set_up, test_collapse_click, fixture_tear_down);
  g_test_add ("/timeline/tooltips", Fixture, NULL, fixture_set_up, test_tooltips, fixture_tear_down);
  g_test_add ("/timeline/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/timeline/zoom-anchor", Fixture, NULL, fixture_set_up, test_zoom_anchor, fixture_tear_down);
  status = g_test_run ();
  rm_rf (home);
  return status;
}
