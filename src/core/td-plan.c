/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date.h"
#include "td-json-private.h"
#include "td-plan-private.h"
#include "td-text.h"
#include "td-core-resources.h"

/*
 * The plan owns every record. Edits are grouped between td_plan_begin() and td_plan_commit():
 * each record is snapshotted as interchange JSON when it is first touched, and again at commit.
 * The pair (before, after) is one TdChange; a commit's changes are one undo step, one store
 * transaction (TdStore listens to ::changes) and one incremental re-check (TdRules listens too).
 * Undo and redo apply the snapshots back and emit ::changes with the inverse changes, so that
 * listeners never need to know whether a change came from an edit or from undo.
 */

typedef struct
{
  TdChange  change;
  gpointer  record;    /* a reference to the TdUnit/TdPerson/TdConference, NULL for the plan */
  gboolean  removed;
} Pending;

typedef struct
{
  char      *label;
  char      *merge_key;
  GPtrArray *changes;  /* of TdChange* */
} Step;

typedef struct
{
  GHashTable *units_by_id;        /* borrowed TdUnit* */
  GHashTable *people_by_id;
  GHashTable *conferences_by_id;

  int         depth;
  char       *label;
  char       *merge_key;
  GPtrArray  *pending;            /* of Pending* */
  GHashTable *touched;            /* record (or the plan) → Pending* */

  GPtrArray  *undo;               /* of Step* */
  GPtrArray  *redo;
} TdPlanPrivate;

G_DEFINE_FINAL_TYPE (TdPlan, td_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { CHANGES, METADATA_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define PRIV(self) ((TdPlanPrivate *) (self)->priv)

void
td_change_free (TdChange *change)
{
  if (change == NULL)
    return;
  g_free (change->id);
  g_clear_pointer (&change->before, json_node_unref);
  g_clear_pointer (&change->after, json_node_unref);
  g_free (change);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_free (step->merge_key);
  g_ptr_array_unref (step->changes);
  g_free (step);
}

static void
pending_free (Pending *p)
{
  g_free (p->change.id);
  g_clear_pointer (&p->change.before, json_node_unref);
  g_clear_pointer (&p->change.after, json_node_unref);
  g_clear_object (&p->record);
  g_free (p);
}

TdMilestone *
td_milestone_new (const char *id,
                  const char *title,
                  const char *actor,
                  TdDate      start,
                  TdDate      end)
{
  TdMilestone *m = g_new0 (TdMilestone, 1);

  m->id = g_strdup (id);
  m->title = td_text_nfc (title ? title : "");
  m->actor = td_text_nfc (actor ? actor : "");
  m->start = start;
  m->end = end != TD_DATE_NONE ? end : start;
  return m;
}

void
td_milestone_free (TdMilestone *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->title);
  g_free (m->actor);
  g_free (m);
}

TdCommemoration *
td_commemoration_new (TdDate      date,
                      const char *title,
                      gboolean    yearly)
{
  TdCommemoration *c = g_new0 (TdCommemoration, 1);

  c->date = date;
  c->title = td_text_nfc (title ? title : "");
  c->yearly = yearly;
  return c;
}

void
td_commemoration_free (TdCommemoration *c)
{
  if (c == NULL)
    return;
  g_free (c->title);
  g_free (c);
}

void
td_parameters_init_default (TdParameters *params)
{
  params->plenary_staff_threshold = 200;
  params->grassroots_delegate_cap = 150;
  params->upper_delegate_cap = 300;
  params->leader_share_max_percent = 30;
  params->half_day_minutes = 270;
  params->windows[TD_WINDOW_GRASSROOTS][0] = td_date_new (2020, 1, 1);
  params->windows[TD_WINDOW_GRASSROOTS][1] = td_date_new (2020, 3, 31);
  params->windows[TD_WINDOW_UPPER][0] = td_date_new (2020, 4, 1);
  params->windows[TD_WINDOW_UPPER][1] = td_date_new (2020, 6, 30);
  params->windows[TD_WINDOW_PILOT][0] = td_date_new (2020, 4, 1);
  params->windows[TD_WINDOW_PILOT][1] = td_date_new (2020, 4, 30);
  params->windows[TD_WINDOW_PROVINCE][0] = td_date_new (2020, 7, 1);
  params->windows[TD_WINDOW_PROVINCE][1] = td_date_new (2020, 9, 30);
}

static void
td_plan_finalize (GObject *object)
{
  TdPlan *self = TD_PLAN (object);
  TdPlanPrivate *priv = PRIV (self);

  g_clear_pointer (&priv->units_by_id, g_hash_table_unref);
  g_clear_pointer (&priv->people_by_id, g_hash_table_unref);
  g_clear_pointer (&priv->conferences_by_id, g_hash_table_unref);
  g_clear_pointer (&priv->pending, g_ptr_array_unref);
  g_clear_pointer (&priv->touched, g_hash_table_unref);
  g_clear_pointer (&priv->undo, g_ptr_array_unref);
  g_clear_pointer (&priv->redo, g_ptr_array_unref);
  g_free (priv->label);
  g_free (priv->merge_key);
  g_free (priv);

  g_free (self->title);
  g_free (self->number);
  g_free (self->superior);
  g_free (self->issuer);
  g_free (self->place);
  g_free (self->signer_authority);
  g_free (self->signer_deputy);
  g_free (self->signer_title);
  g_free (self->signer_name);
  g_clear_pointer (&self->legal_bases, g_ptr_array_unref);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_clear_pointer (&self->milestones, g_ptr_array_unref);
  g_clear_pointer (&self->commemorations, g_ptr_array_unref);
  g_clear_pointer (&self->documents, json_object_unref);
  g_clear_object (&self->units);
  g_clear_object (&self->people);
  g_clear_object (&self->conferences);

  G_OBJECT_CLASS (td_plan_parent_class)->finalize (object);
}

static void
td_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TdPlan *self = TD_PLAN (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, td_plan_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, td_plan_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_plan_class_init (TdPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_plan_finalize;
  object_class->get_property = td_plan_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdPlan::changes:
   * @changes: (element-type TdChange): what one commit, undo or redo changed
   *
   * Emitted once per commit, undo and redo, before the records' own ::changed signals.
   */
  signals[CHANGES] = g_signal_new ("changes", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * TdPlan::metadata-changed:
   *
   * Emitted after the plan's own fields (metadata, parameters, milestones) changed.
   */
  signals[METADATA_CHANGED] = g_signal_new ("metadata-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_plan_init (TdPlan *self)
{
  TdPlanPrivate *priv = g_new0 (TdPlanPrivate, 1);

  self->priv = priv;
  priv->units_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  priv->people_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  priv->conferences_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  priv->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  priv->touched = g_hash_table_new (NULL, NULL);
  priv->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  priv->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  self->title = g_strdup ("");
  self->number = g_strdup ("");
  self->superior = g_strdup ("");
  self->issuer = g_strdup ("");
  self->place = g_strdup ("");
  self->signer_authority = g_strdup ("");
  self->signer_deputy = g_strdup ("");
  self->signer_title = g_strdup ("");
  self->signer_name = g_strdup ("");
  self->legal_bases = g_ptr_array_new_with_free_func (g_free);
  self->recipients = g_ptr_array_new_with_free_func (g_free);
  self->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) td_milestone_free);
  self->commemorations = g_ptr_array_new_with_free_func ((GDestroyNotify) td_commemoration_free);
  self->documents = json_object_new ();
  td_parameters_init_default (&self->params);

  self->units = g_list_store_new (TD_TYPE_UNIT);
  self->people = g_list_store_new (TD_TYPE_PERSON);
  self->conferences = g_list_store_new (TD_TYPE_CONFERENCE);
}

TdPlan *
td_plan_new (void)
{
  return g_object_new (TD_TYPE_PLAN, NULL);
}

TdPlan *
td_plan_new_empty (void)
{
  return td_plan_new ();
}

TdPlan *
td_plan_new_sample (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  /* Through td_core_get_resource(): a static library drops the resource's self-registering
   * object file unless something refers to it. */
  bytes = g_resource_lookup_data (td_core_get_resource (),
                                  "/io/github/thidua/Planner/core/sample/tay-ninh-2019.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return td_plan_new_from_json_data (data, (gssize) size, error);
}

/* Lookup */

TdUnit *
td_plan_get_unit (TdPlan     *self,
                  const char *id)
{
  g_return_val_if_fail (TD_IS_PLAN (self), NULL);
  return id ? g_hash_table_lookup (PRIV (self)->units_by_id, id) : NULL;
}

TdPerson *
td_plan_get_person (TdPlan     *self,
                    const char *id)
{
  g_return_val_if_fail (TD_IS_PLAN (self), NULL);
  return id ? g_hash_table_lookup (PRIV (self)->people_by_id, id) : NULL;
}

TdConference *
td_plan_get_conference (TdPlan     *self,
                        const char *id)
{
  g_return_val_if_fail (TD_IS_PLAN (self), NULL);
  return id ? g_hash_table_lookup (PRIV (self)->conferences_by_id, id) : NULL;
}

TdConference *
td_plan_get_unit_conference (TdPlan     *self,
                             const char *unit_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conferences));

  for (guint i = 0; i < n; i++)
    {
      TdConference *c = g_list_model_get_item (G_LIST_MODEL (self->conferences), i);

      g_object_unref (c);  /* the store keeps it alive */
      if (g_strcmp0 (c->unit, unit_id) == 0)
        return c;
    }
  return NULL;
}

GPtrArray *
td_plan_get_children (TdPlan     *self,
                      const char *unit_id)
{
  GPtrArray *children = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));

  for (guint i = 0; i < n; i++)
    {
      TdUnit *u = g_list_model_get_item (G_LIST_MODEL (self->units), i);

      g_object_unref (u);
      if (g_strcmp0 (u->parent, unit_id) == 0)
        g_ptr_array_add (children, u);
    }
  return children;
}

gboolean
td_plan_unit_is_within (TdPlan     *self,
                        const char *unit_id,
                        const char *ancestor_id)
{
  TdUnit *u = td_plan_get_unit (self, unit_id);
  guint guard = 0;

  if (ancestor_id == NULL)
    return FALSE;
  /* The guard stops on a cycle, which validation rejects but a bug could make. */
  while (u != NULL && guard++ < 1000)
    {
      if (strcmp (u->id, ancestor_id) == 0)
        return TRUE;
      u = td_plan_get_unit (self, u->parent);
    }
  return FALSE;
}

char *
td_plan_make_id (TdPlan     *self,
                 TdKind      kind,
                 const char *stem)
{
  GHashTable *table;

  switch (kind)
    {
    case TD_KIND_UNIT:       table = PRIV (self)->units_by_id; break;
    case TD_KIND_PERSON:     table = PRIV (self)->people_by_id; break;
    case TD_KIND_CONFERENCE: table = PRIV (self)->conferences_by_id; break;
    case TD_KIND_PLAN:
    default:                 g_return_val_if_reached (NULL);
    }
  if (!g_hash_table_contains (table, stem))
    return g_strdup (stem);
  for (guint i = g_hash_table_size (table) + 1;; i++)
    {
      char *id = g_strdup_printf ("%s-%u", stem, i);

      if (!g_hash_table_contains (table, id))
        return id;
      g_free (id);
    }
}

/* Records, generically */

static TdKind
record_kind (gpointer record)
{
  if (TD_IS_UNIT (record))
    return TD_KIND_UNIT;
  if (TD_IS_PERSON (record))
    return TD_KIND_PERSON;
  if (TD_IS_CONFERENCE (record))
    return TD_KIND_CONFERENCE;
  g_return_val_if_reached (TD_KIND_PLAN);
}

static const char *
record_id (gpointer record)
{
  switch (record_kind (record))
    {
    case TD_KIND_UNIT:       return TD_UNIT (record)->id;
    case TD_KIND_PERSON:     return TD_PERSON (record)->id;
    case TD_KIND_CONFERENCE: return TD_CONFERENCE (record)->id;
    case TD_KIND_PLAN:
    default:                 return NULL;
    }
}

static JsonNode *
record_to_json (TdPlan  *self,
                gpointer record)
{
  if (record == NULL)
    return td_plan_metadata_to_json (self);
  switch (record_kind (record))
    {
    case TD_KIND_UNIT:       return td_unit_to_json (record);
    case TD_KIND_PERSON:     return td_person_to_json (record);
    case TD_KIND_CONFERENCE: return td_conference_to_json (record);
    case TD_KIND_PLAN:
    default:                 g_return_val_if_reached (NULL);
    }
}

static GListStore *
kind_store (TdPlan *self,
            TdKind  kind)
{
  switch (kind)
    {
    case TD_KIND_UNIT:       return self->units;
    case TD_KIND_PERSON:     return self->people;
    case TD_KIND_CONFERENCE: return self->conferences;
    case TD_KIND_PLAN:
    default:                 g_return_val_if_reached (NULL);
    }
}

static GHashTable *
kind_table (TdPlan *self,
            TdKind  kind)
{
  switch (kind)
    {
    case TD_KIND_UNIT:       return PRIV (self)->units_by_id;
    case TD_KIND_PERSON:     return PRIV (self)->people_by_id;
    case TD_KIND_CONFERENCE: return PRIV (self)->conferences_by_id;
    case TD_KIND_PLAN:
    default:                 g_return_val_if_reached (NULL);
    }
}

static gpointer
lookup_record (TdPlan     *self,
               TdKind      kind,
               const char *id)
{
  return g_hash_table_lookup (kind_table (self, kind), id);
}

static guint
record_position (TdPlan  *self,
                 gpointer record)
{
  guint pos = 0;

  if (!g_list_store_find (kind_store (self, record_kind (record)), record, &pos))
    return G_MAXUINT;
  return pos;
}

/* The same, searched from the end: records are appended, and bulk removals (a rollback, the undo
 * of an import) take the newest first, so that each is found in a step or two. */
static guint
record_position_from_end (TdPlan  *self,
                          gpointer record)
{
  GListModel *model = G_LIST_MODEL (kind_store (self, record_kind (record)));

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i - 1);

      if (item == record)
        return i - 1;
    }
  return G_MAXUINT;
}

static void
insert_record (TdPlan  *self,
               gpointer record,
               int      position)
{
  TdKind kind = record_kind (record);
  GListStore *store = kind_store (self, kind);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_hash_table_insert (kind_table (self, kind), (gpointer) record_id (record), record);
  if (position < 0 || (guint) position >= n)
    g_list_store_append (store, record);
  else
    g_list_store_insert (store, (guint) position, record);
}

static void
drop_record (TdPlan  *self,
             gpointer record)
{
  TdKind kind = record_kind (record);
  guint pos = record_position_from_end (self, record);

  g_hash_table_remove (kind_table (self, kind), record_id (record));
  if (pos != G_MAXUINT)
    g_list_store_remove (kind_store (self, kind), pos);
}

static gpointer
new_record_from_json (TdKind      kind,
                      JsonNode   *node,
                      GError    **error)
{
  JsonObject *o = json_node_get_object (node);
  gpointer record = NULL;
  gboolean ok = FALSE;

  switch (kind)
    {
    case TD_KIND_UNIT:
      record = td_unit_new (NULL, "", TD_LEVEL_GRASSROOTS, NULL);
      ok = td_unit_load_json (record, o, "", error);
      break;
    case TD_KIND_PERSON:
      record = td_person_new (NULL, "", "");
      ok = td_person_load_json (record, o, "", error);
      break;
    case TD_KIND_CONFERENCE:
      record = td_conference_new (NULL, NULL);
      ok = td_conference_load_json (record, o, "", error);
      break;
    case TD_KIND_PLAN:
    default:
      g_return_val_if_reached (NULL);
    }
  if (!ok)
    g_clear_object (&record);
  return record;
}

static gboolean
load_record_json (TdPlan    *self,
                  TdKind     kind,
                  gpointer   record,
                  JsonNode  *node,
                  GError   **error)
{
  JsonObject *o = json_node_get_object (node);
  GHashTable *table;
  gboolean ok;

  if (kind == TD_KIND_PLAN)
    return td_plan_load_metadata_json (self, o, "plan", error);

  /* The id table's keys are the records' own id strings, which loading replaces. */
  table = kind_table (self, kind);
  g_hash_table_remove (table, record_id (record));
  switch (kind)
    {
    case TD_KIND_UNIT:       ok = td_unit_load_json (record, o, "", error); break;
    case TD_KIND_PERSON:     ok = td_person_load_json (record, o, "", error); break;
    case TD_KIND_CONFERENCE: ok = td_conference_load_json (record, o, "", error); break;
    case TD_KIND_PLAN:
    default:                 g_return_val_if_reached (FALSE);
    }
  g_hash_table_insert (table, (gpointer) record_id (record), record);
  return ok;
}

static void
emit_record_changed (TdPlan  *self,
                     TdKind   kind,
                     gpointer record)
{
  switch (kind)
    {
    case TD_KIND_PLAN:       g_signal_emit (self, signals[METADATA_CHANGED], 0); break;
    case TD_KIND_UNIT:       td_unit_emit_changed (record); break;
    case TD_KIND_PERSON:     td_person_emit_changed (record); break;
    case TD_KIND_CONFERENCE: td_conference_emit_changed (record); break;
    default:                 g_return_if_reached ();
    }
}

/* Edits */

gboolean
td_plan_in_edit (TdPlan *self)
{
  return PRIV (self)->depth > 0;
}

void
td_plan_begin (TdPlan     *self,
               const char *label)
{
  TdPlanPrivate *priv;

  g_return_if_fail (TD_IS_PLAN (self));

  priv = PRIV (self);
  if (priv->depth++ == 0)
    {
      g_free (priv->label);
      priv->label = g_strdup (label ? label : "");
      g_clear_pointer (&priv->merge_key, g_free);
    }
}

void
td_plan_begin_merging (TdPlan     *self,
                       const char *label,
                       const char *merge_key)
{
  gboolean outermost;

  g_return_if_fail (TD_IS_PLAN (self));

  outermost = PRIV (self)->depth == 0;
  td_plan_begin (self, label);
  if (outermost)
    PRIV (self)->merge_key = g_strdup (merge_key);
}

/* Whether @changes touch exactly the records of @step, in the same order. */
static gboolean
same_records (Step      *step,
              GPtrArray *changes)
{
  if (step->changes->len != changes->len)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *a = g_ptr_array_index (step->changes, i);
      TdChange *b = g_ptr_array_index (changes, i);

      if (a->kind != b->kind || g_strcmp0 (a->id, b->id) != 0 || a->after == NULL || b->before == NULL)
        return FALSE;
    }
  return TRUE;
}

static Pending *
touch (TdPlan  *self,
       gpointer record)
{
  TdPlanPrivate *priv = PRIV (self);
  gpointer key = record ? record : (gpointer) self;
  Pending *p;

  g_return_val_if_fail (priv->depth > 0, NULL);

  p = g_hash_table_lookup (priv->touched, key);
  if (p != NULL)
    return p;

  p = g_new0 (Pending, 1);
  p->record = record ? g_object_ref (record) : NULL;
  p->change.kind = record ? record_kind (record) : TD_KIND_PLAN;
  p->change.id = g_strdup (record ? record_id (record) : NULL);
  /* A record that is not in the id table is not in the list either: no need to scan for it
   * (an import adds 100,000 people in one edit). */
  if (record == NULL)
    p->change.position = 0;
  else if (record_id (record) != NULL &&
           lookup_record (self, record_kind (record), record_id (record)) == record)
    p->change.position = record_position (self, record);
  else
    p->change.position = G_MAXUINT;
  /* A record not yet in the plan is being added: it has no "before". */
  if (record == NULL || p->change.position != G_MAXUINT)
    p->change.before = record_to_json (self, record);
  g_ptr_array_add (priv->pending, p);
  g_hash_table_insert (priv->touched, key, p);
  return p;
}

void
td_plan_touch_plan (TdPlan *self)
{
  g_return_if_fail (TD_IS_PLAN (self));
  touch (self, NULL);
}

void
td_plan_touch (TdPlan  *self,
               gpointer record)
{
  g_return_if_fail (TD_IS_PLAN (self));
  g_return_if_fail (TD_IS_UNIT (record) || TD_IS_PERSON (record) || TD_IS_CONFERENCE (record));
  touch (self, record);
}

static void
add_record (TdPlan  *self,
            gpointer record,
            int      position)
{
  Pending *p;

  g_return_if_fail (record_id (record) != NULL);
  g_return_if_fail (lookup_record (self, record_kind (record), record_id (record)) == NULL);

  p = touch (self, record);
  g_return_if_fail (p != NULL);
  insert_record (self, record, position);
  p->removed = FALSE;
}

static void
remove_record (TdPlan  *self,
               gpointer record)
{
  Pending *p;

  g_return_if_fail (lookup_record (self, record_kind (record), record_id (record)) == record);

  p = touch (self, record);
  g_return_if_fail (p != NULL);
  drop_record (self, record);
  p->removed = TRUE;
}

void
td_plan_add_unit (TdPlan *self,
                  TdUnit *unit,
                  int     position)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_UNIT (unit));
  add_record (self, unit, position);
}

void
td_plan_remove_unit (TdPlan *self,
                     TdUnit *unit)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_UNIT (unit));
  remove_record (self, unit);
}

void
td_plan_add_person (TdPlan   *self,
                    TdPerson *person)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_PERSON (person));
  add_record (self, person, -1);
}

void
td_plan_remove_person (TdPlan   *self,
                       TdPerson *person)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_PERSON (person));
  remove_record (self, person);
}

void
td_plan_add_conference (TdPlan       *self,
                        TdConference *conference)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_CONFERENCE (conference));
  add_record (self, conference, -1);
}

void
td_plan_remove_conference (TdPlan       *self,
                           TdConference *conference)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_CONFERENCE (conference));
  remove_record (self, conference);
}

/* Emits ::changes for @changes, then the ::changed signal of every record still present. */
static void
emit_changes (TdPlan    *self,
              GPtrArray *changes)
{
  if (changes->len == 0)
    return;

  g_signal_emit (self, signals[CHANGES], 0, changes);
  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *c = g_ptr_array_index (changes, i);
      gpointer record = NULL;

      if (c->after == NULL)
        continue;
      if (c->kind != TD_KIND_PLAN && (record = lookup_record (self, c->kind, c->id)) == NULL)
        continue;
      emit_record_changed (self, c->kind, record);
    }
}

static void
notify_undo_redo (TdPlan *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

typedef struct
{
  guint       count;  /* records of the kind added in the edit */
  GHashTable *map;    /* record → position + 1, when many were added */
} AddedPositions;

/* Position of a record added in the edit being committed. A few are found from the end of the
 * list; many are mapped in one pass over the list, so that a bulk add stays linear. */
static guint
added_position (TdPlan         *self,
                AddedPositions *added,
                gpointer        record)
{
  TdKind kind = record_kind (record);
  AddedPositions *a = &added[kind];

  if (a->count <= 16)
    return record_position_from_end (self, record);
  if (a->map == NULL)
    {
      GListModel *model = G_LIST_MODEL (kind_store (self, kind));
      guint n = g_list_model_get_n_items (model);

      a->map = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);
          g_hash_table_insert (a->map, item, GUINT_TO_POINTER (i + 1));
        }
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (a->map, record)) - 1;
}

void
td_plan_commit (TdPlan *self)
{
  TdPlanPrivate *priv;
  g_autoptr(GPtrArray) changes = NULL;
  AddedPositions added[TD_KIND_CONFERENCE + 1];

  g_return_if_fail (TD_IS_PLAN (self));

  priv = PRIV (self);
  g_return_if_fail (priv->depth > 0);
  if (--priv->depth > 0)
    return;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_free);
  memset (added, 0, sizeof added);
  for (guint i = 0; i < priv->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (priv->pending, i);

      if (p->record != NULL && p->change.position == G_MAXUINT)
        added[p->change.kind].count++;
    }
  for (guint i = 0; i < priv->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (priv->pending, i);
      TdChange *c;
      JsonNode *after = NULL;

      if (p->change.kind == TD_KIND_PLAN || !p->removed)
        after = record_to_json (self, p->record);
      if (td_json_equal (p->change.before, after))
        {
          g_clear_pointer (&after, json_node_unref);
          continue;
        }
      if (p->change.kind == TD_KIND_PERSON && p->record != NULL)
        td_person_invalidate (p->record);
      c = g_new0 (TdChange, 1);
      c->kind = p->change.kind;
      c->id = g_strdup (p->change.id);
      c->before = p->change.before ? json_node_ref (p->change.before) : NULL;
      c->after = after;
      c->position = p->change.position != G_MAXUINT ? p->change.position
                    : (p->record ? added_position (self, added, p->record) : 0);
      g_ptr_array_add (changes, c);
    }
  g_ptr_array_set_size (priv->pending, 0);
  g_hash_table_remove_all (priv->touched);
  for (guint k = 0; k < G_N_ELEMENTS (added); k++)
    g_clear_pointer (&added[k].map, g_hash_table_unref);

  if (changes->len == 0)
    return;

  {
    Step *last = priv->undo->len ? g_ptr_array_index (priv->undo, priv->undo->len - 1) : NULL;

    if (last != NULL && priv->merge_key != NULL && priv->redo->len == 0 &&
        g_strcmp0 (last->merge_key, priv->merge_key) == 0 && same_records (last, changes))
      {
        /* Keep the step's "before", take the new "after". */
        for (guint i = 0; i < changes->len; i++)
          {
            TdChange *mine = g_ptr_array_index (last->changes, i);
            TdChange *theirs = g_ptr_array_index (changes, i);

            g_clear_pointer (&mine->after, json_node_unref);
            mine->after = theirs->after ? json_node_ref (theirs->after) : NULL;
          }
        g_clear_pointer (&priv->label, g_free);
        g_clear_pointer (&priv->merge_key, g_free);
      }
    else
      {
        Step *step = g_new0 (Step, 1);

        step->label = g_steal_pointer (&priv->label);
        step->merge_key = g_steal_pointer (&priv->merge_key);
        step->changes = g_ptr_array_ref (changes);
        g_ptr_array_add (priv->undo, step);
        g_ptr_array_set_size (priv->redo, 0);
      }
  }

  emit_changes (self, changes);
  notify_undo_redo (self);
}

/* Puts the record of @kind/@id into the state @target (NULL: absent), at @position if it must be
 * created. Returns FALSE only if @target does not load, which cannot happen for snapshots. */
static gboolean
apply_state (TdPlan     *self,
             TdKind      kind,
             const char *id,
             JsonNode   *target,
             guint       position)
{
  g_autoptr(GError) error = NULL;
  gpointer record;

  if (kind == TD_KIND_PLAN)
    {
      if (!td_plan_load_metadata_json (self, json_node_get_object (target), "plan", &error))
        {
          g_critical ("Cannot restore the plan's metadata: %s", error->message);
          return FALSE;
        }
      return TRUE;
    }

  record = lookup_record (self, kind, id);
  if (target == NULL)
    {
      if (record != NULL)
        drop_record (self, record);
      return TRUE;
    }
  if (record == NULL)
    {
      g_autoptr(GObject) fresh = new_record_from_json (kind, target, &error);

      if (fresh == NULL)
        {
          g_critical ("Cannot restore %s: %s", id, error->message);
          return FALSE;
        }
      insert_record (self, fresh, (int) position);
      return TRUE;
    }
  if (!load_record_json (self, kind, record, target, &error))
    {
      g_critical ("Cannot restore %s: %s", id, error->message);
      return FALSE;
    }
  if (kind == TD_KIND_PERSON)
    td_person_invalidate (record);
  return TRUE;
}

/* Applies a step forwards (redo) or backwards (undo) and emits the resulting changes. */
static void
replay (TdPlan   *self,
        Step     *step,
        gboolean  backwards)
{
  g_autoptr(GPtrArray) emitted = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_free);
  guint n = step->changes->len;

  for (guint k = 0; k < n; k++)
    {
      TdChange *c = g_ptr_array_index (step->changes, backwards ? n - 1 - k : k);
      JsonNode *from = backwards ? c->after : c->before;
      JsonNode *to = backwards ? c->before : c->after;
      TdChange *e;

      apply_state (self, c->kind, c->id, to, c->position);
      e = g_new0 (TdChange, 1);
      e->kind = c->kind;
      e->id = g_strdup (c->id);
      e->before = from ? json_node_ref (from) : NULL;
      e->after = to ? json_node_ref (to) : NULL;
      e->position = c->position;
      g_ptr_array_add (emitted, e);
    }
  emit_changes (self, emitted);
}

void
td_plan_rollback (TdPlan *self)
{
  TdPlanPrivate *priv;

  g_return_if_fail (TD_IS_PLAN (self));

  priv = PRIV (self);
  g_return_if_fail (priv->depth > 0);
  priv->depth = 0;

  for (guint k = priv->pending->len; k > 0; k--)
    {
      Pending *p = g_ptr_array_index (priv->pending, k - 1);

      if (p->record != NULL && p->change.before == NULL)
        {
          /* Added in this edit: take it out again. */
          if (lookup_record (self, p->change.kind, p->change.id) == p->record)
            drop_record (self, p->record);
          continue;
        }
      apply_state (self, p->change.kind, p->change.id, p->change.before, p->change.position);
    }
  g_ptr_array_set_size (priv->pending, 0);
  g_hash_table_remove_all (priv->touched);
  g_clear_pointer (&priv->label, g_free);
}

gboolean
td_plan_can_undo (TdPlan *self)
{
  g_return_val_if_fail (TD_IS_PLAN (self), FALSE);
  return PRIV (self)->undo->len > 0;
}

gboolean
td_plan_can_redo (TdPlan *self)
{
  g_return_val_if_fail (TD_IS_PLAN (self), FALSE);
  return PRIV (self)->redo->len > 0;
}

const char *
td_plan_get_undo_label (TdPlan *self)
{
  GPtrArray *undo = PRIV (self)->undo;

  return undo->len ? ((Step *) g_ptr_array_index (undo, undo->len - 1))->label : NULL;
}

const char *
td_plan_get_redo_label (TdPlan *self)
{
  GPtrArray *redo = PRIV (self)->redo;

  return redo->len ? ((Step *) g_ptr_array_index (redo, redo->len - 1))->label : NULL;
}

void
td_plan_undo (TdPlan *self)
{
  TdPlanPrivate *priv;
  Step *step;

  g_return_if_fail (TD_IS_PLAN (self));

  priv = PRIV (self);
  g_return_if_fail (priv->depth == 0);
  if (priv->undo->len == 0)
    return;

  step = g_ptr_array_steal_index (priv->undo, priv->undo->len - 1);
  g_ptr_array_add (priv->redo, step);
  replay (self, step, TRUE);
  notify_undo_redo (self);
}

void
td_plan_redo (TdPlan *self)
{
  TdPlanPrivate *priv;
  Step *step;

  g_return_if_fail (TD_IS_PLAN (self));

  priv = PRIV (self);
  g_return_if_fail (priv->depth == 0);
  if (priv->redo->len == 0)
    return;

  step = g_ptr_array_steal_index (priv->redo, priv->redo->len - 1);
  g_ptr_array_add (priv->undo, step);
  replay (self, step, FALSE);
  notify_undo_redo (self);
}

/* Bulk loading */

void
td_plan_load_add_unit (TdPlan *self,
                       TdUnit *unit)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_UNIT (unit));
  insert_record (self, unit, -1);
}

void
td_plan_load_add_person (TdPlan   *self,
                         TdPerson *person)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_PERSON (person));
  insert_record (self, person, -1);
}

void
td_plan_load_add_conference (TdPlan       *self,
                             TdConference *conference)
{
  g_return_if_fail (TD_IS_PLAN (self) && TD_IS_CONFERENCE (conference));
  insert_record (self, conference, -1);
}

void
_td_plan_load_splice (TdPlan    *self,
                      TdKind     kind,
                      GPtrArray *records)
{
  GListStore *store = kind_store (self, kind);
  GHashTable *table = kind_table (self, kind);

  for (guint i = 0; i < records->len; i++)
    {
      gpointer r = g_ptr_array_index (records, i);
      g_hash_table_insert (table, (gpointer) record_id (r), r);
    }
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                       records->pdata, records->len);
}
