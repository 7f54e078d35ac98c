/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

#include "td-document.h"

G_BEGIN_DECLS

/*
 * Printing through GtkPrintOperation with the same drawing as the PDF: each page of a
 * TdDocument is drawn by td_document_draw_page() on the print context, so paper and PDF agree.
 * Documents that exist only as PDF (the timeline) are printed from poppler's rendering.
 *
 * The operations are configured (A4 in the document's orientation, number of pages, the whole
 * sheet as the drawing area since the documents carry their own margins) but not run: run them
 * with gtk_print_operation_run(); GTK_PRINT_OPERATION_ACTION_EXPORT with an export filename
 * writes a PDF without a dialog.
 */

GtkPrintOperation *td_print_operation_new_for_document (TdDocument      *document,
                                                        const char      *job_name);
GtkPrintOperation *td_print_operation_new_for_pdf      (PopplerDocument *document,
                                                        const char      *job_name);

/* Shows the print dialog for @operation over @parent and reports a failure in a message
 * dialog. The operation runs asynchronously; @parent must stay alive meanwhile. */
void               td_print_run_dialog                 (GtkPrintOperation *operation,
                                                        GtkWindow         *parent);

G_END_DECLS
