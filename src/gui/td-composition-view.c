/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-composition-view"

#include "config.h"

#include <glib/gi18n.h>

#include "td-composition-view.h"
#include "td-rules.h"
#include "td-text.h"

/* The state: a plain function of the composition */

static void
gauge_clear (TdGauge *gauge)
{
  g_clear_pointer (&gauge->title, g_free);
  g_clear_pointer (&gauge->value, g_free);
}

static void
gauge_free (TdGauge *gauge)
{
  gauge_clear (gauge);
  g_free (gauge);
}

static char *
format_share (int part,
              int total)
{
  return total > 0 ? td_text_format_percent (part, total) : g_strdup ("0");
}

/* "35 (24.6 %)" */
static char *
count_and_share (int part,
                 int total)
{
  g_autofree char *share = format_share (part, total);

  /* TRANSLATORS: a count and its share of the delegates, "35 (24.6 %)" */
  return g_strdup_printf (_("%d (%s %%)"), part, share);
}

const char *
td_gauge_state_to_class (TdGaugeState state)
{
  switch (state)
    {
    case TD_GAUGE_ERROR:   return "error";
    case TD_GAUGE_WARNING: return "warning";
    case TD_GAUGE_INFO:    return "info";
    case TD_GAUGE_NORMAL:
    default:               return NULL;
    }
}

TdCompositionState *
td_composition_state_new (const TdComposition *c,
                          TdUnitNameFunc       unit_name,
                          gpointer             user_data)
{
  TdCompositionState *state;
  gboolean mix_applies, mix_broken;
  g_autoptr(GString) sectors = g_string_new (NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  int n_sectors = 0;

  g_return_val_if_fail (c != NULL, NULL);

  state = g_new0 (TdCompositionState, 1);
  state->quotas = g_ptr_array_new_with_free_func ((GDestroyNotify) gauge_free);

  /* R-CAP1 / R-CAP2 */
  state->total.title = g_strdup (_("Total"));
  if (c->cap >= 0)
    {
      /* TRANSLATORS: convened delegates against the cap, "142 / 150" */
      state->total.value = g_strdup_printf (_("%d / %d"), c->total, c->cap);
      state->total.level = MIN (c->total, c->cap);
      state->total.max_level = c->cap;
      state->total.state = td_composition_over_cap (c) ? TD_GAUGE_ERROR : TD_GAUGE_NORMAL;
    }
  else
    state->total.value = g_strdup_printf ("%d", c->total);

  /* R-MIX: checked below the province, binding except for a plenary. */
  mix_applies = c->level != TD_LEVEL_PROVINCE;
  mix_broken = mix_applies && c->total > 0 && !c->mix_ok;

  state->leaders.title = g_strdup (_("Leaders"));
  state->exemplars.title = g_strdup (_("Exemplars"));
  if (mix_applies)
    {
      g_autofree char *leaders = count_and_share (c->leaders, c->total);
      g_autofree char *exemplars = count_and_share (c->exemplars, c->total);
      int max = CLAMP (c->leader_max_percent, 0, 100);

      /* TRANSLATORS: "42 (29.6 %) / at most 30 %": leaders against the plan's limit */
      state->leaders.value = g_strdup_printf (_("%s / at most %d %%"), leaders, max);
      /* TRANSLATORS: "100 (70.4 %) / at least 70 %": the 70 % group against its minimum */
      state->exemplars.value = g_strdup_printf (_("%s / at least %d %%"), exemplars, 100 - max);
      if (max > 0)
        {
          /* The bar shows how much of the allowed share is taken: full at the limit. */
          state->leaders.level = c->total > 0 ? MIN (100.0 * c->leaders / c->total, (double) max) : 0;
          state->leaders.max_level = max;
        }
      if (mix_broken)
        state->leaders.state = state->exemplars.state = c->mix_binding ? TD_GAUGE_ERROR : TD_GAUGE_INFO;
    }
  else
    {
      state->leaders.value = count_and_share (c->leaders, c->total);
      state->exemplars.value = count_and_share (c->exemplars, c->total);
    }

  /* R-PRIO */
  state->women.title = g_strdup (_("Women"));
  state->women.value = count_and_share (c->women, c->total);
  if (c->total >= TD_RULES_PRIO_MIN_DELEGATES && c->women == 0)
    state->women.state = TD_GAUGE_WARNING;

  state->minorities.title = g_strdup (_("Ethnic minorities"));
  state->minorities.value = count_and_share (c->minorities, c->total);

  state->sectors.title = g_strdup (_("Economic sectors"));
  for (int s = 0; s < TD_N_SECTORS; s++)
    if (c->sectors[s] > 0)
      {
        if (sectors->len > 0)
          g_string_append (sectors, " · ");
        g_string_append_printf (sectors, "%s %d", td_sector_label ((TdSector) s), c->sectors[s]);
        n_sectors++;
      }
  state->sectors.value = sectors->len > 0 ? g_string_free (g_steal_pointer (&sectors), FALSE) : g_strdup ("—");
  if (c->level == TD_LEVEL_UPPER && c->total >= TD_RULES_PRIO_MIN_DELEGATES && n_sectors == 1)
    state->sectors.state = TD_GAUGE_WARNING;

  /* R-QUOTA */
  for (guint i = 0; c->quotas != NULL && i < c->quotas->len; i++)
    {
      const TdQuotaUse *use = &g_array_index (c->quotas, TdQuotaUse, i);
      const char *name = unit_name != NULL ? unit_name (use->unit, user_data) : NULL;
      TdGauge *gauge = g_new0 (TdGauge, 1);

      gauge->title = g_strdup (name != NULL ? name : use->unit);
      /* TRANSLATORS: seats used of the seats allotted, "3 / 5" */
      gauge->value = g_strdup_printf (_("%d / %d"), use->used, use->seats);
      gauge->level = MIN (use->used, use->seats);
      gauge->max_level = use->seats;
      gauge->state = use->used > use->seats ? TD_GAUGE_ERROR
                   : use->used < use->seats ? TD_GAUGE_WARNING : TD_GAUGE_NORMAL;
      g_ptr_array_add (state->quotas, gauge);
    }

  if (c->guests > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%d guest, not counted.",
                                                          "%d guests, not counted.", c->guests),
                                             c->guests));
  if (c->unknown > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%d delegate is not among the plan’s people and is not counted.",
                                                          "%d delegates are not among the plan’s people and are not counted.",
                                                          c->unknown),
                                             c->unknown));
  if (notes->len > 0)
    {
      g_ptr_array_add (notes, NULL);
      state->note = g_strjoinv (" ", (char **) notes->pdata);
    }

  if (mix_broken && c->mix_binding)
    {
      state->fix = td_composition_format_mix_fix (c);
      state->fix_state = TD_GAUGE_ERROR;
    }
  else if (mix_broken)
    {
      state->fix = g_strdup (_("A plenary conference convenes everyone: the share of leaders is for information only."));
      state->fix_state = TD_GAUGE_INFO;
    }

  return state;
}

void
td_composition_state_free (TdCompositionState *state)
{
  if (state == NULL)
    return;
  gauge_clear (&state->total);
  gauge_clear (&state->leaders);
  gauge_clear (&state->exemplars);
  gauge_clear (&state->women);
  gauge_clear (&state->minorities);
  gauge_clear (&state->sectors);
  g_clear_pointer (&state->quotas, g_ptr_array_unref);
  g_free (state->note);
  g_free (state->fix);
  g_free (state);
}

/* The widget: a grid of gauge rows that only shows the state */

typedef struct
{
  GtkWidget *title;
  GtkWidget *value;
  GtkWidget *bar;
} GaugeRow;

struct _TdCompositionView
{
  AdwBin              parent_instance;

  GtkWidget          *box;
  GtkGrid            *grid;
  GtkWidget          *fix_label;
  GtkWidget          *note_label;

  GaugeRow            rows[6];       /* total, leaders, exemplars, women, minorities, sectors */
  GtkWidget          *quota_title;
  GArray             *quota_rows;    /* of GaugeRow */

  TdPlan             *plan;
  TdComposition      *composition;   /* a copy */
  TdCompositionState *state;
};

G_DEFINE_FINAL_TYPE (TdCompositionView, td_composition_view, ADW_TYPE_BIN)

static const char *const row_names[] = {
  "composition-total", "composition-leaders", "composition-exemplars",
  "composition-women", "composition-minorities", "composition-sectors",
};

static void
set_state_class (GtkWidget    *widget,
                 TdGaugeState  state)
{
  static const char *const classes[] = { "error", "warning", "info" };
  const char *wanted = td_gauge_state_to_class (state);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void
gauge_row_init (TdCompositionView *self,
                GaugeRow          *row,
                int                line,
                const char        *name)
{
  row->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0);
  gtk_widget_add_css_class (row->title, "dim-label");
  gtk_widget_set_valign (row->title, GTK_ALIGN_BASELINE);

  row->value = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->value), 0);
  gtk_label_set_wrap (GTK_LABEL (row->value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->value), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (row->value, TRUE);
  gtk_widget_set_valign (row->value, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (row->value, "composition-gauge");
  gtk_widget_add_css_class (row->value, "numeric");
  if (name != NULL)
    gtk_widget_set_name (row->value, name);

  row->bar = gtk_level_bar_new ();
  /* The default offsets would colour a low level as a warning; the state class colours it. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (row->bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (row->bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (row->bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (row->bar, 96, -1);
  gtk_widget_set_valign (row->bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->bar, "composition-gauge");

  gtk_grid_attach (self->grid, row->title, 0, line, 1, 1);
  gtk_grid_attach (self->grid, row->value, 1, line, 1, 1);
  gtk_grid_attach (self->grid, row->bar, 2, line, 1, 1);
}

static void
gauge_row_show (GaugeRow      *row,
                const TdGauge *gauge)
{
  gtk_label_set_text (GTK_LABEL (row->title), gauge->title);
  gtk_label_set_text (GTK_LABEL (row->value), gauge->value);
  set_state_class (row->value, gauge->state);
  set_state_class (row->bar, gauge->state);
  gtk_widget_set_visible (row->bar, gauge->max_level > 0);
  if (gauge->max_level > 0)
    {
      gtk_level_bar_set_max_value (GTK_LEVEL_BAR (row->bar), gauge->max_level);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (row->bar), CLAMP (gauge->level, 0, gauge->max_level));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gauge->title, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->value),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gauge->title, -1);
}

static void
gauge_row_remove (TdCompositionView *self,
                  GaugeRow          *row)
{
  gtk_grid_remove (self->grid, row->title);
  gtk_grid_remove (self->grid, row->value);
  gtk_grid_remove (self->grid, row->bar);
}

static const char *
plan_unit_name (const char *unit_id,
                gpointer    user_data)
{
  TdPlan *plan = user_data;
  TdUnit *unit = plan != NULL && unit_id != NULL ? td_plan_get_unit (plan, unit_id) : NULL;

  return unit != NULL ? unit->name : NULL;
}

static void
update (TdCompositionView *self)
{
  const TdGauge *gauges[6];
  TdCompositionState *state;
  guint n_fixed = G_N_ELEMENTS (self->rows);

  g_clear_pointer (&self->state, td_composition_state_free);
  gtk_widget_set_visible (self->box, self->composition != NULL);
  if (self->composition == NULL)
    return;

  state = self->state = td_composition_state_new (self->composition, plan_unit_name, self->plan);
  gauges[0] = &state->total;
  gauges[1] = &state->leaders;
  gauges[2] = &state->exemplars;
  gauges[3] = &state->women;
  gauges[4] = &state->minorities;
  gauges[5] = &state->sectors;
  for (guint i = 0; i < n_fixed; i++)
    gauge_row_show (&self->rows[i], gauges[i]);

  /* Quota lines are few and change only with the conference: rebuild them when their number does. */
  if (self->quota_rows->len != state->quotas->len)
    {
      for (guint i = 0; i < self->quota_rows->len; i++)
        gauge_row_remove (self, &g_array_index (self->quota_rows, GaugeRow, i));
      g_array_set_size (self->quota_rows, 0);
      for (guint i = 0; i < state->quotas->len; i++)
        {
          GaugeRow row;

          gauge_row_init (self, &row, n_fixed + 1 + i, NULL);
          gtk_widget_set_margin_start (row.title, 12);
          g_array_append_val (self->quota_rows, row);
        }
    }
  gtk_widget_set_visible (self->quota_title, state->quotas->len > 0);
  for (guint i = 0; i < state->quotas->len; i++)
    gauge_row_show (&g_array_index (self->quota_rows, GaugeRow, i), g_ptr_array_index (state->quotas, i));

  gtk_widget_set_visible (self->fix_label, state->fix != NULL);
  gtk_label_set_text (GTK_LABEL (self->fix_label), state->fix != NULL ? state->fix : "");
  set_state_class (self->fix_label, state->fix_state);
  gtk_widget_set_visible (self->note_label, state->note != NULL);
  gtk_label_set_text (GTK_LABEL (self->note_label), state->note != NULL ? state->note : "");
}

static TdComposition *
composition_copy (const TdComposition *c)
{
  TdComposition *copy = g_memdup2 (c, sizeof *c);

  copy->quotas = g_array_sized_new (FALSE, TRUE, sizeof (TdQuotaUse), c->quotas != NULL ? c->quotas->len : 0);
  for (guint i = 0; c->quotas != NULL && i < c->quotas->len; i++)
    {
      TdQuotaUse use = g_array_index (c->quotas, TdQuotaUse, i);

      use.unit = g_strdup (use.unit);
      g_array_append_val (copy->quotas, use);
    }
  return copy;
}

static void
composition_free (TdComposition *c)
{
  for (guint i = 0; i < c->quotas->len; i++)
    g_free (g_array_index (c->quotas, TdQuotaUse, i).unit);
  g_array_unref (c->quotas);
  g_free (c);
}

void
td_composition_view_set_composition (TdCompositionView   *self,
                                     const TdComposition *composition)
{
  g_return_if_fail (TD_IS_COMPOSITION_VIEW (self));

  g_clear_pointer (&self->composition, composition_free);
  if (composition != NULL)
    self->composition = composition_copy (composition);
  update (self);
}

void
td_composition_view_set_plan (TdCompositionView *self,
                              TdPlan            *plan)
{
  g_return_if_fail (TD_IS_COMPOSITION_VIEW (self));
  g_return_if_fail (plan == NULL || TD_IS_PLAN (plan));

  if (g_set_object (&self->plan, plan))
    update (self);
}

const TdCompositionState *
td_composition_view_get_state (TdCompositionView *self)
{
  g_return_val_if_fail (TD_IS_COMPOSITION_VIEW (self), NULL);
  return self->state;
}

GtkWidget *
td_composition_view_new (void)
{
  return g_object_new (TD_TYPE_COMPOSITION_VIEW, NULL);
}

static void
td_composition_view_dispose (GObject *object)
{
  TdCompositionView *self = TD_COMPOSITION_VIEW (object);

  g_clear_pointer (&self->state, td_composition_state_free);
  g_clear_pointer (&self->composition, composition_free);
  g_clear_pointer (&self->quota_rows, g_array_unref);
  g_clear_object (&self->plan);
  /* The bin would unparent its child again after the template disposed it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_COMPOSITION_VIEW);

  G_OBJECT_CLASS (td_composition_view_parent_class)->dispose (object);
}

static void
td_composition_view_class_init (TdCompositionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_composition_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-composition-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCompositionView, box);
  gtk_widget_class_bind_template_child (widget_class, TdCompositionView, grid);
  gtk_widget_class_bind_template_child (widget_class, TdCompositionView, fix_label);
  gtk_widget_class_bind_template_child (widget_class, TdCompositionView, note_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
td_composition_view_init (TdCompositionView *self)
{
  guint n_fixed = G_N_ELEMENTS (self->rows);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->quota_rows = g_array_new (FALSE, TRUE, sizeof (GaugeRow));

  for (guint i = 0; i < n_fixed; i++)
    gauge_row_init (self, &self->rows[i], i, row_names[i]);

  self->quota_title = gtk_label_new (_("Seats allotted"));
  gtk_label_set_xalign (GTK_LABEL (self->quota_title), 0);
  gtk_widget_add_css_class (self->quota_title, "dim-label");
  gtk_widget_set_margin_top (self->quota_title, 6);
  gtk_widget_set_visible (self->quota_title, FALSE);
  gtk_grid_attach (self->grid, self->quota_title, 0, n_fixed, 3, 1);
}
