/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-unit"

#include "config.h"

#include <glib/gi18n.h>

#include "td-json-private.h"
#include "td-text.h"
#include "td-unit.h"

G_DEFINE_FINAL_TYPE (TdUnit, td_unit, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
td_unit_finalize (GObject *object)
{
  TdUnit *self = TD_UNIT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->parent);
  g_free (self->kind);

  G_OBJECT_CLASS (td_unit_parent_class)->finalize (object);
}

static void
td_unit_class_init (TdUnitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_unit_finalize;

  /**
   * TdUnit::changed:
   *
   * Emitted after a committed edit, an undo or a redo changed this unit.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_unit_init (TdUnit *self)
{
  self->staff = -1;
  self->level = TD_LEVEL_GRASSROOTS;
}

TdUnit *
td_unit_new (const char *id,
             const char *name,
             TdLevel     level,
             const char *parent)
{
  TdUnit *self = g_object_new (TD_TYPE_UNIT, NULL);

  self->id = g_strdup (id);
  self->name = td_text_nfc (name);
  self->level = level;
  self->parent = g_strdup (parent);
  return self;
}

void
td_unit_set_name (TdUnit     *self,
                  const char *name)
{
  g_return_if_fail (TD_IS_UNIT (self));

  g_free (self->name);
  self->name = td_text_nfc (name);
}

JsonNode *
td_unit_to_json (TdUnit *self)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (TD_IS_UNIT (self), NULL);

  td_json_set_string (o, "id", self->id);
  td_json_set_string (o, "name", self->name);
  td_json_set_string (o, "level", td_level_to_string (self->level));
  td_json_set_string (o, "parent", self->parent);
  if (self->kind != NULL)
    json_object_set_string_member (o, "kind", self->kind);
  if (self->staff >= 0)
    json_object_set_int_member (o, "staff", self->staff);
  if (self->pilot_body)
    json_object_set_boolean_member (o, "pilot_body", TRUE);
  json_node_take_object (node, o);
  return node;
}

gboolean
td_unit_load_json (TdUnit      *self,
                   JsonObject  *object,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *kind = NULL;
  int level = TD_LEVEL_GRASSROOTS;
  int staff = -1;
  gboolean pilot_body = FALSE;

  g_return_val_if_fail (TD_IS_UNIT (self), FALSE);

  if (!td_json_read_string (object, "id", path, TRUE, &id, error) ||
      !td_json_read_string (object, "name", path, TRUE, &name, error) ||
      !td_json_read_enum (object, "level", path, TRUE, (TdEnumParse) td_level_from_string, &level, error) ||
      !td_json_read_string (object, "parent", path, FALSE, &parent, error) ||
      !td_json_read_string (object, "kind", path, FALSE, &kind, error) ||
      !td_json_read_int (object, "staff", path, FALSE, 0, 10000000, &staff, error) ||
      !td_json_read_bool (object, "pilot_body", path, &pilot_body, error))
    return FALSE;

  if (*id == '\0')
    {
      g_autofree char *p = td_json_path_member (path, "id");
      td_json_error (error, p, _("the id is empty"));
      return FALSE;
    }

  g_free (self->id);
  self->id = g_steal_pointer (&id);
  g_free (self->name);
  self->name = g_steal_pointer (&name);
  self->level = level;
  g_free (self->parent);
  self->parent = g_steal_pointer (&parent);
  g_free (self->kind);
  self->kind = g_steal_pointer (&kind);
  self->staff = staff;
  self->pilot_body = pilot_body;
  return TRUE;
}

void
td_unit_emit_changed (TdUnit *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}
