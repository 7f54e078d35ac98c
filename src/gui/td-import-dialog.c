/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "td-error.h"
#include "td-import-dialog.h"
#include "td-people-import.h"
#include "td-person-editor.h"
#include "td-plan-window.h"

#define PREVIEW_ROWS 8

struct _TdImportDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *cancel_button;
  GtkWidget       *import_button;
  GtkWidget       *file_row;
  GtkWidget       *encoding_row;
  GtkWidget       *delimiter_row;
  GtkWidget       *unit_row;
  GtkWidget       *preview_grid;
  GtkWidget       *preview_label;
  GtkWidget       *status_label;
  GtkWidget       *progress_bar;

  TdPlan          *plan;
  GBytes          *bytes;
  TdPeoplePreview *preview;
  GArray          *encodings;   /* TdEncoding, in the encoding row's order */
  int             *mapping;     /* per column of the preview */
  GPtrArray       *unit_ids;
  gboolean         updating;

  /* The running import */
  GCancellable    *cancellable;
  TdPeopleImport  *import;
  int              done;        /* rows parsed, written by the thread (atomic) */
  int              total;
  guint            progress_id;
};

G_DEFINE_FINAL_TYPE (TdImportDialog, td_import_dialog, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char delimiters[] = { 0, ',', ';', '\t' };

static void
set_status (TdImportDialog *self,
            const char     *text,
            gboolean        error)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text ? text : "");
  if (error)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
}

static gboolean
has_name_column (TdImportDialog *self)
{
  if (self->preview == NULL)
    return FALSE;
  for (guint c = 0; c < self->preview->n_columns; c++)
    if (self->mapping[c] == TD_CSV_FIELD_FULL_NAME || self->mapping[c] == TD_CSV_FIELD_GIVEN)
      return TRUE;
  return FALSE;
}

static void
update_actions (TdImportDialog *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 !running && self->preview != NULL && has_name_column (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !running);
  gtk_widget_set_sensitive (self->encoding_row, !running && self->preview != NULL);
  gtk_widget_set_sensitive (self->delimiter_row, !running && self->preview != NULL);
  gtk_widget_set_sensitive (self->unit_row, !running);
}

static void
mapping_changed_cb (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    TdImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "td-column"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->preview == NULL || column >= self->preview->n_columns)
    return;
  self->mapping[column] = selected == 0 ? -1 : (int) selected - 1;
  if (!has_name_column (self))
    set_status (self, _("No column holds the names: choose “Full name”, or “Given name” with “Family and middle names”, for one of them."), TRUE);
  else
    set_status (self, self->preview->problem ? self->preview->problem->message : NULL,
                self->preview->problem != NULL);
  update_actions (self);
}

static const char *
field_label (TdCsvField field)
{
  switch (field)
    {
    case TD_CSV_FIELD_FULL_NAME:     return _("Full name");
    case TD_CSV_FIELD_FAMILY_MIDDLE: return _("Family and middle names");
    case TD_CSV_FIELD_GIVEN:         return _("Given name");
    case TD_CSV_FIELD_GENDER:        return _("Gender");
    case TD_CSV_FIELD_BIRTH_YEAR:    return _("Year of birth");
    case TD_CSV_FIELD_ETHNICITY:     return _("Ethnicity");
    case TD_CSV_FIELD_POSITION:      return _("Position");
    case TD_CSV_FIELD_UNIT:          return _("Unit");
    case TD_CSV_FIELD_LEADER:        return _("Leader");
    case TD_CSV_FIELD_CATEGORY:      return _("Category");
    case TD_CSV_FIELD_SECTOR:        return _("Economic sector");
    case TD_CSV_FIELD_NOTE:          return _("Note");
    default:                         return "";
    }
}

static GtkWidget *
cell_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

static void
fill_grid (TdImportDialog *self)
{
  GtkWidget *child;
  TdPeoplePreview *p = self->preview;
  g_autofree char *heading = NULL;

  while ((child = gtk_widget_get_first_child (self->preview_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->preview_grid), child);
  if (p == NULL)
    return;

  self->updating = TRUE;
  for (guint c = 0; c < p->n_columns; c++)
    {
      GtkStringList *fields = gtk_string_list_new (NULL);
      GtkWidget *dropdown, *header;
      g_autofree char *accessible = NULL;

      gtk_string_list_append (fields, _("Ignore"));
      for (guint f = 0; f < TD_CSV_N_FIELDS; f++)
        gtk_string_list_append (fields, field_label (f));
      dropdown = gtk_drop_down_new (G_LIST_MODEL (fields), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), self->mapping[c] < 0 ? 0 : self->mapping[c] + 1);
      g_object_set_data (G_OBJECT (dropdown), "td-column", GUINT_TO_POINTER (c));
      accessible = g_strdup_printf (_("Column “%s” holds"), p->headers[c]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      if (self->mapping[c] < 0)
        gtk_widget_add_css_class (dropdown, "warning");
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      gtk_grid_attach (GTK_GRID (self->preview_grid), dropdown, c, 0, 1, 1);

      header = cell_label (p->headers[c]);
      gtk_widget_add_css_class (header, "caption-heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_grid_attach (GTK_GRID (self->preview_grid), header, c, 1, 1, 1);
      for (guint r = 0; r < p->rows->len; r++)
        gtk_grid_attach (GTK_GRID (self->preview_grid),
                         cell_label (((char **) g_ptr_array_index (p->rows, r))[c]), c, r + 2, 1, 1);
    }
  self->updating = FALSE;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Preview of %u row", "Preview: the first of %u rows",
                                          p->n_rows), p->n_rows);
  gtk_label_set_text (GTK_LABEL (self->preview_label), heading);
}

static void
fill_encodings (TdImportDialog *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->encodings, 0);
  for (guint i = 0; i < self->preview->candidates->len; i++)
    {
      TdEncodingCandidate *c = &g_array_index (self->preview->candidates, TdEncodingCandidate, i);
      g_autofree char *label = i == 0 ? g_strdup_printf (_("%s (detected)"), td_encoding_label (c->encoding))
                                      : g_strdup (td_encoding_label (c->encoding));

      gtk_string_list_append (list, label);
      g_array_append_val (self->encodings, c->encoding);
      if (c->encoding == self->preview->encoding)
        selected = i;
    }
  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->encoding_row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->encoding_row), selected);
  self->updating = FALSE;
  g_object_unref (list);
}

/* Reads the preview again with the chosen encoding and separator (NULL options: detect). */
static gboolean
reload_preview (TdImportDialog *self,
                gboolean        detect)
{
  g_autoptr(GError) error = NULL;
  TdPeopleImportOptions options = { 0 };
  TdPeoplePreview *preview;
  guint enc = adw_combo_row_get_selected (ADW_COMBO_ROW (self->encoding_row));
  guint delim = adw_combo_row_get_selected (ADW_COMBO_ROW (self->delimiter_row));
  gsize len;
  const char *data;

  if (self->bytes == NULL)
    return FALSE;
  if (!detect && enc < self->encodings->len)
    {
      options.force_encoding = TRUE;
      options.encoding = g_array_index (self->encodings, TdEncoding, enc);
    }
  if (delim < G_N_ELEMENTS (delimiters))
    options.delimiter = delimiters[delim];

  data = g_bytes_get_data (self->bytes, &len);
  preview = td_people_preview_new (data ? data : "", len, &options, PREVIEW_ROWS, &error);
  if (preview == NULL)
    {
      /* Keep the encoding candidates when only the chosen encoding fails. */
      set_status (self, error->message, TRUE);
      if (detect)
        {
          g_clear_pointer (&self->preview, td_people_preview_free);
          fill_grid (self);
        }
      update_actions (self);
      return FALSE;
    }

  g_clear_pointer (&self->preview, td_people_preview_free);
  self->preview = preview;
  g_free (self->mapping);
  self->mapping = g_memdup2 (preview->mapping, sizeof (int) * MAX (preview->n_columns, 1));
  if (detect)
    fill_encodings (self);
  fill_grid (self);
  if (!has_name_column (self))
    set_status (self, _("No column holds the names: choose “Full name”, or “Given name” with “Family and middle names”, for one of them."), TRUE);
  else
    set_status (self, preview->problem ? preview->problem->message : NULL, preview->problem != NULL);
  update_actions (self);
  return TRUE;
}

static void
encoding_changed_cb (TdImportDialog *self)
{
  if (!self->updating)
    reload_preview (self, FALSE);
}

gboolean
td_import_dialog_load_bytes (TdImportDialog *self,
                             GBytes         *bytes,
                             const char     *display_name)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), FALSE);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_ref (bytes);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), display_name ? display_name : "");
  self->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->delimiter_row), 0);
  self->updating = FALSE;
  return reload_preview (self, TRUE);
}

gboolean
td_import_dialog_set_encoding (TdImportDialog *self,
                               TdEncoding      encoding)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->encodings->len; i++)
    if (g_array_index (self->encodings, TdEncoding, i) == encoding)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->encoding_row), i);
        return TRUE;
      }
  return FALSE;
}

TdEncoding
td_import_dialog_get_encoding (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), TD_ENCODING_UTF8);
  return self->preview ? self->preview->encoding : TD_ENCODING_UTF8;
}

void
td_import_dialog_set_target_unit (TdImportDialog *self,
                                  const char     *unit_id)
{
  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  for (guint i = 0; i < self->unit_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->unit_ids, i), unit_id) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->unit_row), i);
}

const char *
td_import_dialog_get_preview_cell (TdImportDialog *self,
                                   guint           row,
                                   guint           column)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);

  if (self->preview == NULL || row >= self->preview->rows->len || column >= self->preview->n_columns)
    return NULL;
  return ((char **) g_ptr_array_index (self->preview->rows, row))[column];
}

/* File chooser */

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TdImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (bytes == NULL)
        set_status (self, error->message, TRUE);
      else
        td_import_dialog_load_bytes (self, bytes, name);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

void
td_import_dialog_choose_file (TdImportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  chooser = gtk_file_chooser_native_new (_("Choose a List of People"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV and TSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The import */

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  TdImportDialog *self = user_data;

  /* Called in the thread: the main loop polls these. */
  g_atomic_int_set (&self->total, (int) total);
  g_atomic_int_set (&self->done, (int) done);
}

static gboolean
poll_progress_cb (gpointer data)
{
  TdImportDialog *self = data;
  int total = g_atomic_int_get (&self->total);
  int done = g_atomic_int_get (&self->done);
  g_autofree char *text = NULL;

  if (total > 0)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), (double) done / total);
      text = g_strdup_printf (_("Reading row %d of %d"), done, total);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
    }
  else
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
  return G_SOURCE_CONTINUE;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TdImportDialog *self = source_object;
  GBytes *bytes = task_data;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (td_people_import_parse (self->import, data ? data : "", len, progress_cb, self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
end_import (TdImportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->progress_bar, FALSE);
  update_actions (self);
}

static void
show_duplicates (GtkWindow *parent,
                 GPtrArray *duplicates)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  const guint shown = 15;

  for (guint i = 0; i < duplicates->len && i < shown; i++)
    {
      TdPeopleDuplicate *d = g_ptr_array_index (duplicates, i);

      if (d->person_id != NULL)
        g_string_append_printf (body, _("Line %u: %s is in the plan already\n"), d->line, d->name);
      else
        g_string_append_printf (body, _("Line %u: %s repeats line %u\n"), d->line, d->name, d->first_line);
    }
  if (duplicates->len > shown)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more\n", "… and %u more\n",
                                               duplicates->len - shown), duplicates->len - shown);
  g_strchomp (body->str);
  dialog = adw_message_dialog_new (parent, g_dngettext (GETTEXT_PACKAGE, "%u Duplicate Skipped",
                                                        "Duplicates Skipped", duplicates->len), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
parse_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  guint n = 0, n_dup = 0;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (ok)
    ok = td_people_import_apply (self->import, self->plan, self->cancellable, &error);

  if (ok)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      GPtrArray *dups = td_people_import_get_duplicates (self->import);
      g_autofree char *imported = NULL;
      g_autofree char *message = NULL;

      n = td_people_import_get_n_people (self->import);
      n_dup = dups->len;
      imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u person", "Imported %u people", n), n);
      message = n_dup == 0 ? g_strdup (imported)
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, skipped %u duplicate",
                                                           "%s, skipped %u duplicates", n_dup), imported, n_dup);
      if (TD_IS_PLAN_WINDOW (parent))
        td_plan_window_toast (TD_PLAN_WINDOW (parent), message);
      if (n_dup > 0 && parent != NULL)
        show_duplicates (parent, dups);
    }
  else if (g_error_matches (error, TD_ERROR, TD_ERROR_CANCELLED))
    set_status (self, _("The import was cancelled: nothing was imported."), FALSE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      set_status (self, text, TRUE);
    }

  g_clear_pointer (&self->import, td_people_import_free);
  end_import (self);
  g_signal_emit (self, signals[FINISHED], 0, ok, n, n_dup);
  if (ok)
    gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

void
td_import_dialog_start (TdImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  TdPeopleImportOptions options = { 0 };
  guint delim, unit;

  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  if (self->preview == NULL || self->cancellable != NULL || !has_name_column (self))
    return;

  options.force_encoding = TRUE;
  options.encoding = self->preview->encoding;
  delim = adw_combo_row_get_selected (ADW_COMBO_ROW (self->delimiter_row));
  options.delimiter = delim > 0 && delim < G_N_ELEMENTS (delimiters) ? delimiters[delim] : self->preview->delimiter;
  unit = adw_combo_row_get_selected (ADW_COMBO_ROW (self->unit_row));
  options.target_unit = unit < self->unit_ids->len ? g_ptr_array_index (self->unit_ids, unit) : NULL;
  options.mapping = self->mapping;
  options.n_mapping = self->preview->n_columns;

  /* The snapshot of the plan is taken here, on the main thread; the thread reads no plan. */
  self->import = td_people_import_new (self->plan, &options);
  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Reading the file…"));
  gtk_widget_set_visible (self->progress_bar, TRUE);
  set_status (self, NULL, FALSE);
  self->progress_id = g_timeout_add (100, poll_progress_cb, self);
  update_actions (self);

  task = g_task_new (g_object_ref (self), self->cancellable, parse_done_cb, NULL);
  g_task_set_source_tag (task, td_import_dialog_start);
  g_task_set_task_data (task, g_bytes_ref (self->bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, parse_thread);
}

void
td_import_dialog_cancel (TdImportDialog *self)
{
  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
start_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  td_import_dialog_start (TD_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    td_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
choose_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  td_import_dialog_choose_file (TD_IMPORT_DIALOG (widget));
}

static gboolean
td_import_dialog_close_request (GtkWindow *window)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (window);

  /* Closing while the file is read cancels; the window goes once the thread has stopped. */
  if (self->cancellable != NULL)
    {
      td_import_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (td_import_dialog_parent_class)->close_request (window);
}

static void
td_import_dialog_dispose (GObject *object)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->plan);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->preview, td_people_preview_free);
  g_clear_pointer (&self->import, td_people_import_free);
  g_clear_pointer (&self->mapping, g_free);
  g_clear_pointer (&self->encodings, g_array_unref);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (td_import_dialog_parent_class)->dispose (object);
}

static void
td_import_dialog_class_init (TdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_import_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = td_import_dialog_close_request;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_BOOLEAN, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
td_import_dialog_init (TdImportDialog *self)
{
  g_autoptr(GtkStringList) delims = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->encodings = g_array_new (FALSE, FALSE, sizeof (TdEncoding));
  gtk_string_list_append (delims, _("Detected"));
  gtk_string_list_append (delims, _("Comma"));
  gtk_string_list_append (delims, _("Semicolon"));
  gtk_string_list_append (delims, _("Tab"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->delimiter_row), G_LIST_MODEL (delims));
  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (encoding_changed_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected", G_CALLBACK (encoding_changed_cb), self);
}

TdImportDialog *
td_import_dialog_new (GtkWindow *parent,
                      TdPlan    *plan)
{
  TdImportDialog *self;
  g_autoptr(GtkStringList) units = NULL;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  self = g_object_new (TD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  units = td_person_editor_unit_list (plan, _("No unit"), &self->unit_ids);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->unit_row), G_LIST_MODEL (units));
  set_status (self, _("Choose a file to see its first rows."), FALSE);
  update_actions (self);
  return self;
}
