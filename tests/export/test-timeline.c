/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "td-date.h"
#include "td-error.h"
#include "td-plan.h"
#include "td-timeline.h"

#if !POPPLER_CHECK_VERSION (25, 6, 0)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontsIter, poppler_fonts_iter_free)
#endif

static char *tmpdir;

static TdDate
D (int y, int m, int d)
{
  TdDate date = td_date_new (y, m, d);

  g_assert_cmpuint (date, !=, TD_DATE_NONE);
  return date;
}

static void
add_unit (TdPlan *plan, const char *id, const char *name, TdLevel level, const char *parent)
{
  TdUnit *unit = td_unit_new (id, name, level, parent);

  td_plan_load_add_unit (plan, unit);
  g_object_unref (unit);
}

static TdConference *
add_conference (TdPlan *plan, const char *id, const char *unit, TdDate date, gboolean pilot)
{
  TdConference *c = td_conference_new (id, unit);

  c->date = date;
  c->pilot = pilot;
  g_free (c->form);
  c->form = g_strdup ("Hội nghị Điển hình tiên tiến");
  td_plan_load_add_conference (plan, c);
  g_object_unref (c);
  return td_plan_get_conference (plan, id);
}

/* Province → two upper units → three grassroots units; milestones from October 2019 to
 * December 2020 (M1 and M8 of rules.md). */
static TdPlan *
make_plan (void)
{
  TdPlan *plan = td_plan_new_empty ();

  g_free (plan->issuer);
  plan->issuer = g_strdup ("UBND TỈNH TÂY NINH");
  g_free (plan->number);
  plan->number = g_strdup ("121/KH-UBND");
  g_free (plan->place);
  plan->place = g_strdup ("Tây Ninh");
  plan->date = D (2019, 7, 31);
  g_free (plan->title);
  plan->title = g_strdup ("Tổ chức Hội nghị Điển hình tiên tiến các cấp");

  g_ptr_array_add (plan->milestones, td_milestone_new ("M1", "Dự thảo kế hoạch Đại hội", "Sở Nội vụ",
                                                       D (2019, 10, 1), D (2019, 10, 31)));
  g_ptr_array_add (plan->milestones, td_milestone_new ("M2", "Phát động đợt thi đua đặc biệt", "Sở Nội vụ",
                                                       D (2019, 10, 1), D (2019, 10, 31)));
  g_ptr_array_add (plan->milestones, td_milestone_new ("M8", "Đại hội toàn quốc lần thứ X", "HĐTĐKT Trung ương",
                                                       D (2020, 12, 9), D (2020, 12, 10)));
  g_ptr_array_add (plan->commemorations, td_commemoration_new (D (2020, 2, 3), "90 năm thành lập Đảng", FALSE));
  g_ptr_array_add (plan->commemorations, td_commemoration_new (D (1948, 6, 11), "Ngày truyền thống thi đua yêu nước", TRUE));

  add_unit (plan, "tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL);
  add_unit (plan, "godau", "Huyện Gò Dầu", TD_LEVEL_UPPER, "tn");
  add_unit (plan, "so-a", "Sở Văn hóa, Thể thao và Du lịch", TD_LEVEL_UPPER, "tn");
  add_unit (plan, "x1", "UBND xã Thanh Phước", TD_LEVEL_GRASSROOTS, "godau");
  add_unit (plan, "x2", "UBND xã Phước Đông", TD_LEVEL_GRASSROOTS, "godau");
  add_unit (plan, "y1", "Thư viện tỉnh", TD_LEVEL_GRASSROOTS, "so-a");

  add_conference (plan, "c-x1", "x1", D (2020, 2, 10), TRUE);
  add_conference (plan, "c-x2", "x2", D (2020, 3, 31), FALSE);
  add_conference (plan, "c-y1", "y1", D (2020, 1, 14), FALSE);
  add_conference (plan, "c-godau", "godau", D (2020, 5, 12), TRUE);
  add_conference (plan, "c-tn", "tn", D (2020, 8, 20), FALSE);
  return plan;
}

static TdTimelineLayout *
make_layout (TdPlan *plan, TdTimelineZoom zoom, GHashTable *collapsed)
{
  TdTimelineOptions options;

  td_timeline_options_init (&options);
  options.zoom = zoom;
  options.viewport_width = 1000;
  options.collapsed = collapsed;
  options.vietnamese = TRUE;
  return td_timeline_layout_new (plan, &options);
}

static void
test_range_and_zoom (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  const TdTimelineZoom zooms[] = { TD_TIMELINE_ZOOM_PLAN, TD_TIMELINE_ZOOM_QUARTER, TD_TIMELINE_ZOOM_MONTH };
  /* 1 October 2019 to 31 December 2020: 92 days of Q4 2019, and 2020 is a leap year. */
  const guint n_days = 92 + 366;
  const double expected_ppd[] = { 1000.0 / n_days, 1000.0 / 92, 1000.0 / 31 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(TdTimelineLayout) layout = make_layout (plan, zooms[z], NULL);
      double ppd = td_timeline_layout_get_pixels_per_day (layout);
      const TdTimelineItem *c;

      g_assert_cmpuint (td_timeline_layout_get_start (layout), ==, D (2019, 10, 1));
      g_assert_cmpuint (td_timeline_layout_get_end (layout), ==, D (2020, 12, 31));
      g_assert_cmpuint (td_timeline_layout_get_n_days (layout), ==, n_days);
      g_assert_cmpfloat_with_epsilon (ppd, expected_ppd[z], 1e-9);
      g_assert_cmpfloat_with_epsilon (td_timeline_layout_get_width (layout), n_days * ppd, 1e-6);

      g_assert_cmpfloat (td_timeline_layout_x_for_date (layout, D (2019, 10, 1)), ==, 0);
      g_assert_cmpfloat_with_epsilon (td_timeline_layout_x_for_date (layout, D (2020, 1, 1)), 92 * ppd, 1e-6);
      g_assert_cmpfloat_with_epsilon (td_timeline_layout_x_for_date (layout, D (2020, 3, 1)),
                                      (92 + 31 + 29) * ppd, 1e-6);

      /* A conference marker sits in the middle of its day's column. */
      c = td_timeline_layout_find_conference (layout, "c-x1");
      g_assert_nonnull (c);
      g_assert_cmpfloat_with_epsilon (c->x, td_timeline_layout_x_for_date (layout, D (2020, 2, 10)) + ppd / 2, 1e-6);

      /* The date under an x, at both edges of a day's column. */
      g_assert_cmpuint (td_timeline_layout_date_at_x (layout, c->x), ==, D (2020, 2, 10));
      g_assert_cmpuint (td_timeline_layout_date_at_x (layout, td_timeline_layout_x_for_date (layout, D (2020, 2, 10))),
                        ==, D (2020, 2, 10));
      g_assert_cmpuint (td_timeline_layout_date_at_x (layout, td_timeline_layout_x_for_date (layout, D (2020, 2, 10)) - 0.01),
                        ==, D (2020, 2, 9));
      g_assert_cmpuint (td_timeline_layout_date_at_x (layout, -0.01), ==, D (2019, 9, 30));
    }
}

static void
test_range_follows_plan (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(TdTimelineLayout) before = make_layout (plan, TD_TIMELINE_ZOOM_PLAN, NULL);
  g_autoptr(TdTimelineLayout) after = NULL;

  /* A conference dated after the last milestone widens the range to the end of its month. */
  add_conference (plan, "c-late", "x1", D (2021, 2, 3), FALSE);
  after = make_layout (plan, TD_TIMELINE_ZOOM_QUARTER, NULL);
  g_assert_cmpuint (td_timeline_layout_get_start (after), ==, D (2019, 10, 1));
  g_assert_cmpuint (td_timeline_layout_get_end (after), ==, D (2021, 2, 28));
  g_assert_cmpuint (td_timeline_layout_get_n_days (after), >, td_timeline_layout_get_n_days (before));
}

static void
test_axis_labels (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(TdTimelineLayout) layout = make_layout (plan, TD_TIMELINE_ZOOM_QUARTER, NULL);
  const TdTimelineTick *q, *m;
  guint nq, nm;
  double ppd = td_timeline_layout_get_pixels_per_day (layout);

  q = td_timeline_layout_get_quarters (layout, &nq);
  m = td_timeline_layout_get_months (layout, &nm);
  g_assert_cmpuint (nq, ==, 5);
  g_assert_cmpuint (nm, ==, 15);
  g_assert_cmpstr (q[0].label, ==, "Quý IV/2019");
  g_assert_cmpstr (q[1].label, ==, "Quý I/2020");
  g_assert_cmpstr (q[3].label, ==, "Quý III/2020");
  g_assert_cmpstr (m[0].label, ==, "Tháng 10");
  g_assert_cmpstr (m[0].short_label, ==, "T10");
  g_assert_cmpstr (m[3].label, ==, "Tháng 1");
  g_assert_cmpfloat_with_epsilon (q[1].x0, 92 * ppd, 1e-6);
  g_assert_cmpfloat_with_epsilon (q[1].x1, (92 + 91) * ppd, 1e-6);
  g_assert_cmpfloat_with_epsilon (m[4].x1 - m[4].x0, 29 * ppd, 1e-6);  /* February 2020 */

  /* On screen the labels go through gettext: English source strings under C. */
  {
    TdTimelineOptions options;
    g_autoptr(TdTimelineLayout) screen = NULL;

    td_timeline_options_init (&options);
    screen = td_timeline_layout_new (plan, &options);
    q = td_timeline_layout_get_quarters (screen, &nq);
    m = td_timeline_layout_get_months (screen, &nm);
    g_assert_cmpstr (q[0].label, ==, "Q4 2019");
    g_assert_cmpstr (m[0].label, ==, "October");
    g_assert_cmpstr (m[0].short_label, ==, "Oct");
  }
}

static guint
count_rows_of_kind (TdTimelineLayout *layout, TdTimelineRowKind kind)
{
  guint n = 0;

  for (guint i = 0; i < td_timeline_layout_get_n_rows (layout); i++)
    if (td_timeline_layout_get_row (layout, i)->kind == kind)
      n++;
  return n;
}

static void
test_lanes (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(TdTimelineLayout) layout = make_layout (plan, TD_TIMELINE_ZOOM_PLAN, NULL);
  const char *expected[] = {
    "level:grassroots", "lane:godau", "unit:x1", "unit:x2", "lane:so-a", "unit:y1",
    "level:upper", "unit:godau", "level:province", "unit:tn",
  };
  const guint depths[] = { 0, 1, 2, 2, 1, 2, 0, 1, 0, 1 };
  guint first = 0, n_rows = td_timeline_layout_get_n_rows (layout);
  const TdTimelineRow *row;
  double y;

  while (td_timeline_layout_get_row (layout, first)->kind < TD_TIMELINE_ROW_LEVEL)
    first++;
  g_assert_cmpuint (n_rows - first, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      row = td_timeline_layout_get_row (layout, first + i);
      g_assert_cmpstr (row->key, ==, expected[i]);
      g_assert_cmpuint (row->depth, ==, depths[i]);
    }
  g_assert_cmpuint (td_timeline_layout_get_row (layout, first)->n_conferences, ==, 3);
  g_assert_cmpuint (td_timeline_layout_get_row (layout, first + 1)->n_conferences, ==, 2);
  g_assert_cmpstr (td_timeline_layout_get_row (layout, first + 1)->label, ==, "Huyện Gò Dầu");
  g_assert_cmpstr (td_timeline_layout_get_row (layout, first)->label, ==, "Cấp cơ sở");

  /* Rows are contiguous and start under the fixed band. */
  y = td_timeline_layout_get_axis_height (layout);
  for (guint i = 0; i < n_rows; i++)
    {
      row = td_timeline_layout_get_row (layout, i);
      g_assert_cmpfloat_with_epsilon (row->y, y, 1e-9);
      g_assert_cmpint (td_timeline_layout_row_at_y (layout, row->y + row->height / 2), ==, i);
      y += row->height;
      if (i + 1 == first)
        g_assert_cmpfloat_with_epsilon (y, td_timeline_layout_get_band_height (layout), 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (y, td_timeline_layout_get_height (layout), 1e-9);
  g_assert_cmpint (td_timeline_layout_row_at_y (layout, 1), ==, -1);
  g_assert_cmpint (td_timeline_layout_row_at_y (layout, y + 1), ==, -1);

  /* Each conference is in its unit's row. */
  row = td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "unit:x2"));
  g_assert_cmpuint (td_timeline_layout_find_conference (layout, "c-x2")->row, ==,
                    (guint) td_timeline_layout_find_row (layout, "unit:x2"));
  g_assert_cmpfloat_with_epsilon (td_timeline_layout_find_conference (layout, "c-x2")->y,
                                  row->y + row->height / 2, 1e-9);

  /* The grassroots window tints exactly the grassroots rows. */
  {
    const TdTimelineWindowBand *bands;
    guint n;
    gboolean seen = FALSE;
    const TdTimelineRow *top = td_timeline_layout_get_row (layout, first);
    const TdTimelineRow *last = td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "unit:y1"));

    bands = td_timeline_layout_get_windows (layout, &n);
    g_assert_cmpuint (n, ==, TD_N_WINDOWS);
    for (guint i = 0; i < n; i++)
      if (bands[i].window == TD_WINDOW_GRASSROOTS)
        {
          seen = TRUE;
          g_assert_cmpfloat (bands[i].tint_y0, ==, top->y);
          g_assert_cmpfloat (bands[i].tint_y1, ==, last->y + last->height);
          g_assert_cmpfloat_with_epsilon (bands[i].x0, td_timeline_layout_x_for_date (layout, D (2020, 1, 1)), 1e-6);
          g_assert_cmpfloat_with_epsilon (bands[i].x1, td_timeline_layout_x_for_date (layout, D (2020, 4, 1)), 1e-6);
        }
    g_assert_true (seen);
  }
}

static void
test_collapse (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(GHashTable) collapsed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(TdTimelineLayout) open = make_layout (plan, TD_TIMELINE_ZOOM_PLAN, NULL);
  g_autoptr(TdTimelineLayout) lane = NULL;
  g_autoptr(TdTimelineLayout) level = NULL;
  const TdTimelineRow *row;
  int index;

  g_hash_table_add (collapsed, "lane:godau");
  lane = make_layout (plan, TD_TIMELINE_ZOOM_PLAN, collapsed);
  index = td_timeline_layout_find_row (lane, "lane:godau");
  g_assert_cmpint (index, >=, 0);
  row = td_timeline_layout_get_row (lane, index);
  g_assert_true (row->collapsed);
  g_assert_cmpuint (row->n_conferences, ==, 2);
  g_assert_cmpint (td_timeline_layout_find_row (lane, "unit:x1"), ==, -1);
  g_assert_cmpint (td_timeline_layout_find_row (lane, "unit:x2"), ==, -1);
  g_assert_cmpint (td_timeline_layout_find_row (lane, "unit:y1"), >=, 0);
  /* Nothing disappears: both conferences now sit in the lane's own row. */
  g_assert_cmpuint (td_timeline_layout_find_conference (lane, "c-x1")->row, ==, (guint) index);
  g_assert_cmpuint (td_timeline_layout_find_conference (lane, "c-x2")->row, ==, (guint) index);
  g_assert_cmpfloat_with_epsilon (td_timeline_layout_get_height (open) - td_timeline_layout_get_height (lane),
                                  2 * td_timeline_layout_get_row_height (lane), 1e-9);

  g_hash_table_add (collapsed, "level:grassroots");
  level = make_layout (plan, TD_TIMELINE_ZOOM_PLAN, collapsed);
  index = td_timeline_layout_find_row (level, "level:grassroots");
  g_assert_cmpint (td_timeline_layout_find_row (level, "lane:godau"), ==, -1);
  g_assert_cmpint (td_timeline_layout_find_row (level, "lane:so-a"), ==, -1);
  g_assert_cmpuint (count_rows_of_kind (level, TD_TIMELINE_ROW_LANE), ==, 0);
  g_assert_cmpuint (td_timeline_layout_find_conference (level, "c-y1")->row, ==, (guint) index);
  g_assert_cmpuint (td_timeline_layout_find_conference (level, "c-x1")->row, ==, (guint) index);
  g_assert_cmpuint (td_timeline_layout_get_row (level, index)->n_conferences, ==, 3);
  /* Other levels are untouched. */
  g_assert_cmpint (td_timeline_layout_find_row (level, "unit:godau"), >=, 0);
}

static void
test_hit_test (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(TdTimelineLayout) layout = make_layout (plan, TD_TIMELINE_ZOOM_QUARTER, NULL);
  const TdTimelineItem *c = td_timeline_layout_find_conference (layout, "c-x1");
  const TdTimelineItem *hit;
  const TdTimelineItem * const *order;
  double rh = td_timeline_layout_get_row_height (layout);
  guint n, n_comm = 0;

  hit = td_timeline_layout_hit_test (layout, c->x, c->y);
  g_assert_true (hit == c);
  hit = td_timeline_layout_hit_test (layout, c->x + rh * 0.3, c->y - rh * 0.3);
  g_assert_true (hit == c);
  /* Half a row to the side is empty ground (the link line is not a target). */
  g_assert_null (td_timeline_layout_hit_test (layout, c->x - rh, c->y));
  g_assert_null (td_timeline_layout_hit_test (layout, c->x, td_timeline_layout_get_height (layout) + 5));

  /* The due tick is a target of its conference. */
  hit = td_timeline_layout_hit_test (layout, c->due_x, c->y);
  g_assert_true (hit == c);
  g_assert_true (c->due_x >= hit->due_bounds.x && c->due_x < hit->due_bounds.x + hit->due_bounds.width);

  /* Milestones: M1 and M2 share October, so they take two sub-rows. */
  for (guint i = 0; i < td_timeline_layout_get_n_items (layout); i++)
    {
      const TdTimelineItem *item = td_timeline_layout_get_item (layout, i);

      if (item->kind == TD_TIMELINE_ITEM_MILESTONE && g_strcmp0 (item->id, "M2") == 0)
        {
          const TdTimelineItem *m1 = NULL;

          hit = td_timeline_layout_hit_test (layout, (item->x + item->x_end) / 2, item->y);
          g_assert_true (hit == item);
          for (guint j = 0; j < td_timeline_layout_get_n_items (layout); j++)
            if (g_strcmp0 (td_timeline_layout_get_item (layout, j)->id, "M1") == 0)
              m1 = td_timeline_layout_get_item (layout, j);
          g_assert_nonnull (m1);
          g_assert_cmpuint (m1->row, !=, item->row);
          g_assert_cmpfloat (m1->x, ==, item->x);
        }
      if (item->kind == TD_TIMELINE_ITEM_COMMEMORATION)
        {
          n_comm++;
          hit = td_timeline_layout_hit_test (layout, item->x, item->y);
          g_assert_true (hit == item);
          g_assert_cmpstr (hit->title, !=, NULL);
        }
    }
  /* 3/2/2020 once, 11/6 yearly: in 2020 only (the range starts in October 2019). */
  g_assert_cmpuint (n_comm, ==, 2);

  order = td_timeline_layout_get_marker_order (layout, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (order[0]->id, ==, "c-y1");
  g_assert_cmpstr (order[1]->id, ==, "c-x1");
  g_assert_cmpstr (order[2]->id, ==, "c-x2");
  g_assert_cmpstr (order[3]->id, ==, "c-godau");
  g_assert_cmpstr (order[4]->id, ==, "c-tn");
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (order[i - 1]->date, <=, order[i]->date);

  /* Two markers on one day in a collapsed lane: the nearer centre wins. */
  {
    g_autoptr(GHashTable) collapsed = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(TdTimelineLayout) folded = NULL;
    const TdTimelineItem *a, *b;

    add_conference (plan, "c-x2b", "x2", D (2020, 2, 11), FALSE);
    g_hash_table_add (collapsed, "lane:godau");
    folded = make_layout (plan, TD_TIMELINE_ZOOM_QUARTER, collapsed);
    a = td_timeline_layout_find_conference (folded, "c-x1");
    b = td_timeline_layout_find_conference (folded, "c-x2b");
    g_assert_cmpuint (a->row, ==, b->row);
    g_assert_true (td_timeline_layout_hit_test (folded, a->x - 1, a->y) == a);
    g_assert_true (td_timeline_layout_hit_test (folded, b->x + 1, b->y) == b);
  }
}

static void
test_due_date (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  TdConference *x2 = td_plan_get_conference (plan, "c-x2");
  TdTimelineOptions options;
  const TdTimelineItem *c;
  double ppd;

  td_timeline_options_init (&options);
  options.zoom = TD_TIMELINE_ZOOM_MONTH;

  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    c = td_timeline_layout_find_conference (layout, "c-x2");
    ppd = td_timeline_layout_get_pixels_per_day (layout);
    /* 31 March 2020: one month before is 31 February, clamped to 29 February (leap year). */
    g_assert_cmpuint (c->due, ==, D (2020, 2, 29));
    g_assert_cmpfloat_with_epsilon (c->due_x, td_timeline_layout_x_for_date (layout, D (2020, 2, 29)) + ppd / 2, 1e-6);
    g_assert_cmpfloat_with_epsilon (c->x - c->due_x, 31 * ppd, 1e-6);
    /* No today: nothing can be overdue yet. */
    g_assert_cmpint (c->due_state, ==, TD_TIMELINE_DUE_PENDING);
    /* 10 February: same day number in January. */
    g_assert_cmpuint (td_timeline_layout_find_conference (layout, "c-x1")->due, ==, D (2020, 1, 10));
  }

  /* Overdue from the due date on, when something was missing on it. */
  options.today = D (2020, 2, 28);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_cmpint (td_timeline_layout_find_conference (layout, "c-x2")->due_state, ==, TD_TIMELINE_DUE_PENDING);
  }
  options.today = D (2020, 2, 29);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_cmpint (td_timeline_layout_find_conference (layout, "c-x2")->due_state, ==, TD_TIMELINE_DUE_OVERDUE);
  }
  for (guint i = 0; i < TD_N_SUBMISSIONS; i++)
    x2->submissions[i] = D (2020, 2, 29);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_cmpint (td_timeline_layout_find_conference (layout, "c-x2")->due_state, ==, TD_TIMELINE_DUE_COMPLETE);
  }
  /* Received a day late: it was missing on the due date. */
  x2->submissions[TD_SUBMISSION_CONTENT] = D (2020, 3, 1);
  options.today = D (2020, 3, 5);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_cmpint (td_timeline_layout_find_conference (layout, "c-x2")->due_state, ==, TD_TIMELINE_DUE_OVERDUE);
  }
}

static void
test_today (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  TdTimelineOptions options;
  double x;

  td_timeline_options_init (&options);
  options.today = D (2020, 3, 15);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_true (td_timeline_layout_get_today_x (layout, &x));
    g_assert_cmpuint (td_timeline_layout_date_at_x (layout, x), ==, D (2020, 3, 15));
  }
  options.today = D (2021, 1, 1);
  {
    g_autoptr(TdTimelineLayout) layout = td_timeline_layout_new (plan, &options);

    g_assert_false (td_timeline_layout_get_today_x (layout, &x));
  }
}

static TdTimelineSeverity
severity_by_id (const char *id, gpointer data)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (data, id));
}

static void
read_pixel (cairo_surface_t *surface, double x, double y, double rgb[3])
{
  int stride = cairo_image_surface_get_stride (surface);
  guint32 *px = (guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                        + (int) floor (y) * stride + 4 * (int) floor (x));

  rgb[0] = ((*px >> 16) & 0xff) / 255.0;
  rgb[1] = ((*px >> 8) & 0xff) / 255.0;
  rgb[2] = (*px & 0xff) / 255.0;
}

static void
assert_color (const double rgb[3], const TdTimelineColor *c)
{
  g_assert_cmpfloat_with_epsilon (rgb[0], c->red, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (rgb[1], c->green, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (rgb[2], c->blue, 2.5 / 255);
}

static gboolean
color_is (const double rgb[3], const TdTimelineColor *c)
{
  return fabs (rgb[0] - c->red) <= 2.5 / 255 && fabs (rgb[1] - c->green) <= 2.5 / 255
         && fabs (rgb[2] - c->blue) <= 2.5 / 255;
}

static void
test_severity_colors (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(GHashTable) severities = g_hash_table_new (g_str_hash, g_str_equal);
  const struct { const char *id; TdTimelineSeverity severity; } cases[] = {
    { "c-y1", TD_TIMELINE_SEVERITY_ERROR },
    { "c-x1", TD_TIMELINE_SEVERITY_WARNING },
    { "c-x2", TD_TIMELINE_SEVERITY_FINE },
    { "c-godau", TD_TIMELINE_SEVERITY_ERROR },
    { "c-tn", TD_TIMELINE_SEVERITY_FINE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_hash_table_insert (severities, (gpointer) cases[i].id, GINT_TO_POINTER (cases[i].severity));

  for (int dark = 0; dark < 2; dark++)
    {
      TdTimelineOptions options;
      TdTimelineStyle style;
      g_autoptr(TdTimelineLayout) layout = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      double rh, r, rgb[3];

      td_timeline_options_init (&options);
      options.zoom = TD_TIMELINE_ZOOM_MONTH;
      options.viewport_width = 600;
      options.row_height = 60;  /* big markers: sample pixels well inside the shapes */
      options.severity_func = severity_by_id;
      options.severity_data = severities;
      layout = td_timeline_layout_new (plan, &options);
      if (dark)
        td_timeline_style_init_dark (&style);
      else
        td_timeline_style_init_light (&style);
      rh = td_timeline_layout_get_row_height (layout);
      r = rh * 0.3;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (td_timeline_layout_get_width (layout)),
                                            (int) ceil (td_timeline_layout_get_height (layout)));
      cr = cairo_create (surface);
      td_timeline_draw (layout, cr, NULL, &style, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          const TdTimelineItem *c = td_timeline_layout_find_conference (layout, cases[i].id);

          g_assert_cmpint (c->severity, ==, cases[i].severity);
          g_assert_true (td_timeline_style_severity_color (&style, c->severity) ==
                         (cases[i].severity == TD_TIMELINE_SEVERITY_ERROR ? &style.error :
                          cases[i].severity == TD_TIMELINE_SEVERITY_WARNING ? &style.warning : &style.fine));
          /* Inside the shape (diamond, triangle, circle), off the "!" of the diamond. */
          read_pixel (surface, c->x + r * 0.3, c->y + r * 0.3, rgb);
          assert_color (rgb, td_timeline_style_severity_color (&style, cases[i].severity));
          /* Shape, not only colour: only the triangle fills the lower corners of the marker's
           * square, only the diamond reaches above the circle. */
          read_pixel (surface, c->x + r * 0.8, c->y + r * 0.7, rgb);
          g_assert_cmpint (color_is (rgb, &style.warning), ==, cases[i].severity == TD_TIMELINE_SEVERITY_WARNING);
          read_pixel (surface, c->x, c->y - r * 0.9, rgb);
          g_assert_cmpint (color_is (rgb, &style.error), ==, cases[i].severity == TD_TIMELINE_SEVERITY_ERROR);
          /* The "!" of an error is drawn in the background colour. */
          if (cases[i].severity == TD_TIMELINE_SEVERITY_ERROR)
            {
              read_pixel (surface, c->x, c->y - r * 0.3, rgb);
              assert_color (rgb, &style.background);
            }
          /* A pilot has a ring outside its marker. */
          read_pixel (surface, c->x + r * 1.4, c->y, rgb);
          g_assert_cmpint (color_is (rgb, &style.foreground), ==, c->pilot);
        }

      /* The level rows carry the worst severity under them. */
      g_assert_cmpint (td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "level:grassroots"))->worst,
                       ==, TD_TIMELINE_SEVERITY_ERROR);
      g_assert_cmpint (td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "lane:godau"))->worst,
                       ==, TD_TIMELINE_SEVERITY_WARNING);
      g_assert_cmpint (td_timeline_layout_get_row (layout, td_timeline_layout_find_row (layout, "level:province"))->worst,
                       ==, TD_TIMELINE_SEVERITY_FINE);
      cairo_surface_destroy (surface);
    }

  /* Without a severity function the marker is hollow: it claims nothing. */
  {
    g_autoptr(TdTimelineLayout) layout = NULL;
    TdTimelineOptions options;
    TdTimelineStyle style;
    cairo_surface_t *surface;
    cairo_t *cr;
    const TdTimelineItem *c;
    double rgb[3];

    td_timeline_options_init (&options);
    options.zoom = TD_TIMELINE_ZOOM_MONTH;
    options.row_height = 40;
    layout = td_timeline_layout_new (plan, &options);
    td_timeline_style_init_light (&style);
    c = td_timeline_layout_find_conference (layout, "c-x2");
    g_assert_cmpint (c->severity, ==, TD_TIMELINE_SEVERITY_UNKNOWN);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (td_timeline_layout_get_width (layout)),
                                          (int) ceil (td_timeline_layout_get_height (layout)));
    cr = cairo_create (surface);
    td_timeline_draw (layout, cr, NULL, &style, NULL);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    read_pixel (surface, c->x + 2, c->y + 2, rgb);
    assert_color (rgb, &style.background);
    cairo_surface_destroy (surface);
  }
}

static void
test_draw_visible_only (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(TdTimelineLayout) layout = NULL;
  TdTimelineOptions options;
  TdTimelineStyle style;
  TdTimelineRect visible;
  const TdTimelineItem *c;
  cairo_surface_t *surface;
  cairo_t *cr;
  double rgb[3];

  td_timeline_options_init (&options);
  options.zoom = TD_TIMELINE_ZOOM_MONTH;
  options.row_height = 40;
  options.severity_func = severity_by_id;
  options.severity_data = g_hash_table_new (g_str_hash, g_str_equal);
  layout = td_timeline_layout_new (plan, &options);
  td_timeline_style_init_light (&style);
  c = td_timeline_layout_find_conference (layout, "c-tn");

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (td_timeline_layout_get_width (layout)),
                                        (int) ceil (td_timeline_layout_get_height (layout)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  /* Draw only a window around another marker: c-tn stays untouched. */
  visible = (TdTimelineRect) { 0, 0, c->x - 200, td_timeline_layout_get_height (layout) };
  td_timeline_draw (layout, cr, &visible, &style, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  read_pixel (surface, c->x, c->y, rgb);
  g_assert_cmpfloat (rgb[0], ==, 1.0);
  g_assert_cmpfloat (rgb[1], ==, 0.0);
  read_pixel (surface, 10, c->y, rgb);
  assert_color (rgb, &style.background);
  cairo_surface_destroy (surface);
  g_hash_table_unref (options.severity_data);
}

/* PDF */

static char *
write_pdf (TdPlan *plan, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  TdTimelinePdfOptions options = { NULL, NULL, D (2020, 3, 15), NULL };

  g_assert_true (td_timeline_write_pdf_with_options (plan, path, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static char *
page_text (PopplerDocument *doc, int index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);

  return poppler_page_get_text (page);
}

/* The characters whose boxes lie wholly in the top margin (25 mm), where the page number goes. */
static char *
page_top_margin_text (PopplerDocument *doc, int index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n = 0;
  GString *out = g_string_new (NULL);
  const char *p = text;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (guint i = 0; i < n && p != NULL && *p != '\0'; i++, p = g_utf8_next_char (p))
    if (rects[i].y2 < 25 * 72.0 / 25.4 && !g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
test_pdf (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autofree char *path = write_pdf (plan, "timeline.pdf");
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  int n = poppler_document_get_n_pages (doc);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *first = NULL;
  gboolean serif = FALSE;
  guint pages_with_lane = 0;

  /* Five quarters at one quarter per page, and the key. */
  g_assert_cmpint (n, >=, 6);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = page_text (doc, i);
      g_autofree char *top = page_top_margin_text (doc, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 841.89, 0.5);
      g_assert_cmpfloat_with_epsilon (h, 595.28, 0.5);
      g_string_append (all, text);
      if (i == 0)
        g_assert_cmpstr (top, ==, "");
      else
        {
          g_autofree char *number = g_strdup_printf ("%d", i + 1);

          g_assert_cmpstr (top, ==, number);
        }
      /* Chart pages: the lane labels are repeated on every page that shows the lane. */
      if (i < n - 1 && strstr (text, "Huyện Gò Dầu") != NULL)
        pages_with_lane++;
    }
  g_assert_cmpuint (pages_with_lane, >=, 2);

  first = page_text (doc, 0);
  g_assert_nonnull (strstr (first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  g_assert_nonnull (strstr (first, "Độc lập - Tự do - Hạnh phúc"));
  g_assert_nonnull (strstr (first, "121/KH-UBND"));
  g_assert_nonnull (strstr (first, "Tây Ninh, ngày 31 tháng 7 năm 2019"));
  g_assert_nonnull (strstr (first, "Quý IV/2019"));
  for (guint i = 0; i < 5; i++)
    {
      const char *labels[] = { "Quý IV/2019", "Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020" };

      g_assert_nonnull (strstr (all->str, labels[i]));
    }
  g_assert_nonnull (strstr (all->str, "Tháng 10"));
  g_assert_nonnull (strstr (all->str, "Cấp cơ sở"));
  g_assert_nonnull (strstr (all->str, "Cấp trên cơ sở"));
  g_assert_nonnull (strstr (all->str, "UBND xã Thanh Phước"));
  g_assert_nonnull (strstr (all->str, "Thư viện tỉnh"));
  g_assert_nonnull (strstr (all->str, "Mốc thời gian"));
  g_assert_nonnull (strstr (all->str, "Hội nghị điểm"));       /* legend */
  g_assert_nonnull (strstr (all->str, "90 năm thành lập Đảng")); /* key page */
  g_assert_nonnull (strstr (all->str, "Dự thảo kế hoạch Đại hội"));

  /* The fonts are embedded, and the requested serif font was found. */
  {
    g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
    PopplerFontsIter *iter = NULL;

    while (poppler_font_info_scan (info, n, &iter) && iter != NULL)
      {
        do
          {
            g_assert_true (poppler_fonts_iter_is_embedded (iter));
            if (strstr (poppler_fonts_iter_get_name (iter), "LiberationSerif") != NULL)
              serif = TRUE;
          }
        while (poppler_fonts_iter_next (iter));
        poppler_fonts_iter_free (iter);
        iter = NULL;
      }
    g_assert_true (serif);
  }
}

static void
test_pdf_grows_with_range (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autofree char *short_path = write_pdf (plan, "short.pdf");
  g_autofree char *long_path = NULL;
  g_autoptr(PopplerDocument) short_doc = open_pdf (short_path);
  g_autoptr(PopplerDocument) long_doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  /* One more year of milestones: four more quarters, each at the same readable scale. */
  g_ptr_array_add (plan->milestones, td_milestone_new ("M9", "Tổng kết", "UBND tỉnh",
                                                       D (2021, 12, 1), D (2021, 12, 1)));
  long_path = write_pdf (plan, "long.pdf");
  long_doc = open_pdf (long_path);
  g_assert_cmpint (poppler_document_get_n_pages (long_doc), >=, poppler_document_get_n_pages (short_doc) + 4);
  for (int i = 0; i < poppler_document_get_n_pages (long_doc); i++)
    {
      g_autofree char *text = page_text (long_doc, i);

      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Quý IV/2021"));
}

static void
test_pdf_many_lanes (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  guint pages_with_first = 0, pages_with_last = 0;

  /* Sixty grassroots units of one district: the lane continues over several pages, with its
   * header repeated, and no unit is lost. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("g%02u", i);
      g_autofree char *name = g_strdup_printf ("Trường số %02u", i);
      g_autofree char *cid = g_strdup_printf ("c-g%02u", i);

      add_unit (plan, id, name, TD_LEVEL_GRASSROOTS, "godau");
      add_conference (plan, cid, id, D (2020, 1, 2) + i, FALSE);
    }
  path = write_pdf (plan, "lanes.pdf");
  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc) - 1; i++)
    {
      g_autofree char *text = page_text (doc, i);

      if (strstr (text, "Trường số 00"))
        pages_with_first++;
      if (strstr (text, "Trường số 59"))
        {
          pages_with_last++;
          /* The continued lane's header is repeated above it. */
          g_assert_nonnull (strstr (text, "Huyện Gò Dầu"));
          g_assert_nonnull (strstr (text, "Quý "));
        }
    }
  g_assert_cmpuint (pages_with_first, >=, 1);
  g_assert_cmpuint (pages_with_last, >=, 1);
}

static void
test_pdf_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_sample (&error);
  g_autofree char *path = g_build_filename (tmpdir, "sample.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  /* The default writer checks the rules itself. */
  g_assert_true (td_timeline_write_pdf (plan, path, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = page_text (doc, i);

      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Huyện Gò Dầu"));
  g_assert_nonnull (strstr (all->str, "Quý I/2020"));
  g_assert_nonnull (strstr (all->str, "Quý IV/2020"));
  g_assert_nonnull (strstr (all->str, "Có lỗi"));
}

static void
test_pdf_error (void)
{
  g_autoptr(TdPlan) plan = make_plan ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "no-such-dir", "t.pdf", NULL);

  g_assert_false (td_timeline_write_pdf (plan, path, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("td-timeline-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/timeline/layout/range-and-zoom", test_range_and_zoom);
  g_test_add_func ("/timeline/layout/range-follows-plan", test_range_follows_plan);
  g_test_add_func ("/timeline/layout/axis-labels", test_axis_labels);
  g_test_add_func ("/timeline/layout/lanes", test_lanes);
  g_test_add_func ("/timeline/layout/collapse", test_collapse);
  g_test_add_func ("/timeline/layout/hit-test", test_hit_test);
  g_test_add_func ("/timeline/layout/due-date", test_due_date);
  g_test_add_func ("/timeline/layout/today", test_today);
  g_test_add_func ("/timeline/draw/severity-colors", test_severity_colors);
  g_test_add_func ("/timeline/draw/visible-only", test_draw_visible_only);
  g_test_add_func ("/timeline/pdf/pages", test_pdf);
  g_test_add_func ("/timeline/pdf/grows-with-range", test_pdf_grows_with_range);
  g_test_add_func ("/timeline/pdf/many-lanes", test_pdf_many_lanes);
  g_test_add_func ("/timeline/pdf/sample", test_pdf_sample);
  g_test_add_func ("/timeline/pdf/error", test_pdf_error);

  status = g_test_run ();

  if (status == 0 && g_getenv ("TD_KEEP_PDF") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }
  else
    g_printerr ("PDFs kept in %s\n", tmpdir);
  g_free (tmpdir);
  return status;
}
