/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-units-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-units-page.h"

/* First version: the tree and the editors arrive in the next commit. */
struct _TdUnitsPage
{
  AdwBin  parent_instance;
  TdPlan *plan;
  char   *selected;
};

G_DEFINE_FINAL_TYPE (TdUnitsPage, td_units_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
td_units_page_set_plan (TdUnitsPage *self,
                        TdPlan      *plan)
{
  if (g_set_object (&self->plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

void
td_units_page_select_unit (TdUnitsPage *self,
                           const char  *unit_id)
{
  g_free (self->selected);
  self->selected = g_strdup (unit_id);
}

TdUnit *
td_units_page_get_selected_unit (TdUnitsPage *self)
{
  return self->plan ? td_plan_get_unit (self->plan, self->selected) : NULL;
}

static void
show_conference_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  TdUnitsPage *self = TD_UNITS_PAGE (widget);
  TdConference *c = self->plan ? td_plan_get_conference (self->plan, g_variant_get_string (param, NULL)) : NULL;

  if (c != NULL)
    td_units_page_select_unit (self, c->unit);
}

static void
td_units_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_PLAN)
    td_units_page_set_plan (TD_UNITS_PAGE (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_units_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_PLAN)
    g_value_set_object (value, TD_UNITS_PAGE (object)->plan);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
td_units_page_dispose (GObject *object)
{
  TdUnitsPage *self = TD_UNITS_PAGE (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->selected, g_free);
  G_OBJECT_CLASS (td_units_page_parent_class)->dispose (object);
}

static void
td_units_page_class_init (TdUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_units_page_dispose;
  object_class->set_property = td_units_page_set_property;
  object_class->get_property = td_units_page_get_property;
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "units.show-conference", "s", show_conference_action);
}

static void
td_units_page_init (TdUnitsPage *self)
{
}
