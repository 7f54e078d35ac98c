/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "td-rules.h"
#include "td-units-page.h"

G_BEGIN_DECLS

/* Shows the rules' verdict on one conference inside an editor: each widget registered for a
 * field (TD_FIELD_…) gets the "error" or "warning" style class of the worst violation that
 * concerns the field, with the messages as its tooltip; a message box lists every violation of
 * the conference (icon with an accessible name, rule id, message). Follows TdRules::changed.
 * Only the classes it added are removed again, so the editor's own marks stay. */
#define TD_TYPE_RULE_MARKS (td_rule_marks_get_type ())
G_DECLARE_FINAL_TYPE (TdRuleMarks, td_rule_marks, TD, RULE_MARKS, GObject)

TdRuleMarks *td_rule_marks_new             (void);
/* @widget shows the violations of the fields given (NULL-terminated). */
void         td_rule_marks_add_field       (TdRuleMarks *self, GtkWidget *widget,
                                            const char *field, ...) G_GNUC_NULL_TERMINATED;
/* @box (vertical) is emptied and filled with one line per violation; hidden when none. */
void         td_rule_marks_set_message_box (TdRuleMarks *self, GtkBox *box);
/* @rules may be NULL (nothing marked). */
void         td_rule_marks_set_conference  (TdRuleMarks *self, TdRules *rules, const char *conference_id);

/* The rules engine of the plan window @widget is in, or NULL. */
TdRules     *td_rule_marks_find_rules      (GtkWidget *widget);

/* Each unit row of @page shows the worst severity of the unit's conference (and of the unit's
 * own problems) as an icon with an accessible name, kept up to date with @rules. */
void         td_rule_marks_attach_units_page (TdUnitsPage *page, TdRules *rules);

G_END_DECLS
