/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Composed (NFC) copy of a UTF-8 string. NULL in, NULL out; invalid UTF-8 gives NULL. */
char     *td_text_nfc              (const char *s);
/* The same for len bytes (-1: up to the NUL); linear in the length, for whole files. */
char     *td_text_nfc_len          (const char *s, gssize len);

/* Search key: case-, accent-, đ/d-insensitive, NFC/NFD-blind and blind to old/new tone
 * placement ("Hoà" and "Hòa" fold alike). Fold the haystack once and keep it. */
char     *td_text_fold             (const char *s);
/* Does the folded haystack contain every whitespace-separated word of the folded needle? */
gboolean  td_text_fold_matches     (const char *folded_haystack, const char *folded_needle);

/* Vietnamese collation (ICU "vi"). Keys compare with strcmp(). */
int       td_text_collate          (const char *a, const char *b);
char     *td_text_collation_key    (const char *s);
/* Official order of people: tên, then họ và tên đệm. */
char     *td_text_person_sort_key  (const char *given, const char *family_middle);

/* Split a full name at its last word: "Nguyễn Thị Ánh Tuyết" -> "Nguyễn Thị Ánh", "Tuyết". */
void      td_text_split_name       (const char *full, char **family_middle, char **given);

/* Whether a position title suggests a leader (Phó Trưởng phòng or equivalent and above). */
gboolean  td_text_position_is_leader (const char *position);

/* "30,7" under a Vietnamese locale, "30.7" otherwise; one decimal. */
char     *td_text_format_percent   (int numerator, int denominator);

G_END_DECLS
