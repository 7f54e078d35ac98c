/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-document"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "td-document.h"
#include "td-date.h"
#include "td-error.h"

/*
 * Content is laid out once into a list of drawing operations per page. Each piece of text is
 * shaped by Pango exactly once, when it is measured, and what drawing needs is kept in a compact
 * form: the lines, the runs (a font and a slice of the text) and the glyphs with their positions
 * (12 bytes a glyph), never a PangoLayout (a 10,000-row list would otherwise keep 80,000 layouts,
 * some 2 KiB each). Identical texts with identical settings share one shaped result, so the
 * values that repeat down a table column (units, positions, years, "x") are shaped once per
 * document. Drawing then only hands the glyphs to cairo, the way PangoCairoRenderer would
 * (cairo_show_text_glyphs with the clusters, so the PDF's text extracts as the original), with
 * no shaping and no cairo_save/restore per run.
 *
 * The context settings are the same for every piece of text: points at 72 dpi, metrics not
 * hinted, glyph positions not rounded.
 */

/* ---- Shaped text ---- */

typedef struct
{
  gint32  y0, y1;      /* the line's extent from the layout's top, Pango units */
  gint32  baseline;    /* from the layout's top */
  guint32 first_run;
  guint32 n_runs;
} Line;

typedef struct
{
  gint32  x;            /* the run's origin from the layout's left edge, Pango units */
  gint32  y_offset;     /* PangoGlyphItem.y_offset */
  guint32 text_offset;  /* in the shape's text */
  guint32 text_len;
  guint32 first_glyph;
  guint32 n_glyphs;
  guint32 first_cluster;  /* SIMPLE_CLUSTERS: one glyph per character */
  guint32 n_clusters;
  guint16 font;
  guint8  backward;
} Run;

#define SIMPLE_CLUSTERS G_MAXUINT32

typedef struct
{
  guint32 index;
  gint32  x;  /* from the run's origin, the glyph's x_offset included */
  gint32  y;  /* the glyph's y_offset */
} Glyph;

typedef struct
{
  /* The key: an interned text (see shaper_intern: equal texts are one pointer) and settings. */
  const char *source;
  double      size, width, indent;
  guint8      flags, align;
  /* The result. */
  guint8      fallback;  /* has glyphs no font covers: drawn through Pango (hex boxes) */
  const char *text;      /* the text laid out (markup removed); the runs index it */
  guint32     first_line;
  guint32     n_lines;
  double      w, h;      /* logical size, points */
  double      baseline;  /* of the first line */
} Shape;

#define SHAPE_BLOCK 256

typedef struct
{
  PangoContext *context;
  PangoLayout  *layout;
  GStringChunk *strings;
  GHashTable   *cache;     /* Shape* set */
  GPtrArray    *blocks;    /* of Shape[SHAPE_BLOCK]: shapes never move */
  guint         n_shapes;
  GArray       *lines;     /* of Line */
  GArray       *runs;      /* of Run */
  GArray       *glyphs;    /* of Glyph */
  GArray       *clusters;  /* of cairo_text_cluster_t */
  GPtrArray    *fonts;     /* of PangoFont */
  GPtrArray    *scaled;    /* of cairo_scaled_font_t, parallel to fonts */
  GPtrArray    *descs;     /* of PangoFontDescription, by size and style */
} Shaper;

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

static guint
shape_hash (gconstpointer p)
{
  const Shape *s = p;
  guint h = g_direct_hash (s->source);

  h = h * 31 + (guint) (s->size * 64);
  h = h * 31 + (guint) (gint) (s->width * 64);
  h = h * 31 + (guint) (s->indent * 64);
  return h * 31 + s->flags * 8 + s->align;
}

static gboolean
shape_equal (gconstpointer pa, gconstpointer pb)
{
  const Shape *a = pa, *b = pb;

  return a->source == b->source && a->size == b->size && a->width == b->width &&
         a->indent == b->indent && a->flags == b->flags && a->align == b->align;
}

static Shaper *
shaper_new (PangoContext *context)
{
  Shaper *sh = g_new0 (Shaper, 1);

  sh->context = context;
  configure_context (context);
  sh->layout = pango_layout_new (context);
  pango_layout_set_wrap (sh->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_justify_last_line (sh->layout, FALSE);
  sh->strings = g_string_chunk_new (16 * 1024);
  sh->cache = g_hash_table_new (shape_hash, shape_equal);
  sh->blocks = g_ptr_array_new_with_free_func (g_free);
  sh->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  sh->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  sh->glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  sh->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  sh->fonts = g_ptr_array_new_with_free_func (g_object_unref);
  sh->scaled = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_scaled_font_destroy);
  sh->descs = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_font_description_free);
  return sh;
}

static void
shaper_free (Shaper *sh)
{
  if (sh == NULL)
    return;
  g_hash_table_unref (sh->cache);
  g_ptr_array_unref (sh->blocks);
  g_array_unref (sh->lines);
  g_array_unref (sh->runs);
  g_array_unref (sh->glyphs);
  g_array_unref (sh->clusters);
  g_ptr_array_unref (sh->scaled);
  g_ptr_array_unref (sh->fonts);
  g_ptr_array_unref (sh->descs);
  g_string_chunk_free (sh->strings);
  g_object_unref (sh->layout);
  g_object_unref (sh->context);
  g_free (sh);
}

/* TRUE when @s is valid UTF-8 made only of characters that are NFC whatever follows them:
 * ASCII, U+0080…U+02FF and U+1E00…U+1EFF (Latin Extended Additional, where the precomposed
 * Vietnamese letters are). Normalizing such a text would copy it unchanged. */
static gboolean
utf8_is_quick_nfc (const char *s)
{
  const guchar *p = (const guchar *) s;

  while (*p != 0)
    {
      if (*p < 0x80)
        p++;
      else if (*p >= 0xC2 && *p <= 0xCB && (p[1] & 0xC0) == 0x80)
        p += 2;
      else if (*p == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80)
        p += 3;
      else
        return FALSE;
    }
  return TRUE;
}

/* The text in NFC, stored once: equal texts get the same pointer (the shape cache keys on it).
 * Decomposed input renders alike but extracts as NFD from the PDF (gotchas.md). */
static const char *
shaper_intern (Shaper *sh, const char *text)
{
  g_autofree char *nfc = NULL;

  if (utf8_is_quick_nfc (text))
    return g_string_chunk_insert_const (sh->strings, text);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_string_chunk_insert_const (sh->strings, nfc != NULL ? nfc : "");
}

static const PangoFontDescription *
shaper_font (Shaper *sh, double size, guint flags)
{
  int pango_size = (int) (size * PANGO_SCALE + 0.5);
  PangoWeight weight = (flags & TD_TEXT_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
  PangoStyle style = (flags & TD_TEXT_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
  PangoFontDescription *desc;
  guint i;

  for (i = 0; i < sh->descs->len; i++)
    {
      desc = g_ptr_array_index (sh->descs, i);
      if (pango_font_description_get_size (desc) == pango_size &&
          pango_font_description_get_weight (desc) == weight &&
          pango_font_description_get_style (desc) == style)
        return desc;
    }
  desc = pango_font_description_new ();
  pango_font_description_set_family_static (desc, TD_FONT_FAMILY);
  pango_font_description_set_size (desc, pango_size);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_style (desc, style);
  g_ptr_array_add (sh->descs, desc);
  return desc;
}

/* Sets up @layout for a text; the shaping and the Pango fallback of drawing go through here. */
static void
setup_layout (PangoLayout *layout, const PangoFontDescription *desc, const char *text, guint flags,
              TdAlign align, double width, double indent)
{
  pango_layout_set_font_description (layout, desc);
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

static guint16
shaper_font_index (Shaper *sh, PangoFont *font, gboolean *ok)
{
  cairo_scaled_font_t *scaled;
  guint i;

  for (i = 0; i < sh->fonts->len; i++)
    if (g_ptr_array_index (sh->fonts, i) == (gpointer) font)
      {
        *ok = g_ptr_array_index (sh->scaled, i) != NULL;
        return i;
      }
  scaled = PANGO_IS_CAIRO_FONT (font) ? pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)) : NULL;
  if (scaled != NULL && cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
    scaled = NULL;
  g_ptr_array_add (sh->fonts, g_object_ref (font));
  g_ptr_array_add (sh->scaled, scaled != NULL ? cairo_scaled_font_reference (scaled) : NULL);
  *ok = scaled != NULL;
  return i;
}

/* Copies a run's glyphs and clusters out of Pango, as PangoCairoRenderer would hand them to
 * cairo. Returns FALSE when the run needs Pango's own drawing (glyphs without a font). */
static gboolean
shaper_add_run (Shaper *sh, const char *text, PangoGlyphItem *run, gint32 x)
{
  PangoGlyphString *glyphs = run->glyphs;
  PangoItem *item = run->item;
  Run r = { 0 };
  PangoGlyphItemIter iter;
  gboolean ok = TRUE, simple = TRUE;
  int i, x_position = 0;
  guint first_cluster = sh->clusters->len;

  r.x = x;
  r.y_offset = run->y_offset;
  r.text_offset = item->offset;
  r.text_len = item->length;
  r.backward = (item->analysis.level & 1) != 0;
  r.font = shaper_font_index (sh, item->analysis.font, &ok);
  r.first_glyph = sh->glyphs->len;
  for (i = 0; i < glyphs->num_glyphs; i++)
    {
      PangoGlyphInfo *gi = &glyphs->glyphs[i];

      if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
        ok = FALSE;
      else if (gi->glyph != PANGO_GLYPH_EMPTY)
        {
          Glyph g = { gi->glyph, x_position + gi->geometry.x_offset, gi->geometry.y_offset };

          g_array_append_val (sh->glyphs, g);
        }
      x_position += gi->geometry.width;
    }
  r.n_glyphs = sh->glyphs->len - r.first_glyph;

  if (ok && pango_glyph_item_iter_init_start (&iter, run, text))
    do
      {
        cairo_text_cluster_t c;
        int k;

        c.num_bytes = iter.end_index - iter.start_index;
        c.num_glyphs = r.backward ? iter.start_glyph - iter.end_glyph : iter.end_glyph - iter.start_glyph;
        /* Empty glyphs are not drawn, so they are not in the clusters either. */
        for (k = MIN (iter.start_glyph, iter.end_glyph + 1); k < MAX (iter.start_glyph + 1, iter.end_glyph); k++)
          if (glyphs->glyphs[k].glyph == PANGO_GLYPH_EMPTY)
            c.num_glyphs--;
        if (c.num_glyphs != 1 || c.num_bytes != g_utf8_skip[(guchar) text[iter.start_index]])
          simple = FALSE;
        g_array_append_val (sh->clusters, c);
      }
    while (pango_glyph_item_iter_next_cluster (&iter));
  else
    simple = FALSE;
  if (simple && !r.backward)
    {
      /* The common case needs no stored clusters: one glyph per character. */
      g_array_set_size (sh->clusters, first_cluster);
      r.first_cluster = SIMPLE_CLUSTERS;
      r.n_clusters = r.n_glyphs;
    }
  else
    {
      r.first_cluster = first_cluster;
      r.n_clusters = sh->clusters->len - first_cluster;
    }
  g_array_append_val (sh->runs, r);
  return ok;
}

static Shape *
shaper_alloc (Shaper *sh)
{
  Shape *block;

  if (sh->n_shapes % SHAPE_BLOCK == 0)
    g_ptr_array_add (sh->blocks, g_new0 (Shape, SHAPE_BLOCK));
  block = g_ptr_array_index (sh->blocks, sh->blocks->len - 1);
  return &block[sh->n_shapes++ % SHAPE_BLOCK];
}

/* Lays out an interned text (shaper_intern) once; the result is shared by every later request
 * with the same text and settings. @width <= 0: no wrapping. */
static const Shape *
shape_text (Shaper *sh, const char *interned, double size, guint flags, TdAlign align,
            double width, double indent)
{
  Shape key = { 0 }, *s;
  PangoLayoutIter *iter;
  int w, h;

  key.source = interned;
  key.size = size;
  key.flags = flags;
  key.align = align;
  key.width = width > 0 ? width : -1;
  key.indent = indent;
  s = g_hash_table_lookup (sh->cache, &key);
  if (s != NULL)
    return s;

  s = shaper_alloc (sh);
  *s = key;
  setup_layout (sh->layout, shaper_font (sh, size, flags), interned, flags, align, width, indent);
  pango_layout_get_size (sh->layout, &w, &h);
  s->w = (double) w / PANGO_SCALE;
  s->h = (double) h / PANGO_SCALE;
  s->baseline = (double) pango_layout_get_baseline (sh->layout) / PANGO_SCALE;
  s->text = (flags & TD_TEXT_MARKUP) ? g_string_chunk_insert_const (sh->strings, pango_layout_get_text (sh->layout))
                                     : interned;
  s->first_line = sh->lines->len;

  /* The positions PangoRenderer draws at: each line at its logical x and its baseline, each
   * run after the widths of the runs before it. */
  iter = pango_layout_get_iter (sh->layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      Line l;
      GSList *r;
      gint32 x;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &l.y0, &l.y1);
      l.baseline = pango_layout_iter_get_baseline (iter);
      l.first_run = sh->runs->len;
      x = logical.x;
      for (r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;

          if (!shaper_add_run (sh, s->text, run, x))
            s->fallback = TRUE;
          x += pango_glyph_string_get_width (run->glyphs);
        }
      l.n_runs = sh->runs->len - l.first_run;
      g_array_append_val (sh->lines, l);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  s->n_lines = sh->lines->len - s->first_line;

  g_hash_table_add (sh->cache, s);
  return s;
}

/* ---- Drawing shaped text ---- */

/* Glyphs are handed to cairo in batches: all the consecutive runs in one font (a whole table
 * row, a whole paragraph) in one cairo_show_text_glyphs call, with their texts and clusters
 * joined. cairo's cost is mostly per call (recording, analysing and replaying each one for the
 * PDF), and the PDF operators come out the same. */
typedef struct
{
  cairo_t     *cr;
  Shaper      *shaper;
  GArray      *glyphs;    /* of cairo_glyph_t: the batch */
  GArray      *clusters;  /* of cairo_text_cluster_t */
  GString     *utf8;
  int          batch_font;
  int          font;      /* index of the scaled font set on cr, -1 for none yet */
  PangoLayout *layout;    /* for the fallback, created when first needed */
} Painter;

static void
painter_init (Painter *p, cairo_t *cr, Shaper *shaper)
{
  p->cr = cr;
  p->shaper = shaper;
  p->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  p->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  p->utf8 = g_string_new (NULL);
  p->batch_font = -1;
  p->font = -1;
  p->layout = NULL;
}

static void
painter_set_font (Painter *p, int font)
{
  if (p->font != font)
    {
      cairo_set_scaled_font (p->cr, g_ptr_array_index (p->shaper->scaled, font));
      p->font = font;
    }
}

static void
painter_flush (Painter *p)
{
  if (p->glyphs->len > 0)
    {
      painter_set_font (p, p->batch_font);
      cairo_show_text_glyphs (p->cr, p->utf8->str, p->utf8->len,
                              (const cairo_glyph_t *) (void *) p->glyphs->data, p->glyphs->len,
                              (const cairo_text_cluster_t *) (void *) p->clusters->data,
                              p->clusters->len, 0);
    }
  g_array_set_size (p->glyphs, 0);
  g_array_set_size (p->clusters, 0);
  g_string_truncate (p->utf8, 0);
  p->batch_font = -1;
}

static void
painter_clear (Painter *p)
{
  painter_flush (p);
  g_array_unref (p->glyphs);
  g_array_unref (p->clusters);
  g_string_free (p->utf8, TRUE);
  g_clear_object (&p->layout);
}

/* Pango draws a text with glyphs that no font has (as hex boxes): let it. */
static void
draw_shape_with_pango (Painter *p, const Shape *s, double x, double y, guint first, guint n)
{
  PangoLayoutIter *iter;
  double top = 0;
  guint i;

  painter_flush (p);
  if (p->layout == NULL)
    {
      PangoContext *context = pango_cairo_create_context (p->cr);

      configure_context (context);
      p->layout = pango_layout_new (context);
      g_object_unref (context);
    }
  setup_layout (p->layout, shaper_font (p->shaper, s->size, s->flags), s->source, s->flags,
                s->align, s->width, s->indent);
  /* The font set on cr is Pango's now. */
  p->font = -1;
  if (n == 0)
    {
      cairo_move_to (p->cr, x, y);
      pango_cairo_show_layout (p->cr, p->layout);
      return;
    }
  iter = pango_layout_get_iter (p->layout);
  for (i = 0; i < first; i++)
    if (!pango_layout_iter_next_line (iter))
      break;
  for (i = 0; i < n; i++)
    {
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (i == 0)
        top = (double) y0 / PANGO_SCALE;
      cairo_move_to (p->cr, x + (double) logical.x / PANGO_SCALE,
                     y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top);
      pango_cairo_show_layout_line (p->cr, pango_layout_iter_get_line_readonly (iter));
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);
}

/* Draws lines @first… (@n of them; 0: the whole text) of a shape with its top-left at (x, y);
 * a slice is drawn from the top of its first line. The glyphs are positioned exactly as
 * PangoCairoRenderer positions them. */
static void
draw_shape (Painter *p, const Shape *s, double x, double y, guint first, guint n)
{
  Shaper *sh = p->shaper;
  const Line *lines = &g_array_index (sh->lines, Line, s->first_line);
  gint32 top = 0;
  guint i, last;

  if (s->fallback)
    {
      draw_shape_with_pango (p, s, x, y, first, n);
      return;
    }
  if (n == 0)
    {
      first = 0;
      last = s->n_lines;
    }
  else
    {
      last = MIN (first + n, s->n_lines);
      if (first < s->n_lines)
        top = lines[first].y0;
    }

  for (i = first; i < last; i++)
    {
      const Line *line = &lines[i];
      guint k;

      for (k = 0; k < line->n_runs; k++)
        {
          const Run *run = &g_array_index (sh->runs, Run, line->first_run + k);
          const Glyph *g = &g_array_index (sh->glyphs, Glyph, run->first_glyph);
          const char *utf8 = s->text + run->text_offset;
          double base_x = x + (double) run->x / PANGO_SCALE;
          double base_y = y + (double) (line->baseline - top - run->y_offset) / PANGO_SCALE;
          cairo_glyph_t *cg;
          guint j, n_glyphs;

          if (run->n_glyphs == 0 && run->text_len == 0)
            continue;
          if (run->font != p->batch_font || run->backward)
            painter_flush (p);
          p->batch_font = run->font;

          n_glyphs = p->glyphs->len;
          g_array_set_size (p->glyphs, n_glyphs + run->n_glyphs);
          cg = &g_array_index (p->glyphs, cairo_glyph_t, n_glyphs);
          for (j = 0; j < run->n_glyphs; j++)
            {
              cg[j].index = g[j].index;
              cg[j].x = base_x + (double) g[j].x / PANGO_SCALE;
              cg[j].y = g[j].y == 0 ? base_y : base_y + (double) g[j].y / PANGO_SCALE;
            }
          if (run->first_cluster == SIMPLE_CLUSTERS)
            {
              const char *q = utf8;
              guint n_clusters = p->clusters->len;
              cairo_text_cluster_t *c;

              g_array_set_size (p->clusters, n_clusters + run->n_clusters);
              c = &g_array_index (p->clusters, cairo_text_cluster_t, n_clusters);
              for (j = 0; j < run->n_clusters; j++)
                {
                  c[j].num_bytes = g_utf8_skip[*(const guchar *) q];
                  c[j].num_glyphs = 1;
                  q += c[j].num_bytes;
                }
            }
          else
            g_array_append_vals (p->clusters, &g_array_index (sh->clusters, cairo_text_cluster_t, run->first_cluster),
                                 run->n_clusters);
          g_string_append_len (p->utf8, utf8, run->text_len);

          if (run->backward)
            {
              /* Backward clusters cannot join forward ones in one call. */
              painter_set_font (p, run->font);
              cairo_show_text_glyphs (p->cr, p->utf8->str, p->utf8->len,
                                      (const cairo_glyph_t *) (void *) p->glyphs->data, p->glyphs->len,
                                      (const cairo_text_cluster_t *) (void *) p->clusters->data,
                                      p->clusters->len, CAIRO_TEXT_CLUSTER_FLAG_BACKWARD);
              g_array_set_size (p->glyphs, 0);
              g_array_set_size (p->clusters, 0);
              g_string_truncate (p->utf8, 0);
              p->batch_font = -1;
            }
        }
    }
}

/* ---- Operations ---- */

typedef enum {
  OP_TEXT,   /* a shape at x, y; lines first_line.. (n_lines 0: all) */
  OP_LINE,   /* from (x, y) to (w, h) */
  OP_RECT,   /* stroked rectangle x, y, w, h */
  OP_GRID,   /* a table row's borders: vertical lines at edges[], bottom line; y, h */
} OpKind;

typedef struct
{
  guint8       kind;
  guint8       n_edges;
  guint16      n_lines;
  guint32      first_line;
  float        x, y, w, h;
  union {
    const Shape *shape;  /* OP_TEXT */
    const float *edges;  /* OP_GRID: the x positions of the column borders */
  };
} Op;

typedef struct
{
  GArray      *ops;     /* of Op */
  guint        number;  /* within its section, from 1 */
  const Shape *number_shape;  /* the page number in the top margin, from 2 on */
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
  guint    rows_on_page;
};

typedef struct
{
  guint row, column, rowspan, colspan;
  char *text;
} HeaderCell;

/* The last block of content (a paragraph, or a table row with its table's header on that page),
 * so that the signature block can take it along to a new page instead of standing alone. */
typedef struct
{
  gboolean valid;
  guint    page;
  guint    op_start;        /* the block's operations are op_start… of that page */
  double   top;             /* where the block starts */
  gboolean header;          /* a table row: the header operations to repeat */
  guint    header_start, header_end;
  double   header_top, header_bottom;
} Block;

struct _TdDocument
{
  GObject       parent_instance;

  double        width, height;
  GPtrArray    *pages;     /* of Page* */
  GPtrArray    *blobs;     /* edge arrays of tables */
  double        cursor;
  guint         section_page;

  Shaper       *shaper;
  TdTable      *table;     /* the table being laid out, for page breaks */
  Block         last;
  /* The header of the table on the current page, for Block. */
  guint         header_start, header_end;
  double        header_top, header_bottom;
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
  g_ptr_array_unref (self->blobs);
  shaper_free (self->shaper);

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
  self->blobs = g_ptr_array_new_with_free_func (g_free);
}

static Page *
current_page (TdDocument *self)
{
  g_assert (self->pages->len > 0);
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static void
emit (GArray *ops, const Op *op)
{
  g_array_append_vals (ops, op, 1);
}

static void
emit_shape (GArray *ops, const Shape *shape, double x, double y, guint first_line, guint n_lines)
{
  Op op = { 0 };

  op.kind = OP_TEXT;
  op.x = x;
  op.y = y;
  op.first_line = first_line;
  op.n_lines = n_lines;
  op.shape = shape;
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

/* The borders of table rows, all in one path: the vertical lines of consecutive rows as one
 * line each (a 10,000-row list would otherwise write 24 coordinates a row, and cairo spends
 * more time printing numbers into the PDF than anything else). */
static void
draw_grids (cairo_t *cr, GArray *ops)
{
  const Op *run = NULL;
  double run_bottom = 0;
  gboolean any = FALSE;
  guint i, e;

  for (i = 0; i <= ops->len; i++)
    {
      const Op *op = i < ops->len ? &g_array_index (ops, Op, i) : NULL;

      if (op != NULL && op->kind != OP_GRID)
        continue;
      if (op != NULL && run != NULL && op->edges == run->edges && op->n_edges == run->n_edges &&
          fabs (op->y - run_bottom) < 0.01)
        {
          run_bottom = op->y + op->h;
          continue;
        }
      /* The vertical borders of the rows run … run_bottom. */
      if (run != NULL)
        for (e = 0; e < run->n_edges; e++)
          {
            cairo_move_to (cr, run->edges[e], run->y);
            cairo_line_to (cr, run->edges[e], run_bottom);
          }
      if (op == NULL)
        break;
      run = op;
      run_bottom = op->y + op->h;
      any = TRUE;
    }
  if (!any)
    return;
  for (i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      if (op->kind != OP_GRID)
        continue;
      cairo_move_to (cr, op->edges[0], op->y + op->h);
      cairo_line_to (cr, op->edges[op->n_edges - 1], op->y + op->h);
    }
  cairo_set_line_width (cr, GRID_WIDTH);
  cairo_stroke (cr);
}

static void
draw_ops (Painter *p, GArray *ops)
{
  cairo_t *cr = p->cr;
  double line_width = -1;
  guint i;

  for (i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          draw_shape (p, op->shape, op->x, op->y, op->first_line, op->n_lines);
          break;
        case OP_LINE:
          painter_flush (p);
          if (line_width != RULE_WIDTH)
            cairo_set_line_width (cr, line_width = RULE_WIDTH);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_RECT:
          painter_flush (p);
          if (line_width != GRID_WIDTH)
            cairo_set_line_width (cr, line_width = GRID_WIDTH);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_GRID:
          break;
        default:
          g_assert_not_reached ();
        }
    }
  painter_flush (p);
  draw_grids (cr, ops);
}

void
td_document_draw_page (TdDocument *self, guint page_index, cairo_t *cr)
{
  Painter painter;
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

  painter_init (&painter, cr, self->shaper);
  draw_ops (&painter, page->ops);
  /* Page numbers from the second page of a section, centred in the top margin. */
  if (page->number_shape != NULL)
    draw_shape (&painter, page->number_shape, 0, (TD_MARGIN_TOP - page->number_shape->h) / 2.0, 0, 0);
  painter_clear (&painter);
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
  gboolean existed;
  guint i;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* g_file_replace writes beside an existing file and renames on close, so a failed export
   * leaves it untouched; a new file is written in place, so a failure deletes it below. */
  file = g_file_new_for_path (path);
  existed = g_file_query_exists (file, NULL);
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
      if (!existed)
        g_file_delete (file, NULL, NULL);
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, TD_ERROR, TD_ERROR_CANCELLED, _("Export cancelled"));
      else
        g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      if (!existed)
        g_file_delete (file, NULL, NULL);
      g_set_error (error, TD_ERROR, TD_ERROR_IO, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- Pages ---- */

static const Shape *
shape_number (TdDocument *self, guint number)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", number);
  return shape_text (self->shaper, shaper_intern (self->shaper, text), 13.0, 0, TD_ALIGN_CENTER,
                     self->width, 0);
}

static void
add_page (TdDocument *self, gboolean new_section)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  self->section_page = new_section || self->pages->len == 0 ? 1 : self->section_page + 1;
  page->number = self->section_page;
  if (page->number >= 2)
    page->number_shape = shape_number (self, page->number);
  g_ptr_array_add (self->pages, page);
  self->cursor = TD_MARGIN_TOP;
}

TdDocument *
td_document_new (gboolean landscape)
{
  TdDocument *self = g_object_new (TD_TYPE_DOCUMENT, NULL);

  self->width = landscape ? TD_PAGE_A4_HEIGHT : TD_PAGE_A4_WIDTH;
  self->height = landscape ? TD_PAGE_A4_WIDTH : TD_PAGE_A4_HEIGHT;
  self->shaper = shaper_new (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
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

/* Remembers the block whose operations start at @op_start on the current page, at @top. */
static void
mark_block (TdDocument *self, guint op_start, double top, gboolean table_row)
{
  self->last.valid = TRUE;
  self->last.page = self->pages->len - 1;
  self->last.op_start = op_start;
  self->last.top = top;
  self->last.header = table_row;
  if (table_row)
    {
      self->last.header_start = self->header_start;
      self->last.header_end = self->header_end;
      self->last.header_top = self->header_top;
      self->last.header_bottom = self->header_bottom;
    }
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
  const Shape *s;
  const Line *lines;
  double width, slice_top = 0;
  guint line = 0, first = 0;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  width = text_width (self);
  s = shape_text (self->shaper, shaper_intern (self->shaper, text), size, flags, align, width, indent);

  /* Whole paragraph fits: one operation. */
  if (self->cursor + s->h <= bottom (self) + 0.01)
    {
      GArray *ops = current_page (self)->ops;

      mark_block (self, ops->len, self->cursor, FALSE);
      emit_shape (ops, s, TD_MARGIN_LEFT, self->cursor, 0, 0);
      self->cursor += s->h;
      td_document_add_space (self, space_after);
      return;
    }

  /* Otherwise cut between lines. */
  lines = &g_array_index (self->shaper->lines, Line, s->first_line);
  while (line < s->n_lines)
    {
      double y0 = (double) lines[line].y0 / PANGO_SCALE, y1 = (double) lines[line].y1 / PANGO_SCALE;

      if (line == first)
        slice_top = y0;
      if (self->cursor + y1 - slice_top > bottom (self) + 0.01)
        {
          if (line > first)
            {
              emit_shape (current_page (self)->ops, s, TD_MARGIN_LEFT, self->cursor, first, line - first);
              first = line;
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
      line++;
      if (line == s->n_lines)
        {
          GArray *ops = current_page (self)->ops;

          mark_block (self, ops->len, self->cursor, FALSE);
          emit_shape (ops, s, TD_MARGIN_LEFT, self->cursor, first, line - first);
          self->cursor += y1 - slice_top;
        }
    }
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
column_text (GArray *ops, Shaper *sh, const char *interned, double size, guint flags,
             double x, double y, double width, double *max_line_width, double *baseline)
{
  const Shape *s = shape_text (sh, interned, size, flags, TD_ALIGN_CENTER, width, 0);

  if (max_line_width != NULL)
    *max_line_width = s->w;
  if (baseline != NULL)
    *baseline = s->baseline;
  if (ops != NULL)
    emit_shape (ops, s, x, y, 0, 0);
  return s->h;
}

static const char *
intern_upper (Shaper *sh, const char *s)
{
  g_autofree char *upper = g_utf8_strup (s, -1);

  return shaper_intern (sh, upper);
}

static double
layout_admin_header (GArray *ops, Shaper *sh, const TdAdminHeader *header, double x, double y,
                     double width)
{
  double left_w = width * 6.8 / 16.8;
  double right_x = x + left_w, right_w = width - left_w;
  double ly = y, ry = y, line_w, h, baseline_left, baseline_right, so_h, date_h;
  double so_top, date_top, date_baseline = 0, so_baseline = 0;
  g_autofree char *so_text = NULL;
  const char *so = NULL, *date = NULL;

  /* Left column: superior body, issuing body, a short rule, the number. */
  if (header->superior != NULL && *header->superior != '\0')
    ly += column_text (ops, sh, intern_upper (sh, header->superior), 13.0, 0, x, ly, left_w, NULL, NULL);
  if (header->issuer != NULL && *header->issuer != '\0')
    {
      h = column_text (ops, sh, intern_upper (sh, header->issuer), 13.0, TD_TEXT_BOLD,
                       x, ly, left_w, &line_w, NULL);
      ly += h + 3.0;
      /* The rule under the issuing body: 1/3 to 1/2 of the name's width (documents.md). */
      if (ops != NULL)
        emit_line (ops, x + left_w / 2 - line_w * 0.2, ly, x + left_w / 2 + line_w * 0.2, ly);
      ly += 6.0;
    }
  so_text = g_strdup_printf ("Số: %s", header->number != NULL ? header->number : "");
  so = shaper_intern (sh, so_text);
  so_h = column_text (NULL, sh, so, 13.0, 0, x, ly, left_w, NULL, &so_baseline);

  /* Right column: Quốc hiệu (12 pt: at 13 pt it is wider than the 10 cm column), Tiêu ngữ with
   * a rule as long as the text, then the place and date. */
  ry += column_text (ops, sh, shaper_intern (sh, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12.0,
                     TD_TEXT_BOLD, right_x, ry, right_w, NULL, NULL);
  h = column_text (ops, sh, shaper_intern (sh, "Độc lập - Tự do - Hạnh phúc"), 14.0,
                   TD_TEXT_BOLD, right_x, ry, right_w, &line_w, NULL);
  ry += h + 2.5;
  if (ops != NULL)
    emit_line (ops, right_x + right_w / 2 - line_w / 2, ry, right_x + right_w / 2 + line_w / 2, ry);
  ry += 6.0;

  if (header->place_date != NULL && *header->place_date != '\0')
    date = shaper_intern (sh, header->place_date);
  date_h = date != NULL ? column_text (NULL, sh, date, 14.0, TD_TEXT_ITALIC, right_x, ry,
                                       right_w, NULL, &date_baseline) : 0;

  /* The number and the place-date share a baseline. */
  baseline_left = ly + so_baseline;
  baseline_right = ry + date_baseline;
  so_top = MAX (baseline_left, baseline_right) - so_baseline;
  date_top = MAX (baseline_left, baseline_right) - date_baseline;
  if (ops != NULL)
    {
      column_text (ops, sh, so, 13.0, 0, x, so_top, left_w, NULL, NULL);
      if (date != NULL)
        column_text (ops, sh, date, 14.0, TD_TEXT_ITALIC, right_x, date_top, right_w, NULL, NULL);
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
  h = layout_admin_header (current_page (self)->ops, self->shaper, header, x, self->cursor, w);
  self->cursor += h + 18.0;
  self->last.valid = FALSE;
}

double
td_document_draw_admin_header (cairo_t *cr, const TdAdminHeader *header, double x, double y, double width)
{
  g_autoptr(GArray) ops = NULL;
  Shaper *sh;
  Painter painter;
  double h;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (header != NULL, 0);

  /* Laid out for this cairo context's target, as Pango would for a layout drawn on it. */
  sh = shaper_new (pango_cairo_create_context (cr));
  ops = g_array_new (FALSE, FALSE, sizeof (Op));
  h = layout_admin_header (ops, sh, header, x, y, width);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  painter_init (&painter, cr, sh);
  draw_ops (&painter, ops);
  painter_clear (&painter);
  cairo_restore (cr);
  shaper_free (sh);
  return h;
}

void
td_document_add_title (TdDocument *self, const char *type, const char *subject)
{
  Shaper *sh;
  GArray *ops;
  double x = TD_MARGIN_LEFT, w = text_width (self), h, line_w = 0, rule;
  const char *t = NULL, *s = NULL;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  sh = self->shaper;
  /* Measure first so that the title block is never split. */
  h = 0;
  if (type != NULL && *type != '\0')
    {
      t = intern_upper (sh, type);
      h += column_text (NULL, sh, t, 14.0, TD_TEXT_BOLD, x, 0, w, &line_w, NULL);
    }
  if (subject != NULL && *subject != '\0')
    {
      s = shaper_intern (sh, subject);
      h += column_text (NULL, sh, s, 14.0, TD_TEXT_BOLD, x, 0, w * 0.85, &line_w, NULL);
    }
  if (self->cursor + h + 8.0 > bottom (self))
    td_document_new_page (self);

  ops = current_page (self)->ops;
  if (t != NULL)
    self->cursor += column_text (ops, sh, t, 14.0, TD_TEXT_BOLD, x, self->cursor, w, NULL, NULL);
  if (s != NULL)
    self->cursor += column_text (ops, sh, s, 14.0, TD_TEXT_BOLD, x + w * 0.075,
                                 self->cursor, w * 0.85, NULL, NULL);
  /* A short rule under the subject: a third of its width, between 2.5 and 5 cm. */
  rule = CLAMP (line_w / 3.0, TD_MM (25), TD_MM (50));
  self->cursor += 3.0;
  emit_line (ops, x + w / 2 - rule / 2, self->cursor, x + w / 2 + rule / 2, self->cursor);
  self->cursor += 15.0;
  self->last.valid = FALSE;
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
  self->last.valid = FALSE;
}

void
td_document_add_draft_mark (TdDocument *self)
{
  const Shape *s;
  GArray *ops;
  double x, y;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  ops = current_page (self)->ops;
  s = shape_text (self->shaper, shaper_intern (self->shaper, "DỰ THẢO"), 13.0, TD_TEXT_BOLD,
                  TD_ALIGN_LEFT, -1, 0);
  x = self->width - TD_MARGIN_RIGHT - s->w - 6.0;
  y = TD_MM (8);
  emit_shape (ops, s, x, y, 0, 0);
  emit_rect (ops, x - 4.0, y - 2.0, s->w + 8.0, s->h + 4.0);
  self->last.valid = FALSE;
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
  Shaper *sh = self->shaper;
  double w = text_width (self);
  double left_x = TD_MARGIN_LEFT, left_w = w * 0.52;
  double right_w = w * 0.48, right_x = TD_MARGIN_LEFT + w - right_w;
  double ly = y, ry = y;
  const char *lines[3] = { sig->authority, sig->deputy, sig->title };
  const Shape *s;
  guint i;

  s = shape_text (sh, shaper_intern (sh, "Nơi nhận:"), 12.0, TD_TEXT_BOLD | TD_TEXT_ITALIC,
                  TD_ALIGN_LEFT, left_w, 0);
  if (ops != NULL)
    emit_shape (ops, s, left_x, ly, 0, 0);
  ly += s->h;
  for (i = 0; i < recipients->len; i++)
    {
      s = shape_text (sh, shaper_intern (sh, g_ptr_array_index (recipients, i)), 11.0, 0,
                      TD_ALIGN_LEFT, left_w, 0);
      if (ops != NULL)
        emit_shape (ops, s, left_x, ly, 0, 0);
      ly += s->h;
    }

  for (i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i] != NULL && *lines[i] != '\0')
      ry += column_text (ops, sh, intern_upper (sh, lines[i]), 14.0, TD_TEXT_BOLD, right_x, ry,
                         right_w, NULL, NULL);
  /* Room for the signature and the seal. */
  ry += TD_MM (25);
  if (sig->name != NULL && *sig->name != '\0')
    ry += column_text (ops, sh, shaper_intern (sh, sig->name), 14.0, TD_TEXT_BOLD, right_x, ry,
                       right_w, NULL, NULL);
  return MAX (ly, ry) - y;
}

static void
shift_ops (GArray *to, const Op *ops, guint n, double dy)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      Op op = ops[i];

      op.y += dy;
      /* A line's end point is (w, h). */
      if (op.kind == OP_LINE)
        op.h += dy;
      emit (to, &op);
    }
}

/* The signature block does not fit under the content: rather than let it stand alone on the
 * next page, take the last paragraph or table row along (with the table's header), as official
 * documents do. @entry is the cursor before the space above the signature, @needed the height
 * from there to the end of the signature. Returns FALSE (nothing changed) when that cannot
 * help: the block is the first on its page, or it and the signature do not fit a page. */
static gboolean
move_last_block (TdDocument *self, double entry, double needed)
{
  Block *b = &self->last;
  Page *old, *page;
  double start, dy;

  if (!b->valid || b->page != self->pages->len - 1)
    return FALSE;
  old = current_page (self);
  if (b->op_start >= old->ops->len)
    return FALSE;
  /* Moving a block that opens its page (or the first row under a repeated header) would only
   * leave an empty page behind. */
  if (b->top <= (b->header ? b->header_bottom : TD_MARGIN_TOP) + 0.01)
    return FALSE;
  start = TD_MARGIN_TOP + (b->header ? b->header_bottom - b->header_top : 0);
  if (start + (entry - b->top) + needed > bottom (self) + 0.01)
    return FALSE;

  add_page (self, FALSE);
  page = current_page (self);
  if (b->header)
    shift_ops (page->ops, &g_array_index (old->ops, Op, b->header_start), b->header_end - b->header_start,
               TD_MARGIN_TOP - b->header_top);
  dy = start - b->top;
  shift_ops (page->ops, &g_array_index (old->ops, Op, b->op_start), old->ops->len - b->op_start, dy);
  g_array_set_size (old->ops, b->op_start);
  self->cursor = entry + dy;
  b->valid = FALSE;
  return TRUE;
}

void
td_document_add_signature (TdDocument *self, const TdSignature *signature, const char * const *recipients)
{
  g_autoptr(GPtrArray) lines = NULL;
  TdSignature empty = { 0 };
  double h, entry, gap;

  g_return_if_fail (TD_IS_DOCUMENT (self));

  if (signature == NULL)
    signature = &empty;
  lines = normalize_recipients (recipients);
  entry = self->cursor;
  gap = at_page_top (self) ? 0 : 6.0;
  self->cursor += gap;
  h = layout_signature (self, NULL, signature, lines, self->cursor);
  if (self->cursor + h > bottom (self) && !at_page_top (self))
    {
      if (move_last_block (self, entry, 6.0 + h))
        self->cursor += 6.0;
      else
        td_document_new_page (self);
    }
  h = layout_signature (self, current_page (self)->ops, signature, lines, self->cursor);
  self->cursor += h;
  self->last.valid = FALSE;
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

static const Shape *
shape_cell (TdDocument *self, const char *interned, double size, guint flags, TdAlign align, double width)
{
  return shape_text (self->shaper, interned, size, flags, align, width - 2 * CELL_PAD_X, 0);
}

static void
table_emit_header (TdDocument *self, TdTable *table)
{
  g_autofree double *row_h = NULL;
  g_autofree double *row_y = NULL;
  g_autofree const Shape **shapes = NULL;
  GArray *ops = current_page (self)->ops;
  guint i, r;

  self->header_start = self->header_end = ops->len;
  self->header_top = self->header_bottom = self->cursor;
  table->rows_on_page = 0;
  if (table->n_header_rows == 0)
    return;

  row_h = g_new0 (double, table->n_header_rows);
  row_y = g_new0 (double, table->n_header_rows + 1);
  shapes = g_new0 (const Shape *, table->header->len);
  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);

      shapes[i] = shape_cell (self, shaper_intern (self->shaper, c->text), table->font_size,
                              TD_TEXT_BOLD, TD_ALIGN_CENTER, span_width (table, c->column, c->colspan));
    }
  /* Single-row cells set their row's height; a taller spanning cell stretches its last row. */
  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);
      double h = shapes[i]->h + 2 * CELL_PAD_Y;

      if (c->rowspan == 1)
        row_h[c->row] = MAX (row_h[c->row], h);
    }
  for (i = 0; i < table->header->len; i++)
    {
      HeaderCell *c = &g_array_index (table->header, HeaderCell, i);
      double h = shapes[i]->h + 2 * CELL_PAD_Y;
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

      emit_rect (ops, x, y, w, h);
      if (*c->text != '\0')
        emit_shape (ops, shapes[i], x + CELL_PAD_X, y + (h - shapes[i]->h) / 2, 0, 0);
    }
  self->cursor = row_y[table->n_header_rows];
  self->header_end = ops->len;
  self->header_bottom = self->cursor;
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

  self->table = table;
  self->last.valid = FALSE;
  /* The header and at least one row together; roughly three lines of room. */
  if (td_document_get_room (self) < table->font_size * 4 * (table->n_header_rows + 1) && !at_page_top (self))
    add_page (self, FALSE);
  table_emit_header (self, table);
}

void
td_document_add_table_row (TdDocument *self, TdTable *table, const char * const *cells)
{
  double row_h = 0;
  GArray *ops;
  Op grid = { 0 };
  guint i;
  const Shape *shapes[255];

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (table != NULL && self->table == table);

  /* Values repeat down a column (units, positions, ethnicities, years): the shape cache lays
   * each out once. */
  for (i = 0; i < table->n_columns; i++)
    {
      const char *text = cells[i] != NULL ? cells[i] : "";

      shapes[i] = NULL;
      if (*text == '\0')
        continue;
      shapes[i] = shape_cell (self, shaper_intern (self->shaper, text), table->font_size, 0,
                              table->aligns[i], table->widths[i]);
      row_h = MAX (row_h, shapes[i]->h);
    }
  if (row_h == 0)
    row_h = table->font_size * 1.15;
  row_h += 2 * CELL_PAD_Y;

  /* Never cut a row: start a new page (with the header again) unless the row alone is taller
   * than a page, which cannot be helped. */
  if (self->cursor + row_h > bottom (self) + 0.01)
    {
      td_document_new_page (self);
      if (self->cursor + row_h > bottom (self))
        g_warning ("A table row is taller than a page (%.0f pt)", row_h);
    }

  ops = current_page (self)->ops;
  if (table->rows_on_page > 0)
    mark_block (self, ops->len, self->cursor, TRUE);
  else
    self->last.valid = FALSE;
  for (i = 0; i < table->n_columns; i++)
    if (shapes[i] != NULL)
      emit_shape (ops, shapes[i], table->edges[i] + CELL_PAD_X, self->cursor + CELL_PAD_Y, 0, 0);
  grid.kind = OP_GRID;
  grid.y = self->cursor;
  grid.h = row_h;
  grid.n_edges = table->n_columns + 1;
  grid.edges = table->edges;
  emit (ops, &grid);
  self->cursor += row_h;
  table->rows_on_page++;
}

void
td_document_end_table (TdDocument *self, TdTable *table)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (table != NULL && self->table == table);

  self->table = NULL;
  table->edges = NULL;  /* owned by the document */
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
