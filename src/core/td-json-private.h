/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reading and writing the members of interchange JSON objects, with errors that name the JSON
 * path ("conferences[3].date: …"). Every string read is normalized to NFC. */

#include <json-glib/json-glib.h>
#include "td-types.h"

G_BEGIN_DECLS

gboolean td_json_read_string  (JsonObject *object, const char *member, const char *path,
                               gboolean required, char **out, GError **error);
gboolean td_json_read_int     (JsonObject *object, const char *member, const char *path,
                               gboolean required, int min, int max, int *out, GError **error);
gboolean td_json_read_bool    (JsonObject *object, const char *member, const char *path,
                               gboolean *out, GError **error);
gboolean td_json_read_date    (JsonObject *object, const char *member, const char *path,
                               gboolean required, TdDate *out, GError **error);
gboolean td_json_read_time    (JsonObject *object, const char *member, const char *path,
                               gboolean required, int *out, GError **error);
/* An enum member given its from-string function. */
typedef gboolean (*TdEnumParse) (const char *s, int *out);
gboolean td_json_read_enum    (JsonObject *object, const char *member, const char *path,
                               gboolean required, TdEnumParse parse, int *out, GError **error);
/* The member must be an object / array when present; NULL when absent or null. */
gboolean td_json_read_object  (JsonObject *object, const char *member, const char *path,
                               gboolean required, JsonObject **out, GError **error);
gboolean td_json_read_array   (JsonObject *object, const char *member, const char *path,
                               gboolean required, JsonArray **out, GError **error);
/* Fails unless @node is an object. */
gboolean td_json_expect_object (JsonNode *node, const char *path, JsonObject **out, GError **error);
gboolean td_json_read_strv    (JsonObject *object, const char *member, const char *path,
                               GPtrArray **out, GError **error);

char    *td_json_path_member  (const char *path, const char *member);
char    *td_json_path_index   (const char *path, const char *member, guint index);

void     td_json_set_string   (JsonObject *object, const char *member, const char *value); /* NULL → null */
void     td_json_set_date     (JsonObject *object, const char *member, TdDate value);
void     td_json_set_time     (JsonObject *object, const char *member, int minutes);
void     td_json_set_strv     (JsonObject *object, const char *member, GPtrArray *strings);

void     td_json_error        (GError **error, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Whether two JSON values are equal (objects compared member by member, order-blind). */
gboolean td_json_equal        (JsonNode *a, JsonNode *b);

G_END_DECLS

G_BEGIN_DECLS
/* A deep copy (json_node_copy only adds references to shared objects and arrays). */
JsonNode   *td_json_deep_copy        (JsonNode *node);
JsonObject *td_json_deep_copy_object (JsonObject *object);
G_END_DECLS
