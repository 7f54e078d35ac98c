/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "td-plan.h"

G_BEGIN_DECLS

/* Seats of one quota of an upper conference (R-QUOTA). */
typedef struct
{
  char *unit;    /* the child unit the quota is for */
  int   seats;   /* allotted */
  int   used;    /* convened delegates whose person's unit lies in that unit's subtree */
} TdQuotaUse;

/* The composition of a set of delegates of a conference: what the rules, the conference
 * editor's summary and the delegate wizard all show, computed in one place so they agree.
 * Only convened delegates (role "delegate") are counted; guests are counted apart. */
typedef struct
{
  int         total;          /* convened delegates whose person is in the plan */
  int         guests;
  int         unknown;        /* delegates whose person is not in the plan (not counted) */
  int         leaders;
  int         exemplars;      /* total - leaders: the 70 % group */
  int         women;
  int         minorities;     /* non-Kinh */
  int         sectors[TD_N_SECTORS];
  int         categories[TD_N_CATEGORIES];
  int         sent_upward;    /* convened delegates from another unit than the conference's */
  int         unapproved;     /* of those, the ones without an approval record (R-APPROVE) */

  GArray     *quotas;         /* of TdQuotaUse, one per quota of the conference, in its order */
  int         outside_quotas; /* convened delegates from another unit counted by no quota */

  /* What applies to this conference (from the plan's parameters). */
  TdLevel     level;
  TdMode      mode;
  int         cap;            /* R-CAP1/R-CAP2 limit, -1 when none applies (plenary, province) */
  const char *cap_rule;       /* "R-CAP1", "R-CAP2" or NULL */
  int         leader_max_percent;
  int         leaders_max;    /* the most leaders allowed with this total */
  gboolean    mix_ok;         /* leaders * 100 <= max_percent * total, in integers */
  gboolean    mix_binding;    /* FALSE for a plenary: R-MIX is information only */
} TdComposition;

/* @delegates: @n_delegates entries (a candidate list, e.g. the wizard's). @conference gives
 * the unit, level, mode and quotas. */
TdComposition *td_composition_new                (TdPlan *plan, TdConference *conference,
                                                  const TdDelegate *delegates, guint n_delegates);
/* The conference's own delegates. */
TdComposition *td_composition_new_for_conference (TdPlan *plan, TdConference *conference);
void           td_composition_free               (TdComposition *self);

/* Whether the delegates exceed the cap that applies. */
gboolean       td_composition_over_cap           (const TdComposition *self);
/* The smallest changes that satisfy R-MIX: remove @remove_leaders leaders, or add
 * @add_exemplars exemplars (-1 when adding cannot help, a 0 % limit). FALSE (and 0, 0) when
 * the mix is already within the limit. */
gboolean       td_composition_mix_fix            (const TdComposition *self,
                                                  int *remove_leaders, int *add_exemplars);
/* "Remove 2 leaders or add 4 exemplars." in the user's language; NULL when nothing to fix. */
char          *td_composition_format_mix_fix     (const TdComposition *self);
/* "30.7" / "30,7" shares of the total (a new string; "0" when there is nobody). */
char          *td_composition_format_leader_share   (const TdComposition *self);
char          *td_composition_format_exemplar_share (const TdComposition *self);
/* The seats used of the quota for @unit_id, or NULL when the conference has no such quota. */
const TdQuotaUse *td_composition_get_quota       (const TdComposition *self, const char *unit_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdComposition, td_composition_free)

G_END_DECLS
