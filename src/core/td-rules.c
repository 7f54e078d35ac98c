/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not written yet: see the issue that owns this file. */
#include "td-types.h"
