/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "td-plan.h"
#include "td-document.h"

G_BEGIN_DECLS

/* The printed documents built from the model (domain/documents.md). The timeline has its own
 * writer, td_timeline_write_pdf() in td-timeline.h. */
typedef enum {
  TD_EXPORT_INVITATIONS,  /* Giấy mời: one per delegate (one per page), or one for a group */
  TD_EXPORT_AGENDA,       /* Chương trình */
  TD_EXPORT_DELEGATES,    /* Danh sách đại biểu: annex of the invitation */
  TD_EXPORT_PLAN,         /* Kế hoạch: the plan itself */
} TdExportKind;

typedef enum {
  TD_EXPORT_SORT_NAME,    /* official order: tên, then họ và tên đệm (td_person_get_sort_key) */
  TD_EXPORT_SORT_UNIT,    /* by unit (the plan's unit order), then by name */
  TD_EXPORT_SORT_MANUAL,  /* the conference's delegate order (protocol order) */
} TdExportSort;

/* Columns of the delegate list that can be hidden (bit flags). "Họ và tên" always shows. */
typedef enum {
  TD_COLUMN_NUMBER     = 1 << 0,  /* STT */
  TD_COLUMN_BIRTH_YEAR = 1 << 1,  /* Năm sinh (Nam | Nữ) */
  TD_COLUMN_ETHNICITY  = 1 << 2,  /* Dân tộc */
  TD_COLUMN_POSITION   = 1 << 3,  /* Chức vụ */
  TD_COLUMN_UNIT       = 1 << 4,  /* Đơn vị công tác */
  TD_COLUMN_STRUCTURE  = 1 << 5,  /* Cơ cấu (Lãnh đạo | Trực tiếp) */
  TD_COLUMN_NOTE       = 1 << 6,  /* Ghi chú */
} TdColumn;

/* Per-document settings, stored with the conference (TdConference.documents[kind]) or with the
 * plan (TdPlan.documents["plan"]) so that the next export repeats them. A NULL string, an empty
 * recipients list (NULL) or TD_DATE_NONE means "the default":
 *   number      the digits of the conference id, else blank (filled in by hand at issue);
 *               for the plan, the plan's number
 *   code        issuing body's abbreviation after the type ("SNV" in 12/GM-SNV), from the issuer
 *   date        the conference date minus 10 days; for the plan, the plan's date
 *   place       the plan's place
 *   superior    the parent unit's name; for the plan, the plan's superior
 *   issuer      the unit's name; for the plan, the plan's issuer
 *   signer_*    the plan's signer
 *   recipients  "Như trên" / "Lưu: VT" (invitations), the plan's recipients (plan)
 *   chair       the conference's chair
 *   landscape   TRUE for the delegate list when nothing is stored (td_export_options_load)
 * JSON keys: number, code, date (ISO), place, superior, issuer, signer {authority, deputy,
 * title, name}, recipients [..], chair, notes, addressee, sort (name|unit|manual),
 * hidden_columns [number, birth_year, ethnicity, position, unit, structure, note],
 * orientation (portrait|landscape), group (bool). */
typedef struct
{
  char        *number;
  char        *code;
  TdDate       date;
  char        *place;
  char        *superior;
  char        *issuer;
  char        *signer_authority;
  char        *signer_deputy;
  char        *signer_title;
  char        *signer_name;
  char       **recipients;     /* NULL-terminated */
  char        *chair;
  char        *notes;          /* extra paragraphs of the invitation, one per line */
  char        *addressee;      /* group invitation: "Các đại biểu có tên trong danh sách kèm theo" */
  TdExportSort sort;
  guint        hidden_columns; /* TdColumn flags */
  gboolean     landscape;
  gboolean     group;          /* invitations: one for the group instead of one per delegate */
} TdExportOptions;

TdExportOptions *td_export_options_new       (void);
TdExportOptions *td_export_options_copy      (const TdExportOptions *options);
void             td_export_options_free      (TdExportOptions *options);
/* Reads the keys present in @object over @options; an unknown key is ignored, a key of the wrong
 * type is an error naming it (and @options is left unchanged). */
gboolean         td_export_options_load_json (TdExportOptions *options, JsonObject *object,
                                              GError **error);
JsonObject      *td_export_options_to_json   (const TdExportOptions *options);
/* The stored settings of a document (@conference_id is ignored for TD_EXPORT_PLAN); never
 * NULL: settings that cannot be read are dropped with a warning. */
TdExportOptions *td_export_options_load      (TdPlan *plan, const char *conference_id,
                                              TdExportKind kind);
/* Stores the settings as one undoable edit of the plan ("Export settings"). */
void             td_export_options_save      (const TdExportOptions *options, TdPlan *plan,
                                              const char *conference_id, TdExportKind kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdExportOptions, td_export_options_free)

const char      *td_export_kind_to_string    (TdExportKind kind);  /* "invitations", … */
gboolean         td_export_kind_from_string  (const char *s, TdExportKind *out);
const char      *td_export_sort_to_string    (TdExportSort sort);
gboolean         td_export_sort_from_string  (const char *s, TdExportSort *out);

/* Called from the building thread with the fraction done (0…1). */
typedef void (*TdExportProgressFunc) (double fraction, gpointer user_data);

/* Builds a document. @conference_id is required except for TD_EXPORT_PLAN; @options NULL
 * uses the stored settings (td_export_options_load). Errors: TD_ERROR_INVALID (unknown
 * conference, or a conference without what the document needs), TD_ERROR_CANCELLED.
 * May run in a worker thread as long as the plan is not edited meanwhile. */
TdDocument      *td_export_build             (TdPlan *plan, const char *conference_id,
                                              TdExportKind kind, const TdExportOptions *options,
                                              TdExportProgressFunc progress, gpointer progress_data,
                                              GCancellable *cancellable, GError **error);

G_END_DECLS
