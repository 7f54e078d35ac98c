/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "td-plan.h"

G_BEGIN_DECLS

/*
 * Two-way bindings between editing widgets and the public fields of the model's records
 * (TdPlan, TdUnit, TdPerson, TdConference, TdAgendaItem inside a conference).
 *
 * A change in the widget is one edit of the plan (saved at once, undoable; typing in one field
 * merges into one undo step). A change of the record (an undo, another window) updates the
 * widget when its ::changed signal (or the plan's ::metadata-changed) fires. @record is the
 * record that owns the field (NULL for the plan itself); @owner is the record to touch (a
 * conference for its agenda items; NULL: @record itself). @offset is G_STRUCT_OFFSET of the field.
 * Bindings end when the widget is destroyed or rebound with td_bind_clear().
 */

void td_bind_string   (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* Text of a GtkTextView (for long text such as notes). */
void td_bind_text_view(GtkTextView *view, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* An int field shown by a GtkSpinButton; @unset_value (e.g. -1) shows as an empty spin when
 * @allow_unset. */
void td_bind_int      (GtkSpinButton *spin, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* A TdDate field typed as dd/mm/yyyy into an editable; an invalid date is marked, not saved. */
void td_bind_date     (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* A time (minutes) typed as HH:MM. */
void td_bind_time     (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* A gboolean field shown by a GtkSwitch or a GtkCheckButton (its "active" property). */
void td_bind_bool     (GtkWidget *toggle, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
/* An enum/int field shown by a GtkDropDown (selected index = value + @base). */
void td_bind_dropdown (GtkDropDown *dropdown, TdPlan *plan, gpointer record, gpointer owner,
                       gsize offset, const char *label);
void td_bind_clear    (GtkWidget *widget);

/* "05/02/2020" ↔ TdDate (also accepts d/m/yyyy and YYYY-MM-DD). */
gboolean td_bind_parse_date (const char *text, TdDate *out);

G_END_DECLS
