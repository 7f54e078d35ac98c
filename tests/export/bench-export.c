/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the printed documents: a 300-row delegate list, 300 invitations and a
 * 10,000-row list, each built and written to PDF several times; the median time and the peak
 * memory of a process that does only that case (each case runs in a child process of its own,
 * so that the peaks do not mix). Prints results; asserts nothing about speed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "td-export.h"
#include "td-date.h"

static const char *families[] = { "Nguyễn Thị", "Trần Văn", "Lê Hoàng", "Phạm Ngọc", "Huỳnh Thị Kim",
                                  "Võ Minh", "Đặng Quốc", "Bùi Thị Thu", "Đỗ Văn", "Hồ Thị Ánh" };
static const char *givens[] = { "Tuyết", "Hùng", "Phúc", "Ánh", "Quỳnh", "Đức", "Dũng", "Cường",
                                "Bình", "An", "Ngọc", "Thảo", "Hiếu", "Khoa", "Lâm", "Mỹ" };
static const char *positions[] = { "Giáo viên", "Phó Chủ tịch UBND xã", "Công nhân Công ty TNHH may mặc",
                                   "Nông dân sản xuất, kinh doanh giỏi", "Chủ nhiệm Hợp tác xã nông nghiệp" };

static TdPlan *
make_plan (guint n)
{
  TdPlan *plan = td_plan_new_empty ();
  TdConference *c = td_conference_new ("c-12", "u1");
  g_autoptr(GPtrArray) agenda = td_agenda_template_new (450);
  guint i;

  plan->place = g_strdup ("Tây Ninh");
  plan->signer_authority = g_strdup ("TM. ỦY BAN NHÂN DÂN");
  plan->signer_title = g_strdup ("CHỦ TỊCH");
  plan->signer_name = g_strdup ("Nguyễn Thanh Ngọc");
  td_plan_load_add_unit (plan, td_unit_new ("u0", "Huyện Gò Dầu", TD_LEVEL_UPPER, NULL));
  for (i = 1; i <= 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i);
      g_autofree char *name = g_strdup_printf ("UBND xã Thanh Phước %u", i);

      td_plan_load_add_unit (plan, td_unit_new (id, name, TD_LEVEL_GRASSROOTS, "u0"));
    }
  g_free (c->form);
  c->form = g_strdup ("Hội nghị Điển hình tiên tiến");
  c->date = td_date_new (2020, 3, 10);
  c->start = 450;
  g_free (c->venue);
  c->venue = g_strdup ("Hội trường UBND xã Thanh Phước");
  for (i = 0; i < agenda->len; i++)
    g_list_store_append (c->agenda, g_ptr_array_index (agenda, i));
  for (i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autofree char *unit = g_strdup_printf ("u%u", 1 + i % 20);
      g_autofree char *family = g_strdup_printf ("%s %s", families[i % G_N_ELEMENTS (families)],
                                                 givens[(i / 10) % G_N_ELEMENTS (givens)]);
      TdPerson *p = td_person_new (id, family, givens[(i / 160) % G_N_ELEMENTS (givens)]);

      p->gender = i % 2 ? TD_GENDER_MALE : TD_GENDER_FEMALE;
      p->birth_year = 1960 + i % 40;
      p->ethnicity = g_strdup (i % 13 == 0 ? "Khmer" : "Kinh");
      p->position = g_strdup (positions[i % G_N_ELEMENTS (positions)]);
      p->leader = i % 10 < 3;
      p->unit = g_strdup (unit);
      td_plan_load_add_person (plan, p);
      td_conference_add_delegate (c, id, TD_ROLE_DELEGATE, NULL);
    }
  td_plan_load_add_conference (plan, c);
  return plan;
}

static long
max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Child: one case. */
static int
run_case (const char *kind_name, guint n, guint runs)
{
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdExportOptions) options = td_export_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("td-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree double *times = g_new (double, runs);
  TdExportKind kind;
  long rss_data;
  guint pages = 0, r;
  GStatBuf st;

  if (!td_export_kind_from_string (kind_name, &kind))
    return 2;
  plan = make_plan (n);
  rss_data = max_rss_kib ();
  options->landscape = TRUE;
  for (r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdDocument) doc = NULL;
      gint64 t0 = g_get_monotonic_time ();

      doc = td_export_build (plan, "c-12", kind, options, NULL, NULL, NULL, &error);
      if (doc == NULL || !td_document_write_pdf (doc, path, NULL, &error))
        {
          g_printerr ("bench: %s\n", error->message);
          return 1;
        }
      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
      pages = td_document_get_n_pages (doc);
    }
  qsort (times, runs, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  g_stat (path, &st);
  printf ("%-12s %6u rows  %5u pages  %8.1f KiB PDF  median %8.1f ms  (min %.1f, max %.1f, %u runs)  "
          "peak RSS %6.1f MiB (plan data loaded: %.1f MiB)\n",
          kind_name, n, pages, st.st_size / 1024.0, times[runs / 2], times[0], times[runs - 1], runs,
          max_rss_kib () / 1024.0, rss_data / 1024.0);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

int
main (int argc, char **argv)
{
  static const struct { const char *kind; const char *n; const char *runs; } cases[] = {
    { "delegates", "300", "9" },
    { "invitations", "300", "5" },
    { "delegates", "10000", "3" },
  };
  guint i;

  if (argc == 5 && strcmp (argv[1], "--case") == 0)
    return run_case (argv[2], atoi (argv[3]), MAX (atoi (argv[4]), 1));

  printf ("Export benchmark (build + write PDF; each case in its own process)\n");
  fflush (stdout);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *child[] = { argv[0], "--case", cases[i].kind, cases[i].n, cases[i].runs, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error))
        {
          g_printerr ("bench: %s\n", error->message);
          return 1;
        }
      if (!g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("bench: %s %s: %s\n", cases[i].kind, cases[i].n, error->message);
          return 1;
        }
    }
  return 0;
}
