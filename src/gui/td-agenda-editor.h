/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_AGENDA_EDITOR (td_agenda_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdAgendaEditor, td_agenda_editor, TD, AGENDA_EDITOR, AdwBin)

/* The agenda of one conference as a boxed list. Widget actions: "agenda.add-item",
 * "agenda.add-talk", "agenda.reset" (asks first), and, with the item's position (u),
 * "agenda.remove", "agenda.move-up", "agenda.move-down". Each is one undoable edit. */
GtkWidget *td_agenda_editor_new            (void);
void       td_agenda_editor_set_conference (TdAgendaEditor *self, TdPlan *plan, TdConference *conference);

/* "3 h 20 min", "45 min", "4 h": a length in minutes for the interface. */
char      *td_agenda_format_minutes        (int minutes);

G_END_DECLS
