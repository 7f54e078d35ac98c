/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date.h"
#include "td-error.h"
#include "td-json-private.h"
#include "td-text.h"

void
td_json_error (GError     **error,
               const char  *path,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID, "%s: %s", path, message);
}

char *
td_json_path_member (const char *path,
                     const char *member)
{
  if (path == NULL || *path == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", path, member);
}

char *
td_json_path_index (const char *path,
                    const char *member,
                    guint       index)
{
  g_autofree char *p = td_json_path_member (path, member);
  return g_strdup_printf ("%s[%u]", p, index);
}

/* The member's node, or NULL when it is absent or null; fails when required and missing. */
static gboolean
get_member (JsonObject  *object,
            const char  *member,
            const char  *path,
            gboolean     required,
            JsonNode   **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *p = td_json_path_member (path, member);
          td_json_error (error, p, _("this field is required"));
          return FALSE;
        }
      return TRUE;
    }
  *out = node;
  return TRUE;
}

gboolean
td_json_read_string (JsonObject  *object,
                     const char  *member,
                     const char  *path,
                     gboolean     required,
                     char       **out,
                     GError     **error)
{
  JsonNode *node;
  char *nfc;

  if (!get_member (object, member, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, _("expected a text string"));
      return FALSE;
    }
  nfc = td_text_nfc (json_node_get_string (node));
  if (nfc == NULL)
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, _("the text is not valid UTF-8"));
      return FALSE;
    }
  *out = nfc;
  return TRUE;
}

gboolean
td_json_read_int (JsonObject  *object,
                  const char  *member,
                  const char  *path,
                  gboolean     required,
                  int          min,
                  int          max,
                  int         *out,
                  GError     **error)
{
  JsonNode *node;
  gint64 v;

  if (!get_member (object, member, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, _("expected a whole number"));
      return FALSE;
    }
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_autofree char *p = td_json_path_member (path, member);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      td_json_error (error, p, _("%s is out of range (%d to %d)"), value, min, max);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

gboolean
td_json_read_bool (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   gboolean    *out,
                   GError     **error)
{
  JsonNode *node;

  if (!get_member (object, member, path, FALSE, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, _("expected true or false"));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A string member that @parse turns into a value; absent or null gives what @parse makes of NULL
 * (its "not set" value). */
static gboolean
read_parsed (JsonObject  *object,
             const char  *member,
             const char  *path,
             gboolean     required,
             gboolean   (*parse) (const char *text, gpointer out),
             gpointer     out,
             const char  *message,
             GError     **error)
{
  JsonNode *node;

  if (!get_member (object, member, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    {
      (void) parse (NULL, out);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING || !parse (json_node_get_string (node), out))
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, "%s", message);
      return FALSE;
    }
  return TRUE;
}

gboolean
td_json_read_date (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   gboolean     required,
                   TdDate      *out,
                   GError     **error)
{
  /* td_date_parse_iso (NULL) sets TD_DATE_NONE. */
  return read_parsed (object, member, path, required, (gpointer) td_date_parse_iso, out,
                      _("expected a date written YYYY-MM-DD"), error);
}

gboolean
td_json_read_time (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   gboolean     required,
                   int         *out,
                   GError     **error)
{
  /* td_time_parse (NULL) sets -1. */
  return read_parsed (object, member, path, required, (gpointer) td_time_parse, out,
                      _("expected a time written HH:MM"), error);
}

gboolean
td_json_read_enum (JsonObject   *object,
                   const char   *member,
                   const char   *path,
                   gboolean      required,
                   TdEnumParse   parse,
                   int          *out,
                   GError      **error)
{
  JsonNode *node;

  if (!get_member (object, member, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING || !parse (json_node_get_string (node), out))
    {
      g_autofree char *p = td_json_path_member (path, member);
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        td_json_error (error, p, _("“%s” is not one of the allowed values"), json_node_get_string (node));
      else
        td_json_error (error, p, _("expected a text string"));
      return FALSE;
    }
  return TRUE;
}

/* The member's node when it is absent, null or of @type; otherwise an error naming the path. */
static gboolean
read_container (JsonObject   *object,
                const char   *member,
                const char   *path,
                gboolean      required,
                JsonNodeType  type,
                JsonNode    **out,
                GError      **error)
{
  if (!get_member (object, member, path, required, out, error))
    return FALSE;
  if (*out != NULL && json_node_get_node_type (*out) != type)
    {
      g_autofree char *p = td_json_path_member (path, member);
      td_json_error (error, p, type == JSON_NODE_OBJECT ? _("expected an object") : _("expected an array"));
      *out = NULL;
      return FALSE;
    }
  return TRUE;
}

gboolean
td_json_read_object (JsonObject  *object,
                     const char  *member,
                     const char  *path,
                     gboolean     required,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!read_container (object, member, path, required, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
td_json_read_array (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    gboolean     required,
                    JsonArray  **out,
                    GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!read_container (object, member, path, required, JSON_NODE_ARRAY, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

gboolean
td_json_expect_object (JsonNode    *node,
                       const char  *path,
                       JsonObject **out,
                       GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      td_json_error (error, path, _("expected an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
td_json_read_strv (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   GPtrArray  **out,
                   GError     **error)
{
  JsonArray *array;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  if (!td_json_read_array (object, member, path, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char *nfc;

      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          (nfc = td_text_nfc (json_node_get_string (node))) == NULL)
        {
          g_autofree char *p = td_json_path_index (path, member, i);
          td_json_error (error, p, _("expected a text string"));
          return FALSE;
        }
      g_ptr_array_add (result, nfc);
    }
  *out = g_steal_pointer (&result);
  return TRUE;
}

void
td_json_set_string (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value == NULL)
    json_object_set_null_member (object, member);
  else
    json_object_set_string_member (object, member, value);
}

void
td_json_set_date (JsonObject *object,
                  const char *member,
                  TdDate      value)
{
  g_autofree char *iso = td_date_to_iso (value);
  td_json_set_string (object, member, iso);
}

void
td_json_set_time (JsonObject *object,
                  const char *member,
                  int         minutes)
{
  g_autofree char *s = td_time_to_string (minutes);
  td_json_set_string (object, member, s);
}

void
td_json_set_strv (JsonObject *object,
                  const char *member,
                  GPtrArray  *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_object_set_array_member (object, member, array);
}

gboolean
td_json_equal (JsonNode *a,
               JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

JsonNode *
td_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, td_json_deep_copy_object (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        JsonArray *dst = json_array_sized_new (json_array_get_length (src));

        for (guint i = 0; i < json_array_get_length (src); i++)
          json_array_add_element (dst, td_json_deep_copy (json_array_get_element (src, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, dst);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
td_json_deep_copy_object (JsonObject *object)
{
  JsonObject *dst = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (dst, name, td_json_deep_copy (value));
  return dst;
}
