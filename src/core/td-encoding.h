/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The encodings Vietnamese text arrives in (domain/vietnamese-text.md). */
typedef enum {
  TD_ENCODING_UTF8,
  TD_ENCODING_UTF16,      /* with a BOM; little-endian without one */
  TD_ENCODING_CP1258,     /* Windows-1258 */
  TD_ENCODING_TCVN3,      /* TCVN 5712 VN3 "ABC" fonts (.VnTime), 0x80–0x9F as Windows-1252 */
  TD_ENCODING_TCVN3_CAPS, /* the same bytes typed with the capitals fonts (.VnTimeH) */
  TD_ENCODING_VNI,        /* VNI Windows (VNI-Times): base letter + mark bytes */
  TD_ENCODING_VIQR,       /* RFC 1456 plain ASCII: "Vie^.t Nam" */
} TdEncoding;
#define TD_N_ENCODINGS 7

/* Stable machine names: "utf-8", "utf-16", "cp1258", "tcvn3", "tcvn3-caps", "vni", "viqr"
 * (what `thidua-cli import-people --encoding` takes). */
const char *td_encoding_name      (TdEncoding encoding);
/* Accepts the machine names and common aliases ("UTF8", "windows-1258", "abc", "vni-windows"),
 * case-insensitively. */
gboolean    td_encoding_from_name (const char *name, TdEncoding *out);
/* Translated label for the interface ("TCVN3 (ABC, .VnTime fonts)"). */
const char *td_encoding_label     (TdEncoding encoding);

/* Decode bytes to NFC UTF-8, a byte-order mark removed. Fails (TD_ERROR_INVALID) on bytes that
 * are not valid in the encoding (invalid UTF-8, undefined Windows-1258 bytes, NUL bytes in an
 * 8-bit encoding). */
char       *td_encoding_decode    (const char *bytes, gsize len, TdEncoding encoding,
                                   GError **error);

typedef struct {
  TdEncoding encoding;
  int        score;   /* valid Vietnamese syllables in the decoded sample */
  gboolean   certain; /* a byte-order mark, or valid UTF-8 with Vietnamese letters */
} TdEncodingCandidate;

/* Candidates (TdEncodingCandidate) for the bytes, best first: the certain one, then by score,
 * ties in the order of TdEncoding. Only encodings that decode the bytes are listed. Looks at
 * the first 64 KiB only. */
GArray     *td_encoding_detect    (const char *bytes, gsize len);

/* Whether a word (UTF-8, NFC, letters only) is a valid Vietnamese syllable: onset, vowel
 * nucleus, coda, and at most one tone mark, placed on the nucleus; lower, upper or title case. */
gboolean    td_encoding_is_vietnamese_syllable (const char *word, gssize len);

G_END_DECLS
