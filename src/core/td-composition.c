/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-composition"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-composition.h"
#include "td-text.h"

/* Deeper than any real unit tree; stops a walk on a (corrupt) cycle of parents. */
#define MAX_DEPTH 64

static void
quota_use_clear (gpointer data)
{
  TdQuotaUse *use = data;

  g_clear_pointer (&use->unit, g_free);
}

/* Adds one to each quota whose unit holds @unit_id in its subtree
 * (td_plan_unit_is_within for each quota, in one walk up the tree). */
static gboolean
count_quotas (TdComposition *self,
              TdPlan        *plan,
              GHashTable    *index,
              const char    *unit_id)
{
  gboolean counted = FALSE;
  int depth = 0;

  while (unit_id != NULL && depth++ < MAX_DEPTH)
    {
      TdUnit *unit;

      if (index != NULL)
        {
          gpointer pos;

          if (g_hash_table_lookup_extended (index, unit_id, NULL, &pos))
            {
              g_array_index (self->quotas, TdQuotaUse, GPOINTER_TO_UINT (pos)).used++;
              counted = TRUE;
            }
        }
      else
        {
          for (guint i = 0; i < self->quotas->len; i++)
            {
              TdQuotaUse *use = &g_array_index (self->quotas, TdQuotaUse, i);

              if (g_strcmp0 (use->unit, unit_id) == 0)
                {
                  use->used++;
                  counted = TRUE;
                }
            }
        }

      unit = td_plan_get_unit (plan, unit_id);
      unit_id = unit != NULL ? unit->parent : NULL;
    }

  return counted;
}

TdComposition *
td_composition_new (TdPlan           *plan,
                    TdConference     *conference,
                    const TdDelegate *delegates,
                    guint             n_delegates)
{
  TdComposition *self;
  TdUnit *unit;
  g_autoptr(GHashTable) index = NULL;

  g_return_val_if_fail (TD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (TD_IS_CONFERENCE (conference), NULL);
  g_return_val_if_fail (delegates != NULL || n_delegates == 0, NULL);

  self = g_new0 (TdComposition, 1);
  self->quotas = g_array_new (FALSE, TRUE, sizeof (TdQuotaUse));
  g_array_set_clear_func (self->quotas, quota_use_clear);

  unit = td_plan_get_unit (plan, conference->unit);
  self->level = unit != NULL ? unit->level : TD_LEVEL_GRASSROOTS;
  self->mode = conference->mode;
  self->leader_max_percent = plan->params.leader_share_max_percent;

  if (conference->quotas != NULL)
    {
      for (guint i = 0; i < conference->quotas->len; i++)
        {
          const TdQuota *quota = &g_array_index (conference->quotas, TdQuota, i);
          TdQuotaUse use = { g_strdup (quota->unit), quota->seats, 0 };

          g_array_append_val (self->quotas, use);
        }
      /* A district can allot seats to dozens of units: do not scan them per delegate. */
      if (self->quotas->len > 6)
        {
          index = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < self->quotas->len; i++)
            {
              TdQuotaUse *use = &g_array_index (self->quotas, TdQuotaUse, i);

              if (use->unit != NULL)
                g_hash_table_insert (index, use->unit, GUINT_TO_POINTER (i));
            }
        }
    }

  for (guint i = 0; i < n_delegates; i++)
    {
      const TdDelegate *delegate = &delegates[i];
      TdPerson *person;

      if (delegate->role == TD_ROLE_GUEST)
        {
          self->guests++;
          continue;
        }

      person = delegate->person != NULL ? td_plan_get_person (plan, delegate->person) : NULL;
      if (person == NULL)
        {
          self->unknown++;
          continue;
        }

      self->total++;
      if (person->leader)
        self->leaders++;
      if (person->gender == TD_GENDER_FEMALE)
        self->women++;
      /* Folding the ethnicity is costly; nearly everyone is written plainly "Kinh". */
      if (person->ethnicity != NULL && person->ethnicity[0] != '\0'
          && strcmp (person->ethnicity, "Kinh") != 0 && td_person_is_minority (person))
        self->minorities++;
      if ((guint) person->sector < TD_N_SECTORS)
        self->sectors[person->sector]++;
      if ((guint) person->category < TD_N_CATEGORIES)
        self->categories[person->category]++;

      if (g_strcmp0 (person->unit, conference->unit) != 0)
        {
          gboolean counted = FALSE;

          self->sent_upward++;
          if (delegate->approval == NULL)
            self->unapproved++;
          if (self->quotas->len > 0)
            counted = count_quotas (self, plan, index, person->unit);
          if (!counted)
            self->outside_quotas++;
        }
    }

  self->exemplars = self->total - self->leaders;

  switch (self->level)
    {
    case TD_LEVEL_GRASSROOTS:
      if (self->mode == TD_MODE_REPRESENTATIVE)
        {
          self->cap = plan->params.grassroots_delegate_cap;
          self->cap_rule = "R-CAP1";
        }
      else
        self->cap = -1;
      break;

    case TD_LEVEL_UPPER:
      self->cap = plan->params.upper_delegate_cap;
      self->cap_rule = "R-CAP2";
      break;

    case TD_LEVEL_PROVINCE:
    default:
      self->cap = -1;
      break;
    }

  /* Integers only: 43 * 100 <= 30 * 143 must not depend on rounding. */
  self->leaders_max = self->leader_max_percent >= 0
                    ? (int) (((gint64) self->leader_max_percent * self->total) / 100)
                    : 0;
  self->mix_ok = (gint64) self->leaders * 100 <= (gint64) self->leader_max_percent * self->total;
  self->mix_binding = self->mode != TD_MODE_PLENARY;

  return self;
}

TdComposition *
td_composition_new_for_conference (TdPlan       *plan,
                                   TdConference *conference)
{
  g_return_val_if_fail (TD_IS_CONFERENCE (conference), NULL);

  if (conference->delegates == NULL)
    return td_composition_new (plan, conference, NULL, 0);
  return td_composition_new (plan, conference,
                             (const TdDelegate *) (gpointer) conference->delegates->data,
                             conference->delegates->len);
}

void
td_composition_free (TdComposition *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->quotas, g_array_unref);
  g_free (self);
}

gboolean
td_composition_over_cap (const TdComposition *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->cap >= 0 && self->total > self->cap;
}

gboolean
td_composition_mix_fix (const TdComposition *self,
                        int                 *remove_leaders,
                        int                 *add_exemplars)
{
  gint64 excess;
  int p;

  g_return_val_if_fail (self != NULL, FALSE);

  if (remove_leaders != NULL)
    *remove_leaders = 0;
  if (add_exemplars != NULL)
    *add_exemplars = 0;

  if (self->mix_ok)
    return FALSE;

  p = CLAMP (self->leader_max_percent, 0, 100);
  /* leaders * 100 - p * total > 0: how far over the limit, in hundredths of a person. */
  excess = (gint64) self->leaders * 100 - (gint64) p * self->total;

  /* Removing n leaders: (L - n) * 100 <= p * (T - n)  <=>  n * (100 - p) >= excess. */
  if (remove_leaders != NULL)
    *remove_leaders = p < 100 ? (int) ((excess + (100 - p) - 1) / (100 - p)) : 0;
  /* Adding m exemplars: L * 100 <= p * (T + m)  <=>  m * p >= excess. */
  if (add_exemplars != NULL)
    *add_exemplars = p > 0 ? (int) ((excess + p - 1) / p) : -1;

  return TRUE;
}

char *
td_composition_format_mix_fix (const TdComposition *self)
{
  int remove_leaders, add_exemplars;
  g_autofree char *remove = NULL;
  g_autofree char *add = NULL;

  if (!td_composition_mix_fix (self, &remove_leaders, &add_exemplars))
    return NULL;

  /* TRANSLATORS: the first half of "Remove 2 leaders or add 4 exemplars." */
  remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %d leader", "Remove %d leaders",
                                         remove_leaders), remove_leaders);
  if (add_exemplars < 0)
    /* TRANSLATORS: %s is "Remove 2 leaders" */
    return g_strdup_printf (_("%s."), remove);

  /* TRANSLATORS: the second half of "Remove 2 leaders or add 4 exemplars."; an exemplar is a
   * delegate of the 70 % group (workers, farmers, scientists, good workers, good deeds). */
  add = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "add %d exemplar", "add %d exemplars",
                                      add_exemplars), add_exemplars);
  /* TRANSLATORS: "Remove 2 leaders" or "add 4 exemplars" */
  return g_strdup_printf (_("%s or %s."), remove, add);
}

char *
td_composition_format_leader_share (const TdComposition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->total == 0)
    return g_strdup ("0");
  return td_text_format_percent (self->leaders, self->total);
}

char *
td_composition_format_exemplar_share (const TdComposition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->total == 0)
    return g_strdup ("0");
  return td_text_format_percent (self->exemplars, self->total);
}

const TdQuotaUse *
td_composition_get_quota (const TdComposition *self,
                          const char          *unit_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->quotas->len; i++)
    {
      const TdQuotaUse *use = &g_array_index (self->quotas, TdQuotaUse, i);

      if (g_strcmp0 (use->unit, unit_id) == 0)
        return use;
    }
  return NULL;
}
