/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())
G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

TdApplication *td_application_new              (void);
/* Where the translations are: the build tree when running uninstalled. */
const char    *td_application_locale_dir       (void);
/* The application's settings, or NULL when the schema is not installed. */
GSettings     *td_application_get_settings     (TdApplication *self);
/* Opens a plan file in a window (an existing window if it shows that file already). */
void           td_application_open_plan        (TdApplication *self, GFile *file);
/* Creates a new plan file (in the application's data folder) from the sample or empty. */
void           td_application_new_plan         (TdApplication *self, gboolean from_template);
void           td_application_add_recent       (TdApplication *self, const char *path);
gboolean       td_application_get_quit_after_first_frame (TdApplication *self);
/* Where new plans are created. */
char          *td_application_dup_plans_dir    (void);

G_END_DECLS
