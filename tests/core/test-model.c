/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>

#include "td-date.h"
#include "td-plan.h"

typedef struct
{
  guint      emissions;
  GPtrArray *last;   /* of TdChange*, borrowed copies of kind/id/before/after presence */
  GString   *log;
} Recorder;

static void
changes_cb (TdPlan    *plan,
            GPtrArray *changes,
            gpointer   user_data)
{
  Recorder *r = user_data;

  r->emissions++;
  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *c = g_ptr_array_index (changes, i);
      g_string_append_printf (r->log, "%d:%s:%c%c ", c->kind, c->id ? c->id : "-",
                              c->before ? 'B' : '_', c->after ? 'A' : '_');
    }
}

static TdPlan *
small_plan (void)
{
  TdPlan *plan = td_plan_new ();
  TdUnit *root = td_unit_new ("tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL);
  TdUnit *godau = td_unit_new ("godau", "Huyện Gò Dầu", TD_LEVEL_UPPER, "tn");
  TdUnit *xa = td_unit_new ("thanh-phuoc", "UBND xã Thanh Phước", TD_LEVEL_GRASSROOTS, "godau");
  TdConference *c = td_conference_new ("c1", "thanh-phuoc");

  td_plan_load_add_unit (plan, root);
  td_plan_load_add_unit (plan, godau);
  td_plan_load_add_unit (plan, xa);
  td_plan_load_add_conference (plan, c);
  g_object_unref (root);
  g_object_unref (godau);
  g_object_unref (xa);
  g_object_unref (c);
  return plan;
}

static void
test_dates (void)
{
  TdDate d, e;
  g_autofree char *iso = NULL;
  g_autofree char *vi1 = NULL;
  g_autofree char *vi2 = NULL;
  int y, m, day;

  g_assert_true (td_date_parse_iso ("2020-03-31", &d));
  e = td_date_minus_one_month (d);
  td_date_get_ymd (e, &y, &m, &day);
  g_assert_cmpint (y, ==, 2020);
  g_assert_cmpint (m, ==, 2);
  g_assert_cmpint (day, ==, 29);             /* clamped to a leap February */

  g_assert_true (td_date_parse_iso ("2019-03-31", &d));
  iso = td_date_to_iso (td_date_minus_one_month (d));
  g_assert_cmpstr (iso, ==, "2019-02-28");

  g_assert_true (td_date_parse_iso ("2020-01-15", &d));
  td_date_get_ymd (td_date_minus_one_month (d), &y, &m, &day);
  g_assert_cmpint (y, ==, 2019);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (day, ==, 15);

  g_assert_false (td_date_parse_iso ("2020-02-30", &d));
  g_assert_false (td_date_parse_iso ("2020-2-3", &d));
  g_assert_false (td_date_parse_iso ("20200203", &d));
  g_assert_false (td_date_parse_iso (NULL, &d));

  vi1 = td_date_format_vi_long (td_date_new (2020, 2, 5));
  g_assert_cmpstr (vi1, ==, "ngày 05 tháng 02 năm 2020");
  vi2 = td_date_format_vi_long (td_date_new (2020, 6, 29));
  g_assert_cmpstr (vi2, ==, "ngày 29 tháng 6 năm 2020");

  {
    int t;
    g_autofree char *s = NULL;

    g_assert_true (td_time_parse ("07:30", &t));
    g_assert_cmpint (t, ==, 450);
    s = td_time_to_string (t);
    g_assert_cmpstr (s, ==, "07:30");
    g_assert_false (td_time_parse ("24:00", &t));
    g_assert_false (td_time_parse ("7:30", &t));
  }
}

static void
test_lookup (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  g_autoptr(GPtrArray) roots = td_plan_get_children (plan, NULL);
  g_autofree char *id = NULL;

  g_assert_nonnull (td_plan_get_unit (plan, "godau"));
  g_assert_null (td_plan_get_unit (plan, "nowhere"));
  g_assert_cmpuint (roots->len, ==, 1);
  g_assert_true (td_plan_unit_is_within (plan, "thanh-phuoc", "tn"));
  g_assert_true (td_plan_unit_is_within (plan, "thanh-phuoc", "thanh-phuoc"));
  g_assert_false (td_plan_unit_is_within (plan, "godau", "thanh-phuoc"));
  g_assert_true (td_plan_get_unit_conference (plan, "thanh-phuoc") == td_plan_get_conference (plan, "c1"));
  id = td_plan_make_id (plan, TD_KIND_UNIT, "godau");
  g_assert_cmpstr (id, !=, "godau");
  g_assert_null (td_plan_get_unit (plan, id));
}

static void
test_edit_undo_redo (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  Recorder r = { 0, NULL, g_string_new (NULL) };
  TdConference *c = td_plan_get_conference (plan, "c1");
  TdUnit *godau = td_plan_get_unit (plan, "godau");

  g_signal_connect (plan, "changes", G_CALLBACK (changes_cb), &r);

  td_plan_begin (plan, "Change venue");
  td_plan_touch (plan, c);
  g_free (c->venue);
  c->venue = g_strdup ("Hội trường UBND xã");
  c->date = td_date_new (2020, 3, 10);
  td_plan_touch (plan, c);  /* touching twice records one change */
  td_plan_commit (plan);

  g_assert_cmpuint (r.emissions, ==, 1);
  g_assert_cmpstr (r.log->str, ==, "3:c1:BA ");
  g_assert_true (td_plan_can_undo (plan));
  g_assert_cmpstr (td_plan_get_undo_label (plan), ==, "Change venue");

  /* A commit without a real change records nothing. */
  td_plan_begin (plan, "Nothing");
  td_plan_touch (plan, godau);
  td_plan_commit (plan);
  g_assert_cmpuint (r.emissions, ==, 1);
  g_assert_cmpstr (td_plan_get_undo_label (plan), ==, "Change venue");

  td_plan_undo (plan);
  c = td_plan_get_conference (plan, "c1");
  g_assert_cmpstr (c->venue, ==, "");
  g_assert_cmpuint (c->date, ==, TD_DATE_NONE);
  g_assert_false (td_plan_can_undo (plan));
  g_assert_true (td_plan_can_redo (plan));
  g_assert_cmpuint (r.emissions, ==, 2);

  td_plan_redo (plan);
  g_assert_cmpstr (c->venue, ==, "Hội trường UBND xã");
  g_assert_cmpuint (c->date, ==, td_date_new (2020, 3, 10));

  /* A new edit clears the redo stack. */
  td_plan_undo (plan);
  td_plan_begin (plan, "Pilot");
  td_plan_touch (plan, c);
  c->pilot = TRUE;
  td_plan_commit (plan);
  g_assert_false (td_plan_can_redo (plan));

  g_string_free (r.log, TRUE);
}

static void
test_add_remove_undo (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  g_autoptr(TdPerson) p = td_person_new ("p1", "Nguyễn Thị Ánh", "Tuyết");
  Recorder r = { 0, NULL, g_string_new (NULL) };
  TdUnit *xa;

  g_signal_connect (plan, "changes", G_CALLBACK (changes_cb), &r);

  p->unit = g_strdup ("thanh-phuoc");
  td_plan_begin (plan, "Add person");
  td_plan_add_person (plan, p);
  td_plan_commit (plan);
  g_assert_cmpstr (r.log->str, ==, "2:p1:_A ");
  g_assert_true (td_plan_get_person (plan, "p1") == p);

  td_plan_undo (plan);
  g_assert_null (td_plan_get_person (plan, "p1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->people)), ==, 0);
  td_plan_redo (plan);
  g_assert_nonnull (td_plan_get_person (plan, "p1"));
  g_assert_cmpstr (td_plan_get_person (plan, "p1")->given, ==, "Tuyết");

  /* Removing a unit in the middle and undoing puts it back where it was. */
  xa = td_plan_get_unit (plan, "godau");
  td_plan_begin (plan, "Delete unit");
  td_plan_remove_unit (plan, xa);
  td_plan_commit (plan);
  g_assert_null (td_plan_get_unit (plan, "godau"));
  td_plan_undo (plan);
  {
    g_autoptr(TdUnit) second = g_list_model_get_item (G_LIST_MODEL (plan->units), 1);
    g_assert_cmpstr (second->id, ==, "godau");
    g_assert_cmpstr (second->name, ==, "Huyện Gò Dầu");
  }

  /* Added and removed in the same edit: nothing happened. */
  {
    g_autoptr(TdPerson) q = td_person_new ("p2", "Lê Văn", "Tám");
    guint before = r.emissions;

    td_plan_begin (plan, "Nothing");
    td_plan_add_person (plan, q);
    td_plan_remove_person (plan, q);
    td_plan_commit (plan);
    g_assert_cmpuint (r.emissions, ==, before);
  }
  g_string_free (r.log, TRUE);
}

static void
test_rollback (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  g_autoptr(TdPerson) p = td_person_new ("p9", "Trần Văn", "Bảy");
  TdUnit *godau = td_plan_get_unit (plan, "godau");

  td_plan_begin (plan, "Import");
  td_plan_add_person (plan, p);
  td_plan_touch (plan, godau);
  godau->staff = 420;
  td_plan_rollback (plan);

  g_assert_false (td_plan_in_edit (plan));
  g_assert_null (td_plan_get_person (plan, "p9"));
  g_assert_cmpint (td_plan_get_unit (plan, "godau")->staff, ==, -1);
  g_assert_false (td_plan_can_undo (plan));
}

static void
test_metadata_undo (void)
{
  g_autoptr(TdPlan) plan = small_plan ();

  td_plan_begin (plan, "Cap");
  td_plan_touch_plan (plan);
  plan->params.grassroots_delegate_cap = 120;
  g_free (plan->number);
  plan->number = g_strdup ("12/KH-UBND");
  td_plan_commit (plan);
  td_plan_undo (plan);
  g_assert_cmpint (plan->params.grassroots_delegate_cap, ==, 150);
  g_assert_cmpstr (plan->number, ==, "");
  td_plan_redo (plan);
  g_assert_cmpint (plan->params.grassroots_delegate_cap, ==, 120);
}

static void
test_nested_edits (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  TdUnit *godau = td_plan_get_unit (plan, "godau");
  TdUnit *xa = td_plan_get_unit (plan, "thanh-phuoc");

  td_plan_begin (plan, "Outer");
  td_plan_touch (plan, godau);
  godau->staff = 10;
  td_plan_begin (plan, "Inner");
  td_plan_touch (plan, xa);
  xa->staff = 20;
  td_plan_commit (plan);
  g_assert_true (td_plan_in_edit (plan));
  g_assert_false (td_plan_can_undo (plan));
  td_plan_commit (plan);
  g_assert_cmpstr (td_plan_get_undo_label (plan), ==, "Outer");
  td_plan_undo (plan);
  g_assert_cmpint (godau->staff, ==, -1);
  g_assert_cmpint (xa->staff, ==, -1);
}

static void
test_agenda_template (void)
{
  g_autoptr(GPtrArray) items = td_agenda_template_new (7 * 60 + 30);
  TdAgendaItem *first, *last;
  int total = 0;

  g_assert_cmpuint (items->len, ==, 8);
  first = g_ptr_array_index (items, 0);
  last = g_ptr_array_index (items, 7);
  g_assert_cmpint (first->start, ==, 450);
  g_assert_true (g_str_has_prefix (first->title, "Tuyên bố lý do"));
  g_assert_cmpstr (last->title, ==, "Tổng kết và bế mạc");
  for (guint i = 0; i < items->len; i++)
    total += ((TdAgendaItem *) g_ptr_array_index (items, i))->minutes;
  g_assert_cmpint (total, <=, 270);
  g_assert_cmpint (last->start + last->minutes, ==, 450 + total);
}

static void
test_merging (void)
{
  g_autoptr(TdPlan) plan = small_plan ();
  TdConference *c = td_plan_get_conference (plan, "c1");
  const char *steps[] = { "H", "Hộ", "Hội trường" };
  guint emissions = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      td_plan_begin_merging (plan, "Venue", "c1:venue");
      td_plan_touch (plan, c);
      g_free (c->venue);
      c->venue = g_strdup (steps[i]);
      td_plan_commit (plan);
      emissions++;
    }
  /* Another field is another step. */
  td_plan_begin_merging (plan, "Chair", "c1:chair");
  td_plan_touch (plan, c);
  c->chair = g_strdup ("Chủ tịch UBND xã");
  td_plan_commit (plan);

  td_plan_undo (plan);
  g_assert_null (c->chair);
  g_assert_cmpstr (c->venue, ==, "Hội trường");
  td_plan_undo (plan);
  g_assert_cmpstr (c->venue, ==, "");
  g_assert_false (td_plan_can_undo (plan));
  td_plan_redo (plan);
  g_assert_cmpstr (c->venue, ==, "Hội trường");
  g_assert_cmpuint (emissions, ==, 3);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/dates", test_dates);
  g_test_add_func ("/model/lookup", test_lookup);
  g_test_add_func ("/model/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/model/add-remove-undo", test_add_remove_undo);
  g_test_add_func ("/model/rollback", test_rollback);
  g_test_add_func ("/model/metadata-undo", test_metadata_undo);
  g_test_add_func ("/model/nested-edits", test_nested_edits);
  g_test_add_func ("/model/agenda-template", test_agenda_template);
  g_test_add_func ("/model/merging", test_merging);
  return g_test_run ();
}
