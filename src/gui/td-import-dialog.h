/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "td-encoding.h"
#include "td-plan.h"

G_BEGIN_DECLS

#define TD_TYPE_IMPORT_DIALOG (td_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TdImportDialog, td_import_dialog, TD, IMPORT_DIALOG, AdwWindow)

/*
 * "Import People…": a CSV file chosen through the file chooser portal, a preview of its first
 * rows decoded with the detected encoding (another can be picked), the delimiter, the column
 * mapping (a drop-down for each column, for the unknown ones in particular) and a unit for rows
 * that name none. Import parses and validates in a thread with progress, then adds every person
 * in one edit on the main thread; Cancel leaves the plan as it was.
 *
 * TdImportDialog::finished (gboolean imported, guint n_people, guint n_duplicates) is emitted
 * when an import ends, successfully or not.
 */
TdImportDialog *td_import_dialog_new             (GtkWindow *parent, TdPlan *plan);
/* Opens the file chooser. */
void            td_import_dialog_choose_file     (TdImportDialog *self);
/* Shows the bytes of a file as the chooser would; FALSE (and the reason shown) when no
 * encoding reads them. */
gboolean        td_import_dialog_load_bytes      (TdImportDialog *self, GBytes *bytes,
                                                  const char *display_name);
/* Selects an encoding in the encoding row (one of the candidates). */
gboolean        td_import_dialog_set_encoding    (TdImportDialog *self, TdEncoding encoding);
TdEncoding      td_import_dialog_get_encoding    (TdImportDialog *self);
/* The unit for rows without one (NULL: none). */
void            td_import_dialog_set_target_unit (TdImportDialog *self, const char *unit_id);
/* The decoded cell of the preview (row 0 is the first data row), or NULL. */
const char     *td_import_dialog_get_preview_cell (TdImportDialog *self, guint row, guint column);
/* What the Import button does. */
void            td_import_dialog_start           (TdImportDialog *self);
/* What the Cancel button does while an import runs. */
void            td_import_dialog_cancel          (TdImportDialog *self);

G_END_DECLS
