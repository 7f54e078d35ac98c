/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-pdf-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-pdf-preview.h"

#define PX_PER_POINT (96.0 / 72.0)
#define ZOOM_MIN     0.25
#define ZOOM_MAX     3.0
#define PAGE_MARGIN  18

static const double zoom_steps[] = { 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0 };

/* ---- The page itself: a widget whose height follows its width in fit-width mode ---- */

#define TD_TYPE_PDF_PAGE_VIEW (td_pdf_page_view_get_type ())
G_DECLARE_FINAL_TYPE (TdPdfPageView, td_pdf_page_view, TD, PDF_PAGE_VIEW, GtkWidget)

struct _TdPdfPageView
{
  GtkWidget    parent_instance;

  PopplerPage *page;
  double       page_width;   /* points */
  double       page_height;
  gboolean     fit_width;
  double       zoom;
};

G_DEFINE_FINAL_TYPE (TdPdfPageView, td_pdf_page_view, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
td_pdf_page_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
td_pdf_page_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TdPdfPageView *self = TD_PDF_PAGE_VIEW (widget);

  *minimum = *natural = 0;
  if (self->page == NULL)
    return;

  if (self->fit_width)
    {
      /* Any width will do; the height follows it. */
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = 48;
          *natural = (int) (self->page_width * PX_PER_POINT);
        }
      else
        {
          int width = for_size >= 0 ? for_size : (int) (self->page_width * PX_PER_POINT);

          *minimum = *natural = (int) (width * self->page_height / self->page_width + 0.5);
        }
    }
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) (self->page_width * PX_PER_POINT * self->zoom + 0.5);
  else
    *minimum = *natural = (int) (self->page_height * PX_PER_POINT * self->zoom + 0.5);
}

static void
td_pdf_page_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TdPdfPageView *self = TD_PDF_PAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->page == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, width / self->page_width, height / self->page_height);
  poppler_page_render (self->page, cr);
  cairo_restore (cr);
  /* A hairline frame: a white page on a light background needs an edge. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
td_pdf_page_view_dispose (GObject *object)
{
  TdPdfPageView *self = TD_PDF_PAGE_VIEW (object);

  g_clear_object (&self->page);
  G_OBJECT_CLASS (td_pdf_page_view_parent_class)->dispose (object);
}

static void
td_pdf_page_view_class_init (TdPdfPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_pdf_page_view_dispose;
  widget_class->get_request_mode = td_pdf_page_view_get_request_mode;
  widget_class->measure = td_pdf_page_view_measure;
  widget_class->snapshot = td_pdf_page_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pdfpage");
}

static void
td_pdf_page_view_init (TdPdfPageView *self)
{
  self->zoom = 1.0;
  self->fit_width = TRUE;
}

static void
td_pdf_page_view_set_page (TdPdfPageView *self,
                           PopplerPage   *page)
{
  double w = 0, h = 0;

  g_set_object (&self->page, page);
  if (page != NULL)
    poppler_page_get_size (page, &w, &h);
  self->page_width = w > 0 ? w : 1;
  self->page_height = h > 0 ? h : 1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- The preview ---- */

struct _TdPdfPreview
{
  GtkWidget        parent_instance;

  GtkWidget       *overlay;
  GtkWidget       *scroller;
  TdPdfPageView   *page_view;
  GtkWidget       *spinner;
  GtkWidget       *status;
  GtkWidget       *toolbar;
  GtkWidget       *page_label;
  GtkWidget       *zoom_label;

  PopplerDocument *document;
  guint            n_pages;
  guint            page;
  gboolean         busy;
  char            *message;
  char            *page_text;
};

G_DEFINE_FINAL_TYPE (TdPdfPreview, td_pdf_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_BUSY,
  PROP_FIT_WIDTH,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_state (TdPdfPreview *self)
{
  gboolean has_pages = self->n_pages > 0;
  g_autofree char *zoom = NULL;

  g_free (self->page_text);
  self->page_text = has_pages ? g_strdup_printf (_("Page %u of %u"), self->page + 1, self->n_pages)
                              : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->page_label), self->page_text);

  if (self->page_view->fit_width)
    zoom = g_strdup (_("Fit Width"));
  else
    /* Translators: a zoom level, "100 %" */
    zoom = g_strdup_printf (_("%.0f %%"), self->page_view->zoom * 100);
  gtk_label_set_text (GTK_LABEL (self->zoom_label), zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous", has_pages && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next", has_pages && self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in",
                                 has_pages && td_pdf_preview_get_zoom (self) < ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out",
                                 has_pages && td_pdf_preview_get_zoom (self) > ZOOM_MIN + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-fit", has_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-100", has_pages);

  gtk_widget_set_visible (self->status, self->message != NULL && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->page_view), has_pages && self->message == NULL);
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  /* An outdated page stays visible under the spinner, dimmed, so the preview does not flash. */
  gtk_widget_set_opacity (self->scroller, self->busy ? 0.5 : 1.0);
}

static void
show_page (TdPdfPreview *self)
{
  g_autoptr(PopplerPage) page = NULL;

  if (self->document != NULL && self->page < self->n_pages)
    page = poppler_document_get_page (self->document, self->page);
  td_pdf_page_view_set_page (self->page_view, page);
  update_state (self);
}

gboolean
td_pdf_preview_set_pdf (TdPdfPreview  *self,
                        GBytes        *pdf,
                        GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  guint old_n_pages;

  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), FALSE);

  if (pdf != NULL)
    {
      document = poppler_document_new_from_bytes (pdf, NULL, error);
      if (document == NULL)
        return FALSE;
    }

  old_n_pages = self->n_pages;
  g_set_object (&self->document, document);
  self->n_pages = document != NULL ? poppler_document_get_n_pages (document) : 0;
  if (self->page >= self->n_pages)
    self->page = self->n_pages > 0 ? self->n_pages - 1 : 0;
  show_page (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (old_n_pages != self->n_pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  /* Notified even when the number stays: the page shown is a new one. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

PopplerDocument *
td_pdf_preview_get_document (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), NULL);
  return self->document;
}

void
td_pdf_preview_set_message (TdPdfPreview *self,
                            const char   *message)
{
  g_return_if_fail (TD_IS_PDF_PREVIEW (self));

  g_free (self->message);
  self->message = g_strdup (message);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), message);
  update_state (self);
}

const char *
td_pdf_preview_get_message (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), NULL);
  return self->message;
}

void
td_pdf_preview_set_busy (TdPdfPreview *self,
                         gboolean      busy)
{
  g_return_if_fail (TD_IS_PDF_PREVIEW (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
td_pdf_preview_get_busy (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), FALSE);
  return self->busy;
}

guint
td_pdf_preview_get_n_pages (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), 0);
  return self->n_pages;
}

guint
td_pdf_preview_get_page (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), 0);
  return self->page;
}

void
td_pdf_preview_set_page (TdPdfPreview *self,
                         guint         page)
{
  GtkAdjustment *vadj;

  g_return_if_fail (TD_IS_PDF_PREVIEW (self));

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);
  if (page == self->page)
    return;
  self->page = page;
  show_page (self);
  /* A new page starts at its top. */
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

const char *
td_pdf_preview_get_page_label (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), NULL);
  return self->page_text;
}

void
td_pdf_preview_set_fit_width (TdPdfPreview *self,
                              gboolean      fit_width)
{
  g_return_if_fail (TD_IS_PDF_PREVIEW (self));

  fit_width = !!fit_width;
  if (self->page_view->fit_width == fit_width)
    return;
  self->page_view->fit_width = fit_width;
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  fit_width ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_halign (GTK_WIDGET (self->page_view), fit_width ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_widget_queue_resize (GTK_WIDGET (self->page_view));
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
td_pdf_preview_get_fit_width (TdPdfPreview *self)
{
  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), FALSE);
  return self->page_view->fit_width;
}

void
td_pdf_preview_set_zoom (TdPdfPreview *self,
                         double        zoom)
{
  g_return_if_fail (TD_IS_PDF_PREVIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  self->page_view->zoom = zoom;
  td_pdf_preview_set_fit_width (self, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self->page_view));
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
td_pdf_preview_get_zoom (TdPdfPreview *self)
{
  int width;

  g_return_val_if_fail (TD_IS_PDF_PREVIEW (self), 1.0);

  if (!self->page_view->fit_width)
    return self->page_view->zoom;
  width = gtk_widget_get_width (GTK_WIDGET (self->page_view));
  if (width <= 0 || self->page_view->page == NULL)
    return 1.0;
  return width / (self->page_view->page_width * PX_PER_POINT);
}

/* ---- Actions ---- */

static void
previous_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (widget);

  if (self->page > 0)
    td_pdf_preview_set_page (self, self->page - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (widget);

  td_pdf_preview_set_page (self, self->page + 1);
}

static void
first_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  td_pdf_preview_set_page (TD_PDF_PREVIEW (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (widget);

  if (self->n_pages > 0)
    td_pdf_preview_set_page (self, self->n_pages - 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (widget);
  double zoom = td_pdf_preview_get_zoom (self);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > zoom + 0.01)
      {
        td_pdf_preview_set_zoom (self, zoom_steps[i]);
        return;
      }
  td_pdf_preview_set_zoom (self, ZOOM_MAX);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (widget);
  double zoom = td_pdf_preview_get_zoom (self);

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < zoom - 0.01)
      {
        td_pdf_preview_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
  td_pdf_preview_set_zoom (self, ZOOM_MIN);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  td_pdf_preview_set_fit_width (TD_PDF_PREVIEW (widget), TRUE);
}

static void
zoom_100_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  td_pdf_preview_set_zoom (TD_PDF_PREVIEW (widget), 1.0);
}

/* ---- GObject ---- */

static void
td_pdf_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->page_view->fit_width);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, td_pdf_preview_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_pdf_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      td_pdf_preview_set_page (self, g_value_get_uint (value));
      break;
    case PROP_BUSY:
      td_pdf_preview_set_busy (self, g_value_get_boolean (value));
      break;
    case PROP_FIT_WIDTH:
      td_pdf_preview_set_fit_width (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      td_pdf_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_pdf_preview_dispose (GObject *object)
{
  TdPdfPreview *self = TD_PDF_PREVIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->page_text, g_free);

  G_OBJECT_CLASS (td_pdf_preview_parent_class)->dispose (object);
}

static void
td_pdf_preview_class_init (TdPdfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = td_pdf_preview_get_property;
  object_class->set_property = td_pdf_preview_set_property;
  object_class->dispose = td_pdf_preview_dispose;

  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_WIDTH] = g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "preview.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "preview.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-100", NULL, zoom_100_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "preview.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "preview.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-100", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdfpreview");
}

static GtkWidget *
tool_button (const char *icon_name,
             const char *action_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
td_pdf_preview_init (TdPdfPreview *self)
{
  GtkWidget *box, *viewport_box, *zoom_box, *zoom_menu;
  GMenu *menu;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (self->overlay, TRUE);
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (self->scroller, "td-preview-background");
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->scroller);

  self->page_view = g_object_new (TD_TYPE_PDF_PAGE_VIEW, NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->page_view), PAGE_MARGIN);
  gtk_widget_set_margin_end (GTK_WIDGET (self->page_view), PAGE_MARGIN);
  gtk_widget_set_margin_top (GTK_WIDGET (self->page_view), PAGE_MARGIN);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->page_view), PAGE_MARGIN);
  gtk_widget_set_valign (GTK_WIDGET (self->page_view), GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (self->page_view), GTK_ALIGN_FILL);
  viewport_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (viewport_box), GTK_WIDGET (self->page_view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), viewport_box);

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("No Preview"));
  gtk_widget_add_css_class (self->status, "compact");
  gtk_widget_set_visible (self->status, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->status);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->spinner);

  /* Page navigation on the left, zoom on the right. */
  self->toolbar = gtk_action_bar_new ();
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), tool_button ("go-previous-symbolic", "preview.previous", _("Previous Page")));
  self->page_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->page_label), 14);
  gtk_widget_add_css_class (self->page_label, "numeric");
  gtk_box_append (GTK_BOX (box), self->page_label);
  gtk_box_append (GTK_BOX (box), tool_button ("go-next-symbolic", "preview.next", _("Next Page")));
  gtk_action_bar_pack_start (GTK_ACTION_BAR (self->toolbar), box);

  zoom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (zoom_box), tool_button ("zoom-out-symbolic", "preview.zoom-out", _("Zoom Out")));
  menu = g_menu_new ();
  g_menu_append (menu, _("Fit _Width"), "preview.zoom-fit");
  g_menu_append (menu, _("_Actual Size"), "preview.zoom-100");
  zoom_menu = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (zoom_menu), G_MENU_MODEL (menu));
  g_object_unref (menu);
  self->zoom_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->zoom_label), 9);
  gtk_widget_add_css_class (self->zoom_label, "numeric");
  gtk_menu_button_set_child (GTK_MENU_BUTTON (zoom_menu), self->zoom_label);
  gtk_widget_add_css_class (zoom_menu, "flat");
  gtk_widget_set_tooltip_text (zoom_menu, _("Zoom"));
  gtk_box_append (GTK_BOX (zoom_box), zoom_menu);
  gtk_box_append (GTK_BOX (zoom_box), tool_button ("zoom-in-symbolic", "preview.zoom-in", _("Zoom In")));
  gtk_action_bar_pack_end (GTK_ACTION_BAR (self->toolbar), zoom_box);

  update_state (self);
}

GtkWidget *
td_pdf_preview_new (void)
{
  return g_object_new (TD_TYPE_PDF_PREVIEW, NULL);
}
