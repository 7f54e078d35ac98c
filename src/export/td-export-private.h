/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "td-export.h"

G_BEGIN_DECLS

/* What a document builder gets: the model, and options with every default filled in. */
typedef struct
{
  TdPlan              *plan;
  TdConference        *conference;  /* NULL for the plan */
  TdUnit              *unit;        /* the conference's unit, may be NULL */
  TdExportOptions     *options;     /* resolved */
  TdExportProgressFunc progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} TdExportContext;

TdDocument *_td_export_invitations (TdExportContext *ctx, GError **error);
TdDocument *_td_export_agenda      (TdExportContext *ctx, GError **error);
TdDocument *_td_export_delegates   (TdExportContext *ctx, GError **error);
TdDocument *_td_export_plan        (TdExportContext *ctx, GError **error);

/* Fills the defaults of documents.md / td-export.h into a copy of @options. */
TdExportOptions *_td_export_resolve (TdPlan *plan, TdConference *conference, TdExportKind kind,
                                     const TdExportOptions *options);
/* The header block of a conference document with "Số: NN/<type_code>-<code>". */
void        _td_export_add_header  (TdDocument *doc, TdExportContext *ctx, const char *type_code);
void        _td_export_add_signature (TdDocument *doc, TdExportContext *ctx);
/* "12/GM-UBND" for the options of a kind (the number as printed after "Số: "). */
char       *_td_export_number      (const TdExportOptions *options, const char *type_code);
/* "Bà", "Ông" or "Ông/Bà". */
const char *_td_export_honorific   (TdGender gender);
/* "07 giờ 30" */
char       *_td_export_time_vi     (int minutes);
/* "30,0%": one decimal with a comma, whatever the locale (the documents are Vietnamese). */
char       *_td_export_percent     (int numerator, int denominator);
gboolean    _td_export_check_cancel(TdExportContext *ctx, GError **error);
void        _td_export_report      (TdExportContext *ctx, double fraction);

G_END_DECLS
