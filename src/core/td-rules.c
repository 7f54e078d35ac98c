/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-composition.h"
#include "td-date.h"
#include "td-rules.h"
#include "td-text.h"

/*
 * The rules of domain/rules.md. Every conference is checked on its own, given a small index
 * of the unit tree (Ctx) for the rules that look at other units: R-ORDER (the conferences
 * below), R-PILOT (the pilots below a listed body) and R-QUOTA (through td_plan_get_unit).
 * The full check is the concatenation of the per-conference checks plus the R-PILOT checks of
 * listed bodies that hold no conference, so an incremental re-check that re-runs the right
 * conferences gives exactly the result of a full one.
 */

/* Deeper than any real unit tree; stops a walk on a (corrupt) cycle of parents. */
#define MAX_DEPTH 64
/* People named in a message before "and N more". */
#define MAX_NAMED 5

/* TdViolation */

enum {
  VPROP_0,
  VPROP_RULE,
  VPROP_SEVERITY,
  VPROP_CONFERENCE,
  VPROP_UNIT,
  VPROP_FIELD,
  VPROP_MESSAGE,
  N_VPROPS
};

static GParamSpec *violation_props[N_VPROPS];

G_DEFINE_FINAL_TYPE (TdViolation, td_violation, G_TYPE_OBJECT)

static void
td_violation_finalize (GObject *object)
{
  TdViolation *self = TD_VIOLATION (object);

  g_free (self->conference);
  g_free (self->unit);
  g_strfreev (self->people);
  g_free (self->message);

  G_OBJECT_CLASS (td_violation_parent_class)->finalize (object);
}

static void
td_violation_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TdViolation *self = TD_VIOLATION (object);

  switch (prop_id)
    {
    case VPROP_RULE:       g_value_set_string (value, self->rule); break;
    case VPROP_SEVERITY:   g_value_set_int (value, self->severity); break;
    case VPROP_CONFERENCE: g_value_set_string (value, self->conference); break;
    case VPROP_UNIT:       g_value_set_string (value, self->unit); break;
    case VPROP_FIELD:      g_value_set_string (value, self->field); break;
    case VPROP_MESSAGE:    g_value_set_string (value, self->message); break;
    default:               G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_violation_class_init (TdViolationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = td_violation_finalize;
  object_class->get_property = td_violation_get_property;

  violation_props[VPROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, flags);
  /* A TdSeverity (an int, so that GtkExpressions and sorters can use it directly). */
  violation_props[VPROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL,
                                                      TD_SEVERITY_NONE, TD_SEVERITY_ERROR,
                                                      TD_SEVERITY_NONE, flags);
  violation_props[VPROP_CONFERENCE] = g_param_spec_string ("conference", NULL, NULL, NULL, flags);
  violation_props[VPROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  violation_props[VPROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, flags);
  violation_props[VPROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_VPROPS, violation_props);
}

static void
td_violation_init (TdViolation *self)
{
}

TdViolation *
td_violation_new (const char  *rule,
                  TdSeverity   severity,
                  const char  *conference,
                  const char  *unit,
                  const char  *field,
                  char       **people,
                  const char  *message)
{
  TdViolation *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (TD_TYPE_VIOLATION, NULL);
  self->rule = g_intern_string (rule);
  self->severity = severity;
  self->conference = g_strdup (conference);
  self->unit = g_strdup (unit);
  self->field = field != NULL ? g_intern_string (field) : NULL;
  self->people = people != NULL ? g_strdupv (people) : g_new0 (char *, 1);
  self->message = g_strdup (message);
  return self;
}

/* Takes @people and @message. */
static TdViolation *
violation_take (const char  *rule,
                TdSeverity   severity,
                const char  *conference,
                const char  *unit,
                const char  *field,
                char       **people,
                char        *message)
{
  TdViolation *self = g_object_new (TD_TYPE_VIOLATION, NULL);

  self->rule = rule;
  self->severity = severity;
  self->conference = g_strdup (conference);
  self->unit = g_strdup (unit);
  self->field = field;
  self->people = people != NULL ? people : g_new0 (char *, 1);
  self->message = message;
  return self;
}

gboolean
td_violation_equal (TdViolation *a,
                    TdViolation *b)
{
  g_return_val_if_fail (TD_IS_VIOLATION (a), FALSE);
  g_return_val_if_fail (TD_IS_VIOLATION (b), FALSE);

  return a->severity == b->severity
      && g_strcmp0 (a->rule, b->rule) == 0
      && g_strcmp0 (a->conference, b->conference) == 0
      && g_strcmp0 (a->unit, b->unit) == 0
      && g_strcmp0 (a->field, b->field) == 0
      && g_strcmp0 (a->message, b->message) == 0
      && g_strv_equal ((const char * const *) a->people, (const char * const *) b->people);
}

JsonNode *
td_violation_to_json (TdViolation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (TD_IS_VIOLATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, self->rule);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, td_severity_to_string (self->severity));
  json_builder_set_member_name (builder, "conference");
  if (self->conference != NULL)
    json_builder_add_string_value (builder, self->conference);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "unit");
  if (self->unit != NULL)
    json_builder_add_string_value (builder, self->unit);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "field");
  if (self->field != NULL)
    json_builder_add_string_value (builder, self->field);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; self->people[i] != NULL; i++)
    json_builder_add_string_value (builder, self->people[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, self->message);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
td_severity_to_string (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return "error";
    case TD_SEVERITY_WARNING: return "warning";
    case TD_SEVERITY_INFO:    return "info";
    case TD_SEVERITY_NONE:
    default:                  return "none";
    }
}

const char *
td_severity_label (TdSeverity severity)
{
  switch (severity)
    {
    case TD_SEVERITY_ERROR:   return _("Error");
    case TD_SEVERITY_WARNING: return _("Warning");
    case TD_SEVERITY_INFO:    return _("Information");
    case TD_SEVERITY_NONE:
    default:                  return _("No problems");
    }
}

TdSeverity
td_violations_get_worst (GPtrArray *violations)
{
  TdSeverity worst = TD_SEVERITY_NONE;

  g_return_val_if_fail (violations != NULL, TD_SEVERITY_NONE);

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      worst = MAX (worst, v->severity);
    }
  return worst;
}

guint
td_violations_count_errors (GPtrArray *violations)
{
  guint n = 0;

  g_return_val_if_fail (violations != NULL, 0);

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (v->severity == TD_SEVERITY_ERROR)
        n++;
    }
  return n;
}

TdDate
td_rules_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return td_date_new (g_date_time_get_year (now), g_date_time_get_month (now),
                      g_date_time_get_day_of_month (now));
}

/* The unit tree index */

typedef struct _Node Node;
struct _Node
{
  char      *id;
  TdUnit    *unit;         /* a reference */
  char      *parent_id;
  Node      *parent;
  GPtrArray *children;     /* of Node*, NULL when none */
  GPtrArray *conferences;  /* of TdConference* (references), in plan order, NULL when none */
};

typedef struct
{
  GHashTable *nodes;        /* unit id → Node* (owned) */
  GHashTable *conferences;  /* conference id → TdConference* (borrowed from the nodes) */
  GHashTable *conf_units;   /* conference id → unit id at indexing time (owned copies) */
  GPtrArray  *pilot_bodies; /* of Node*, in plan order */
  GHashTable *quota_confs;  /* unit id → GPtrArray of ids of conferences with a quota for it */
} Ctx;

static void
node_free (Node *node)
{
  g_free (node->id);
  g_free (node->parent_id);
  g_clear_object (&node->unit);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->conferences, g_ptr_array_unref);
  g_free (node);
}

static void
ctx_free (Ctx *ctx)
{
  if (ctx == NULL)
    return;
  g_clear_pointer (&ctx->conferences, g_hash_table_unref);
  g_clear_pointer (&ctx->conf_units, g_hash_table_unref);
  g_clear_pointer (&ctx->pilot_bodies, g_ptr_array_unref);
  g_clear_pointer (&ctx->quota_confs, g_hash_table_unref);
  g_clear_pointer (&ctx->nodes, g_hash_table_unref);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ctx, ctx_free)

static Ctx *
ctx_new (TdPlan *plan)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  GListModel *units = G_LIST_MODEL (plan->units);
  GListModel *conferences = G_LIST_MODEL (plan->conferences);
  guint n_units = g_list_model_get_n_items (units);
  guint n_conferences = g_list_model_get_n_items (conferences);
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new (n_units);

  ctx->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) node_free);
  ctx->conferences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->conf_units = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ctx->pilot_bodies = g_ptr_array_new ();
  ctx->quota_confs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n_units; i++)
    {
      TdUnit *unit = g_list_model_get_item (units, i);  /* the node keeps the reference */
      Node *node;

      if (unit->id == NULL || g_hash_table_contains (ctx->nodes, unit->id))
        {
          g_object_unref (unit);
          continue;
        }
      node = g_new0 (Node, 1);
      node->id = g_strdup (unit->id);
      node->parent_id = g_strdup (unit->parent);
      node->unit = unit;
      g_hash_table_insert (ctx->nodes, node->id, node);
      g_ptr_array_add (order, node);
    }

  for (guint i = 0; i < order->len; i++)
    {
      Node *node = g_ptr_array_index (order, i);

      if (node->parent_id != NULL)
        node->parent = g_hash_table_lookup (ctx->nodes, node->parent_id);
      if (node->parent != NULL)
        {
          if (node->parent->children == NULL)
            node->parent->children = g_ptr_array_new ();
          g_ptr_array_add (node->parent->children, node);
        }
      if (node->unit->pilot_body)
        g_ptr_array_add (ctx->pilot_bodies, node);
    }

  for (guint i = 0; i < n_conferences; i++)
    {
      g_autoptr(TdConference) conference = g_list_model_get_item (conferences, i);
      Node *node;
      char *key;

      if (conference->id == NULL || g_hash_table_contains (ctx->conferences, conference->id))
        continue;
      key = g_strdup (conference->id);
      g_hash_table_insert (ctx->conferences, key, conference);
      g_hash_table_insert (ctx->conf_units, key, g_strdup (conference->unit));
      for (guint q = 0; q < conference->quotas->len; q++)
        {
          const TdQuota *quota = &g_array_index (conference->quotas, TdQuota, q);
          GPtrArray *ids;

          if (quota->unit == NULL)
            continue;
          ids = g_hash_table_lookup (ctx->quota_confs, quota->unit);
          if (ids == NULL)
            {
              ids = g_ptr_array_new ();
              g_hash_table_insert (ctx->quota_confs, g_strdup (quota->unit), ids);
            }
          g_ptr_array_add (ids, key);
        }
      node = conference->unit != NULL ? g_hash_table_lookup (ctx->nodes, conference->unit) : NULL;
      if (node != NULL)
        {
          if (node->conferences == NULL)
            node->conferences = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (node->conferences, g_object_ref (conference));
        }
    }

  return ctx;
}

static Node *
ctx_node (Ctx        *ctx,
          const char *unit_id)
{
  return unit_id != NULL ? g_hash_table_lookup (ctx->nodes, unit_id) : NULL;
}

/* The checks */

typedef struct
{
  TdPlan *plan;
  Ctx    *ctx;
  TdDate  today;
} Check;

static char *
format_duration (int minutes)
{
  int h = minutes / 60, m = minutes % 60;

  if (h == 0)
    /* TRANSLATORS: a length of time */
    return g_strdup_printf (_("%d min"), m);
  if (m == 0)
    /* TRANSLATORS: a length of time, in hours */
    return g_strdup_printf (_("%d h"), h);
  /* TRANSLATORS: a length of time: hours and minutes */
  return g_strdup_printf (_("%d h %02d min"), h, m);
}

static char *
format_date (TdDate date)
{
  return td_date_format_short (date);
}

static const char *
unit_name (TdPlan     *plan,
           const char *unit_id)
{
  TdUnit *unit = unit_id != NULL ? td_plan_get_unit (plan, unit_id) : NULL;

  if (unit != NULL && unit->name != NULL && unit->name[0] != '\0')
    return unit->name;
  return unit_id != NULL ? unit_id : "";
}

/* "Nguyễn Văn A, Trần Thị B and 3 more" */
static char *
format_names (TdPlan    *plan,
              GPtrArray *ids)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint shown = MIN (ids->len, MAX_NAMED);

  for (guint i = 0; i < shown; i++)
    {
      TdPerson *person = td_plan_get_person (plan, g_ptr_array_index (ids, i));
      g_autofree char *name = person != NULL ? td_person_dup_full_name (person) : NULL;

      if (i > 0)
        g_string_append (names, _(", "));
      g_string_append (names, name != NULL ? name : (const char *) g_ptr_array_index (ids, i));
    }
  if (ids->len > shown)
    {
      int more = (int) (ids->len - shown);

      g_string_append_c (names, ' ');
      g_string_append_printf (names,
                              /* TRANSLATORS: after a list of names */
                              g_dngettext (GETTEXT_PACKAGE, "and %d more", "and %d more", more),
                              more);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A NULL-terminated copy of an array of borrowed strings. */
static char **
strv_from_array (GPtrArray *ids)
{
  char **v = g_new0 (char *, ids->len + 1);

  for (guint i = 0; i < ids->len; i++)
    v[i] = g_strdup (g_ptr_array_index (ids, i));
  return v;
}

static void
add (GPtrArray    *out,
     TdConference *conference,
     const char   *rule,
     TdSeverity    severity,
     const char   *field,
     char        **people,
     char         *message)
{
  g_ptr_array_add (out, violation_take (rule, severity, conference->id, conference->unit,
                                        field, people, message));
}

static void
check_mode (Check        *c,
            TdConference *conf,
            TdUnit       *unit,
            GPtrArray    *out)
{
  int threshold = c->plan->params.plenary_staff_threshold;

  if (unit == NULL || unit->level != TD_LEVEL_GRASSROOTS || unit->staff < 0)
    return;

  if (unit->staff > threshold && conf->mode == TD_MODE_PLENARY)
    add (out, conf, "R-MODE", TD_SEVERITY_ERROR, TD_FIELD_MODE, NULL,
         g_strdup_printf (_("The unit has %d staff, more than %d: a plenary conference is not "
                            "allowed; hold a representative conference."),
                          unit->staff, threshold));
  else if (unit->staff < threshold && conf->mode == TD_MODE_REPRESENTATIVE)
    add (out, conf, "R-MODE", TD_SEVERITY_ERROR, TD_FIELD_MODE, NULL,
         g_strdup_printf (_("The unit has %d staff, fewer than %d: a representative conference "
                            "is not allowed; hold a plenary conference."),
                          unit->staff, threshold));
  else if (unit->staff == threshold)
    add (out, conf, "R-MODE", TD_SEVERITY_INFO, TD_FIELD_MODE, NULL,
         g_strdup_printf (_("The unit has exactly %d staff: the plan only says “under %d” "
                            "(plenary) and “over %d” (representative), so both modes are "
                            "allowed."),
                          unit->staff, threshold, threshold));
}

static void
check_cap (Check         *c,
           TdConference  *conf,
           TdComposition *comp,
           GPtrArray     *out)
{
  int over;

  if (!td_composition_over_cap (comp))
    return;

  over = comp->total - comp->cap;
  if (g_strcmp0 (comp->cap_rule, "R-CAP1") == 0)
    add (out, conf, "R-CAP1", TD_SEVERITY_ERROR, TD_FIELD_DELEGATES, NULL,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d delegates are convened, more than the %d allowed for "
                                       "a grassroots representative conference: remove %d "
                                       "(guests are not counted).",
                                       "%d delegates are convened, more than the %d allowed for "
                                       "a grassroots representative conference: remove %d "
                                       "(guests are not counted).",
                                       over),
                          comp->total, comp->cap, over));
  else
    add (out, conf, "R-CAP2", TD_SEVERITY_ERROR, TD_FIELD_DELEGATES, NULL,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d delegates are convened, more than the %d allowed for "
                                       "an upper-level conference: remove %d (guests are not "
                                       "counted).",
                                       "%d delegates are convened, more than the %d allowed for "
                                       "an upper-level conference: remove %d (guests are not "
                                       "counted).",
                                       over),
                          comp->total, comp->cap, over));
}

static char **
leader_ids (Check        *c,
            TdConference *conf)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < conf->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conf->delegates, TdDelegate, i);
      TdPerson *person;

      if (d->role != TD_ROLE_DELEGATE)
        continue;
      person = td_plan_get_person (c->plan, d->person);
      if (person != NULL && person->leader)
        g_ptr_array_add (ids, d->person);
    }
  return strv_from_array (ids);
}

static void
check_mix (Check         *c,
           TdConference  *conf,
           TdComposition *comp,
           GPtrArray     *out)
{
  g_autofree char *share = NULL;
  g_autofree char *fix = NULL;
  char *message;

  if (comp->level == TD_LEVEL_PROVINCE || comp->total == 0 || comp->mix_ok)
    return;

  share = td_composition_format_leader_share (comp);
  if (!comp->mix_binding)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d of %d delegates is a leader (%s %%), more than "
                                              "the %d %% limit; a plenary conference convenes "
                                              "everyone, so this is for information only.",
                                              "%d of %d delegates are leaders (%s %%), more than "
                                              "the %d %% limit; a plenary conference convenes "
                                              "everyone, so this is for information only.",
                                              comp->leaders),
                                 comp->leaders, comp->total, share, comp->leader_max_percent);
      add (out, conf, "R-MIX", TD_SEVERITY_INFO, TD_FIELD_DELEGATES, leader_ids (c, conf), message);
      return;
    }

  fix = td_composition_format_mix_fix (comp);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%d of %d delegates is a leader (%s %%); at most %d "
                                          "are allowed, the limit being %d %%. %s",
                                          "%d of %d delegates are leaders (%s %%); at most %d "
                                          "are allowed, the limit being %d %%. %s",
                                          comp->leaders),
                             comp->leaders, comp->total, share, comp->leaders_max,
                             comp->leader_max_percent, fix != NULL ? fix : "");
  add (out, conf, "R-MIX", TD_SEVERITY_ERROR, TD_FIELD_DELEGATES, leader_ids (c, conf), message);
}

static void
check_prio (Check         *c,
            TdConference  *conf,
            TdComposition *comp,
            GPtrArray     *out)
{
  if (comp->total < TD_RULES_PRIO_MIN_DELEGATES)
    return;

  if (comp->women == 0)
    add (out, conf, "R-PRIO", TD_SEVERITY_WARNING, TD_FIELD_DELEGATES, NULL,
         g_strdup_printf (_("None of the %d delegates is a woman: the plan asks to give weight "
                            "to women delegates."),
                          comp->total));

  if (comp->level == TD_LEVEL_UPPER)
    {
      int n_sectors = 0, sector = 0;

      for (int s = 0; s < TD_N_SECTORS; s++)
        if (comp->sectors[s] > 0)
          {
            n_sectors++;
            sector = s;
          }
      if (n_sectors == 1)
        add (out, conf, "R-PRIO", TD_SEVERITY_WARNING, TD_FIELD_DELEGATES, NULL,
             g_strdup_printf (_("All %d delegates come from one economic sector (%s): the plan "
                                "asks for delegates representing the economic sectors."),
                              comp->total, td_sector_label ((TdSector) sector)));
    }
}

/* The convened delegates whose person's unit lies within @unit_id. */
static char **
people_within (Check        *c,
               TdConference *conf,
               const char   *unit_id)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < conf->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conf->delegates, TdDelegate, i);
      TdPerson *person;

      if (d->role != TD_ROLE_DELEGATE)
        continue;
      person = td_plan_get_person (c->plan, d->person);
      if (person != NULL && g_strcmp0 (person->unit, conf->unit) != 0
          && td_plan_unit_is_within (c->plan, person->unit, unit_id))
        g_ptr_array_add (ids, d->person);
    }
  return strv_from_array (ids);
}

static void
check_quota (Check         *c,
             TdConference  *conf,
             TdComposition *comp,
             GPtrArray     *out)
{
  for (guint i = 0; i < comp->quotas->len; i++)
    {
      const TdQuotaUse *use = &g_array_index (comp->quotas, TdQuotaUse, i);
      const char *name = unit_name (c->plan, use->unit);

      if (use->used > use->seats)
        {
          int over = use->used - use->seats;

          add (out, conf, "R-QUOTA", TD_SEVERITY_ERROR, TD_FIELD_QUOTAS,
               people_within (c, conf, use->unit),
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s sends %d delegate, more than its quota of %d: "
                                             "remove %d.",
                                             "%s sends %d delegates, more than its quota of %d: "
                                             "remove %d.",
                                             use->used),
                                name, use->used, use->seats, over));
        }
      else if (use->used < use->seats)
        {
          int missing = use->seats - use->used;

          add (out, conf, "R-QUOTA", TD_SEVERITY_WARNING, TD_FIELD_QUOTAS, NULL,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s sends %d delegate, fewer than its quota of %d: "
                                             "%d unused.",
                                             "%s sends %d delegates, fewer than its quota of %d: "
                                             "%d unused.",
                                             use->used),
                                name, use->used, use->seats, missing));
        }
    }
}

static void
check_approve (Check         *c,
               TdConference  *conf,
               TdComposition *comp,
               GPtrArray     *out)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *names = NULL;

  if (comp->unapproved == 0)
    return;

  ids = g_ptr_array_new ();
  for (guint i = 0; i < conf->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conf->delegates, TdDelegate, i);
      TdPerson *person;

      if (d->role != TD_ROLE_DELEGATE || d->approval != NULL)
        continue;
      person = td_plan_get_person (c->plan, d->person);
      if (person != NULL && g_strcmp0 (person->unit, conf->unit) != 0)
        g_ptr_array_add (ids, d->person);
    }

  names = format_names (c->plan, ids);
  add (out, conf, "R-APPROVE", TD_SEVERITY_ERROR, TD_FIELD_DELEGATES, strv_from_array (ids),
       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                     "%d delegate sent by a lower unit has no approval of the "
                                     "Emulation and Commendation Council of that level: %s.",
                                     "%d delegates sent by lower units have no approval of the "
                                     "Emulation and Commendation Council of their level: %s.",
                                     ids->len),
                        (int) ids->len, names));
}

static void
check_window (Check        *c,
              TdConference *conf,
              TdUnit       *unit,
              GPtrArray    *out)
{
  TdWindow window;
  TdDate first, last;
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  char *message;

  if (unit == NULL || conf->date == TD_DATE_NONE)
    return;

  switch (unit->level)
    {
    case TD_LEVEL_PROVINCE:
      window = TD_WINDOW_PROVINCE;
      break;
    case TD_LEVEL_UPPER:
      /* The province's two pilot conferences (a district and a department) come early. */
      window = conf->pilot ? TD_WINDOW_PILOT : TD_WINDOW_UPPER;
      break;
    case TD_LEVEL_GRASSROOTS:
    default:
      window = TD_WINDOW_GRASSROOTS;
      break;
    }

  first = c->plan->params.windows[window][0];
  last = c->plan->params.windows[window][1];
  if (first == TD_DATE_NONE || last == TD_DATE_NONE)
    return;
  if (conf->date >= first && conf->date <= last)
    return;

  date = format_date (conf->date);
  from = format_date (first);
  to = format_date (last);
  switch (window)
    {
    case TD_WINDOW_GRASSROOTS:
      message = g_strdup_printf (_("The conference date %s is outside the period of the "
                                   "grassroots conferences (%s – %s)."), date, from, to);
      break;
    case TD_WINDOW_UPPER:
      message = g_strdup_printf (_("The conference date %s is outside the period of the "
                                   "upper-level conferences (%s – %s)."), date, from, to);
      break;
    case TD_WINDOW_PILOT:
      message = g_strdup_printf (_("The conference date %s is outside the period of the "
                                   "provincial pilot conferences (%s – %s)."), date, from, to);
      break;
    case TD_WINDOW_PROVINCE:
    default:
      message = g_strdup_printf (_("The conference date %s is outside the period of the "
                                   "provincial congress (%s – %s)."), date, from, to);
      break;
    }
  add (out, conf, "R-WINDOW", TD_SEVERITY_WARNING, TD_FIELD_DATE, NULL, message);
}

/* The latest dated conference of a unit strictly below @node. */
static TdConference *
latest_below (Node *node,
              int   depth)
{
  TdConference *latest = NULL;

  if (node->children == NULL || depth > MAX_DEPTH)
    return NULL;

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      TdConference *below;

      if (child->conferences != NULL)
        for (guint k = 0; k < child->conferences->len; k++)
          {
            TdConference *other = g_ptr_array_index (child->conferences, k);

            if (other->date != TD_DATE_NONE && (latest == NULL || other->date > latest->date))
              latest = other;
          }
      below = latest_below (child, depth + 1);
      if (below != NULL && (latest == NULL || below->date > latest->date))
        latest = below;
    }
  return latest;
}

static void
check_order (Check        *c,
             TdConference *conf,
             Node         *node,
             GPtrArray    *out)
{
  TdConference *latest;
  g_autofree char *date = NULL;
  g_autofree char *other_date = NULL;

  if (node == NULL || conf->date == TD_DATE_NONE)
    return;

  latest = latest_below (node, 0);
  if (latest == NULL || conf->date > latest->date)
    return;

  date = format_date (conf->date);
  other_date = format_date (latest->date);
  add (out, conf, "R-ORDER", TD_SEVERITY_WARNING, TD_FIELD_DATE, NULL,
       g_strdup_printf (_("The conference on %s is not after the conference of %s on %s, a unit "
                          "below it: lower levels hold their conferences first."),
                        date, unit_name (c->plan, latest->unit), other_date));
}

static void
check_submit (Check        *c,
              TdConference *conf,
              GPtrArray    *out)
{
  TdDate due;
  g_autofree char *due_text = NULL;

  if (conf->date == TD_DATE_NONE || c->today == TD_DATE_NONE)
    return;

  due = td_date_minus_one_month (conf->date);
  if (due == TD_DATE_NONE || c->today < due)
    return;

  due_text = format_date (due);
  for (int s = 0; s < TD_N_SUBMISSIONS; s++)
    {
      TdDate received = conf->submissions[s];

      if (received == TD_DATE_NONE)
        add (out, conf, "R-SUBMIT", TD_SEVERITY_WARNING, TD_FIELD_SUBMISSIONS, NULL,
             g_strdup_printf (_("“%s” was due on %s (one month before the conference) and has "
                                "not been received."),
                              td_submission_label ((TdSubmission) s), due_text));
      else if (received > due)
        {
          g_autofree char *received_text = format_date (received);

          add (out, conf, "R-SUBMIT", TD_SEVERITY_WARNING, TD_FIELD_SUBMISSIONS, NULL,
               g_strdup_printf (_("“%s” was received on %s, after it was due on %s (one month "
                                  "before the conference)."),
                                td_submission_label ((TdSubmission) s), received_text,
                                due_text));
        }
    }
}

static void
check_halfday (Check        *c,
               TdConference *conf,
               GPtrArray    *out)
{
  int minutes, limit = c->plan->params.half_day_minutes;
  g_autofree char *length = NULL;
  g_autofree char *max = NULL;
  g_autofree char *cut = NULL;

  if (conf->agenda == NULL || limit <= 0)
    return;
  minutes = td_conference_agenda_minutes (conf);
  if (minutes <= limit)
    return;

  length = format_duration (minutes);
  max = format_duration (limit);
  cut = format_duration (minutes - limit);
  add (out, conf, "R-HALFDAY", TD_SEVERITY_WARNING, TD_FIELD_AGENDA, NULL,
       g_strdup_printf (_("The agenda lasts %s, longer than half a day (%s): shorten it by %s."),
                        length, max, cut));
}

static void
check_vet (Check        *c,
           TdConference *conf,
           GPtrArray    *out)
{
  guint n;

  if (conf->agenda == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (conf->agenda));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (conf->agenda), i);
      const char *title = item->title != NULL ? item->title : "";

      if (item->kind != TD_ITEM_KIND_TALK || item->vetted)
        continue;
      if (item->presenter != NULL && item->presenter[0] != '\0')
        add (out, conf, "R-VET", TD_SEVERITY_WARNING, TD_FIELD_AGENDA, NULL,
             g_strdup_printf (_("The model report “%s” by %s has not been vetted by the "
                                "Emulation and Commendation Council."),
                              title, item->presenter));
      else
        add (out, conf, "R-VET", TD_SEVERITY_WARNING, TD_FIELD_AGENDA, NULL,
             g_strdup_printf (_("The model report “%s” has not been vetted by the Emulation and "
                                "Commendation Council."),
                              title));
    }
}

/* Units below @node at @level with a pilot conference. */
static int
count_pilots (Node    *node,
              TdLevel  level,
              int      depth)
{
  int n = 0;

  if (node->children == NULL || depth > MAX_DEPTH)
    return 0;

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (child->unit->level == level && child->conferences != NULL)
        for (guint k = 0; k < child->conferences->len; k++)
          {
            TdConference *conf = g_ptr_array_index (child->conferences, k);

            if (conf->pilot)
              {
                n++;
                break;
              }
          }
      n += count_pilots (child, level, depth + 1);
    }
  return n;
}

/* R-PILOT for a listed body: its pilots are the units one level below it (a district's or a
 * sector's grassroots units; the province's districts and departments). */
static TdViolation *
check_pilot (Check *c,
             Node  *body)
{
  TdLevel level = body->unit->level == TD_LEVEL_PROVINCE ? TD_LEVEL_UPPER : TD_LEVEL_GRASSROOTS;
  int n = count_pilots (body, level, 0);
  TdConference *conf;
  char *message;

  if (n == TD_RULES_PILOTS_PER_BODY)
    return NULL;

  conf = body->conferences != NULL ? g_ptr_array_index (body->conferences, 0) : NULL;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s has %d pilot unit (“chỉ đạo điểm”); the plan asks "
                                          "each listed body for %d.",
                                          "%s has %d pilot units (“chỉ đạo điểm”); the plan asks "
                                          "each listed body for %d.",
                                          n),
                             unit_name (c->plan, body->id), n, TD_RULES_PILOTS_PER_BODY);
  return violation_take ("R-PILOT", TD_SEVERITY_WARNING, conf != NULL ? conf->id : NULL,
                         body->id, TD_FIELD_PILOT, NULL, message);
}

static void
check_conference (Check        *c,
                  TdConference *conf,
                  GPtrArray    *out)
{
  Node *node = ctx_node (c->ctx, conf->unit);
  TdUnit *unit = node != NULL ? node->unit : NULL;
  g_autoptr(TdComposition) comp = td_composition_new_for_conference (c->plan, conf);

  check_mode (c, conf, unit, out);
  check_cap (c, conf, comp, out);
  check_mix (c, conf, comp, out);
  check_prio (c, conf, comp, out);
  check_quota (c, conf, comp, out);
  check_approve (c, conf, comp, out);
  check_window (c, conf, unit, out);
  check_order (c, conf, node, out);
  check_submit (c, conf, out);
  check_halfday (c, conf, out);
  check_vet (c, conf, out);

  /* A body's R-PILOT goes with its (first) conference. */
  if (unit != NULL && unit->pilot_body && node->conferences != NULL
      && g_ptr_array_index (node->conferences, 0) == conf)
    {
      TdViolation *v = check_pilot (c, node);

      if (v != NULL)
        g_ptr_array_add (out, v);
    }
}

/* R-PILOT of a listed body that holds no conference (NULL when none is due). */
static TdViolation *
check_unit_only (Check *c,
                 Node  *node)
{
  if (node == NULL || !node->unit->pilot_body || node->conferences != NULL)
    return NULL;
  return check_pilot (c, node);
}

static GPtrArray *
violations_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

GPtrArray *
td_rules_check_plan (TdPlan *plan,
                     TdDate  today)
{
  g_autoptr(Ctx) ctx = NULL;
  GPtrArray *out;
  GListModel *conferences;
  guint n;
  Check c;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  ctx = ctx_new (plan);
  c.plan = plan;
  c.ctx = ctx;
  c.today = today;
  out = violations_new ();

  conferences = G_LIST_MODEL (plan->conferences);
  n = g_list_model_get_n_items (conferences);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) conf = g_list_model_get_item (conferences, i);

      /* A duplicate id would be a bug of the model; check the indexed one only. */
      if (g_hash_table_lookup (ctx->conferences, conf->id) == conf)
        check_conference (&c, conf, out);
    }

  for (guint i = 0; i < ctx->pilot_bodies->len; i++)
    {
      TdViolation *v = check_unit_only (&c, g_ptr_array_index (ctx->pilot_bodies, i));

      if (v != NULL)
        g_ptr_array_add (out, v);
    }

  return out;
}

GPtrArray *
td_rules_check_conference (TdPlan       *plan,
                           TdConference *conference,
                           TdDate        today)
{
  g_autoptr(Ctx) ctx = NULL;
  GPtrArray *out;
  Check c;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (TD_IS_CONFERENCE (conference), NULL);

  ctx = ctx_new (plan);
  c.plan = plan;
  c.ctx = ctx;
  c.today = today;
  out = violations_new ();
  check_conference (&c, conference, out);
  return out;
}

/* TdRules */

typedef struct
{
  char       *key;         /* conference id, or unit id of a unit-only block */
  gboolean    unit_only;
  GPtrArray  *violations;  /* of TdViolation */
  char      **people;      /* the conference's delegates at its last check (the person index) */
  TdSeverity  worst;
} Block;

struct _TdRules
{
  GObject     parent_instance;

  TdPlan     *plan;
  gulong      changes_id;
  TdDate      today;
  gboolean    real_today;

  Ctx        *ctx;
  GListStore *store;          /* of TdViolation: the blocks' violations, in block order */
  GPtrArray  *blocks;         /* of Block*, in model order (owned) */
  GHashTable *conf_blocks;    /* conference id → Block* */
  GHashTable *unit_blocks;    /* unit id → Block* */
  GHashTable *person_blocks;  /* person id → GPtrArray of Block* */
};

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TdRules, td_rules, G_TYPE_OBJECT)

static void
block_free (Block *block)
{
  g_free (block->key);
  g_clear_pointer (&block->violations, g_ptr_array_unref);
  g_strfreev (block->people);
  g_free (block);
}

static void
index_people (TdRules *self,
              Block   *block,
              gboolean add_them)
{
  if (block->people == NULL)
    return;

  for (guint i = 0; block->people[i] != NULL; i++)
    {
      GPtrArray *blocks = g_hash_table_lookup (self->person_blocks, block->people[i]);

      if (add_them)
        {
          if (blocks == NULL)
            {
              blocks = g_ptr_array_new ();
              g_hash_table_insert (self->person_blocks, g_strdup (block->people[i]), blocks);
            }
          if (!g_ptr_array_find (blocks, block, NULL))
            g_ptr_array_add (blocks, block);
        }
      else if (blocks != NULL)
        {
          g_ptr_array_remove_fast (blocks, block);
          if (blocks->len == 0)
            g_hash_table_remove (self->person_blocks, block->people[i]);
        }
    }
}

/* Whether @people still lists the delegates of @conf, in order. */
static gboolean
people_match (char         **people,
              TdConference  *conf)
{
  guint n = 0;

  if (people == NULL)
    return FALSE;
  for (guint i = 0; i < conf->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conf->delegates, TdDelegate, i);

      if (d->person == NULL)
        continue;
      if (people[n] == NULL || strcmp (people[n], d->person) != 0)
        return FALSE;
      n++;
    }
  return people[n] == NULL;
}

static char **
conference_people (TdConference *conf)
{
  char **people = g_new (char *, conf->delegates->len + 1);
  guint n = 0;

  for (guint i = 0; i < conf->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conf->delegates, TdDelegate, i);

      if (d->person != NULL)
        people[n++] = g_strdup (d->person);
    }
  people[n] = NULL;
  return people;
}

static guint
block_position (TdRules *self,
                Block   *block)
{
  guint position = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);

      if (b == block)
        return position;
      position += b->violations->len;
    }
  g_return_val_if_reached (position);
}

static gboolean
violations_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!td_violation_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Puts @violations (taken) in the block of @key, creating or dropping the block as needed;
 * @conf (may be NULL) gives the people the block is indexed under.
 * Returns whether what the block shows changed. */
static gboolean
update_block (TdRules      *self,
              const char   *key,
              gboolean      unit_only,
              GPtrArray    *violations,
              TdConference *conf)
{
  GHashTable *table = unit_only ? self->unit_blocks : self->conf_blocks;
  Block *block = g_hash_table_lookup (table, key);
  guint position;
  gboolean changed;

  if (violations == NULL)
    {
      /* The record is gone. */
      if (block == NULL)
        return FALSE;
      position = block_position (self, block);
      changed = block->violations->len > 0;
      index_people (self, block, FALSE);
      g_hash_table_remove (table, key);
      g_list_store_splice (self->store, position, block->violations->len, NULL, 0);
      g_ptr_array_remove (self->blocks, block);  /* frees it */
      return changed;
    }

  if (block == NULL)
    {
      block = g_new0 (Block, 1);
      block->key = g_strdup (key);
      block->unit_only = unit_only;
      block->violations = violations_new ();
      g_ptr_array_add (self->blocks, block);
      g_hash_table_insert (table, block->key, block);
    }

  /* Most re-checks leave the delegates alone: keep the index as it is then. */
  if (conf != NULL ? !people_match (block->people, conf) : block->people != NULL)
    {
      index_people (self, block, FALSE);
      g_strfreev (block->people);
      block->people = conf != NULL ? conference_people (conf) : NULL;
      index_people (self, block, TRUE);
    }

  if (violations_equal (block->violations, violations))
    {
      g_ptr_array_unref (violations);
      return FALSE;
    }

  position = block_position (self, block);
  g_list_store_splice (self->store, position, block->violations->len,
                       violations->pdata, violations->len);
  g_ptr_array_unref (block->violations);
  block->violations = violations;
  block->worst = td_violations_get_worst (violations);
  return TRUE;
}

static void
ensure_ctx (TdRules *self)
{
  if (self->ctx == NULL)
    self->ctx = ctx_new (self->plan);
}

static void
update_today (TdRules *self)
{
  if (self->real_today)
    self->today = td_rules_today ();
}

static void
emit_changed (TdRules    *self,
              GHashTable *changed)
{
  g_autofree const char **ids = NULL;

  if (g_hash_table_size (changed) == 0)
    return;
  ids = (const char **) g_hash_table_get_keys_as_array (changed, NULL);
  g_signal_emit (self, signals[CHANGED], 0, ids);
}

static void
recheck_conference (TdRules    *self,
                    Check      *c,
                    const char *id,
                    GHashTable *changed)
{
  TdConference *conf = g_hash_table_lookup (self->ctx->conferences, id);
  gboolean block_changed;

  if (conf == NULL)
    block_changed = update_block (self, id, FALSE, NULL, NULL);
  else
    {
      GPtrArray *out = violations_new ();

      check_conference (c, conf, out);
      block_changed = update_block (self, id, FALSE, out, conf);
    }
  if (block_changed)
    g_hash_table_add (changed, g_strdup (id));
}

static void
recheck_unit (TdRules    *self,
              Check      *c,
              const char *id)
{
  TdViolation *v = check_unit_only (c, ctx_node (self->ctx, id));

  if (v != NULL)
    {
      GPtrArray *out = violations_new ();

      g_ptr_array_add (out, v);
      update_block (self, id, TRUE, out, NULL);
    }
  else
    update_block (self, id, TRUE, NULL, NULL);
}

static void
check_init (TdRules *self,
            Check   *c)
{
  ensure_ctx (self);
  c->plan = self->plan;
  c->ctx = self->ctx;
  c->today = self->today;
}

/* Re-checks the conferences in @conf_ids and the unit-only blocks of @unit_ids
 * (sets of ids); adds to @changed the conferences whose violations changed. */
static void
recheck (TdRules    *self,
         GHashTable *conf_ids,
         GHashTable *unit_ids,
         GHashTable *changed)
{
  GHashTableIter iter;
  gpointer key;
  Check c;

  check_init (self, &c);

  g_hash_table_iter_init (&iter, conf_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    recheck_conference (self, &c, key, changed);

  g_hash_table_iter_init (&iter, unit_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    recheck_unit (self, &c, key);
}

static void
recheck_all (TdRules *self)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unit_keys = g_ptr_array_new_with_free_func (g_free);
  GListModel *conferences = G_LIST_MODEL (self->plan->conferences);
  guint n = g_list_model_get_n_items (conferences);
  GHashTableIter iter;
  gpointer key;
  Check c;

  g_clear_pointer (&self->ctx, ctx_free);
  check_init (self, &c);

  /* In the plan's order, so that new blocks come in that order; then whatever is gone. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConference) conf = g_list_model_get_item (conferences, i);

      g_ptr_array_add (keys, g_strdup (conf->id));
    }
  g_hash_table_iter_init (&iter, self->conf_blocks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_lookup (self->ctx->conferences, key) == NULL)
      g_ptr_array_add (keys, g_strdup (key));
  for (guint i = 0; i < keys->len; i++)
    recheck_conference (self, &c, g_ptr_array_index (keys, i), changed);

  for (guint i = 0; i < self->ctx->pilot_bodies->len; i++)
    {
      Node *node = g_ptr_array_index (self->ctx->pilot_bodies, i);

      g_ptr_array_add (unit_keys, g_strdup (node->id));
    }
  g_hash_table_iter_init (&iter, self->unit_blocks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->ctx->nodes, key)
        || !((Node *) g_hash_table_lookup (self->ctx->nodes, key))->unit->pilot_body)
      g_ptr_array_add (unit_keys, g_strdup (key));
  for (guint i = 0; i < unit_keys->len; i++)
    recheck_unit (self, &c, g_ptr_array_index (unit_keys, i));

  emit_changed (self, changed);
}

/* Adds @unit_id and its ancestors in @ctx to @unit_ids, and their conferences to @conf_ids;
 * with @quotas, also the conferences that hold a quota for one of them (a unit that moves
 * changes who counts against those quotas). */
static void
add_path (Ctx        *ctx,
          const char *unit_id,
          gboolean    quotas,
          GHashTable *conf_ids,
          GHashTable *unit_ids)
{
  Node *node = ctx_node (ctx, unit_id);
  int depth = 0;

  for (; node != NULL && depth < MAX_DEPTH; node = node->parent, depth++)
    {
      GPtrArray *holders = quotas ? g_hash_table_lookup (ctx->quota_confs, node->id) : NULL;

      for (guint i = 0; holders != NULL && i < holders->len; i++)
        g_hash_table_add (conf_ids, g_strdup (g_ptr_array_index (holders, i)));
      g_hash_table_add (unit_ids, g_strdup (node->id));
      if (node->conferences != NULL)
        for (guint i = 0; i < node->conferences->len; i++)
          {
            TdConference *conf = g_ptr_array_index (node->conferences, i);

            g_hash_table_add (conf_ids, g_strdup (conf->id));
          }
    }
}

static gboolean
quotas_equal (JsonNode *before,
              JsonNode *after)
{
  JsonNode *a = NULL, *b = NULL;

  if (JSON_NODE_HOLDS_OBJECT (before))
    a = json_object_get_member (json_node_get_object (before), "quotas");
  if (JSON_NODE_HOLDS_OBJECT (after))
    b = json_object_get_member (json_node_get_object (after), "quotas");
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Whether @change alters what the unit tree index holds. */
static gboolean
change_is_structural (TdRules  *self,
                      TdChange *change)
{
  TdConference *conf;
  const char *indexed_unit;

  switch (change->kind)
    {
    case TD_KIND_UNIT:
      /* Names, levels, parents, pilot flags: cheap to re-index, and rare. */
      return TRUE;

    case TD_KIND_CONFERENCE:
      if (change->before == NULL || change->after == NULL)
        return TRUE;
      conf = td_plan_get_conference (self->plan, change->id);
      if (conf == NULL || g_hash_table_lookup (self->ctx->conferences, change->id) != conf)
        return TRUE;
      indexed_unit = g_hash_table_lookup (self->ctx->conf_units, change->id);
      if (g_strcmp0 (indexed_unit, conf->unit) != 0)
        return TRUE;
      /* The index knows which conferences hold a quota for which unit. */
      return !quotas_equal (change->before, change->after);

    case TD_KIND_PERSON:
    case TD_KIND_PLAN:
    default:
      return FALSE;
    }
}

static void
plan_changes_cb (TdPlan    *plan,
                 GPtrArray *changes,
                 gpointer   user_data)
{
  TdRules *self = user_data;
  g_autoptr(GHashTable) conf_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean structural = FALSE;
  TdDate today = self->today;

  update_today (self);
  if (today != self->today)
    {
      recheck_all (self);
      return;
    }

  ensure_ctx (self);

  /* What the edit touches, seen in the tree as it was. */
  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *change = g_ptr_array_index (changes, i);

      switch (change->kind)
        {
        case TD_KIND_PLAN:
          recheck_all (self);
          return;

        case TD_KIND_UNIT:
          add_path (self->ctx, change->id, TRUE, conf_ids, unit_ids);
          break;

        case TD_KIND_CONFERENCE:
          g_hash_table_add (conf_ids, g_strdup (change->id));
          add_path (self->ctx, g_hash_table_lookup (self->ctx->conf_units, change->id),
                    FALSE, conf_ids, unit_ids);
          break;

        case TD_KIND_PERSON:
          {
            GPtrArray *blocks = g_hash_table_lookup (self->person_blocks, change->id);

            for (guint k = 0; blocks != NULL && k < blocks->len; k++)
              {
                Block *block = g_ptr_array_index (blocks, k);

                g_hash_table_add (conf_ids, g_strdup (block->key));
              }
          }
          break;

        default:
          break;
        }

      structural = structural || change_is_structural (self, change);
    }

  /* …and as it is now. */
  if (structural)
    {
      g_clear_pointer (&self->ctx, ctx_free);
      ensure_ctx (self);
      for (guint i = 0; i < changes->len; i++)
        {
          TdChange *change = g_ptr_array_index (changes, i);
          TdConference *conf;

          if (change->kind == TD_KIND_UNIT)
            add_path (self->ctx, change->id, TRUE, conf_ids, unit_ids);
          else if (change->kind == TD_KIND_CONFERENCE
                   && (conf = g_hash_table_lookup (self->ctx->conferences, change->id)) != NULL)
            add_path (self->ctx, conf->unit, FALSE, conf_ids, unit_ids);
        }
    }

  recheck (self, conf_ids, unit_ids, changed);
  emit_changed (self, changed);
}

static void
td_rules_dispose (GObject *object)
{
  TdRules *self = TD_RULES (object);

  if (self->plan != NULL && self->changes_id != 0)
    g_clear_signal_handler (&self->changes_id, self->plan);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->ctx, ctx_free);

  G_OBJECT_CLASS (td_rules_parent_class)->dispose (object);
}

static void
td_rules_finalize (GObject *object)
{
  TdRules *self = TD_RULES (object);

  g_clear_pointer (&self->person_blocks, g_hash_table_unref);
  g_clear_pointer (&self->conf_blocks, g_hash_table_unref);
  g_clear_pointer (&self->unit_blocks, g_hash_table_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (td_rules_parent_class)->finalize (object);
}

static void
td_rules_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TdRules *self = TD_RULES (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_rules_class_init (TdRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_rules_dispose;
  object_class->finalize = td_rules_finalize;
  object_class->get_property = td_rules_get_property;

  props[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * TdRules::changed:
   * @conference_ids: the ids of the conferences whose violations changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
td_rules_init (TdRules *self)
{
  self->store = g_list_store_new (TD_TYPE_VIOLATION);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->conf_blocks = g_hash_table_new (g_str_hash, g_str_equal);
  self->unit_blocks = g_hash_table_new (g_str_hash, g_str_equal);
  self->person_blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
}

TdRules *
td_rules_new (TdPlan *plan,
              TdDate  today)
{
  TdRules *self;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);

  self = g_object_new (TD_TYPE_RULES, NULL);
  self->plan = g_object_ref (plan);
  self->real_today = today == TD_DATE_NONE;
  self->today = today;
  update_today (self);
  self->changes_id = g_signal_connect (plan, "changes", G_CALLBACK (plan_changes_cb), self);
  recheck_all (self);
  return self;
}

TdPlan *
td_rules_get_plan (TdRules *self)
{
  g_return_val_if_fail (TD_IS_RULES (self), NULL);
  return self->plan;
}

GListModel *
td_rules_get_model (TdRules *self)
{
  g_return_val_if_fail (TD_IS_RULES (self), NULL);
  return G_LIST_MODEL (self->store);
}

TdSeverity
td_rules_get_worst_severity (TdRules    *self,
                             const char *conference_id)
{
  Block *block;

  g_return_val_if_fail (TD_IS_RULES (self), TD_SEVERITY_NONE);

  block = conference_id != NULL ? g_hash_table_lookup (self->conf_blocks, conference_id) : NULL;
  return block != NULL ? block->worst : TD_SEVERITY_NONE;
}

static GPtrArray *
block_copy (Block *block)
{
  GPtrArray *copy = violations_new ();

  if (block != NULL)
    for (guint i = 0; i < block->violations->len; i++)
      g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (block->violations, i)));
  return copy;
}

GPtrArray *
td_rules_get_violations (TdRules    *self,
                         const char *conference_id)
{
  g_return_val_if_fail (TD_IS_RULES (self), NULL);
  g_return_val_if_fail (conference_id != NULL, NULL);

  return block_copy (g_hash_table_lookup (self->conf_blocks, conference_id));
}

GPtrArray *
td_rules_get_unit_violations (TdRules    *self,
                              const char *unit_id)
{
  g_return_val_if_fail (TD_IS_RULES (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  return block_copy (g_hash_table_lookup (self->unit_blocks, unit_id));
}

void
td_rules_set_today (TdRules *self,
                    TdDate   today)
{
  g_return_if_fail (TD_IS_RULES (self));

  self->real_today = today == TD_DATE_NONE;
  self->today = today;
  update_today (self);
  recheck_all (self);
}

TdDate
td_rules_get_today (TdRules *self)
{
  g_return_val_if_fail (TD_IS_RULES (self), TD_DATE_NONE);
  return self->today;
}

void
td_rules_recheck_all (TdRules *self)
{
  g_return_if_fail (TD_IS_RULES (self));

  update_today (self);
  recheck_all (self);
}
