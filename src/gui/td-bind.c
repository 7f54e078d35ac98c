/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-bind"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "td-bind.h"
#include "td-date.h"
#include "td-text.h"

typedef enum {
  BIND_STRING,
  BIND_TEXT_VIEW,
  BIND_INT,
  BIND_DATE,
  BIND_TIME,
  BIND_BOOL,
  BIND_DROPDOWN,
} BindKind;

typedef struct
{
  BindKind   kind;
  GtkWidget *widget;        /* not owned */
  TdPlan    *plan;          /* owned */
  GObject   *record;        /* owned; NULL for the plan */
  GObject   *owner;         /* owned; the record to touch */
  GObject   *source;        /* what emits the "changed" signal we follow */
  gulong     source_handler;
  gulong     widget_handler;
  gsize      offset;
  char      *label;
  char      *merge_key;
  gboolean   updating;
  guint      clear_idle;    /* an emptied date or time is saved only if it stays empty */
  gboolean   clearing;
} Binding;

#define BINDING_KEY "td-binding"
#define FIELD(b, type) ((type *) (((guint8 *) ((b)->record ? (gpointer) (b)->record : (gpointer) (b)->plan)) + (b)->offset))

static void
binding_free (Binding *b)
{
  if (b->source != NULL && b->source_handler != 0)
    g_signal_handler_disconnect (b->source, b->source_handler);
  g_clear_handle_id (&b->clear_idle, g_source_remove);
  g_clear_object (&b->plan);
  g_clear_object (&b->record);
  g_clear_object (&b->owner);
  g_free (b->label);
  g_free (b->merge_key);
  g_free (b);
}

gboolean
td_bind_parse_date (const char *text,
                    TdDate     *out)
{
  int d, m, y;
  char tail;

  *out = TD_DATE_NONE;
  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (td_date_parse_iso (text, out))
    return TRUE;
  if (sscanf (text, "%d/%d/%d%c", &d, &m, &y, &tail) == 3 && y >= 1000)
    {
      *out = td_date_new (y, m, d);
      return *out != TD_DATE_NONE;
    }
  return FALSE;
}

static char *
format_value (Binding *b)
{
  switch (b->kind)
    {
    case BIND_STRING:
    case BIND_TEXT_VIEW:
      return g_strdup (*FIELD (b, char *) ? *FIELD (b, char *) : "");
    case BIND_DATE:
      return td_date_format_short (*FIELD (b, TdDate));
    case BIND_TIME:
      {
        char *s = td_time_to_string (*FIELD (b, int));
        return s ? s : g_strdup ("");
      }
    case BIND_INT:
    case BIND_BOOL:
    case BIND_DROPDOWN:
    default:
      return NULL;
    }
}

static void
set_error (GtkWidget *widget,
           gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Model → widget */
static void
refresh (Binding *b)
{
  b->updating = TRUE;
  switch (b->kind)
    {
    case BIND_STRING:
    case BIND_DATE:
    case BIND_TIME:
      {
        g_autofree char *text = format_value (b);
        const char *shown = gtk_editable_get_text (GTK_EDITABLE (b->widget));

        /* Leave a half-typed date alone when the model did not change underneath it. */
        if (b->kind != BIND_STRING && gtk_widget_has_css_class (b->widget, "error"))
          {
            TdDate parsed;
            int minutes;
            gboolean same = b->kind == BIND_DATE ? (!td_bind_parse_date (shown, &parsed))
                                                 : (!td_time_parse (shown, &minutes));
            if (same)
              break;
          }
        if (g_strcmp0 (text, shown) != 0)
          gtk_editable_set_text (GTK_EDITABLE (b->widget), text);
        set_error (b->widget, FALSE);
      }
      break;
    case BIND_TEXT_VIEW:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->widget));
        g_autofree char *text = format_value (b);
        GtkTextIter start, end;
        g_autofree char *shown = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (g_strcmp0 (text, shown) != 0)
          gtk_text_buffer_set_text (buffer, text, -1);
      }
      break;
    case BIND_INT:
      if ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->widget)) != *FIELD (b, int))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (b->widget), *FIELD (b, int));
      break;
    case BIND_BOOL:
      {
        gboolean active = FALSE;

        g_object_get (b->widget, "active", &active, NULL);
        if (!active != !*FIELD (b, gboolean))
          g_object_set (b->widget, "active", *FIELD (b, gboolean), NULL);
      }
      break;
    case BIND_DROPDOWN:
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (b->widget)) != (guint) *FIELD (b, int))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (b->widget), (guint) *FIELD (b, int));
      break;
    default:
      break;
    }
  b->updating = FALSE;
}

static void
begin (Binding *b)
{
  td_plan_begin_merging (b->plan, b->label, b->merge_key);
  if (b->owner != NULL)
    td_plan_touch (b->plan, b->owner);
  else
    td_plan_touch_plan (b->plan);
}

static gboolean clear_idle_cb (gpointer data);
/* Stores @text (composed) in the bound string field, as one edit, unless it is already there. */
static void
commit_text (Binding    *b,
             const char *text)
{
  char *nfc = td_text_nfc (text);

  if (g_strcmp0 (nfc, *FIELD (b, char *)) == 0)
    {
      g_free (nfc);
      return;
    }
  begin (b);
  g_free (*FIELD (b, char *));
  *FIELD (b, char *) = nfc;
  td_plan_commit (b->plan);
}


/* Widget → model */
static void
widget_changed_cb (Binding *b)
{
  if (b->updating || td_plan_in_edit (b->plan))
    return;

  switch (b->kind)
    {
    case BIND_STRING:
      commit_text (b, gtk_editable_get_text (GTK_EDITABLE (b->widget)));
      break;
    case BIND_TEXT_VIEW:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->widget));
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        commit_text (b, text);
      }
      break;
    case BIND_DATE:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (b->widget));
        TdDate date = TD_DATE_NONE;
        gboolean empty = text[strspn (text, " ")] == '\0';

        g_clear_handle_id (&b->clear_idle, g_source_remove);
        if (empty && *FIELD (b, TdDate) != TD_DATE_NONE && !b->clearing)
          {
            /* Replacing the text (a paste, set_text) passes through an empty text: wait. */
            b->clear_idle = g_idle_add (clear_idle_cb, b);
            return;
          }
        if (!empty && !td_bind_parse_date (text, &date))
          {
            set_error (b->widget, TRUE);
            gtk_widget_set_tooltip_text (b->widget, _("Write the date as day/month/year, for example 05/02/2020"));
            return;
          }
        set_error (b->widget, FALSE);
        gtk_widget_set_tooltip_text (b->widget, NULL);
        if (date == *FIELD (b, TdDate))
          return;
        begin (b);
        *FIELD (b, TdDate) = date;
        td_plan_commit (b->plan);
      }
      break;
    case BIND_TIME:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (b->widget));
        int minutes = -1;
        gboolean empty = text[strspn (text, " ")] == '\0';

        g_clear_handle_id (&b->clear_idle, g_source_remove);
        if (empty && *FIELD (b, int) >= 0 && !b->clearing)
          {
            b->clear_idle = g_idle_add (clear_idle_cb, b);
            return;
          }
        if (!empty && !td_time_parse (text, &minutes))
          {
            set_error (b->widget, TRUE);
            gtk_widget_set_tooltip_text (b->widget, _("Write the time as hours:minutes, for example 07:30"));
            return;
          }
        set_error (b->widget, FALSE);
        gtk_widget_set_tooltip_text (b->widget, NULL);
        if (minutes == *FIELD (b, int))
          return;
        begin (b);
        *FIELD (b, int) = minutes;
        td_plan_commit (b->plan);
      }
      break;
    case BIND_INT:
      {
        int value = (int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->widget));

        if (value == *FIELD (b, int))
          return;
        begin (b);
        *FIELD (b, int) = value;
        td_plan_commit (b->plan);
      }
      break;
    case BIND_BOOL:
      {
        gboolean active = FALSE;

        g_object_get (b->widget, "active", &active, NULL);
        if (!active == !*FIELD (b, gboolean))
          return;
        begin (b);
        *FIELD (b, gboolean) = active;
        td_plan_commit (b->plan);
      }
      break;
    case BIND_DROPDOWN:
      {
        guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (b->widget));

        if (selected == GTK_INVALID_LIST_POSITION || (int) selected == *FIELD (b, int))
          return;
        begin (b);
        *FIELD (b, int) = (int) selected;
        td_plan_commit (b->plan);
      }
      break;
    default:
      break;
    }
}

static gboolean
clear_idle_cb (gpointer data)
{
  Binding *b = data;

  b->clear_idle = 0;
  b->clearing = TRUE;
  widget_changed_cb (b);
  b->clearing = FALSE;
  return G_SOURCE_REMOVE;
}

static void
source_changed_cb (Binding *b)
{
  refresh (b);
}

void
td_bind_clear (GtkWidget *widget)
{
  Binding *b = g_object_get_data (G_OBJECT (widget), BINDING_KEY);

  if (b == NULL)
    return;
  if (b->widget_handler != 0)
    {
      GObject *emitter = b->kind == BIND_TEXT_VIEW
                           ? G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)))
                           : G_OBJECT (widget);
      g_signal_handler_disconnect (emitter, b->widget_handler);
    }
  g_object_set_data (G_OBJECT (widget), BINDING_KEY, NULL);
}

static void
bind (BindKind    kind,
      GtkWidget  *widget,
      TdPlan     *plan,
      gpointer    record,
      gpointer    owner,
      gsize       offset,
      const char *label)
{
  Binding *b;
  const char *signal;
  GObject *emitter = G_OBJECT (widget);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (TD_IS_PLAN (plan));

  td_bind_clear (widget);

  b = g_new0 (Binding, 1);
  b->kind = kind;
  b->widget = widget;
  b->plan = g_object_ref (plan);
  b->record = record ? g_object_ref (record) : NULL;
  b->owner = owner ? g_object_ref (owner) : (record ? g_object_ref (record) : NULL);
  b->offset = offset;
  b->label = g_strdup (label);
  b->merge_key = g_strdup_printf ("%p:%" G_GSIZE_FORMAT, record ? record : (gpointer) plan, offset);

  if (b->owner != NULL)
    {
      b->source = b->owner;
      b->source_handler = g_signal_connect_swapped (b->owner, "changed", G_CALLBACK (source_changed_cb), b);
    }
  else
    {
      b->source = G_OBJECT (plan);
      b->source_handler = g_signal_connect_swapped (plan, "metadata-changed", G_CALLBACK (source_changed_cb), b);
    }

  switch (kind)
    {
    case BIND_STRING:
    case BIND_DATE:
    case BIND_TIME:
      signal = "changed";
      /* Ctrl+Z is the plan's undo, which covers typing too. */
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      break;
    case BIND_TEXT_VIEW:
      signal = "changed";
      emitter = G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (emitter), FALSE);
      break;
    case BIND_INT:
      signal = "value-changed";
      break;
    case BIND_BOOL:
      signal = "notify::active";
      break;
    case BIND_DROPDOWN:
      signal = "notify::selected";
      break;
    default:
      g_return_if_reached ();
    }
  g_object_set_data_full (G_OBJECT (widget), BINDING_KEY, b, (GDestroyNotify) binding_free);
  refresh (b);
  b->widget_handler = g_signal_connect_swapped (emitter, signal, G_CALLBACK (widget_changed_cb), b);
}

void
td_bind_string (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_STRING, GTK_WIDGET (editable), plan, record, owner, offset, label);
}

void
td_bind_text_view (GtkTextView *view, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_TEXT_VIEW, GTK_WIDGET (view), plan, record, owner, offset, label);
}

void
td_bind_int (GtkSpinButton *spin, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_INT, GTK_WIDGET (spin), plan, record, owner, offset, label);
}

void
td_bind_date (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_DATE, GTK_WIDGET (editable), plan, record, owner, offset, label);
}

void
td_bind_time (GtkEditable *editable, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_TIME, GTK_WIDGET (editable), plan, record, owner, offset, label);
}

void
td_bind_bool (GtkWidget *toggle, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_BOOL, toggle, plan, record, owner, offset, label);
}

void
td_bind_dropdown (GtkDropDown *dropdown, TdPlan *plan, gpointer record, gpointer owner, gsize offset, const char *label)
{
  bind (BIND_DROPDOWN, GTK_WIDGET (dropdown), plan, record, owner, offset, label);
}
