/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TdPlan       TdPlan;
typedef struct _TdUnit       TdUnit;
typedef struct _TdPerson     TdPerson;
typedef struct _TdConference TdConference;
typedef struct _TdAgendaItem TdAgendaItem;

/* A day as a Julian day number (g_date_get_julian); 0 means "not set". */
typedef guint32 TdDate;
#define TD_DATE_NONE ((TdDate) 0)

typedef enum {
  TD_LEVEL_PROVINCE,
  TD_LEVEL_UPPER,
  TD_LEVEL_GRASSROOTS,
} TdLevel;

typedef enum {
  TD_GENDER_UNKNOWN,
  TD_GENDER_MALE,
  TD_GENDER_FEMALE,
} TdGender;

typedef enum {
  TD_CATEGORY_DIRECT_WORKER,
  TD_CATEGORY_FARMER,
  TD_CATEGORY_SCIENTIST,
  TD_CATEGORY_GOOD_WORKER,
  TD_CATEGORY_GOOD_DEEDS,
  TD_CATEGORY_LEADER,
  TD_CATEGORY_OTHER,
} TdCategory;
#define TD_N_CATEGORIES 7

typedef enum {
  TD_SECTOR_STATE,
  TD_SECTOR_COLLECTIVE,
  TD_SECTOR_PRIVATE,
  TD_SECTOR_HOUSEHOLD,
  TD_SECTOR_FOREIGN,
  TD_SECTOR_OTHER,
} TdSector;
#define TD_N_SECTORS 6

typedef enum {
  TD_MODE_PLENARY,
  TD_MODE_REPRESENTATIVE,
} TdMode;

typedef enum {
  TD_ROLE_DELEGATE,
  TD_ROLE_GUEST,
} TdRole;

typedef enum {
  TD_ITEM_KIND_ITEM,
  TD_ITEM_KIND_TALK,
} TdItemKind;

/* The four documents a unit sends one month before its conference (R-SUBMIT). */
typedef enum {
  TD_SUBMISSION_PLAN,
  TD_SUBMISSION_SCHEDULE,
  TD_SUBMISSION_DRAFT_REPORT,
  TD_SUBMISSION_CONTENT,
} TdSubmission;
#define TD_N_SUBMISSIONS 4

/* The level windows of the plan's parameters. */
typedef enum {
  TD_WINDOW_GRASSROOTS,
  TD_WINDOW_UPPER,
  TD_WINDOW_PILOT,
  TD_WINDOW_PROVINCE,
} TdWindow;
#define TD_N_WINDOWS 4

/* Kinds of record a change can concern. */
typedef enum {
  TD_KIND_PLAN,
  TD_KIND_UNIT,
  TD_KIND_PERSON,
  TD_KIND_CONFERENCE,
} TdKind;

/* String forms used in the JSON interchange format and the store. */
const char *td_level_to_string      (TdLevel level);
gboolean    td_level_from_string    (const char *s, TdLevel *out);
const char *td_gender_to_string     (TdGender gender);
gboolean    td_gender_from_string   (const char *s, TdGender *out);
const char *td_category_to_string   (TdCategory category);
gboolean    td_category_from_string (const char *s, TdCategory *out);
const char *td_sector_to_string     (TdSector sector);
gboolean    td_sector_from_string   (const char *s, TdSector *out);
const char *td_mode_to_string       (TdMode mode);
gboolean    td_mode_from_string     (const char *s, TdMode *out);
const char *td_role_to_string       (TdRole role);
gboolean    td_role_from_string     (const char *s, TdRole *out);
const char *td_item_kind_to_string  (TdItemKind kind);
gboolean    td_item_kind_from_string(const char *s, TdItemKind *out);
const char *td_submission_to_string (TdSubmission s);
const char *td_window_to_string     (TdWindow w);

/* Translated, human-readable labels (for the interface). */
const char *td_level_label    (TdLevel level);
const char *td_gender_label   (TdGender gender);
const char *td_category_label (TdCategory category);
const char *td_sector_label   (TdSector sector);
const char *td_mode_label     (TdMode mode);
const char *td_submission_label (TdSubmission s);

G_END_DECLS
