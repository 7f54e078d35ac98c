/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include "td-types.h"

G_BEGIN_DECLS

#define TD_TYPE_PERSON (td_person_get_type ())
G_DECLARE_FINAL_TYPE (TdPerson, td_person, TD, PERSON, GObject)

struct _TdPerson
{
  GObject     parent_instance;

  char       *id;
  char       *family_middle;  /* họ và tên đệm */
  char       *given;          /* tên */
  TdGender    gender;
  int         birth_year;     /* 0 when unknown */
  char       *ethnicity;      /* "Kinh", "Khmer", … may be NULL */
  char       *position;       /* chức vụ */
  char       *unit;           /* id of the unit */
  gboolean    leader;
  TdCategory  category;
  TdSector    sector;
  char       *note;

  /* Derived, computed lazily and dropped on every change. */
  char       *sort_key;       /* official order key, see td_person_get_sort_key() */
  char       *fold_key;       /* search key of the full name */
};

TdPerson    *td_person_new            (const char *id, const char *family_middle, const char *given);
JsonNode    *td_person_to_json        (TdPerson *self);
gboolean     td_person_load_json      (TdPerson *self, JsonObject *object, const char *path, GError **error);
/* "Nguyễn Thị Ánh Tuyết" */
char        *td_person_dup_full_name  (TdPerson *self);
const char  *td_person_get_sort_key   (TdPerson *self);
const char  *td_person_get_fold_key   (TdPerson *self);
/* Non-Kinh ethnicity (an empty ethnicity counts as Kinh). */
gboolean     td_person_is_minority    (TdPerson *self);
void         td_person_invalidate     (TdPerson *self);
void         td_person_emit_changed   (TdPerson *self);

G_END_DECLS
