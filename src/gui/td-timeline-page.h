/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"
#include "td-timeline-view.h"

G_BEGIN_DECLS

#define TD_TYPE_TIMELINE_PAGE (td_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (TdTimelinePage, td_timeline_page, TD, TIMELINE_PAGE, AdwBin)

/* The Timeline page: zoom buttons, "Export Timeline…", the timeline view and its legend.
 * Installs "timeline.zoom" (string state: "plan", "quarter", "month", "custom") and
 * "timeline.export". The severities come from the rules engine of the TdPlanWindow the page is
 * in. */
void            td_timeline_page_set_plan  (TdTimelinePage *self, TdPlan *plan);
TdTimelineView *td_timeline_page_get_view  (TdTimelinePage *self);
/* Writes the timeline PDF to @path (".pdf" added when missing) in a worker thread, from a copy
 * of the plan, with the lanes collapsed as on screen; a toast says how it went. What
 * "Export Timeline…" does once a file is chosen. */
void            td_timeline_page_export    (TdTimelinePage *self, const char *path);

G_END_DECLS
