/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-batch-model"

#include "config.h"

#include "td-batch-model.h"

#define MAX_PENDING 32
#define MAX_ADDED   64

typedef struct
{
  guint      position;
  guint      removed;
  GPtrArray *added;   /* the items as the source had them then */
} Change;

struct _TdBatchModel
{
  GObject     parent_instance;

  GListModel *source;
  GPtrArray  *items;     /* what this model shows (references) */
  GArray     *pending;   /* of Change */
  gboolean    overflow;  /* too many changes: take the whole source in */
  guint       idle_id;
};

static void td_batch_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdBatchModel, td_batch_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, td_batch_model_list_model_init))

static GType
td_batch_model_get_item_type (GListModel *model)
{
  TdBatchModel *self = TD_BATCH_MODEL (model);

  return self->source ? g_list_model_get_item_type (self->source) : G_TYPE_OBJECT;
}

static guint
td_batch_model_get_n_items (GListModel *model)
{
  return TD_BATCH_MODEL (model)->items->len;
}

static gpointer
td_batch_model_get_item (GListModel *model,
                         guint       position)
{
  TdBatchModel *self = TD_BATCH_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
td_batch_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = td_batch_model_get_item_type;
  iface->get_n_items = td_batch_model_get_n_items;
  iface->get_item = td_batch_model_get_item;
}

static void
clear_change (Change *change)
{
  g_clear_pointer (&change->added, g_ptr_array_unref);
}

static void
copy_source (TdBatchModel *self)
{
  guint n = self->source ? g_list_model_get_n_items (self->source) : 0;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (self->source, i));
}

void
td_batch_model_flush (TdBatchModel *self)
{
  g_return_if_fail (TD_IS_BATCH_MODEL (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->overflow)
    {
      guint before = self->items->len;

      self->overflow = FALSE;
      g_array_set_size (self->pending, 0);
      copy_source (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->items->len);
      return;
    }
  for (guint i = 0; i < self->pending->len; i++)
    {
      Change *c = &g_array_index (self->pending, Change, i);

      g_ptr_array_remove_range (self->items, c->position, c->removed);
      for (guint k = 0; k < c->added->len; k++)
        g_ptr_array_insert (self->items, c->position + k, g_object_ref (g_ptr_array_index (c->added, k)));
      g_list_model_items_changed (G_LIST_MODEL (self), c->position, c->removed, c->added->len);
    }
  g_array_set_size (self->pending, 0);
}

static gboolean
flush_idle_cb (gpointer data)
{
  TdBatchModel *self = data;

  self->idle_id = 0;
  td_batch_model_flush (self);
  return G_SOURCE_REMOVE;
}

static void
source_items_changed_cb (GListModel   *source,
                         guint         position,
                         guint         removed,
                         guint         added,
                         TdBatchModel *self)
{
  if (!self->overflow)
    {
      if (self->pending->len >= MAX_PENDING || added > MAX_ADDED)
        {
          self->overflow = TRUE;
          g_array_set_size (self->pending, 0);
        }
      else
        {
          Change c = { position, removed, g_ptr_array_new_full (added, g_object_unref) };

          for (guint k = 0; k < added; k++)
            g_ptr_array_add (c.added, g_list_model_get_item (source, position + k));
          g_array_append_val (self->pending, c);
        }
    }
  /* Before the next frame is drawn (GDK_PRIORITY_REDRAW is lower). */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_idle_cb, self, NULL);
}

static void
td_batch_model_dispose (GObject *object)
{
  TdBatchModel *self = TD_BATCH_MODEL (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (td_batch_model_parent_class)->dispose (object);
}

static void
td_batch_model_finalize (GObject *object)
{
  TdBatchModel *self = TD_BATCH_MODEL (object);

  g_ptr_array_unref (self->items);
  g_array_unref (self->pending);
  G_OBJECT_CLASS (td_batch_model_parent_class)->finalize (object);
}

static void
td_batch_model_class_init (TdBatchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_batch_model_dispose;
  object_class->finalize = td_batch_model_finalize;
}

static void
td_batch_model_init (TdBatchModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (self->pending, (GDestroyNotify) clear_change);
}

TdBatchModel *
td_batch_model_new (GListModel *source)
{
  TdBatchModel *self = g_object_new (TD_TYPE_BATCH_MODEL, NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (source), self);

  self->source = g_object_ref (source);
  copy_source (self);
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  return self;
}
