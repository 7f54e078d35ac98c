/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-export.h"
#include "td-pdf-preview.h"
#include "td-plan-window.h"

G_BEGIN_DECLS

/* The dialog offers the kinds of td_export_build() and the timeline (td_timeline_write_pdf). */
#define TD_EXPORT_DIALOG_TIMELINE ((TdExportKind) (TD_EXPORT_PLAN + 1))

#define TD_TYPE_EXPORT_DIALOG (td_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TdExportDialog, td_export_dialog, TD, EXPORT_DIALOG, AdwWindow)

/*
 * The Export dialog: the document kind, the conference and the document's options on the
 * left (prefilled from td_export_options_load), a live preview on the right (rebuilt in a
 * worker thread ~300 ms after each change), "Export…" (a PDF written in a worker thread with
 * a progress bar and Cancel) and "Print…". The options are stored in the plan, as one undoable
 * edit, when the document is exported or printed, so that the next export repeats them.
 * Modal over @window. @conference_id may be NULL (the first conference is offered for the
 * conference documents).
 */
void            td_export_dialog_open           (TdPlanWindow *window,
                                                 const char   *conference_id,
                                                 TdExportKind  kind);
/* Like td_export_dialog_open(), but the print dialog opens as soon as the preview is built. */
void            td_export_dialog_open_print     (TdPlanWindow *window,
                                                 const char   *conference_id,
                                                 TdExportKind  kind);
/* The dialog, not yet shown. */
TdExportDialog *td_export_dialog_new            (TdPlanWindow *window,
                                                 const char   *conference_id,
                                                 TdExportKind  kind);

TdExportKind    td_export_dialog_get_kind       (TdExportDialog *self);
const char     *td_export_dialog_get_conference (TdExportDialog *self);
TdPdfPreview   *td_export_dialog_get_preview    (TdExportDialog *self);
/* The document shown in the preview (NULL while building, for the timeline, or after an
 * error). */
TdDocument     *td_export_dialog_get_document   (TdExportDialog *self);
/* The options as the widgets hold them now (defaults as NULL). */
TdExportOptions *td_export_dialog_dup_options   (TdExportDialog *self);
/* Whether a preview build is scheduled or running. */
gboolean        td_export_dialog_is_building    (TdExportDialog *self);
/* Whether an export is running. */
gboolean        td_export_dialog_is_exporting   (TdExportDialog *self);
/* Exports to @file as if it had been chosen in the file chooser (used by the chooser, the
 * tests and anyone who already knows the file). Asynchronous: the dialog closes on success
 * with a toast in the plan window, or shows what went wrong. */
void            td_export_dialog_export_to_file (TdExportDialog *self,
                                                 GFile          *file);
/* "giay-moi-c-go-dau.pdf" */
char           *td_export_dialog_suggest_name   (TdExportKind    kind,
                                                 const char     *conference_id);

G_END_DECLS
