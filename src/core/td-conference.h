/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "td-types.h"

G_BEGIN_DECLS

#define TD_TYPE_CONFERENCE (td_conference_get_type ())
G_DECLARE_FINAL_TYPE (TdConference, td_conference, TD, CONFERENCE, GObject)

typedef struct
{
  char   *decision;   /* "05/QĐ-HĐTĐKT" */
  TdDate  date;
  char   *council;    /* "Hội đồng Thi đua - Khen thưởng xã Thanh Phước" */
} TdApproval;

typedef struct
{
  char       *person;    /* id of the person */
  TdRole      role;
  TdApproval *approval;  /* NULL when none */
} TdDelegate;

typedef struct
{
  char *unit;            /* id of a child unit of the conference's unit */
  int   seats;
} TdQuota;

struct _TdConference
{
  GObject     parent_instance;

  char       *id;
  char       *unit;          /* id of the unit that holds it */
  char       *form;          /* one of the allowed forms of the unit's level; the title */
  TdMode      mode;
  TdDate      date;
  int         start;         /* minutes since midnight, -1 when not set */
  char       *venue;
  char       *chair;         /* "Chủ trì", may be NULL */
  gboolean    pilot;
  TdDate      submissions[TD_N_SUBMISSIONS];  /* received dates, TD_DATE_NONE when missing */
  GListStore *agenda;        /* of TdAgendaItem, in order */
  GArray     *quotas;        /* of TdQuota */
  GArray     *delegates;     /* of TdDelegate, in manual (protocol) order */
  JsonObject *documents;     /* export settings per document kind (number, date, signer,
                                recipients…), owned by the export layer; may be empty */
};

TdConference *td_conference_new          (const char *id, const char *unit);
JsonNode     *td_conference_to_json      (TdConference *self);
/* Checks the conference's own fields; references to units and people are checked by the plan. */
gboolean      td_conference_load_json    (TdConference *self, JsonObject *object, const char *path, GError **error);

/* Total agenda length in minutes. */
int           td_conference_agenda_minutes (TdConference *self);
/* Recomputes each item's start from the conference start and the lengths before it. */
void          td_conference_retime_agenda (TdConference *self);

void          td_conference_add_delegate (TdConference *self, const char *person, TdRole role,
                                          const TdApproval *approval);
void          td_conference_clear_delegates (TdConference *self);
int           td_conference_find_delegate (TdConference *self, const char *person);
int           td_conference_get_quota    (TdConference *self, const char *unit);  /* -1: none */
void          td_conference_set_quota    (TdConference *self, const char *unit, int seats);

TdApproval   *td_approval_new            (const char *decision, TdDate date, const char *council);
TdApproval   *td_approval_copy           (const TdApproval *approval);
void          td_approval_free           (TdApproval *approval);

/* The allowed forms (titles) for a level, NULL-terminated, untranslated (always Vietnamese). */
const char * const *td_conference_forms_for_level (TdLevel level);

void          td_conference_emit_changed (TdConference *self);

G_END_DECLS
