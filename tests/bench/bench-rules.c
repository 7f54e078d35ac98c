/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules engine on a province-scale plan built in memory (issue 3): 1 province, 10 districts,
 * 40 departments, 2,000 grassroots units with a conference each, 100,000 people and 60,000
 * delegates. Prints the median time of a full check and of the incremental re-check after
 * one edit. Targets on the reference machine: full < 50 ms, incremental < 1 ms.
 *
 *   bench-rules [--runs N]
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "td-date.h"
#include "td-plan.h"
#include "td-rules.h"

#define N_DISTRICTS    10
#define N_DEPARTMENTS  40
#define N_UPPER        (N_DISTRICTS + N_DEPARTMENTS)
#define N_GRASSROOTS   2000
#define N_PEOPLE       100000
#define PEOPLE_PER_UNIT (N_PEOPLE / N_GRASSROOTS)   /* 50 */
#define SEATS_PER_UNIT 3                            /* 40 units × 3 = 120 per upper conference */
#define GRASSROOTS_DELEGATES 27                     /* 2,000 × 27 + 50 × 120 = 60,000 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdApproval, td_approval_free)

static TdConference *
conference_new (const char *unit,
                TdMode      mode,
                TdDate      date)
{
  g_autofree char *id = g_strdup_printf ("c-%s", unit);
  TdConference *conf = td_conference_new (id, unit);

  conf->mode = mode;
  conf->date = date;
  /* Everything sent in time: the check still looks at every document. */
  for (int s = 0; s < TD_N_SUBMISSIONS; s++)
    conf->submissions[s] = td_date_minus_one_month (date) - 3;
  return conf;
}

static TdPlan *
province_new (guint *n_delegates)
{
  TdPlan *plan = td_plan_new_empty ();
  g_autoptr(TdUnit) root = td_unit_new ("tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL);
  g_autoptr(TdConference) top = conference_new ("tn", TD_MODE_REPRESENTATIVE,
                                                td_date_new (2020, 8, 20));
  g_autoptr(TdApproval) approval = td_approval_new ("05/QĐ-HĐTĐKT", td_date_new (2020, 3, 20),
                                                    "Hội đồng Thi đua - Khen thưởng");
  guint person = 0;

  *n_delegates = 0;
  td_plan_load_add_unit (plan, root);

  for (int u = 0; u < N_UPPER; u++)
    {
      g_autofree char *uid = g_strdup_printf ("u%d", u);
      g_autofree char *name = g_strdup_printf (u < N_DISTRICTS ? "Huyện %d" : "Sở %d", u);
      g_autoptr(TdUnit) upper = td_unit_new (uid, name, TD_LEVEL_UPPER, "tn");
      g_autoptr(TdConference) uconf = conference_new (uid, TD_MODE_REPRESENTATIVE,
                                                      td_date_new (2020, 5, 1 + u % 28));
      int n_children = N_GRASSROOTS / N_UPPER;

      upper->staff = 400;
      upper->pilot_body = TRUE;
      td_plan_load_add_unit (plan, upper);

      for (int g = 0; g < n_children; g++)
        {
          g_autofree char *gid = g_strdup_printf ("u%dg%d", u, g);
          g_autofree char *gname = g_strdup_printf ("Xã %d-%d", u, g);
          g_autoptr(TdUnit) unit = td_unit_new (gid, gname, TD_LEVEL_GRASSROOTS, uid);
          g_autoptr(TdConference) conf = conference_new (gid, TD_MODE_REPRESENTATIVE,
                                                         td_date_new (2020, 3, 1 + g % 28));

          unit->staff = 250;
          td_plan_load_add_unit (plan, unit);
          conf->pilot = g < 2;

          for (int p = 0; p < PEOPLE_PER_UNIT; p++)
            {
              g_autofree char *pid = g_strdup_printf ("p%u", person++);
              g_autofree char *given = g_strdup_printf ("Người %u", person);
              g_autoptr(TdPerson) someone = td_person_new (pid, "Nguyễn Thị", given);

              g_free (someone->unit);
              someone->unit = g_strdup (gid);
              someone->leader = p % 10 < 2;          /* 20 % leaders */
              someone->gender = p % 3 == 0 ? TD_GENDER_FEMALE : TD_GENDER_MALE;
              someone->sector = (TdSector) (p % TD_N_SECTORS);
              g_free (someone->ethnicity);
              someone->ethnicity = g_strdup (p % 25 == 0 ? "Khmer" : "Kinh");
              td_plan_load_add_person (plan, someone);

              if (p < GRASSROOTS_DELEGATES)
                {
                  td_conference_add_delegate (conf, pid, TD_ROLE_DELEGATE, NULL);
                  (*n_delegates)++;
                }
              if (p < SEATS_PER_UNIT)
                {
                  td_conference_add_delegate (uconf, pid, TD_ROLE_DELEGATE, approval);
                  (*n_delegates)++;
                }
            }
          td_conference_set_quota (uconf, gid, SEATS_PER_UNIT);
          td_plan_load_add_conference (plan, conf);
        }
      td_plan_load_add_conference (plan, uconf);
      td_conference_set_quota (top, uid, 4);
    }
  td_plan_load_add_conference (plan, top);
  return plan;
}

/* CPU time of this thread: on a loaded machine it says what the code costs, the wall clock
 * says what the user waits. Both are printed. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (GArray *times)
{
  g_array_sort (times, compare_times);
  return g_array_index (times, gint64, times->len / 2) / 1000.0;
}

typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stamp;

static Stamp
stamp_now (void)
{
  Stamp s = { g_get_monotonic_time (), cpu_now () };

  return s;
}

/* Median wall and CPU times of a series. */
typedef struct
{
  GArray *wall;
  GArray *cpu;
} Series;

static void
series_init (Series *series)
{
  series->wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  series->cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
series_add (Series *series,
            Stamp   since)
{
  gint64 wall = g_get_monotonic_time () - since.wall;
  gint64 cpu = cpu_now () - since.cpu;

  g_array_append_val (series->wall, wall);
  g_array_append_val (series->cpu, cpu);
}

static void
series_print (Series     *series,
              const char *label,
              const char *extra)
{
  printf ("%-52s %9.3f ms wall %9.3f ms CPU%s\n", label, median_ms (series->wall),
          median_ms (series->cpu), extra != NULL ? extra : "");
  g_array_unref (series->wall);
  g_array_unref (series->cpu);
}

typedef struct
{
  Stamp   start;
  Series *rules;  /* the time spent in TdRules' handler of ::changes */
} Probe;

static void
before_cb (TdPlan    *plan,
           GPtrArray *changes,
           Probe     *probe)
{
  probe->start = stamp_now ();
}

static void
after_cb (TdPlan    *plan,
          GPtrArray *changes,
          Probe     *probe)
{
  series_add (probe->rules, probe->start);
}

typedef void (*EditFunc) (TdPlan *plan, int run);

static void
edit_grassroots_date (TdPlan *plan,
                      int     run)
{
  TdConference *conf = td_plan_get_conference (plan, "c-u3g7");

  td_plan_begin (plan, "date");
  td_plan_touch (plan, conf);
  conf->date = td_date_new (2020, 3, 1 + run % 28);
  td_plan_commit (plan);
}

static void
edit_grassroots_delegate (TdPlan *plan,
                          int     run)
{
  TdConference *conf = td_plan_get_conference (plan, "c-u3g7");

  td_plan_begin (plan, "delegate");
  td_plan_touch (plan, conf);
  if (run % 2 == 0)
    td_conference_add_delegate (conf, "p9999", TD_ROLE_DELEGATE, NULL);
  else
    g_array_remove_index (conf->delegates, td_conference_find_delegate (conf, "p9999"));
  td_plan_commit (plan);
}

static void
edit_person (TdPlan *plan,
             int     run)
{
  TdPerson *person = td_plan_get_person (plan, "p5000");

  td_plan_begin (plan, "leader");
  td_plan_touch (plan, person);
  person->leader = !person->leader;
  td_plan_commit (plan);
}

static void
edit_district_date (TdPlan *plan,
                    int     run)
{
  TdConference *conf = td_plan_get_conference (plan, "c-u2");

  td_plan_begin (plan, "date");
  td_plan_touch (plan, conf);
  conf->date = td_date_new (2020, 5, 1 + run % 28);
  td_plan_commit (plan);
}

static void
measure_edit (TdPlan     *plan,
              Probe      *probe,
              const char *label,
              EditFunc    edit,
              int         runs)
{
  Series rules, commit;
  g_autofree char *rules_label = g_strdup_printf ("incremental check after %s", label);
  g_autofree char *commit_label = g_strdup_printf ("  (the whole commit, with the model's snapshots)");

  series_init (&rules);
  series_init (&commit);
  probe->rules = &rules;
  for (int i = 0; i < runs; i++)
    {
      Stamp t0 = stamp_now ();

      edit (plan, i);
      series_add (&commit, t0);
    }
  probe->rules = NULL;
  series_print (&rules, rules_label, NULL);
  series_print (&commit, commit_label, NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdRules) rules = NULL;
  g_autofree char *extra = NULL;
  TdDate today = td_date_new (2020, 12, 31);
  guint n_delegates, n_violations = 0;
  int runs = 9;
  Probe probe = { { 0, 0 }, NULL };
  Series full, setup, recheck;
  Stamp t0;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "--runs"))
    runs = MAX (1, atoi (argv[2]));

  t0 = stamp_now ();
  plan = province_new (&n_delegates);
  printf ("synthetic province: %u units, %u people, %u conferences, %u delegates "
          "(built in %.0f ms)\n",
          g_list_model_get_n_items (G_LIST_MODEL (plan->units)),
          g_list_model_get_n_items (G_LIST_MODEL (plan->people)),
          g_list_model_get_n_items (G_LIST_MODEL (plan->conferences)),
          n_delegates, (g_get_monotonic_time () - t0.wall) / 1000.0);
  printf ("median of %d runs\n", runs);

  series_init (&full);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) violations = NULL;

      t0 = stamp_now ();
      violations = td_rules_check_plan (plan, today);
      series_add (&full, t0);
      n_violations = violations->len;
    }
  extra = g_strdup_printf ("  (%u violations)", n_violations);
  series_print (&full, "full check (td_rules_check_plan)", extra);

  g_signal_connect (plan, "changes", G_CALLBACK (before_cb), &probe);
  series_init (&setup);
  t0 = stamp_now ();
  rules = td_rules_new (plan, today);
  series_add (&setup, t0);
  series_print (&setup, "TdRules set-up (full check, model, indexes; once)", NULL);
  /* After TdRules' own handler, so that the probe brackets it. */
  g_signal_connect (plan, "changes", G_CALLBACK (after_cb), &probe);

  series_init (&recheck);
  for (int i = 0; i < runs; i++)
    {
      t0 = stamp_now ();
      td_rules_recheck_all (rules);
      series_add (&recheck, t0);
    }
  series_print (&recheck, "TdRules full re-check (parameters changed)", NULL);

  measure_edit (plan, &probe, "a grassroots date", edit_grassroots_date, runs);
  measure_edit (plan, &probe, "a grassroots delegate", edit_grassroots_delegate, runs);
  measure_edit (plan, &probe, "a person's leader flag", edit_person, runs);
  measure_edit (plan, &probe, "a district's date", edit_district_date, runs);

  return 0;
}
