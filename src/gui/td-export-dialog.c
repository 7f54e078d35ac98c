/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export-dialog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "td-bind.h"
#include "td-date.h"
#include "td-error.h"
#include "td-export-dialog.h"
/* For the resolved defaults shown in the fields (_td_export_resolve): see the note in load_options. */
#include "td-export-private.h"
#include "td-print.h"
#include "td-timeline.h"

#define PREVIEW_DELAY_MS 300
#define N_COLUMNS        7

/* The delegate-list columns that can be hidden, in TdColumn bit order. */
static const struct
{
  const char *title;     /* translated */
  const char *heading;   /* as printed */
} columns[N_COLUMNS] = {
  { NC_("column", "Number"), "STT" },
  { NC_("column", "Year of Birth"), "Năm sinh (Nam | Nữ)" },
  { NC_("column", "Ethnicity"), "Dân tộc" },
  { NC_("column", "Position"), "Chức vụ" },
  { NC_("column", "Unit"), "Đơn vị công tác" },
  { NC_("column", "Structure"), "Cơ cấu (Lãnh đạo | Trực tiếp)" },
  { NC_("column", "Note"), "Ghi chú" },
};

struct _TdExportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *export_button;
  GtkWidget       *print_button;
  GtkWidget       *options_box;
  AdwComboRow     *kind_row;
  AdwComboRow     *conference_row;
  GtkWidget       *group_row;
  GtkSwitch       *group_switch;
  AdwEntryRow     *addressee_row;
  GtkWidget       *header_group;
  AdwEntryRow     *number_row;
  AdwEntryRow     *date_row;
  AdwEntryRow     *chair_row;
  GtkWidget       *signer_group;
  AdwEntryRow     *authority_row;
  AdwEntryRow     *deputy_row;
  AdwEntryRow     *title_row;
  AdwEntryRow     *signer_name_row;
  GtkWidget       *recipients_group;
  GtkTextView     *recipients_view;
  GtkWidget       *notes_group;
  GtkTextView     *notes_view;
  GtkWidget       *list_group;
  AdwComboRow     *sort_row;
  AdwComboRow     *orientation_row;
  AdwExpanderRow  *columns_row;
  GtkWidget       *timeline_group;
  TdPdfPreview    *preview;
  GtkRevealer     *progress_revealer;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;

  GtkCheckButton  *column_checks[N_COLUMNS];

  TdPlanWindow    *window;          /* weak */
  TdPlan          *plan;
  GPtrArray       *conference_ids;  /* in the order of the conference dropdown */
  TdExportKind     kind;
  char            *conference_id;
  TdExportOptions *defaults;        /* what a NULL option means for the current document */
  GHashTable      *edited;          /* "kind/conference" -> TdExportOptions edited in this dialog */
  gboolean         loading;

  /* Preview */
  guint            preview_timeout;
  GCancellable    *preview_cancellable;
  guint            generation;      /* of the options; a build of an older one is dropped */
  guint            n_running;       /* worker threads that still read the plan */
  gboolean         building;
  gboolean         preview_ok;
  TdDocument      *document;
  gboolean         print_when_ready;

  /* Export */
  GCancellable    *export_cancellable;
  gint             progress_permille;  /* atomic: written by the worker */
  gint             progress_pending;   /* atomic: an idle is queued */
  guint            pulse_id;

  /* Settings waiting for the worker threads to leave the plan alone */
  TdExportOptions *pending_save;
  TdExportKind     pending_kind;
  char            *pending_conference;

  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (TdExportDialog, td_export_dialog, ADW_TYPE_WINDOW)

static void schedule_preview (TdExportDialog *self, guint delay_ms);
static void update_actions   (TdExportDialog *self);

/* ---- Small helpers ---- */

static gboolean
kind_needs_conference (TdExportKind kind)
{
  return kind == TD_EXPORT_INVITATIONS || kind == TD_EXPORT_AGENDA || kind == TD_EXPORT_DELEGATES;
}

static const char *
kind_slug (TdExportKind kind)
{
  switch ((int) kind)
    {
    case TD_EXPORT_INVITATIONS:
      return "giay-moi";
    case TD_EXPORT_AGENDA:
      return "chuong-trinh";
    case TD_EXPORT_DELEGATES:
      return "danh-sach-dai-bieu";
    case TD_EXPORT_PLAN:
      return "ke-hoach";
    default:
      return "tien-do";
    }
}

char *
td_export_dialog_suggest_name (TdExportKind  kind,
                               const char   *conference_id)
{
  if (kind_needs_conference (kind) && conference_id != NULL && *conference_id != '\0')
    return g_strdup_printf ("%s-%s.pdf", kind_slug (kind), conference_id);
  return g_strdup_printf ("%s.pdf", kind_slug (kind));
}

static char *
editable_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strdup (g_strstrip (text));
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* NULL when @text says what the default says: the stored settings keep only real choices, so
 * that a default that follows the model (the conference's date, its chair) keeps following it. */
static char *
unless_default (char       *text,
                const char *def)
{
  if (g_strcmp0 (text, def != NULL ? def : "") == 0)
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static char **
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0')
        g_ptr_array_add (out, g_strdup (line));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  guint na = a != NULL ? g_strv_length (a) : 0;
  guint nb = b != NULL ? g_strv_length (b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
edited_key (TdExportKind  kind,
            const char   *conference_id)
{
  return g_strdup_printf ("%d/%s", (int) kind,
                          kind_needs_conference (kind) && conference_id != NULL ? conference_id : "");
}

static TdConference *
current_conference (TdExportDialog *self)
{
  if (!kind_needs_conference (self->kind) || self->conference_id == NULL)
    return NULL;
  return td_plan_get_conference (self->plan, self->conference_id);
}

/* ---- Options <-> widgets ---- */

TdExportOptions *
td_export_dialog_dup_options (TdExportDialog *self)
{
  TdExportOptions *o;
  TdExportOptions *d;
  g_autofree char *date_text = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *notes = NULL;
  char *signer[4];
  gboolean signer_default;

  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), NULL);

  o = td_export_options_new ();
  d = self->defaults;
  if (d == NULL)
    return o;

  o->number = unless_default (editable_text (self->number_row), d->number);
  o->chair = unless_default (editable_text (self->chair_row), d->chair);
  o->addressee = unless_default (editable_text (self->addressee_row), d->addressee);

  date_text = editable_text (self->date_row);
  if (*date_text != '\0')
    {
      TdDate date;

      if (td_bind_parse_date (date_text, &date))
        {
          o->date = date == d->date ? TD_DATE_NONE : date;
          gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
        }
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  /* The signer is one choice: the engine takes the plan's signer only when all four are unset. */
  signer[0] = editable_text (self->authority_row);
  signer[1] = editable_text (self->deputy_row);
  signer[2] = editable_text (self->title_row);
  signer[3] = editable_text (self->signer_name_row);
  signer_default = g_strcmp0 (signer[0], d->signer_authority ? d->signer_authority : "") == 0 &&
                   g_strcmp0 (signer[1], d->signer_deputy ? d->signer_deputy : "") == 0 &&
                   g_strcmp0 (signer[2], d->signer_title ? d->signer_title : "") == 0 &&
                   g_strcmp0 (signer[3], d->signer_name ? d->signer_name : "") == 0;
  if (signer_default)
    for (guint i = 0; i < 4; i++)
      g_free (signer[i]);
  else
    {
      o->signer_authority = signer[0];
      o->signer_deputy = signer[1];
      o->signer_title = signer[2];
      o->signer_name = signer[3];
    }

  recipients = buffer_text (self->recipients_view);
  o->recipients = lines_of (recipients);
  if (strv_equal0 (o->recipients, d->recipients))
    g_clear_pointer (&o->recipients, g_strfreev);

  notes = buffer_text (self->notes_view);
  g_strstrip (notes);
  o->notes = *notes != '\0' ? g_strdup (notes) : NULL;

  o->sort = adw_combo_row_get_selected (self->sort_row);
  if (o->sort > TD_EXPORT_SORT_MANUAL)
    o->sort = TD_EXPORT_SORT_NAME;
  o->landscape = adw_combo_row_get_selected (self->orientation_row) == 1;
  o->group = gtk_switch_get_active (self->group_switch);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (!gtk_check_button_get_active (self->column_checks[i]))
      o->hidden_columns |= 1u << i;
  return o;
}

static void
update_visibility (TdExportDialog *self)
{
  TdExportKind kind = self->kind;
  gboolean invitations = kind == TD_EXPORT_INVITATIONS;
  gboolean lettered = invitations || kind == TD_EXPORT_AGENDA || kind == TD_EXPORT_PLAN;
  TdConference *conference = current_conference (self);
  TdUnit *unit = conference != NULL ? td_plan_get_unit (self->plan, conference->unit) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->conference_row), kind_needs_conference (kind));
  gtk_widget_set_visible (self->group_row, invitations);
  gtk_widget_set_visible (GTK_WIDGET (self->addressee_row),
                          invitations && gtk_switch_get_active (self->group_switch));
  gtk_widget_set_visible (self->header_group, lettered);
  gtk_widget_set_visible (GTK_WIDGET (self->chair_row), invitations);
  gtk_widget_set_visible (self->signer_group, lettered);
  gtk_widget_set_visible (self->recipients_group, lettered);
  gtk_widget_set_visible (self->notes_group, invitations);
  gtk_widget_set_visible (self->list_group, kind == TD_EXPORT_DELEGATES);
  gtk_widget_set_visible (self->timeline_group, kind == TD_EXPORT_DIALOG_TIMELINE);

  if (kind_needs_conference (kind))
    adw_window_title_set_subtitle (self->window_title,
                                   unit != NULL ? unit->name : conference != NULL ? conference->id : "");
  else
    {
      /* The plan's title is a sentence; the window's title is the plan file's short name. */
      const char *name = self->window != NULL ? gtk_window_get_title (GTK_WINDOW (self->window)) : NULL;

      adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
    }
}

/* Fills the widgets with the settings of the current document: this dialog's edits if any,
 * else the stored ones, and for every unset field the default the engine would use. */
static void
load_options (TdExportDialog *self)
{
  g_autofree char *key = edited_key (self->kind, self->conference_id);
  TdExportOptions *edited = g_hash_table_lookup (self->edited, key);
  g_autoptr(TdExportOptions) stored = NULL;
  g_autoptr(TdExportOptions) shown = NULL;
  g_autofree char *date = NULL;
  g_autofree char *recipients = NULL;
  TdConference *conference = current_conference (self);

  g_clear_pointer (&self->defaults, td_export_options_free);
  self->loading = TRUE;

  if (self->kind == TD_EXPORT_DIALOG_TIMELINE || (kind_needs_conference (self->kind) && conference == NULL))
    {
      /* Nothing to fill: keep the widgets as they are, hidden or unused. */
      self->defaults = td_export_options_new ();
      update_visibility (self);
      self->loading = FALSE;
      return;
    }

  stored = edited != NULL ? td_export_options_copy (edited)
                          : td_export_options_load (self->plan, self->conference_id, self->kind);
  /* td-export.h documents what each unset option means but offers no function for it; the
   * engine's own resolver is used so that the fields show exactly what will be printed. */
  self->defaults = _td_export_resolve (self->plan, conference, self->kind, NULL);
  shown = _td_export_resolve (self->plan, conference, self->kind, stored);

  set_entry (self->number_row, shown->number);
  date = shown->date != TD_DATE_NONE ? td_date_format_short (shown->date) : NULL;
  set_entry (self->date_row, date);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  set_entry (self->chair_row, shown->chair);
  set_entry (self->addressee_row, shown->addressee);
  set_entry (self->authority_row, shown->signer_authority);
  set_entry (self->deputy_row, shown->signer_deputy);
  set_entry (self->title_row, shown->signer_title);
  set_entry (self->signer_name_row, shown->signer_name);
  recipients = shown->recipients != NULL ? g_strjoinv ("\n", shown->recipients) : g_strdup ("");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->recipients_view), recipients, -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            shown->notes != NULL ? shown->notes : "", -1);
  adw_combo_row_set_selected (self->sort_row, shown->sort);
  adw_combo_row_set_selected (self->orientation_row, shown->landscape ? 1 : 0);
  gtk_switch_set_active (self->group_switch, shown->group);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_check_button_set_active (self->column_checks[i], (shown->hidden_columns & (1u << i)) == 0);

  update_visibility (self);
  self->loading = FALSE;
}

/* ---- Writing PDF ---- */

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *sc = closure;

  if (sc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sc->out, data, length, NULL, sc->cancellable, &sc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*PageProgressFunc) (guint done, guint total, gpointer data);

/* Draws every page of @document into a PDF on @out (not closed). The same drawing as
 * td_document_write_pdf(), with progress and cancellation per page. */
static gboolean
write_document (TdDocument        *document,
                GOutputStream     *out,
                GCancellable      *cancellable,
                PageProgressFunc   progress,
                gpointer           progress_data,
                GError           **error)
{
  StreamClosure sc = { out, cancellable, NULL };
  guint n = td_document_get_n_pages (document);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, &sc,
                                                 td_document_get_page_width (document),
                                                 td_document_get_page_height (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Thi Đua Planner " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      td_document_draw_page (document, i, cr);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (i + 1, n, progress_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&sc.error);
      g_set_error_literal (error, TD_ERROR, TD_ERROR_CANCELLED, _("Export cancelled"));
      return FALSE;
    }
  if (sc.error != NULL)
    {
      g_propagate_error (error, sc.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---- Worker jobs ---- */

typedef struct
{
  TdExportDialog  *self;        /* owned by the GTask as its source object */
  TdPlan          *plan;
  char            *conference_id;
  TdExportKind     kind;
  TdExportOptions *options;
  guint            generation;
  char            *path;        /* export only */
  TdDocument      *document;    /* export only: the preview's, when it is up to date */
} Job;

typedef struct
{
  TdDocument *document;
  GBytes     *pdf;
} BuildResult;

static void
job_free (Job *job)
{
  g_clear_object (&job->plan);
  g_clear_object (&job->document);
  g_free (job->conference_id);
  td_export_options_free (job->options);
  g_free (job->path);
  g_free (job);
}

static void
build_result_free (BuildResult *result)
{
  g_clear_object (&result->document);
  g_clear_pointer (&result->pdf, g_bytes_unref);
  g_free (result);
}

static Job *
job_new (TdExportDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->self = self;
  job->plan = g_object_ref (self->plan);
  job->conference_id = kind_needs_conference (self->kind) ? g_strdup (self->conference_id) : NULL;
  job->kind = self->kind;
  job->options = td_export_dialog_dup_options (self);
  job->generation = self->generation;
  return job;
}

static char *
temp_pdf_path (GError **error)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("thidua-XXXXXX.pdf", &path, error);

  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  return path;
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  BuildResult *result = g_new0 (BuildResult, 1);
  GError *error = NULL;

  if (job->kind == TD_EXPORT_DIALOG_TIMELINE)
    {
      g_autofree char *path = temp_pdf_path (&error);
      char *data = NULL;
      gsize length = 0;

      if (path != NULL && td_timeline_write_pdf (job->plan, path, &error) &&
          g_file_get_contents (path, &data, &length, &error))
        result->pdf = g_bytes_new_take (data, length);
      if (path != NULL)
        g_unlink (path);
    }
  else
    {
      result->document = td_export_build (job->plan, job->conference_id, job->kind, job->options,
                                          NULL, NULL, cancellable, &error);
      if (result->document != NULL)
        {
          g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

          if (write_document (result->document, out, cancellable, NULL, NULL, &error) &&
              g_output_stream_close (out, NULL, &error))
            result->pdf = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
        }
    }

  if (error != NULL)
    {
      build_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) build_result_free);
}

/* ---- Saving the settings ---- */

/* The settings go into the plan only when no worker thread reads it (td_export_build may run in
 * a thread "as long as the plan is not edited meanwhile"). */
static void
try_save (TdExportDialog *self)
{
  g_autoptr(TdExportOptions) options = NULL;
  g_autoptr(TdExportOptions) stored = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autofree char *conference_id = NULL;

  if (self->pending_save == NULL || self->n_running > 0)
    return;
  options = g_steal_pointer (&self->pending_save);
  conference_id = g_steal_pointer (&self->pending_conference);
  if (self->pending_kind == TD_EXPORT_DIALOG_TIMELINE)
    return;
  if (kind_needs_conference (self->pending_kind) &&
      (conference_id == NULL || td_plan_get_conference (self->plan, conference_id) == NULL))
    return;

  /* No undo step for settings that did not change. */
  stored = td_export_options_load (self->plan, conference_id, self->pending_kind);
  a = json_node_init_object (json_node_alloc (), td_export_options_to_json (stored));
  b = json_node_init_object (json_node_alloc (), td_export_options_to_json (options));
  /* json_node_init_object took a reference; drop ours. */
  json_object_unref (json_node_get_object (a));
  json_object_unref (json_node_get_object (b));
  if (json_node_equal (a, b))
    return;
  if (td_plan_in_edit (self->plan))
    return;
  td_export_options_save (options, self->plan, conference_id, self->pending_kind);
}

static void
request_save (TdExportDialog *self)
{
  g_clear_pointer (&self->pending_save, td_export_options_free);
  g_clear_pointer (&self->pending_conference, g_free);
  self->pending_save = td_export_dialog_dup_options (self);
  self->pending_kind = self->kind;
  self->pending_conference = g_strdup (self->conference_id);
  try_save (self);
}

/* ---- Preview ---- */

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  BuildResult *result;

  self->n_running--;
  result = g_task_propagate_pointer (G_TASK (res), &error);
  try_save (self);

  if (self->disposed || job->generation != self->generation || self->export_cancellable != NULL)
    {
      g_clear_pointer (&result, build_result_free);
      return;
    }

  self->building = FALSE;
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->document);
  if (result != NULL)
    {
      g_autoptr(GError) pdf_error = NULL;

      self->document = g_steal_pointer (&result->document);
      self->preview_ok = td_pdf_preview_set_pdf (self->preview, result->pdf, &pdf_error);
      td_pdf_preview_set_message (self->preview, pdf_error != NULL ? pdf_error->message : NULL);
      build_result_free (result);
    }
  else
    {
      self->preview_ok = FALSE;
      td_pdf_preview_set_pdf (self->preview, NULL, NULL);
      td_pdf_preview_set_message (self->preview, error->message);
    }
  td_pdf_preview_set_busy (self->preview, FALSE);
  update_actions (self);

  if (self->print_when_ready && self->preview_ok)
    {
      self->print_when_ready = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "export.print", NULL);
    }
}

static gboolean
start_preview_cb (gpointer user_data)
{
  TdExportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->preview_timeout = 0;
  if (self->export_cancellable != NULL)
    return G_SOURCE_REMOVE;

  if (kind_needs_conference (self->kind) && current_conference (self) == NULL)
    {
      self->building = FALSE;
      self->preview_ok = FALSE;
      g_clear_object (&self->document);
      td_pdf_preview_set_pdf (self->preview, NULL, NULL);
      td_pdf_preview_set_message (self->preview, _("The plan has no conferences yet. Add one in “Units & Conferences”."));
      td_pdf_preview_set_busy (self->preview, FALSE);
      update_actions (self);
      return G_SOURCE_REMOVE;
    }

  self->preview_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->preview_cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, start_preview_cb);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  self->n_running++;
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

/* Any change of the options: drop what is being built and build again after a pause, so that
 * typing a name rebuilds once, not once a letter. */
static void
schedule_preview (TdExportDialog *self,
                  guint           delay_ms)
{
  self->generation++;
  if (self->preview_cancellable != NULL)
    {
      g_cancellable_cancel (self->preview_cancellable);
      g_clear_object (&self->preview_cancellable);
    }
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->building = TRUE;
  td_pdf_preview_set_busy (self->preview, TRUE);
  update_actions (self);
  self->preview_timeout = g_timeout_add (delay_ms, start_preview_cb, self);
}

static void
options_changed (TdExportDialog *self)
{
  g_autofree char *key = NULL;

  if (self->loading || self->disposed)
    return;
  key = edited_key (self->kind, self->conference_id);
  g_hash_table_insert (self->edited, g_steal_pointer (&key), td_export_dialog_dup_options (self));
  update_visibility (self);
  schedule_preview (self, PREVIEW_DELAY_MS);
}

static void
document_changed (TdExportDialog *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint index = adw_combo_row_get_selected (self->conference_row);

  if (self->loading || self->disposed)
    return;
  if (kind <= (guint) TD_EXPORT_DIALOG_TIMELINE)
    self->kind = kind;
  g_free (self->conference_id);
  self->conference_id = index < self->conference_ids->len
                          ? g_strdup (g_ptr_array_index (self->conference_ids, index)) : NULL;
  load_options (self);
  /* A new document: show it from its first page. */
  td_pdf_preview_set_pdf (self->preview, NULL, NULL);
  schedule_preview (self, 0);
}

/* ---- Export ---- */

static void
update_actions (TdExportDialog *self)
{
  gboolean exporting = self->export_cancellable != NULL;
  gboolean has_target = !kind_needs_conference (self->kind) || current_conference (self) != NULL;

  if (self->disposed)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !exporting && has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print",
                                 !exporting && !self->building && self->preview_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", exporting);
  gtk_widget_set_sensitive (self->options_box, !exporting);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  TdExportDialog *self = user_data;

  g_atomic_int_set (&self->progress_pending, 0);
  if (!self->disposed && self->export_cancellable != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* Called from the worker: the fraction is kept in an atomic and shown by one idle at a time,
 * so that 2,000 invitations do not queue 2,000 idles. */
static void
report_progress (TdExportDialog *self,
                 double          fraction)
{
  g_atomic_int_set (&self->progress_permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
  if (g_atomic_int_compare_and_exchange (&self->progress_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, g_object_ref (self), g_object_unref);
}

/* Building is the first half of the bar, drawing the pages into the file the second. */
static void
build_progress_cb (double   fraction,
                   gpointer data)
{
  report_progress (data, 0.5 * fraction);
}

static void
page_progress_cb (guint    done,
                  guint    total,
                  gpointer data)
{
  report_progress (data, 0.5 + 0.5 * done / MAX (total, 1));
}

/* With the preview's document there is nothing to build: the pages are the whole bar. */
static void
page_only_progress_cb (guint    done,
                       guint    total,
                       gpointer data)
{
  report_progress (data, (double) done / MAX (total, 1));
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (job->kind == TD_EXPORT_DIALOG_TIMELINE)
    {
      /* Written beside the target and renamed, so that a failure or a cancel leaves any
       * earlier file untouched. */
      g_autofree char *part = g_strconcat (job->path, ".part", NULL);

      ok = td_timeline_write_pdf (job->plan, part, &error);
      if (ok && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (&error, TD_ERROR, TD_ERROR_CANCELLED, _("Export cancelled"));
          ok = FALSE;
        }
      if (ok && g_rename (part, job->path) != 0)
        {
          int saved = errno;

          g_set_error (&error, TD_ERROR, TD_ERROR_IO, "%s: %s", job->path, g_strerror (saved));
          ok = FALSE;
        }
      if (!ok)
        g_unlink (part);
    }
  else
    {
      g_autoptr(TdDocument) document = NULL;
      PageProgressFunc page_progress = page_only_progress_cb;

      document = g_steal_pointer (&job->document);
      if (document == NULL)
        {
          document = td_export_build (job->plan, job->conference_id, job->kind, job->options,
                                      build_progress_cb, job->self, cancellable, &error);
          page_progress = page_progress_cb;
        }
      if (document != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (job->path);
          g_autoptr(GFileOutputStream) out = NULL;
          /* g_file_replace() writes beside an existing file and renames on close, but writes a
           * new file in place: a failed new file is removed by hand. */
          gboolean existed = g_file_query_exists (file, NULL);

          out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
          if (out != NULL)
            {
              ok = write_document (document, G_OUTPUT_STREAM (out), cancellable, page_progress, job->self, &error);
              if (ok)
                ok = g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
              else
                {
                  /* Closing with a cancelled cancellable drops the temporary file. */
                  g_autoptr(GCancellable) abort_close = g_cancellable_new ();

                  g_cancellable_cancel (abort_close);
                  g_output_stream_close (G_OUTPUT_STREAM (out), abort_close, NULL);
                }
              if (!ok && !existed)
                g_file_delete (file, NULL, NULL);
            }
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    {
      if (g_cancellable_is_cancelled (cancellable) && !g_error_matches (error, TD_ERROR, TD_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, TD_ERROR, TD_ERROR_CANCELLED, _("Export cancelled"));
        }
      g_task_return_error (task, error);
    }
}

static void
show_export_error (TdExportDialog *self,
                   const GError   *error)
{
  const char *advice;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (g_error_matches (error, TD_ERROR, TD_ERROR_INVALID))
    advice = _("Complete the conference in “Units & Conferences” (its delegates, agenda and date), then export again.");
  else
    advice = _("Choose another folder, check that the disk has free space and that the file is not open in another program, then export again.");
  body = g_strdup_printf ("%s\n\n%s", error->message, advice);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Document"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_export (TdExportDialog *self)
{
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->disposed)
    return;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->n_running--;
  ok = g_task_propagate_boolean (G_TASK (res), &error);
  end_export (self);

  if (ok)
    {
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      /* The settings of this export become the next export's. */
      try_save (self);
      if (self->window != NULL)
        td_plan_window_toast (self->window, message);
      if (!self->disposed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  g_clear_pointer (&self->pending_save, td_export_options_free);
  if (self->disposed)
    return;
  if (!g_error_matches (error, TD_ERROR, TD_ERROR_CANCELLED))
    show_export_error (self, error);
  /* The preview was stopped for the export. */
  if (!self->preview_ok || self->building)
    schedule_preview (self, 0);
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

void
td_export_dialog_export_to_file (TdExportDialog *self,
                                 GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  Job *job;

  g_return_if_fail (TD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL)
    return;
  job = job_new (self);
  /* The preview already built this document from these options: only the pages are written.
   * Nothing else draws it while the export runs (printing waits for the export). */
  if (!self->building && self->preview_ok && self->document != NULL)
    job->document = g_object_ref (self->document);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (TD_ERROR, TD_ERROR_IO, _("Only local files can be written."));
      show_export_error (self, error);
      job_free (job);
      return;
    }

  /* The export reads the plan in its own thread: the preview stops meanwhile. */
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  if (self->preview_cancellable != NULL)
    {
      g_cancellable_cancel (self->preview_cancellable);
      g_clear_object (&self->preview_cancellable);
      self->generation++;
    }

  /* Stored once the export has succeeded and no thread reads the plan. */
  g_clear_pointer (&self->pending_save, td_export_options_free);
  g_clear_pointer (&self->pending_conference, g_free);
  self->pending_save = td_export_dialog_dup_options (self);
  self->pending_kind = self->kind;
  self->pending_conference = g_strdup (self->conference_id);

  self->export_cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  name = g_path_get_basename (path);
  label = g_strdup_printf (_("Exporting “%s”…"), name);
  gtk_label_set_text (self->progress_label, label);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->kind == TD_EXPORT_DIALOG_TIMELINE)
    self->pulse_id = g_timeout_add (100, pulse_cb, self->progress_bar);
  update_actions (self);

  job->path = g_steal_pointer (&path);
  task = g_task_new (self, self->export_cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, td_export_dialog_export_to_file);
  /* The result is what happened to the file, even if Cancel came too late to stop it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->n_running++;
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (user_data);

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
        {
          g_autofree char *with = g_strconcat (path, ".pdf", NULL);

          g_clear_object (&file);
          file = g_file_new_for_path (with);
        }
      if (file != NULL)
        td_export_dialog_export_to_file (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  if (self->export_cancellable != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  name = td_export_dialog_suggest_name (self->kind, self->conference_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);

  if (self->export_cancellable != NULL)
    {
      g_cancellable_cancel (self->export_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      gtk_widget_action_set_enabled (widget, "export.cancel", FALSE);
    }
}

/* The settings are stored when something was printed, not when the print dialog was cancelled. */
static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               TdExportDialog          *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && !self->disposed)
    request_save (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *name = NULL;
  PopplerDocument *pdf = td_pdf_preview_get_document (self->preview);

  if (self->export_cancellable != NULL || self->building || !self->preview_ok)
    return;
  name = td_export_dialog_suggest_name (self->kind, self->conference_id);
  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - 4] = '\0';
  if (self->document != NULL)
    operation = td_print_operation_new_for_document (self->document, name);
  else if (pdf != NULL)
    operation = td_print_operation_new_for_pdf (pdf, name);
  else
    return;
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  td_print_run_dialog (operation, GTK_WINDOW (self));
}

/* ---- Accessors ---- */

TdExportKind
td_export_dialog_get_kind (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), TD_EXPORT_PLAN);
  return self->kind;
}

const char *
td_export_dialog_get_conference (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), NULL);
  return kind_needs_conference (self->kind) ? self->conference_id : NULL;
}

TdPdfPreview *
td_export_dialog_get_preview (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), NULL);
  return self->preview;
}

TdDocument *
td_export_dialog_get_document (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), NULL);
  return self->building ? NULL : self->document;
}

gboolean
td_export_dialog_is_building (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), FALSE);
  return self->building;
}

gboolean
td_export_dialog_is_exporting (TdExportDialog *self)
{
  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), FALSE);
  return self->export_cancellable != NULL;
}

/* ---- GObject ---- */

static gboolean
td_export_dialog_close_request (GtkWindow *window)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (window);

  /* Closing stops the work; a cancelled export leaves no file behind. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  return GTK_WINDOW_CLASS (td_export_dialog_parent_class)->close_request (window);
}

static void
td_export_dialog_dispose (GObject *object)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (td_export_dialog_parent_class)->dispose (object);
}

static void
td_export_dialog_finalize (GObject *object)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (object);

  /* Threads hold a reference to the dialog through their GTask, so none runs now. */
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->conference_ids, g_ptr_array_unref);
  g_clear_pointer (&self->conference_id, g_free);
  g_clear_pointer (&self->defaults, td_export_options_free);
  g_clear_pointer (&self->edited, g_hash_table_unref);
  g_clear_pointer (&self->pending_save, td_export_options_free);
  g_clear_pointer (&self->pending_conference, g_free);

  G_OBJECT_CLASS (td_export_dialog_parent_class)->finalize (object);
}

static void
td_export_dialog_class_init (TdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_export_dialog_dispose;
  object_class->finalize = td_export_dialog_finalize;
  window_class->close_request = td_export_dialog_close_request;

  g_type_ensure (TD_TYPE_PDF_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, options_box);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, conference_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, group_switch);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, addressee_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, header_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, chair_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, signer_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, authority_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, deputy_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, signer_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, recipients_view);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, sort_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, columns_row);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "export.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "export.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "export.print", NULL);
}

static void
td_export_dialog_init (TdExportDialog *self)
{
  GtkExpression *expression;
  AdwEntryRow *entries[8];

  gtk_widget_init_template (GTK_WIDGET (self));
  entries[0] = self->addressee_row;
  entries[1] = self->number_row;
  entries[2] = self->date_row;
  entries[3] = self->chair_row;
  entries[4] = self->authority_row;
  entries[5] = self->deputy_row;
  entries[6] = self->title_row;
  entries[7] = self->signer_name_row;

  self->conference_ids = g_ptr_array_new_with_free_func (g_free);
  self->edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) td_export_options_free);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("column-%u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dpgettext2 (NULL, "column", columns[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), columns[i].heading);
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->columns_row, row);
      self->column_checks[i] = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (options_changed), self);
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->conference_row, expression);
  gtk_expression_unref (expression);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->recipients_view), "changed",
                            G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->sort_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->orientation_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->group_switch, "notify::active", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (document_changed), self);
  g_signal_connect_swapped (self->conference_row, "notify::selected", G_CALLBACK (document_changed), self);

  update_actions (self);
}

TdExportDialog *
td_export_dialog_new (TdPlanWindow *window,
                      const char   *conference_id,
                      TdExportKind  kind)
{
  TdExportDialog *self;
  TdPlan *plan;
  g_autoptr(GtkStringList) names = NULL;
  guint n, selected = 0;

  g_return_val_if_fail (TD_IS_PLAN_WINDOW (window), NULL);
  plan = td_plan_window_get_plan (window);
  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (kind <= TD_EXPORT_DIALOG_TIMELINE, NULL);

  self = g_object_new (TD_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->plan = g_object_ref (plan);

  /* The conferences by the name of the unit that holds them, in the plan's order. */
  names = gtk_string_list_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (plan->conferences));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) conference = g_list_model_get_item (G_LIST_MODEL (plan->conferences), i);
      TdUnit *unit = td_plan_get_unit (plan, conference->unit);

      gtk_string_list_append (names, unit != NULL && unit->name != NULL ? unit->name : conference->id);
      g_ptr_array_add (self->conference_ids, g_strdup (conference->id));
      if (g_strcmp0 (conference->id, conference_id) == 0)
        selected = i;
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->conference_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->conference_row, n > 0 ? selected : GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (self->kind_row, kind);
  self->loading = FALSE;

  self->kind = kind;
  self->conference_id = n > 0 ? g_strdup (g_ptr_array_index (self->conference_ids, selected)) : NULL;
  load_options (self);
  schedule_preview (self, 0);
  return self;
}

void
td_export_dialog_open (TdPlanWindow *window,
                       const char   *conference_id,
                       TdExportKind  kind)
{
  TdExportDialog *self = td_export_dialog_new (window, conference_id, kind);

  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}

void
td_export_dialog_open_print (TdPlanWindow *window,
                             const char   *conference_id,
                             TdExportKind  kind)
{
  TdExportDialog *self = td_export_dialog_new (window, conference_id, kind);

  if (self == NULL)
    return;
  self->print_when_ready = TRUE;
  gtk_window_present (GTK_WINDOW (self));
}
