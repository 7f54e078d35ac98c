/* SPDX-License-Identifier: GPL-3.0-or-later */
/* People at scale: import of a 100,000-row CSV, sort in official order, one search keystroke
 * through the People page's filter and sort models, peak memory. Prints; asserts nothing. */
#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "td-batch-model.h"
#include "td-people-import.h"
#include "td-people-page.h"
#include "td-store.h"
#include "td-text.h"

#define N_ROWS 100000
#define RUNS 3

static const char * const families[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
  "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Chau", "Kim", "Danh",
};
static const char * const middles[] = {
  "Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thị Ánh", "Văn Hoà", "Thuỳ", "Đức", "Kim",
};
static const char * const givens[] = {
  "An", "Anh", "Ánh", "Ân", "Bình", "Châu", "Cường", "Dũng", "Duy", "Dương", "Đào", "Giang", "Hà",
  "Hải", "Hoà", "Hòa", "Hùng", "Hưng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga",
  "Ngọc", "Nhung", "Oanh", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thủy", "Thuỷ",
  "Trang", "Trung", "Tuấn", "Tuyết", "Uyên", "Văn", "Việt", "Xuân", "Yến", "Sa Rên",
};
static const char * const positions[] = {
  "Giáo viên", "Nông dân", "Công nhân", "Phó Trưởng phòng", "Chủ tịch UBND xã", "Bác sĩ",
  "Kỹ sư", "Công an viên", "Bí thư Chi bộ", "Nhân viên",
};

/* The machine is shared: CPU time of this process is what the code costs, wall time what a
 * user would wait on an idle machine only. Both are printed; the medians use CPU time. */
static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
median (double *v,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return v[n / 2];
}

static char *
make_csv (TdPlan *plan,
          gsize  *len)
{
  GString *s = g_string_new ("Họ và tên,Giới tính,Năm sinh,Dân tộc,Chức vụ,Đơn vị,Thành phần\n");
  guint n_units = g_list_model_get_n_items (G_LIST_MODEL (plan->units));
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(TdUnit) unit = g_list_model_get_item (G_LIST_MODEL (plan->units),
                                                      g_rand_int_range (rand, 0, n_units));
      const char *given = givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))];
      gboolean female = g_rand_boolean (rand);

      g_autofree char *name = g_strdup_printf ("%s %s %s",
                                               families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))],
                                               middles[g_rand_int_range (rand, 0, G_N_ELEMENTS (middles))], given);
      g_autofree char *year = g_strdup_printf ("%d", 1950 + i % 53);
      const char *row[] = {
        name, female ? "Nữ" : "Nam", year, i % 7 == 0 ? "Khmer" : "Kinh",
        positions[g_rand_int_range (rand, 0, G_N_ELEMENTS (positions))],
        i % 3 == 0 ? unit->id : unit->name, i % 5 == 0 ? "Nông dân" : "",
      };

      td_csv_write_row (s, row, G_N_ELEMENTS (row), ',');
    }
  g_rand_free (rand);
  *len = s->len;
  return g_string_free (s, FALSE);
}

static TdPlan *
sample_without_people (void)
{
  g_autoptr(GError) error = NULL;
  TdPlan *sample = td_plan_new_sample (&error);
  TdPlan *plan;
  guint n;

  g_assert_no_error (error);
  plan = td_plan_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (sample->units));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdUnit) u = g_list_model_get_item (G_LIST_MODEL (sample->units), i);
      g_autoptr(TdUnit) c = td_unit_new (u->id, u->name, u->level, u->parent);
      td_plan_load_add_unit (plan, c);
    }
  g_object_unref (sample);
  return plan;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *csv = NULL;
  g_autofree char *dir = g_dir_make_tmp ("td-bench-people-XXXXXX", NULL);
  g_autoptr(TdPlan) plan = NULL;
  double parse_t[RUNS], apply_t[RUNS], total_t[RUNS], wall_t[RUNS], sort_cold = 0, sort_t[RUNS];
  double store_t = 0;
  gsize len;

  setlocale (LC_ALL, "");

  {
    g_autoptr(TdPlan) units = sample_without_people ();
    csv = make_csv (units, &len);
  }
  g_print ("CSV: %d rows, %.1f MiB\n", N_ROWS, len / 1048576.0);

  /* Import into an in-memory plan: parse (what the dialog's thread does) and apply (one edit). */
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(TdPlan) p = sample_without_people ();
      g_autoptr(TdPeopleImport) import = td_people_import_new (p, NULL);
      g_autoptr(GError) error = NULL;
      double t0 = now (), t1, t2, w0 = wall ();

      if (!td_people_import_parse (import, csv, len, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      t1 = now ();
      if (!td_people_import_apply (import, p, NULL, &error))
        g_error ("%s", error->message);
      t2 = now ();
      parse_t[r] = t1 - t0;
      apply_t[r] = t2 - t1;
      total_t[r] = t2 - t0;
      wall_t[r] = wall () - w0;
      if (r == RUNS - 1)
        plan = g_steal_pointer (&p);
    }
  g_print ("import %d rows (median of %d, CPU): %.0f ms = parse %.0f ms + apply %.0f ms (wall %.0f ms)\n",
           N_ROWS, RUNS, median (total_t, RUNS) * 1000, median (parse_t, RUNS) * 1000,
           median (apply_t, RUNS) * 1000, median (wall_t, RUNS) * 1000);

  /* The same into a plan file: the store writes the edit in one transaction. */
  {
    g_autofree char *path = g_build_filename (dir, "bench.thidua", NULL);
    g_autoptr(TdPlan) p = sample_without_people ();
    g_autoptr(GError) error = NULL;
    g_autoptr(TdStore) store = td_store_create (path, p, &error);
    double t0;

    g_assert_no_error (error);
    td_store_attach (store, p);
    t0 = now ();
    if (!td_people_import_run (p, csv, len, NULL, NULL, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    store_t = now () - t0;
    td_store_close (store);
    g_remove (path);
    g_print ("import %d rows into a .thidua file (parse, apply, saved; CPU): %.0f ms\n", N_ROWS, store_t * 1000);
  }

  /* Official order: keys computed once (cold), then a sort on cached keys. */
  {
    double t0 = now ();
    g_autoptr(GPtrArray) sorted = td_people_sorted (plan);

    sort_cold = now () - t0;
    for (guint r = 0; r < RUNS; r++)
      {
        g_autoptr(GPtrArray) again = NULL;

        t0 = now ();
        again = td_people_sorted (plan);
        sort_t[r] = now () - t0;
      }
    g_print ("sort %u people in official order (CPU): %.0f ms with the collation keys computed, "
             "%.0f ms with them cached\n", sorted->len, sort_cold * 1000, median (sort_t, RUNS) * 1000);
  }

  /* One keystroke through the People page's models: people → batch copy → sort (official order)
   * → filter. The first keystroke also computes every person's search key (then cached).
   * The filter runs whole here (the page filters incrementally, a batch at a time). */
  {
    g_autoptr(GtkSortListModel) sort = NULL;
    g_autoptr(GtkFilterListModel) filtered = NULL;
    TdPeopleFilter *filter = td_people_filter_new (plan);
    const char *keys[] = { "n", "ng", "ngu", "nguyen t", "nguyen thi anh", "nguyen thi anh t" };
    double t0 = now ();

    sort = gtk_sort_list_model_new (G_LIST_MODEL (td_batch_model_new (G_LIST_MODEL (plan->people))),
                                    td_people_sorter_new ());
    filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (sort)), GTK_FILTER (filter));
    g_print ("People page models over %u people: %.0f ms CPU to the first sorted list\n",
             g_list_model_get_n_items (G_LIST_MODEL (filtered)), (now () - t0) * 1000);
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        guint n;

        t0 = now ();
        td_people_filter_set_search (filter, keys[k]);
        n = g_list_model_get_n_items (G_LIST_MODEL (filtered));
        g_print ("keystroke → “%s”: %u people, %.1f ms CPU\n", keys[k], n, (now () - t0) * 1000);
      }
    t0 = now ();
    td_people_filter_set_search (filter, "");
    g_print ("search cleared: %u people, %.1f ms CPU\n", g_list_model_get_n_items (G_LIST_MODEL (filtered)),
             (now () - t0) * 1000);
  }

  g_print ("peak resident memory: %.0f MiB\n", peak_rss_kib () / 1024.0);
  g_rmdir (dir);
  return 0;
}
