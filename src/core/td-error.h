/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_ERROR (td_error_quark ())
GQuark td_error_quark (void);

typedef enum {
  TD_ERROR_INVALID,       /* bad input: malformed JSON, CSV, wrong field; message names where */
  TD_ERROR_NOT_A_PLAN,    /* not a SQLite file, or a SQLite file that is not a plan */
  TD_ERROR_CORRUPT,       /* a plan file that fails its integrity check */
  TD_ERROR_TOO_NEW,       /* written by a newer version of the application */
  TD_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  TD_ERROR_IO,            /* any other failure of the file system or SQLite */
  TD_ERROR_CANCELLED,
} TdError;

G_END_DECLS
