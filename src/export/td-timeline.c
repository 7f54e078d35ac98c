/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-timeline"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "td-date.h"
#include "td-document.h"
#include "td-error.h"
#include "td-rules.h"
#include "td-timeline.h"

/* Styles */

static TdTimelineColor
rgb (guint32 hex, double alpha)
{
  return (TdTimelineColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                             (hex & 0xff) / 255.0, alpha };
}

void
td_timeline_style_init_light (TdTimelineStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = rgb (0xffffff, 1);
  style->foreground = rgb (0x1e1e1e, 1);
  style->dim = rgb (0x5e5c64, 1);
  style->grid = rgb (0x000000, 0.08);
  style->grid_strong = rgb (0x000000, 0.25);
  style->axis_fill[0] = rgb (0xf0f0f0, 1);
  style->axis_fill[1] = rgb (0xe2e2e2, 1);
  style->group_fill = rgb (0x000000, 0.06);
  style->window_fill[TD_WINDOW_GRASSROOTS] = rgb (0x99ddff, 0.7);
  style->window_fill[TD_WINDOW_UPPER] = rgb (0xbbcc33, 0.55);
  style->window_fill[TD_WINDOW_PILOT] = rgb (0xee8866, 0.55);
  style->window_fill[TD_WINDOW_PROVINCE] = rgb (0xaaaa00, 0.45);
  for (guint i = 0; i < TD_N_WINDOWS; i++)
    {
      style->window_tint[i] = style->window_fill[i];
      style->window_tint[i].alpha = 0.16;
    }
  style->milestone = rgb (0x332288, 1);
  style->commemoration = rgb (0xaa4499, 1);
  style->today = rgb (0x117733, 1);
  /* Paul Tol, high contrast: blue, yellow, red; distinct in greyscale by lightness. */
  style->fine = rgb (0x004488, 1);
  style->warning = rgb (0xddaa33, 1);
  style->error = rgb (0xbb5566, 1);
  style->unknown = rgb (0x77767b, 1);
  style->focus = rgb (0x3584e4, 1);
  style->font_family = "Sans";
}

void
td_timeline_style_init_dark (TdTimelineStyle *style)
{
  g_return_if_fail (style != NULL);

  td_timeline_style_init_light (style);
  style->background = rgb (0x242424, 1);
  style->foreground = rgb (0xffffff, 1);
  style->dim = rgb (0xc0bfbc, 1);
  style->grid = rgb (0xffffff, 0.08);
  style->grid_strong = rgb (0xffffff, 0.25);
  style->axis_fill[0] = rgb (0x303030, 1);
  style->axis_fill[1] = rgb (0x3d3d3d, 1);
  style->group_fill = rgb (0xffffff, 0.07);
  for (guint i = 0; i < TD_N_WINDOWS; i++)
    {
      style->window_fill[i].alpha = 0.45;
      style->window_tint[i].alpha = 0.12;
    }
  style->milestone = rgb (0x9988ee, 1);
  style->commemoration = rgb (0xee99cc, 1);
  style->today = rgb (0x44bb99, 1);
  /* Paul Tol, medium contrast, light members: readable on a dark background. */
  style->fine = rgb (0x6699cc, 1);
  style->warning = rgb (0xeecc66, 1);
  style->error = rgb (0xee99aa, 1);
  style->unknown = rgb (0x9a9996, 1);
  style->focus = rgb (0x78aeed, 1);
}

void
td_timeline_style_init_paper (TdTimelineStyle *style)
{
  g_return_if_fail (style != NULL);

  td_timeline_style_init_light (style);
  style->foreground = rgb (0x000000, 1);
  style->dim = rgb (0x404040, 1);
  style->grid = rgb (0x000000, 0.15);
  style->grid_strong = rgb (0x000000, 0.45);
  style->font_family = "Times New Roman";
}

const TdTimelineColor *
td_timeline_style_severity_color (const TdTimelineStyle *style,
                                  TdTimelineSeverity     severity)
{
  g_return_val_if_fail (style != NULL, NULL);

  switch (severity)
    {
    case TD_TIMELINE_SEVERITY_ERROR:   return &style->error;
    case TD_TIMELINE_SEVERITY_WARNING: return &style->warning;
    case TD_TIMELINE_SEVERITY_FINE:    return &style->fine;
    case TD_TIMELINE_SEVERITY_UNKNOWN:
    default:                           return &style->unknown;
    }
}

static void
set_color (cairo_t *cr, const TdTimelineColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* Text: one PangoLayout per drawing call, reused for every string. Sizes are absolute (device
 * units), so the 96-dpi assumption of pangocairo never applies, on screen or on paper. */

typedef struct
{
  PangoLayout          *layout;
  PangoFontDescription *font;
  double                size;
} Text;

static void
text_init (Text *t, cairo_t *cr, const char *family, double size)
{
  t->layout = pango_cairo_create_layout (cr);
  /* Not from_string: it would read "Roman" of "Times New Roman" as a style. */
  t->font = pango_font_description_new ();
  pango_font_description_set_family (t->font, family ? family : "Sans");
  t->size = size;

  /* On paper, hinted metrics space bold letters apart: lay out with the font's own metrics. */
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (pango_layout_get_context (t->layout), options);
      pango_layout_context_changed (t->layout);
      cairo_font_options_destroy (options);
    }
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
  g_clear_pointer (&t->font, pango_font_description_free);
}

static void
text_set (Text *t, const char *text, double scale, PangoWeight weight, PangoStyle slant,
          double max_width, PangoAlignment align, gboolean wrap)
{
  pango_font_description_set_absolute_size (t->font, t->size * scale * PANGO_SCALE);
  pango_font_description_set_weight (t->font, weight);
  pango_font_description_set_style (t->font, slant);
  pango_layout_set_font_description (t->layout, t->font);
  pango_layout_set_alignment (t->layout, align);
  if (max_width > 0)
    {
      pango_layout_set_width (t->layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (t->layout, wrap ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
      pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
    }
  else
    {
      pango_layout_set_width (t->layout, -1);
      pango_layout_set_ellipsize (t->layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_text (t->layout, text, -1);
}

static double
text_width (Text *t, const char *text, double scale, PangoWeight weight)
{
  PangoRectangle logical;

  text_set (t, text, scale, weight, PANGO_STYLE_NORMAL, -1, PANGO_ALIGN_LEFT, FALSE);
  pango_layout_get_extents (t->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Draws one line of text vertically centred on @cy; returns its width. */
static double
draw_text (Text *t, cairo_t *cr, const char *text, double x, double cy, double max_width,
           double scale, PangoWeight weight, PangoAlignment align)
{
  PangoRectangle logical;

  if (text == NULL || *text == '\0' || (max_width >= 0 && max_width < 4))
    return 0;
  text_set (t, text, scale, weight, PANGO_STYLE_NORMAL, max_width, align, FALSE);
  pango_layout_get_extents (t->layout, NULL, &logical);
  cairo_move_to (cr, x, cy - (double) logical.height / PANGO_SCALE / 2.0);
  pango_cairo_show_layout (cr, t->layout);
  return (double) logical.width / PANGO_SCALE;
}

/* Markers */

static void
draw_marker (cairo_t *cr, double x, double y, double r, TdTimelineSeverity severity,
             gboolean pilot, const TdTimelineStyle *style)
{
  double line = MAX (1.0, r * 0.14);

  cairo_new_path (cr);
  if (pilot)
    {
      cairo_arc (cr, x, y, r * 1.4, 0, 2 * G_PI);
      set_color (cr, &style->foreground);
      cairo_set_line_width (cr, MAX (1.0, r * 0.2));
      cairo_stroke (cr);
    }

  cairo_set_line_width (cr, line);
  switch (severity)
    {
    case TD_TIMELINE_SEVERITY_ERROR:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.0, y);
      cairo_line_to (cr, x, y + r * 1.15);
      cairo_line_to (cr, x - r * 1.0, y);
      cairo_close_path (cr);
      set_color (cr, &style->error);
      cairo_fill_preserve (cr);
      set_color (cr, &style->foreground);
      cairo_stroke (cr);
      /* "!" in the background colour */
      set_color (cr, &style->background);
      cairo_rectangle (cr, x - r * 0.11, y - r * 0.6, r * 0.22, r * 0.72);
      cairo_fill (cr);
      cairo_arc (cr, x, y + r * 0.42, r * 0.13, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case TD_TIMELINE_SEVERITY_WARNING:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r * 1.05, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.05, y + r * 0.8);
      cairo_close_path (cr);
      set_color (cr, &style->warning);
      cairo_fill_preserve (cr);
      set_color (cr, &style->foreground);
      cairo_stroke (cr);
      break;

    case TD_TIMELINE_SEVERITY_FINE:
      cairo_arc (cr, x, y, r * 0.85, 0, 2 * G_PI);
      set_color (cr, &style->fine);
      cairo_fill_preserve (cr);
      set_color (cr, &style->foreground);
      cairo_stroke (cr);
      break;

    case TD_TIMELINE_SEVERITY_UNKNOWN:
    default:
      cairo_arc (cr, x, y, r * 0.8, 0, 2 * G_PI);
      set_color (cr, &style->background);
      cairo_fill_preserve (cr);
      set_color (cr, &style->unknown);
      cairo_set_line_width (cr, r * 0.3);
      cairo_stroke (cr);
      break;
    }
}

static void
draw_due_tick (cairo_t *cr, double x, double y, double r, TdTimelineDueState state,
               const TdTimelineStyle *style)
{
  cairo_new_path (cr);
  if (state == TD_TIMELINE_DUE_OVERDUE)
    {
      set_color (cr, &style->warning);
      cairo_set_line_width (cr, MAX (2.0, r * 0.35));
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_stroke (cr);
      /* a cross bar: overdue reads without colour too */
      set_color (cr, &style->foreground);
      cairo_set_line_width (cr, MAX (1.0, r * 0.15));
      cairo_move_to (cr, x - r * 0.5, y - r * 0.5);
      cairo_line_to (cr, x + r * 0.5, y + r * 0.5);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, state == TD_TIMELINE_DUE_COMPLETE ? &style->fine : &style->dim);
      cairo_set_line_width (cr, MAX (1.0, r * 0.2));
      cairo_move_to (cr, x, y - r * 0.8);
      cairo_line_to (cr, x, y + r * 0.8);
      cairo_stroke (cr);
    }
}

static void
draw_star (cairo_t *cr, double x, double y, double r)
{
  cairo_new_path (cr);
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double rr = i % 2 == 0 ? r : r * 0.42;

      if (i == 0)
        cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
      else
        cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
    }
  cairo_close_path (cr);
}

static void
draw_flag (cairo_t *cr, double x, double y, double h, const TdTimelineStyle *style)
{
  cairo_new_path (cr);
  set_color (cr, &style->milestone);
  cairo_rectangle (cr, x - 1, y - h / 2, 2, h);
  cairo_fill (cr);
  cairo_move_to (cr, x + 1, y - h / 2);
  cairo_line_to (cr, x + 1 + h * 0.55, y - h / 2 + h * 0.22);
  cairo_line_to (cr, x + 1, y - h / 2 + h * 0.44);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Content */

static guint
first_row_from (TdTimelineLayout *layout, double y)
{
  guint lo = 0, hi = td_timeline_layout_get_n_rows (layout);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, mid);

      if (row->y + row->height <= y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
first_item_from (const TdTimelineItem * const *items, guint n, double x)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (items[mid]->x < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
draw_axis (TdTimelineLayout *layout, cairo_t *cr, Text *t, double vx0, double vx1,
           const TdTimelineStyle *style)
{
  const TdTimelineTick *ticks;
  double axis_h = td_timeline_layout_get_axis_height (layout);
  double qh = axis_h * 0.5;
  guint n;

  ticks = td_timeline_layout_get_quarters (layout, &n);
  for (guint i = 0; i < n; i++)
    {
      const TdTimelineTick *q = &ticks[i];
      double a = MAX (q->x0, vx0), b = MIN (q->x1, vx1);
      double w;
      const char *label;

      if (b <= a)
        continue;
      set_color (cr, &style->axis_fill[(q->year * 4 + q->number) % 2]);
      cairo_rectangle (cr, q->x0, 0, q->x1 - q->x0, qh);
      cairo_fill (cr);
      /* The label stays in the visible part of its band while scrolling. */
      label = q->label;
      w = b - a;
      if (text_width (t, label, 1.0, PANGO_WEIGHT_BOLD) + 6 > w)
        label = q->short_label;
      set_color (cr, &style->foreground);
      draw_text (t, cr, label, a, qh / 2, w, 1.0, PANGO_WEIGHT_BOLD, PANGO_ALIGN_CENTER);
    }

  ticks = td_timeline_layout_get_months (layout, &n);
  for (guint i = 0; i < n; i++)
    {
      const TdTimelineTick *m = &ticks[i];
      double w = m->x1 - m->x0;
      const char *label;

      if (m->x1 < vx0 || m->x0 > vx1)
        continue;
      set_color (cr, &style->axis_fill[0]);
      cairo_rectangle (cr, m->x0, qh, w, axis_h - qh);
      cairo_fill (cr);
      /* Like the quarters, the label stays in the visible part of a wide month; the short
       * form is chosen from the whole month, so that it does not flicker while scrolling. */
      label = m->label;
      if (text_width (t, label, 0.9, PANGO_WEIGHT_NORMAL) + 4 > w)
        label = m->short_label;
      if (text_width (t, label, 0.9, PANGO_WEIGHT_NORMAL) + 2 > w)
        label = NULL;
      set_color (cr, &style->foreground);
      draw_text (t, cr, label, MAX (m->x0, vx0), qh + (axis_h - qh) / 2,
                 MIN (m->x1, vx1) - MAX (m->x0, vx0), 0.9, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER);
      set_color (cr, &style->grid_strong);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, m->x0, qh);
      cairo_line_to (cr, m->x0, axis_h);
      cairo_stroke (cr);
    }

  set_color (cr, &style->grid_strong);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, vx0, qh);
  cairo_line_to (cr, vx1, qh);
  cairo_move_to (cr, vx0, axis_h);
  cairo_line_to (cr, vx1, axis_h);
  cairo_stroke (cr);
}

static void
draw_milestone (TdTimelineLayout *layout, cairo_t *cr, Text *t, const TdTimelineItem *item,
                const TdTimelineStyle *style)
{
  double rh = td_timeline_layout_get_row_height (layout);
  double ppd = td_timeline_layout_get_pixels_per_day (layout);
  double bar_w = item->x_end - item->x;
  double label_x, max_w, tw;
  g_autofree char *label = g_strdup_printf ("%s %s", item->id ? item->id : "",
                                            item->detail ? item->detail : "");

  if (item->end > item->date || bar_w > rh * 0.8)
    {
      cairo_rectangle (cr, item->x, item->y - rh * 0.3, bar_w, rh * 0.6);
      set_color (cr, &style->milestone);
      cairo_save (cr);
      cairo_set_source_rgba (cr, style->milestone.red, style->milestone.green,
                             style->milestone.blue, 0.22);
      cairo_fill_preserve (cr);
      cairo_restore (cr);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  else
    {
      draw_flag (cr, item->x + ppd / 2, item->y, rh * 0.7, style);
      bar_w = ppd / 2 + rh * 0.45;
    }

  tw = text_width (t, label, 0.9, PANGO_WEIGHT_NORMAL);
  if (tw + 8 <= bar_w && item->end > item->date)
    {
      label_x = item->x + 4;
      max_w = bar_w - 6;
    }
  else
    {
      label_x = item->x + bar_w + 3;
      max_w = item->bounds.x + item->bounds.width - label_x;
    }
  set_color (cr, &style->foreground);
  draw_text (t, cr, label, label_x, item->y, MAX (max_w, 0), 0.9, PANGO_WEIGHT_NORMAL,
             PANGO_ALIGN_LEFT);
}

static void
draw_windows (TdTimelineLayout *layout, cairo_t *cr, Text *t, double vx0, double vx1,
              const TdTimelineStyle *style)
{
  const TdTimelineWindowBand *bands;
  guint n;

  bands = td_timeline_layout_get_windows (layout, &n);
  for (guint i = 0; i < n; i++)
    {
      const TdTimelineWindowBand *b = &bands[i];
      double a = MAX (b->x0, vx0), e = MIN (b->x1, vx1);

      if (e <= a)
        continue;
      set_color (cr, &style->window_fill[b->window]);
      cairo_rectangle (cr, b->x0, b->y, b->x1 - b->x0, b->height);
      cairo_fill (cr);
      set_color (cr, &style->foreground);
      draw_text (t, cr, b->label, a + 2, b->y + b->height / 2, e - a - 4, 0.85,
                 PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER);
    }
}

static void
draw_row_items (TdTimelineLayout *layout, cairo_t *cr, Text *t, guint row_index,
                double vx0, double vx1, const TdTimelineStyle *style)
{
  const TdTimelineRow *row = td_timeline_layout_get_row (layout, row_index);
  const TdTimelineItem * const *items;
  double rh = td_timeline_layout_get_row_height (layout);
  double r = rh * 0.3;
  double reach = r * 1.6;
  guint n, first;

  items = td_timeline_layout_get_row_items (layout, row_index, &n);
  if (n == 0)
    return;

  if (row->kind == TD_TIMELINE_ROW_MILESTONES)
    {
      for (guint i = 0; i < n; i++)
        if (items[i]->bounds.x < vx1 && items[i]->bounds.x + items[i]->bounds.width > vx0)
          draw_milestone (layout, cr, t, items[i], style);
      return;
    }

  first = first_item_from (items, n, vx0 - reach);

  if (row->kind == TD_TIMELINE_ROW_COMMEMORATIONS)
    {
      set_color (cr, &style->commemoration);
      for (guint i = first; i < n && items[i]->x < vx1 + reach; i++)
        {
          draw_star (cr, items[i]->x, items[i]->y, row->height * 0.38);
          cairo_fill (cr);
        }
      return;
    }

  /* Due ticks lie a month left of their markers: a marker right of the view can still have its
   * tick and link inside it. Due dates grow with dates, so the scan stops on due_x. */
  for (guint i = first; i < n && items[i]->due_x < vx1 + reach; i++)
    {
      const TdTimelineItem *item = items[i];

      set_color (cr, &style->dim);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, item->due_x, item->y);
      cairo_line_to (cr, item->x, item->y);
      cairo_stroke (cr);
      draw_due_tick (cr, item->due_x, item->y, r, item->due_state, style);
    }
  for (guint i = first; i < n && items[i]->x < vx1 + reach; i++)
    draw_marker (cr, items[i]->x, items[i]->y, r, items[i]->severity, items[i]->pilot, style);
}

void
td_timeline_draw (TdTimelineLayout      *layout,
                  cairo_t               *cr,
                  const TdTimelineRect  *visible,
                  const TdTimelineStyle *style,
                  const TdTimelineItem  *focused)
{
  TdTimelineRect all;
  const TdTimelineWindowBand *bands;
  const TdTimelineTick *ticks;
  double vx0, vx1, vy0, vy1, axis_h, band_h, height, rh, today_x;
  double comm_bottom = 0;
  guint n_rows, n, first;
  Text t;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  all = (TdTimelineRect) { 0, 0, td_timeline_layout_get_width (layout),
                           td_timeline_layout_get_height (layout) };
  if (visible == NULL)
    visible = &all;
  vx0 = visible->x;
  vx1 = visible->x + visible->width;
  vy0 = visible->y;
  vy1 = visible->y + visible->height;
  axis_h = td_timeline_layout_get_axis_height (layout);
  band_h = td_timeline_layout_get_band_height (layout);
  height = td_timeline_layout_get_height (layout);
  rh = td_timeline_layout_get_row_height (layout);
  n_rows = td_timeline_layout_get_n_rows (layout);

  cairo_save (cr);
  cairo_rectangle (cr, vx0, vy0, vx1 - vx0, vy1 - vy0);
  cairo_clip (cr);
  text_init (&t, cr, style->font_family, style->font_size > 0 ? style->font_size : rh * 0.5);

  set_color (cr, &style->background);
  cairo_paint (cr);

  first = first_row_from (layout, vy0);
  for (guint i = first; i < n_rows; i++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);

      if (row->y >= vy1)
        break;
      if (row->kind == TD_TIMELINE_ROW_LEVEL)
        {
          set_color (cr, &style->group_fill);
          cairo_rectangle (cr, vx0, row->y, vx1 - vx0, row->height);
          cairo_fill (cr);
        }
      if (row->kind == TD_TIMELINE_ROW_COMMEMORATIONS)
        comm_bottom = row->y + row->height;
    }
  if (comm_bottom == 0)
    for (guint i = 0; i < n_rows; i++)
      {
        const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);

        if (row->kind == TD_TIMELINE_ROW_COMMEMORATIONS)
          comm_bottom = row->y + row->height;
      }

  bands = td_timeline_layout_get_windows (layout, &n);
  for (guint i = 0; i < n; i++)
    if (bands[i].tint_y1 > bands[i].tint_y0)
      {
        set_color (cr, &style->window_tint[bands[i].window]);
        cairo_rectangle (cr, bands[i].x0, bands[i].tint_y0, bands[i].x1 - bands[i].x0,
                         bands[i].tint_y1 - bands[i].tint_y0);
        cairo_fill (cr);
      }

  /* Grid: months thin, quarters strong. */
  cairo_set_line_width (cr, 1);
  ticks = td_timeline_layout_get_months (layout, &n);
  set_color (cr, &style->grid);
  for (guint i = 0; i < n; i++)
    if (ticks[i].x0 >= vx0 - 1 && ticks[i].x0 <= vx1 + 1)
      {
        cairo_move_to (cr, ticks[i].x0, axis_h);
        cairo_line_to (cr, ticks[i].x0, height);
      }
  cairo_stroke (cr);
  ticks = td_timeline_layout_get_quarters (layout, &n);
  set_color (cr, &style->grid_strong);
  for (guint i = 0; i < n; i++)
    if (ticks[i].x0 >= vx0 - 1 && ticks[i].x0 <= vx1 + 1)
      {
        cairo_move_to (cr, ticks[i].x0, axis_h);
        cairo_line_to (cr, ticks[i].x0, height);
      }
  cairo_stroke (cr);

  /* Commemorations cross the lanes as faint dotted lines. */
  for (guint i = 0; i < td_timeline_layout_get_n_items (layout); i++)
    {
      const TdTimelineItem *item = td_timeline_layout_get_item (layout, i);
      static const double dash[] = { 1.0, 3.0 };

      if (item->kind == TD_TIMELINE_ITEM_CONFERENCE)
        break;  /* conferences come last */
      if (item->kind != TD_TIMELINE_ITEM_COMMEMORATION || item->x < vx0 || item->x > vx1)
        continue;
      cairo_save (cr);
      set_color (cr, &style->commemoration);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      /* Only the visible stretch, in phase with the whole line: stroking dashes costs their
       * length, and the lanes of a province are tens of thousands of pixels high. */
      cairo_move_to (cr, item->x, MAX (comm_bottom, comm_bottom + floor ((vy0 - comm_bottom) / 4.0) * 4.0));
      cairo_line_to (cr, item->x, MIN (height, vy1));
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Separators above level and lane rows, and under the fixed band. */
  for (guint i = first; i < n_rows; i++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);

      if (row->y >= vy1)
        break;
      if (row->kind == TD_TIMELINE_ROW_LEVEL || row->kind == TD_TIMELINE_ROW_LANE)
        {
          set_color (cr, row->kind == TD_TIMELINE_ROW_LEVEL ? &style->grid_strong : &style->grid);
          cairo_move_to (cr, vx0, row->y + 0.5);
          cairo_line_to (cr, vx1, row->y + 0.5);
          cairo_stroke (cr);
        }
    }
  set_color (cr, &style->grid_strong);
  cairo_move_to (cr, vx0, band_h - 0.5);
  cairo_line_to (cr, vx1, band_h - 0.5);
  cairo_stroke (cr);

  if (td_timeline_layout_get_today_x (layout, &today_x) && today_x >= vx0 - 2 && today_x <= vx1 + 2)
    {
      set_color (cr, &style->today);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, today_x, axis_h);
      cairo_line_to (cr, today_x, height);
      cairo_stroke (cr);
    }

  for (guint i = first; i < n_rows; i++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);

      if (row->y >= vy1)
        break;
      if (row->kind == TD_TIMELINE_ROW_WINDOWS)
        draw_windows (layout, cr, &t, vx0, vx1, style);
      else
        draw_row_items (layout, cr, &t, i, vx0, vx1, style);
    }

  if (focused != NULL)
    {
      set_color (cr, &style->focus);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, focused->bounds.x - 1, focused->bounds.y - 1,
                       focused->bounds.width + 2, focused->bounds.height + 2);
      cairo_stroke (cr);
    }

  if (vy0 < axis_h)
    {
      draw_axis (layout, cr, &t, vx0, vx1, style);
      if (td_timeline_layout_get_today_x (layout, &today_x))
        {
          set_color (cr, &style->today);
          cairo_move_to (cr, today_x - rh * 0.3, axis_h - rh * 0.3);
          cairo_line_to (cr, today_x + rh * 0.3, axis_h - rh * 0.3);
          cairo_line_to (cr, today_x, axis_h);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }

  text_clear (&t);
  cairo_restore (cr);
}

void
td_timeline_draw_labels (TdTimelineLayout      *layout,
                         cairo_t               *cr,
                         double                 width,
                         double                 y0,
                         double                 y1,
                         const TdTimelineStyle *style)
{
  double rh, axis_h;
  guint n_rows;
  Text t;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  rh = td_timeline_layout_get_row_height (layout);
  axis_h = td_timeline_layout_get_axis_height (layout);
  n_rows = td_timeline_layout_get_n_rows (layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, y0, width, y1 - y0);
  cairo_clip (cr);
  text_init (&t, cr, style->font_family, style->font_size > 0 ? style->font_size : rh * 0.5);
  set_color (cr, &style->background);
  cairo_paint (cr);

  if (y0 < axis_h)
    {
      set_color (cr, &style->axis_fill[0]);
      cairo_rectangle (cr, 0, 0, width, axis_h);
      cairo_fill (cr);
    }

  for (guint i = first_row_from (layout, y0); i < n_rows; i++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);
      double cy = row->y + MIN (row->height, rh) / 2.0;
      double x = 4 + row->depth * rh * 0.8;
      double right = width - 4;
      g_autofree char *text = NULL;

      if (row->y >= y1)
        break;

      if (row->kind == TD_TIMELINE_ROW_LEVEL)
        {
          set_color (cr, &style->group_fill);
          cairo_rectangle (cr, 0, row->y, width, row->height);
          cairo_fill (cr);
        }
      if (row->kind == TD_TIMELINE_ROW_LEVEL || row->kind == TD_TIMELINE_ROW_LANE)
        {
          set_color (cr, row->kind == TD_TIMELINE_ROW_LEVEL ? &style->grid_strong : &style->grid);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, 0, row->y + 0.5);
          cairo_line_to (cr, width, row->y + 0.5);
          cairo_stroke (cr);
        }

      if (row->collapsible)
        {
          /* Disclosure triangle: right when collapsed, down when expanded. */
          double s = rh * 0.18, cx = x + rh * 0.25;

          set_color (cr, &style->dim);
          if (row->collapsed)
            {
              cairo_move_to (cr, cx - s * 0.6, cy - s);
              cairo_line_to (cr, cx + s * 0.9, cy);
              cairo_line_to (cr, cx - s * 0.6, cy + s);
            }
          else
            {
              cairo_move_to (cr, cx - s, cy - s * 0.6);
              cairo_line_to (cr, cx + s, cy - s * 0.6);
              cairo_line_to (cr, cx, cy + s * 0.9);
            }
          cairo_close_path (cr);
          cairo_fill (cr);
          x += rh * 0.6;
        }

      if ((row->kind == TD_TIMELINE_ROW_LEVEL || row->kind == TD_TIMELINE_ROW_LANE)
          && row->worst >= TD_TIMELINE_SEVERITY_WARNING)
        {
          draw_marker (cr, width - rh * 0.45, cy, rh * 0.22, row->worst, FALSE, style);
          right = width - rh * 0.9;
        }

      if (row->label == NULL)
        continue;
      if (row->collapsible)
        text = g_strdup_printf ("%s (%u)", row->label, row->n_conferences);
      else
        text = g_strdup (row->label);
      set_color (cr, row->kind < TD_TIMELINE_ROW_LEVEL ? &style->dim : &style->foreground);
      draw_text (&t, cr, text, x, cy, right - x, row->kind == TD_TIMELINE_ROW_UNIT ? 0.95 : 1.0,
                 row->kind == TD_TIMELINE_ROW_LEVEL || row->kind < TD_TIMELINE_ROW_LEVEL
                 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                 PANGO_ALIGN_LEFT);
    }

  set_color (cr, &style->grid_strong);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, td_timeline_layout_get_band_height (layout) - 0.5);
  cairo_line_to (cr, width, td_timeline_layout_get_band_height (layout) - 0.5);
  cairo_move_to (cr, 0, axis_h);
  cairo_line_to (cr, width, axis_h);
  cairo_stroke (cr);

  text_clear (&t);
  cairo_restore (cr);
}

/* Legend */

typedef enum {
  LEGEND_ERROR, LEGEND_WARNING, LEGEND_FINE, LEGEND_UNKNOWN, LEGEND_PILOT, LEGEND_DUE,
  LEGEND_OVERDUE, LEGEND_MILESTONE, LEGEND_COMMEMORATION, LEGEND_TODAY,
} LegendSymbol;

static const char *
legend_label (LegendSymbol symbol, gboolean vietnamese)
{
  switch (symbol)
    {
    case LEGEND_ERROR:         return vietnamese ? "Có lỗi" : _("Error");
    case LEGEND_WARNING:       return vietnamese ? "Có cảnh báo" : _("Warning");
    case LEGEND_FINE:          return vietnamese ? "Đạt yêu cầu" : _("No problem");
    case LEGEND_UNKNOWN:       return vietnamese ? "Hội nghị" : _("Conference");
    case LEGEND_PILOT:         return vietnamese ? "Hội nghị điểm" : _("Pilot conference");
    case LEGEND_DUE:           return vietnamese ? "Hạn gửi hồ sơ (trước 01 tháng)" : _("Documents due (one month before)");
    case LEGEND_OVERDUE:       return vietnamese ? "Quá hạn gửi hồ sơ" : _("Documents overdue");
    case LEGEND_MILESTONE:     return vietnamese ? "Mốc thời gian" : _("Milestone");
    case LEGEND_COMMEMORATION: return vietnamese ? "Ngày kỷ niệm" : _("Commemoration");
    case LEGEND_TODAY:
    default:                   return vietnamese ? "Hôm nay" : _("Today");
    }
}

static void
draw_legend_symbol (cairo_t *cr, LegendSymbol symbol, double x, double y, double r,
                    const TdTimelineStyle *style)
{
  switch (symbol)
    {
    case LEGEND_ERROR:   draw_marker (cr, x, y, r, TD_TIMELINE_SEVERITY_ERROR, FALSE, style); break;
    case LEGEND_WARNING: draw_marker (cr, x, y, r, TD_TIMELINE_SEVERITY_WARNING, FALSE, style); break;
    case LEGEND_FINE:    draw_marker (cr, x, y, r, TD_TIMELINE_SEVERITY_FINE, FALSE, style); break;
    case LEGEND_UNKNOWN: draw_marker (cr, x, y, r, TD_TIMELINE_SEVERITY_UNKNOWN, FALSE, style); break;
    case LEGEND_PILOT:
      draw_marker (cr, x, y, r, TD_TIMELINE_SEVERITY_UNKNOWN, TRUE, style);
      break;
    case LEGEND_DUE:
      set_color (cr, &style->dim);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x - r * 1.2, y);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_stroke (cr);
      draw_due_tick (cr, x - r * 1.2, y, r, TD_TIMELINE_DUE_PENDING, style);
      break;
    case LEGEND_OVERDUE:
      draw_due_tick (cr, x, y, r, TD_TIMELINE_DUE_OVERDUE, style);
      break;
    case LEGEND_MILESTONE:
      draw_flag (cr, x - r * 0.4, y, r * 2.2, style);
      break;
    case LEGEND_COMMEMORATION:
      set_color (cr, &style->commemoration);
      draw_star (cr, x, y, r * 1.2);
      cairo_fill (cr);
      break;
    case LEGEND_TODAY:
    default:
      set_color (cr, &style->today);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x, y + r * 1.3);
      cairo_stroke (cr);
      break;
    }
}

double
td_timeline_draw_legend (cairo_t               *cr,
                         double                 x,
                         double                 y,
                         double                 width,
                         double                 row_height,
                         const TdTimelineStyle *style,
                         gboolean               vietnamese,
                         TdTimelineLegendFlags  flags)
{
  static const LegendSymbol checked[] = {
    LEGEND_ERROR, LEGEND_WARNING, LEGEND_FINE, LEGEND_PILOT, LEGEND_DUE, LEGEND_OVERDUE,
    LEGEND_MILESTONE, LEGEND_COMMEMORATION, LEGEND_TODAY,
  };
  static const LegendSymbol unchecked[] = {
    LEGEND_UNKNOWN, LEGEND_PILOT, LEGEND_DUE, LEGEND_OVERDUE, LEGEND_MILESTONE,
    LEGEND_COMMEMORATION, LEGEND_TODAY,
  };
  gboolean with_severities = (flags & TD_TIMELINE_LEGEND_SEVERITIES) != 0;
  const LegendSymbol *symbols = with_severities ? checked : unchecked;
  guint n = with_severities ? G_N_ELEMENTS (checked) : G_N_ELEMENTS (unchecked);
  double cx = x, cy = y + row_height / 2, r = row_height * 0.3;
  Text t;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  cairo_save (cr);
  text_init (&t, cr, style->font_family, style->font_size > 0 ? style->font_size : row_height * 0.5);
  for (guint i = 0; i < n; i++)
    {
      const char *label = legend_label (symbols[i], vietnamese);
      double w = row_height * 1.4 + text_width (&t, label, 1.0, PANGO_WEIGHT_NORMAL) + row_height;

      if (symbols[i] == LEGEND_TODAY && !(flags & TD_TIMELINE_LEGEND_TODAY))
        continue;
      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += row_height;
        }
      draw_legend_symbol (cr, symbols[i], cx + row_height * 0.6, cy, r, style);
      set_color (cr, &style->foreground);
      draw_text (&t, cr, label, cx + row_height * 1.4, cy, -1, 1.0, PANGO_WEIGHT_NORMAL,
                 PANGO_ALIGN_LEFT);
      cx += w;
    }
  text_clear (&t);
  cairo_restore (cr);

  return cy + row_height / 2 - y;
}

/* PDF */

#define PAGE_WIDTH   841.89   /* A4 landscape */
#define PAGE_HEIGHT  595.28
/* The margins of the other documents (td-document.h), turned with the page. */
#define MARGIN_TOP    TD_MARGIN_TOP
#define MARGIN_BOTTOM TD_MARGIN_BOTTOM
#define MARGIN_LEFT   TD_MARGIN_LEFT
#define MARGIN_RIGHT  TD_MARGIN_RIGHT
#define PDF_ROW       16.0
#define PDF_LABELS    160.0
#define PAPER_FONT    "Times New Roman"

typedef struct
{
  guint first;       /* body rows [first, last) */
  guint last;
  guint context[2];  /* level and lane headers repeated above a continued lane */
  guint n_context;
} Chunk;

/* Draws (or, with @draw FALSE, only measures) a centred paragraph; returns its height. */
static double
paper_text (Text *t, cairo_t *cr, gboolean draw, const char *text, double x, double y,
            double width, double size, PangoWeight weight, PangoStyle slant, PangoAlignment align)
{
  PangoRectangle logical;

  t->size = size;
  text_set (t, text, 1.0, weight, slant, width, align, TRUE);
  pango_layout_get_extents (t->layout, NULL, &logical);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, t->layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

static void
paper_rule (cairo_t *cr, double cx, double y, double length)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, cx - length / 2, y);
  cairo_line_to (cr, cx + length / 2, y);
  cairo_stroke (cr);
}

/* The administrative header of Nghị định 30/2020 (the export engineer's page furniture), then
 * the document type and subject. Returns the height used from @top. */
static double
draw_official_header (TdPlan *plan, cairo_t *cr, Text *t, gboolean draw, double top)
{
  double text_w = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  g_autofree char *place_date = td_document_format_place_date (plan->place, plan->date);
  TdAdminHeader header = {
    .superior = plan->superior,
    .issuer = plan->issuer,
    .number = plan->number,
    .place_date = place_date,
  };
  double y = top;

  if (draw)
    y += td_document_draw_admin_header (cr, &header, MARGIN_LEFT, top, text_w);
  else
    {
      cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *scr = cairo_create (scratch);

      y += td_document_draw_admin_header (scr, &header, MARGIN_LEFT, top, text_w);
      cairo_destroy (scr);
      cairo_surface_destroy (scratch);
    }
  y += 12;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += paper_text (t, cr, draw, "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH", MARGIN_LEFT, y, text_w, 14,
                   PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER);
  if (plan->title && *plan->title)
    y += paper_text (t, cr, draw, plan->title, MARGIN_LEFT + text_w * 0.075, y, text_w * 0.85, 14,
                     PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER);
  if (draw)
    paper_rule (cr, MARGIN_LEFT + text_w / 2, y + 5, TD_MM (30));
  y += 14;

  return y - top;
}

static void
draw_page_number (cairo_t *cr, Text *t, guint page)
{
  g_autofree char *text = g_strdup_printf ("%u", page);

  cairo_set_source_rgb (cr, 0, 0, 0);
  t->size = 13;
  draw_text (t, cr, text, MARGIN_LEFT, MARGIN_TOP / 2, PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
             1.0, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER);
}

/* The headers above a row (its level, and its lane for a grassroots unit), top first. */
static guint
row_context (TdTimelineLayout *layout, guint first_body, guint index, guint context[2])
{
  guint depth = td_timeline_layout_get_row (layout, index)->depth;
  guint found[2], n = 0;

  for (guint i = index; i > first_body && depth > 0 && n < 2; i--)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i - 1);

      if (row->depth < depth)
        {
          found[n++] = i - 1;
          depth = row->depth;
        }
    }
  for (guint k = 0; k < n; k++)
    context[k] = found[n - 1 - k];
  return n;
}

/* Splits the body rows into pages of @room points (@first_room on the first page); a header
 * never ends a page, and a page that continues a lane repeats its headers. */
static GArray *
chunk_rows (TdTimelineLayout *layout, guint first_body, double first_room, double room)
{
  GArray *chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  guint n_rows = td_timeline_layout_get_n_rows (layout);
  Chunk chunk = { first_body, first_body, { 0, 0 }, 0 };
  double used = 0, limit = first_room;

  for (guint i = first_body; i < n_rows; i++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, i);

      if (used + row->height > limit && chunk.last > chunk.first)
        {
          while (chunk.last - chunk.first > 1)
            {
              const TdTimelineRow *tail = td_timeline_layout_get_row (layout, chunk.last - 1);

              if ((tail->kind != TD_TIMELINE_ROW_LEVEL && tail->kind != TD_TIMELINE_ROW_LANE)
                  || tail->collapsed)  /* a collapsed header holds its own markers */
                break;
              chunk.last--;
            }
          g_array_append_val (chunks, chunk);
          i = chunk.last;
          row = td_timeline_layout_get_row (layout, i);
          chunk.first = chunk.last = i;
          chunk.n_context = row_context (layout, first_body, i, chunk.context);
          used = 0;
          for (guint k = 0; k < chunk.n_context; k++)
            used += td_timeline_layout_get_row (layout, chunk.context[k])->height;
          limit = room;
        }
      used += row->height;
      chunk.last = i + 1;
    }
  if (chunk.last > chunk.first || chunks->len == 0)
    g_array_append_val (chunks, chunk);
  return chunks;
}

/* Draws the rows [y0, y0 + h) of the content, labels and chart, at @top on the page. */
static void
draw_chart_rows (TdTimelineLayout *layout, cairo_t *cr, const TdTimelineStyle *style,
                 const TdTimelineTick *slice, double y0, double h, double top)
{
  double chart_x = MARGIN_LEFT + PDF_LABELS;
  TdTimelineRect rect = { slice->x0, y0, slice->x1 - slice->x0, h };

  cairo_save (cr);
  cairo_translate (cr, chart_x - slice->x0, top - y0);
  td_timeline_draw (layout, cr, &rect, style, NULL);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, MARGIN_LEFT, top - y0);
  td_timeline_draw_labels (layout, cr, PDF_LABELS, y0, y0 + h, style);
  cairo_restore (cr);
}

static void
draw_chart_page (TdTimelineLayout *layout, cairo_t *cr, const TdTimelineStyle *style,
                 const TdTimelineTick *slice, const Chunk *chunk, double top)
{
  double chart_x = MARGIN_LEFT + PDF_LABELS;
  double w = slice->x1 - slice->x0;
  double y = top;

  /* The band (axis and fixed rows) is repeated on every page, like a table's header rows. */
  draw_chart_rows (layout, cr, style, slice, 0, td_timeline_layout_get_band_height (layout), y);
  y += td_timeline_layout_get_band_height (layout);

  for (guint k = 0; k < chunk->n_context; k++)
    {
      const TdTimelineRow *row = td_timeline_layout_get_row (layout, chunk->context[k]);

      draw_chart_rows (layout, cr, style, slice, row->y, row->height, y);
      y += row->height;
    }

  if (chunk->last > chunk->first)
    {
      const TdTimelineRow *a = td_timeline_layout_get_row (layout, chunk->first);
      const TdTimelineRow *b = td_timeline_layout_get_row (layout, chunk->last - 1);

      draw_chart_rows (layout, cr, style, slice, a->y, b->y + b->height - a->y, y);
      y += b->y + b->height - a->y;
    }

  /* Frame */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, MARGIN_LEFT, top, PDF_LABELS + w, y - top);
  cairo_move_to (cr, chart_x, top);
  cairo_line_to (cr, chart_x, y);
  cairo_stroke (cr);
}

/* Whether any conference, due tick or link between them of the chunk's rows falls in the slice. */
static gboolean
chunk_has_content (TdTimelineLayout *layout, const Chunk *chunk, const TdTimelineTick *slice)
{
  for (guint r = chunk->first; r < chunk->last; r++)
    {
      const TdTimelineItem * const *items;
      guint n;

      items = td_timeline_layout_get_row_items (layout, r, &n);
      for (guint i = 0; i < n; i++)
        if (items[i]->due_x < slice->x1 && items[i]->x >= slice->x0)
          return TRUE;
    }
  return FALSE;
}

static int
milestone_start_compare (gconstpointer a, gconstpointer b)
{
  const TdMilestone *x = *(TdMilestone **) a, *y = *(TdMilestone **) b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : g_strcmp0 (x->id, y->id);
}

static char *
date_span (TdDate a, TdDate b)
{
  g_autofree char *sa = td_date_format_short (a);

  if (b == TD_DATE_NONE || b == a)
    return g_steal_pointer (&sa);
  {
    g_autofree char *sb = td_date_format_short (b);

    return g_strdup_printf ("%s – %s", sa, sb);
  }
}

/* The key: what the screen shows in tooltips, spelled out for paper. */
static void
draw_key_pages (TdPlan *plan, cairo_t *cr, Text *t, const TdTimelineStyle *style,
                TdTimelineLegendFlags legend, guint *page)
{
  double text_w = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  double bottom = PAGE_HEIGHT - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) milestones = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; plan->milestones && i < plan->milestones->len; i++)
    g_ptr_array_add (milestones, g_ptr_array_index (plan->milestones, i));
  g_ptr_array_sort (milestones, milestone_start_compare);

  /* Each line is "\t"-separated: date | text; lines starting with "#" are headings. */
  g_ptr_array_add (lines, g_strdup ("#Các mốc thời gian"));
  for (guint i = 0; i < milestones->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (milestones, i);
      g_autofree char *span = date_span (m->start, m->end);

      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s: %s (%s)", span, m->id ? m->id : "",
                                               m->title ? m->title : "", m->actor ? m->actor : ""));
    }
  g_ptr_array_add (lines, g_strdup ("#Khung thời gian tổ chức"));
  for (TdWindow w = 0; w < TD_N_WINDOWS; w++)
    {
      static const char *names[] = {
        "Hội nghị cấp cơ sở", "Hội nghị cấp trên cơ sở",
        "Hội nghị chỉ đạo điểm cấp tỉnh",
        "Đại hội Thi đua yêu nước cấp tỉnh",
      };
      g_autofree char *span = NULL;

      if (plan->params.windows[w][0] == TD_DATE_NONE)
        continue;
      span = date_span (plan->params.windows[w][0], plan->params.windows[w][1]);
      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s", span, names[w]));
    }
  g_ptr_array_add (lines, g_strdup ("#Ngày kỷ niệm"));
  for (guint i = 0; plan->commemorations && i < plan->commemorations->len; i++)
    {
      TdCommemoration *c = g_ptr_array_index (plan->commemorations, i);
      g_autofree char *d = NULL;

      if (c->yearly)
        {
          int yy, mm, dd;

          td_date_get_ymd (c->date, &yy, &mm, &dd);
          d = g_strdup_printf ("%02d/%02d hằng năm", dd, mm);
        }
      else
        d = td_date_format_short (c->date);
      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s", d, c->title ? c->title : ""));
    }

  while (n < lines->len)
    {
      cairo_show_page (cr);
      (*page)++;
      draw_page_number (cr, t, *page);
      y = MARGIN_TOP;
      if (n == 0)
        {
          cairo_set_source_rgb (cr, 0, 0, 0);
          y += paper_text (t, cr, TRUE, "CHÚ THÍCH", MARGIN_LEFT, y, text_w, 14, PANGO_WEIGHT_BOLD,
                           PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER);
          y += 6;
          t->size = 11;
          y += td_timeline_draw_legend (cr, MARGIN_LEFT, y, text_w, 20, style, TRUE, legend);
          y += 8;
        }
      for (; n < lines->len; n++)
        {
          const char *line = g_ptr_array_index (lines, n);
          const char *tab = strchr (line, '\t');
          double h;

          if (line[0] == '#')
            {
              h = paper_text (t, cr, FALSE, line + 1, 0, 0, text_w, 13, PANGO_WEIGHT_BOLD,
                              PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT);
              if (y + h * 2.5 > bottom)
                break;
              cairo_set_source_rgb (cr, 0, 0, 0);
              y += 6;
              y += paper_text (t, cr, TRUE, line + 1, MARGIN_LEFT, y, text_w, 13, PANGO_WEIGHT_BOLD,
                               PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT);
              continue;
            }
          {
            g_autofree char *date = g_strndup (line, tab ? (gsize) (tab - line) : strlen (line));
            const char *rest = tab ? tab + 1 : "";

            h = paper_text (t, cr, FALSE, rest, 0, 0, text_w - 150, 12, PANGO_WEIGHT_NORMAL,
                            PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT);
            if (y + h > bottom)
              break;
            cairo_set_source_rgb (cr, 0, 0, 0);
            paper_text (t, cr, TRUE, date, MARGIN_LEFT + 10, y, 140, 12, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT);
            y += paper_text (t, cr, TRUE, rest, MARGIN_LEFT + 150, y, text_w - 150, 12,
                             PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT) + 2;
          }
        }
    }
}

static TdTimelineSeverity
map_severity (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return TD_TIMELINE_SEVERITY_ERROR;
    case TD_SEVERITY_WARNING: return TD_TIMELINE_SEVERITY_WARNING;
    case TD_SEVERITY_INFO:
    case TD_SEVERITY_NONE:
    default:                  return TD_TIMELINE_SEVERITY_FINE;
    }
}

TdTimelineSeverity
td_timeline_severity_from_rules (const char *conference_id,
                                 gpointer    rules)
{
  g_return_val_if_fail (TD_IS_RULES (rules), TD_TIMELINE_SEVERITY_UNKNOWN);

  return map_severity (td_rules_get_worst_severity (rules, conference_id));
}

/* For the PDF without a severity function: one full check of the plan. */
static TdTimelineSeverity
worst_from_table (const char *conference_id,
                  gpointer    table)
{
  return map_severity (GPOINTER_TO_INT (g_hash_table_lookup (table, conference_id)));
}

gboolean
td_timeline_write_pdf (TdPlan      *plan,
                       const char  *path,
                       GError     **error)
{
  return td_timeline_write_pdf_with_options (plan, path, NULL, error);
}

gboolean
td_timeline_write_pdf_with_options (TdPlan                     *plan,
                                    const char                 *path,
                                    const TdTimelinePdfOptions *pdf_options,
                                    GError                    **error)
{
  g_autoptr(TdTimelineLayout) layout = NULL;
  g_autoptr(GArray) first_chunks = NULL;
  g_autoptr(GArray) chunks = NULL;
  g_autoptr(GHashTable) worst = NULL;
  TdTimelineOptions options;
  TdTimelineStyle style;
  const TdTimelineTick *slices;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double content_w = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  double bottom = PAGE_HEIGHT - MARGIN_BOTTOM;
  double header_h, legend_h, band_h;
  TdTimelineLegendFlags legend = TD_TIMELINE_LEGEND_SEVERITIES;
  guint n_slices, first_body = 0, page = 0;
  Text t;

  g_return_val_if_fail (TD_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  td_timeline_options_init (&options);
  options.vietnamese = TRUE;
  options.row_height = PDF_ROW;
  /* One quarter per page column: 92 days fill the chart width. */
  options.pixels_per_day = (content_w - PDF_LABELS) / 92.0;
  if (pdf_options != NULL)
    {
      options.severity_func = pdf_options->severity_func;
      options.severity_data = pdf_options->severity_data;
      options.today = pdf_options->today;
      options.collapsed = pdf_options->collapsed;
    }
  if (options.today == TD_DATE_NONE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      options.today = td_date_new (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now));
    }
  if (options.severity_func == NULL)
    {
      g_autoptr(GPtrArray) violations = td_rules_check_plan (plan, options.today);

      worst = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < violations->len; i++)
        {
          TdViolation *v = g_ptr_array_index (violations, i);

          if (v->conference != NULL
              && (int) v->severity > GPOINTER_TO_INT (g_hash_table_lookup (worst, v->conference)))
            g_hash_table_insert (worst, g_strdup (v->conference), GINT_TO_POINTER (v->severity));
        }
      options.severity_func = worst_from_table;
      options.severity_data = worst;
    }
  layout = td_timeline_layout_new (plan, &options);
  if (td_timeline_layout_get_today_x (layout, NULL))
    legend |= TD_TIMELINE_LEGEND_TODAY;
  td_timeline_style_init_paper (&style);
  style.font_size = 9;

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("Could not write the timeline to “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (plan->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plan->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Thi Đua Planner");
  cr = cairo_create (surface);
  text_init (&t, cr, PAPER_FONT, 13);

  header_h = draw_official_header (plan, cr, &t, FALSE, MARGIN_TOP);
  {
    /* Measure the legend on a scratch surface: its height depends on the font. */
    cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *scr = cairo_create (scratch);

    legend_h = td_timeline_draw_legend (scr, 0, 0, content_w, 14, &style, TRUE, legend);
    cairo_destroy (scr);
    cairo_surface_destroy (scratch);
  }
  band_h = td_timeline_layout_get_band_height (layout);
  while (first_body < td_timeline_layout_get_n_rows (layout)
         && td_timeline_layout_get_row (layout, first_body)->kind < TD_TIMELINE_ROW_LEVEL)
    first_body++;
  first_chunks = chunk_rows (layout, first_body,
                             bottom - legend_h - 6 - (MARGIN_TOP + header_h) - band_h,
                             bottom - legend_h - 6 - MARGIN_TOP - band_h);
  chunks = chunk_rows (layout, first_body,
                       bottom - legend_h - 6 - MARGIN_TOP - band_h,
                       bottom - legend_h - 6 - MARGIN_TOP - band_h);

  slices = td_timeline_layout_get_quarters (layout, &n_slices);
  for (guint s = 0; s < n_slices; s++)
    {
      GArray *list = s == 0 ? first_chunks : chunks;
      guint printed = 0;

      for (guint k = 0; k < list->len; k++)
        {
          const Chunk *chunk = &g_array_index (list, Chunk, k);
          double top = MARGIN_TOP;

          /* Pages of empty lanes are left out; every quarter keeps at least one page. */
          if (!chunk_has_content (layout, chunk, &slices[s]) && !(s == 0 && k == 0))
            {
              gboolean later = FALSE;

              for (guint j = k + 1; j < list->len && !later; j++)
                later = chunk_has_content (layout, &g_array_index (list, Chunk, j), &slices[s]);
              if (printed > 0 || later)
                continue;
            }
          printed++;

          if (page > 0)
            cairo_show_page (cr);
          page++;
          if (page == 1)
            top += draw_official_header (plan, cr, &t, TRUE, MARGIN_TOP);
          else
            draw_page_number (cr, &t, page);

          draw_chart_page (layout, cr, &style, &slices[s], chunk, top);
          td_timeline_draw_legend (cr, MARGIN_LEFT, bottom - legend_h, content_w, 14, &style,
                                   TRUE, legend);
        }
    }

  draw_key_pages (plan, cr, &t, &style, legend, &page);

  text_clear (&t);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_IO, _("Could not write the timeline to “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
