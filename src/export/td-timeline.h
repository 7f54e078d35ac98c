/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "td-plan.h"
#include "td-timeline-layout.h"

G_BEGIN_DECLS

/*
 * The timeline renderer: draws a TdTimelineLayout on any cairo_t. The timeline widget draws
 * through gtk_snapshot_append_cairo() and the PDF through a cairo PDF surface, so the screen
 * and the paper agree.
 *
 * Drawing is cheap: only rows and markers that intersect the visible rectangle are touched
 * (rows by binary search on y, markers by binary search on x), text is limited to the axis,
 * the fixed rows and the labels column, and no layout is recomputed. Recompute the layout
 * (td_timeline_layout_new) on model, zoom or collapse changes only.
 *
 * Severities are shown by colour AND shape, so that they read in greyscale and for colour-blind
 * users: error = filled diamond with a "!", warning = filled triangle, fine = filled circle,
 * not checked (no severity function) = hollow circle. A pilot conference has an extra ring.
 * The due-date tick of R-SUBMIT is linked to its conference by a thin line; an overdue one is
 * drawn taller, in the warning colour, with a cross bar.
 */

typedef struct
{
  double red, green, blue, alpha;
} TdTimelineColor;

typedef struct
{
  TdTimelineColor background;
  TdTimelineColor foreground;      /* text, outlines */
  TdTimelineColor dim;             /* secondary text, links */
  TdTimelineColor grid;            /* month lines */
  TdTimelineColor grid_strong;     /* quarter lines, row group separators */
  TdTimelineColor axis_fill[2];    /* alternating quarter bands */
  TdTimelineColor group_fill;      /* level header rows */
  TdTimelineColor window_fill[TD_N_WINDOWS];  /* bars in the windows row */
  TdTimelineColor window_tint[TD_N_WINDOWS];  /* tint over a level's rows */
  TdTimelineColor milestone;
  TdTimelineColor commemoration;
  TdTimelineColor today;
  TdTimelineColor fine;
  TdTimelineColor warning;
  TdTimelineColor error;
  TdTimelineColor unknown;
  TdTimelineColor focus;           /* ring around the focused marker */
  const char     *font_family;     /* NULL: "Sans" */
  double          font_size;       /* absolute size in device units; 0: 0.5 × row height */
} TdTimelineStyle;

/* Colours from Paul Tol's high-contrast (light) and medium-contrast (dark) schemes, which are
 * distinct for the common colour-vision deficiencies and in greyscale. */
void                   td_timeline_style_init_light   (TdTimelineStyle *style);
void                   td_timeline_style_init_dark    (TdTimelineStyle *style);
/* Light, in "Times New Roman" (Liberation Serif on Linux): the printed timeline. */
void                   td_timeline_style_init_paper   (TdTimelineStyle *style);
const TdTimelineColor *td_timeline_style_severity_color (const TdTimelineStyle *style,
                                                         TdTimelineSeverity     severity);

/* Draws the content (axis, fixed rows, lanes, markers) in content coordinates: the caller
 * translates and clips. Only what intersects @visible is drawn; @visible NULL draws all.
 * @focused (may be NULL) gets a focus ring. */
void    td_timeline_draw         (TdTimelineLayout      *layout,
                                  cairo_t               *cr,
                                  const TdTimelineRect  *visible,
                                  const TdTimelineStyle *style,
                                  const TdTimelineItem  *focused);

/* Draws the labels column for the rows that intersect [y0, y1): x from 0 to @width, y in
 * content coordinates (the same as td_timeline_draw). Collapsible rows get a disclosure
 * triangle (left, one row-height wide: the click target for collapsing) and their count;
 * level and lane rows show the worst severity under them. */
void    td_timeline_draw_labels  (TdTimelineLayout      *layout,
                                  cairo_t               *cr,
                                  double                 width,
                                  double                 y0,
                                  double                 y1,
                                  const TdTimelineStyle *style);

typedef enum {
  TD_TIMELINE_LEGEND_SEVERITIES = 1 << 0,  /* error/warning/fine; else the "not checked" circle */
  TD_TIMELINE_LEGEND_TODAY      = 1 << 1,  /* the today line (when it is in the range) */
} TdTimelineLegendFlags;

/* Draws the legend as a flow of symbols and words at (x, y) within @width; returns the height
 * used. @row_height sets the symbol size. */
double  td_timeline_draw_legend  (cairo_t               *cr,
                                  double                 x,
                                  double                 y,
                                  double                 width,
                                  double                 row_height,
                                  const TdTimelineStyle *style,
                                  gboolean               vietnamese,
                                  TdTimelineLegendFlags  flags);

typedef struct
{
  TdTimelineSeverityFunc severity_func;  /* NULL: one full check with the rules engine */
  gpointer               severity_data;
  TdDate                 today;          /* TD_DATE_NONE: the current local date */
  GHashTable            *collapsed;      /* row keys to print collapsed (NULL: all expanded) */
} TdTimelinePdfOptions;

/* The printed timeline: A4 landscape pages in the administrative format (documents.md),
 * Vietnamese, the official header on page 1, one quarter per page column, lanes continuing on
 * as many pages as needed with their labels and the axis repeated, a legend on every page,
 * page numbers from page 2, and a last page listing the milestones and commemorations. */
gboolean td_timeline_write_pdf             (TdPlan                     *plan,
                                            const char                 *path,
                                            GError                    **error);
gboolean td_timeline_write_pdf_with_options(TdPlan                     *plan,
                                            const char                 *path,
                                            const TdTimelinePdfOptions *options,
                                            GError                    **error);

G_END_DECLS
