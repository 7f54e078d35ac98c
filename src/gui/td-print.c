/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-print"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-print.h"

static GtkPageSetup *
a4_setup (double width,
          double height)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* The documents are laid out in points on A4 with their own margins: draw them on the whole
 * sheet, in the context's units, at true size (or smaller when the paper is smaller). */
static void
scale_to_context (cairo_t         *cr,
                  GtkPrintContext *context,
                  double           width,
                  double           height)
{
  double scale = MIN (gtk_print_context_get_width (context) / width,
                      gtk_print_context_get_height (context) / height);

  cairo_scale (cr, scale, scale);
}

static GtkPrintOperation *
new_operation (const char *job_name,
               guint       n_pages,
               double      width,
               double      height)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = a4_setup (width, height);

  gtk_print_operation_set_job_name (operation, job_name != NULL ? job_name : "Thi Đua Planner");
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  return operation;
}

static void
draw_document_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       TdDocument        *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  if (page_nr < 0 || (guint) page_nr >= td_document_get_n_pages (document))
    return;
  cairo_save (cr);
  scale_to_context (cr, context, td_document_get_page_width (document),
                    td_document_get_page_height (document));
  td_document_draw_page (document, page_nr, cr);
  cairo_restore (cr);
}

GtkPrintOperation *
td_print_operation_new_for_document (TdDocument *document,
                                     const char *job_name)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  operation = new_operation (job_name, td_document_get_n_pages (document),
                             td_document_get_page_width (document),
                             td_document_get_page_height (document));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_document_page_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

static void
draw_pdf_page_cb (GtkPrintOperation *operation,
                  GtkPrintContext   *context,
                  int                page_nr,
                  PopplerDocument   *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  double width, height;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  cairo_save (cr);
  scale_to_context (cr, context, width, height);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

GtkPrintOperation *
td_print_operation_new_for_pdf (PopplerDocument *document,
                                const char      *job_name)
{
  GtkPrintOperation *operation;
  PopplerPage *first;
  double width = 595.28, height = 841.89;

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), NULL);

  first = poppler_document_get_page (document, 0);
  if (first != NULL)
    {
      poppler_page_get_size (first, &width, &height);
      g_object_unref (first);
    }
  operation = new_operation (job_name, poppler_document_get_n_pages (document), width, height);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_pdf_page_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

static void
show_print_error (GtkPrintOperation *operation,
                  GtkWindow         *parent,
                  const GError      *error)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nCheck that the printer is switched on and connected, or export "
                            "the document as PDF and print that file."),
                          error != NULL ? error->message : _("The printing system reported an error."));
  dialog = adw_message_dialog_new (parent, _("Could Not Print"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWindow               *parent)
{
  g_object_set_data (G_OBJECT (operation), "td-print-done", GINT_TO_POINTER (TRUE));
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_print_error (operation, parent, error);
    }
  g_object_unref (operation);
}

void
td_print_run_dialog (GtkPrintOperation *operation,
                     GtkWindow         *parent)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_object_ref (operation);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), parent);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  /* An operation that fails to start may end without ::done: report it here then. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS &&
      g_object_get_data (G_OBJECT (operation), "td-print-done") == NULL)
    {
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        show_print_error (operation, parent, error);
      g_signal_handlers_disconnect_by_func (operation, print_done_cb, parent);
      g_object_unref (operation);
    }
}
