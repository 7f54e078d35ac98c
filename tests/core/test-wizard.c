/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The delegate wizard's state at the rule boundaries, against the rules engine itself. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-composition.h"
#include "td-date.h"
#include "td-error.h"
#include "td-plan.h"
#include "td-rules.h"
#include "td-wizard.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdApproval, td_approval_free)

/*   tn (province) → d1 (upper, 420) → g1 (grassroots, 250), g2 (120), g3 (80)
 *                                      g4 (grassroots, exactly 200)
 *                 → d2 (upper)      → h1 */
static TdPlan *
tree_new (void)
{
  TdPlan *plan = td_plan_new_empty ();
  struct { const char *id, *name; TdLevel level; const char *parent; int staff; } units[] = {
    { "tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL, -1 },
    { "d1", "Huyện Gò Dầu", TD_LEVEL_UPPER, "tn", 420 },
    { "g1", "UBND xã Thanh Phước", TD_LEVEL_GRASSROOTS, "d1", 250 },
    { "g2", "UBND xã Phước Đông", TD_LEVEL_GRASSROOTS, "d1", 120 },
    { "g3", "Trường THCS Gò Dầu", TD_LEVEL_GRASSROOTS, "d1", 80 },
    { "g4", "Trung tâm Y tế huyện Gò Dầu", TD_LEVEL_GRASSROOTS, "d1", 200 },
    { "d2", "Sở Văn hóa, Thể thao và Du lịch", TD_LEVEL_UPPER, "tn", 150 },
    { "h1", "Trung tâm Văn hóa", TD_LEVEL_GRASSROOTS, "d2", 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(TdUnit) unit = td_unit_new (units[i].id, units[i].name, units[i].level,
                                            units[i].parent);

      unit->staff = units[i].staff;
      td_plan_load_add_unit (plan, unit);
    }
  return plan;
}

static guint person_serial;

/* @n people of @unit, the first @leaders leaders, every other one a woman. */
static GPtrArray *
people_add (TdPlan     *plan,
            const char *unit,
            int         n,
            int         leaders)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", ++person_serial);
      g_autofree char *given = g_strdup_printf ("Người %u", person_serial);
      g_autoptr(TdPerson) person = td_person_new (id, "Nguyễn Văn", given);

      g_free (person->unit);
      person->unit = g_strdup (unit);
      person->leader = i < leaders;
      person->gender = i % 2 ? TD_GENDER_FEMALE : TD_GENDER_MALE;
      person->sector = i % 3 ? TD_SECTOR_STATE : TD_SECTOR_PRIVATE;
      person->category = person->leader ? TD_CATEGORY_LEADER : TD_CATEGORY_DIRECT_WORKER;
      td_plan_load_add_person (plan, person);
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  return ids;
}

static TdConference *
conference_add (TdPlan     *plan,
                const char *id,
                const char *unit,
                TdMode      mode)
{
  g_autoptr(TdConference) conf = td_conference_new (id, unit);

  conf->mode = mode;
  conf->date = td_date_new (2020, 3, 10);
  td_plan_load_add_conference (plan, conf);
  return conf;  /* owned by the plan */
}

static TdApproval *
approval_new (void)
{
  return td_approval_new ("05/QĐ-HĐTĐKT", td_date_new (2020, 3, 20),
                          "Hội đồng Thi đua - Khen thưởng xã Thanh Phước");
}

static guint
count_rule (GPtrArray  *violations,
            const char *rule,
            TdSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);

      if (g_strcmp0 (v->rule, rule) == 0 && v->severity == severity)
        n++;
    }
  return n;
}

/* The wizard's verdicts are exactly the engine's, for the checked rules. */
static void
assert_verdicts_match_engine (TdWizard     *wizard,
                              TdPlan       *plan,
                              TdConference *conference)
{
  g_autoptr(GPtrArray) all = td_rules_check_conference (plan, conference, td_rules_today ());
  g_autoptr(GPtrArray) engine = g_ptr_array_new ();
  GPtrArray *verdicts = td_wizard_get_verdicts (wizard);

  for (guint i = 0; i < all->len; i++)
    {
      TdViolation *v = g_ptr_array_index (all, i);

      if (td_wizard_rule_is_checked (v->rule))
        g_ptr_array_add (engine, v);
    }
  g_assert_cmpuint (verdicts->len, ==, engine->len);
  for (guint i = 0; i < engine->len; i++)
    g_assert_true (td_violation_equal (g_ptr_array_index (verdicts, i),
                                       g_ptr_array_index (engine, i)));
}

/* R-CAP1: a grassroots representative conference (250 staff) takes 150, not 151. */
static void
test_cap_151 (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  g_autoptr(GPtrArray) ids = people_add (plan, "g1", 151, 0);
  TdConference *conf = conference_add (plan, "c-g1", "g1", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  g_autoptr(TdConference) built = NULL;
  g_autofree char *blocker = NULL;
  gboolean choice;

  g_assert_cmpint (td_wizard_get_proposed_mode (wizard, &choice), ==, TD_MODE_REPRESENTATIVE);
  g_assert_false (choice);
  g_assert_cmpint (td_wizard_get_mode (wizard), ==, TD_MODE_REPRESENTATIVE);
  /* A representative conference starts empty. */
  g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, 0);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, 150);

  for (guint i = 0; i < 150; i++)
    td_wizard_pick (wizard, g_ptr_array_index (ids, i), TD_ROLE_DELEGATE);
  g_assert_cmpint (td_wizard_get_composition (wizard)->total, ==, 150);
  g_assert_false (td_composition_over_cap (td_wizard_get_composition (wizard)));
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-CAP1", TD_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
  g_assert_true (td_wizard_can_finish (wizard));

  /* A guest is not counted. */
  td_wizard_pick (wizard, g_ptr_array_index (ids, 150), TD_ROLE_GUEST);
  g_assert_cmpint (td_wizard_get_composition (wizard)->total, ==, 150);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);

  /* The 151st convened delegate. */
  td_wizard_pick (wizard, g_ptr_array_index (ids, 150), TD_ROLE_DELEGATE);
  g_assert_cmpint (td_wizard_get_composition (wizard)->total, ==, 151);
  g_assert_true (td_composition_over_cap (td_wizard_get_composition (wizard)));
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-CAP1", TD_SEVERITY_ERROR), ==, 1);
  g_assert_false (td_wizard_can_finish (wizard));
  blocker = td_wizard_dup_finish_blocker (wizard);
  g_assert_nonnull (blocker);
  g_assert_nonnull (strstr (blocker, "151"));

  /* The same verdicts as the engine on the conference the wizard would write. */
  built = td_wizard_build_conference (wizard);
  g_assert_cmpuint (built->delegates->len, ==, 151);
  assert_verdicts_match_engine (wizard, plan, built);

  td_wizard_unpick (wizard, g_ptr_array_index (ids, 0));
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
}

/* R-MIX: 30 leaders of 100 are allowed, 31 are not, and the fix says by how much. */
static void
test_mix_31_percent (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  g_autoptr(GPtrArray) leaders = people_add (plan, "g1", 31, 31);
  g_autoptr(GPtrArray) others = people_add (plan, "g1", 70, 0);
  TdConference *conf = conference_add (plan, "c-g1", "g1", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  const TdComposition *comp;
  int remove = -1, add = -1;

  for (guint i = 0; i < 30; i++)
    td_wizard_pick (wizard, g_ptr_array_index (leaders, i), TD_ROLE_DELEGATE);
  for (guint i = 0; i < 70; i++)
    td_wizard_pick (wizard, g_ptr_array_index (others, i), TD_ROLE_DELEGATE);
  comp = td_wizard_get_composition (wizard);
  g_assert_cmpint (comp->total, ==, 100);
  g_assert_cmpint (comp->leaders, ==, 30);
  g_assert_true (comp->mix_ok);
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-MIX", TD_SEVERITY_ERROR), ==, 0);
  g_assert_true (td_wizard_can_finish (wizard));

  /* Swap one exemplar for the 31st leader: 31 of 100. */
  td_wizard_unpick (wizard, g_ptr_array_index (others, 69));
  td_wizard_pick (wizard, g_ptr_array_index (leaders, 30), TD_ROLE_DELEGATE);
  comp = td_wizard_get_composition (wizard);
  g_assert_cmpint (comp->total, ==, 100);
  g_assert_cmpint (comp->leaders, ==, 31);
  g_assert_false (comp->mix_ok);
  g_assert_true (td_composition_mix_fix (comp, &remove, &add));
  g_assert_cmpint (remove, ==, 2);
  g_assert_cmpint (add, ==, 4);
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-MIX", TD_SEVERITY_ERROR), ==, 1);
  g_assert_false (td_wizard_can_finish (wizard));

  /* A leader as a guest does not count: 30 of 99 is still too many, 30 of 100 is not. */
  td_wizard_pick (wizard, g_ptr_array_index (leaders, 30), TD_ROLE_GUEST);
  g_assert_cmpint (td_wizard_get_composition (wizard)->total, ==, 99);
  g_assert_false (td_wizard_get_composition (wizard)->mix_ok);
  td_wizard_pick (wizard, g_ptr_array_index (others, 69), TD_ROLE_DELEGATE);
  g_assert_cmpint (td_wizard_get_composition (wizard)->guests, ==, 1);
  g_assert_true (td_wizard_get_composition (wizard)->mix_ok);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
}

/* R-QUOTA and R-APPROVE at an upper-level conference. */
static void
test_quota_and_approval (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  g_autoptr(GPtrArray) own = people_add (plan, "d1", 2, 0);
  g_autoptr(GPtrArray) g1 = people_add (plan, "g1", 4, 0);
  TdConference *conf = conference_add (plan, "c-d1", "d1", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  g_autoptr(TdApproval) approval = approval_new ();
  g_autoptr(GPtrArray) unapproved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = td_plan_to_json_data (plan, NULL);
  g_autofree char *after = NULL;
  g_autofree char *blocker = NULL;
  gboolean choice;

  g_assert_cmpint (td_wizard_get_proposed_mode (wizard, &choice), ==, TD_MODE_REPRESENTATIVE);
  g_assert_false (choice);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, 300);

  td_wizard_set_quota (wizard, "g1", 2);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g1"), ==, 2);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g2"), ==, -1);
  g_assert_cmpint (td_wizard_get_quota_total (wizard), ==, 2);

  /* The unit's own people need no approval. */
  for (guint i = 0; i < own->len; i++)
    td_wizard_pick (wizard, g_ptr_array_index (own, i), TD_ROLE_DELEGATE);
  g_assert_false (td_wizard_needs_approval (wizard, g_ptr_array_index (own, 0)));

  /* Quota reached, each approved. */
  for (guint i = 0; i < 2; i++)
    {
      const char *id = g_ptr_array_index (g1, i);

      td_wizard_pick (wizard, id, TD_ROLE_DELEGATE);
      g_assert_true (td_wizard_needs_approval (wizard, id));
    }
  td_wizard_set_approval_many (wizard, (const char *const[]) { g_ptr_array_index (g1, 0),
                                                               g_ptr_array_index (g1, 1), NULL },
                               approval);
  g_assert_nonnull (td_wizard_get_approval (wizard, g_ptr_array_index (g1, 1)));
  g_assert_cmpint (td_composition_get_quota (td_wizard_get_composition (wizard), "g1")->used, ==, 2);
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-QUOTA", TD_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
  g_assert_true (td_wizard_can_finish (wizard));

  /* Quota + 1, approved: R-QUOTA alone. */
  td_wizard_pick (wizard, g_ptr_array_index (g1, 2), TD_ROLE_DELEGATE);
  td_wizard_set_approval (wizard, g_ptr_array_index (g1, 2), approval);
  g_assert_cmpint (td_composition_get_quota (td_wizard_get_composition (wizard), "g1")->used, ==, 3);
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-QUOTA", TD_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 1);
  g_assert_false (td_wizard_can_finish (wizard));
  td_wizard_set_quota (wizard, "g1", 3);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);

  /* A missing approval blocks finishing, and a refused finish changes nothing. */
  td_wizard_pick (wizard, g_ptr_array_index (g1, 3), TD_ROLE_DELEGATE);
  td_wizard_set_quota (wizard, "g1", 4);
  unapproved = td_wizard_get_unapproved (wizard);
  g_assert_cmpuint (unapproved->len, ==, 1);
  g_assert_cmpstr (((TdPerson *) g_ptr_array_index (unapproved, 0))->id, ==, g_ptr_array_index (g1, 3));
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-APPROVE", TD_SEVERITY_ERROR), ==, 1);
  g_assert_false (td_wizard_can_finish (wizard));
  g_assert_false (td_wizard_finish (wizard, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);
  after = td_plan_to_json_data (plan, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (td_plan_can_undo (plan));

  /* As a guest, nobody needs an approval. */
  td_wizard_pick (wizard, g_ptr_array_index (g1, 3), TD_ROLE_GUEST);
  g_assert_false (td_wizard_needs_approval (wizard, g_ptr_array_index (g1, 3)));
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-APPROVE", TD_SEVERITY_ERROR), ==, 0);

  /* Approved again as a delegate: only a warning left (g1 sends 3 of its 4). */
  td_wizard_pick (wizard, g_ptr_array_index (g1, 3), TD_ROLE_DELEGATE);
  td_wizard_set_approval (wizard, g_ptr_array_index (g1, 3), approval);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
  td_wizard_set_quota (wizard, "g1", 5);
  g_assert_cmpuint (td_wizard_count_warnings (wizard), ==, 1);
  g_assert_false (td_wizard_can_finish (wizard));
  blocker = td_wizard_dup_finish_blocker (wizard);
  g_assert_nonnull (blocker);
  td_wizard_set_acknowledged (wizard, TRUE);
  g_assert_true (td_wizard_can_finish (wizard));
  /* Any change withdraws the acknowledgement. */
  td_wizard_set_quota (wizard, "g2", 0);
  g_assert_false (td_wizard_get_acknowledged (wizard));
  td_wizard_set_quota (wizard, "g2", -1);
  td_wizard_set_acknowledged (wizard, TRUE);
  g_assert_true (td_wizard_finish (wizard, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conf->delegates->len, ==, 6);
  g_assert_cmpint (td_conference_get_quota (conf, "g1"), ==, 5);
  g_assert_cmpint (td_conference_get_quota (conf, "g2"), ==, -1);
  assert_verdicts_match_engine (wizard, plan, conf);
}

/* R-MODE: below the threshold a plenary, pre-filled with the unit's own staff. */
static void
test_plenary_prefill (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  g_autoptr(GPtrArray) staff = people_add (plan, "g3", 12, 3);
  g_autoptr(GPtrArray) outside = people_add (plan, "g2", 3, 0);
  g_autoptr(GPtrArray) other_tree = people_add (plan, "h1", 1, 0);
  /* Wrongly representative: the wizard starts from what R-MODE requires. */
  TdConference *conf = conference_add (plan, "c-g3", "g3", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  g_autoptr(GPtrArray) picked = NULL;
  TdPerson *guest;
  gboolean choice;

  g_assert_cmpint (td_wizard_get_proposed_mode (wizard, &choice), ==, TD_MODE_PLENARY);
  g_assert_false (choice);
  g_assert_cmpint (td_wizard_get_mode (wizard), ==, TD_MODE_PLENARY);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, -1);
  g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, 12);
  for (guint i = 0; i < staff->len; i++)
    {
      g_assert_true (td_wizard_is_picked (wizard, g_ptr_array_index (staff, i)));
      g_assert_cmpint (td_wizard_get_role (wizard, g_ptr_array_index (staff, i)), ==, TD_ROLE_DELEGATE);
    }
  for (guint i = 0; i < outside->len; i++)
    g_assert_false (td_wizard_is_picked (wizard, g_ptr_array_index (outside, i)));

  /* 3 of 12 leaders is 25 %: fine; 4 of 12 would only be information in a plenary. */
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);

  /* The rest only adds guests. */
  guest = td_plan_get_person (plan, g_ptr_array_index (other_tree, 0));
  g_assert_false (td_wizard_is_candidate (wizard, guest));
  g_assert_cmpint (td_wizard_default_role (wizard, guest), ==, TD_ROLE_GUEST);
  g_assert_cmpint (td_wizard_default_role (wizard, td_plan_get_person (plan, g_ptr_array_index (outside, 0))),
                   ==, TD_ROLE_GUEST);
  td_wizard_pick (wizard, guest->id, td_wizard_default_role (wizard, guest));
  g_assert_cmpint (td_wizard_get_composition (wizard)->total, ==, 12);
  g_assert_cmpint (td_wizard_get_composition (wizard)->guests, ==, 1);

  /* Official order: tên first ("Người 10" < "Người 2" as text, the serials are consecutive). */
  picked = td_wizard_get_picked_people (wizard);
  g_assert_cmpuint (picked->len, ==, 13);
  for (guint i = 1; i < picked->len; i++)
    g_assert_cmpstr (td_person_get_sort_key (g_ptr_array_index (picked, i - 1)), <=,
                     td_person_get_sort_key (g_ptr_array_index (picked, i)));
}

/* Exactly at the threshold both modes are allowed, and plenary fills in the staff. */
static void
test_threshold_choice (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  g_autoptr(GPtrArray) staff = people_add (plan, "g4", 5, 1);
  TdConference *conf = conference_add (plan, "c-g4", "g4", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  gboolean choice;

  td_wizard_get_proposed_mode (wizard, &choice);
  g_assert_true (choice);
  /* The conference's own choice stands. */
  g_assert_cmpint (td_wizard_get_mode (wizard), ==, TD_MODE_REPRESENTATIVE);
  g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, 0);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, 150);
  /* R-MODE says so as information, not as an error. */
  g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-MODE", TD_SEVERITY_INFO), ==, 1);
  g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);

  td_wizard_set_mode (wizard, TD_MODE_PLENARY);
  g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, 5);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, -1);
  td_wizard_set_mode (wizard, TD_MODE_REPRESENTATIVE);
  g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, 5);
  g_assert_cmpint (td_wizard_get_cap (wizard), ==, 150);

  /* A mode R-MODE forbids is an error of the wizard too. */
  {
    TdConference *conf1 = conference_add (plan, "c-g1", "g1", TD_MODE_REPRESENTATIVE);
    g_autoptr(TdWizard) w1 = td_wizard_new (plan, conf1);

    td_wizard_set_mode (w1, TD_MODE_PLENARY);
    g_assert_cmpuint (count_rule (td_wizard_get_verdicts (w1), "R-MODE", TD_SEVERITY_ERROR), ==, 1);
    g_assert_false (td_wizard_can_finish (w1));
  }
}

static void
check_shares (const int *weights,
              guint      n,
              int        total,
              const int *expected)
{
  g_autofree int *parts = g_new0 (int, n);
  gint64 sum_weights = 0;
  int sum = 0;

  td_share_largest_remainder (weights, n, total, parts);
  for (guint i = 0; i < n; i++)
    sum_weights += MAX (weights[i], 0);
  for (guint i = 0; i < n; i++)
    {
      sum += parts[i];
      if (expected != NULL)
        g_assert_cmpint (parts[i], ==, expected[i]);
      if (sum_weights > 0)
        {
          /* Each part is the floor or the ceiling of its exact share. */
          gint64 exact_floor = (gint64) total * MAX (weights[i], 0) / sum_weights;

          g_assert_cmpint (parts[i], >=, exact_floor);
          g_assert_cmpint (parts[i], <=, exact_floor + 1);
        }
    }
  g_assert_cmpint (sum, ==, total);
}

static void
test_share_largest_remainder (void)
{
  /* 7 seats for 5:3:2 → 3.5, 2.1, 1.4 → 3, 2, 1 and the last seat to the largest remainder. */
  check_shares ((int[]) { 5, 3, 2 }, 3, 7, (int[]) { 4, 2, 1 });
  /* The largest remainder, not the largest unit: 10 seats for 47:33:20 → 4.7, 3.3, 2.0. */
  check_shares ((int[]) { 47, 33, 20 }, 3, 10, (int[]) { 5, 3, 2 });
  /* 10 for 15:15:70 → 1.5, 1.5, 7 → one extra seat, the tie goes to the earlier unit. */
  check_shares ((int[]) { 15, 15, 70 }, 3, 10, (int[]) { 2, 1, 7 });
  /* Ties on the remainder go to the larger unit first: 5 for 3:5:2 → 1.5, 2.5, 1. */
  check_shares ((int[]) { 3, 5, 2 }, 3, 5, (int[]) { 1, 3, 1 });
  /* Then to the earlier one: 2 for 1:2:1 → 0.5, 1, 0.5. */
  check_shares ((int[]) { 1, 2, 1 }, 3, 2, (int[]) { 1, 1, 0 });
  /* Nobody has staff: equal shares. Unknown staff (-1) counts as 0. */
  check_shares ((int[]) { 0, 0, 0 }, 3, 4, (int[]) { 2, 1, 1 });
  check_shares ((int[]) { -1, 10, 30 }, 3, 8, (int[]) { 0, 2, 6 });
  check_shares ((int[]) { 3, 5 }, 2, 0, (int[]) { 0, 0 });

  /* Any weights: the parts sum to the total and stay within one seat of the exact share. */
  {
    GRand *rand = g_rand_new_with_seed (7);

    for (int round = 0; round < 500; round++)
      {
        guint n = g_rand_int_range (rand, 1, 40);
        g_autofree int *weights = g_new (int, n);

        for (guint i = 0; i < n; i++)
          weights[i] = g_rand_int_range (rand, -1, 5000);
        check_shares (weights, n, g_rand_int_range (rand, 0, 400), NULL);
      }
    g_rand_free (rand);
  }
}

/* Sharing a conference's seats by its child units' staff. */
static void
test_share_quotas (void)
{
  g_autoptr(TdPlan) plan = tree_new ();
  TdConference *conf = conference_add (plan, "c-d1", "d1", TD_MODE_REPRESENTATIVE);
  g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
  g_autoptr(GPtrArray) children = td_wizard_get_child_units (wizard);

  g_assert_cmpuint (children->len, ==, 4);
  /* 650 staff: g1 250, g2 120, g3 80, g4 200; 13 seats → 5, 2.4, 1.6, 4 → 5, 2, 2, 4. */
  td_wizard_share_quotas (wizard, 13);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g1"), ==, 5);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g2"), ==, 2);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g3"), ==, 2);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g4"), ==, 4);
  g_assert_cmpint (td_wizard_get_quota_total (wizard), ==, 13);
  /* Not in the plan before Finish. */
  g_assert_cmpuint (conf->quotas->len, ==, 0);

  td_wizard_clear_quotas (wizard);
  g_assert_cmpint (td_wizard_get_quota_total (wizard), ==, 0);
  g_assert_cmpint (td_wizard_get_quota (wizard, "g1"), ==, -1);
}

static void
count_cb (TdPlan    *plan,
          GPtrArray *changes,
          guint     *n)
{
  (*n)++;
}

/* On the sample: cancelling leaves the plan as it was; finishing is one undo step, and the
 * conference then has the wizard's verdicts; a new wizard starts from the saved delegates. */
static void
test_sample_cancel_and_finish (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_sample (&error);
  TdConference *conf;
  g_autofree char *before = NULL;
  g_autofree char *after_cancel = NULL;
  g_autofree char *after_undo = NULL;
  g_autoptr(TdApproval) approval = approval_new ();
  g_autoptr(GPtrArray) unapproved = NULL;
  guint n0;
  GListModel *people;

  g_assert_no_error (error);
  conf = td_plan_get_conference (plan, "c-go-dau");
  g_assert_nonnull (conf);
  before = td_plan_to_json_data (plan, NULL);
  n0 = conf->delegates->len;

  /* Cancel: change everything, then drop the wizard. */
  {
    g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
    g_autoptr(GArray) start = td_wizard_dup_delegates (wizard);

    /* Re-opening starts from the conference's delegates, in their order. */
    g_assert_cmpuint (start->len, ==, n0);
    for (guint i = 0; i < n0; i++)
      {
        const TdDelegate *a = &g_array_index (start, TdDelegate, i);
        const TdDelegate *b = &g_array_index (conf->delegates, TdDelegate, i);

        g_assert_cmpstr (a->person, ==, b->person);
        g_assert_cmpint (a->role, ==, b->role);
        g_assert_true ((a->approval == NULL) == (b->approval == NULL));
      }
    assert_verdicts_match_engine (wizard, plan, conf);

    td_wizard_share_quotas (wizard, 40);
    td_wizard_unpick (wizard, g_array_index (conf->delegates, TdDelegate, 0).person);
    td_wizard_set_approval (wizard, g_array_index (conf->delegates, TdDelegate, 5).person, NULL);
    td_wizard_pick (wizard, "p001", TD_ROLE_GUEST);
    g_assert_cmpuint (td_wizard_get_n_picks (wizard), ==, n0);
  }
  after_cancel = td_plan_to_json_data (plan, NULL);
  g_assert_cmpstr (before, ==, after_cancel);
  g_assert_false (td_plan_can_undo (plan));

  /* Finish: approve whoever lacks an approval, add the first non-picked exemplar of a child
   * unit, acknowledge the warnings. */
  {
    g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
    const char *added = NULL;
    guint n_changes = 0;
    gulong handler;

    unapproved = td_wizard_get_unapproved (wizard);
    g_assert_cmpuint (unapproved->len, >=, 1);  /* the sample leaves one out on purpose */
    for (guint i = 0; i < unapproved->len; i++)
      td_wizard_set_approval (wizard, ((TdPerson *) g_ptr_array_index (unapproved, i))->id, approval);

    people = G_LIST_MODEL (plan->people);
    for (guint i = 0; i < g_list_model_get_n_items (people) && added == NULL; i++)
      {
        g_autoptr(TdPerson) p = g_list_model_get_item (people, i);

        if (!p->leader && g_strcmp0 (p->unit, "gd-thanh-phuoc") == 0
            && !td_wizard_is_picked (wizard, p->id))
          added = g_intern_string (p->id);
      }
    g_assert_nonnull (added);
    td_wizard_pick (wizard, added, td_wizard_default_role (wizard, td_plan_get_person (plan, added)));
    g_assert_cmpint (td_wizard_get_role (wizard, added), ==, TD_ROLE_DELEGATE);
    td_wizard_set_approval (wizard, added, approval);
    td_wizard_set_quota (wizard, "gd-thanh-phuoc", 4);
    /* The sample sends one too many from Phước Đông on purpose. */
    g_assert_cmpuint (count_rule (td_wizard_get_verdicts (wizard), "R-QUOTA", TD_SEVERITY_ERROR), ==, 1);
    td_wizard_set_quota (wizard, "gd-phuoc-dong", 3);
    g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
    td_wizard_set_acknowledged (wizard, TRUE);
    g_assert_true (td_wizard_can_finish (wizard));

    handler = g_signal_connect (plan, "changes", G_CALLBACK (count_cb), &n_changes);
    g_assert_true (td_wizard_finish (wizard, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (conf->delegates->len, ==, n0 + 1);
    g_assert_cmpint (td_conference_find_delegate (conf, added), ==, (int) n0);
    g_assert_cmpint (td_conference_get_quota (conf, "gd-thanh-phuoc"), ==, 4);
    assert_verdicts_match_engine (wizard, plan, conf);
    {
      g_autoptr(GPtrArray) all = td_rules_check_conference (plan, conf, td_rules_today ());

      g_assert_cmpuint (count_rule (all, "R-APPROVE", TD_SEVERITY_ERROR), ==, 0);
      g_assert_cmpuint (count_rule (all, "R-QUOTA", TD_SEVERITY_ERROR), ==, 0);
    }
    g_signal_handler_disconnect (plan, handler);
    g_assert_cmpuint (n_changes, ==, 1);
  }

  /* A new wizard starts from what was saved. */
  {
    g_autoptr(TdWizard) wizard = td_wizard_new (plan, conf);
    g_autoptr(GArray) start = td_wizard_dup_delegates (wizard);

    g_autoptr(GPtrArray) none = td_wizard_get_unapproved (wizard);

    g_assert_cmpuint (start->len, ==, n0 + 1);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (td_wizard_count_errors (wizard), ==, 0);
    for (guint i = 0; i < start->len; i++)
      g_assert_cmpstr (g_array_index (start, TdDelegate, i).person, ==,
                       g_array_index (conf->delegates, TdDelegate, i).person);
  }

  /* One undo step takes it all back. */
  g_assert_true (td_plan_can_undo (plan));
  td_plan_undo (plan);
  after_undo = td_plan_to_json_data (plan, NULL);
  g_assert_cmpstr (before, ==, after_undo);
  g_assert_false (td_plan_can_undo (plan));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wizard/cap-151", test_cap_151);
  g_test_add_func ("/wizard/mix-31-percent", test_mix_31_percent);
  g_test_add_func ("/wizard/quota-and-approval", test_quota_and_approval);
  g_test_add_func ("/wizard/plenary-prefill", test_plenary_prefill);
  g_test_add_func ("/wizard/threshold-choice", test_threshold_choice);
  g_test_add_func ("/wizard/share-largest-remainder", test_share_largest_remainder);
  g_test_add_func ("/wizard/share-quotas", test_share_quotas);
  g_test_add_func ("/wizard/sample-cancel-and-finish", test_sample_cancel_and_finish);

  return g_test_run ();
}
