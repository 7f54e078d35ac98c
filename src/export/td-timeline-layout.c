/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-date.h"
#include "td-timeline-layout.h"

#define DEFAULT_VIEWPORT_WIDTH 1000.0
#define DEFAULT_ROW_HEIGHT     24.0
/* Units are nested a few levels deep; a longer parent chain can only be a cycle. */
#define MAX_UNIT_DEPTH         64

struct _TdTimelineLayout
{
  grefcount   ref_count;

  TdDate      start;
  TdDate      end;
  guint       n_days;
  double      ppd;
  double      row_height;
  gboolean    vietnamese;
  TdDate      today;

  double      width;
  double      height;
  double      axis_height;
  double      band_height;

  GArray     *quarters;      /* of TdTimelineTick */
  GArray     *months;        /* of TdTimelineTick */
  GArray     *windows;       /* of TdTimelineWindowBand */
  GPtrArray  *rows;          /* of TdTimelineRow*, top to bottom */
  GPtrArray  *items;         /* of TdTimelineItem*, owned */
  GPtrArray  *row_items;     /* of GPtrArray* (borrowed TdTimelineItem*), one per row */
  GPtrArray  *marker_order;  /* borrowed conference items */
  GHashTable *conferences;   /* id -> borrowed item */
};

/* Dates */

static void
date_ymd (TdDate date, int *y, int *m, int *d)
{
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_julian (&g, date);
  *y = g_date_get_year (&g);
  *m = g_date_get_month (&g);
  *d = g_date_get_day (&g);
}

static TdDate
date_make (int y, int m, int d)
{
  GDate g;

  if (!g_date_valid_dmy (d, m, y))
    return TD_DATE_NONE;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_julian (&g);
}

static TdDate
date_month_start (TdDate date)
{
  int y, m, d;

  date_ymd (date, &y, &m, &d);
  return date_make (y, m, 1);
}

static TdDate
date_month_end (TdDate date)
{
  int y, m, d;

  date_ymd (date, &y, &m, &d);
  return date_make (y, m, g_date_get_days_in_month (m, y));
}

/* Strings: the screen goes through gettext, paper is always Vietnamese. */

static const char *quarter_roman[] = { "I", "II", "III", "IV" };

static char *
quarter_label (gboolean vietnamese, int q, int year, gboolean short_form)
{
  if (vietnamese)
    {
      if (short_form)
        return g_strdup_printf ("Q%s/%d", quarter_roman[q - 1], year % 100);
      return g_strdup_printf ("Quý %s/%d", quarter_roman[q - 1], year);
    }

  if (short_form)
    {
      switch (q)
        {
        /* Translators: a short quarter label, e.g. "Q1 20"; %d is the year's last two digits */
        case 1: return g_strdup_printf (_("Q1 %02d"), year % 100);
        case 2: return g_strdup_printf (_("Q2 %02d"), year % 100);
        case 3: return g_strdup_printf (_("Q3 %02d"), year % 100);
        default: return g_strdup_printf (_("Q4 %02d"), year % 100);
        }
    }

  switch (q)
    {
    /* Translators: a quarter of a year on the timeline; Vietnamese uses Roman numerals: "Quý I/%d" */
    case 1: return g_strdup_printf (_("Q1 %d"), year);
    case 2: return g_strdup_printf (_("Q2 %d"), year);
    case 3: return g_strdup_printf (_("Q3 %d"), year);
    default: return g_strdup_printf (_("Q4 %d"), year);
    }
}

static const char *month_long[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static const char *month_short[] = {
  NC_("short month", "Jan"), NC_("short month", "Feb"), NC_("short month", "Mar"),
  NC_("short month", "Apr"), NC_("short month", "May"), NC_("short month", "Jun"),
  NC_("short month", "Jul"), NC_("short month", "Aug"), NC_("short month", "Sep"),
  NC_("short month", "Oct"), NC_("short month", "Nov"), NC_("short month", "Dec"),
};

static char *
month_label (gboolean vietnamese, int m, gboolean short_form)
{
  if (vietnamese)
    return short_form ? g_strdup_printf ("T%d", m) : g_strdup_printf ("Tháng %d", m);
  if (short_form)
    return g_strdup (g_dpgettext2 (NULL, "short month", month_short[m - 1]));
  return g_strdup (g_dpgettext2 (NULL, "month", month_long[m - 1]));
}

static const char *
level_label (gboolean vietnamese, TdLevel level)
{
  switch (level)
    {
    case TD_LEVEL_GRASSROOTS: return vietnamese ? "Cấp cơ sở" : _("Grassroots level");
    case TD_LEVEL_UPPER:      return vietnamese ? "Cấp trên cơ sở" : _("Upper level");
    case TD_LEVEL_PROVINCE:
    default:                  return vietnamese ? "Cấp tỉnh" : _("Province level");
    }
}

static const char *
window_label (gboolean vietnamese, TdWindow window)
{
  switch (window)
    {
    case TD_WINDOW_GRASSROOTS: return vietnamese ? "Cấp cơ sở" : _("Grassroots");
    case TD_WINDOW_UPPER:      return vietnamese ? "Cấp trên cơ sở" : _("Upper level");
    case TD_WINDOW_PILOT:      return vietnamese ? "Điểm cấp tỉnh" : _("Provincial pilots");
    case TD_WINDOW_PROVINCE:
    default:                   return vietnamese ? "Cấp tỉnh" : _("Province");
    }
}

static const char *
level_key (TdLevel level)
{
  switch (level)
    {
    case TD_LEVEL_GRASSROOTS: return "level:grassroots";
    case TD_LEVEL_UPPER:      return "level:upper";
    case TD_LEVEL_PROVINCE:
    default:                  return "level:province";
    }
}

/* Memory */

static void
tick_clear (gpointer data)
{
  TdTimelineTick *tick = data;

  g_free (tick->label);
  g_free (tick->short_label);
}

static void
window_clear (gpointer data)
{
  TdTimelineWindowBand *band = data;

  g_free (band->label);
}

static void
row_free (gpointer data)
{
  TdTimelineRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_free (row->unit_id);
  g_free (row);
}

static void
item_free (gpointer data)
{
  TdTimelineItem *item = data;

  g_free (item->id);
  g_free (item->title);
  g_free (item->detail);
  g_free (item->unit_id);
  g_free (item);
}

TdTimelineLayout *
td_timeline_layout_ref (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
td_timeline_layout_unref (TdTimelineLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->quarters);
  g_array_unref (self->months);
  g_array_unref (self->windows);
  g_ptr_array_unref (self->row_items);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->marker_order);
  g_hash_table_unref (self->conferences);
  g_ptr_array_unref (self->items);
  g_free (self);
}

/* Options and range */

void
td_timeline_options_init (TdTimelineOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->zoom = TD_TIMELINE_ZOOM_PLAN;
}

double
td_timeline_zoom_pixels_per_day (TdTimelineZoom zoom,
                                 guint          n_days,
                                 double         viewport_width)
{
  if (viewport_width <= 0)
    viewport_width = DEFAULT_VIEWPORT_WIDTH;

  switch (zoom)
    {
    case TD_TIMELINE_ZOOM_MONTH:
      return viewport_width / 31.0;
    case TD_TIMELINE_ZOOM_QUARTER:
      return viewport_width / 92.0;
    case TD_TIMELINE_ZOOM_PLAN:
    default:
      return viewport_width / MAX (n_days, 1);
    }
}

gboolean
td_timeline_plan_range (TdPlan *plan,
                        TdDate *first,
                        TdDate *last)
{
  TdDate lo = TD_DATE_NONE, hi = TD_DATE_NONE;
  guint n;

  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);

#define EXTEND(d) G_STMT_START { TdDate d_ = (d); \
    if (d_ != TD_DATE_NONE) { if (lo == TD_DATE_NONE || d_ < lo) lo = d_; \
                              if (hi == TD_DATE_NONE || d_ > hi) hi = d_; } } G_STMT_END

  for (guint i = 0; plan->milestones != NULL && i < plan->milestones->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (plan->milestones, i);

      EXTEND (m->start);
      EXTEND (m->end);
    }

  /* A conference dated outside the milestones is exactly what the user must see. */
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) c = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);

      EXTEND (c->date);
    }
#undef EXTEND

  if (lo == TD_DATE_NONE)
    return FALSE;

  if (first)
    *first = date_month_start (lo);
  if (last)
    *last = date_month_end (hi);
  return TRUE;
}

/* Building */

typedef struct
{
  TdConference *conference;
  TdUnit       *unit;
  TdLevel       level;
  guint         lane_index;  /* document position of the lane unit (grassroots) */
  TdUnit       *lane;
  guint         unit_index;
} ConfEntry;

static int
level_order (TdLevel level)
{
  /* Top to bottom in the order the plan holds them: grassroots first, the province last. */
  switch (level)
    {
    case TD_LEVEL_GRASSROOTS: return 0;
    case TD_LEVEL_UPPER:      return 1;
    case TD_LEVEL_PROVINCE:
    default:                  return 2;
    }
}

static int
conf_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const ConfEntry *x = a, *y = b;

  if (level_order (x->level) != level_order (y->level))
    return level_order (x->level) - level_order (y->level);
  if (x->lane_index != y->lane_index)
    return x->lane_index < y->lane_index ? -1 : 1;
  if (x->unit_index != y->unit_index)
    return x->unit_index < y->unit_index ? -1 : 1;
  if (x->conference->date != y->conference->date)
    return x->conference->date < y->conference->date ? -1 : 1;
  return 0;
}

static TdTimelineRow *
add_row (TdTimelineLayout  *self,
         TdTimelineRowKind  kind,
         double            *y,
         double             height)
{
  TdTimelineRow *row = g_new0 (TdTimelineRow, 1);

  row->kind = kind;
  row->y = *y;
  row->height = height;
  *y += height;
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->row_items, g_ptr_array_new ());
  return row;
}

static void
row_add_item (TdTimelineLayout *self,
              guint             row,
              TdTimelineItem   *item)
{
  item->row = row;
  g_ptr_array_add (g_ptr_array_index (self->row_items, row), item);
}

static double
center_x (TdTimelineLayout *self, TdDate date)
{
  return td_timeline_layout_x_for_date (self, date) + self->ppd / 2.0;
}

static void
build_axis (TdTimelineLayout *self)
{
  int y, m, d;
  TdDate cursor;

  /* Months */
  cursor = self->start;
  while (cursor <= self->end)
    {
      TdTimelineTick tick = { 0 };
      TdDate next;

      date_ymd (cursor, &y, &m, &d);
      next = date_make (m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
      tick.start = cursor;
      tick.year = y;
      tick.number = m;
      tick.x0 = td_timeline_layout_x_for_date (self, cursor);
      tick.x1 = td_timeline_layout_x_for_date (self, MIN (next, self->end + 1));
      tick.label = month_label (self->vietnamese, m, FALSE);
      tick.short_label = month_label (self->vietnamese, m, TRUE);
      g_array_append_val (self->months, tick);
      cursor = next;
    }

  /* Quarters, clipped to the range (which starts on any month) */
  cursor = self->start;
  while (cursor <= self->end)
    {
      TdTimelineTick tick = { 0 };
      TdDate next;
      int q;

      date_ymd (cursor, &y, &m, &d);
      q = (m - 1) / 3 + 1;
      next = q == 4 ? date_make (y + 1, 1, 1) : date_make (y, q * 3 + 1, 1);
      tick.start = cursor;
      tick.year = y;
      tick.number = q;
      tick.x0 = td_timeline_layout_x_for_date (self, cursor);
      tick.x1 = td_timeline_layout_x_for_date (self, MIN (next, self->end + 1));
      tick.label = quarter_label (self->vietnamese, q, y, FALSE);
      tick.short_label = quarter_label (self->vietnamese, q, y, TRUE);
      g_array_append_val (self->quarters, tick);
      cursor = next;
    }
}

/* The layout has no fonts: it reserves room for a milestone's label from its length, at the
 * renderer's label size (half a row), so that sub-rows do not overlap. */
static double
estimate_text_width (TdTimelineLayout *self, const char *text)
{
  return g_utf8_strlen (text, -1) * self->row_height * 0.5 * 0.62;
}

static int
milestone_compare (gconstpointer a, gconstpointer b)
{
  const TdMilestone *x = *(TdMilestone **) a, *y = *(TdMilestone **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

static void
build_milestones (TdTimelineLayout *self,
                  TdPlan           *plan,
                  double           *y)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GArray) sub_end = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) placed = g_ptr_array_new ();
  guint first_row = self->rows->len;
  double top = *y;

  for (guint i = 0; plan->milestones != NULL && i < plan->milestones->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (plan->milestones, i);

      if (m->start != TD_DATE_NONE)
        g_ptr_array_add (sorted, m);
    }
  g_ptr_array_sort (sorted, milestone_compare);

  for (guint i = 0; i < sorted->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (sorted, i);
      TdTimelineItem *item = g_new0 (TdTimelineItem, 1);
      g_autofree char *label = NULL;
      double x0, x1, extent;
      guint sub;

      item->kind = TD_TIMELINE_ITEM_MILESTONE;
      item->id = g_strdup (m->id);
      item->title = g_strdup (m->title);
      item->detail = g_strdup (m->actor);
      item->date = m->start;
      item->end = MAX (m->end, m->start);
      x0 = td_timeline_layout_x_for_date (self, item->date);
      x1 = td_timeline_layout_x_for_date (self, item->end + 1);
      item->x = x0;
      item->x_end = x1;

      label = g_strdup_printf ("%s %s", m->id ? m->id : "", m->actor ? m->actor : "");
      extent = estimate_text_width (self, label) + self->row_height * 0.4;
      /* The label goes inside a bar wide enough for it, else right of the bar. */
      extent = (x1 - x0) >= extent + 4 ? x1 : x1 + 4 + extent;

      for (sub = 0; sub < sub_end->len; sub++)
        if (g_array_index (sub_end, double, sub) + 4 <= x0)
          break;
      if (sub == sub_end->len)
        g_array_append_val (sub_end, extent);
      else
        g_array_index (sub_end, double, sub) = extent;

      item->row = sub;  /* made absolute below */
      item->bounds.x = x0 - self->row_height * 0.25;
      item->bounds.width = extent - item->bounds.x;
      g_ptr_array_add (self->items, item);
      g_ptr_array_add (placed, item);
    }

  for (guint sub = 0; sub < sub_end->len; sub++)
    {
      TdTimelineRow *row = add_row (self, TD_TIMELINE_ROW_MILESTONES, y, self->row_height);

      if (sub == 0)
        row->label = g_strdup (self->vietnamese ? "Mốc thời gian" : _("Milestones"));
    }

  for (guint i = 0; i < placed->len; i++)
    {
      TdTimelineItem *item = g_ptr_array_index (placed, i);
      guint row = first_row + item->row;

      item->y = top + item->row * self->row_height + self->row_height / 2.0;
      item->bounds.y = top + item->row * self->row_height + 2;
      item->bounds.height = self->row_height - 4;
      row_add_item (self, row, item);
    }
}

static void
build_windows (TdTimelineLayout *self,
               TdPlan           *plan,
               double           *y)
{
  g_autoptr(GArray) sub_end = g_array_new (FALSE, FALSE, sizeof (double));
  double sub_height = self->row_height * 0.75;
  TdTimelineRow *row;
  guint n_sub;

  for (TdWindow w = 0; w < TD_N_WINDOWS; w++)
    {
      TdTimelineWindowBand band = { 0 };
      guint sub;

      band.window = w;
      band.start = plan->params.windows[w][0];
      band.end = plan->params.windows[w][1];
      if (band.start == TD_DATE_NONE || band.end == TD_DATE_NONE || band.end < band.start)
        continue;
      band.x0 = td_timeline_layout_x_for_date (self, band.start);
      band.x1 = td_timeline_layout_x_for_date (self, band.end + 1);
      band.label = g_strdup (window_label (self->vietnamese, w));

      for (sub = 0; sub < sub_end->len; sub++)
        if (g_array_index (sub_end, double, sub) <= band.x0)
          break;
      if (sub == sub_end->len)
        g_array_append_val (sub_end, band.x1);
      else
        g_array_index (sub_end, double, sub) = band.x1;

      band.y = *y + sub * sub_height + 1;
      band.height = sub_height - 2;
      g_array_append_val (self->windows, band);
    }

  n_sub = MAX (sub_end->len, 1);
  row = add_row (self, TD_TIMELINE_ROW_WINDOWS, y, n_sub * sub_height);
  row->label = g_strdup (self->vietnamese ? "Khung thời gian" : _("Level windows"));
}

static void
add_commemoration (TdTimelineLayout *self,
                   TdDate            date,
                   const char       *title,
                   guint             row_index)
{
  const TdTimelineRow *row = g_ptr_array_index (self->rows, row_index);
  TdTimelineItem *item;
  double r = row->height * 0.35;

  if (date == TD_DATE_NONE || date < self->start || date > self->end)
    return;

  item = g_new0 (TdTimelineItem, 1);
  item->kind = TD_TIMELINE_ITEM_COMMEMORATION;
  item->title = g_strdup (title);
  item->date = item->end = item->due = date;
  item->x = item->x_end = item->due_x = center_x (self, date);
  item->y = row->y + row->height / 2.0;
  item->bounds = (TdTimelineRect) { item->x - r - 1, row->y, 2 * r + 2, row->height };
  g_ptr_array_add (self->items, item);
  row_add_item (self, row_index, item);
}

static void
build_commemorations (TdTimelineLayout *self,
                      TdPlan           *plan,
                      double           *y)
{
  TdTimelineRow *row;
  guint row_index = self->rows->len;
  int first_year, last_year, m, d;

  row = add_row (self, TD_TIMELINE_ROW_COMMEMORATIONS, y, self->row_height * 0.75);
  row->label = g_strdup (self->vietnamese ? "Ngày kỷ niệm" : _("Commemorations"));

  date_ymd (self->start, &first_year, &m, &d);
  date_ymd (self->end, &last_year, &m, &d);

  for (guint i = 0; plan->commemorations != NULL && i < plan->commemorations->len; i++)
    {
      TdCommemoration *c = g_ptr_array_index (plan->commemorations, i);
      int cy, cm, cd;

      if (c->date == TD_DATE_NONE)
        continue;
      if (!c->yearly)
        {
          add_commemoration (self, c->date, c->title, row_index);
          continue;
        }
      date_ymd (c->date, &cy, &cm, &cd);
      /* 29 February is only kept in leap years (date_make refuses the others). */
      for (int year = first_year; year <= last_year; year++)
        add_commemoration (self, date_make (year, cm, cd), c->title, row_index);
    }
}

static TdTimelineSeverity
worse (TdTimelineSeverity a, TdTimelineSeverity b)
{
  return MAX (a, b);
}

static TdTimelineDueState
due_state (TdConference *c, TdDate due, TdDate today)
{
  gboolean complete = TRUE;

  for (guint i = 0; i < TD_N_SUBMISSIONS; i++)
    if (c->submissions[i] == TD_DATE_NONE || c->submissions[i] > due)
      complete = FALSE;

  if (complete)
    return TD_TIMELINE_DUE_COMPLETE;
  if (today != TD_DATE_NONE && today >= due)
    return TD_TIMELINE_DUE_OVERDUE;
  return TD_TIMELINE_DUE_PENDING;
}

static TdTimelineItem *
conference_item_new (TdTimelineLayout        *self,
                     const ConfEntry         *e,
                     const TdTimelineOptions *options)
{
  TdConference *c = e->conference;
  TdTimelineItem *item = g_new0 (TdTimelineItem, 1);

  item->kind = TD_TIMELINE_ITEM_CONFERENCE;
  item->id = g_strdup (c->id);
  item->title = g_strdup (c->form);
  item->detail = g_strdup (e->unit->name);
  item->unit_id = g_strdup (e->unit->id);
  item->date = item->end = c->date;
  item->level = e->level;
  item->pilot = c->pilot;
  item->severity = options->severity_func != NULL
                 ? options->severity_func (c->id, options->severity_data)
                 : TD_TIMELINE_SEVERITY_UNKNOWN;
  item->due = td_date_minus_one_month (c->date);
  item->due_state = due_state (c, item->due, self->today);
  item->x = item->x_end = center_x (self, item->date);
  item->due_x = center_x (self, item->due);
  return item;
}

static void
place_conference (TdTimelineLayout *self,
                  TdTimelineItem   *item,
                  guint             row_index)
{
  const TdTimelineRow *row = g_ptr_array_index (self->rows, row_index);
  /* Same extents as the renderer's marker (radius 0.3 row, pilot ring 0.42 row). */
  double r = self->row_height * 0.42 + 1;

  item->y = row->y + row->height / 2.0;
  item->bounds = (TdTimelineRect) { item->x - r, item->y - r, 2 * r, 2 * r };
  item->due_bounds = (TdTimelineRect) { item->due_x - 3, item->y - r, 6, 2 * r };
  row_add_item (self, row_index, item);
}

static gboolean
is_collapsed (const TdTimelineOptions *options, const char *key)
{
  return options->collapsed != NULL && g_hash_table_contains (options->collapsed, key);
}

static void
build_lanes (TdTimelineLayout        *self,
             TdPlan                  *plan,
             const TdTimelineOptions *options,
             double                  *y)
{
  GListModel *units = G_LIST_MODEL (plan->units);
  GListModel *confs = G_LIST_MODEL (plan->conferences);
  g_autoptr(GHashTable) unit_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) unit_pos = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) unit_refs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conf_refs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ConfEntry));
  guint n_units = g_list_model_get_n_items (units);
  guint n_confs = g_list_model_get_n_items (confs);
  TdTimelineRow *level_row = NULL, *lane_row = NULL, *unit_row = NULL;
  guint level_index = 0, lane_index = 0;
  gboolean level_collapsed = FALSE, lane_collapsed = FALSE;

  for (guint i = 0; i < n_units; i++)
    {
      TdUnit *u = g_list_model_get_item (units, i);

      g_ptr_array_add (unit_refs, u);
      if (u->id != NULL)
        g_hash_table_insert (unit_by_id, u->id, u);
      g_hash_table_insert (unit_pos, u, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < n_confs; i++)
    {
      TdConference *c = g_list_model_get_item (confs, i);
      ConfEntry e = { 0 };

      g_ptr_array_add (conf_refs, c);
      if (c->date == TD_DATE_NONE || c->unit == NULL)
        continue;
      e.unit = g_hash_table_lookup (unit_by_id, c->unit);
      if (e.unit == NULL)
        continue;  /* the plan refuses dangling units; nothing to place it by */
      e.conference = c;
      e.level = e.unit->level;
      e.unit_index = GPOINTER_TO_UINT (g_hash_table_lookup (unit_pos, e.unit));
      e.lane = e.unit;
      if (e.level == TD_LEVEL_GRASSROOTS)
        {
          /* The lane is the district or department above: the nearest non-grassroots ancestor. */
          TdUnit *p = e.unit;

          for (guint depth = 0; p->parent != NULL && depth < MAX_UNIT_DEPTH; depth++)
            {
              p = g_hash_table_lookup (unit_by_id, p->parent);
              if (p == NULL)
                break;
              if (p->level != TD_LEVEL_GRASSROOTS)
                {
                  e.lane = p;
                  break;
                }
            }
        }
      e.lane_index = e.level == TD_LEVEL_GRASSROOTS
                   ? GPOINTER_TO_UINT (g_hash_table_lookup (unit_pos, e.lane)) : 0;
      g_array_append_val (entries, e);
    }

  g_array_sort (entries, conf_entry_compare);

  for (guint i = 0; i < entries->len; i++)
    {
      const ConfEntry *e = &g_array_index (entries, ConfEntry, i);
      TdTimelineItem *item = conference_item_new (self, e, options);
      guint target;

      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->conferences, item->id, item);

      if (level_row == NULL || level_row->level != e->level)
        {
          level_index = self->rows->len;
          level_row = add_row (self, TD_TIMELINE_ROW_LEVEL, y, self->row_height);
          level_row->key = g_strdup (level_key (e->level));
          level_row->label = g_strdup (level_label (self->vietnamese, e->level));
          level_row->level = e->level;
          level_row->collapsible = TRUE;
          level_row->collapsed = level_collapsed = is_collapsed (options, level_row->key);
          lane_row = unit_row = NULL;
        }

      if (e->level == TD_LEVEL_GRASSROOTS && !level_collapsed
          && (lane_row == NULL || g_strcmp0 (lane_row->unit_id, e->lane->id) != 0))
        {
          lane_index = self->rows->len;
          lane_row = add_row (self, TD_TIMELINE_ROW_LANE, y, self->row_height);
          lane_row->key = g_strconcat ("lane:", e->lane->id, NULL);
          lane_row->label = g_strdup (e->lane->name);
          lane_row->unit_id = g_strdup (e->lane->id);
          lane_row->level = e->level;
          lane_row->depth = 1;
          lane_row->collapsible = TRUE;
          lane_row->collapsed = lane_collapsed = is_collapsed (options, lane_row->key);
          unit_row = NULL;
        }

      if (!level_collapsed && !(lane_row != NULL && lane_collapsed)
          && (unit_row == NULL || g_strcmp0 (unit_row->unit_id, e->unit->id) != 0))
        {
          unit_row = add_row (self, TD_TIMELINE_ROW_UNIT, y, self->row_height);
          unit_row->key = g_strconcat ("unit:", e->unit->id, NULL);
          unit_row->label = g_strdup (e->unit->name);
          unit_row->unit_id = g_strdup (e->unit->id);
          unit_row->level = e->level;
          unit_row->depth = e->level == TD_LEVEL_GRASSROOTS ? 2 : 1;
        }

      level_row->n_conferences++;
      level_row->worst = worse (level_row->worst, item->severity);
      if (e->level == TD_LEVEL_GRASSROOTS && lane_row != NULL && !level_collapsed)
        {
          lane_row->n_conferences++;
          lane_row->worst = worse (lane_row->worst, item->severity);
        }

      if (level_collapsed)
        target = level_index;
      else if (e->level == TD_LEVEL_GRASSROOTS && lane_collapsed)
        target = lane_index;
      else
        {
          unit_row->n_conferences++;
          unit_row->worst = worse (unit_row->worst, item->severity);
          target = self->rows->len - 1;
        }
      place_conference (self, item, target);
    }
}

static int
item_x_compare (gconstpointer a, gconstpointer b)
{
  const TdTimelineItem *x = *(TdTimelineItem **) a, *y = *(TdTimelineItem **) b;

  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return 0;
}

static int
item_time_compare (gconstpointer a, gconstpointer b)
{
  const TdTimelineItem *x = *(TdTimelineItem **) a, *y = *(TdTimelineItem **) b;

  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

TdTimelineLayout *
td_timeline_layout_new (TdPlan                  *plan,
                        const TdTimelineOptions *options)
{
  TdTimelineLayout *self;
  TdTimelineOptions defaults;
  double y;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  if (options == NULL)
    {
      td_timeline_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (TdTimelineLayout, 1);
  g_ref_count_init (&self->ref_count);
  self->vietnamese = options->vietnamese;
  self->today = options->today;
  self->row_height = options->row_height > 0 ? options->row_height : DEFAULT_ROW_HEIGHT;

  if (!td_timeline_plan_range (plan, &self->start, &self->end))
    {
      /* An empty plan still gets an axis: the month of its date, or of today. */
      TdDate anchor = plan->date != TD_DATE_NONE ? plan->date : options->today;

      if (anchor == TD_DATE_NONE)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          anchor = date_make (g_date_time_get_year (now), g_date_time_get_month (now), 1);
        }
      self->start = date_month_start (anchor);
      self->end = date_month_end (anchor);
    }
  if (options->range_start != TD_DATE_NONE)
    self->start = options->range_start;
  if (options->range_end != TD_DATE_NONE)
    self->end = options->range_end;
  if (self->end < self->start)
    self->end = self->start;
  self->n_days = self->end - self->start + 1;
  self->ppd = options->pixels_per_day > 0
            ? options->pixels_per_day
            : td_timeline_zoom_pixels_per_day (options->zoom, self->n_days, options->viewport_width);
  self->width = self->n_days * self->ppd;

  self->quarters = g_array_new (FALSE, TRUE, sizeof (TdTimelineTick));
  g_array_set_clear_func (self->quarters, tick_clear);
  self->months = g_array_new (FALSE, TRUE, sizeof (TdTimelineTick));
  g_array_set_clear_func (self->months, tick_clear);
  self->windows = g_array_new (FALSE, TRUE, sizeof (TdTimelineWindowBand));
  g_array_set_clear_func (self->windows, window_clear);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->row_items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->conferences = g_hash_table_new (g_str_hash, g_str_equal);

  build_axis (self);
  self->axis_height = self->row_height * 1.8;
  y = self->axis_height;
  build_milestones (self, plan, &y);
  build_windows (self, plan, &y);
  build_commemorations (self, plan, &y);
  self->band_height = y;
  build_lanes (self, plan, options, &y);
  self->height = y;

  /* Level windows tint the rows of their level. */
  for (guint i = 0; i < self->windows->len; i++)
    {
      TdTimelineWindowBand *band = &g_array_index (self->windows, TdTimelineWindowBand, i);
      TdLevel level;
      int first = -1, last = -1;

      switch (band->window)
        {
        case TD_WINDOW_GRASSROOTS: level = TD_LEVEL_GRASSROOTS; break;
        case TD_WINDOW_UPPER:      level = TD_LEVEL_UPPER; break;
        case TD_WINDOW_PROVINCE:   level = TD_LEVEL_PROVINCE; break;
        case TD_WINDOW_PILOT:
        default:                   continue;  /* drawn in its row only: it overlaps the upper window */
        }
      for (guint r = 0; r < self->rows->len; r++)
        {
          const TdTimelineRow *row = g_ptr_array_index (self->rows, r);

          if (row->kind >= TD_TIMELINE_ROW_LEVEL && row->level == level)
            {
              if (first < 0)
                first = r;
              last = r;
            }
        }
      if (first >= 0)
        {
          const TdTimelineRow *a = g_ptr_array_index (self->rows, first);
          const TdTimelineRow *b = g_ptr_array_index (self->rows, last);

          band->tint_y0 = a->y;
          band->tint_y1 = b->y + b->height;
        }
    }

  for (guint r = 0; r < self->row_items->len; r++)
    g_ptr_array_sort (g_ptr_array_index (self->row_items, r), item_x_compare);

  self->marker_order = g_ptr_array_new ();
  for (guint i = 0; i < self->items->len; i++)
    {
      TdTimelineItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == TD_TIMELINE_ITEM_CONFERENCE)
        g_ptr_array_add (self->marker_order, item);
    }
  g_ptr_array_sort (self->marker_order, item_time_compare);

  return self;
}

/* Accessors */

TdDate
td_timeline_layout_get_start (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, TD_DATE_NONE);
  return self->start;
}

TdDate
td_timeline_layout_get_end (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, TD_DATE_NONE);
  return self->end;
}

guint
td_timeline_layout_get_n_days (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_days;
}

double
td_timeline_layout_get_pixels_per_day (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ppd;
}

gboolean
td_timeline_layout_is_vietnamese (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->vietnamese;
}

double
td_timeline_layout_get_row_height (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row_height;
}

double
td_timeline_layout_get_width (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
td_timeline_layout_get_height (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

double
td_timeline_layout_get_axis_height (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->axis_height;
}

double
td_timeline_layout_get_band_height (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->band_height;
}

double
td_timeline_layout_x_for_date (TdTimelineLayout *self,
                               TdDate            date)
{
  g_return_val_if_fail (self != NULL, 0);
  return ((double) date - (double) self->start) * self->ppd;
}

TdDate
td_timeline_layout_date_at_x (TdTimelineLayout *self,
                              double            x)
{
  double day;

  g_return_val_if_fail (self != NULL, TD_DATE_NONE);

  day = floor (x / self->ppd) + self->start;
  if (day < 1)
    return 1;
  if (day > G_MAXUINT32)
    return G_MAXUINT32;
  return (TdDate) day;
}

gboolean
td_timeline_layout_get_today_x (TdTimelineLayout *self,
                                double           *x)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->today == TD_DATE_NONE || self->today < self->start || self->today > self->end)
    return FALSE;
  if (x)
    *x = center_x (self, self->today);
  return TRUE;
}

const TdTimelineTick *
td_timeline_layout_get_quarters (TdTimelineLayout *self,
                                 guint            *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n)
    *n = self->quarters->len;
  return (const TdTimelineTick *) (gpointer) self->quarters->data;
}

const TdTimelineTick *
td_timeline_layout_get_months (TdTimelineLayout *self,
                               guint            *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n)
    *n = self->months->len;
  return (const TdTimelineTick *) (gpointer) self->months->data;
}

const TdTimelineWindowBand *
td_timeline_layout_get_windows (TdTimelineLayout *self,
                                guint            *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n)
    *n = self->windows->len;
  return (const TdTimelineWindowBand *) (gpointer) self->windows->data;
}

guint
td_timeline_layout_get_n_rows (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const TdTimelineRow *
td_timeline_layout_get_row (TdTimelineLayout *self,
                            guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

int
td_timeline_layout_row_at_y (TdTimelineLayout *self,
                             double            y)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  hi = self->rows->len;
  if (y < self->axis_height || y >= self->height)
    return -1;
  /* Rows are contiguous and sorted by y. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const TdTimelineRow *row = g_ptr_array_index (self->rows, mid);

      if (y < row->y)
        hi = mid;
      else if (y >= row->y + row->height)
        lo = mid + 1;
      else
        return mid;
    }
  return -1;
}

int
td_timeline_layout_find_row (TdTimelineLayout *self,
                             const char       *key)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const TdTimelineRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return i;
    }
  return -1;
}

const TdTimelineItem * const *
td_timeline_layout_get_row_items (TdTimelineLayout *self,
                                  guint             row,
                                  guint            *n)
{
  GPtrArray *items;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->row_items->len, NULL);

  items = g_ptr_array_index (self->row_items, row);
  if (n)
    *n = items->len;
  return (const TdTimelineItem * const *) items->pdata;
}

guint
td_timeline_layout_get_n_items (TdTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->items->len;
}

const TdTimelineItem *
td_timeline_layout_get_item (TdTimelineLayout *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

static gboolean
rect_contains (const TdTimelineRect *r, double x, double y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

const TdTimelineItem *
td_timeline_layout_hit_test (TdTimelineLayout *self,
                             double            x,
                             double            y)
{
  const TdTimelineItem *best = NULL;
  double best_distance = G_MAXDOUBLE;
  GPtrArray *items;
  int row;

  g_return_val_if_fail (self != NULL, NULL);

  row = td_timeline_layout_row_at_y (self, y);
  if (row < 0)
    return NULL;

  items = g_ptr_array_index (self->row_items, row);
  for (guint i = 0; i < items->len; i++)
    {
      const TdTimelineItem *item = g_ptr_array_index (items, i);
      double distance;

      if (!rect_contains (&item->bounds, x, y))
        continue;
      distance = item->kind == TD_TIMELINE_ITEM_MILESTONE
               ? (x < item->x_end ? 0 : x - item->x_end)
               : fabs (x - item->x) + fabs (y - item->y);
      if (distance < best_distance)
        {
          best = item;
          best_distance = distance;
        }
    }
  if (best != NULL)
    return best;

  for (guint i = 0; i < items->len; i++)
    {
      const TdTimelineItem *item = g_ptr_array_index (items, i);
      double distance;

      if (item->kind != TD_TIMELINE_ITEM_CONFERENCE || !rect_contains (&item->due_bounds, x, y))
        continue;
      distance = fabs (x - item->due_x);
      if (distance < best_distance)
        {
          best = item;
          best_distance = distance;
        }
    }
  return best;
}

const TdTimelineItem * const *
td_timeline_layout_get_marker_order (TdTimelineLayout *self,
                                     guint            *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n)
    *n = self->marker_order->len;
  return (const TdTimelineItem * const *) self->marker_order->pdata;
}

const TdTimelineItem *
td_timeline_layout_find_conference (TdTimelineLayout *self,
                                    const char       *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->conferences, id);
}
