/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-problems"

#include "config.h"

#include <glib/gi18n.h>

#include "td-date.h"
#include "td-problems-model.h"

/* Headers */

G_DEFINE_FINAL_TYPE (TdProblemsHeader, td_problems_header, G_TYPE_OBJECT)

static void
td_problems_header_finalize (GObject *object)
{
  TdProblemsHeader *self = TD_PROBLEMS_HEADER (object);

  g_free (self->conference);
  g_free (self->unit);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (td_problems_header_parent_class)->finalize (object);
}

static void
td_problems_header_class_init (TdProblemsHeaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_problems_header_finalize;
}

static void
td_problems_header_init (TdProblemsHeader *self)
{
}

/* The model */

typedef struct
{
  char       *key;         /* "c:" + conference id, or "u:" + the unit id of a unit's own group */
  gboolean    unit_only;
  const char *conference;
  const char *unit;
  GPtrArray  *violations;  /* borrowed TdViolation*, in the rules' order, then sorted */
  TdSeverity  worst;
  guint       position;    /* in the plan */
} Group;

struct _TdProblemsModel
{
  GObject      parent_instance;

  TdRules     *rules;
  TdPlan      *plan;
  GPtrArray   *items;          /* of GObject (owned): what the model shows */
  GHashTable  *headers;        /* group key → TdProblemsHeader (owned), the ones shown */
  GHashTable  *conf_positions; /* conference id → index + 1 in the plan; NULL when stale */
  GHashTable  *unit_positions; /* unit id → index + 1 */
  TdSeverity   filter;
  guint        counts[TD_SEVERITY_ERROR + 1];
  guint        idle_id;
};

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void td_problems_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdProblemsModel, td_problems_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, td_problems_model_list_model_init))

static GType
td_problems_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
td_problems_model_get_n_items (GListModel *model)
{
  return TD_PROBLEMS_MODEL (model)->items->len;
}

static gpointer
td_problems_model_get_item (GListModel *model,
                            guint       position)
{
  TdProblemsModel *self = TD_PROBLEMS_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
td_problems_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = td_problems_model_get_item_type;
  iface->get_n_items = td_problems_model_get_n_items;
  iface->get_item = td_problems_model_get_item;
}

static GHashTable *
positions_of (GListModel *list,
              gsize       id_offset)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (list, i);
      const char *id = G_STRUCT_MEMBER (const char *, record, id_offset);

      if (id != NULL)
        g_hash_table_insert (table, g_strdup (id), GUINT_TO_POINTER (i + 1));
    }
  return table;
}

static void
group_free (Group *group)
{
  g_free (group->key);
  g_ptr_array_unref (group->violations);
  g_free (group);
}

static int
compare_violations (gconstpointer a,
                    gconstpointer b)
{
  const TdViolation *va = *(TdViolation *const *) a;
  const TdViolation *vb = *(TdViolation *const *) b;

  /* Worst first; the sort is stable, so the rules' own order stays within a severity. */
  return (int) vb->severity - (int) va->severity;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(Group *const *) a;
  const Group *gb = *(Group *const *) b;

  if (ga->worst != gb->worst)
    return (int) gb->worst - (int) ga->worst;
  if (ga->unit_only != gb->unit_only)
    return ga->unit_only ? 1 : -1;
  if (ga->position != gb->position)
    return ga->position < gb->position ? -1 : 1;
  return strcmp (ga->key, gb->key);
}

static gboolean
passes (TdProblemsModel *self,
        TdViolation     *v)
{
  return self->filter == TD_SEVERITY_NONE || v->severity == self->filter;
}

/* The header of @group as it should be now: the one shown when nothing it shows changed. */
static TdProblemsHeader *
group_header (TdProblemsModel *self,
              Group           *group,
              GHashTable      *headers)
{
  TdProblemsHeader *old = g_hash_table_lookup (self->headers, group->key);
  TdConference *conf = group->conference != NULL ? td_plan_get_conference (self->plan, group->conference) : NULL;
  const char *unit_id = conf != NULL ? conf->unit : group->unit;
  TdUnit *unit = unit_id != NULL ? td_plan_get_unit (self->plan, unit_id) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  TdProblemsHeader *header;

  title = g_strdup (unit != NULL && unit->name != NULL ? unit->name : unit_id != NULL ? unit_id : group->key);
  if (group->unit_only)
    subtitle = g_strdup (_("The unit itself"));
  else if (conf != NULL && conf->date != TD_DATE_NONE)
    {
      g_autofree char *date = td_date_format_short (conf->date);
      /* TRANSLATORS: the heading of a conference's problems, under the unit's name */
      subtitle = g_strdup_printf (_("Conference on %s"), date);
    }
  else
    subtitle = g_strdup (_("Conference date not set"));

  if (old != NULL && old->worst == group->worst && old->n_violations == group->violations->len
      && g_strcmp0 (old->title, title) == 0 && g_strcmp0 (old->subtitle, subtitle) == 0
      && g_strcmp0 (old->unit, unit_id) == 0)
    header = g_object_ref (old);
  else
    {
      header = g_object_new (TD_TYPE_PROBLEMS_HEADER, NULL);
      header->conference = g_strdup (group->conference);
      header->unit = g_strdup (unit_id);
      header->title = g_steal_pointer (&title);
      header->subtitle = g_steal_pointer (&subtitle);
      header->worst = group->worst;
      header->n_violations = group->violations->len;
    }
  g_hash_table_insert (headers, g_strdup (group->key), header);
  return header;
}

void
td_problems_model_sync (TdProblemsModel *self)
{
  GListModel *source;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GHashTable) headers = NULL;
  GPtrArray *items, *old;
  guint n, prefix, suffix, common;

  g_return_if_fail (TD_IS_PROBLEMS_MODEL (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->rules == NULL)
    return;

  if (self->conf_positions == NULL)
    self->conf_positions = positions_of (G_LIST_MODEL (self->plan->conferences), G_STRUCT_OFFSET (TdConference, id));
  if (self->unit_positions == NULL)
    self->unit_positions = positions_of (G_LIST_MODEL (self->plan->units), G_STRUCT_OFFSET (TdUnit, id));

  source = td_rules_get_model (self->rules);
  n = g_list_model_get_n_items (source);
  groups = g_hash_table_new (g_str_hash, g_str_equal);
  order = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  held = g_ptr_array_new_full (n, g_object_unref);
  memset (self->counts, 0, sizeof self->counts);

  for (guint i = 0; i < n; i++)
    {
      TdViolation *v = g_list_model_get_item (source, i);
      gboolean unit_only = v->conference == NULL;
      const char *id = unit_only ? v->unit : v->conference;
      g_autofree char *key = NULL;
      Group *group;

      g_ptr_array_add (held, v);
      if ((guint) v->severity < G_N_ELEMENTS (self->counts))
        self->counts[v->severity]++;
      if (id == NULL)
        continue;
      key = g_strconcat (unit_only ? "u:" : "c:", id, NULL);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->key = g_steal_pointer (&key);
          group->unit_only = unit_only;
          group->conference = v->conference;
          group->unit = v->unit;
          group->violations = g_ptr_array_new ();
          group->position = GPOINTER_TO_UINT (g_hash_table_lookup (unit_only ? self->unit_positions
                                                                             : self->conf_positions, id));
          if (group->position == 0)
            group->position = G_MAXUINT;
          g_hash_table_insert (groups, group->key, group);
          g_ptr_array_add (order, group);
        }
      g_ptr_array_add (group->violations, v);
      group->worst = MAX (group->worst, v->severity);
    }

  g_ptr_array_sort (order, compare_groups);

  items = g_ptr_array_new_full (n + order->len, g_object_unref);
  headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      Group *group = g_ptr_array_index (order, i);
      guint shown = 0;

      for (guint k = 0; k < group->violations->len; k++)
        if (passes (self, g_ptr_array_index (group->violations, k)))
          shown++;
      if (shown == 0)
        continue;

      g_ptr_array_sort (group->violations, compare_violations);
      g_ptr_array_add (items, g_object_ref (group_header (self, group, headers)));
      for (guint k = 0; k < group->violations->len; k++)
        {
          TdViolation *v = g_ptr_array_index (group->violations, k);

          if (passes (self, v))
            g_ptr_array_add (items, g_object_ref (v));
        }
    }
  g_hash_table_unref (self->headers);
  self->headers = g_steal_pointer (&headers);

  /* Violations are immutable and the rules keep the objects of an unchanged conference, so
   * equal pointers mean equal rows: replace only what lies between the common ends. */
  old = self->items;
  common = MIN (old->len, items->len);
  for (prefix = 0; prefix < common; prefix++)
    if (g_ptr_array_index (old, prefix) != g_ptr_array_index (items, prefix))
      break;
  for (suffix = 0; suffix < common - prefix; suffix++)
    if (g_ptr_array_index (old, old->len - 1 - suffix) != g_ptr_array_index (items, items->len - 1 - suffix))
      break;

  self->items = items;
  if (old->len != items->len || prefix != common)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix, items->len - prefix - suffix);
  g_ptr_array_unref (old);

  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
sync_idle_cb (gpointer data)
{
  TdProblemsModel *self = data;

  self->idle_id = 0;
  td_problems_model_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (TdProblemsModel *self)
{
  /* Before the next frame is laid out, after everything one edit emits. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_idle_cb, self, NULL);
}

static void
rules_changed_cb (TdProblemsModel *self)
{
  td_problems_model_sync (self);
}

static void
plan_records_changed_cb (TdProblemsModel *self)
{
  g_clear_pointer (&self->conf_positions, g_hash_table_unref);
  g_clear_pointer (&self->unit_positions, g_hash_table_unref);
  schedule_sync (self);
}

TdProblemsModel *
td_problems_model_new (TdRules *rules)
{
  TdProblemsModel *self;

  g_return_val_if_fail (TD_IS_RULES (rules), NULL);

  self = g_object_new (TD_TYPE_PROBLEMS_MODEL, NULL);
  self->rules = g_object_ref (rules);
  self->plan = g_object_ref (td_rules_get_plan (rules));

  g_signal_connect_swapped (rules, "changed", G_CALLBACK (rules_changed_cb), self);
  /* A unit's own violations change without ::changed (it names conferences only). */
  g_signal_connect_swapped (td_rules_get_model (rules), "items-changed", G_CALLBACK (schedule_sync), self);
  /* Names and dates in the headings. */
  g_signal_connect_swapped (self->plan, "changes", G_CALLBACK (schedule_sync), self);
  g_signal_connect_swapped (self->plan->conferences, "items-changed", G_CALLBACK (plan_records_changed_cb), self);
  g_signal_connect_swapped (self->plan->units, "items-changed", G_CALLBACK (plan_records_changed_cb), self);

  td_problems_model_sync (self);
  return self;
}

TdRules *
td_problems_model_get_rules (TdProblemsModel *self)
{
  g_return_val_if_fail (TD_IS_PROBLEMS_MODEL (self), NULL);
  return self->rules;
}

void
td_problems_model_set_filter (TdProblemsModel *self,
                              TdSeverity       only)
{
  g_return_if_fail (TD_IS_PROBLEMS_MODEL (self));

  if (self->filter == only)
    return;
  self->filter = only;
  td_problems_model_sync (self);
}

TdSeverity
td_problems_model_get_filter (TdProblemsModel *self)
{
  g_return_val_if_fail (TD_IS_PROBLEMS_MODEL (self), TD_SEVERITY_NONE);
  return self->filter;
}

guint
td_problems_model_get_count (TdProblemsModel *self,
                             TdSeverity       severity)
{
  guint total = 0;

  g_return_val_if_fail (TD_IS_PROBLEMS_MODEL (self), 0);

  if (severity != TD_SEVERITY_NONE)
    return (guint) severity < G_N_ELEMENTS (self->counts) ? self->counts[severity] : 0;
  for (guint i = 0; i < G_N_ELEMENTS (self->counts); i++)
    total += self->counts[i];
  return total;
}

static void
td_problems_model_dispose (GObject *object)
{
  TdProblemsModel *self = TD_PROBLEMS_MODEL (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->rules != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rules, self);
      g_signal_handlers_disconnect_by_data (td_rules_get_model (self->rules), self);
    }
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->plan, self);
      g_signal_handlers_disconnect_by_data (self->plan->conferences, self);
      g_signal_handlers_disconnect_by_data (self->plan->units, self);
    }
  g_clear_object (&self->rules);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (td_problems_model_parent_class)->dispose (object);
}

static void
td_problems_model_finalize (GObject *object)
{
  TdProblemsModel *self = TD_PROBLEMS_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->conf_positions, g_hash_table_unref);
  g_clear_pointer (&self->unit_positions, g_hash_table_unref);

  G_OBJECT_CLASS (td_problems_model_parent_class)->finalize (object);
}

static void
td_problems_model_class_init (TdProblemsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_problems_model_dispose;
  object_class->finalize = td_problems_model_finalize;

  /**
   * TdProblemsModel::updated:
   *
   * The list and the counts are up to date with the rules (after every sync, changed or not).
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_problems_model_init (TdProblemsModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
