/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-text"

#include <string.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "td-text.h"

static gboolean
is_ascii (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* UTF-16 copy of UTF-8 bytes, or NULL when they are not valid UTF-8. */
static UChar *
utf8_to_uchar (const char *s,
               gsize       len,
               int32_t    *out_len)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = 0;
  UChar *u;

  if (len > G_MAXINT32 / 2)
    return NULL;
  /* UTF-16 never needs more units than UTF-8 has bytes. */
  u = g_new (UChar, len + 1);
  u_strFromUTF8 (u, (int32_t) len + 1, &n, s, (int32_t) len, &status);
  if (U_FAILURE (status) || memchr (s, '\0', len) != NULL)
    {
      g_free (u);
      return NULL;
    }
  *out_len = n;
  return u;
}

/* g_utf8_normalize costs microseconds a name and grows worse than linearly
 * on long texts; ICU's normalizer is linear and its quick check makes the
 * usual case (text already NFC) a copy. */
char *
td_text_nfc_len (const char *s,
                 gssize      len)
{
  const UNormalizer2 *nfc;
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *u = NULL;
  g_autofree UChar *norm = NULL;
  int32_t ulen = 0, nlen, out_len = 0;
  char *out;

  if (s == NULL)
    return NULL;
  if (len < 0)
    len = strlen (s);
  if (is_ascii (s, len))
    return memchr (s, '\0', len) ? NULL : g_strndup (s, len);

  u = utf8_to_uchar (s, len, &ulen);
  if (u == NULL)
    return NULL;
  nfc = unorm2_getNFCInstance (&status);
  g_assert (U_SUCCESS (status));
  if (unorm2_quickCheck (nfc, u, ulen, &status) == UNORM_YES && U_SUCCESS (status))
    return g_strndup (s, len);

  status = U_ZERO_ERROR;
  nlen = unorm2_normalize (nfc, u, ulen, NULL, 0, &status);
  status = U_ZERO_ERROR;
  norm = g_new (UChar, nlen + 1);
  unorm2_normalize (nfc, u, ulen, norm, nlen + 1, &status);
  g_assert (U_SUCCESS (status));
  u_strToUTF8 (NULL, 0, &out_len, norm, nlen, &status);
  status = U_ZERO_ERROR;
  out = g_malloc (out_len + 1);
  u_strToUTF8 (out, out_len + 1, NULL, norm, nlen, &status);
  g_assert (U_SUCCESS (status));
  return out;
}

char *
td_text_nfc (const char *s)
{
  return td_text_nfc_len (s, -1);
}

/* ---------------------------------------------------------------- folding */

/* Appends the folded form of one character: its canonical decomposition
 * without the marks (that is NFD with the marks dropped, so old and new tone
 * placement and NFC/NFD input fold alike), in lower case. */
static void
append_folded_char (GString  *out,
                    gunichar  c)
{
  gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  /* đ has no decomposition: it is a letter of its own that searchers type as d. */
  if (c == 0x0111 || c == 0x0110)
    {
      g_string_append_c (out, 'd');
      return;
    }
  n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  for (gsize i = 0; i < n; i++)
    {
      GUnicodeType type = g_unichar_type (d[i]);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (d[i] < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) d[i]));
      else
        {
          char buf[8];
          int len = g_unichar_to_utf8 (d[i], buf);
          g_autofree char *folded = g_utf8_casefold (buf, len);

          g_string_append (out, folded);
        }
    }
}

char *
td_text_fold (const char *s)
{
  GString *out;
  gboolean pending_space = FALSE;
  const char *end;

  if (s == NULL || !g_utf8_validate (s, -1, &end))
    return NULL;

  out = g_string_sized_new (end - s);
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c < 0x80 ? g_ascii_isspace (c) : g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        append_folded_char (out, c);
    }

  return g_string_free (out, FALSE);
}

gboolean
td_text_fold_matches (const char *folded_haystack,
                      const char *folded_needle)
{
  const char *p;

  g_return_val_if_fail (folded_haystack != NULL, FALSE);

  if (folded_needle == NULL)
    return TRUE;

  p = folded_needle;
  for (;;)
    {
      const char *start;
      gsize len;

      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      if (*p == '\0')
        return TRUE;
      start = p;
      while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        p++;
      len = p - start;

      /* memmem would be nicer but is a GNU extension; the words are short. */
      {
        const char *h = folded_haystack;
        gboolean found = FALSE;

        for (h = strchr (h, start[0]); h != NULL; h = strchr (h + 1, start[0]))
          if (strncmp (h, start, len) == 0)
            {
              found = TRUE;
              break;
            }
        if (!found)
          return FALSE;
      }
    }
}

/* -------------------------------------------------------------- collation */

static UCollator *shared_collator;

static void
collator_free (gpointer data)
{
  ucol_close (data);
}

/* ICU documents only const use of one collator from several threads as
 * safe in C++; to be safe in C, each thread gets its own clone. */
static GPrivate thread_collator = G_PRIVATE_INIT (collator_free);

static UCollator *
get_collator (void)
{
  static gsize init = 0;
  UCollator *coll;

  if (g_once_init_enter (&init))
    {
      UErrorCode status = U_ZERO_ERROR;
      UCollator *c = ucol_open ("vi", &status);

      if (U_FAILURE (status))
        g_error ("Cannot open the Vietnamese collator: %s", u_errorName (status));
      /* Tertiary strength: tone marks break ties after the letters
       * (secondary), then case (tertiary). NFD input is also normalized,
       * though we pass NFC already. */
      ucol_setStrength (c, UCOL_TERTIARY);
      ucol_setAttribute (c, UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
      if (U_FAILURE (status))
        g_error ("Cannot configure the Vietnamese collator: %s", u_errorName (status));
      shared_collator = c;
      g_once_init_leave (&init, 1);
    }

  coll = g_private_get (&thread_collator);
  if (coll == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      coll = ucol_clone (shared_collator, &status);
      if (U_FAILURE (status))
        g_error ("Cannot clone the Vietnamese collator: %s", u_errorName (status));
      g_private_set (&thread_collator, coll);
    }
  return coll;
}

int
td_text_collate (const char *a,
                 const char *b)
{
  g_autofree char *ka = td_text_collation_key (a ? a : "");
  g_autofree char *kb = td_text_collation_key (b ? b : "");
  int r;

  /* Invalid UTF-8 sorts first, deterministically. */
  if (ka == NULL || kb == NULL)
    return (ka != NULL) - (kb != NULL);
  r = strcmp (ka, kb);
  return (r > 0) - (r < 0);
}

/* Sort key bytes, NUL-terminated: ICU keys contain no other NUL byte.
 * The collator's normalization mode makes NFD and NFC input give one key. */
char *
td_text_collation_key (const char *s)
{
  UChar stack[128];
  g_autofree UChar *heap = NULL;
  UChar *u = stack;
  UErrorCode status = U_ZERO_ERROR;
  UCollator *coll;
  gsize slen;
  int32_t len = 0;
  guint8 key[256];
  int32_t needed;

  if (s == NULL)
    return NULL;
  slen = strlen (s);
  if (slen >= G_N_ELEMENTS (stack))
    {
      heap = utf8_to_uchar (s, slen, &len);
      if (heap == NULL)
        return NULL;
      u = heap;
    }
  else
    {
      u_strFromUTF8 (stack, G_N_ELEMENTS (stack), &len, s, (int32_t) slen, &status);
      if (U_FAILURE (status))
        return NULL;
    }

  coll = get_collator ();
  needed = ucol_getSortKey (coll, u, len, key, sizeof key);
  if (needed <= (int32_t) sizeof key)
    return g_memdup2 (key, needed);
  else
    {
      guint8 *big = g_malloc (needed);

      ucol_getSortKey (coll, u, len, big, needed);
      g_assert (big[needed - 1] == 0);
      return (char *) big;
    }
}

/* The level separator of ICU sort keys is 0x01, and no weight byte is
 * below 0x02. Joining the two keys with 0x01 therefore orders first by the
 * complete key of the given name: if one given key is a prefix of the other,
 * the longer one continues with a weight byte (≥ 0x02), which sorts above our
 * separator, so the shorter given name comes first whatever the family names
 * are. Only equal given keys reach the family key. */
#define PERSON_KEY_SEPARATOR '\x01'

char *
td_text_person_sort_key (const char *given,
                         const char *family_middle)
{
  g_autofree char *kg = td_text_collation_key (given ? given : "");
  g_autofree char *kf = td_text_collation_key (family_middle ? family_middle : "");
  gsize lg, lf;
  char *key;

  if (kg == NULL || kf == NULL)
    return NULL;
  lg = strlen (kg);
  lf = strlen (kf);
  key = g_malloc (lg + 1 + lf + 1);
  memcpy (key, kg, lg);
  key[lg] = PERSON_KEY_SEPARATOR;
  memcpy (key + lg + 1, kf, lf + 1);
  return key;
}

/* ------------------------------------------------------------------ names */

void
td_text_split_name (const char  *full,
                    char       **family_middle,
                    char       **given)
{
  g_autofree char *nfc = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint n;

  g_return_if_fail (family_middle != NULL);
  g_return_if_fail (given != NULL);

  *family_middle = NULL;
  *given = NULL;

  nfc = td_text_nfc (full ? full : "");
  if (nfc == NULL)
    nfc = g_strdup ("");
  /* No-break spaces pasted from spreadsheets count as spaces too. */
  for (char *nbsp = strstr (nfc, "\xc2\xa0"); nbsp; nbsp = strstr (nbsp, "\xc2\xa0"))
    {
      nbsp[0] = ' ';
      nbsp[1] = ' ';
    }
  g_strdelimit (nfc, "\t\n\r\v\f", ' ');
  words = g_strsplit (nfc, " ", -1);
  for (char **w = words; *w; w++)
    if (**w != '\0')
      g_ptr_array_add (kept, *w);

  n = kept->len;
  if (n == 0)
    {
      *family_middle = g_strdup ("");
      *given = g_strdup ("");
      return;
    }
  *given = g_strdup (g_ptr_array_index (kept, n - 1));
  g_ptr_array_set_size (kept, n - 1);
  g_ptr_array_add (kept, NULL);
  *family_middle = g_strjoinv (" ", (char **) kept->pdata);
}

/* ---------------------------------------------------------------- leaders */

/* "Phó Trưởng phòng or equivalent and above" (rules.md), folded. Titles
 * below that line (Tổ trưởng, Trưởng thôn) are deliberately absent. */
static const char * const leader_titles[] = {
  "chu tich", "pho chu tich",
  "bi thu", "pho bi thu",
  "tong giam doc", "pho tong giam doc",
  "giam doc", "pho giam doc",
  "truong phong", "pho truong phong",
  "hieu truong", "pho hieu truong",
  "truong ban", "pho truong ban",
  "chanh van phong", "pho chanh van phong",
  "chanh thanh tra", "pho chanh thanh tra",
  "chanh an", "pho chanh an",
  "vien truong", "pho vien truong",
  "truong khoa", "pho truong khoa",
  "cuc truong", "pho cuc truong",
  "chi cuc truong", "pho chi cuc truong",
  "vu truong", "pho vu truong",
  "chi huy truong", "chi huy pho",
  "thu truong",
  "chu nhiem", "pho chu nhiem",
  "truong cong an", "pho truong cong an",
  "tong bien tap", "pho tong bien tap",
};

static gboolean
starts_with_title (const char *s)
{
  /* "Quyền Giám đốc" (acting director) holds the post. */
  if (g_str_has_prefix (s, "quyen "))
    s += strlen ("quyen ");

  for (gsize i = 0; i < G_N_ELEMENTS (leader_titles); i++)
    {
      gsize len = strlen (leader_titles[i]);

      if (strncmp (s, leader_titles[i], len) == 0 &&
          !g_ascii_isalnum (s[len]))
        return TRUE;
    }
  return FALSE;
}

gboolean
td_text_position_is_leader (const char *position)
{
  g_autofree char *folded = NULL;
  const char *p;

  if (position == NULL)
    return FALSE;
  folded = td_text_fold (position);
  if (folded == NULL)
    return FALSE;

  /* A title counts at the start of the position or of any of its parts
   * ("Ủy viên BTV, Trưởng ban Tuyên giáo"), not in the middle of a phrase
   * ("Thư ký Giám đốc" is not a director). */
  p = folded;
  for (;;)
    {
      while (*p == ' ' || *p == ',' || *p == ';' || *p == '-' || *p == '/' || *p == '(')
        p++;
      if (*p == '\0')
        return FALSE;
      if (starts_with_title (p))
        return TRUE;
      p = strpbrk (p, ",;/(");
      if (p == NULL)
        return FALSE;
    }
}

/* ---------------------------------------------------------------- numbers */

static gboolean
language_is_vietnamese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs != NULL && langs[0] != NULL && g_str_has_prefix (langs[0], "vi");
}

char *
td_text_format_percent (int numerator,
                        int denominator)
{
  gint64 n = numerator, d = denominator;
  gint64 tenths;
  gboolean negative;

  if (d == 0)
    tenths = 0;
  else
    {
      negative = (n < 0) != (d < 0);
      n = ABS (n);
      d = ABS (d);
      /* Integers, rounding half away from zero: no float surprises at .x5. */
      tenths = (n * 2000 + d) / (2 * d);
      if (negative)
        tenths = -tenths;
    }

  return g_strdup_printf ("%s%" G_GINT64_FORMAT "%c%" G_GINT64_FORMAT,
                          tenths < 0 ? "-" : "",
                          ABS (tenths) / 10,
                          language_is_vietnamese () ? ',' : '.',
                          ABS (tenths) % 10);
}
