/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the delegate wizard with 10,000 candidates: one pick as the wizard's Choose step
 * does it (pick, then the composition and the rules' verdicts it shows), median over many picks.
 * Prints; asserts nothing. */
#include <locale.h>
#include <stdio.h>

#include "td-date.h"
#include "td-plan.h"
#include "td-wizard.h"

#define N_CANDIDATES 10000
#define N_CHILDREN   10
#define N_PICKS      300

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  g_autoptr(TdPlan) plan = td_plan_new_empty ();
  g_autoptr(TdWizard) wizard = NULL;
  TdConference *conference;
  double *pick_ms = g_new (double, N_PICKS);
  double *unpick_ms = g_new (double, N_PICKS);
  gint64 t0;

  setlocale (LC_ALL, "");
  td_plan_load_add_unit (plan, td_unit_new ("tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL));
  td_plan_load_add_unit (plan, td_unit_new ("d", "Huyện Gò Dầu", TD_LEVEL_UPPER, "tn"));
  for (guint c = 0; c < N_CHILDREN; c++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", c);
      g_autofree char *name = g_strdup_printf ("UBND xã Số %u", c + 1);
      TdUnit *u = td_unit_new (id, name, TD_LEVEL_GRASSROOTS, "d");

      u->staff = N_CANDIDATES / N_CHILDREN;
      td_plan_load_add_unit (plan, u);
    }
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autofree char *given = g_strdup_printf ("Tên%u", i);
      TdPerson *p = td_person_new (id, i % 2 ? "Nguyễn Văn" : "Trần Thị", given);

      p->gender = i % 2 ? TD_GENDER_MALE : TD_GENDER_FEMALE;
      p->leader = i % 5 == 0;
      p->unit = g_strdup_printf ("x%u", i % N_CHILDREN);
      p->ethnicity = g_strdup (i % 9 ? "Kinh" : "Khmer");
      td_plan_load_add_person (plan, p);
    }
  conference = td_conference_new ("c-d", "d");
  conference->mode = TD_MODE_REPRESENTATIVE;
  conference->date = td_date_new (2020, 5, 12);
  td_plan_load_add_conference (plan, conference);

  t0 = g_get_monotonic_time ();
  wizard = td_wizard_new (plan, conference);
  printf ("wizard on %d candidates: opened in %.2f ms\n", N_CANDIDATES,
          (g_get_monotonic_time () - t0) / 1000.0);

  for (guint k = 0; k < N_PICKS; k++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", (k * 37) % N_CANDIDATES);

      t0 = g_get_monotonic_time ();
      td_wizard_pick (wizard, id, TD_ROLE_DELEGATE);
      (void) td_wizard_get_composition (wizard);
      (void) td_wizard_get_verdicts (wizard);
      pick_ms[k] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  for (guint k = 0; k < N_PICKS; k++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", (k * 37) % N_CANDIDATES);

      t0 = g_get_monotonic_time ();
      td_wizard_unpick (wizard, id);
      (void) td_wizard_get_composition (wizard);
      (void) td_wizard_get_verdicts (wizard);
      unpick_ms[k] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (pick_ms, N_PICKS, sizeof (double), compare_doubles);
  qsort (unpick_ms, N_PICKS, sizeof (double), compare_doubles);
  printf ("pick + composition + verdicts: median %.3f ms, 95th percentile %.3f ms, max %.3f ms (%d picks)\n",
          pick_ms[N_PICKS / 2], pick_ms[N_PICKS * 95 / 100], pick_ms[N_PICKS - 1], N_PICKS);
  printf ("unpick + composition + verdicts: median %.3f ms, max %.3f ms\n",
          unpick_ms[N_PICKS / 2], unpick_ms[N_PICKS - 1]);
  g_free (pick_ms);
  g_free (unpick_ms);
  return 0;
}
