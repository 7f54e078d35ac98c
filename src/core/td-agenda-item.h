/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include "td-types.h"

G_BEGIN_DECLS

#define TD_TYPE_AGENDA_ITEM (td_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (TdAgendaItem, td_agenda_item, TD, AGENDA_ITEM, GObject)

struct _TdAgendaItem
{
  GObject     parent_instance;

  int         start;      /* minutes since midnight, -1 when not set */
  int         minutes;    /* length */
  char       *title;
  char       *presenter;
  TdItemKind  kind;       /* an ordinary item, or a tham luận */
  gboolean    vetted;     /* a tham luận vetted by the council (R-VET) */
};

TdAgendaItem *td_agenda_item_new       (const char *title, int minutes, TdItemKind kind);
JsonNode     *td_agenda_item_to_json   (TdAgendaItem *self);
gboolean      td_agenda_item_load_json (TdAgendaItem *self, JsonObject *object, const char *path, GError **error);

/* The agenda template of section 3.1 of the plan (8 items), as new items. */
GPtrArray    *td_agenda_template_new   (int start_minutes);

G_END_DECLS
