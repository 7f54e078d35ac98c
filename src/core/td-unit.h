/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include "td-types.h"

G_BEGIN_DECLS

#define TD_TYPE_UNIT (td_unit_get_type ())
G_DECLARE_FINAL_TYPE (TdUnit, td_unit, TD, UNIT, GObject)

/* Read the fields directly; change them only between td_plan_begin() and td_plan_commit()
 * after td_plan_touch(), so that the change is saved, undoable and checked. */
struct _TdUnit
{
  GObject parent_instance;

  char    *id;
  char    *name;
  TdLevel  level;
  char    *parent;       /* id of the parent unit, NULL for a root */
  char    *kind;         /* free text: "xã", "trường học", "sở", … may be NULL */
  int      staff;        /* -1 when unknown */
  gboolean pilot_body;   /* one of the bodies that pick 02 pilot units (R-PILOT) */
};

TdUnit   *td_unit_new        (const char *id, const char *name, TdLevel level, const char *parent);
/* JSON object of the interchange format. */
JsonNode *td_unit_to_json    (TdUnit *self);
/* Validates and, only when everything is valid, sets every field (id included).
 * @path is the JSON path used in error messages ("units[3]"). */
gboolean  td_unit_load_json  (TdUnit *self, JsonObject *object, const char *path, GError **error);
void      td_unit_set_name   (TdUnit *self, const char *name);
/* Emits TdUnit::changed; called by the plan after a commit. */
void      td_unit_emit_changed (TdUnit *self);

G_END_DECLS
