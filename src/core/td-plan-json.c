/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-plan-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date.h"
#include "td-error.h"
#include "td-json-private.h"
#include "td-plan-private.h"
#include "td-text.h"

/* The JSON interchange format, version 1 (domain/interchange.md). Import validates the whole
 * document into fresh records first; the plan is built only when nothing is wrong. */

static const char * const window_names[TD_N_WINDOWS] = { "grassroots", "upper", "pilot", "province" };

JsonNode *
td_plan_metadata_to_json (TdPlan *self)
{
  JsonObject *o = json_object_new ();
  JsonObject *signer = json_object_new ();
  JsonObject *params = json_object_new ();
  JsonObject *windows = json_object_new ();
  JsonArray *milestones = json_array_new ();
  JsonArray *commemorations = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (TD_IS_PLAN (self), NULL);

  json_object_set_string_member (o, "title", self->title);
  json_object_set_string_member (o, "number", self->number);
  json_object_set_string_member (o, "superior", self->superior);
  json_object_set_string_member (o, "issuer", self->issuer);
  json_object_set_string_member (o, "place", self->place);
  td_json_set_date (o, "date", self->date);

  json_object_set_string_member (signer, "authority", self->signer_authority);
  json_object_set_string_member (signer, "deputy", self->signer_deputy);
  json_object_set_string_member (signer, "title", self->signer_title);
  json_object_set_string_member (signer, "name", self->signer_name);
  json_object_set_object_member (o, "signer", signer);

  td_json_set_strv (o, "legal_bases", self->legal_bases);
  td_json_set_strv (o, "recipients", self->recipients);

  json_object_set_int_member (params, "plenary_staff_threshold", self->params.plenary_staff_threshold);
  json_object_set_int_member (params, "grassroots_delegate_cap", self->params.grassroots_delegate_cap);
  json_object_set_int_member (params, "upper_delegate_cap", self->params.upper_delegate_cap);
  json_object_set_int_member (params, "leader_share_max_percent", self->params.leader_share_max_percent);
  json_object_set_int_member (params, "half_day_minutes", self->params.half_day_minutes);
  for (guint w = 0; w < TD_N_WINDOWS; w++)
    {
      JsonArray *range = json_array_new ();
      g_autofree char *from = td_date_to_iso (self->params.windows[w][0]);
      g_autofree char *to = td_date_to_iso (self->params.windows[w][1]);

      if (from)
        json_array_add_string_element (range, from);
      else
        json_array_add_null_element (range);
      if (to)
        json_array_add_string_element (range, to);
      else
        json_array_add_null_element (range);
      json_object_set_array_member (windows, window_names[w], range);
    }
  json_object_set_object_member (params, "windows", windows);
  json_object_set_object_member (o, "parameters", params);

  for (guint i = 0; i < self->milestones->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (self->milestones, i);
      JsonObject *mo = json_object_new ();

      json_object_set_string_member (mo, "id", m->id);
      json_object_set_string_member (mo, "title", m->title);
      json_object_set_string_member (mo, "actor", m->actor);
      td_json_set_date (mo, "start", m->start);
      td_json_set_date (mo, "end", m->end);
      json_array_add_object_element (milestones, mo);
    }
  json_object_set_array_member (o, "milestones", milestones);

  for (guint i = 0; i < self->commemorations->len; i++)
    {
      TdCommemoration *c = g_ptr_array_index (self->commemorations, i);
      JsonObject *co = json_object_new ();

      td_json_set_date (co, "date", c->date);
      json_object_set_string_member (co, "title", c->title);
      json_object_set_boolean_member (co, "yearly", c->yearly);
      json_array_add_object_element (commemorations, co);
    }
  json_object_set_array_member (o, "commemorations", commemorations);

  json_object_set_object_member (o, "documents", td_json_deep_copy_object (self->documents));

  json_node_take_object (node, o);
  return node;
}

static gboolean
read_window (JsonObject  *windows,
             const char  *name,
             const char  *path,
             TdDate       out[2],
             GError     **error)
{
  g_autofree char *p = td_json_path_member (path, name);
  JsonArray *range;

  if (!td_json_read_array (windows, name, path, FALSE, &range, error))
    return FALSE;
  if (range == NULL)
    return TRUE;
  if (json_array_get_length (range) != 2)
    {
      td_json_error (error, p, _("expected two dates, the first and the last day"));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *n = json_array_get_element (range, i);

      if (JSON_NODE_HOLDS_NULL (n))
        {
          out[i] = TD_DATE_NONE;
          continue;
        }
      if (json_node_get_value_type (n) != G_TYPE_STRING ||
          !td_date_parse_iso (json_node_get_string (n), &out[i]))
        {
          g_autofree char *pi = g_strdup_printf ("%s[%u]", p, i);
          td_json_error (error, pi, _("expected a date written YYYY-MM-DD"));
          return FALSE;
        }
    }
  if (out[0] != TD_DATE_NONE && out[1] != TD_DATE_NONE && out[1] < out[0])
    {
      td_json_error (error, p, _("the window ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

gboolean
td_plan_load_metadata_json (TdPlan      *self,
                            JsonObject  *object,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *title = NULL, *number = NULL, *superior = NULL, *issuer = NULL, *place = NULL;
  g_autofree char *authority = NULL, *deputy = NULL, *stitle = NULL, *name = NULL;
  g_autoptr(GPtrArray) legal_bases = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) td_milestone_free);
  g_autoptr(GPtrArray) commemorations = g_ptr_array_new_with_free_func ((GDestroyNotify) td_commemoration_free);
  g_autofree char *psigner = td_json_path_member (path, "signer");
  g_autofree char *pparams = td_json_path_member (path, "parameters");
  TdParameters params;
  TdDate date = TD_DATE_NONE;
  JsonObject *signer, *po, *windows, *documents;
  JsonArray *array;

  td_parameters_init_default (&params);

  if (!td_json_read_string (object, "title", path, FALSE, &title, error) ||
      !td_json_read_string (object, "number", path, FALSE, &number, error) ||
      !td_json_read_string (object, "superior", path, FALSE, &superior, error) ||
      !td_json_read_string (object, "issuer", path, FALSE, &issuer, error) ||
      !td_json_read_string (object, "place", path, FALSE, &place, error) ||
      !td_json_read_date (object, "date", path, FALSE, &date, error) ||
      !td_json_read_object (object, "signer", path, FALSE, &signer, error) ||
      !td_json_read_strv (object, "legal_bases", path, &legal_bases, error) ||
      !td_json_read_strv (object, "recipients", path, &recipients, error) ||
      !td_json_read_object (object, "parameters", path, FALSE, &po, error) ||
      !td_json_read_object (object, "documents", path, FALSE, &documents, error))
    return FALSE;

  if (signer != NULL &&
      (!td_json_read_string (signer, "authority", psigner, FALSE, &authority, error) ||
       !td_json_read_string (signer, "deputy", psigner, FALSE, &deputy, error) ||
       !td_json_read_string (signer, "title", psigner, FALSE, &stitle, error) ||
       !td_json_read_string (signer, "name", psigner, FALSE, &name, error)))
    return FALSE;

  if (po != NULL)
    {
      g_autofree char *pwin = td_json_path_member (pparams, "windows");

      if (!td_json_read_int (po, "plenary_staff_threshold", pparams, FALSE, 1, 1000000, &params.plenary_staff_threshold, error) ||
          !td_json_read_int (po, "grassroots_delegate_cap", pparams, FALSE, 1, 1000000, &params.grassroots_delegate_cap, error) ||
          !td_json_read_int (po, "upper_delegate_cap", pparams, FALSE, 1, 1000000, &params.upper_delegate_cap, error) ||
          !td_json_read_int (po, "leader_share_max_percent", pparams, FALSE, 0, 100, &params.leader_share_max_percent, error) ||
          !td_json_read_int (po, "half_day_minutes", pparams, FALSE, 1, 24 * 60, &params.half_day_minutes, error) ||
          !td_json_read_object (po, "windows", pparams, FALSE, &windows, error))
        return FALSE;
      for (guint w = 0; windows != NULL && w < TD_N_WINDOWS; w++)
        if (!read_window (windows, window_names[w], pwin, params.windows[w], error))
          return FALSE;
    }

  if (!td_json_read_array (object, "milestones", path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index (path, "milestones", i);
      g_autofree char *id = NULL, *mtitle = NULL, *actor = NULL;
      TdDate start = TD_DATE_NONE, end = TD_DATE_NONE;
      JsonObject *mo;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &mo, error) ||
          !td_json_read_string (mo, "id", p, TRUE, &id, error) ||
          !td_json_read_string (mo, "title", p, TRUE, &mtitle, error) ||
          !td_json_read_string (mo, "actor", p, FALSE, &actor, error) ||
          !td_json_read_date (mo, "start", p, TRUE, &start, error) ||
          !td_json_read_date (mo, "end", p, FALSE, &end, error))
        return FALSE;
      if (end != TD_DATE_NONE && end < start)
        {
          g_autofree char *pe = td_json_path_member (p, "end");
          td_json_error (error, pe, _("the milestone ends before it starts"));
          return FALSE;
        }
      g_ptr_array_add (milestones, td_milestone_new (id, mtitle, actor, start, end));
    }

  if (!td_json_read_array (object, "commemorations", path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index (path, "commemorations", i);
      g_autofree char *ctitle = NULL;
      TdDate cdate = TD_DATE_NONE;
      gboolean yearly = FALSE;
      JsonObject *co;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &co, error) ||
          !td_json_read_date (co, "date", p, TRUE, &cdate, error) ||
          !td_json_read_string (co, "title", p, TRUE, &ctitle, error) ||
          !td_json_read_bool (co, "yearly", p, &yearly, error))
        return FALSE;
      g_ptr_array_add (commemorations, td_commemoration_new (cdate, ctitle, yearly));
    }

#define TAKE_STR(field, value) g_free (self->field); self->field = value ? g_steal_pointer (&value) : g_strdup ("")
  TAKE_STR (title, title);
  TAKE_STR (number, number);
  TAKE_STR (superior, superior);
  TAKE_STR (issuer, issuer);
  TAKE_STR (place, place);
  TAKE_STR (signer_authority, authority);
  TAKE_STR (signer_deputy, deputy);
  TAKE_STR (signer_title, stitle);
  TAKE_STR (signer_name, name);
#undef TAKE_STR
  self->date = date;
  g_ptr_array_unref (self->legal_bases);
  self->legal_bases = g_steal_pointer (&legal_bases);
  g_ptr_array_unref (self->recipients);
  self->recipients = g_steal_pointer (&recipients);
  self->params = params;
  g_ptr_array_unref (self->milestones);
  self->milestones = g_steal_pointer (&milestones);
  g_ptr_array_unref (self->commemorations);
  self->commemorations = g_steal_pointer (&commemorations);
  json_object_unref (self->documents);
  self->documents = documents ? td_json_deep_copy_object (documents) : json_object_new ();
  return TRUE;
}

/* Whole documents */

static gboolean
check_unique (GHashTable  *seen,
              const char  *id,
              const char  *path,
              GError     **error)
{
  if (!g_hash_table_add (seen, (gpointer) id))
    {
      g_autofree char *p = td_json_path_member (path, "id");
      td_json_error (error, p, _("the id “%s” is used twice"), id);
      return FALSE;
    }
  return TRUE;
}

TdPlan *
td_plan_new_from_json (JsonNode  *root,
                       GError   **error)
{
  g_autoptr(TdPlan) plan = td_plan_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conferences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) unit_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) person_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) conference_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *format = NULL;
  JsonObject *doc, *plan_object;
  JsonArray *array;
  int version = 0;

  g_return_val_if_fail (root != NULL, NULL);

  if (!td_json_expect_object (root, "$", &doc, error) ||
      !td_json_read_string (doc, "format", "", TRUE, &format, error))
    return NULL;
  if (strcmp (format, TD_JSON_FORMAT) != 0)
    {
      td_json_error (error, "format", _("“%s” is not a Thi Đua Planner plan (expected “%s”)"),
                     format, TD_JSON_FORMAT);
      return NULL;
    }
  if (!td_json_read_int (doc, "version", "", TRUE, 1, G_MAXINT, &version, error))
    return NULL;
  if (version > TD_JSON_VERSION)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_TOO_NEW,
                   _("version: this plan was written by a newer version of Thi Đua Planner "
                     "(format version %d; this version reads up to %d). Update the application to open it."),
                   version, TD_JSON_VERSION);
      return NULL;
    }

  if (!td_json_read_object (doc, "plan", "", TRUE, &plan_object, error) ||
      !td_plan_load_metadata_json (plan, plan_object, "plan", error))
    return NULL;

  /* Units: fields, unique ids, then parents and cycles. */
  if (!td_json_read_array (doc, "units", "", FALSE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index ("", "units", i);
      g_autoptr(TdUnit) unit = td_unit_new (NULL, "", TD_LEVEL_GRASSROOTS, NULL);
      JsonObject *o;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &o, error) ||
          !td_unit_load_json (unit, o, p, error) ||
          !check_unique (unit_index, unit->id, p, error))
        return NULL;
      g_hash_table_insert (unit_index, unit->id, unit);
      g_ptr_array_add (units, g_steal_pointer (&unit));
    }
  for (guint i = 0; i < units->len; i++)
    {
      TdUnit *unit = g_ptr_array_index (units, i);
      TdUnit *u = unit;
      guint steps = 0;

      if (unit->parent != NULL && !g_hash_table_contains (unit_index, unit->parent))
        {
          g_autofree char *p = g_strdup_printf ("units[%u].parent", i);
          td_json_error (error, p, _("no unit has the id “%s”"), unit->parent);
          return NULL;
        }
      while (u != NULL && u->parent != NULL)
        {
          u = g_hash_table_lookup (unit_index, u->parent);
          if (u == unit || ++steps > units->len)
            {
              g_autofree char *p = g_strdup_printf ("units[%u].parent", i);
              td_json_error (error, p, _("the unit “%s” is its own ancestor"), unit->id);
              return NULL;
            }
        }
    }

  if (!td_json_read_array (doc, "people", "", FALSE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index ("", "people", i);
      g_autoptr(TdPerson) person = td_person_new (NULL, "", "");
      JsonObject *o;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &o, error) ||
          !td_person_load_json (person, o, p, error) ||
          !check_unique (person_index, person->id, p, error))
        return NULL;
      if (person->unit != NULL && !g_hash_table_contains (unit_index, person->unit))
        {
          g_autofree char *pu = td_json_path_member (p, "unit");
          td_json_error (error, pu, _("no unit has the id “%s”"), person->unit);
          return NULL;
        }
      g_hash_table_insert (person_index, person->id, person);
      g_ptr_array_add (people, g_steal_pointer (&person));
    }

  if (!td_json_read_array (doc, "conferences", "", FALSE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index ("", "conferences", i);
      g_autoptr(TdConference) conf = td_conference_new (NULL, NULL);
      JsonObject *o;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &o, error) ||
          !td_conference_load_json (conf, o, p, error) ||
          !check_unique (conference_ids, conf->id, p, error))
        return NULL;
      if (!g_hash_table_contains (unit_index, conf->unit))
        {
          g_autofree char *pu = td_json_path_member (p, "unit");
          td_json_error (error, pu, _("no unit has the id “%s”"), conf->unit);
          return NULL;
        }
      for (guint q = 0; q < conf->quotas->len; q++)
        {
          TdQuota *quota = &g_array_index (conf->quotas, TdQuota, q);
          TdUnit *child = g_hash_table_lookup (unit_index, quota->unit);

          if (child == NULL || g_strcmp0 (child->parent, conf->unit) != 0)
            {
              g_autofree char *pq = g_strdup_printf ("%s.quotas[%u].unit", p, q);
              if (child == NULL)
                td_json_error (error, pq, _("no unit has the id “%s”"), quota->unit);
              else
                td_json_error (error, pq, _("the unit “%s” is not directly under the conference's unit"),
                               quota->unit);
              return NULL;
            }
        }
      for (guint d = 0; d < conf->delegates->len; d++)
        {
          TdDelegate *del = &g_array_index (conf->delegates, TdDelegate, d);

          if (!g_hash_table_contains (person_index, del->person))
            {
              g_autofree char *pd = g_strdup_printf ("%s.delegates[%u].person", p, d);
              td_json_error (error, pd, _("no person has the id “%s”"), del->person);
              return NULL;
            }
        }
      g_ptr_array_add (conferences, g_steal_pointer (&conf));
    }

  _td_plan_load_splice (plan, TD_KIND_UNIT, units);
  _td_plan_load_splice (plan, TD_KIND_PERSON, people);
  _td_plan_load_splice (plan, TD_KIND_CONFERENCE, conferences);
  return g_steal_pointer (&plan);
}

TdPlan *
td_plan_new_from_json_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return td_plan_new_from_json (json_parser_get_root (parser), error);
}

static JsonArray *
list_to_json (GListModel  *model,
              JsonNode *(*to_json) (gpointer))
{
  guint n = g_list_model_get_n_items (model);
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      json_array_add_element (array, to_json (item));
    }
  return array;
}

JsonNode *
td_plan_to_json (TdPlan *self)
{
  JsonObject *doc = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (TD_IS_PLAN (self), NULL);

  json_object_set_string_member (doc, "format", TD_JSON_FORMAT);
  json_object_set_int_member (doc, "version", TD_JSON_VERSION);
  json_object_set_member (doc, "plan", td_plan_metadata_to_json (self));
  json_object_set_array_member (doc, "units",
                                list_to_json (G_LIST_MODEL (self->units), (gpointer) td_unit_to_json));
  json_object_set_array_member (doc, "people",
                                list_to_json (G_LIST_MODEL (self->people), (gpointer) td_person_to_json));
  json_object_set_array_member (doc, "conferences",
                                list_to_json (G_LIST_MODEL (self->conferences), (gpointer) td_conference_to_json));
  json_node_take_object (root, doc);
  return root;
}

char *
td_plan_to_json_data (TdPlan *self,
                      gsize  *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = td_plan_to_json (self);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, length);
}
