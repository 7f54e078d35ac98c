/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "td-plan.h"

G_BEGIN_DECLS

/* Appends many records of one kind at once (one items-changed), for loading. */
void _td_plan_load_splice (TdPlan *self, TdKind kind, GPtrArray *records);

G_END_DECLS
