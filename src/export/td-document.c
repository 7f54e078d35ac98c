/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-document"

#include "config.h"

#include <string.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "td-document.h"
#include "td-date.h"
#include "td-error.h"

/*
 * Content is laid out once into a list of drawing operations per page. An operation keeps the
 * text (in a string chunk) and where it goes, never a PangoLayout: a 10,000-row list would
 * otherwise keep 80,000 layouts alive. Drawing lays the text out again with the same context
 * settings, so measuring and drawing agree (no hinting of metrics, unrounded glyph positions).
 */

typedef enum {
  OP_TEXT,   /* text in a box x, y, w (w <= 0: no wrapping); lines first_line.. (n_lines 0: all) */
  OP_LINE,   /* from (x, y) to (w, h) */
  OP_RECT,   /* stroked rectangle x, y, w, h */
  OP_GRID,   /* a table row's borders: vertical lines at edges[], bottom line; y, h */
} OpKind;

typedef struct
{
  guint8      kind;
  guint8      flags;
  guint8      align;
  guint8      n_edges;
  float       size;
  float       x, y, w, h;
  float       indent;
  guint16     first_line;
  guint16     n_lines;
  const char *text;      /* OP_TEXT: the text; OP_GRID: the float edges (x positions) */
} Op;

typedef struct
{
  GArray *ops;     /* of Op */
  guint   number;  /* within its section, from 1 */
} Page;

struct _TdTable
{
  guint    n_columns;
  double  *widths;
  TdAlign *aligns;
  double   font_size;
  GArray  *header;   /* of HeaderCell */
  guint    n_header_rows;
  /* Laying out */
  float   *edges;    /* owned by the document once the table begins */
  double   x;
  GHashTable *heights;  /* "column\x1ftext" -> measured height, for the repeated values */
};

typedef struct
{
  guint row, column, rowspan, colspan;
  char *text;
} HeaderCell;

struct _TdDocument
{
  GObject       parent_instance;

  double        width, height;
  GPtrArray    *pages;     /* of Page* */
  GStringChunk *strings;
  GPtrArray    *blobs;     /* edge arrays of tables */
  double        cursor;
  guint         section_page;

  PangoContext *context;   /* for measuring */
  PangoLayout  *layout;
  TdTable      *table;     /* the table being laid out, for page breaks */
};

G_DEFINE_FINAL_TYPE (TdDocument, td_document, G_TYPE_OBJECT)

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define RULE_WIDTH 0.75
#define GRID_WIDTH 0.6

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->ops);
  g_free (page);
}

static void
td_document_finalize (GObject *object)
{
  TdDocument *self = TD_DOCUMENT (object);

  g_ptr_array_unref (self->pages);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->blobs);
  g_clear_object (&self->layout);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_document_parent_class)->finalize (object);
}

static void
td_document_class_init (TdDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_document_finalize;
}

static void
td_document_init (TdDocument *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->strings = g_string_chunk_new (16 * 1024);
  self->blobs = g_ptr_array_new_with_free_func (g_free);
}

/* The same settings for measuring and drawing: points at 72 dpi, metrics not hinted, glyph
 * positions not rounded (a rounded 14 pt advance would drift by whole points per line). */
static void
configure_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("vi"));
}

static PangoFontDescription *
font_for (double size, guint flags)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, TD_FONT_FAMILY);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (desc, (flags & TD_TEXT_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, (flags & TD_TEXT_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return desc;
}

/* Sets up @layout for an operation's text; both the measuring and the drawing go through here. */
static void
setup_layout (PangoLayout *layout, const char *text, double size, guint flags,
              TdAlign align, double width, double indent)
{
  PangoFontDescription *desc = font_for (size, flags);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  pango_layout_set_justify (layout, align == TD_ALIGN_JUSTIFY);
  pango_layout_set_justify_last_line (layout, FALSE);
  switch (align)
    {
    case TD_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case TD_ALIGN_RIGHT:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case TD_ALIGN_LEFT:
    case TD_ALIGN_JUSTIFY:
    default:
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      break;
    }
  /* set_text keeps the attributes of an earlier set_markup, with byte ranges of the old text:
   * clear them, or a reused layout bolds the wrong bytes and can cut a UTF-8 sequence. */
  if (flags & TD_TEXT_MARKUP)
    pango_layout_set_markup (layout, text, -1);
  else
    {
      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, text, -1);
    }
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static double
layout_first_baseline (PangoLayout *layout)
{
  return (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
}

/* ---- Operations ---- */

static Page *
current_page (TdDocument *self)
{
  g_assert (self->pages->len > 0);
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static const char *
intern_text (TdDocument *self, const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  /* Decomposed input renders alike but extracts as NFD from the PDF (gotchas.md). */
  return g_string_chunk_insert (self->strings, nfc != NULL ? nfc : "");
}

static void
emit (GArray *ops, const Op *op)
{
  g_array_append_vals (ops, op, 1);
}

static void
emit_text (GArray *ops, const char *interned, double size, guint flags, TdAlign align,
           double x, double y, double w, double indent, guint first_line, guint n_lines)
{
  Op op = { 0 };

  op.kind = OP_TEXT;
  op.flags = flags;
  op.align = align;
  op.size = size;
  op.x = x;
  op.y = y;
  op.w = w;
  op.indent = indent;
  op.first_line = first_line;
  op.n_lines = n_lines;
  op.text = interned;
  emit (ops, &op);
}

static void
emit_line (GArray *ops, double x1, double y1, double x2, double y2)
{
  Op op = { 0 };

  op.kind = OP_LINE;
  op.x = x1;
  op.y = y1;
  op.w = x2;
  op.h = y2;
  emit (ops, &op);
}

static void
emit_rect (GArray *ops, double x, double y, double w, double h)
{
  Op op = { 0 };

  op.kind = OP_RECT;
  op.x = x;
  op.y = y;
  op.w = w;
  op.h = h;
  emit (ops, &op);
}

/* ---- Drawing ---- */

static void
draw_text_op (cairo_t *cr, PangoLayout *layout, const Op *op)
{
  PangoLayoutIter *iter;
  double top = 0;
  guint i;

  setup_layout (layout, op->text, op->size, op->flags, op->align, op->w, op->indent);
  if (op->n_lines == 0)
    {
      cairo_move_to (cr, op->x, op->y);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* A slice of a paragraph split across pages: draw its lines from their baselines. */
  iter = pango_layout_get_iter (layout);
  for (i = 0; i < op->first_line; i++)
    if (!pango_layout_iter_next_line (iter))
      break;
  for (i = 0; i < op->n_lines; i++)
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      int y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (i == 0)
        top = (double) y0 / PANGO_SCALE;
      cairo_move_to (cr, op->x + (double) logical.x / PANGO_SCALE,
                     op->y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top);
      pango_cairo_show_layout_line (cr, line);
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);
}

static void
draw_ops (cairo_t *cr, PangoLayout *layout, GArray *ops)
{
  guint i;

  for (i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          draw_text_op (cr, layout, op);
          break;
        case OP_LINE:
          cairo_set_line_width (cr, RULE_WIDTH);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_RECT:
          cairo_set_line_width (cr, GRID_WIDTH);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_GRID:
          {
            const float *edges = (const float *) op->text;
            guint e;

            cairo_set_line_width (cr, GRID_WIDTH);
            for (e = 0; e < op->n_edges; e++)
              {
                cairo_move_to (cr, edges[e], op->y);
                cairo_line_to (cr, edges[e], op->y + op->h);
              }
            cairo_move_to (cr, edges[0], op->y + op->h);
            cairo_line_to (cr, edges[op->n_edges - 1], op->y + op->h);
            cairo_stroke (cr);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static PangoLayout *
create_draw_layout (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  PangoLayout *layout;

  configure_context (context);
  layout = pango_layout_new (context);
  g_object_unref (context);
  return layout;
}

void
td_document_draw_page (TdDocument *self, guint page_index, cairo_t *cr)
{
  g_autoptr(PangoLayout) layout = NULL;
  Page *page;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (page_index < self->pages->len);
  g_return_if_fail (cr != NULL);

  page = g_ptr_array_index (self->pages, page_index);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);

  layout = create_draw_layout (cr);
  draw_ops (cr, layout, page->ops);

  /* Page numbers from the second page of a section, centred in the top margin. */
  if (page->number >= 2)
    {
      char number[16];
      double h;

      g_snprintf (number, sizeof number, "%u", page->number);
      setup_layout (layout, number, 13.0, 0, TD_ALIGN_CENTER, self->width, 0);
      h = layout_height (layout);
      cairo_move_to (cr, 0, (TD_MARGIN_TOP - h) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}

static cairo_status_t
write_stream_cb (void *closure, const unsigned char *data, unsigned int length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
td_document_write_pdf (TdDocument *self, const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort_close = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint i;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* g_file_replace writes beside and renames on close: a failed export leaves no file. */
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, TD_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? TD_ERROR_CANCELLED : TD_ERROR_IO,
                   "%s: %s", path, local_error->message);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, stream, self->width, self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Thi Đua Planner " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (i = 0; i < self->pages->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      td_document_draw_page (self, i, cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_is_cancelled (cancellable) || status != CAIRO_STATUS_SUCCESS)
    {
      abort_close = g_cancellable_new ();
      g_cancellable_cancel (abort_close);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort_close, NULL);
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, TD_ERROR, TD_ERROR_CANCELLED, "Export cancelled");
      else
        g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- Pages ---- */

static void
add_page (TdDocument *self, gboolean new_section)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  self->section_page = new_section || self->pages->len == 0 ? 1 : self->section_page + 1;
  page->number = self->section_page;
  g_ptr_array_add (self->pages, page);
  self->cursor = TD_MARGIN_TOP;
}

TdDocument *
td_document_new (gboolean landscape)
{
  TdDocument *self = g_object_new (TD_TYPE_DOCUMENT, NULL);

  self->width = landscape ? TD_PAGE_A4_HEIGHT : TD_PAGE_A4_WIDTH;
  self->height = landscape ? TD_PAGE_A4_WIDTH : TD_PAGE_A4_HEIGHT;
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  configure_context (self->context);
  self->layout = pango_layout_new (self->context);
  add_page (self, TRUE);
  return self;
}

double
td_document_get_page_width (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return self->width;
}

double
td_document_get_page_height (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return self->height;
}

void
td_document_get_text_area (TdDocument *self, double *x, double *y, double *width, double *height)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  if (x)
    *x = TD_MARGIN_LEFT;
  if (y)
    *y = TD_MARGIN_TOP;
  if (width)
    *width = self->width - TD_MARGIN_LEFT - TD_MARGIN_RIGHT;
  if (height)
    *height = self->height - TD_MARGIN_TOP - TD_MARGIN_BOTTOM;
}

static double
text_width (TdDocument *self)
{
  return self->width - TD_MARGIN_LEFT - TD_MARGIN_RIGHT;
}

static double
bottom (TdDocument *self)
{
  return self->height - TD_MARGIN_BOTTOM;
}

guint
td_document_get_n_pages (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return self->pages->len;
}

double
td_document_get_cursor (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return self->cursor;
}

double
td_document_get_room (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return bottom (self) - self->cursor;
}

static void table_emit_header (TdDocument *self, TdTable *table);

void
td_document_new_page (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  add_page (self, FALSE);
  if (self->table != NULL)
    table_emit_header (self, self->table);
}

void
td_document_new_section (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  add_page (self, TRUE);
}

static gboolean
at_page_top (TdDocument *self)
{
  return self->cursor <= TD_MARGIN_TOP + 0.01;
}

void
td_document_add_space (TdDocument *self, double points)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  /* Space is not carried to the top of a new page. */
  if (at_page_top (self))
    return;
  self->cursor = MIN (self->cursor + points, bottom (self));
}

void
td_document_ensure_room (TdDocument *self, double points)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  if (td_document_get_room (self) < points && !at_page_top (self))
    td_document_new_page (self);
}

void
td_document_add_text (TdDocument *self, const char *text, double size, TdTextFlags flags,
                      TdAlign align, double indent, double space_after)
{
  PangoLayoutIter *iter;
  const char *interned;
  double width, slice_top = 0;
  guint line = 0, first = 0;
  gboolean more = TRUE;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  interned = intern_text (self, text);
  width = text_width (self);
  setup_layout (self->layout, interned, size, flags, align, width, indent);

  /* Whole paragraph fits: one operation. */
  if (self->cursor + layout_height (self->layout) <= bottom (self) + 0.01)
    {
      emit_text (current_page (self)->ops, interned, size, flags, align, TD_MARGIN_LEFT,
                 self->cursor, width, indent, 0, 0);
      self->cursor += layout_height (self->layout);
      td_document_add_space (self, space_after);
      return;
    }

  /* Otherwise cut between lines. */
  iter = pango_layout_get_iter (self->layout);
  while (more)
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (line == first)
        slice_top = (double) y0 / PANGO_SCALE;
      if (self->cursor + (double) y1 / PANGO_SCALE - slice_top > bottom (self) + 0.01)
        {
          if (line > first)
            {
              emit_text (current_page (self)->ops, interned, size, flags, align, TD_MARGIN_LEFT,
                         self->cursor, width, indent, first, line - first);
              first = line;
              slice_top = (double) y0 / PANGO_SCALE;
              add_page (self, FALSE);
              continue;
            }
          else if (!at_page_top (self))
            {
              add_page (self, FALSE);
              continue;
            }
          /* A single line taller than a page: place it anyway. */
        }
      more = pango_layout_iter_next_line (iter);
      line++;
      if (!more)
        {
          emit_text (current_page (self)->ops, interned, size, flags, align, TD_MARGIN_LEFT,
                     self->cursor, width, indent, first, line - first);
          self->cursor += (double) y1 / PANGO_SCALE - slice_top;
        }
    }
  pango_layout_iter_free (iter);
  td_document_add_space (self, space_after);
}

void
td_document_add_body (TdDocument *self, const char *text)
{
  td_document_add_text (self, text, 14.0, TD_TEXT_PLAIN, TD_ALIGN_JUSTIFY, TD_MM (10), 6.0);
}

void
td_document_add_body_markup (TdDocument *self, const char *markup)
{
  td_document_add_text (self, markup, 14.0, TD_TEXT_MARKUP, TD_ALIGN_JUSTIFY, TD_MM (10), 6.0);
}

/* ---- Page furniture ---- */

/* Lays out a centred block of text in a column; returns its height; @max_line_width gets the
 * widest line's width. */
static double
column_text (GArray *ops, PangoLayout *layout, const char *interned, double size, guint flags,
             double x, double y, double width, double *max_line_width, double *baseline)
{
  double h;

  setup_layout (layout, interned, size, flags, TD_ALIGN_CENTER, width, 0);
  h = layout_height (layout);
  if (max_line_width != NULL)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      *max_line_width = (double) logical.width / PANGO_SCALE;
    }
  if (baseline != NULL)
    *baseline = layout_first_baseline (layout);
  if (ops != NULL)
    emit_text (ops, interned, size, flags, TD_ALIGN_CENTER, x, y, width, 0, 0, 0);
  return h;
}

static char *
upper_nfc (const char *s)
{
  g_autofree char *upper = g_utf8_strup (s, -1);

  return g_utf8_normalize (upper, -1, G_NORMALIZE_NFC);
}

static const char *
chunk_upper (GStringChunk *strings, const char *s)
{
  g_autofree char *upper = upper_nfc (s);

  return g_string_chunk_insert (strings, upper);
}

static const char *
chunk_nfc (GStringChunk *strings, const char *s)
{
  g_autofree char *nfc = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);

  return g_string_chunk_insert (strings, nfc != NULL ? nfc : "");
}

static double
layout_admin_header (GArray *ops, PangoLayout *layout, GStringChunk *strings,
                     const TdAdminHeader *header, double x, double y, double width)
{
  double left_w = width * 6.8 / 16.8;
  double right_x = x + left_w, right_w = width - left_w;
  double ly = y, ry = y, line_w, h, baseline_left, baseline_right, so_h, date_h;
  double so_top, date_top, date_baseline = 0, so_baseline = 0;
  g_autofree char *so_text = NULL;
  const char *so = NULL, *date = NULL;

  /* Left column: superior body, issuing body, a short rule, the number. */
  if (header->superior != NULL && *header->superior != '\0')
    ly += column_text (ops, layout, chunk_upper (strings, header->superior), 13.0, 0,
                       x, ly, left_w, NULL, NULL);
  if (header->issuer != NULL && *header->issuer != '\0')
    {
      h = column_text (ops, layout, chunk_upper (strings, header->issuer), 13.0, TD_TEXT_BOLD,
                       x, ly, left_w, &line_w, NULL);
      ly += h + 3.0;
      /* The rule under the issuing body: 1/3 to 1/2 of the name's width (documents.md). */
      if (ops != NULL)
        emit_line (ops, x + left_w / 2 - line_w * 0.2, ly, x + left_w / 2 + line_w * 0.2, ly);
      ly += 6.0;
    }
  so_text = g_strdup_printf ("Số: %s", header->number != NULL ? header->number : "");
  so = chunk_nfc (strings, so_text);
  so_h = column_text (NULL, layout, so, 13.0, 0, x, ly, left_w, NULL, &so_baseline);

  /* Right column: Quốc hiệu (12 pt: at 13 pt it is wider than the 10 cm column), Tiêu ngữ with
   * a rule as long as the text, then the place and date. */
  ry += column_text (ops, layout, chunk_nfc (strings, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12.0,
                     TD_TEXT_BOLD, right_x, ry, right_w, NULL, NULL);
  h = column_text (ops, layout, chunk_nfc (strings, "Độc lập - Tự do - Hạnh phúc"), 14.0,
                   TD_TEXT_BOLD, right_x, ry, right_w, &line_w, NULL);
  ry += h + 2.5;
  if (ops != NULL)
    emit_line (ops, right_x + right_w / 2 - line_w / 2, ry, right_x + right_w / 2 + line_w / 2, ry);
  ry += 6.0;

  if (header->place_date != NULL && *header->place_date != '\0')
    date = chunk_nfc (strings, header->place_date);
  date_h = date != NULL ? column_text (NULL, layout, date, 14.0, TD_TEXT_ITALIC, right_x, ry,
                                       right_w, NULL, &date_baseline) : 0;

  /* The number and the place-date share a baseline. */
  baseline_left = ly + so_baseline;
  baseline_right = ry + date_baseline;
  so_top = MAX (baseline_left, baseline_right) - so_baseline;
  date_top = MAX (baseline_left, baseline_right) - date_baseline;
  if (ops != NULL)
    {
      emit_text (ops, so, 13.0, 0, TD_ALIGN_CENTER, x, so_top, left_w, 0, 0, 0);
      if (date != NULL)
        emit_text (ops, date, 14.0, TD_TEXT_ITALIC, TD_ALIGN_CENTER, right_x, date_top, right_w, 0, 0, 0);
    }
  return MAX (so_top + so_h, date_top + date_h) - y;
}

/* The header is 6.8 + 10 cm wide as in the decree's template: wider than the 15.5 cm text area,
 * it reaches into the left margin (the Quốc hiệu needs the 10 cm column). */
static void
header_geometry (TdDocument *self, double *x, double *width)
{
  double w = TD_MM (168);
  double right = self->width - TD_MARGIN_RIGHT;

  *width = MIN (w, right - TD_MM (15));
  *x = right - *width;
}

void
td_document_add_admin_header (TdDocument *self, const TdAdminHeader *header)
{
  double x, w, h;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (header != NULL);

  header_geometry (self, &x, &w);
  h = layout_admin_header (current_page (self)->ops, self->layout, self->strings, header,
                           x, self->cursor, w);
  self->cursor += h + 18.0;
}

double
td_document_draw_admin_header (cairo_t *cr, const TdAdminHeader *header, double x, double y, double width)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) ops = NULL;
  GStringChunk *strings;
  double h;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (header != NULL, 0);

  layout = create_draw_layout (cr);
  ops = g_array_new (FALSE, FALSE, sizeof (Op));
  strings = g_string_chunk_new (512);
  h = layout_admin_header (ops, layout, strings, header, x, y, width);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  draw_ops (cr, layout, ops);
  cairo_restore (cr);
  g_string_chunk_free (strings);
  return h;
}

void
td_document_add_title (TdDocument *self, const char *type, const char *subject)
{
  GArray *ops;
  double x = TD_MARGIN_LEFT, w = text_width (self), h, line_w = 0, rule;
  const char *t = NULL, *s = NULL;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  /* Measure first so that the title block is never split. */
  h = 0;
  if (type != NULL && *type != '\0')
    {
      t = chunk_upper (self->strings, type);
      h += column_text (NULL, self->layout, t, 14.0, TD_TEXT_BOLD, x, 0, w, &line_w, NULL);
    }
  if (subject != NULL && *subject != '\0')
    {
      s = intern_text (self, subject);
      h += column_text (NULL, self->layout, s, 14.0, TD_TEXT_BOLD, x, 0, w * 0.85, &line_w, NULL);
    }
  if (self->cursor + h + 8.0 > bottom (self))
    td_document_new_page (self);

  ops = current_page (self)->ops;
  if (t != NULL)
    self->cursor += column_text (ops, self->layout, t, 14.0, TD_TEXT_BOLD, x, self->cursor, w, NULL, NULL);
  if (s != NULL)
    self->cursor += column_text (ops, self->layout, s, 14.0, TD_TEXT_BOLD, x + w * 0.075,
                                 self->cursor, w * 0.85, NULL, NULL);
  /* A short rule under the subject: a third of its width, between 2.5 and 5 cm. */
  rule = CLAMP (line_w / 3.0, TD_MM (25), TD_MM (50));
  self->cursor += 3.0;
  emit_line (ops, x + w / 2 - rule / 2, self->cursor, x + w / 2 + rule / 2, self->cursor);
  self->cursor += 15.0;
}

void
td_document_add_short_rule (TdDocument *self)
{
  double x = TD_MARGIN_LEFT, w;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  w = text_width (self);
  self->cursor += 6.0;
  emit_line (current_page (self)->ops, x + w / 2 - TD_MM (15), self->cursor, x + w / 2 + TD_MM (15), self->cursor);
  self->cursor += 15.0;
}

void
td_document_add_draft_mark (TdDocument *self)
{
  GArray *ops;
  const char *text;
  double w, h, x, y;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  ops = current_page (self)->ops;
  text = intern_text (self, "DỰ THẢO");
  setup_layout (self->layout, text, 13.0, TD_TEXT_BOLD, TD_ALIGN_LEFT, -1, 0);
  w = layout_width (self->layout);
  h = layout_height (self->layout);
  x = self->width - TD_MARGIN_RIGHT - w - 6.0;
  y = TD_MM (8);
  emit_text (ops, text, 13.0, TD_TEXT_BOLD, TD_ALIGN_LEFT, x, y, -1, 0, 0, 0);
  emit_rect (ops, x - 4.0, y - 2.0, w + 8.0, h + 4.0);
}

/* "- Sở Nội vụ;" … "- Lưu: VT, TĐKT." */
static GPtrArray *
normalize_recipients (const char * const *recipients)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gboolean has_archive = FALSE;
  guint i;

  for (i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      g_autofree char *s = g_strstrip (g_strdup (recipients[i]));
      char *p = s;
      gsize len;

      if (g_str_has_prefix (p, "-") || g_str_has_prefix (p, "+"))
        p = g_strchug (p + 1);
      len = strlen (p);
      while (len > 0 && (p[len - 1] == ';' || p[len - 1] == '.' || p[len - 1] == ' '))
        p[--len] = '\0';
      if (len == 0)
        continue;
      if (g_str_has_prefix (p, "Lưu"))
        has_archive = TRUE;
      g_ptr_array_add (lines, g_strdup (p));
    }
  if (!has_archive)
    g_ptr_array_add (lines, g_strdup ("Lưu: VT"));
  for (i = 0; i < lines->len; i++)
    {
      char *old = g_ptr_array_index (lines, i);

      lines->pdata[i] = g_strdup_printf ("- %s%s", old, i + 1 == lines->len ? "." : ";");
      g_free (old);
    }
  return lines;
}

static double
layout_signature (TdDocument *self, GArray *ops, const TdSignature *sig, GPtrArray *recipients, double y)
{
  double w = text_width (self);
  double left_x = TD_MARGIN_LEFT, left_w = w * 0.52;
  double right_w = w * 0.48, right_x = TD_MARGIN_LEFT + w - right_w;
  double ly = y, ry = y;
  const char *lines[3] = { sig->authority, sig->deputy, sig->title };
  guint i;

  if (ops != NULL)
    emit_text (ops, intern_text (self, "Nơi nhận:"), 12.0, TD_TEXT_BOLD | TD_TEXT_ITALIC,
               TD_ALIGN_LEFT, left_x, ly, left_w, 0, 0, 0);
  setup_layout (self->layout, "Nơi nhận:", 12.0, TD_TEXT_BOLD | TD_TEXT_ITALIC, TD_ALIGN_LEFT, left_w, 0);
  ly += layout_height (self->layout);
  for (i = 0; i < recipients->len; i++)
    {
      const char *line = intern_text (self, g_ptr_array_index (recipients, i));

      setup_layout (self->layout, line, 11.0, 0, TD_ALIGN_LEFT, left_w, 0);
      if (ops != NULL)
        emit_text (ops, line, 11.0, 0, TD_ALIGN_LEFT, left_x, ly, left_w, 0, 0, 0);
      ly += layout_height (self->layout);
    }

  for (i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i] != NULL && *lines[i] != '\0')
      ry += column_text (ops, self->layout, chunk_upper (self->strings, lines[i]), 14.0,
                         TD_TEXT_BOLD, right_x, ry, right_w, NULL, NULL);
  /* Room for the signature and the seal. */
  ry += TD_MM (25);
  if (sig->name != NULL && *sig->name != '\0')
    ry += column_text (ops, self->layout, intern_text (self, sig->name), 14.0, TD_TEXT_BOLD,
                       right_x, ry, right_w, NULL, NULL);
  return MAX (ly, ry) - y;
}

void
td_document_add_signature (TdDocument *self, const TdSignature *signature, const char * const *recipients)
{
  g_autoptr(GPtrArray) lines = NULL;
  TdSignature empty = { 0 };
  double h;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  if (signature == NULL)
    signature = &empty;
  lines = normalize_recipients (recipients);
  self->cursor += at_page_top (self) ? 0 : 6.0;
  h = layout_signature (self, NULL, signature, lines, self->cursor);
  if (self->cursor + h > bottom (self) && !at_page_top (self))
    td_document_new_page (self);
  h = layout_signature (self, current_page (self)->ops, signature, lines, self->cursor);
  self->cursor += h;
}

/* ---- Tables ---- */

TdTable *
td_table_new (guint n_columns, const double *widths, double font_size)
{
  TdTable *table;

  g_return_val_if_fail (n_columns > 0 && n_columns < 255, NULL);
  g_return_val_if_fail (widths != NULL, NULL);

  table = g_new0 (TdTable, 1);
  table->n_columns = n_columns;
  table->widths = g_memdup2 (widths, sizeof (double) * n_columns);
  table->aligns = g_new0 (TdAlign, n_columns);
  table->font_size = font_size;
  table->header = g_array_new (FALSE, FALSE, sizeof (HeaderCell));
  return table;
}

void
td_table_free (TdTable *table)
{
  guint i;

  if (table == NULL)
    return;
  for (i = 0; i < table->header->len; i++)
    g_free (g_array_index (table->header, HeaderCell, i).text);
  g_array_unref (table->header);
  g_clear_pointer (&table->heights, g_hash_table_unref);
  g_free (table->widths);
  g_free (table->aligns);
  g_free (table);
}

void
td_table_set_column_align (TdTable *table, guint column, TdAlign align)
{
  g_return_if_fail (table != NULL && column < table->n_columns);
  table->aligns[column] = align;
}

void
td_table_add_header_cell (TdTable *table, guint row, guint column, guint rowspan, guint colspan,
                          const char *text)
{
  HeaderCell cell = { row, column, MAX (rowspan, 1), MAX (colspan, 1), NULL };

  g_return_if_fail (table != NULL);
  g_return_if_fail (column + cell.colspan <= table->n_columns);

  cell.text = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFC);
  g_array_append_val (table->header, cell);
  table->n_header_rows = MAX (table->n_header_rows, row + cell.rowspan);
}

static double
span_width (TdTable *table, guint column, guint colspan)
{
  return table->edges[column + colspan] - table->edges[column];
}

static double
measure_cell (TdDocument *self, const char *text, double size, guint flags, TdAlign align, double width)
{
  setup_layout (self->layout, text, size, flags, align, width - 2 * CELL_PAD_X, 0);
  return layout_height (self->layout);
}

static void
table_emit_header (TdDocument *self, TdTable *table)
{
  g_autofree double *row_h = NULL;
  g_autofree double *row_y = NULL;
  GArray *ops = current_page (self)->ops;
  guint i, r;

  if (table->n_header_rows == 0)
    return;

  row_h = g_new0 (double, table->n_header_rows);
  row_y = g_new0 (double, table->n_header_rows + 1);
  /* Single-row cells set their row's height; a taller spanning cell stretches its last row. */
  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);
      double h = measure_cell (self, c->text, table->font_size, TD_TEXT_BOLD, TD_ALIGN_CENTER,
                               span_width (table, c->column, c->colspan)) + 2 * CELL_PAD_Y;

      if (c->rowspan == 1)
        row_h[c->row] = MAX (row_h[c->row], h);
    }
  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);
      double h = measure_cell (self, c->text, table->font_size, TD_TEXT_BOLD, TD_ALIGN_CENTER,
                               span_width (table, c->column, c->colspan)) + 2 * CELL_PAD_Y;
      double spanned = 0;

      for (r = c->row; r < c->row + c->rowspan; r++)
        spanned += row_h[r];
      if (h > spanned)
        row_h[c->row + c->rowspan - 1] += h - spanned;
    }
  row_y[0] = self->cursor;
  for (r = 0; r < table->n_header_rows; r++)
    row_y[r + 1] = row_y[r] + row_h[r];

  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);
      double x = table->edges[c->column], w = span_width (table, c->column, c->colspan);
      double y = row_y[c->row], h = row_y[c->row + c->rowspan] - y;
      double th = measure_cell (self, c->text, table->font_size, TD_TEXT_BOLD, TD_ALIGN_CENTER, w);

      emit_rect (ops, x, y, w, h);
      if (*c->text != '\0')
        emit_text (ops, g_string_chunk_insert_const (self->strings, c->text), table->font_size,
                   TD_TEXT_BOLD, TD_ALIGN_CENTER, x + CELL_PAD_X, y + (h - th) / 2,
                   w - 2 * CELL_PAD_X, 0, 0, 0);
    }
  self->cursor = row_y[table->n_header_rows];
}

void
td_document_begin_table (TdDocument *self, TdTable *table)
{
  double total = 0, x;
  guint i;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (table != NULL && self->table == NULL);

  for (i = 0; i < table->n_columns; i++)
    total += table->widths[i];
  x = TD_MARGIN_LEFT + MAX (0, (text_width (self) - total) / 2);
  table->edges = g_new (float, table->n_columns + 1);
  g_ptr_array_add (self->blobs, table->edges);
  table->edges[0] = x;
  for (i = 0; i < table->n_columns; i++)
    table->edges[i + 1] = table->edges[i] + table->widths[i];
  table->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->table = table;
  /* The header and at least one row together; roughly three lines of room. */
  if (td_document_get_room (self) < table->font_size * 4 * (table->n_header_rows + 1) && !at_page_top (self))
    add_page (self, FALSE);
  table_emit_header (self, table);
}

/* Values repeat down a column (units, positions, ethnicities, years): measure each once. */
static double
cell_height (TdDocument *self, TdTable *table, guint column, const char *text)
{
  g_autofree char *key = g_strdup_printf ("%u\x1f%s", column, text);
  double *cached = g_hash_table_lookup (table->heights, key);
  double h;

  if (cached != NULL)
    return *cached;
  h = measure_cell (self, text, table->font_size, 0, table->aligns[column],
                    table->widths[column]);
  g_hash_table_insert (table->heights, g_steal_pointer (&key), g_memdup2 (&h, sizeof h));
  return h;
}

void
td_document_add_table_row (TdDocument *self, TdTable *table, const char * const *cells)
{
  double row_h = 0;
  GArray *ops;
  Op grid = { 0 };
  guint i;
  const char *interned[255];

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (table != NULL && self->table == table);

  for (i = 0; i < table->n_columns; i++)
    {
      const char *text = cells[i] != NULL ? cells[i] : "";

      interned[i] = NULL;
      if (*text == '\0')
        continue;
      interned[i] = intern_text (self, text);
      row_h = MAX (row_h, cell_height (self, table, i, interned[i]));
    }
  if (row_h == 0)
    row_h = table->font_size * 1.15;
  row_h += 2 * CELL_PAD_Y;

  /* Never cut a row: start a new page (with the header again) unless the row alone is taller
   * than a page, which cannot be helped. */
  if (self->cursor + row_h > bottom (self) + 0.01)
    {
      double header_top = self->cursor;

      td_document_new_page (self);
      if (self->cursor + row_h > bottom (self))
        g_warning ("A table row is taller than a page (%.0f pt)", row_h);
      (void) header_top;
    }

  ops = current_page (self)->ops;
  for (i = 0; i < table->n_columns; i++)
    if (interned[i] != NULL)
      emit_text (ops, interned[i], table->font_size, 0, table->aligns[i],
                 table->edges[i] + CELL_PAD_X, self->cursor + CELL_PAD_Y,
                 table->widths[i] - 2 * CELL_PAD_X, 0, 0, 0);
  grid.kind = OP_GRID;
  grid.y = self->cursor;
  grid.h = row_h;
  grid.n_edges = table->n_columns + 1;
  grid.text = (const char *) table->edges;
  emit (ops, &grid);
  self->cursor += row_h;
}

void
td_document_end_table (TdDocument *self, TdTable *table)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (table != NULL && self->table == table);

  self->table = NULL;
  table->edges = NULL;  /* owned by the document */
  g_clear_pointer (&table->heights, g_hash_table_unref);
  td_document_add_space (self, 8.0);
}

/* ---- Formatting helpers ---- */

char *
td_document_format_number (const char *number, const char *type_code, const char *issuer_code)
{
  GString *s = g_string_new (NULL);

  if (number == NULL || *number == '\0')
    /* Left blank for the clerk to fill in at issue. */
    g_string_append (s, "      ");
  else if (strlen (number) == 1 && g_ascii_isdigit (number[0]))
    g_string_append_printf (s, "0%s", number);
  else
    g_string_append (s, number);
  if (type_code != NULL && *type_code != '\0')
    g_string_append_printf (s, "/%s", type_code);
  if (issuer_code != NULL && *issuer_code != '\0')
    g_string_append_printf (s, "%s%s", (type_code != NULL && *type_code != '\0') ? "-" : "/", issuer_code);
  return g_string_free (s, FALSE);
}

char *
td_document_format_place_date (const char *place, guint32 date)
{
  g_autofree char *day = date != TD_DATE_NONE ? td_date_format_vi_long (date)
                                             : g_strdup ("ngày      tháng      năm");

  if (place == NULL || *place == '\0')
    return g_steal_pointer (&day);
  return g_strdup_printf ("%s, %s", place, day);
}
