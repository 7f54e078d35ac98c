/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-composition.h"

G_BEGIN_DECLS

/* How a gauge is drawn: its rule broken (error/warning), information only, or fine. */
typedef enum {
  TD_GAUGE_NORMAL,
  TD_GAUGE_INFO,
  TD_GAUGE_WARNING,
  TD_GAUGE_ERROR,
} TdGaugeState;

/* One line of the summary: "Leaders  42 (29.6 %) / at most 30 %  [bar]". */
typedef struct
{
  char         *title;     /* "Leaders" */
  char         *value;     /* "42 (29.6 %) / at most 30 %" */
  double        level;     /* the bar: level of max_level; max_level <= 0 means no bar */
  double        max_level;
  TdGaugeState  state;
} TdGauge;

/* What the composition view shows, computed from a TdComposition alone (no display needed),
 * so that the conference editor, the delegate wizard and the tests agree. */
typedef struct
{
  TdGauge       total;       /* "142 / 150" against the cap, or "142" when none applies */
  TdGauge       leaders;
  TdGauge       exemplars;
  TdGauge       women;
  TdGauge       minorities;
  TdGauge       sectors;     /* value: "State 120 · Private 22"; warning as R-PRIO says */
  GPtrArray    *quotas;      /* of TdGauge*: one per quota, title = the child unit's name */
  char         *note;        /* guests and people not in the plan, or NULL */
  char         *fix;         /* the R-MIX fix sentence, the plenary note, or NULL */
  TdGaugeState  fix_state;
} TdCompositionState;

/* @unit_name (may be NULL: the unit ids are shown) names the quota units. */
typedef const char *(*TdUnitNameFunc) (const char *unit_id, gpointer user_data);

TdCompositionState *td_composition_state_new  (const TdComposition *composition,
                                               TdUnitNameFunc       unit_name,
                                               gpointer             user_data);
void                td_composition_state_free (TdCompositionState *state);
/* "error", "warning", "info" or NULL: the style class of a gauge in that state. */
const char         *td_gauge_state_to_class   (TdGaugeState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCompositionState, td_composition_state_free)

#define TD_TYPE_COMPOSITION_VIEW (td_composition_view_get_type ())
G_DECLARE_FINAL_TYPE (TdCompositionView, td_composition_view, TD, COMPOSITION_VIEW, AdwBin)

/* A compact summary of a conference's delegates: total against the cap, leaders and exemplars
 * against the limit, women, ethnic minorities, sectors, seats per quota, and what would fix the
 * mix. Each gauge's bar and value carry the "error" or "warning" style class when its rule is
 * broken. Named children for tests: "composition-total", "composition-leaders",
 * "composition-exemplars", "composition-women", "composition-minorities",
 * "composition-sectors" (the value labels), "composition-fix". */
GtkWidget *td_composition_view_new             (void);
/* Shows @composition (copied; NULL shows nothing). */
void       td_composition_view_set_composition (TdCompositionView   *self,
                                                const TdComposition *composition);
/* The plan whose unit names the quota lines show (may be NULL: unit ids). */
void       td_composition_view_set_plan        (TdCompositionView   *self,
                                                TdPlan              *plan);
/* What is shown, for tests (NULL when nothing). */
const TdCompositionState *td_composition_view_get_state (TdCompositionView *self);

G_END_DECLS
