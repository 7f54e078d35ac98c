/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib gained its own g_autoptr cleanups in 25.06; older ones (Debian 12: 22.12) have none. */
#if !POPPLER_CHECK_VERSION (25, 6, 0)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
#endif

/*
 * TdPdfPreview: shows one page of a PDF held in memory (rendered by poppler), with page
 * navigation ("Page 2 of 14"), zoom (fit width, 100 %, in and out), a spinner while the owner
 * builds the next version and a message when there is nothing to show.
 *
 * Properties: "n-pages" (read-only), "page" (0-based), "busy", "fit-width", "zoom" (1.0 is the
 * printed size at 96 dpi).
 */

#define TD_TYPE_PDF_PREVIEW (td_pdf_preview_get_type ())
G_DECLARE_FINAL_TYPE (TdPdfPreview, td_pdf_preview, TD, PDF_PREVIEW, GtkWidget)

GtkWidget       *td_pdf_preview_new           (void);
/* Shows @pdf (NULL: nothing). The current page is kept when the new document has it, so that
 * a rebuild after an option change does not jump back to page 1. */
gboolean         td_pdf_preview_set_pdf       (TdPdfPreview *self, GBytes *pdf, GError **error);
PopplerDocument *td_pdf_preview_get_document  (TdPdfPreview *self);
/* A message shown over the page area instead of a page (NULL: none), e.g. why there is no
 * document to show. */
void             td_pdf_preview_set_message   (TdPdfPreview *self, const char *message);
const char      *td_pdf_preview_get_message   (TdPdfPreview *self);
void             td_pdf_preview_set_busy      (TdPdfPreview *self, gboolean busy);
gboolean         td_pdf_preview_get_busy      (TdPdfPreview *self);
guint            td_pdf_preview_get_n_pages   (TdPdfPreview *self);
guint            td_pdf_preview_get_page      (TdPdfPreview *self);
void             td_pdf_preview_set_page      (TdPdfPreview *self, guint page);
void             td_pdf_preview_set_fit_width (TdPdfPreview *self, gboolean fit_width);
gboolean         td_pdf_preview_get_fit_width (TdPdfPreview *self);
void             td_pdf_preview_set_zoom      (TdPdfPreview *self, double zoom);
/* The zoom in effect (computed from the width when fitting the width). */
double           td_pdf_preview_get_zoom      (TdPdfPreview *self);
/* "Page 2 of 14" as shown, for tests. */
const char      *td_pdf_preview_get_page_label(TdPdfPreview *self);

G_END_DECLS
