/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-person"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-json-private.h"
#include "td-person.h"
#include "td-text.h"

G_DEFINE_FINAL_TYPE (TdPerson, td_person, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
td_person_finalize (GObject *object)
{
  TdPerson *self = TD_PERSON (object);

  g_free (self->id);
  g_free (self->family_middle);
  g_free (self->given);
  g_free (self->ethnicity);
  g_free (self->position);
  g_free (self->unit);
  g_free (self->note);
  g_free (self->sort_key);
  g_free (self->fold_key);

  G_OBJECT_CLASS (td_person_parent_class)->finalize (object);
}

static void
td_person_class_init (TdPersonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_person_finalize;

  /**
   * TdPerson::changed:
   *
   * Emitted after a committed edit, an undo or a redo changed this person.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_person_init (TdPerson *self)
{
  self->category = TD_CATEGORY_DIRECT_WORKER;
  self->sector = TD_SECTOR_STATE;
}

TdPerson *
td_person_new (const char *id,
               const char *family_middle,
               const char *given)
{
  TdPerson *self = g_object_new (TD_TYPE_PERSON, NULL);

  self->id = g_strdup (id);
  self->family_middle = td_text_nfc (family_middle ? family_middle : "");
  self->given = td_text_nfc (given ? given : "");
  return self;
}

JsonNode *
td_person_to_json (TdPerson *self)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (TD_IS_PERSON (self), NULL);

  td_json_set_string (o, "id", self->id);
  td_json_set_string (o, "family_middle", self->family_middle);
  td_json_set_string (o, "given", self->given);
  if (self->gender != TD_GENDER_UNKNOWN)
    json_object_set_string_member (o, "gender", td_gender_to_string (self->gender));
  if (self->birth_year > 0)
    json_object_set_int_member (o, "birth_year", self->birth_year);
  td_json_set_string (o, "ethnicity", self->ethnicity);
  td_json_set_string (o, "position", self->position);
  td_json_set_string (o, "unit", self->unit);
  json_object_set_boolean_member (o, "leader", self->leader);
  json_object_set_string_member (o, "category", td_category_to_string (self->category));
  json_object_set_string_member (o, "sector", td_sector_to_string (self->sector));
  json_object_set_string_member (o, "note", self->note ? self->note : "");
  json_node_take_object (node, o);
  return node;
}

static gboolean
parse_gender (const char *s,
              int        *out)
{
  TdGender g;

  /* The empty string is the unknown gender's own name; accept only the two real values here. */
  if (s == NULL || *s == '\0' || !td_gender_from_string (s, &g))
    return FALSE;
  *out = g;
  return TRUE;
}

gboolean
td_person_load_json (TdPerson    *self,
                     JsonObject  *object,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *family_middle = NULL;
  g_autofree char *given = NULL;
  g_autofree char *ethnicity = NULL;
  g_autofree char *position = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *note = NULL;
  int gender = TD_GENDER_UNKNOWN;
  int birth_year = 0;
  int category = TD_CATEGORY_DIRECT_WORKER;
  int sector = TD_SECTOR_STATE;
  gboolean leader = FALSE;

  g_return_val_if_fail (TD_IS_PERSON (self), FALSE);

  if (!td_json_read_string (object, "id", path, TRUE, &id, error) ||
      !td_json_read_string (object, "family_middle", path, FALSE, &family_middle, error) ||
      !td_json_read_string (object, "given", path, TRUE, &given, error) ||
      !td_json_read_enum (object, "gender", path, FALSE, parse_gender, &gender, error) ||
      !td_json_read_int (object, "birth_year", path, FALSE, 0, 9999, &birth_year, error) ||
      !td_json_read_string (object, "ethnicity", path, FALSE, &ethnicity, error) ||
      !td_json_read_string (object, "position", path, FALSE, &position, error) ||
      !td_json_read_string (object, "unit", path, FALSE, &unit, error) ||
      !td_json_read_bool (object, "leader", path, &leader, error) ||
      !td_json_read_enum (object, "category", path, FALSE, (TdEnumParse) td_category_from_string, &category, error) ||
      !td_json_read_enum (object, "sector", path, FALSE, (TdEnumParse) td_sector_from_string, &sector, error) ||
      !td_json_read_string (object, "note", path, FALSE, &note, error))
    return FALSE;

  if (*id == '\0')
    {
      g_autofree char *p = td_json_path_member (path, "id");
      td_json_error (error, p, _("the id is empty"));
      return FALSE;
    }

#define TAKE(field) g_free (self->field); self->field = g_steal_pointer (&field)
  TAKE (id);
  g_free (self->family_middle);
  self->family_middle = family_middle ? g_steal_pointer (&family_middle) : g_strdup ("");
  TAKE (given);
  TAKE (ethnicity);
  TAKE (position);
  TAKE (unit);
  TAKE (note);
#undef TAKE
  self->gender = gender;
  self->birth_year = birth_year;
  self->leader = leader;
  self->category = category;
  self->sector = sector;
  td_person_invalidate (self);
  return TRUE;
}

char *
td_person_dup_full_name (TdPerson *self)
{
  g_return_val_if_fail (TD_IS_PERSON (self), NULL);

  if (self->family_middle == NULL || *self->family_middle == '\0')
    return g_strdup (self->given ? self->given : "");
  return g_strconcat (self->family_middle, " ", self->given, NULL);
}

const char *
td_person_get_sort_key (TdPerson *self)
{
  g_return_val_if_fail (TD_IS_PERSON (self), NULL);

  if (self->sort_key == NULL)
    self->sort_key = td_text_person_sort_key (self->given, self->family_middle);
  return self->sort_key;
}

const char *
td_person_get_fold_key (TdPerson *self)
{
  g_return_val_if_fail (TD_IS_PERSON (self), NULL);

  if (self->fold_key == NULL)
    {
      g_autofree char *full = td_person_dup_full_name (self);
      self->fold_key = td_text_fold (full);
    }
  return self->fold_key;
}

gboolean
td_person_is_minority (TdPerson *self)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (TD_IS_PERSON (self), FALSE);

  if (self->ethnicity == NULL || *self->ethnicity == '\0')
    return FALSE;
  folded = td_text_fold (self->ethnicity);
  return g_strcmp0 (g_strstrip (folded), "kinh") != 0;
}

void
td_person_invalidate (TdPerson *self)
{
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->fold_key, g_free);
}

void
td_person_emit_changed (TdPerson *self)
{
  td_person_invalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}
