/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_CONFERENCE_EDITOR (td_conference_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdConferenceEditor, td_conference_editor, TD, CONFERENCE_EDITOR, AdwBin)

/* Edits the conference held by @unit (@conference may be NULL: an empty state offers to create
 * one), with its documents sent to the province and its agenda. Widget actions:
 * "conference.create" and "conference.delete" (asks first). */
GtkWidget    *td_conference_editor_new            (void);
void          td_conference_editor_set_conference (TdConferenceEditor *self, TdPlan *plan,
                                                   TdUnit *unit, TdConference *conference);
TdConference *td_conference_editor_get_conference (TdConferenceEditor *self);

/* A new conference for @unit as the "Create Conference" button makes it: the level's first form,
 * the mode its staff proposes, the agenda template from 07:30. Not yet in the plan. */
TdConference *td_conference_new_for_unit          (TdPlan *plan, TdUnit *unit);

G_END_DECLS
