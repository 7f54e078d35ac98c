/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-date"

#include <stdio.h>
#include <string.h>

#include "td-date.h"

TdDate
td_date_new (int year,
             int month,
             int day)
{
  GDate d;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    return TD_DATE_NONE;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&d);
}

gboolean
td_date_parse_iso (const char *iso,
                   TdDate     *out)
{
  int y, m, d;
  char tail;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = TD_DATE_NONE;
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;
  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  *out = td_date_new (y, m, d);
  return *out != TD_DATE_NONE;
}

void
td_date_get_ymd (TdDate date,
                 int   *year,
                 int   *month,
                 int   *day)
{
  GDate d;

  g_return_if_fail (date != TD_DATE_NONE);

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  if (year)
    *year = g_date_get_year (&d);
  if (month)
    *month = g_date_get_month (&d);
  if (day)
    *day = g_date_get_day (&d);
}

char *
td_date_to_iso (TdDate date)
{
  int y, m, d;

  if (date == TD_DATE_NONE)
    return NULL;
  td_date_get_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

TdDate
td_date_minus_one_month (TdDate date)
{
  int y, m, d, last;

  if (date == TD_DATE_NONE)
    return TD_DATE_NONE;
  td_date_get_ymd (date, &y, &m, &d);
  if (--m == 0)
    {
      m = 12;
      y--;
    }
  last = g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
  return td_date_new (y, m, MIN (d, last));
}

char *
td_date_format_vi_long (TdDate date)
{
  int y, m, d;

  if (date == TD_DATE_NONE)
    return g_strdup ("ngày    tháng    năm    ");
  td_date_get_ymd (date, &y, &m, &d);
  /* Nghị định 30/2020: a leading zero for days below 10 and for months 1 and 2. */
  if (m <= 2)
    return g_strdup_printf ("ngày %02d tháng %02d năm %d", d, m, y);
  return g_strdup_printf ("ngày %02d tháng %d năm %d", d, m, y);
}

char *
td_date_format_short (TdDate date)
{
  int y, m, d;

  if (date == TD_DATE_NONE)
    return g_strdup ("");
  td_date_get_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

gboolean
td_time_parse (const char *hhmm,
               int        *out_minutes)
{
  g_return_val_if_fail (out_minutes != NULL, FALSE);

  *out_minutes = -1;
  if (hhmm == NULL || strlen (hhmm) != 5 || hhmm[2] != ':' ||
      !g_ascii_isdigit (hhmm[0]) || !g_ascii_isdigit (hhmm[1]) ||
      !g_ascii_isdigit (hhmm[3]) || !g_ascii_isdigit (hhmm[4]))
    return FALSE;
  {
    int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
    int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');

    if (h > 23 || m > 59)
      return FALSE;
    *out_minutes = h * 60 + m;
  }
  return TRUE;
}

char *
td_time_to_string (int minutes)
{
  if (minutes < 0)
    return NULL;
  return g_strdup_printf ("%02d:%02d", (minutes / 60) % 24, minutes % 60);
}
