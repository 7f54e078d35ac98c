/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-conference"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-conference.h"
#include "td-agenda-item.h"
#include "td-json-private.h"
#include "td-text.h"

G_DEFINE_FINAL_TYPE (TdConference, td_conference, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_delegate (gpointer data)
{
  TdDelegate *d = data;

  g_free (d->person);
  g_clear_pointer (&d->approval, td_approval_free);
}

static void
clear_quota (gpointer data)
{
  TdQuota *q = data;

  g_free (q->unit);
}

static void
td_conference_finalize (GObject *object)
{
  TdConference *self = TD_CONFERENCE (object);

  g_free (self->id);
  g_free (self->unit);
  g_free (self->form);
  g_free (self->venue);
  g_free (self->chair);
  g_clear_object (&self->agenda);
  g_clear_pointer (&self->quotas, g_array_unref);
  g_clear_pointer (&self->delegates, g_array_unref);
  g_clear_pointer (&self->documents, json_object_unref);

  G_OBJECT_CLASS (td_conference_parent_class)->finalize (object);
}

static void
td_conference_class_init (TdConferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_conference_finalize;

  /**
   * TdConference::changed:
   *
   * Emitted after a committed edit, an undo or a redo changed this conference (its agenda,
   * quotas and delegates included).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_conference_init (TdConference *self)
{
  self->start = -1;
  self->mode = TD_MODE_REPRESENTATIVE;
  self->agenda = g_list_store_new (TD_TYPE_AGENDA_ITEM);
  self->quotas = g_array_new (FALSE, TRUE, sizeof (TdQuota));
  g_array_set_clear_func (self->quotas, clear_quota);
  self->delegates = g_array_new (FALSE, TRUE, sizeof (TdDelegate));
  g_array_set_clear_func (self->delegates, clear_delegate);
  self->documents = json_object_new ();
}

TdConference *
td_conference_new (const char *id,
                   const char *unit)
{
  TdConference *self = g_object_new (TD_TYPE_CONFERENCE, NULL);

  self->id = g_strdup (id);
  self->unit = g_strdup (unit);
  self->form = g_strdup ("");
  self->venue = g_strdup ("");
  return self;
}

TdApproval *
td_approval_new (const char *decision,
                 TdDate      date,
                 const char *council)
{
  TdApproval *a = g_new0 (TdApproval, 1);

  a->decision = td_text_nfc (decision ? decision : "");
  a->date = date;
  a->council = td_text_nfc (council ? council : "");
  return a;
}

TdApproval *
td_approval_copy (const TdApproval *approval)
{
  if (approval == NULL)
    return NULL;
  return td_approval_new (approval->decision, approval->date, approval->council);
}

void
td_approval_free (TdApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->decision);
  g_free (approval->council);
  g_free (approval);
}

const char * const *
td_conference_forms_for_level (TdLevel level)
{
  static const char * const grassroots[] = {
    "Hội nghị Điển hình tiên tiến",
    "Hội nghị Biểu dương người tốt, việc tốt",
    "Hội nghị Biểu dương những người lao động giỏi, lao động sáng tạo",
    NULL
  };
  static const char * const upper[] = {
    "Hội nghị Tuyên dương điển hình tiên tiến",
    "Hội nghị Biểu dương người tốt, việc tốt",
    "Hội nghị Biểu dương những người lao động giỏi, lao động sáng tạo",
    NULL
  };
  static const char * const province[] = {
    "Đại hội Thi đua yêu nước",
    NULL
  };

  switch (level)
    {
    case TD_LEVEL_GRASSROOTS: return grassroots;
    case TD_LEVEL_UPPER:      return upper;
    case TD_LEVEL_PROVINCE:   return province;
    default:                  g_return_val_if_reached (grassroots);
    }
}

void
td_conference_add_delegate (TdConference     *self,
                            const char       *person,
                            TdRole            role,
                            const TdApproval *approval)
{
  TdDelegate d = { g_strdup (person), role, td_approval_copy (approval) };

  g_array_append_val (self->delegates, d);
}

void
td_conference_clear_delegates (TdConference *self)
{
  g_array_set_size (self->delegates, 0);
}

int
td_conference_find_delegate (TdConference *self,
                             const char   *person)
{
  for (guint i = 0; i < self->delegates->len; i++)
    if (g_strcmp0 (g_array_index (self->delegates, TdDelegate, i).person, person) == 0)
      return (int) i;
  return -1;
}

int
td_conference_get_quota (TdConference *self,
                         const char   *unit)
{
  for (guint i = 0; i < self->quotas->len; i++)
    if (g_strcmp0 (g_array_index (self->quotas, TdQuota, i).unit, unit) == 0)
      return g_array_index (self->quotas, TdQuota, i).seats;
  return -1;
}

void
td_conference_set_quota (TdConference *self,
                         const char   *unit,
                         int           seats)
{
  for (guint i = 0; i < self->quotas->len; i++)
    {
      TdQuota *q = &g_array_index (self->quotas, TdQuota, i);

      if (g_strcmp0 (q->unit, unit) == 0)
        {
          if (seats < 0)
            g_array_remove_index (self->quotas, i);
          else
            q->seats = seats;
          return;
        }
    }
  if (seats >= 0)
    {
      TdQuota q = { g_strdup (unit), seats };
      g_array_append_val (self->quotas, q);
    }
}

int
td_conference_agenda_minutes (TdConference *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  int total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), i);
      total += item->minutes;
    }
  return total;
}

void
td_conference_retime_agenda (TdConference *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  int t = self->start;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), i);

      item->start = t;
      if (t >= 0)
        t += item->minutes;
    }
}

JsonNode *
td_conference_to_json (TdConference *self)
{
  JsonObject *o = json_object_new ();
  JsonObject *subs = json_object_new ();
  JsonArray *agenda = json_array_new ();
  JsonArray *quotas = json_array_new ();
  JsonArray *delegates = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint n;

  g_return_val_if_fail (TD_IS_CONFERENCE (self), NULL);

  td_json_set_string (o, "id", self->id);
  td_json_set_string (o, "unit", self->unit);
  json_object_set_string_member (o, "form", self->form ? self->form : "");
  json_object_set_string_member (o, "mode", td_mode_to_string (self->mode));
  td_json_set_date (o, "date", self->date);
  td_json_set_time (o, "start", self->start);
  json_object_set_string_member (o, "venue", self->venue ? self->venue : "");
  if (self->chair != NULL)
    json_object_set_string_member (o, "chair", self->chair);
  json_object_set_boolean_member (o, "pilot", self->pilot);

  for (guint i = 0; i < TD_N_SUBMISSIONS; i++)
    td_json_set_date (subs, td_submission_to_string (i), self->submissions[i]);
  json_object_set_object_member (o, "submissions", subs);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), i);
      json_array_add_element (agenda, td_agenda_item_to_json (item));
    }
  json_object_set_array_member (o, "agenda", agenda);

  for (guint i = 0; i < self->quotas->len; i++)
    {
      TdQuota *q = &g_array_index (self->quotas, TdQuota, i);
      JsonObject *qo = json_object_new ();

      json_object_set_string_member (qo, "unit", q->unit);
      json_object_set_int_member (qo, "seats", q->seats);
      json_array_add_object_element (quotas, qo);
    }
  json_object_set_array_member (o, "quotas", quotas);

  for (guint i = 0; i < self->delegates->len; i++)
    {
      TdDelegate *d = &g_array_index (self->delegates, TdDelegate, i);
      JsonObject *dobj = json_object_new ();

      json_object_set_string_member (dobj, "person", d->person);
      json_object_set_string_member (dobj, "role", td_role_to_string (d->role));
      if (d->approval != NULL)
        {
          JsonObject *a = json_object_new ();

          json_object_set_string_member (a, "decision", d->approval->decision);
          td_json_set_date (a, "date", d->approval->date);
          json_object_set_string_member (a, "council", d->approval->council);
          json_object_set_object_member (dobj, "approval", a);
        }
      else
        json_object_set_null_member (dobj, "approval");
      json_array_add_object_element (delegates, dobj);
    }
  json_object_set_array_member (o, "delegates", delegates);

  json_object_set_object_member (o, "documents", td_json_deep_copy_object (self->documents));

  json_node_take_object (node, o);
  return node;
}

gboolean
td_conference_load_json (TdConference  *self,
                         JsonObject    *object,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *id = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *form = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *chair = NULL;
  g_autoptr(GPtrArray) agenda = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) quotas = g_array_new (FALSE, TRUE, sizeof (TdQuota));
  g_autoptr(GArray) delegates = g_array_new (FALSE, TRUE, sizeof (TdDelegate));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  TdDate date = TD_DATE_NONE;
  TdDate submissions[TD_N_SUBMISSIONS] = { 0, };
  int mode = TD_MODE_REPRESENTATIVE, start = -1;
  gboolean pilot = FALSE;
  JsonObject *subs, *documents;
  JsonArray *array;

  g_array_set_clear_func (quotas, clear_quota);
  g_array_set_clear_func (delegates, clear_delegate);

  if (!td_json_read_string (object, "id", path, TRUE, &id, error) ||
      !td_json_read_string (object, "unit", path, TRUE, &unit, error) ||
      !td_json_read_string (object, "form", path, FALSE, &form, error) ||
      !td_json_read_enum (object, "mode", path, FALSE, (TdEnumParse) td_mode_from_string, &mode, error) ||
      !td_json_read_date (object, "date", path, FALSE, &date, error) ||
      !td_json_read_time (object, "start", path, FALSE, &start, error) ||
      !td_json_read_string (object, "venue", path, FALSE, &venue, error) ||
      !td_json_read_string (object, "chair", path, FALSE, &chair, error) ||
      !td_json_read_bool (object, "pilot", path, &pilot, error) ||
      !td_json_read_object (object, "submissions", path, FALSE, &subs, error) ||
      !td_json_read_object (object, "documents", path, FALSE, &documents, error))
    return FALSE;

  if (*id == '\0')
    {
      g_autofree char *p = td_json_path_member (path, "id");
      td_json_error (error, p, _("the id is empty"));
      return FALSE;
    }

  if (subs != NULL)
    {
      g_autofree char *p = td_json_path_member (path, "submissions");

      for (guint i = 0; i < TD_N_SUBMISSIONS; i++)
        if (!td_json_read_date (subs, td_submission_to_string (i), p, FALSE, &submissions[i], error))
          return FALSE;
    }

  if (!td_json_read_array (object, "agenda", path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index (path, "agenda", i);
      g_autoptr(TdAgendaItem) item = td_agenda_item_new (NULL, 0, TD_ITEM_KIND_ITEM);
      JsonObject *io;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &io, error) ||
          !td_agenda_item_load_json (item, io, p, error))
        return FALSE;
      g_ptr_array_add (agenda, g_steal_pointer (&item));
    }

  if (!td_json_read_array (object, "quotas", path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index (path, "quotas", i);
      TdQuota q = { NULL, 0 };
      JsonObject *qo;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &qo, error) ||
          !td_json_read_string (qo, "unit", p, TRUE, &q.unit, error))
        return FALSE;
      if (!td_json_read_int (qo, "seats", p, TRUE, 0, 100000, &q.seats, error))
        {
          g_free (q.unit);
          return FALSE;
        }
      if (!g_hash_table_add (seen, q.unit))
        {
          g_autofree char *pu = td_json_path_member (p, "unit");
          td_json_error (error, pu, _("the unit “%s” has two quotas"), q.unit);
          g_free (q.unit);
          return FALSE;
        }
      g_array_append_val (quotas, q);
    }

  g_hash_table_remove_all (seen);
  if (!td_json_read_array (object, "delegates", path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = td_json_path_index (path, "delegates", i);
      TdDelegate d = { NULL, TD_ROLE_DELEGATE, NULL };
      int role = TD_ROLE_DELEGATE;
      JsonObject *dobj, *ao;

      if (!td_json_expect_object (json_array_get_element (array, i), p, &dobj, error) ||
          !td_json_read_string (dobj, "person", p, TRUE, &d.person, error))
        return FALSE;
      g_array_append_val (delegates, d);  /* owned by the array from here on */
      if (!td_json_read_enum (dobj, "role", p, FALSE, (TdEnumParse) td_role_from_string, &role, error) ||
          !td_json_read_object (dobj, "approval", p, FALSE, &ao, error))
        return FALSE;
      g_array_index (delegates, TdDelegate, delegates->len - 1).role = role;
      if (!g_hash_table_add (seen, d.person))
        {
          g_autofree char *pp = td_json_path_member (p, "person");
          td_json_error (error, pp, _("the person “%s” is listed twice"), d.person);
          return FALSE;
        }
      if (ao != NULL)
        {
          g_autofree char *pa = td_json_path_member (p, "approval");
          g_autofree char *decision = NULL;
          g_autofree char *council = NULL;
          TdDate adate = TD_DATE_NONE;

          if (!td_json_read_string (ao, "decision", pa, TRUE, &decision, error) ||
              !td_json_read_date (ao, "date", pa, FALSE, &adate, error) ||
              !td_json_read_string (ao, "council", pa, FALSE, &council, error))
            return FALSE;
          g_array_index (delegates, TdDelegate, delegates->len - 1).approval =
            td_approval_new (decision, adate, council);
        }
    }

  /* Everything is valid: take it. */
  g_free (self->id);
  self->id = g_steal_pointer (&id);
  g_free (self->unit);
  self->unit = g_steal_pointer (&unit);
  g_free (self->form);
  self->form = form ? g_steal_pointer (&form) : g_strdup ("");
  self->mode = mode;
  self->date = date;
  self->start = start;
  g_free (self->venue);
  self->venue = venue ? g_steal_pointer (&venue) : g_strdup ("");
  g_free (self->chair);
  self->chair = g_steal_pointer (&chair);
  self->pilot = pilot;
  memcpy (self->submissions, submissions, sizeof submissions);
  g_list_store_splice (self->agenda, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agenda)),
                       agenda->pdata, agenda->len);
  g_array_unref (self->quotas);
  self->quotas = g_steal_pointer (&quotas);
  g_array_unref (self->delegates);
  self->delegates = g_steal_pointer (&delegates);
  json_object_unref (self->documents);
  /* Share nothing with the source document. */
  self->documents = documents ? td_json_deep_copy_object (documents) : json_object_new ();
  return TRUE;
}

void
td_conference_emit_changed (TdConference *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}
