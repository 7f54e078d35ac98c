/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-types.h"

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *s,
        int                *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define ENUM_STRINGS(name, Type, ...)                                           \
  static const char * const name##_names[] = { __VA_ARGS__ };                   \
  const char *                                                                  \
  td_##name##_to_string (Type value)                                            \
  {                                                                             \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (name##_names), NULL);   \
    return name##_names[value];                                                 \
  }                                                                             \
  gboolean                                                                      \
  td_##name##_from_string (const char *s, Type *out)                            \
  {                                                                             \
    int v;                                                                      \
    if (!lookup (name##_names, G_N_ELEMENTS (name##_names), s, &v))             \
      return FALSE;                                                             \
    *out = (Type) v;                                                            \
    return TRUE;                                                                \
  }

ENUM_STRINGS (level, TdLevel, "province", "upper", "grassroots")
ENUM_STRINGS (gender, TdGender, "", "male", "female")
ENUM_STRINGS (category, TdCategory, "direct_worker", "farmer", "scientist", "good_worker",
              "good_deeds", "leader", "other")
ENUM_STRINGS (sector, TdSector, "state", "collective", "private", "household", "foreign", "other")
ENUM_STRINGS (mode, TdMode, "plenary", "representative")
ENUM_STRINGS (role, TdRole, "delegate", "guest")
ENUM_STRINGS (item_kind, TdItemKind, "item", "talk")

const char *
td_submission_to_string (TdSubmission s)
{
  static const char * const names[] = { "plan", "schedule", "draft_report", "content" };

  g_return_val_if_fail ((guint) s < G_N_ELEMENTS (names), NULL);
  return names[s];
}

const char *
td_window_to_string (TdWindow w)
{
  static const char * const names[] = { "grassroots", "upper", "pilot", "province" };

  g_return_val_if_fail ((guint) w < G_N_ELEMENTS (names), NULL);
  return names[w];
}

const char *
td_level_label (TdLevel level)
{
  switch (level)
    {
    case TD_LEVEL_PROVINCE:   return _("Province");
    case TD_LEVEL_UPPER:      return _("Upper level");
    case TD_LEVEL_GRASSROOTS: return _("Grassroots");
    default:                  g_return_val_if_reached (NULL);
    }
}

const char *
td_gender_label (TdGender gender)
{
  switch (gender)
    {
    case TD_GENDER_MALE:    return _("Male");
    case TD_GENDER_FEMALE:  return _("Female");
    case TD_GENDER_UNKNOWN: return _("Not set");
    default:                g_return_val_if_reached (NULL);
    }
}

const char *
td_category_label (TdCategory category)
{
  switch (category)
    {
    case TD_CATEGORY_DIRECT_WORKER: return _("Direct worker");
    case TD_CATEGORY_FARMER:        return _("Farmer");
    case TD_CATEGORY_SCIENTIST:     return _("Scientist");
    case TD_CATEGORY_GOOD_WORKER:   return _("Good or creative worker");
    case TD_CATEGORY_GOOD_DEEDS:    return _("Good deeds");
    case TD_CATEGORY_LEADER:        return _("Leader");
    case TD_CATEGORY_OTHER:         return _("Other");
    default:                        g_return_val_if_reached (NULL);
    }
}

const char *
td_sector_label (TdSector sector)
{
  switch (sector)
    {
    case TD_SECTOR_STATE:      return _("State");
    case TD_SECTOR_COLLECTIVE: return _("Collective");
    case TD_SECTOR_PRIVATE:    return _("Private");
    case TD_SECTOR_HOUSEHOLD:  return _("Household");
    case TD_SECTOR_FOREIGN:    return _("Foreign-invested");
    case TD_SECTOR_OTHER:      return _("Other");
    default:                   g_return_val_if_reached (NULL);
    }
}

const char *
td_mode_label (TdMode mode)
{
  switch (mode)
    {
    case TD_MODE_PLENARY:        return _("Plenary (all staff)");
    case TD_MODE_REPRESENTATIVE: return _("Representative (delegates)");
    default:                     g_return_val_if_reached (NULL);
    }
}

const char *
td_submission_label (TdSubmission s)
{
  switch (s)
    {
    case TD_SUBMISSION_PLAN:         return _("Plan");
    case TD_SUBMISSION_SCHEDULE:     return _("Schedule");
    case TD_SUBMISSION_DRAFT_REPORT: return _("Draft summary report");
    case TD_SUBMISSION_CONTENT:      return _("Conference content");
    default:                         g_return_val_if_reached (NULL);
    }
}
