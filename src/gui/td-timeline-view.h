/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"
#include "td-rules.h"
#include "td-timeline-layout.h"

G_BEGIN_DECLS

/*
 * TdTimelineView: the timeline as a GtkScrollable widget (put it in a GtkScrolledWindow).
 * The lane labels are pinned on the left and the axis with the milestones, windows and
 * commemorations on top; only the visible part is drawn, with the renderer of td-timeline.h.
 * The layout is rebuilt on model changes (the plan's ::changes, the rules' ::changed), zoom and
 * collapse changes and width changes of a fitted zoom; never per frame.
 *
 * Widget coordinates are the view's own; "content coordinates" are the layout's
 * (td-timeline-layout.h).
 */

typedef enum {
  TD_TIMELINE_VIEW_ZOOM_PLAN,     /* the whole plan fits the width */
  TD_TIMELINE_VIEW_ZOOM_QUARTER,
  TD_TIMELINE_VIEW_ZOOM_MONTH,
  TD_TIMELINE_VIEW_ZOOM_CUSTOM,   /* zoomed by Ctrl+scroll, pinch or +/- */
} TdTimelineViewZoom;

#define TD_TYPE_TIMELINE_VIEW (td_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (TdTimelineView, td_timeline_view, TD, TIMELINE_VIEW, GtkWidget)

GtkWidget          *td_timeline_view_new               (void);
/* @rules (may be NULL) gives the severities, the verdict while dragging and the problems in
 * tooltips; it must check @plan. */
void                td_timeline_view_set_plan          (TdTimelineView *self,
                                                        TdPlan         *plan,
                                                        TdRules        *rules);
TdPlan             *td_timeline_view_get_plan          (TdTimelineView *self);

/* Changes the zoom, keeping the date at the middle of the viewport where it is. */
void                td_timeline_view_set_zoom          (TdTimelineView     *self,
                                                        TdTimelineViewZoom  zoom);
TdTimelineViewZoom  td_timeline_view_get_zoom          (TdTimelineView *self);
/* Multiplies the scale by @factor, keeping the date under widget x @anchor_x where it is. */
void                td_timeline_view_zoom_by           (TdTimelineView *self,
                                                        double          factor,
                                                        double          anchor_x);
double              td_timeline_view_get_pixels_per_day(TdTimelineView *self);

/* Row keys collapsed by the user (a set of char *, owned by the view). */
GHashTable         *td_timeline_view_get_collapsed     (TdTimelineView *self);
void                td_timeline_view_set_collapsed     (TdTimelineView *self,
                                                        const char     *key,
                                                        gboolean        collapsed);

/* The current layout (rebuilt first when out of date); NULL when the plan has no dates. */
TdTimelineLayout   *td_timeline_view_get_layout        (TdTimelineView *self);
/* Widget coordinates of a content point; FALSE when it is not in the visible part. */
gboolean            td_timeline_view_content_to_widget(TdTimelineView *self,
                                                        double          cx,
                                                        double          cy,
                                                        double         *wx,
                                                        double         *wy);
/* What is under a widget point, as hit-testing of the layout gives it (NULL: nothing). */
const TdTimelineItem *td_timeline_view_item_at         (TdTimelineView *self,
                                                        double          x,
                                                        double          y);
/* Scrolls so that a content point is visible. */
void                td_timeline_view_scroll_to         (TdTimelineView *self,
                                                        double          cx,
                                                        double          cy);

/* The conference that has the keyboard focus (NULL: none). */
const char         *td_timeline_view_get_focused       (TdTimelineView *self);
void                td_timeline_view_focus_conference  (TdTimelineView *self,
                                                        const char     *conference_id);

/* While a conference marker is dragged: the date it would move to and the rules' verdict for
 * that date (TRUE); FALSE when no marker is being dragged. */
gboolean            td_timeline_view_get_drag_preview  (TdTimelineView *self,
                                                        TdDate         *date,
                                                        TdSeverity     *verdict);

/* The drag gesture's own handlers, for tests: a press at widget (x, y), a move by (dx, dy), a
 * release. */
void                td_timeline_view_drag_begin_for_test  (TdTimelineView *self, double x, double y);
void                td_timeline_view_drag_update_for_test (TdTimelineView *self, double dx, double dy);
void                td_timeline_view_drag_end_for_test    (TdTimelineView *self, double dx, double dy);

G_END_DECLS
