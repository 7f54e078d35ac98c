/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "td-csv.h"
#include "td-encoding.h"
#include "td-plan.h"

G_BEGIN_DECLS

/*
 * Importing people from a CSV file (domain/interchange.md, "CSV import of people").
 *
 * An import has two halves so that an interface can keep its main loop free:
 *   td_people_import_new()      main thread: snapshots the plan's units and people;
 *   td_people_import_parse()    any thread: decodes, parses and validates every row,
 *                               finds duplicates; touches nothing of the plan;
 *   td_people_import_apply()    main thread: adds the people in ONE edit of the plan.
 * td_people_import_run() does the three at once. Any error leaves the plan untouched.
 */

/* Why a row was not added: the same person (folded name, birth year and unit) is in the plan
 * already, or an earlier row of the file holds it. */
typedef struct
{
  guint  line;        /* line of the skipped row */
  char  *name;        /* full name as in the file (NFC) */
  char  *person_id;   /* the person already in the plan, or NULL */
  guint  first_line;  /* the earlier row of the file, or 0 */
} TdPeopleDuplicate;

/* What the user chose; every member may stay zero (detect everything). */
typedef struct
{
  gboolean    force_encoding;
  TdEncoding  encoding;     /* used when force_encoding */
  char        delimiter;    /* ',', ';', '\t'; 0: detect */
  const char *target_unit;  /* unit id for rows without a unit; NULL: none */
  /* Per column, the TdCsvField it holds or -1 (ignored); NULL: matched from the headers.
   * Columns past n_mapping are matched from their headers. */
  const int  *mapping;
  guint       n_mapping;
} TdPeopleImportOptions;

/* The first rows of a file as the import would read them. */
typedef struct
{
  GArray     *candidates;   /* TdEncodingCandidate, best first (td_encoding_detect) */
  TdEncoding  encoding;     /* the one used */
  char        delimiter;
  guint       n_columns;
  char      **headers;      /* n_columns, NULL-terminated */
  int        *mapping;      /* n_columns: TdCsvField, or -1 for an unknown column */
  guint       n_rows;       /* data rows of the whole file */
  GPtrArray  *rows;         /* the first rows: char** of n_columns strings (padded) */
  GArray     *lines;        /* guint: the line where each of those rows starts */
  GError     *problem;      /* why the file would be rejected as it is (a ragged row), or NULL */
} TdPeoplePreview;

/* Decodes the bytes (the options' encoding, or the best candidate) and reads the header and the
 * first @max_rows rows. Fails when no encoding decodes the bytes, or the text is no CSV at all. */
TdPeoplePreview *td_people_preview_new  (const char *bytes, gsize len,
                                         const TdPeopleImportOptions *options,
                                         guint max_rows, GError **error);
void             td_people_preview_free (TdPeoplePreview *preview);

/* Progress of the parse: @done rows of @total. Called from the thread that parses, now and then. */
typedef void (*TdPeopleImportProgress) (guint done, guint total, gpointer user_data);

typedef struct _TdPeopleImport TdPeopleImport;

TdPeopleImport  *td_people_import_new    (TdPlan *plan, const TdPeopleImportOptions *options);
void             td_people_import_free   (TdPeopleImport *self);

/* Fails with TD_ERROR_INVALID naming the line and the column, TD_ERROR_CANCELLED when
 * @cancellable is cancelled. Safe to call in a thread (it does not read the plan). */
gboolean         td_people_import_parse  (TdPeopleImport *self, const char *bytes, gsize len,
                                          TdPeopleImportProgress progress, gpointer user_data,
                                          GCancellable *cancellable, GError **error);
/* Adds the parsed people to @plan in one edit labelled "Import people". Fails (and leaves the
 * plan as it was) when the plan changed since td_people_import_new() so that a unit is gone, or
 * when @cancellable is cancelled. */
gboolean         td_people_import_apply  (TdPeopleImport *self, TdPlan *plan,
                                          GCancellable *cancellable, GError **error);

TdEncoding       td_people_import_get_encoding   (TdPeopleImport *self);
char             td_people_import_get_delimiter  (TdPeopleImport *self);
/* Rows that will be (after apply: were) added. */
guint            td_people_import_get_n_people   (TdPeopleImport *self);
/* The people added by td_people_import_apply(), in file order (TdPerson*). */
GPtrArray       *td_people_import_get_people     (TdPeopleImport *self);
/* TdPeopleDuplicate*, in file order. */
GPtrArray       *td_people_import_get_duplicates (TdPeopleImport *self);

/* One call: snapshot, parse and apply. */
gboolean         td_people_import_run    (TdPlan *plan, const char *bytes, gsize len,
                                          const TdPeopleImportOptions *options,
                                          TdPeopleImportProgress progress, gpointer user_data,
                                          GCancellable *cancellable,
                                          TdPeopleImport **result, GError **error);

/* A name as duplicates are compared: case-, NFC/NFD- and space-insensitive and blind to old/new
 * tone placement ("Hoà" = "Hòa", "Thuỷ" = "Thủy"), but not to the letters' marks: "An", "Ân" and
 * "Ăn", or "Hùng" and "Hưng", are other names, not the same name typed carelessly. */
char            *td_people_duplicate_name (const char *name);
/* The duplicate key of a person: that name, the birth year and the unit. */
char            *td_people_duplicate_key (const char *full_name, int birth_year, const char *unit);

/* People of the plan whose duplicate key is shared with another person: a table from each such
 * TdPerson* to the number of people sharing its key. */
GHashTable      *td_people_find_duplicates (TdPlan *plan);

/* Removes @people (TdPerson*) from the plan in one edit labelled @label, and their places
 * among conference delegates, so that no conference names a person who is gone. */
void             td_people_delete        (TdPlan *plan, GPtrArray *people, const char *label);
/* Merges @others (TdPerson*) into @keep in one edit: every conference delegate who is one of
 * @others becomes @keep (or goes, when @keep is a delegate of that conference already), the
 * fields that @keep leaves empty are taken from the others, and the others are removed. */
void             td_people_merge         (TdPlan *plan, TdPerson *keep, GPtrArray *others);

/* A new array of the plan's people (borrowed TdPerson*) in official order: tên, then họ và tên
 * đệm, Vietnamese collation; ties by id. */
GPtrArray       *td_people_sorted        (TdPlan *plan);
/* GCompareFunc on TdPerson** for that order. */
int              td_people_compare_official (gconstpointer a, gconstpointer b);

/* CSV of @people (TdPerson*; NULL: the whole plan in official order): UTF-8 with a BOM, the
 * canonical Vietnamese headers, CRLF line ends; td_people_import_run() reads it back to the
 * same people. */
char            *td_people_export_csv    (TdPlan *plan, GPtrArray *people, gsize *length);

/* Vietnamese label of a category or a sector as written in exported files ("Nông dân"). */
const char      *td_people_category_csv_label (TdCategory category);
const char      *td_people_sector_csv_label   (TdSector sector);

void             td_people_duplicate_free (TdPeopleDuplicate *duplicate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPeopleImport, td_people_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPeoplePreview, td_people_preview_free)

G_END_DECLS
