/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "td-rules.h"

G_BEGIN_DECLS

/* The heading of one group of the problems list: a conference, or a unit for the violations
 * that concern a unit alone (R-PILOT of a body without a conference). Immutable: when what a
 * heading shows changes, the model puts a new one in its place. */
#define TD_TYPE_PROBLEMS_HEADER (td_problems_header_get_type ())
G_DECLARE_FINAL_TYPE (TdProblemsHeader, td_problems_header, TD, PROBLEMS_HEADER, GObject)

struct _TdProblemsHeader
{
  GObject     parent_instance;

  char       *conference;  /* id, NULL for a unit's own group */
  char       *unit;        /* id */
  char       *title;       /* the unit's name */
  char       *subtitle;    /* the conference date */
  TdSeverity  worst;       /* of the whole group, whatever the filter */
  guint       n_violations;/* of the whole group */
};

/* The rules' violations as one flat GListModel for a list view: for each group a
 * TdProblemsHeader followed by its TdViolations (errors first), groups ordered by their worst
 * severity and then by the plan's order (conferences in plan order, then units' own groups).
 * A severity filter hides the other violations and the groups left empty.
 *
 * It follows the rules engine without rebuilding the list: after each change only the
 * stretch of items that differs is replaced (one ::items-changed), so the rows on screen, the
 * scroll position and the focus stay where they are. */
#define TD_TYPE_PROBLEMS_MODEL (td_problems_model_get_type ())
G_DECLARE_FINAL_TYPE (TdProblemsModel, td_problems_model, TD, PROBLEMS_MODEL, GObject)

TdProblemsModel *td_problems_model_new        (TdRules *rules);
TdRules         *td_problems_model_get_rules  (TdProblemsModel *self);
/* TD_SEVERITY_NONE shows every violation; another value only the violations of that severity. */
void             td_problems_model_set_filter (TdProblemsModel *self, TdSeverity only);
TdSeverity       td_problems_model_get_filter (TdProblemsModel *self);
/* Violations of @severity in the whole plan (TD_SEVERITY_NONE: all of them). */
guint            td_problems_model_get_count  (TdProblemsModel *self, TdSeverity severity);
/* Brings the list up to date now instead of at the next idle (::updated follows). */
void             td_problems_model_sync       (TdProblemsModel *self);

G_END_DECLS
