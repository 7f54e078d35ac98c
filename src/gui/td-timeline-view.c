/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-timeline-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "td-date.h"
#include "td-timeline.h"
#include "td-timeline-view.h"

#define ROW_HEIGHT          26.0
#define MARKER_THRESHOLD    4.0   /* pixels before a press on a marker becomes a drag */
#define ZOOM_STEP           1.5
#define MAX_PIXELS_PER_DAY  160.0

typedef enum {
  DRAG_NONE,     /* pressed, not moved far enough yet: a click if released now */
  DRAG_PAN,
  DRAG_MARKER,
} DragMode;

struct _TdTimelineView
{
  GtkWidget           parent_instance;

  TdPlan             *plan;
  TdRules            *rules;
  TdTimelineLayout   *layout;
  gboolean            dirty;
  gboolean            has_dates;

  TdTimelineViewZoom  zoom;
  double              custom_ppd;
  GHashTable         *collapsed;

  /* Size of the parts, from the last allocation. */
  double              label_width;
  double              viewport_width;   /* content area right of the labels */
  int                 width, height;

  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  guint               hscroll_policy : 1;
  guint               vscroll_policy : 1;

  char               *focused_id;
  const TdTimelineItem *focused;        /* in layout, resolved on each rebuild */

  /* Pointer, for Ctrl+scroll zoom and the cursor. */
  double              pointer_x, pointer_y;
  const char         *cursor_name;

  /* Pinch */
  double              pinch_ppd;
  double              pinch_x;

  /* Drag */
  GtkGesture         *drag_gesture;
  DragMode            drag_mode;
  gboolean            drag_pressed;
  double              press_x, press_y;
  double              start_h, start_v;
  char               *press_item_id;    /* conference under the press, on its marker */
  char               *press_row_key;    /* collapsible row whose label was pressed */
  char               *press_other_id;   /* a conference pressed elsewhere (its due tick) */
  TdConference       *drag_copy;        /* the dragged conference, dated at the preview */
  TdDate              drag_original;
  TdDate              drag_date;
  TdSeverity          drag_verdict;
  guint               drag_errors, drag_warnings;
  char               *drag_message;     /* the first problem at the preview date */

  gulong              dark_handler;
};

static void td_timeline_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdTimelineView, td_timeline_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, td_timeline_view_scrollable_init))

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};
static GParamSpec *properties[N_PROPS];

static void configure_adjustments (TdTimelineView *self);
static void update_accessible     (TdTimelineView *self);
static void drag_cancel           (TdTimelineView *self);

/* Layout */

static double
preset_ppd (TdTimelineView     *self,
            TdTimelineViewZoom  zoom,
            guint               n_days)
{
  double viewport = self->viewport_width > 1 ? self->viewport_width : 1000;

  switch (zoom)
    {
    case TD_TIMELINE_VIEW_ZOOM_QUARTER:
      return td_timeline_zoom_pixels_per_day (TD_TIMELINE_ZOOM_QUARTER, n_days, viewport);
    case TD_TIMELINE_VIEW_ZOOM_MONTH:
      return td_timeline_zoom_pixels_per_day (TD_TIMELINE_ZOOM_MONTH, n_days, viewport);
    case TD_TIMELINE_VIEW_ZOOM_PLAN:
    case TD_TIMELINE_VIEW_ZOOM_CUSTOM:
    default:
      return td_timeline_zoom_pixels_per_day (TD_TIMELINE_ZOOM_PLAN, n_days, viewport);
    }
}

static double
max_ppd (TdTimelineView *self,
         guint           n_days)
{
  return MAX (MAX_PIXELS_PER_DAY, preset_ppd (self, TD_TIMELINE_VIEW_ZOOM_MONTH, n_days));
}

/* The scale the layout is built at: a preset's, or the custom one kept between the whole plan
 * (less would leave the viewport half empty) and a readable maximum. */
static double
current_ppd (TdTimelineView *self,
             guint           n_days)
{
  double fit = preset_ppd (self, TD_TIMELINE_VIEW_ZOOM_PLAN, n_days);

  if (self->zoom != TD_TIMELINE_VIEW_ZOOM_CUSTOM)
    return preset_ppd (self, self->zoom, n_days);
  return CLAMP (self->custom_ppd, fit, max_ppd (self, n_days));
}

static void
resolve_focus (TdTimelineView *self)
{
  self->focused = NULL;
  if (self->focused_id != NULL && self->layout != NULL)
    self->focused = td_timeline_layout_find_conference (self->layout, self->focused_id);
  if (self->focused == NULL)
    g_clear_pointer (&self->focused_id, g_free);
}

static void
rebuild (TdTimelineView *self)
{
  TdTimelineOptions options;
  TdDate first, last;

  self->dirty = FALSE;
  g_clear_pointer (&self->layout, td_timeline_layout_unref);
  self->has_dates = self->plan != NULL && td_timeline_plan_range (self->plan, &first, &last);
  if (self->has_dates)
    {
      td_timeline_options_init (&options);
      options.pixels_per_day = current_ppd (self, last - first + 1);
      options.row_height = ROW_HEIGHT;
      options.collapsed = self->collapsed;
      options.today = self->rules != NULL ? td_rules_get_today (self->rules) : td_rules_today ();
      options.vietnamese = FALSE;
      if (self->rules != NULL)
        {
          options.severity_func = td_timeline_severity_from_rules;
          options.severity_data = self->rules;
        }
      self->layout = td_timeline_layout_new (self->plan, &options);
    }
  resolve_focus (self);
  update_accessible (self);
}

static void
ensure_layout (TdTimelineView *self)
{
  if (self->dirty)
    {
      rebuild (self);
      configure_adjustments (self);
    }
}

static void
invalidate (TdTimelineView *self)
{
  self->dirty = TRUE;
  /* Rebuilt at the next allocation, once however many signals came in between. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TdTimelineLayout *
td_timeline_view_get_layout (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), NULL);
  ensure_layout (self);
  return self->layout;
}

/* Geometry */

static double
band_height (TdTimelineView *self)
{
  return self->layout ? td_timeline_layout_get_band_height (self->layout) : 0;
}

static double
hvalue (TdTimelineView *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (TdTimelineView *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static double
body_page_height (TdTimelineView *self)
{
  return MAX (self->height - band_height (self), 0);
}

static void
configure_adjustments (TdTimelineView *self)
{
  double content_w = self->layout ? td_timeline_layout_get_width (self->layout) : 0;
  double content_h = self->layout ? td_timeline_layout_get_height (self->layout) - band_height (self) : 0;
  double page_w = MAX (self->viewport_width, 0);
  double page_h = body_page_height (self);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (hvalue (self), 0, MAX (content_w - page_w, 0)),
                              0, MAX (content_w, page_w), page_w * 0.1, page_w * 0.9, page_w);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (vvalue (self), 0, MAX (content_h - page_h, 0)),
                              0, MAX (content_h, page_h), ROW_HEIGHT, page_h * 0.9, page_h);
}

/* Content coordinates of a widget point: the pinned band keeps its y, the body scrolls; the
 * labels column has no content x (returned as -1). */
static void
widget_to_content (TdTimelineView *self,
                   double          wx,
                   double          wy,
                   double         *cx,
                   double         *cy)
{
  double band = band_height (self);

  *cx = wx < self->label_width ? -1 : wx - self->label_width + hvalue (self);
  *cy = wy < band ? wy : wy + vvalue (self);
}

gboolean
td_timeline_view_content_to_widget (TdTimelineView *self,
                                    double          cx,
                                    double          cy,
                                    double         *wx,
                                    double         *wy)
{
  double band, x, y;

  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), FALSE);
  ensure_layout (self);
  band = band_height (self);
  x = cx - hvalue (self) + self->label_width;
  y = cy < band ? cy : cy - vvalue (self);
  if (wx)
    *wx = x;
  if (wy)
    *wy = y;
  return x >= self->label_width && x < self->width && y >= 0 && y < self->height
         && (cy < band || y >= band);
}

const TdTimelineItem *
td_timeline_view_item_at (TdTimelineView *self,
                          double          x,
                          double          y)
{
  double cx, cy;

  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), NULL);
  ensure_layout (self);
  if (self->layout == NULL || x < self->label_width)
    return NULL;
  widget_to_content (self, x, y, &cx, &cy);
  return td_timeline_layout_hit_test (self->layout, cx, cy);
}

/* The collapsible row whose label is at a widget point, or NULL. */
static const TdTimelineRow *
collapsible_row_at (TdTimelineView *self,
                    double          x,
                    double          y)
{
  double cx, cy;
  const TdTimelineRow *row;
  int index;

  if (self->layout == NULL || x >= self->label_width)
    return NULL;
  widget_to_content (self, x, y, &cx, &cy);
  index = td_timeline_layout_row_at_y (self->layout, cy);
  if (index < 0)
    return NULL;
  row = td_timeline_layout_get_row (self->layout, index);
  return row->collapsible ? row : NULL;
}

void
td_timeline_view_scroll_to (TdTimelineView *self,
                            double          cx,
                            double          cy)
{
  double margin = ROW_HEIGHT * 2;
  double h, v, band, page_h;

  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  ensure_layout (self);
  if (self->layout == NULL)
    return;
  h = hvalue (self);
  if (cx - margin < h)
    h = cx - margin;
  else if (cx + margin > h + self->viewport_width)
    h = cx + margin - self->viewport_width;
  band = band_height (self);
  if (cy >= band)
    {
      page_h = body_page_height (self);
      v = vvalue (self);
      if (cy - ROW_HEIGHT < band + v)
        v = cy - ROW_HEIGHT - band;
      else if (cy + ROW_HEIGHT > band + v + page_h)
        v = cy + ROW_HEIGHT - band - page_h;
      if (self->vadjustment)
        gtk_adjustment_set_value (self->vadjustment, v);
    }
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, h);
}

/* Zoom */

static guint
plan_days (TdTimelineView *self)
{
  return self->layout ? td_timeline_layout_get_n_days (self->layout) : 0;
}

/* Sets the scale and keeps the day under widget x @anchor_x (clamped to the viewport) where it
 * was: the layout is rebuilt at once, since the scroll position depends on its new width. */
static void
set_scale (TdTimelineView     *self,
           TdTimelineViewZoom  zoom,
           double              ppd,
           double              anchor_x)
{
  double px, day, old_ppd;
  TdTimelineViewZoom old_zoom = self->zoom;

  ensure_layout (self);
  if (self->layout == NULL)
    {
      self->zoom = zoom;
      self->custom_ppd = ppd;
      if (zoom != old_zoom)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      return;
    }
  old_ppd = td_timeline_layout_get_pixels_per_day (self->layout);
  px = CLAMP (anchor_x - self->label_width, 0, self->viewport_width);
  day = (hvalue (self) + px) / old_ppd;

  if (zoom == TD_TIMELINE_VIEW_ZOOM_CUSTOM)
    {
      guint n = plan_days (self);
      double fit = preset_ppd (self, TD_TIMELINE_VIEW_ZOOM_PLAN, n);

      ppd = MIN (ppd, max_ppd (self, n));
      /* Zoomed out as far as it goes: that is the whole plan. */
      if (ppd <= fit * 1.001)
        zoom = TD_TIMELINE_VIEW_ZOOM_PLAN;
      self->custom_ppd = ppd;
    }
  self->zoom = zoom;
  rebuild (self);
  configure_adjustments (self);
  if (self->layout != NULL && self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment,
                              day * td_timeline_layout_get_pixels_per_day (self->layout) - px);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (zoom != old_zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static double
zoom_anchor (TdTimelineView *self)
{
  double wx;

  if (self->focused != NULL
      && td_timeline_view_content_to_widget (self, self->focused->x, self->focused->y, &wx, NULL))
    return wx;
  return self->label_width + self->viewport_width / 2;
}

void
td_timeline_view_set_zoom (TdTimelineView     *self,
                           TdTimelineViewZoom  zoom)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (zoom <= TD_TIMELINE_VIEW_ZOOM_CUSTOM);

  if (zoom == TD_TIMELINE_VIEW_ZOOM_CUSTOM)
    zoom = self->zoom;  /* a custom zoom is made by zooming, not chosen */
  set_scale (self, zoom, self->custom_ppd, zoom_anchor (self));
}

TdTimelineViewZoom
td_timeline_view_get_zoom (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), TD_TIMELINE_VIEW_ZOOM_PLAN);
  return self->zoom;
}

double
td_timeline_view_get_pixels_per_day (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), 0);
  ensure_layout (self);
  return self->layout ? td_timeline_layout_get_pixels_per_day (self->layout) : 0;
}

void
td_timeline_view_zoom_by (TdTimelineView *self,
                          double          factor,
                          double          anchor_x)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  ensure_layout (self);
  if (self->layout == NULL)
    return;
  set_scale (self, TD_TIMELINE_VIEW_ZOOM_CUSTOM,
             td_timeline_layout_get_pixels_per_day (self->layout) * factor, anchor_x);
}

/* Collapsing */

GHashTable *
td_timeline_view_get_collapsed (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), NULL);
  return self->collapsed;
}

void
td_timeline_view_set_collapsed (TdTimelineView *self,
                                const char     *key,
                                gboolean        collapsed)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (key != NULL);

  if (collapsed == g_hash_table_contains (self->collapsed, key))
    return;
  if (collapsed)
    g_hash_table_add (self->collapsed, g_strdup (key));
  else
    g_hash_table_remove (self->collapsed, key);
  rebuild (self);
  configure_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keyboard focus on markers, and what screen readers hear */

static const char *
unit_name (TdTimelineView *self,
           const char     *unit_id)
{
  TdUnit *unit = unit_id && self->plan ? td_plan_get_unit (self->plan, unit_id) : NULL;

  return unit ? unit->name : "";
}

static char *
severity_phrase (TdTimelineView *self,
                 const char     *id)
{
  g_autoptr(GPtrArray) violations = NULL;
  guint errors = 0, warnings = 0;

  if (self->rules == NULL)
    return g_strdup (_("not checked"));
  violations = td_rules_get_violations (self->rules, id);
  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (v->severity == TD_SEVERITY_ERROR)
        errors++;
      else if (v->severity == TD_SEVERITY_WARNING)
        warnings++;
    }
  if (errors == 0 && warnings == 0)
    return g_strdup (_("no problem"));
  if (warnings == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  if (errors == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
  {
    g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
    g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
    /* TRANSLATORS: "2 errors, 1 warning" */
    return g_strdup_printf (_("%s, %s"), e, w);
  }
}

static void
update_accessible (TdTimelineView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->focused != NULL)
    {
      const TdTimelineItem *item = self->focused;
      g_autofree char *date = td_date_format_short (item->date);
      g_autofree char *severity = severity_phrase (self, item->id);

      /* TRANSLATORS: accessible name of the focused conference: "form, unit" */
      label = g_strdup_printf (_("%s, %s"), item->title, unit_name (self, item->unit_id));
      description = g_strdup_printf (item->pilot ? _("Pilot conference on %s: %s") : _("Conference on %s: %s"),
                                     date, severity);
    }
  else if (self->layout != NULL)
    {
      g_autofree char *from = td_date_format_short (td_timeline_layout_get_start (self->layout));
      g_autofree char *to = td_date_format_short (td_timeline_layout_get_end (self->layout));
      guint n;

      td_timeline_layout_get_marker_order (self->layout, &n);
      label = g_strdup (_("Timeline"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "From %s to %s, %u conference. Left and Right move between conferences, Enter opens one.",
                                                  "From %s to %s, %u conferences. Left and Right move between conferences, Enter opens one.",
                                                  n), from, to, n);
    }
  else
    {
      label = g_strdup (_("Timeline"));
      description = g_strdup (_("The plan has no dates yet"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_focused_item (TdTimelineView       *self,
                  const TdTimelineItem *item,
                  gboolean              scroll)
{
  g_clear_pointer (&self->focused_id, g_free);
  self->focused = NULL;
  if (item != NULL && item->kind == TD_TIMELINE_ITEM_CONFERENCE)
    {
      self->focused_id = g_strdup (item->id);
      self->focused = item;
      if (scroll)
        td_timeline_view_scroll_to (self, item->x, item->y);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
td_timeline_view_get_focused (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), NULL);
  ensure_layout (self);
  return self->focused_id;
}

void
td_timeline_view_focus_conference (TdTimelineView *self,
                                   const char     *conference_id)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  ensure_layout (self);
  set_focused_item (self, self->layout && conference_id
                          ? td_timeline_layout_find_conference (self->layout, conference_id) : NULL,
                    TRUE);
}

static void
move_focus (TdTimelineView *self,
            int             direction)
{
  const TdTimelineItem * const *order;
  guint n, i;
  int target = -1;

  ensure_layout (self);
  if (self->layout == NULL)
    return;
  order = td_timeline_layout_get_marker_order (self->layout, &n);
  if (n == 0)
    return;
  for (i = 0; self->focused != NULL && i < n; i++)
    if (order[i] == self->focused)
      break;
  if (self->focused != NULL && i < n)
    target = CLAMP ((int) i + direction, 0, (int) n - 1);
  else
    {
      /* Nothing focused yet: start from what is on screen. */
      double left = hvalue (self), right = left + self->viewport_width;

      if (direction > 0)
        {
          for (i = 0; i < n && order[i]->x < left; i++)
            ;
          target = i < n ? (int) i : (int) n - 1;
        }
      else
        {
          for (i = n; i > 0 && order[i - 1]->x > right; i--)
            ;
          target = i > 0 ? (int) i - 1 : 0;
        }
    }
  set_focused_item (self, order[target], TRUE);
}

static void
open_conference (TdTimelineView *self,
                 const char     *id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-conference", "s", id);
}

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  move_focus (TD_TIMELINE_VIEW (widget), +1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  move_focus (TD_TIMELINE_VIEW (widget), -1);
}

static void
first_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);
  const TdTimelineItem * const *order;
  guint n;

  ensure_layout (self);
  if (self->layout == NULL)
    return;
  order = td_timeline_layout_get_marker_order (self->layout, &n);
  if (n > 0)
    set_focused_item (self, g_str_equal (name, "timeline-view.first") ? order[0] : order[n - 1], TRUE);
}

static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);

  ensure_layout (self);
  if (self->focused != NULL)
    open_conference (self, self->focused->id);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);

  td_timeline_view_zoom_by (self, g_str_equal (name, "timeline-view.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP,
                            zoom_anchor (self));
}

static void
zoom_plan_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  td_timeline_view_set_zoom (TD_TIMELINE_VIEW (widget), TD_TIMELINE_VIEW_ZOOM_PLAN);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);

  if (self->drag_mode != DRAG_MARKER)
    return FALSE;
  drag_cancel (self);
  return TRUE;
}

/* Dragging: panning the background, rescheduling a conference, or a click */

static void
drag_state_clear (TdTimelineView *self)
{
  self->drag_mode = DRAG_NONE;
  self->drag_pressed = FALSE;
  g_clear_pointer (&self->press_item_id, g_free);
  g_clear_pointer (&self->press_row_key, g_free);
  g_clear_pointer (&self->press_other_id, g_free);
  g_clear_object (&self->drag_copy);
  g_clear_pointer (&self->drag_message, g_free);
  self->drag_original = self->drag_date = TD_DATE_NONE;
}

static void
drag_cancel (TdTimelineView *self)
{
  drag_state_clear (self);
  gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->cursor_name = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The verdict of the rules if the dragged conference were on @date: the conference is checked
 * as a copy, so nothing is edited (nor saved) until the drop. */
static void
update_verdict (TdTimelineView *self,
                TdDate          date)
{
  g_autoptr(GPtrArray) violations = NULL;

  self->drag_date = date;
  self->drag_errors = self->drag_warnings = 0;
  self->drag_verdict = TD_SEVERITY_NONE;
  g_clear_pointer (&self->drag_message, g_free);
  if (self->drag_copy == NULL)
    return;
  self->drag_copy->date = date;
  violations = td_rules_check_conference (self->plan, self->drag_copy,
                                          self->rules ? td_rules_get_today (self->rules) : td_rules_today ());
  self->drag_verdict = td_violations_get_worst (violations);
  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (v->severity == TD_SEVERITY_ERROR)
        self->drag_errors++;
      else if (v->severity == TD_SEVERITY_WARNING)
        self->drag_warnings++;
    }
  /* Show the worst problem, the date's own first. */
  for (int pass = 0; pass < 2 && self->drag_message == NULL; pass++)
    for (guint i = 0; i < violations->len; i++)
      {
        TdViolation *v = g_ptr_array_index (violations, i);

        if (v->severity == self->drag_verdict && v->severity >= TD_SEVERITY_WARNING
            && (pass == 1 || g_strcmp0 (v->field, TD_FIELD_DATE) == 0))
          {
            self->drag_message = g_strdup (v->message);
            break;
          }
      }
}

static void
drag_begin (TdTimelineView *self,
            double          x,
            double          y)
{
  const TdTimelineItem *item;
  const TdTimelineRow *row;

  drag_state_clear (self);
  ensure_layout (self);
  self->drag_pressed = TRUE;
  self->press_x = x;
  self->press_y = y;
  self->start_h = hvalue (self);
  self->start_v = vvalue (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;

  row = collapsible_row_at (self, x, y);
  if (row != NULL)
    {
      self->press_row_key = g_strdup (row->key);
      return;
    }
  item = td_timeline_view_item_at (self, x, y);
  if (item != NULL && item->kind == TD_TIMELINE_ITEM_CONFERENCE)
    {
      double cx, cy;

      widget_to_content (self, x, y, &cx, &cy);
      if (cx >= item->bounds.x && cx < item->bounds.x + item->bounds.width
          && cy >= item->bounds.y && cy < item->bounds.y + item->bounds.height)
        self->press_item_id = g_strdup (item->id);
      else
        self->press_other_id = g_strdup (item->id);
    }
}

static void
drag_update (TdTimelineView *self,
             double          dx,
             double          dy)
{
  if (!self->drag_pressed)
    return;
  ensure_layout (self);

  if (self->drag_mode == DRAG_NONE)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
      if (self->press_item_id != NULL && self->plan != NULL && hypot (dx, dy) >= MARKER_THRESHOLD)
        {
          TdConference *conference = td_plan_get_conference (self->plan, self->press_item_id);
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;

          if (conference == NULL || conference->date == TD_DATE_NONE)
            return;
          self->drag_mode = DRAG_MARKER;
          self->drag_original = conference->date;
          node = td_conference_to_json (conference);
          self->drag_copy = td_conference_new (conference->id, conference->unit);
          if (!td_conference_load_json (self->drag_copy, json_node_get_object (node), "conference", &error))
            {
              g_warning ("Cannot check the dragged conference: %s", error->message);
              g_clear_object (&self->drag_copy);
            }
          update_verdict (self, conference->date);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
          self->cursor_name = "grabbing";
        }
      else if (self->press_item_id == NULL && hypot (dx, dy) >= threshold)
        {
          self->drag_mode = DRAG_PAN;
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
          self->cursor_name = "grabbing";
        }
      else
        return;
    }

  if (self->drag_mode == DRAG_PAN)
    {
      if (self->press_x >= self->label_width && self->hadjustment)
        gtk_adjustment_set_value (self->hadjustment, self->start_h - dx);
      if (self->press_y >= band_height (self) && self->vadjustment)
        gtk_adjustment_set_value (self->vadjustment, self->start_v - dy);
    }
  else if (self->drag_mode == DRAG_MARKER && self->layout != NULL)
    {
      double ppd = td_timeline_layout_get_pixels_per_day (self->layout);
      gint64 days = (gint64) floor (dx / ppd + 0.5);
      gint64 date = (gint64) self->drag_original + days;

      if (date < 1)
        date = 1;
      if ((TdDate) date != self->drag_date)
        update_verdict (self, (TdDate) date);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end (TdTimelineView *self,
          double          dx,
          double          dy)
{
  if (!self->drag_pressed)
    return;
  drag_update (self, dx, dy);

  if (self->drag_mode == DRAG_NONE)
    {
      /* A click. */
      if (self->press_row_key != NULL)
        {
          g_autofree char *key = g_strdup (self->press_row_key);

          drag_state_clear (self);
          td_timeline_view_set_collapsed (self, key, !g_hash_table_contains (self->collapsed, key));
          return;
        }
      if (self->press_item_id != NULL || self->press_other_id != NULL)
        {
          g_autofree char *id = g_strdup (self->press_item_id ? self->press_item_id : self->press_other_id);

          drag_state_clear (self);
          td_timeline_view_focus_conference (self, id);
          open_conference (self, id);
          return;
        }
    }
  else if (self->drag_mode == DRAG_MARKER && self->drag_date != self->drag_original)
    {
      TdConference *conference = td_plan_get_conference (self->plan, self->press_item_id);
      TdDate date = self->drag_date;
      g_autofree char *id = g_strdup (self->press_item_id);

      drag_state_clear (self);
      if (conference != NULL && !td_plan_in_edit (self->plan))
        {
          td_plan_begin (self->plan, _("Reschedule conference"));
          td_plan_touch (self->plan, conference);
          conference->date = date;
          td_plan_commit (self->plan);
          /* The plan's ::changes made the layout out of date: rebuild now, for the focus. */
          ensure_layout (self);
          td_timeline_view_focus_conference (self, id);
        }
    }
  drag_state_clear (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->cursor_name = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TdTimelineView *self)
{
  drag_begin (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TdTimelineView *self)
{
  if (self->drag_mode != DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  drag_update (self, dx, dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             TdTimelineView *self)
{
  drag_end (self, dx, dy);
}

void
td_timeline_view_drag_begin_for_test (TdTimelineView *self, double x, double y)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  drag_begin (self, x, y);
}

void
td_timeline_view_drag_update_for_test (TdTimelineView *self, double dx, double dy)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  drag_update (self, dx, dy);
}

void
td_timeline_view_drag_end_for_test (TdTimelineView *self, double dx, double dy)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  drag_end (self, dx, dy);
}

gboolean
td_timeline_view_get_drag_preview (TdTimelineView *self,
                                   TdDate         *date,
                                   TdSeverity     *verdict)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), FALSE);

  if (self->drag_mode != DRAG_MARKER)
    return FALSE;
  if (date)
    *date = self->drag_date;
  if (verdict)
    *verdict = self->drag_verdict;
  return TRUE;
}

/* Pointer: Ctrl+scroll and pinch zoom, cursor */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TdTimelineView           *self)
{
  const char *name = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode != DRAG_NONE)
    return;
  if (collapsible_row_at (self, x, y) != NULL || td_timeline_view_item_at (self, x, y) != NULL)
    name = "pointer";
  if (g_strcmp0 (name, self->cursor_name) != 0)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
      self->cursor_name = name;
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TdTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double base;

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;  /* plain scrolling pans, through the scrolled window */
  base = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 1.25 : 1.02;
  td_timeline_view_zoom_by (self, pow (base, -dy), self->pointer_x);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TdTimelineView   *self)
{
  double x, y;

  self->pinch_ppd = td_timeline_view_get_pixels_per_day (self);
  self->pinch_x = gtk_gesture_get_bounding_box_center (gesture, &x, &y) ? x
                  : self->label_width + self->viewport_width / 2;
}

static void
pinch_scale_cb (GtkGestureZoom *gesture,
                double          scale,
                TdTimelineView *self)
{
  double ppd = td_timeline_view_get_pixels_per_day (self);

  if (self->pinch_ppd <= 0 || ppd <= 0)
    return;
  /* A drag may have started with the first finger: a pinch is not a drag. */
  if (self->drag_mode == DRAG_MARKER)
    drag_cancel (self);
  td_timeline_view_zoom_by (self, self->pinch_ppd * scale / ppd, self->pinch_x);
}

/* Tooltips */

static void
append_line (GString    *s,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (s->len > 0)
    g_string_append_c (s, '\n');
  g_string_append (s, escaped);
}

static char *
conference_tooltip (TdTimelineView       *self,
                    const TdTimelineItem *item,
                    gboolean              on_due)
{
  TdConference *conference = td_plan_get_conference (self->plan, item->id);
  g_autofree char *date = td_date_format_short (item->date);
  g_autofree char *due = item->due != TD_DATE_NONE ? td_date_format_short (item->due) : NULL;
  g_autofree char *title = g_markup_escape_text (item->title ? item->title : "", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "<b>%s</b>", title);
  append_line (s, unit_name (self, item->unit_id));
  if (conference != NULL)
    {
      g_autofree char *when = g_strdup_printf ("%s · %s", date, td_mode_label (conference->mode));
      g_autofree char *delegates = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u delegate", "%u delegates",
                                                                 conference->delegates->len),
                                                    conference->delegates->len);
      append_line (s, when);
      append_line (s, delegates);
    }
  else
    append_line (s, date);
  if (item->pilot)
    append_line (s, _("Pilot conference"));
  if (due != NULL)
    {
      g_autofree char *line = NULL;

      switch (item->due_state)
        {
        case TD_TIMELINE_DUE_COMPLETE:
          line = g_strdup_printf (_("Documents due %s: all received"), due);
          break;
        case TD_TIMELINE_DUE_OVERDUE:
          line = g_strdup_printf (_("Documents due %s: overdue"), due);
          break;
        case TD_TIMELINE_DUE_PENDING:
        default:
          line = g_strdup_printf (_("Documents due %s"), due);
          break;
        }
      if (on_due)
        {
          g_autofree char *escaped = g_markup_escape_text (line, -1);
          g_string_append_printf (s, "\n<b>%s</b>", escaped);
        }
      else
        append_line (s, line);
    }

  if (self->rules != NULL)
    {
      g_autoptr(GPtrArray) violations = td_rules_get_violations (self->rules, item->id);
      guint shown = 0;

      if (violations->len == 0)
        append_line (s, _("No problem"));
      for (guint i = 0; i < violations->len; i++)
        {
          TdViolation *v = g_ptr_array_index (violations, i);
          g_autofree char *line = NULL;

          if (v->severity < TD_SEVERITY_WARNING && violations->len > 1)
            continue;
          if (shown == 5)
            {
              g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more problem",
                                                                    "and %u more problems",
                                                                    violations->len - shown),
                                                       violations->len - shown);
              append_line (s, more);
              break;
            }
          line = g_strdup_printf ("%s %s", v->severity == TD_SEVERITY_ERROR ? "⛔" : v->severity == TD_SEVERITY_WARNING ? "⚠" : "ℹ",
                                  v->message);
          append_line (s, line);
          shown++;
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard_mode,
                  GtkTooltip     *tooltip,
                  TdTimelineView *self)
{
  const TdTimelineItem *item;
  const TdTimelineRow *row;
  g_autofree char *markup = NULL;
  gboolean on_due = FALSE;
  double cx, cy, wx, wy;

  ensure_layout (self);
  if (self->layout == NULL || self->drag_mode != DRAG_NONE)
    return FALSE;

  if (keyboard_mode)
    item = self->focused;
  else
    {
      if (x < self->label_width)
        {
          int index;

          widget_to_content (self, x, y, &cx, &cy);
          index = td_timeline_layout_row_at_y (self->layout, cy);
          if (index < 0)
            return FALSE;
          row = td_timeline_layout_get_row (self->layout, index);
          if (row->label == NULL)
            return FALSE;
          if (row->collapsible)
            markup = g_markup_printf_escaped ("%s\n%s", row->label,
                                              row->collapsed ? _("Click to show its rows") : _("Click to fold its rows"));
          else
            markup = g_markup_escape_text (row->label, -1);
          gtk_tooltip_set_markup (tooltip, markup);
          td_timeline_view_content_to_widget (self, 0, row->y, NULL, &wy);
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, (int) wy, (int) self->label_width, (int) row->height });
          return TRUE;
        }
      item = td_timeline_view_item_at (self, x, y);
      if (item != NULL && item->kind == TD_TIMELINE_ITEM_CONFERENCE)
        {
          widget_to_content (self, x, y, &cx, &cy);
          on_due = cx >= item->due_bounds.x && cx < item->due_bounds.x + item->due_bounds.width
                   && cy >= item->due_bounds.y && cy < item->due_bounds.y + item->due_bounds.height
                   && !(cx >= item->bounds.x && cx < item->bounds.x + item->bounds.width);
        }
    }
  if (item == NULL)
    return FALSE;

  switch (item->kind)
    {
    case TD_TIMELINE_ITEM_CONFERENCE:
      markup = conference_tooltip (self, item, on_due);
      break;
    case TD_TIMELINE_ITEM_MILESTONE:
      {
        g_autofree char *from = td_date_format_short (item->date);
        g_autofree char *to = td_date_format_short (item->end);
        g_autofree char *when = item->end != item->date ? g_strdup_printf ("%s – %s", from, to) : g_strdup (from);

        markup = g_markup_printf_escaped ("<b>%s · %s</b>\n%s\n%s", item->id ? item->id : "",
                                          item->title ? item->title : "", item->detail ? item->detail : "", when);
      }
      break;
    case TD_TIMELINE_ITEM_COMMEMORATION:
    default:
      {
        g_autofree char *when = td_date_format_short (item->date);

        markup = g_markup_printf_escaped ("<b>%s</b>\n%s", item->title ? item->title : "", when);
      }
      break;
    }
  gtk_tooltip_set_markup (tooltip, markup);
  /* The marker may be partly scrolled out: its area is still where the pointer is. */
  (void) td_timeline_view_content_to_widget (self, item->bounds.x, item->bounds.y, &wx, &wy);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floor (wx), (int) floor (wy),
                                                         (int) ceil (item->bounds.width) + 1,
                                                         (int) ceil (item->bounds.height) + 1 });
  return TRUE;
}

/* Drawing */

static void
init_style (TdTimelineView  *self,
            TdTimelineStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    td_timeline_style_init_dark (style);
  else
    td_timeline_style_init_light (style);
  style->font_family = pango_font_description_get_family (
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
}

static void
draw_ghost (cairo_t               *cr,
            double                 x,
            double                 y,
            double                 r,
            TdSeverity             severity,
            const TdTimelineStyle *style)
{
  const TdTimelineColor *c = td_timeline_style_severity_color (style,
                                                              severity == TD_SEVERITY_ERROR ? TD_TIMELINE_SEVERITY_ERROR
                                                              : severity == TD_SEVERITY_WARNING ? TD_TIMELINE_SEVERITY_WARNING
                                                              : TD_TIMELINE_SEVERITY_FINE);

  /* The same shapes as the renderer's markers: diamond, triangle, circle. */
  if (severity == TD_SEVERITY_ERROR)
    {
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
    }
  else if (severity == TD_SEVERITY_WARNING)
    {
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.15, y + r * 0.85);
      cairo_line_to (cr, x - r * 1.15, y + r * 0.85);
      cairo_close_path (cr);
    }
  else
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, style->foreground.red, style->foreground.green, style->foreground.blue, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static char *
verdict_text (TdTimelineView *self)
{
  g_autofree char *date = td_date_format_short (self->drag_date);
  int delta = (int) self->drag_date - (int) self->drag_original;
  g_autofree char *shift = delta == 0 ? g_strdup (_("unchanged"))
                           : delta > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day later", "%d days later", delta), delta)
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day earlier", "%d days earlier", -delta), -delta);
  g_autofree char *verdict = NULL;

  if (self->drag_copy == NULL)
    verdict = g_strdup (_("not checked"));
  else if (self->drag_errors == 0 && self->drag_warnings == 0)
    verdict = g_strdup (_("no problem"));
  else
    {
      g_autofree char *e = self->drag_errors
                           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", self->drag_errors), self->drag_errors)
                           : NULL;
      g_autofree char *w = self->drag_warnings
                           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", self->drag_warnings), self->drag_warnings)
                           : NULL;
      verdict = e && w ? g_strdup_printf (_("%s, %s"), e, w) : g_strdup (e ? e : w);
    }
  /* TRANSLATORS: while dragging a conference: "12/03/2020 (3 days later): 1 error" */
  return g_strdup_printf (_("%s (%s): %s"), date, shift, verdict);
}

static void
draw_drag_preview (TdTimelineView        *self,
                   cairo_t               *cr,
                   const TdTimelineStyle *style)
{
  const TdTimelineItem *item = td_timeline_layout_find_conference (self->layout, self->press_item_id);
  double ox, oy, nx, ppd, band, r = ROW_HEIGHT * 0.3;
  g_autofree char *head = NULL;
  PangoLayout *pl;
  PangoFontDescription *font;
  PangoRectangle ink, logical;
  double bx, by, bw, bh, pad = 6;
  g_autoptr(GString) text = NULL;

  if (item == NULL)
    return;
  band = band_height (self);
  ppd = td_timeline_layout_get_pixels_per_day (self->layout);
  td_timeline_view_content_to_widget (self, item->x, item->y, &ox, &oy);
  nx = ox + ((double) self->drag_date - (double) self->drag_original) * ppd;

  cairo_save (cr);
  cairo_rectangle (cr, self->label_width, band, self->width - self->label_width, self->height - band);
  cairo_clip (cr);

  /* The new day's column, the path from the old date, the marker at the new one. */
  cairo_set_source_rgba (cr, style->focus.red, style->focus.green, style->focus.blue, 0.15);
  cairo_rectangle (cr, nx - ppd / 2, band, ppd, self->height - band);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, style->dim.red, style->dim.green, style->dim.blue, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, ox, oy);
  cairo_line_to (cr, nx, oy);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_ghost (cr, nx, oy, r, self->drag_verdict, style);

  head = verdict_text (self);
  text = g_string_new (NULL);
  {
    g_autofree char *h = g_markup_escape_text (head, -1);
    g_string_append_printf (text, "<b>%s</b>", h);
  }
  if (self->drag_message != NULL)
    {
      g_autofree char *m = g_markup_escape_text (self->drag_message, -1);
      g_string_append_printf (text, "\n%s", m);
    }
  pl = pango_cairo_create_layout (cr);
  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  pango_layout_set_font_description (pl, font);
  pango_layout_set_width (pl, (int) (MIN (420, self->viewport_width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (pl, text->str, -1);
  pango_layout_get_pixel_extents (pl, &ink, &logical);
  bw = logical.width + 2 * pad;
  bh = logical.height + 2 * pad;
  bx = CLAMP (nx - bw / 2, self->label_width + 2, self->width - bw - 2);
  by = oy - r * 1.6 - bh;
  if (by < band + 2)
    by = oy + r * 1.6;

  cairo_set_source_rgba (cr, style->background.red, style->background.green, style->background.blue, 0.96);
  cairo_rectangle (cr, bx, by, bw, bh);
  cairo_fill_preserve (cr);
  {
    const TdTimelineColor *c = td_timeline_style_severity_color (style,
                                                                self->drag_verdict == TD_SEVERITY_ERROR ? TD_TIMELINE_SEVERITY_ERROR
                                                                : self->drag_verdict == TD_SEVERITY_WARNING ? TD_TIMELINE_SEVERITY_WARNING
                                                                : TD_TIMELINE_SEVERITY_FINE);
    cairo_set_source_rgba (cr, c->red, c->green, c->blue, 1);
  }
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, style->foreground.red, style->foreground.green, style->foreground.blue, 1);
  cairo_move_to (cr, bx + pad, by + pad);
  pango_cairo_show_layout (cr, pl);
  pango_font_description_free (font);
  g_object_unref (pl);
  cairo_restore (cr);
}

static void
td_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);
  TdTimelineStyle style;
  TdTimelineRect visible;
  const TdTimelineItem *focused;
  double w = self->width, h = self->height, lw = self->label_width;
  double band, band_content, hv, vv;
  cairo_t *cr;

  ensure_layout (self);
  if (self->layout == NULL || w <= 0 || h <= 0)
    return;

  init_style (self, &style);
  band_content = band_height (self);
  band = MIN (band_content, h);
  hv = hvalue (self);
  vv = vvalue (self);
  focused = gtk_widget_has_focus (widget) ? self->focused : NULL;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* Body: scrolled both ways. */
  if (h > band)
    {
      cairo_save (cr);
      cairo_rectangle (cr, lw, band, w - lw, h - band);
      cairo_clip (cr);
      cairo_translate (cr, lw - hv, -vv);
      visible = (TdTimelineRect) { hv, band_content + vv, w - lw, h - band };
      td_timeline_draw (self->layout, cr, &visible, &style, focused);
      cairo_restore (cr);

      cairo_save (cr);
      cairo_rectangle (cr, 0, band, lw, h - band);
      cairo_clip (cr);
      cairo_translate (cr, 0, -vv);
      td_timeline_draw_labels (self->layout, cr, lw, band_content + vv, h + vv, &style);
      cairo_restore (cr);
    }

  /* Axis and fixed rows: scrolled sideways only. */
  cairo_save (cr);
  cairo_rectangle (cr, lw, 0, w - lw, band);
  cairo_clip (cr);
  cairo_translate (cr, lw - hv, 0);
  visible = (TdTimelineRect) { hv, 0, w - lw, band };
  td_timeline_draw (self->layout, cr, &visible, &style, NULL);
  cairo_restore (cr);

  /* Corner: the fixed rows' titles. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, lw, band);
  cairo_clip (cr);
  td_timeline_draw_labels (self->layout, cr, lw, 0, band, &style);
  cairo_restore (cr);

  cairo_set_source_rgba (cr, style.grid_strong.red, style.grid_strong.green, style.grid_strong.blue,
                         style.grid_strong.alpha);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, lw - 0.5, 0);
  cairo_line_to (cr, lw - 0.5, h);
  cairo_stroke (cr);

  if (self->drag_mode == DRAG_MARKER)
    draw_drag_preview (self, cr, &style);

  cairo_destroy (cr);
}

static void
td_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Scrolled: any size will do. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 600;
}

static void
td_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (widget);
  double label_width = CLAMP (round (width * 0.24), 150, 300);
  double viewport = MAX (width - label_width, 1);

  self->width = width;
  self->height = height;
  self->label_width = label_width;
  if (viewport != self->viewport_width)
    {
      self->viewport_width = viewport;
      /* The scale of a preset (or the lower bound of a custom one) follows the width. */
      self->dirty = TRUE;
    }
  if (self->dirty)
    rebuild (self);
  configure_adjustments (self);
}

/* GtkScrollable */

static void
adjustment_changed_cb (TdTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TdTimelineView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment,
                guint            prop_id)
{
  if (adjustment != NULL && adjustment == *slot)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_object_unref (*slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  configure_adjustments (self);
  g_object_notify (G_OBJECT (self), prop_id == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

static gboolean
td_timeline_view_get_border (GtkScrollable *scrollable,
                             GtkBorder     *border)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (scrollable);

  /* The scrollbars run beside the pinned parts, not over them. */
  border->top = (gint16) band_height (self);
  border->left = (gint16) self->label_width;
  border->right = border->bottom = 0;
  return TRUE;
}

static void
td_timeline_view_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = td_timeline_view_get_border;
}

/* Model */

static void
model_changed_cb (TdTimelineView *self)
{
  invalidate (self);
}

static void
plan_changes_cb (TdTimelineView *self)
{
  /* An undo or another page changed the dragged conference: the preview is stale. */
  if (self->drag_mode == DRAG_MARKER)
    drag_cancel (self);
  invalidate (self);
}

void
td_timeline_view_set_plan (TdTimelineView *self,
                           TdPlan         *plan,
                           TdRules        *rules)
{
  g_return_if_fail (TD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (plan == NULL || TD_IS_PLAN (plan));
  g_return_if_fail (rules == NULL || TD_IS_RULES (rules));

  if (self->drag_pressed)
    drag_cancel (self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->rules != NULL)
    g_signal_handlers_disconnect_by_data (self->rules, self);
  g_set_object (&self->plan, plan);
  g_set_object (&self->rules, rules);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changes", G_CALLBACK (plan_changes_cb), self);
  if (rules != NULL)
    g_signal_connect_swapped (rules, "changed", G_CALLBACK (model_changed_cb), self);
  g_hash_table_remove_all (self->collapsed);
  g_clear_pointer (&self->focused_id, g_free);
  self->focused = NULL;
  rebuild (self);
  configure_adjustments (self);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TdPlan *
td_timeline_view_get_plan (TdTimelineView *self)
{
  g_return_val_if_fail (TD_IS_TIMELINE_VIEW (self), NULL);
  return self->plan;
}

/* GObject */

static void
focus_changed_cb (TdTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
td_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_int (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      td_timeline_view_set_zoom (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_timeline_view_dispose (GObject *object)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (object);

  if (self->dark_handler != 0)
    {
      g_signal_handler_disconnect (adw_style_manager_get_default (), self->dark_handler);
      self->dark_handler = 0;
    }
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->rules != NULL)
    g_signal_handlers_disconnect_by_data (self->rules, self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  drag_state_clear (self);
  g_clear_object (&self->plan);
  g_clear_object (&self->rules);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->layout, td_timeline_layout_unref);
  g_clear_pointer (&self->focused_id, g_free);
  self->focused = NULL;

  G_OBJECT_CLASS (td_timeline_view_parent_class)->dispose (object);
}

static void
td_timeline_view_finalize (GObject *object)
{
  TdTimelineView *self = TD_TIMELINE_VIEW (object);

  g_hash_table_unref (self->collapsed);
  G_OBJECT_CLASS (td_timeline_view_parent_class)->finalize (object);
}

static void
td_timeline_view_class_init (TdTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = td_timeline_view_get_property;
  object_class->set_property = td_timeline_view_set_property;
  object_class->dispose = td_timeline_view_dispose;
  object_class->finalize = td_timeline_view_finalize;
  widget_class->snapshot = td_timeline_view_snapshot;
  widget_class->measure = td_timeline_view_measure;
  widget_class->size_allocate = td_timeline_view_size_allocate;

  properties[PROP_ZOOM] = g_param_spec_int ("zoom", NULL, NULL,
                                            TD_TIMELINE_VIEW_ZOOM_PLAN, TD_TIMELINE_VIEW_ZOOM_CUSTOM,
                                            TD_TIMELINE_VIEW_ZOOM_PLAN,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "timeline-view.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.last", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.zoom-out", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.zoom-plan", NULL, zoom_plan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline-view.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "timeline-view.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline-view.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "timeline-view.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline-view.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline-view.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline-view.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline-view.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline-view.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "timeline-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline-view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline-view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline-view.zoom-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline-view.zoom-plan", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
td_timeline_view_init (TdTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->zoom = TD_TIMELINE_VIEW_ZOOM_PLAN;
  self->dirty = TRUE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  set_adjustment (self, &self->hadjustment, NULL, PROP_HADJUSTMENT);
  set_adjustment (self, &self->vadjustment, NULL, PROP_VADJUSTMENT);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->dark_handler = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (gtk_widget_queue_draw), self);
  update_accessible (self);
}

GtkWidget *
td_timeline_view_new (void)
{
  return g_object_new (TD_TYPE_TIMELINE_VIEW, NULL);
}
