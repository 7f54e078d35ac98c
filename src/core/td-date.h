/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "td-types.h"

G_BEGIN_DECLS

TdDate   td_date_new            (int year, int month, int day);  /* 0 when invalid */
gboolean td_date_parse_iso      (const char *iso, TdDate *out);  /* "YYYY-MM-DD" */
char    *td_date_to_iso         (TdDate date);                   /* NULL for TD_DATE_NONE */
void     td_date_get_ymd        (TdDate date, int *year, int *month, int *day);
/* The same day number one calendar month earlier, clamped to that month's end (R-SUBMIT). */
TdDate   td_date_minus_one_month(TdDate date);
/* "ngày 05 tháng 02 năm 2020": leading zeros for day < 10 and months 1 and 2 (Nghị định 30). */
char    *td_date_format_vi_long (TdDate date);
/* "05/02/2020" */
char    *td_date_format_short   (TdDate date);
/* Minutes since midnight; -1 means "not set". */
gboolean td_time_parse          (const char *hhmm, int *out_minutes);
char    *td_time_to_string      (int minutes);                   /* "07:30"; NULL for -1 */

G_END_DECLS
