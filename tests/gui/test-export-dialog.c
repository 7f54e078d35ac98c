/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog on a copy of the sample plan: the live preview shows what the engine builds,
 * rebuilds after an option change, exports through the dialog's worker (progress, cancel,
 * errors, settings stored as one undoable edit) and prints through GtkPrintOperation.
 * Run under Xvfb + D-Bus (gotchas.md). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "gui-util.h"
#include "td-export-dialog.h"
#include "td-print.h"
#include "td-units-page.h"

#define CONFERENCE     "c-gd-tt-go-dau"   /* 12 delegates, one unit */
#define BIG_CONFERENCE "c-go-dau"         /* 28 delegates from many units */

typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until @done, with a generous bound: a hang fails instead of blocking. */
static void
wait_until (Condition   done,
            gpointer    data,
            const char *what)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gint64 t0 = g_get_monotonic_time ();

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_test_message ("%s: %.2f s", what, (g_get_monotonic_time () - t0) / 1e6);
}

static gboolean
preview_ready (gpointer data)
{
  TdExportDialog *dialog = data;

  return !td_export_dialog_is_building (dialog) &&
         (td_pdf_preview_get_n_pages (td_export_dialog_get_preview (dialog)) > 0 ||
          td_pdf_preview_get_message (td_export_dialog_get_preview (dialog)) != NULL);
}

static gboolean
export_over (gpointer data)
{
  return !td_export_dialog_is_exporting (data);
}

static TdExportDialog *
open_dialog (GuiFixture   *f,
             const char   *conference_id,
             TdExportKind  kind)
{
  TdExportDialog *dialog = td_export_dialog_new (f->window, conference_id, kind);

  g_assert_nonnull (dialog);
  /* A reference of our own: the dialog destroys itself after a successful export. */
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (preview_ready, dialog, "the preview");
  return dialog;
}

static void
close_dialog (TdExportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_spin ();
  g_object_unref (dialog);
}

static GtkWidget *
named (TdExportDialog *dialog,
       const char     *name)
{
  GtkWidget *widget = gui_find_named (GTK_WIDGET (dialog), name);

  if (widget == NULL)
    g_error ("No widget named %s in the export dialog", name);
  return widget;
}

static char *
page_text (PopplerDocument *document,
           int              page)
{
  g_autoptr(PopplerPage) p = poppler_document_get_page (document, page);

  g_assert_nonnull (p);
  return poppler_page_get_text (p);
}

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *t = page_text (document, i);
      g_string_append (text, t);
    }
  return g_string_free (text, FALSE);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* What the engine itself writes for the dialog's current options. */
static PopplerDocument *
engine_pdf (GuiFixture     *f,
            TdExportDialog *dialog,
            const char     *path)
{
  g_autoptr(TdExportOptions) options = td_export_dialog_dup_options (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) document = td_export_build (f->plan, td_export_dialog_get_conference (dialog),
                                                    td_export_dialog_get_kind (dialog), options,
                                                    NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (td_document_write_pdf (document, path, NULL, &error));
  g_assert_no_error (error);
  return open_pdf (path);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static TdExportDialog *
find_export_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TD_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_preview (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  TdPdfPreview *preview;
  g_autofree char *expected_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *engine = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PopplerDocument) reference = NULL;
  g_autoptr(TdExportOptions) options = NULL;

  gui_fixture_open (&f, 1280, 800);
  dialog = open_dialog (&f, BIG_CONFERENCE, TD_EXPORT_DELEGATES);
  preview = td_export_dialog_get_preview (dialog);

  /* Page 1 of the document the engine builds from the same options. */
  g_assert_null (td_pdf_preview_get_message (preview));
  g_assert_nonnull (td_export_dialog_get_document (dialog));
  g_assert_cmpuint (td_pdf_preview_get_page (preview), ==, 0);
  expected_path = g_build_filename (f.dir, "expected.pdf", NULL);
  reference = engine_pdf (&f, dialog, expected_path);
  g_assert_cmpuint (td_pdf_preview_get_n_pages (preview), ==, poppler_document_get_n_pages (reference));
  g_assert_cmpuint (td_pdf_preview_get_n_pages (preview), ==,
                    td_document_get_n_pages (td_export_dialog_get_document (dialog)));
  label = g_strdup_printf ("Page 1 of %u", td_pdf_preview_get_n_pages (preview));
  g_assert_cmpstr (td_pdf_preview_get_page_label (preview), ==, label);
  before = page_text (td_pdf_preview_get_document (preview), 0);
  engine = page_text (reference, 0);
  g_assert_cmpstr (before, ==, engine);
  g_clear_pointer (&engine, g_free);
  g_clear_object (&reference);

  /* The sort option rebuilds the preview (after the pause), in the new order. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "sort")), TD_EXPORT_SORT_UNIT);
  g_assert_true (td_export_dialog_is_building (dialog));
  g_assert_true (td_pdf_preview_get_busy (preview));
  g_assert_false (gtk_widget_is_sensitive (named (dialog, "print-button")));
  wait_until (preview_ready, dialog, "the rebuilt preview");
  g_assert_false (td_pdf_preview_get_busy (preview));
  options = td_export_dialog_dup_options (dialog);
  g_assert_cmpint (options->sort, ==, TD_EXPORT_SORT_UNIT);
  after = page_text (td_pdf_preview_get_document (preview), 0);
  g_assert_cmpstr (before, !=, after);
  reference = engine_pdf (&f, dialog, expected_path);
  engine = page_text (reference, 0);
  g_assert_cmpstr (after, ==, engine);

  /* Page navigation. */
  if (td_pdf_preview_get_n_pages (preview) > 1)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL));
      g_assert_cmpuint (td_pdf_preview_get_page (preview), ==, 1);
      g_assert_true (g_str_has_prefix (td_pdf_preview_get_page_label (preview), "Page 2 of"));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-100", NULL));
  g_assert_false (td_pdf_preview_get_fit_width (preview));
  g_assert_cmpfloat_with_epsilon (td_pdf_preview_get_zoom (preview), 1.0, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL));
  g_assert_cmpfloat (td_pdf_preview_get_zoom (preview), >, 1.0);

  /* Nothing was stored: settings are saved by an export or a print only. */
  g_assert_false (td_plan_can_undo (f.plan));

  close_dialog (dialog);
  g_unlink (expected_path);
  gui_fixture_close (&f);
}

static void
test_export (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(TdExportOptions) stored = NULL;
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(TdExportOptions) options = NULL;
  TdConference *conference;
  TdDelegate *first;

  gui_fixture_open (&f, 1280, 800);
  dialog = open_dialog (&f, CONFERENCE, TD_EXPORT_INVITATIONS);
  g_assert_cmpint (td_export_dialog_get_kind (dialog), ==, TD_EXPORT_INVITATIONS);
  g_assert_cmpstr (td_export_dialog_get_conference (dialog), ==, CONFERENCE);

  /* A number typed in the dialog is printed and, after the export, stored. */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "number")), "27");
  wait_until (preview_ready, dialog, "the preview with the number");
  text = page_text (td_pdf_preview_get_document (td_export_dialog_get_preview (dialog)), 0);
  g_assert_nonnull (strstr (text, "27/GM-"));
  g_clear_pointer (&text, g_free);

  path = g_build_filename (f.dir, "giấy mời.pdf", NULL);
  file = g_file_new_for_path (path);
  td_export_dialog_export_to_file (dialog, file);
  g_assert_true (td_export_dialog_is_exporting (dialog));
  g_assert_true (gtk_widget_get_visible (named (dialog, "progress")));
  wait_until (export_over, dialog, "the export");
  gui_spin ();
  g_assert_null (find_message_dialog ());
  /* Success closes the dialog. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  pdf = open_pdf (path);
  options = td_export_options_load (f.plan, CONFERENCE, TD_EXPORT_INVITATIONS);
  document = td_export_build (f.plan, CONFERENCE, TD_EXPORT_INVITATIONS, options, NULL, NULL, NULL, NULL);
  g_assert_nonnull (document);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, td_document_get_n_pages (document));
  conference = td_plan_get_conference (f.plan, CONFERENCE);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, conference->delegates->len);
  first = &g_array_index (conference->delegates, TdDelegate, 0);
  name = td_person_dup_full_name (td_plan_get_person (f.plan, first->person));
  text = all_text (pdf);
  g_assert_nonnull (strstr (text, name));
  g_assert_nonnull (strstr (text, "27/GM-"));

  /* The settings are one undoable edit; undo takes them back. */
  stored = td_export_options_load (f.plan, CONFERENCE, TD_EXPORT_INVITATIONS);
  g_assert_cmpstr (stored->number, ==, "27");
  /* Untouched fields stay defaults, so they keep following the model. */
  g_assert_null (stored->chair);
  g_assert_null (stored->signer_name);
  g_assert_true (td_plan_can_undo (f.plan));
  g_assert_cmpstr (td_plan_get_undo_label (f.plan), ==, "Export settings");
  td_plan_undo (f.plan);
  g_clear_pointer (&stored, td_export_options_free);
  stored = td_export_options_load (f.plan, CONFERENCE, TD_EXPORT_INVITATIONS);
  g_assert_null (stored->number);
  g_assert_false (td_plan_can_undo (f.plan));

  g_object_unref (dialog);
  g_unlink (path);
  gui_fixture_close (&f);
}

static void
test_export_error (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *message;

  gui_fixture_open (&f, 1280, 800);
  dialog = open_dialog (&f, NULL, TD_EXPORT_PLAN);
  path = g_build_filename (f.dir, "no such folder", "ke-hoach.pdf", NULL);
  file = g_file_new_for_path (path);
  td_export_dialog_export_to_file (dialog, file);
  wait_until (export_over, dialog, "the failed export");
  gui_spin ();

  /* The dialog stays, says what went wrong and what to do, and nothing is stored. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export the Document");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "no such folder"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Choose another folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (td_plan_can_undo (f.plan));
  gtk_window_destroy (GTK_WINDOW (message));

  /* The preview comes back after the export stopped it. */
  wait_until (preview_ready, dialog, "the preview after the failed export");
  g_assert_cmpuint (td_pdf_preview_get_n_pages (td_export_dialog_get_preview (dialog)), >, 0);

  close_dialog (dialog);
  gui_fixture_close (&f);
}

typedef struct
{
  TdExportDialog *dialog;
  double          seen;   /* a fraction strictly between 0 and 1 seen during the export */
} ProgressWatch;

static gboolean
export_over_watching (gpointer data)
{
  ProgressWatch *w = data;
  double fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (named (w->dialog, "progress")));

  if (td_export_dialog_is_exporting (w->dialog) && fraction > 0.0 && fraction < 1.0)
    w->seen = fraction;
  return !td_export_dialog_is_exporting (w->dialog);
}

static gboolean
some_progress (gpointer data)
{
  TdExportDialog *dialog = data;

  return !td_export_dialog_is_exporting (dialog) ||
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (named (dialog, "progress"))) > 0.0;
}

/* 2,000 invitations: the window keeps running while the worker writes, the progress reaches
 * the bar, and Cancel leaves no file. */
static void
test_long_export (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  TdConference *conference;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  ProgressWatch watch = { 0 };
  guint n_people;

  gui_fixture_open (&f, 1280, 800);
  conference = td_plan_get_conference (f.plan, CONFERENCE);
  n_people = g_list_model_get_n_items (G_LIST_MODEL (f.plan->people));
  td_plan_begin (f.plan, "Many delegates");
  td_plan_touch (f.plan, conference);
  td_conference_clear_delegates (conference);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(TdPerson) person = g_list_model_get_item (G_LIST_MODEL (f.plan->people), i % n_people);
      td_conference_add_delegate (conference, person->id, TD_ROLE_DELEGATE, NULL);
    }
  td_plan_commit (f.plan);
  g_assert_cmpuint (conference->delegates->len, ==, 2000);

  dialog = open_dialog (&f, CONFERENCE, TD_EXPORT_INVITATIONS);
  g_assert_cmpuint (td_pdf_preview_get_n_pages (td_export_dialog_get_preview (dialog)), >=, 2000);

  /* Cancelled once some progress is shown: no file, no error, the dialog stays. */
  path = g_build_filename (f.dir, "giay-moi.pdf", NULL);
  file = g_file_new_for_path (path);
  td_export_dialog_export_to_file (dialog, file);
  wait_until (some_progress, dialog, "progress");
  g_assert_true (td_export_dialog_is_exporting (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  wait_until (export_over, dialog, "the cancelled export");
  gui_spin ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (find_message_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  wait_until (preview_ready, dialog, "the preview after the cancel");

  /* Cancelled over an existing file: the old file stays as it was. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  td_export_dialog_export_to_file (dialog, file);
  wait_until (some_progress, dialog, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  wait_until (export_over, dialog, "the second cancelled export");
  gui_spin ();
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
  }
  g_assert_null (find_message_dialog ());

  /* The whole run, watched from the main loop. */
  watch.dialog = dialog;
  td_export_dialog_export_to_file (dialog, file);
  wait_until (export_over_watching, &watch, "the long export");
  g_assert_cmpfloat (watch.seen, >, 0.0);
  g_assert_cmpfloat (watch.seen, <, 1.0);
  pdf = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2000);

  g_object_unref (dialog);
  g_unlink (path);
  gui_fixture_close (&f);
}

static PopplerDocument *
print_to_pdf (GtkPrintOperation *operation,
              const char        *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  return open_pdf (path);
}

static void
test_print (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;
  TdDocument *document;
  double width, height;

  gui_fixture_open (&f, 1280, 800);
  path = g_build_filename (f.dir, "printed.pdf", NULL);

  /* The agenda: A4 portrait, as many pages as the document, the same text. */
  dialog = open_dialog (&f, CONFERENCE, TD_EXPORT_AGENDA);
  document = td_export_dialog_get_document (dialog);
  g_assert_nonnull (document);
  operation = td_print_operation_new_for_document (document, "chuong-trinh");
  pdf = print_to_pdf (operation, path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, td_document_get_n_pages (document));
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, TD_PAGE_A4_WIDTH, 1.0);
  g_assert_cmpfloat_with_epsilon (height, TD_PAGE_A4_HEIGHT, 1.0);
  text = page_text (pdf, 0);
  g_assert_nonnull (strstr (text, "CHƯƠNG TRÌNH"));
  g_clear_pointer (&text, g_free);
  g_clear_object (&page);
  g_clear_object (&pdf);
  g_clear_object (&operation);
  close_dialog (dialog);

  /* The delegate list (landscape by default) prints landscape. */
  dialog = open_dialog (&f, BIG_CONFERENCE, TD_EXPORT_DELEGATES);
  document = td_export_dialog_get_document (dialog);
  g_assert_nonnull (document);
  g_assert_cmpfloat (td_document_get_page_width (document), >, td_document_get_page_height (document));
  operation = td_print_operation_new_for_document (document, "danh-sach");
  pdf = print_to_pdf (operation, path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, td_document_get_n_pages (document));
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (width, >, height);
  g_clear_object (&page);
  g_clear_object (&pdf);
  g_clear_object (&operation);
  close_dialog (dialog);

  /* The timeline exists only as PDF: printed from poppler's rendering, page for page. */
  dialog = open_dialog (&f, NULL, TD_EXPORT_DIALOG_TIMELINE);
  g_assert_null (td_pdf_preview_get_message (td_export_dialog_get_preview (dialog)));
  operation = td_print_operation_new_for_pdf (td_pdf_preview_get_document (td_export_dialog_get_preview (dialog)),
                                              "tien-do");
  pdf = print_to_pdf (operation, path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==,
                   td_pdf_preview_get_n_pages (td_export_dialog_get_preview (dialog)));
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >, 0);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (width, >, height);
  close_dialog (dialog);

  g_unlink (path);
  gui_fixture_close (&f);
}

/* win.export opens the dialog on the conference of the unit selected in the units page. */
static void
test_window_action (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;
  GtkWidget *units;

  gui_fixture_open (&f, 1280, 800);
  g_assert_null (find_export_dialog ());

  td_plan_window_show_page (f.window, "units");
  units = gui_find_type (GTK_WIDGET (f.window), TD_TYPE_UNITS_PAGE);
  td_units_page_select_unit (TD_UNITS_PAGE (units), "gd-tt-go-dau");
  gui_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.export", NULL));
  gui_spin ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f.window));
  g_assert_cmpint (td_export_dialog_get_kind (dialog), ==, TD_EXPORT_INVITATIONS);
  g_assert_cmpstr (td_export_dialog_get_conference (dialog), ==, CONFERENCE);
  wait_until (preview_ready, dialog, "the preview");
  close_dialog (dialog);

  /* On the plan page: the plan itself. */
  td_plan_window_show_page (f.window, "plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.export", NULL));
  gui_spin ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpint (td_export_dialog_get_kind (dialog), ==, TD_EXPORT_PLAN);
  g_assert_null (td_export_dialog_get_conference (dialog));
  wait_until (preview_ready, dialog, "the preview");
  g_assert_cmpuint (td_pdf_preview_get_n_pages (td_export_dialog_get_preview (dialog)), >, 1);
  close_dialog (dialog);

  gui_fixture_close (&f);
}

static GtkWidget *
find_print_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_strcmp0 (G_OBJECT_TYPE_NAME (l->data), "GtkPrintUnixDialog") == 0 && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
print_dialog_shown (gpointer data)
{
  return find_print_dialog () != NULL;
}

static gboolean
print_dialog_gone (gpointer data)
{
  return find_print_dialog () == NULL;
}

/* win.print opens the dialog and, once the preview is built, the print dialog; cancelling it
 * prints nothing and stores nothing. */
static void
test_print_action (void)
{
  GuiFixture f = { 0 };
  TdExportDialog *dialog;

  gui_fixture_open (&f, 1280, 800);
  td_plan_window_show_page (f.window, "plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.print", NULL));
  gui_spin ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpint (td_export_dialog_get_kind (dialog), ==, TD_EXPORT_PLAN);
  wait_until (print_dialog_shown, NULL, "the print dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (find_print_dialog ())) == GTK_WINDOW (dialog));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (find_print_dialog ()), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  wait_until (print_dialog_gone, NULL, "the print dialog to close");
  gui_spin ();
  g_assert_null (find_message_dialog ());
  g_assert_false (td_plan_can_undo (f.plan));
  close_dialog (dialog);
  gui_fixture_close (&f);
}

static void
test_suggest_name (void)
{
  g_autofree char *a = td_export_dialog_suggest_name (TD_EXPORT_INVITATIONS, "c-go-dau");
  g_autofree char *b = td_export_dialog_suggest_name (TD_EXPORT_PLAN, "c-go-dau");
  g_autofree char *c = td_export_dialog_suggest_name (TD_EXPORT_DIALOG_TIMELINE, NULL);
  g_autofree char *d = td_export_dialog_suggest_name (TD_EXPORT_DELEGATES, "c-tn");

  g_assert_cmpstr (a, ==, "giay-moi-c-go-dau.pdf");
  g_assert_cmpstr (b, ==, "ke-hoach.pdf");
  g_assert_cmpstr (c, ==, "tien-do.pdf");
  g_assert_cmpstr (d, ==, "danh-sach-dai-bieu-c-tn.pdf");
}

int
main (int argc, char **argv)
{
  /* English strings whatever the machine's language; gtk_test_init() would abort without a display. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run and dbus-run-session)\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/gui/export/suggest-name", test_suggest_name);
  g_test_add_func ("/gui/export/preview", test_preview);
  g_test_add_func ("/gui/export/export", test_export);
  g_test_add_func ("/gui/export/export-error", test_export_error);
  g_test_add_func ("/gui/export/print", test_print);
  g_test_add_func ("/gui/export/window-action", test_window_action);
  g_test_add_func ("/gui/export/print-action", test_print_action);
  g_test_add_func ("/gui/export/long-export", test_long_export);
  return g_test_run ();
}
