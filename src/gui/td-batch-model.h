/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_TYPE_BATCH_MODEL (td_batch_model_get_type ())
G_DECLARE_FINAL_TYPE (TdBatchModel, td_batch_model, TD, BATCH_MODEL, GObject)

/* A copy of @source that takes in its changes once per main loop iteration: a few changes are
 * passed on one by one, a burst (an import or its undo: 100,000 single-item changes) as one
 * change of the whole list, so that the sort and filter models above re-sort once, not
 * 100,000 times. */
TdBatchModel *td_batch_model_new   (GListModel *source);
/* Takes in the pending changes now. */
void          td_batch_model_flush (TdBatchModel *self);

G_END_DECLS
