/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "td-types.h"
#include "td-plan.h"

G_BEGIN_DECLS

/*
 * TdTimelineLayout: where everything of the timeline goes, as a pure function of a plan and a
 * set of options (zoom, collapsed rows, today, severities). No GTK, no cairo, no fonts: the
 * layout is computed once per model or zoom change and then drawn (td-timeline.h) as often
 * as needed, by the timeline widget (through gtk_snapshot_append_cairo) and by the PDF.
 *
 * Coordinates ("content coordinates") are in device units: pixels on screen, points on paper.
 * x = 0 is the first day of the range; each day is pixels_per_day wide; a day's markers sit at
 * the middle of its column. y = 0 is the top of the axis. From the top:
 *
 *   axis            quarter bands, then month ticks           [0, axis_height)
 *   fixed rows      milestones (one or more sub-rows), level windows, commemorations
 *                                                              [axis_height, band_height)
 *   body rows       swimlanes: a header row per level, under the grassroots level one
 *                   lane per district or department, under each lane (and directly under the
 *                   upper and province levels) one row per unit that holds a conference
 *                                                              [band_height, height)
 *
 * A widget that wants a sticky header draws [0, band_height) pinned and the body scrolled:
 * drawing is clipped by the visible rectangle given to td_timeline_draw(), so both parts are
 * drawn by the same call with different translations.
 *
 * Lane labels are not in the content: draw them in a separate column with
 * td_timeline_draw_labels(), at the same y.
 *
 * Collapsing: every level header and every grassroots lane has a key (row->key). When the key
 * is in options->collapsed, the rows under it are hidden and the header row itself shows all
 * their conferences, so that no conference ever disappears from the timeline.
 */

typedef struct _TdTimelineLayout TdTimelineLayout;

typedef enum {
  TD_TIMELINE_ZOOM_PLAN,     /* the whole range fits the viewport */
  TD_TIMELINE_ZOOM_QUARTER,  /* one quarter (92 days) fills the viewport */
  TD_TIMELINE_ZOOM_MONTH,    /* one month (31 days) fills the viewport */
} TdTimelineZoom;

/* The worst rule severity of a conference, as the rules engine reports it. UNKNOWN is used
 * when no severity function is given: the marker is drawn neutral, claiming nothing. */
typedef enum {
  TD_TIMELINE_SEVERITY_UNKNOWN,
  TD_TIMELINE_SEVERITY_FINE,     /* no problem (or information only) */
  TD_TIMELINE_SEVERITY_WARNING,
  TD_TIMELINE_SEVERITY_ERROR,
} TdTimelineSeverity;

/* Called once per conference while the layout is built. */
typedef TdTimelineSeverity (*TdTimelineSeverityFunc) (const char *conference_id,
                                                      gpointer    user_data);

/* The four submissions of R-SUBMIT against their due date (the conference date minus one
 * calendar month, clamped to the month's end). */
typedef enum {
  TD_TIMELINE_DUE_PENDING,   /* something is missing and the due date is still ahead (or no today) */
  TD_TIMELINE_DUE_COMPLETE,  /* all four received on or before the due date */
  TD_TIMELINE_DUE_OVERDUE,   /* today is on or past the due date and one was missing on it */
} TdTimelineDueState;

typedef struct
{
  TdTimelineZoom         zoom;
  double                 viewport_width;  /* width the zoom fits; 0: 1000 */
  double                 pixels_per_day;  /* > 0: used as is, zoom and viewport ignored */
  double                 row_height;      /* body row height; 0: 24 */
  TdTimelineSeverityFunc severity_func;   /* NULL: every severity is UNKNOWN */
  gpointer               severity_data;
  GHashTable            *collapsed;       /* set of row keys (char *); NULL: all expanded.
                                             Read during td_timeline_layout_new() only */
  TdDate                 today;           /* TD_DATE_NONE: no today line, no overdue marks */
  gboolean               vietnamese;      /* TRUE: Vietnamese literals (paper);
                                             FALSE: English msgids through gettext (screen) */
  TdDate                 range_start;     /* TD_DATE_NONE: derived from the plan */
  TdDate                 range_end;       /* TD_DATE_NONE: derived from the plan */
} TdTimelineOptions;

typedef struct
{
  double x, y, width, height;
} TdTimelineRect;

/* A quarter band or a month tick on the axis; [x0, x1) is its extent (clipped to the range). */
typedef struct
{
  TdDate  start;
  int     year;
  int     number;       /* quarter 1–4 or month 1–12 */
  double  x0, x1;
  char   *label;        /* "Quý IV/2019", "Tháng 10" / translated "Q4 2019", "October" */
  char   *short_label;  /* "QIV/19", "T10" / translated "Oct" */
} TdTimelineTick;

/* A level window of the plan's parameters, drawn as a labelled bar in the windows row and as a
 * tint over the rows of its level (tint_y0 == tint_y1 when the level has no rows). */
typedef struct
{
  TdWindow  window;
  TdDate    start, end;   /* inclusive */
  double    x0, x1;
  double    y, height;    /* the bar, in the windows row */
  double    tint_y0, tint_y1;
  char     *label;
} TdTimelineWindowBand;

typedef enum {
  TD_TIMELINE_ROW_MILESTONES,      /* fixed: one per milestone sub-row */
  TD_TIMELINE_ROW_WINDOWS,         /* fixed */
  TD_TIMELINE_ROW_COMMEMORATIONS,  /* fixed */
  TD_TIMELINE_ROW_LEVEL,           /* body: a level header (collapsible) */
  TD_TIMELINE_ROW_LANE,            /* body: a district or department under the grassroots level (collapsible) */
  TD_TIMELINE_ROW_UNIT,            /* body: one unit's conferences */
} TdTimelineRowKind;

typedef struct
{
  TdTimelineRowKind  kind;
  char              *key;          /* "level:grassroots", "lane:<unit id>", "unit:<unit id>";
                                      NULL for fixed rows */
  char              *label;        /* level name, unit name; the fixed rows' titles (only
                                      the first sub-row of the milestones has one) */
  guint              depth;        /* indentation level of the label: 0, 1, 2 */
  TdLevel            level;        /* body rows */
  char              *unit_id;      /* LANE and UNIT rows */
  gboolean           collapsible;
  gboolean           collapsed;
  guint              n_conferences;/* conferences under this row, hidden or not */
  TdTimelineSeverity worst;        /* worst severity under this row */
  double             y, height;
} TdTimelineRow;

typedef enum {
  TD_TIMELINE_ITEM_CONFERENCE,
  TD_TIMELINE_ITEM_MILESTONE,
  TD_TIMELINE_ITEM_COMMEMORATION,
} TdTimelineItemKind;

/* Something drawn at a date that can be pointed at. Strings are copies: the item stays valid
 * after the plan changes, until the layout is freed. */
typedef struct
{
  TdTimelineItemKind  kind;
  char               *id;        /* conference id; milestone id ("M3"); NULL for a commemoration */
  char               *title;     /* conference form; milestone title; commemoration title */
  char               *detail;    /* conference: unit name; milestone: actor; commemoration: NULL */
  char               *unit_id;   /* conference only */
  TdDate              date;      /* conference date; milestone start; commemoration day */
  TdDate              end;       /* milestone end (== date for one day); else == date */
  TdLevel             level;     /* conference only */
  gboolean            pilot;     /* conference only */
  TdTimelineSeverity  severity;  /* conference only */
  TdDate              due;       /* conference only: submission due date */
  TdTimelineDueState  due_state; /* conference only */
  guint               row;       /* index of the row it is drawn in */
  double              x, y;      /* centre of the marker (milestone: its start) */
  double              x_end;     /* milestone: right end of the range bar; else == x */
  double              due_x;     /* conference only: centre of the due-date tick */
  TdTimelineRect      bounds;    /* hit region of the marker (milestone: bar and label) */
  TdTimelineRect      due_bounds;/* conference only: hit region of the due tick */
} TdTimelineItem;

void                  td_timeline_options_init        (TdTimelineOptions *options);

/* A ready-made TdTimelineSeverityFunc over the incremental rules engine: pass a TdRules * as
 * user data. Information-only findings count as fine. (Defined in td-timeline.c.) */
TdTimelineSeverity    td_timeline_severity_from_rules (const char *conference_id,
                                                       gpointer    rules);

/* Pixels per day for a zoom: PLAN fits @n_days into @viewport_width. */
double                td_timeline_zoom_pixels_per_day (TdTimelineZoom zoom,
                                                       guint          n_days,
                                                       double         viewport_width);

/* The range a plan spans: from its first milestone (or conference) to its last, padded to
 * whole months. FALSE when the plan has no dated milestone or conference. */
gboolean              td_timeline_plan_range          (TdPlan *plan,
                                                       TdDate *first,
                                                       TdDate *last);

TdTimelineLayout     *td_timeline_layout_new          (TdPlan                  *plan,
                                                       const TdTimelineOptions *options);
TdTimelineLayout     *td_timeline_layout_ref          (TdTimelineLayout *self);
void                  td_timeline_layout_unref        (TdTimelineLayout *self);

/* First and last day (inclusive) and the scale. */
TdDate                td_timeline_layout_get_start    (TdTimelineLayout *self);
TdDate                td_timeline_layout_get_end      (TdTimelineLayout *self);
guint                 td_timeline_layout_get_n_days   (TdTimelineLayout *self);
double                td_timeline_layout_get_pixels_per_day (TdTimelineLayout *self);
gboolean              td_timeline_layout_is_vietnamese(TdTimelineLayout *self);
double                td_timeline_layout_get_row_height(TdTimelineLayout *self);

/* Size of the content, and of its parts. */
double                td_timeline_layout_get_width    (TdTimelineLayout *self);
double                td_timeline_layout_get_height   (TdTimelineLayout *self);
double                td_timeline_layout_get_axis_height (TdTimelineLayout *self);
/* Axis plus fixed rows: the part a widget keeps pinned and the PDF repeats on every page. */
double                td_timeline_layout_get_band_height (TdTimelineLayout *self);

/* x of the left edge of a day's column (dates outside the range extrapolate). */
double                td_timeline_layout_x_for_date   (TdTimelineLayout *self, TdDate date);
/* The day whose column holds @x (outside the range too; never before 1 January of year 1). */
TdDate                td_timeline_layout_date_at_x    (TdTimelineLayout *self, double x);
/* Today's x (centre of its column); FALSE when today is not set or not in the range. */
gboolean              td_timeline_layout_get_today_x  (TdTimelineLayout *self, double *x);

const TdTimelineTick *td_timeline_layout_get_quarters (TdTimelineLayout *self, guint *n);
const TdTimelineTick *td_timeline_layout_get_months   (TdTimelineLayout *self, guint *n);
const TdTimelineWindowBand *td_timeline_layout_get_windows (TdTimelineLayout *self, guint *n);

guint                 td_timeline_layout_get_n_rows   (TdTimelineLayout *self);
const TdTimelineRow  *td_timeline_layout_get_row      (TdTimelineLayout *self, guint index);
/* Index of the row at @y, or -1 (in the axis, above or below). */
int                   td_timeline_layout_row_at_y     (TdTimelineLayout *self, double y);
/* Index of the row with that key, or -1. */
int                   td_timeline_layout_find_row     (TdTimelineLayout *self, const char *key);

/* Items of a row, sorted by x. */
const TdTimelineItem * const *td_timeline_layout_get_row_items (TdTimelineLayout *self,
                                                                guint             row,
                                                                guint            *n);
/* Every item: milestones, then commemorations, then conferences. */
guint                 td_timeline_layout_get_n_items  (TdTimelineLayout *self);
const TdTimelineItem *td_timeline_layout_get_item     (TdTimelineLayout *self, guint index);

/* The item under a point: a conference marker or its due tick (the conference is returned;
 * compare with item->due_bounds to tell which), a milestone, a commemoration. When markers
 * overlap, the one whose centre is nearest wins. NULL when nothing is there. */
const TdTimelineItem *td_timeline_layout_hit_test     (TdTimelineLayout *self, double x, double y);

/* The conferences in time order (date, then top to bottom), for keyboard navigation. */
const TdTimelineItem * const *td_timeline_layout_get_marker_order (TdTimelineLayout *self,
                                                                   guint            *n);
const TdTimelineItem *td_timeline_layout_find_conference (TdTimelineLayout *self, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTimelineLayout, td_timeline_layout_unref)

G_END_DECLS
