/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-wizard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-error.h"
#include "td-text.h"
#include "td-wizard.h"

typedef struct
{
  char    *person;
  TdRole   role;
  gboolean original;  /* one of the conference's delegates when the wizard opened */
  guint    position;  /* its position then */
} Pick;

struct _TdWizard
{
  GObject        parent_instance;

  TdPlan        *plan;
  TdConference  *conference;
  /* A copy of the conference that carries the state for the composition and the rules; it is
   * never added to the plan. */
  TdConference  *shell;

  TdMode         mode;
  GHashTable    *picks;      /* person id → Pick* (owned) */
  GHashTable    *approvals;  /* person id → TdApproval* (owned) */
  GArray        *quotas;     /* of TdQuota, the conference's order, new ones appended */
  gboolean       acknowledged;

  /* Caches, dropped on every change. */
  TdComposition *composition;
  GPtrArray     *verdicts;
};

G_DEFINE_FINAL_TYPE (TdWizard, td_wizard, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const checked_rules[] = {
  "R-MODE", "R-CAP1", "R-CAP2", "R-MIX", "R-PRIO", "R-QUOTA", "R-APPROVE", NULL
};

static void
pick_free (Pick *pick)
{
  g_free (pick->person);
  g_free (pick);
}

static void
quota_clear (gpointer data)
{
  TdQuota *quota = data;

  g_clear_pointer (&quota->unit, g_free);
}

static void
delegate_clear (gpointer data)
{
  TdDelegate *delegate = data;

  g_clear_pointer (&delegate->person, g_free);
  g_clear_pointer (&delegate->approval, td_approval_free);
}

static void
drop_caches (TdWizard *self)
{
  g_clear_pointer (&self->composition, td_composition_free);
  g_clear_pointer (&self->verdicts, g_ptr_array_unref);
}

static void
changed (TdWizard *self)
{
  drop_caches (self);
  self->acknowledged = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
td_wizard_finalize (GObject *object)
{
  TdWizard *self = TD_WIZARD (object);

  drop_caches (self);
  g_clear_pointer (&self->picks, g_hash_table_unref);
  g_clear_pointer (&self->approvals, g_hash_table_unref);
  g_clear_pointer (&self->quotas, g_array_unref);
  g_clear_object (&self->shell);
  g_clear_object (&self->conference);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (td_wizard_parent_class)->finalize (object);
}

static void
td_wizard_class_init (TdWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_wizard_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_wizard_init (TdWizard *self)
{
  self->picks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pick_free);
  self->approvals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) td_approval_free);
  self->quotas = g_array_new (FALSE, TRUE, sizeof (TdQuota));
  g_array_set_clear_func (self->quotas, quota_clear);
}

/* A detached copy of @conference: same id, unit, dates, agenda… */
static TdConference *
copy_conference (TdConference *conference)
{
  g_autoptr(JsonNode) node = td_conference_to_json (conference);
  g_autoptr(GError) error = NULL;
  TdConference *copy = td_conference_new (conference->id, conference->unit);

  /* What to_json writes, load_json reads back. */
  if (!td_conference_load_json (copy, json_node_get_object (node), "conference", &error))
    g_critical ("Cannot copy the conference %s: %s", conference->id, error->message);
  return copy;
}

TdWizard *
td_wizard_new (TdPlan       *plan,
               TdConference *conference)
{
  TdWizard *self;
  gboolean choice;
  TdMode proposed;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (TD_IS_CONFERENCE (conference), NULL);

  self = g_object_new (TD_TYPE_WIZARD, NULL);
  self->plan = g_object_ref (plan);
  self->conference = g_object_ref (conference);
  self->shell = copy_conference (conference);

  for (guint i = 0; i < conference->delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (conference->delegates, TdDelegate, i);
      Pick *pick;

      if (d->person == NULL || g_hash_table_contains (self->picks, d->person))
        continue;
      pick = g_new0 (Pick, 1);
      pick->person = g_strdup (d->person);
      pick->role = d->role;
      pick->original = TRUE;
      pick->position = i;
      g_hash_table_insert (self->picks, pick->person, pick);
      if (d->approval != NULL)
        g_hash_table_insert (self->approvals, g_strdup (d->person), td_approval_copy (d->approval));
    }

  for (guint i = 0; i < conference->quotas->len; i++)
    {
      const TdQuota *q = &g_array_index (conference->quotas, TdQuota, i);
      TdQuota copy = { g_strdup (q->unit), q->seats };

      g_array_append_val (self->quotas, copy);
    }

  /* Where R-MODE decides, the wizard starts from what it requires (an existing conference
   * may break it); otherwise from the conference's own choice. */
  proposed = td_wizard_get_proposed_mode (self, &choice);
  self->mode = choice ? conference->mode : proposed;

  if (self->mode == TD_MODE_PLENARY && conference->delegates->len == 0)
    td_wizard_prefill_staff (self);

  return self;
}

TdPlan *
td_wizard_get_plan (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return self->plan;
}

TdConference *
td_wizard_get_conference (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return self->conference;
}

TdUnit *
td_wizard_get_unit (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return td_plan_get_unit (self->plan, self->conference->unit);
}

/* Mode */

TdMode
td_wizard_get_proposed_mode (TdWizard *self,
                             gboolean *choice)
{
  TdUnit *unit;
  int threshold;

  g_return_val_if_fail (TD_IS_WIZARD (self), TD_MODE_REPRESENTATIVE);

  unit = td_wizard_get_unit (self);
  threshold = self->plan->params.plenary_staff_threshold;
  if (choice != NULL)
    *choice = FALSE;

  if (unit == NULL || unit->level != TD_LEVEL_GRASSROOTS)
    return TD_MODE_REPRESENTATIVE;
  if (unit->staff < 0 || unit->staff == threshold)
    {
      if (choice != NULL)
        *choice = TRUE;
      return unit->staff < 0 ? self->conference->mode : TD_MODE_PLENARY;
    }
  return unit->staff < threshold ? TD_MODE_PLENARY : TD_MODE_REPRESENTATIVE;
}

TdMode
td_wizard_get_mode (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), TD_MODE_REPRESENTATIVE);
  return self->mode;
}

void
td_wizard_set_mode (TdWizard *self,
                    TdMode    mode)
{
  g_return_if_fail (TD_IS_WIZARD (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  /* prefill_staff emits only when it adds someone. */
  if (mode != TD_MODE_PLENARY || td_wizard_prefill_staff (self) == 0)
    changed (self);
}

int
td_wizard_get_cap (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), -1);
  return td_wizard_get_composition (self)->cap;
}

/* Picks */

guint
td_wizard_prefill_staff (TdWizard *self)
{
  GListModel *people;
  guint n, added = 0;

  g_return_val_if_fail (TD_IS_WIZARD (self), 0);

  people = G_LIST_MODEL (self->plan->people);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdPerson) person = g_list_model_get_item (people, i);
      Pick *pick;

      if (person->id == NULL || g_strcmp0 (person->unit, self->conference->unit) != 0
          || g_hash_table_contains (self->picks, person->id))
        continue;
      pick = g_new0 (Pick, 1);
      pick->person = g_strdup (person->id);
      pick->role = TD_ROLE_DELEGATE;
      g_hash_table_insert (self->picks, pick->person, pick);
      added++;
    }
  if (added > 0)
    changed (self);
  return added;
}

gboolean
td_wizard_is_candidate (TdWizard *self,
                        TdPerson *person)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (TD_IS_PERSON (person), FALSE);

  if (g_strcmp0 (person->unit, self->conference->unit) == 0)
    return TRUE;
  return td_plan_unit_is_within (self->plan, person->unit, self->conference->unit);
}

TdRole
td_wizard_default_role (TdWizard *self,
                        TdPerson *person)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), TD_ROLE_GUEST);
  g_return_val_if_fail (TD_IS_PERSON (person), TD_ROLE_GUEST);

  /* A plenary convenes its own staff; anyone else only attends as a guest. */
  if (self->mode == TD_MODE_PLENARY)
    return g_strcmp0 (person->unit, self->conference->unit) == 0 ? TD_ROLE_DELEGATE : TD_ROLE_GUEST;
  return td_wizard_is_candidate (self, person) ? TD_ROLE_DELEGATE : TD_ROLE_GUEST;
}

gboolean
td_wizard_is_picked (TdWizard   *self,
                     const char *person)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);
  return person != NULL && g_hash_table_contains (self->picks, person);
}

void
td_wizard_pick (TdWizard   *self,
                const char *person,
                TdRole      role)
{
  Pick *pick;

  g_return_if_fail (TD_IS_WIZARD (self));
  g_return_if_fail (person != NULL);

  pick = g_hash_table_lookup (self->picks, person);
  if (pick != NULL)
    {
      if (pick->role == role)
        return;
      pick->role = role;
    }
  else
    {
      pick = g_new0 (Pick, 1);
      pick->person = g_strdup (person);
      pick->role = role;
      g_hash_table_insert (self->picks, pick->person, pick);
    }
  changed (self);
}

void
td_wizard_unpick (TdWizard   *self,
                  const char *person)
{
  g_return_if_fail (TD_IS_WIZARD (self));

  if (person != NULL && g_hash_table_remove (self->picks, person))
    changed (self);
}

TdRole
td_wizard_get_role (TdWizard   *self,
                    const char *person)
{
  Pick *pick;

  g_return_val_if_fail (TD_IS_WIZARD (self), TD_ROLE_DELEGATE);

  pick = person != NULL ? g_hash_table_lookup (self->picks, person) : NULL;
  return pick != NULL ? pick->role : TD_ROLE_DELEGATE;
}

guint
td_wizard_get_n_picks (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), 0);
  return g_hash_table_size (self->picks);
}

typedef struct
{
  Pick       *pick;
  const char *key;  /* official order key of a new pick */
} SortedPick;

static int
compare_picks (gconstpointer a,
               gconstpointer b)
{
  const SortedPick *x = a, *y = b;
  int c;

  /* The conference's own delegates keep their (protocol) order, new ones follow. */
  if (x->pick->original != y->pick->original)
    return x->pick->original ? -1 : 1;
  if (x->pick->original)
    return x->pick->position < y->pick->position ? -1 : x->pick->position > y->pick->position;
  c = strcmp (x->key, y->key);
  return c != 0 ? c : strcmp (x->pick->person, y->pick->person);
}

/* The picks in the order the conference will hold them, a new array of SortedPick. */
static GArray *
sorted_picks (TdWizard *self)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (SortedPick),
                                      g_hash_table_size (self->picks));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->picks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SortedPick sp = { value, "" };

      if (!sp.pick->original)
        {
          TdPerson *person = td_plan_get_person (self->plan, sp.pick->person);

          if (person != NULL)
            sp.key = td_person_get_sort_key (person);
        }
      g_array_append_val (sorted, sp);
    }
  g_array_sort (sorted, compare_picks);
  return sorted;
}

GArray *
td_wizard_dup_delegates (TdWizard *self)
{
  g_autoptr(GArray) sorted = NULL;
  GArray *delegates;

  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);

  sorted = sorted_picks (self);
  delegates = g_array_sized_new (FALSE, TRUE, sizeof (TdDelegate), sorted->len);
  g_array_set_clear_func (delegates, delegate_clear);
  for (guint i = 0; i < sorted->len; i++)
    {
      Pick *pick = g_array_index (sorted, SortedPick, i).pick;
      TdDelegate d = {
        g_strdup (pick->person), pick->role,
        td_approval_copy (g_hash_table_lookup (self->approvals, pick->person))
      };

      g_array_append_val (delegates, d);
    }
  return delegates;
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  TdPerson *x = *(TdPerson **) a;
  TdPerson *y = *(TdPerson **) b;
  int c = strcmp (td_person_get_sort_key (x), td_person_get_sort_key (y));

  return c != 0 ? c : g_strcmp0 (x->id, y->id);
}

/* The picked people for whom @keep returns TRUE, in official order. */
static GPtrArray *
picked_people (TdWizard *self,
               gboolean (*keep) (TdWizard *self, TdPerson *person, Pick *pick))
{
  GPtrArray *people = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->picks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pick *pick = value;
      TdPerson *person = td_plan_get_person (self->plan, pick->person);

      if (person != NULL && (keep == NULL || keep (self, person, pick)))
        g_ptr_array_add (people, person);
    }
  g_ptr_array_sort (people, compare_people);
  return people;
}

GPtrArray *
td_wizard_get_picked_people (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return picked_people (self, NULL);
}

/* Approvals */

static gboolean
pick_needs_approval (TdWizard *self,
                     TdPerson *person,
                     Pick     *pick)
{
  /* As td_composition_new counts sent_upward. */
  return pick->role == TD_ROLE_DELEGATE && g_strcmp0 (person->unit, self->conference->unit) != 0;
}

static gboolean
pick_unapproved (TdWizard *self,
                 TdPerson *person,
                 Pick     *pick)
{
  return pick_needs_approval (self, person, pick)
         && !g_hash_table_contains (self->approvals, pick->person);
}

gboolean
td_wizard_needs_approval (TdWizard   *self,
                          const char *person)
{
  Pick *pick;
  TdPerson *p;

  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);

  pick = person != NULL ? g_hash_table_lookup (self->picks, person) : NULL;
  p = pick != NULL ? td_plan_get_person (self->plan, person) : NULL;
  return p != NULL && pick_needs_approval (self, p, pick);
}

const TdApproval *
td_wizard_get_approval (TdWizard   *self,
                        const char *person)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return person != NULL ? g_hash_table_lookup (self->approvals, person) : NULL;
}

static gboolean
approval_equal (const TdApproval *a,
                const TdApproval *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->date == b->date && g_strcmp0 (a->decision, b->decision) == 0
         && g_strcmp0 (a->council, b->council) == 0;
}

static gboolean
set_approval (TdWizard         *self,
              const char       *person,
              const TdApproval *approval)
{
  if (approval_equal (g_hash_table_lookup (self->approvals, person), approval))
    return FALSE;
  if (approval == NULL)
    g_hash_table_remove (self->approvals, person);
  else
    g_hash_table_insert (self->approvals, g_strdup (person), td_approval_copy (approval));
  return TRUE;
}

void
td_wizard_set_approval (TdWizard         *self,
                        const char       *person,
                        const TdApproval *approval)
{
  g_return_if_fail (TD_IS_WIZARD (self));
  g_return_if_fail (person != NULL);

  if (set_approval (self, person, approval))
    changed (self);
}

void
td_wizard_set_approval_many (TdWizard          *self,
                             const char * const *people,
                             const TdApproval  *approval)
{
  gboolean any = FALSE;

  g_return_if_fail (TD_IS_WIZARD (self));

  for (guint i = 0; people != NULL && people[i] != NULL; i++)
    any |= set_approval (self, people[i], approval);
  if (any)
    changed (self);
}

GPtrArray *
td_wizard_get_unapproved (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return picked_people (self, pick_unapproved);
}

GPtrArray *
td_wizard_get_sent_upward (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return picked_people (self, pick_needs_approval);
}

/* Quotas */

GPtrArray *
td_wizard_get_child_units (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);
  return td_plan_get_children (self->plan, self->conference->unit);
}

static int
find_quota (TdWizard   *self,
            const char *unit)
{
  for (guint i = 0; i < self->quotas->len; i++)
    if (g_strcmp0 (g_array_index (self->quotas, TdQuota, i).unit, unit) == 0)
      return (int) i;
  return -1;
}

int
td_wizard_get_quota (TdWizard   *self,
                     const char *unit)
{
  int i;

  g_return_val_if_fail (TD_IS_WIZARD (self), -1);

  i = find_quota (self, unit);
  return i >= 0 ? g_array_index (self->quotas, TdQuota, i).seats : -1;
}

static gboolean
set_quota (TdWizard   *self,
           const char *unit,
           int         seats)
{
  int i = find_quota (self, unit);

  if (i >= 0)
    {
      TdQuota *q = &g_array_index (self->quotas, TdQuota, i);

      if (seats < 0)
        g_array_remove_index (self->quotas, i);
      else if (q->seats != seats)
        q->seats = seats;
      else
        return FALSE;
      return TRUE;
    }
  if (seats < 0)
    return FALSE;
  {
    TdQuota q = { g_strdup (unit), seats };
    g_array_append_val (self->quotas, q);
  }
  return TRUE;
}

void
td_wizard_set_quota (TdWizard   *self,
                     const char *unit,
                     int         seats)
{
  g_return_if_fail (TD_IS_WIZARD (self));
  g_return_if_fail (unit != NULL);

  if (set_quota (self, unit, seats))
    changed (self);
}

void
td_wizard_clear_quotas (TdWizard *self)
{
  g_return_if_fail (TD_IS_WIZARD (self));

  if (self->quotas->len == 0)
    return;
  g_array_set_size (self->quotas, 0);
  changed (self);
}

int
td_wizard_get_quota_total (TdWizard *self)
{
  int total = 0;

  g_return_val_if_fail (TD_IS_WIZARD (self), 0);

  for (guint i = 0; i < self->quotas->len; i++)
    total += g_array_index (self->quotas, TdQuota, i).seats;
  return total;
}

typedef struct
{
  guint  index;
  gint64 remainder;
  gint64 weight;
} Share;

static int
compare_shares (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Share *x = a, *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

void
td_share_largest_remainder (const int *weights,
                            guint      n,
                            int        total,
                            int       *parts)
{
  g_autofree Share *shares = NULL;
  gint64 sum = 0;
  gint64 given = 0;
  gboolean equal;

  g_return_if_fail (n == 0 || (weights != NULL && parts != NULL));

  if (n == 0)
    return;
  if (total < 0)
    total = 0;

  for (guint i = 0; i < n; i++)
    sum += MAX (weights[i], 0);
  equal = sum == 0;
  if (equal)
    sum = n;

  shares = g_new (Share, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 w = equal ? 1 : MAX (weights[i], 0);
      /* Exact share = total * w / sum: its floor now, its remainder (in 1/sum) decides the rest. */
      gint64 scaled = (gint64) total * w;

      parts[i] = (int) (scaled / sum);
      given += parts[i];
      shares[i].index = i;
      shares[i].remainder = scaled % sum;
      shares[i].weight = w;
    }

  g_qsort_with_data (shares, n, sizeof (Share), compare_shares, NULL);
  /* Fewer than n seats are left, since each floor lost less than one. */
  for (guint i = 0; given < total && i < n; i++, given++)
    parts[shares[i].index]++;
}

void
td_wizard_share_quotas (TdWizard *self,
                        int       total)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autofree int *weights = NULL;
  g_autofree int *parts = NULL;
  gboolean any = FALSE;

  g_return_if_fail (TD_IS_WIZARD (self));

  children = td_wizard_get_child_units (self);
  if (children->len == 0)
    return;
  weights = g_new (int, children->len);
  parts = g_new (int, children->len);
  for (guint i = 0; i < children->len; i++)
    weights[i] = ((TdUnit *) g_ptr_array_index (children, i))->staff;
  td_share_largest_remainder (weights, children->len, total, parts);
  for (guint i = 0; i < children->len; i++)
    any |= set_quota (self, ((TdUnit *) g_ptr_array_index (children, i))->id, parts[i]);
  if (any)
    changed (self);
}

/* Verdicts */

gboolean
td_wizard_rule_is_checked (const char *rule)
{
  return rule != NULL && g_strv_contains (checked_rules, rule);
}

/* Puts the state into the shell conference (without delegates unless @delegates). */
static void
update_shell (TdWizard *self,
              gboolean  delegates)
{
  TdConference *shell = self->shell;

  shell->mode = self->mode;
  g_array_set_size (shell->quotas, 0);
  for (guint i = 0; i < self->quotas->len; i++)
    {
      const TdQuota *q = &g_array_index (self->quotas, TdQuota, i);

      td_conference_set_quota (shell, q->unit, q->seats);
    }
  if (delegates)
    {
      g_autoptr(GArray) list = td_wizard_dup_delegates (self);

      td_conference_clear_delegates (shell);
      for (guint i = 0; i < list->len; i++)
        {
          const TdDelegate *d = &g_array_index (list, TdDelegate, i);

          td_conference_add_delegate (shell, d->person, d->role, d->approval);
        }
    }
}

const TdComposition *
td_wizard_get_composition (TdWizard *self)
{
  g_autoptr(GArray) list = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);

  if (self->composition != NULL)
    return self->composition;

  /* Order does not matter to the counts: no sort, no copies, O(picks). */
  update_shell (self, FALSE);
  list = g_array_sized_new (FALSE, FALSE, sizeof (TdDelegate), g_hash_table_size (self->picks));
  g_hash_table_iter_init (&iter, self->picks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pick *pick = value;
      TdDelegate d = { pick->person, pick->role, g_hash_table_lookup (self->approvals, pick->person) };

      g_array_append_val (list, d);
    }
  self->composition = td_composition_new (self->plan, self->shell,
                                          (const TdDelegate *) (gpointer) list->data, list->len);
  return self->composition;
}

GPtrArray *
td_wizard_get_verdicts (TdWizard *self)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);

  if (self->verdicts != NULL)
    return self->verdicts;

  update_shell (self, TRUE);
  all = td_rules_check_conference (self->plan, self->shell, td_rules_today ());
  self->verdicts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      TdViolation *v = g_ptr_array_index (all, i);

      if (td_wizard_rule_is_checked (v->rule))
        g_ptr_array_add (self->verdicts, g_object_ref (v));
    }
  return self->verdicts;
}

static guint
count_severity (TdWizard   *self,
                TdSeverity  severity)
{
  GPtrArray *verdicts = td_wizard_get_verdicts (self);
  guint n = 0;

  for (guint i = 0; i < verdicts->len; i++)
    if (((TdViolation *) g_ptr_array_index (verdicts, i))->severity == severity)
      n++;
  return n;
}

guint
td_wizard_count_errors (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), 0);
  return count_severity (self, TD_SEVERITY_ERROR);
}

guint
td_wizard_count_warnings (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), 0);
  return count_severity (self, TD_SEVERITY_WARNING);
}

void
td_wizard_set_acknowledged (TdWizard *self,
                            gboolean  acknowledged)
{
  g_return_if_fail (TD_IS_WIZARD (self));

  acknowledged = !!acknowledged;
  if (self->acknowledged == acknowledged)
    return;
  self->acknowledged = acknowledged;
  /* Not changed(): acknowledging changes no verdict and must not withdraw itself. */
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
td_wizard_get_acknowledged (TdWizard *self)
{
  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);
  return self->acknowledged;
}

char *
td_wizard_dup_finish_blocker (TdWizard *self)
{
  GPtrArray *verdicts;
  guint errors, warnings;

  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);

  verdicts = td_wizard_get_verdicts (self);
  errors = td_wizard_count_errors (self);
  if (errors > 0)
    {
      for (guint i = 0; i < verdicts->len; i++)
        {
          TdViolation *v = g_ptr_array_index (verdicts, i);

          if (v->severity != TD_SEVERITY_ERROR)
            continue;
          if (errors == 1)
            return g_strdup (v->message);
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s (and %u more error)",
                                               "%s (and %u more errors)",
                                               errors - 1),
                                  v->message, errors - 1);
        }
    }

  warnings = td_wizard_count_warnings (self);
  if (warnings > 0 && !self->acknowledged)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Acknowledge the warning first.",
                                         "Acknowledge the %u warnings first.",
                                         warnings),
                            warnings);
  return NULL;
}

gboolean
td_wizard_can_finish (TdWizard *self)
{
  g_autofree char *blocker = NULL;

  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);

  blocker = td_wizard_dup_finish_blocker (self);
  return blocker == NULL;
}

TdConference *
td_wizard_build_conference (TdWizard *self)
{
  TdConference *copy;

  g_return_val_if_fail (TD_IS_WIZARD (self), NULL);

  update_shell (self, TRUE);
  copy = copy_conference (self->shell);
  return copy;
}

/* Whether the conference already holds exactly the state. */
static gboolean
conference_holds_state (TdWizard     *self,
                        TdConference *conference)
{
  g_autoptr(GArray) delegates = NULL;

  if (conference->mode != self->mode || conference->quotas->len != self->quotas->len
      || conference->delegates->len != g_hash_table_size (self->picks))
    return FALSE;
  for (guint i = 0; i < self->quotas->len; i++)
    {
      const TdQuota *a = &g_array_index (self->quotas, TdQuota, i);
      const TdQuota *b = &g_array_index (conference->quotas, TdQuota, i);

      if (a->seats != b->seats || g_strcmp0 (a->unit, b->unit) != 0)
        return FALSE;
    }
  delegates = td_wizard_dup_delegates (self);
  for (guint i = 0; i < delegates->len; i++)
    {
      const TdDelegate *a = &g_array_index (delegates, TdDelegate, i);
      const TdDelegate *b = &g_array_index (conference->delegates, TdDelegate, i);

      if (a->role != b->role || g_strcmp0 (a->person, b->person) != 0
          || !approval_equal (a->approval, b->approval))
        return FALSE;
    }
  return TRUE;
}

gboolean
td_wizard_finish (TdWizard  *self,
                  GError   **error)
{
  g_autofree char *blocker = NULL;
  g_autoptr(GArray) delegates = NULL;
  TdConference *conference;

  g_return_val_if_fail (TD_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  conference = self->conference;
  if (td_plan_get_conference (self->plan, conference->id) != conference)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("The conference is no longer in the plan."));
      return FALSE;
    }
  blocker = td_wizard_dup_finish_blocker (self);
  if (blocker != NULL)
    {
      g_set_error_literal (error, TD_ERROR, TD_ERROR_INVALID, blocker);
      return FALSE;
    }
  /* Nothing to save: no empty undo step. */
  if (conference_holds_state (self, conference))
    return TRUE;

  delegates = td_wizard_dup_delegates (self);
  td_plan_begin (self->plan, _("Choose Delegates"));
  td_plan_touch (self->plan, conference);
  conference->mode = self->mode;
  g_array_set_size (conference->quotas, 0);
  for (guint i = 0; i < self->quotas->len; i++)
    {
      const TdQuota *q = &g_array_index (self->quotas, TdQuota, i);

      td_conference_set_quota (conference, q->unit, q->seats);
    }
  td_conference_clear_delegates (conference);
  for (guint i = 0; i < delegates->len; i++)
    {
      const TdDelegate *d = &g_array_index (delegates, TdDelegate, i);

      td_conference_add_delegate (conference, d->person, d->role, d->approval);
    }
  td_plan_commit (self->plan);
  return TRUE;
}
