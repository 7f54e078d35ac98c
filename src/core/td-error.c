/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "td-error.h"

G_DEFINE_QUARK (td-error-quark, td_error)
