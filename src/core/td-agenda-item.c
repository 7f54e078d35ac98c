/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-agenda-item"

#include "config.h"

#include "td-agenda-item.h"
#include "td-json-private.h"
#include "td-text.h"

G_DEFINE_FINAL_TYPE (TdAgendaItem, td_agenda_item, G_TYPE_OBJECT)

static void
td_agenda_item_finalize (GObject *object)
{
  TdAgendaItem *self = TD_AGENDA_ITEM (object);

  g_free (self->title);
  g_free (self->presenter);

  G_OBJECT_CLASS (td_agenda_item_parent_class)->finalize (object);
}

static void
td_agenda_item_class_init (TdAgendaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_agenda_item_finalize;
}

static void
td_agenda_item_init (TdAgendaItem *self)
{
  self->start = -1;
}

TdAgendaItem *
td_agenda_item_new (const char *title,
                    int         minutes,
                    TdItemKind  kind)
{
  TdAgendaItem *self = g_object_new (TD_TYPE_AGENDA_ITEM, NULL);

  self->title = td_text_nfc (title ? title : "");
  self->presenter = g_strdup ("");
  self->minutes = minutes;
  self->kind = kind;
  return self;
}

JsonNode *
td_agenda_item_to_json (TdAgendaItem *self)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  td_json_set_time (o, "start", self->start);
  json_object_set_int_member (o, "minutes", self->minutes);
  json_object_set_string_member (o, "title", self->title ? self->title : "");
  json_object_set_string_member (o, "presenter", self->presenter ? self->presenter : "");
  json_object_set_string_member (o, "kind", td_item_kind_to_string (self->kind));
  json_object_set_boolean_member (o, "vetted", self->vetted);
  json_node_take_object (node, o);
  return node;
}

gboolean
td_agenda_item_load_json (TdAgendaItem  *self,
                          JsonObject    *object,
                          const char    *path,
                          GError       **error)
{
  g_autofree char *title = NULL;
  g_autofree char *presenter = NULL;
  int start = -1, minutes = 0, kind = TD_ITEM_KIND_ITEM;
  gboolean vetted = FALSE;

  if (!td_json_read_time (object, "start", path, FALSE, &start, error) ||
      !td_json_read_int (object, "minutes", path, FALSE, 0, 24 * 60, &minutes, error) ||
      !td_json_read_string (object, "title", path, TRUE, &title, error) ||
      !td_json_read_string (object, "presenter", path, FALSE, &presenter, error) ||
      !td_json_read_enum (object, "kind", path, FALSE, (TdEnumParse) td_item_kind_from_string, &kind, error) ||
      !td_json_read_bool (object, "vetted", path, &vetted, error))
    return FALSE;

  self->start = start;
  self->minutes = minutes;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_free (self->presenter);
  self->presenter = presenter ? g_steal_pointer (&presenter) : g_strdup ("");
  self->kind = kind;
  self->vetted = vetted;
  return TRUE;
}

GPtrArray *
td_agenda_template_new (int start_minutes)
{
  /* Section 3.1 of the plan, in its order; lengths are a starting point that fits a half day. */
  static const struct { const char *title; int minutes; TdItemKind kind; } template[] = {
    { "Tuyên bố lý do, giới thiệu đại biểu và khai mạc", 15, TD_ITEM_KIND_ITEM },
    { "Báo cáo đánh giá, tổng kết phong trào thi đua yêu nước, biểu dương tôn vinh các tập thể, "
      "cá nhân điển hình tiên tiến", 40, TD_ITEM_KIND_ITEM },
    { "Báo cáo tham luận hoặc giao lưu, tọa đàm với các điển hình tiên tiến tiêu biểu", 60, TD_ITEM_KIND_ITEM },
    { "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", 30, TD_ITEM_KIND_ITEM },
    { "Phát động phong trào thi đua giai đoạn 2020 - 2025", 15, TD_ITEM_KIND_ITEM },
    { "Phát biểu hưởng ứng phong trào thi đua", 15, TD_ITEM_KIND_ITEM },
    { "Giới thiệu đoàn đại biểu đi dự Đại hội, Hội nghị cấp trên", 15, TD_ITEM_KIND_ITEM },
    { "Tổng kết và bế mạc", 10, TD_ITEM_KIND_ITEM },
  };
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  int t = start_minutes;

  for (guint i = 0; i < G_N_ELEMENTS (template); i++)
    {
      TdAgendaItem *item = td_agenda_item_new (template[i].title, template[i].minutes, template[i].kind);

      item->start = t >= 0 ? t : -1;
      if (t >= 0)
        t += template[i].minutes;
      g_ptr_array_add (items, item);
    }
  return items;
}
