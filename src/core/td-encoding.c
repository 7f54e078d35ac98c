/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-encoding"

#include <glib/gi18n.h>
#include <string.h>

#include "td-encoding.h"
#include "td-error.h"
#include "td-text.h"

/* --------------------------------------------------------------- names */

static const struct {
  const char *name;
  const char *aliases[5];
} encoding_names[TD_N_ENCODINGS] = {
  [TD_ENCODING_UTF8] = { "utf-8", { "utf8", "unicode", NULL } },
  [TD_ENCODING_UTF16] = { "utf-16", { "utf16", "ucs-2", NULL } },
  [TD_ENCODING_CP1258] = { "cp1258", { "windows-1258", "windows1258", "win1258", NULL } },
  [TD_ENCODING_TCVN3] = { "tcvn3", { "abc", "vn3", "tcvn", NULL } },
  [TD_ENCODING_TCVN3_CAPS] = { "tcvn3-caps", { "tcvn3caps", "tcvn3-h", "abc-caps", NULL } },
  [TD_ENCODING_VNI] = { "vni", { "vni-windows", "vniwin", NULL } },
  [TD_ENCODING_VIQR] = { "viqr", { "rfc1456", NULL } },
};

const char *
td_encoding_name (TdEncoding encoding)
{
  g_return_val_if_fail (encoding < TD_N_ENCODINGS, NULL);
  return encoding_names[encoding].name;
}

gboolean
td_encoding_from_name (const char *name,
                       TdEncoding *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (int e = 0; e < TD_N_ENCODINGS; e++)
    {
      if (g_ascii_strcasecmp (name, encoding_names[e].name) == 0)
        {
          *out = e;
          return TRUE;
        }
      for (int a = 0; encoding_names[e].aliases[a]; a++)
        if (g_ascii_strcasecmp (name, encoding_names[e].aliases[a]) == 0)
          {
            *out = e;
            return TRUE;
          }
    }
  return FALSE;
}

const char *
td_encoding_label (TdEncoding encoding)
{
  switch (encoding)
    {
    case TD_ENCODING_UTF8:
      return _("Unicode (UTF-8)");
    case TD_ENCODING_UTF16:
      return _("Unicode (UTF-16)");
    case TD_ENCODING_CP1258:
      return _("Windows-1258");
    case TD_ENCODING_TCVN3:
      return _("TCVN3 (ABC, .VnTime fonts)");
    case TD_ENCODING_TCVN3_CAPS:
      return _("TCVN3 capitals (.VnTimeH fonts)");
    case TD_ENCODING_VNI:
      return _("VNI Windows (VNI-Times fonts)");
    case TD_ENCODING_VIQR:
      return _("VIQR (plain ASCII)");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------- letter building */

enum { Q_NONE, Q_CIRCUMFLEX, Q_BREVE, Q_HORN, N_QUALITIES };
enum { T_NONE, T_GRAVE, T_HOOK, T_TILDE, T_ACUTE, T_DOT, N_TONES };

static const char vowel_bases[] = "aeiouy";

static const gunichar quality_marks[N_QUALITIES] = { 0, 0x0302, 0x0306, 0x031B };
static const gunichar tone_marks[N_TONES] = { 0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323 };

/* [upper][base][quality][tone] -> letter, 0 where no Vietnamese letter exists. */
static gunichar letters[2][6][N_QUALITIES][N_TONES];

static gboolean
quality_allowed (char base, int quality)
{
  switch (quality)
    {
    case Q_NONE:
      return TRUE;
    case Q_CIRCUMFLEX:
      return base == 'a' || base == 'e' || base == 'o';
    case Q_BREVE:
      return base == 'a';
    case Q_HORN:
      return base == 'o' || base == 'u';
    default:
      return FALSE;
    }
}

static void
init_letters (void)
{
  static gsize init = 0;

  if (!g_once_init_enter (&init))
    return;

  for (int upper = 0; upper < 2; upper++)
    for (int b = 0; b < 6; b++)
      for (int q = 0; q < N_QUALITIES; q++)
        for (int t = 0; t < N_TONES; t++)
          {
            gunichar seq[3];
            int n = 0;
            g_autofree char *utf8 = NULL;
            g_autofree char *nfc = NULL;

            letters[upper][b][q][t] = 0;
            if (!quality_allowed (vowel_bases[b], q))
              continue;
            seq[n++] = upper ? g_ascii_toupper (vowel_bases[b]) : vowel_bases[b];
            if (q != Q_NONE)
              seq[n++] = quality_marks[q];
            if (t != T_NONE)
              seq[n++] = tone_marks[t];
            utf8 = g_ucs4_to_utf8 (seq, n, NULL, NULL, NULL);
            nfc = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
            /* Every Vietnamese letter has a precomposed form. */
            g_assert (g_utf8_strlen (nfc, -1) == 1);
            letters[upper][b][q][t] = g_utf8_get_char (nfc);
          }

  g_once_init_leave (&init, 1);
}

static int
vowel_index (char c)
{
  const char *p = strchr (vowel_bases, g_ascii_tolower (c));

  return c != '\0' && p != NULL ? (int) (p - vowel_bases) : -1;
}

static gunichar
compose (char base, int quality, int tone)
{
  int b = vowel_index (base);

  if (b < 0)
    return 0;
  init_letters ();
  return letters[g_ascii_isupper (base) ? 1 : 0][b][quality][tone];
}

/* Splits a letter into ASCII base, quality and tone; FALSE for anything that
 * is not a (possibly marked) Vietnamese vowel. */
static gboolean
analyse_vowel (gunichar c,
               char    *base,
               int     *quality,
               int     *tone)
{
  gunichar d[4];
  gsize n;

  if (c < 0x80)
    {
      if (vowel_index ((char) c) < 0)
        return FALSE;
      *base = (char) c;
      *quality = Q_NONE;
      *tone = T_NONE;
      return TRUE;
    }

  n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  if (n < 2 || d[0] >= 0x80 || vowel_index ((char) d[0]) < 0)
    return FALSE;
  *base = (char) d[0];
  *quality = Q_NONE;
  *tone = T_NONE;
  for (gsize i = 1; i < n; i++)
    {
      int q, t;

      for (q = 1; q < N_QUALITIES; q++)
        if (d[i] == quality_marks[q])
          break;
      for (t = 1; t < N_TONES; t++)
        if (d[i] == tone_marks[t])
          break;
      if (q < N_QUALITIES && *quality == Q_NONE)
        *quality = q;
      else if (t < N_TONES && *tone == T_NONE)
        *tone = t;
      else
        return FALSE;
    }
  return quality_allowed (g_ascii_tolower (*base), *quality);
}

/* ------------------------------------------------------------- syllables */

static const char * const onsets[] = {
  "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
  "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
};

static const char * const codas[] = { "ch", "nh", "ng", "c", "m", "n", "p", "t" };

typedef enum { OPEN, CODA_OPTIONAL, CODA_REQUIRED } NucleusKind;

static const struct {
  const char *nucleus;
  NucleusKind kind;
} nuclei[] = {
  { "a", CODA_OPTIONAL }, { "ă", CODA_REQUIRED }, { "â", CODA_REQUIRED },
  { "e", CODA_OPTIONAL }, { "ê", CODA_OPTIONAL }, { "i", CODA_OPTIONAL },
  { "o", CODA_OPTIONAL }, { "ô", CODA_OPTIONAL }, { "ơ", CODA_OPTIONAL },
  { "u", CODA_OPTIONAL }, { "ư", CODA_OPTIONAL }, { "y", CODA_OPTIONAL },
  { "oa", CODA_OPTIONAL }, { "oe", CODA_OPTIONAL }, { "uê", CODA_OPTIONAL },
  { "uy", CODA_OPTIONAL }, { "oo", CODA_REQUIRED },
  { "iê", CODA_REQUIRED }, { "yê", CODA_REQUIRED }, { "uô", CODA_REQUIRED },
  { "ươ", CODA_REQUIRED }, { "oă", CODA_REQUIRED }, { "uâ", CODA_REQUIRED },
  { "uyê", CODA_REQUIRED },
  { "ai", OPEN }, { "ao", OPEN }, { "au", OPEN }, { "ay", OPEN }, { "âu", OPEN },
  { "ây", OPEN }, { "eo", OPEN }, { "êu", OPEN }, { "ia", OPEN }, { "iu", OPEN },
  { "oi", OPEN }, { "ôi", OPEN }, { "ơi", OPEN }, { "ua", OPEN }, { "ui", OPEN },
  { "ưa", OPEN }, { "ưi", OPEN }, { "ưu", OPEN }, { "uơ", OPEN }, { "iêu", OPEN },
  { "yêu", OPEN }, { "oai", OPEN }, { "oay", OPEN }, { "oeo", OPEN }, { "uây", OPEN },
  { "uôi", OPEN }, { "ươi", OPEN }, { "ươu", OPEN }, { "uya", OPEN }, { "uyu", OPEN },
};

static gboolean
front_vowel (const char *nucleus)
{
  /* k, gh and ngh spell /k ɣ ŋ/ before i, e, ê (and y); c, g and ng elsewhere. */
  return g_str_has_prefix (nucleus, "i") || g_str_has_prefix (nucleus, "e") ||
         g_str_has_prefix (nucleus, "ê") || g_str_has_prefix (nucleus, "y");
}

static gboolean
rime_is_valid (const char *onset,
               const char *rest,
               gsize       toned,   /* byte offset of the toned vowel in rest, or G_MAXSIZE */
               int         tone)
{
  gsize len = strlen (rest);

  for (int c = -1; c < (int) G_N_ELEMENTS (codas); c++)
    {
      const char *coda = c < 0 ? "" : codas[c];
      gsize clen = strlen (coda);
      char nucleus[16];

      if (clen >= len || strcmp (rest + len - clen, coda) != 0)
        continue;
      if (len - clen >= sizeof nucleus)
        continue;
      memcpy (nucleus, rest, len - clen);
      nucleus[len - clen] = '\0';

      for (gsize n = 0; n < G_N_ELEMENTS (nuclei); n++)
        {
          if (strcmp (nuclei[n].nucleus, nucleus) != 0)
            continue;
          if (clen == 0 && nuclei[n].kind == CODA_REQUIRED)
            continue;
          if (clen > 0 && nuclei[n].kind == OPEN)
            continue;
          /* The tone sits on the nucleus, never on the coda. */
          if (toned != G_MAXSIZE && toned >= len - clen)
            continue;
          /* Stopped syllables take only the sắc and nặng tones. */
          if (strchr ("cpt", coda[0]) != NULL && coda[0] != '\0' &&
              tone != T_ACUTE && tone != T_DOT)
            continue;
          if ((strcmp (onset, "k") == 0 || strcmp (onset, "gh") == 0 ||
               strcmp (onset, "ngh") == 0) && !front_vowel (nucleus))
            continue;
          if ((strcmp (onset, "c") == 0 || strcmp (onset, "ng") == 0 ||
               strcmp (onset, "g") == 0) && front_vowel (nucleus) &&
              !(strcmp (onset, "g") == 0 && nucleus[0] == 'i'))
            continue;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
td_encoding_is_vietnamese_syllable (const char *word,
                                    gssize      len)
{
  GString *skel;
  gsize toned = G_MAXSIZE;
  int tone = T_NONE;
  int n_upper = 0, n_chars = 0;
  gboolean first_upper = FALSE;
  gboolean valid = FALSE;
  const char *p, *end;

  g_return_val_if_fail (word != NULL, FALSE);

  if (len < 0)
    len = strlen (word);
  end = word + len;
  if (len == 0 || len > 32)
    return FALSE;

  skel = g_string_sized_new (len);
  for (p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char base;
      int q, t;

      if (g_unichar_isupper (c))
        {
          n_upper++;
          if (n_chars == 0)
            first_upper = TRUE;
        }
      n_chars++;

      if (c == 0x0110 || c == 0x0111)
        {
          g_string_append (skel, "đ");
          continue;
        }
      if (analyse_vowel (c, &base, &q, &t))
        {
          if (t != T_NONE)
            {
              if (tone != T_NONE)
                goto out;
              tone = t;
              toned = skel->len;
            }
          g_string_append_unichar (skel, compose (g_ascii_tolower (base), q, T_NONE));
          continue;
        }
      if (c < 0x80 && g_ascii_isalpha (c) && strchr ("fjwz", g_ascii_tolower (c)) == NULL)
        {
          g_string_append_c (skel, g_ascii_tolower (c));
          continue;
        }
      goto out;
    }

  /* Lower case, upper case or title case; "NGUYễN" is a decoding accident. */
  if (!(n_upper == 0 || n_upper == n_chars || (n_upper == 1 && first_upper)))
    goto out;

  /* Try the empty onset too: "ăn", "uống". */
  for (int o = -1; o < (int) G_N_ELEMENTS (onsets) && !valid; o++)
    {
      const char *onset = o < 0 ? "" : onsets[o];
      gsize olen = strlen (onset);

      if (!g_str_has_prefix (skel->str, onset))
        continue;
      if (toned != G_MAXSIZE && toned < olen)
        {
          /* "gì", "gìn": the i of gi carries the tone, so it is the nucleus. */
          continue;
        }
      valid = rime_is_valid (onset, skel->str + olen,
                             toned == G_MAXSIZE ? G_MAXSIZE : toned - olen, tone);
      /* "gi" + bare coda ("gin") reads as g + "in". */
    }

out:
  g_string_free (skel, TRUE);
  return valid;
}

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || (c < 0x80 && strchr (",;\"/-|()[]{}:!=*&#<>", (int) c) != NULL);
}

/* Valid syllables among the words of a UTF-8 text. A word runs between
 * spaces and punctuation, but not between letters and the ASCII marks that
 * a wrong decoding leaves inside it: "Nguye^~n" read as UTF-8 is one
 * invalid word, not two valid ones. */
static int
count_syllables (const char *text)
{
  /* Names repeat their syllables: check each distinct word once. */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text;
  int count = 0;

  while (*p)
    {
      const char *start, *end;
      gboolean letters = TRUE;

      while (*p && is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && !is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;
      /* A sentence may end right after a word. */
      while (end > start && (end[-1] == '.' || end[-1] == '?'))
        end--;
      if (end == start)
        continue;
      for (const char *q = start; q < end && letters; q = g_utf8_next_char (q))
        letters = g_unichar_isalpha (g_utf8_get_char (q));
      if (letters)
        {
          g_autofree char *word = g_strndup (start, end - start);
          gpointer known;

          if (!g_hash_table_lookup_extended (seen, word, NULL, &known))
            {
              known = GINT_TO_POINTER (td_encoding_is_vietnamese_syllable (word, -1));
              g_hash_table_insert (seen, g_steal_pointer (&word), known);
            }
          count += GPOINTER_TO_INT (known);
        }
    }
  return count;
}

/* ----------------------------------------------------------- 8-bit tables */

/* Windows-1252 at 0x80–0x9F; 0 where it is undefined. Word's AutoCorrect
 * types these (curly quotes, dashes) into TCVN3 and VNI documents alike. */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static gunichar
cp1252 (guchar b)
{
  if (b >= 0x80 && b < 0xA0)
    return cp1252_c1[b - 0x80] ? cp1252_c1[b - 0x80] : 0xFFFD;
  return b;
}

/* TCVN 5712:1993 from 0xA0. The ABC fonts are VN3: Ă Â Ê Ô Ơ Ư Đ, their
 * small letters and all small toned letters. The positions VN3 leaves free
 * are read as VN1 does (capital toned letters, and the five combining tone
 * marks at 0xB0–0xB4), which is what glibc's TCVN5712-1 does there too. */
static const gunichar tcvn3_high[96] = {
  /* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
  /* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
  /* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
  /* B8 */ 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
  /* C0 */ 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
  /* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
  /* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
  /* D8 */ 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
  /* E0 */ 0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
  /* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
  /* F0 */ 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
  /* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

static gboolean
check_no_nul (const char *bytes,
              gsize       len,
              GError    **error)
{
  if (memchr (bytes, '\0', len) != NULL)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("The text contains NUL bytes: it is not in an 8-bit encoding"));
      return FALSE;
    }
  return TRUE;
}

static GString *
decode_tcvn3 (const guchar *b,
              gsize         len)
{
  GString *out = g_string_sized_new (len + len / 2);

  for (gsize i = 0; i < len; i++)
    {
      if (b[i] < 0x80)
        g_string_append_c (out, b[i]);
      else if (b[i] < 0xA0)
        g_string_append_unichar (out, cp1252 (b[i]));
      else
        g_string_append_unichar (out, tcvn3_high[b[i] - 0xA0]);
    }
  return out;
}

/* VNI Windows: letters that are one byte of their own. */
static gunichar
vni_single (guchar b)
{
  switch (b)
    {
    case 0xF1: return 0x0111; /* ñ đ */
    case 0xD1: return 0x0110; /* Ñ Đ */
    case 0xEC: return 0x00EC; /* ì */
    case 0xCC: return 0x00CC;
    case 0xED: return 0x00ED; /* í */
    case 0xCD: return 0x00CD;
    case 0xE6: return 0x1EC9; /* æ ỉ */
    case 0xC6: return 0x1EC8;
    case 0xF3: return 0x0129; /* ó ĩ */
    case 0xD3: return 0x0128;
    case 0xF2: return 0x1ECB; /* ò ị */
    case 0xD2: return 0x1ECA;
    case 0xEE: return 0x1EF5; /* î ỵ */
    case 0xCE: return 0x1EF4;
    default: return 0;
    }
}

/* VNI mark bytes (small forms; capitals are 0x20 lower): quality and tone. */
static gboolean
vni_mark (guchar b,
          int   *quality,
          int   *tone)
{
  static const struct { guchar byte; int quality, tone; } marks[] = {
    { 0xE2, Q_CIRCUMFLEX, T_NONE }, { 0xE1, Q_CIRCUMFLEX, T_ACUTE },
    { 0xE0, Q_CIRCUMFLEX, T_GRAVE }, { 0xE5, Q_CIRCUMFLEX, T_HOOK },
    { 0xE3, Q_CIRCUMFLEX, T_TILDE }, { 0xE4, Q_CIRCUMFLEX, T_DOT },
    { 0xEA, Q_BREVE, T_NONE }, { 0xE9, Q_BREVE, T_ACUTE }, { 0xE8, Q_BREVE, T_GRAVE },
    { 0xFA, Q_BREVE, T_HOOK }, { 0xFC, Q_BREVE, T_TILDE }, { 0xEB, Q_BREVE, T_DOT },
    { 0xF9, Q_NONE, T_ACUTE }, { 0xF8, Q_NONE, T_GRAVE }, { 0xFB, Q_NONE, T_HOOK },
    { 0xF5, Q_NONE, T_TILDE }, { 0xEF, Q_NONE, T_DOT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    if (b == marks[i].byte || b == marks[i].byte - 0x20)
      {
        *quality = marks[i].quality;
        *tone = marks[i].tone;
        return TRUE;
      }
  return FALSE;
}

static GString *
decode_vni (const guchar *b,
            gsize         len)
{
  GString *out = g_string_sized_new (len + len / 2);
  gsize i = 0;

  while (i < len)
    {
      char base = 0;
      int quality = Q_NONE, tone = T_NONE;
      gunichar single;

      if (b[i] < 0x80 && vowel_index ((char) b[i]) >= 0)
        base = (char) b[i];
      else if (b[i] == 0xF4 || b[i] == 0xD4)   /* ô Ô: ơ Ơ */
        base = b[i] == 0xF4 ? 'o' : 'O', quality = Q_HORN;
      else if (b[i] == 0xF6 || b[i] == 0xD6)   /* ö Ö: ư Ư */
        base = b[i] == 0xF6 ? 'u' : 'U', quality = Q_HORN;

      if (base == 0)
        {
          single = vni_single (b[i]);
          if (single == 0)
            single = cp1252 (b[i]);
          g_string_append_unichar (out, single);
          i++;
          continue;
        }
      i++;

      /* At most two mark bytes follow: a quality (possibly with its tone),
       * then a tone; each is taken only if it makes a Vietnamese letter. */
      for (int k = 0; k < 2 && i < len; k++)
        {
          int q, t;

          if (!vni_mark (b[i], &q, &t))
            break;
          if (q != Q_NONE && quality != Q_NONE)
            break;
          if (t != T_NONE && tone != T_NONE)
            break;
          if (compose (base, q != Q_NONE ? q : quality, t != T_NONE ? t : tone) == 0)
            break;
          if (q != Q_NONE)
            quality = q;
          if (t != T_NONE)
            tone = t;
          i++;
        }
      g_string_append_unichar (out, compose (base, quality, tone));
    }
  return out;
}

/* RFC 1456. The marks follow their vowel: quality (^ ( +) then tone
 * (' ` ? ~ .). A mark is read as one only where it makes a Vietnamese
 * letter and, for tones, only in a word that has none yet ("No^.i." keeps
 * its full stop); "\" makes the next character literal. "dd" is đ at the
 * start of a word, the only place Vietnamese has it. */
static GString *
decode_viqr (const guchar *b,
             gsize         len)
{
  GString *out = g_string_sized_new (len);
  gboolean word_has_tone = FALSE;
  gboolean at_word_start = TRUE;
  gsize i = 0;

  while (i < len)
    {
      guchar c = b[i];

      if (c == '\\' && i + 1 < len)
        {
          g_string_append_c (out, b[i + 1]);
          at_word_start = !g_ascii_isalpha (b[i + 1]);
          if (at_word_start)
            word_has_tone = FALSE;
          i += 2;
          continue;
        }

      if (at_word_start && (c == 'd' || c == 'D') && i + 1 < len &&
          (b[i + 1] == 'd' || b[i + 1] == 'D'))
        {
          g_string_append_unichar (out, c == 'd' ? 0x0111 : 0x0110);
          at_word_start = FALSE;
          i += 2;
          continue;
        }

      if (c < 0x80 && vowel_index ((char) c) >= 0)
        {
          int quality = Q_NONE, tone = T_NONE;

          i++;
          if (i < len)
            {
              int q = b[i] == '^' ? Q_CIRCUMFLEX : b[i] == '(' ? Q_BREVE :
                      b[i] == '+' ? Q_HORN : Q_NONE;

              if (q != Q_NONE && compose ((char) c, q, T_NONE) != 0)
                {
                  quality = q;
                  i++;
                }
            }
          if (i < len && !word_has_tone)
            {
              const char *tones = " `?~'.";
              const char *t = b[i] != 0 && b[i] != ' ' ? strchr (tones, b[i]) : NULL;
              static const int tone_of[] = { T_NONE, T_GRAVE, T_HOOK, T_TILDE, T_ACUTE, T_DOT };

              if (t != NULL)
                {
                  tone = tone_of[t - tones];
                  word_has_tone = TRUE;
                  i++;
                }
            }
          g_string_append_unichar (out, compose ((char) c, quality, tone));
          at_word_start = FALSE;
          continue;
        }

      g_string_append_c (out, c);
      at_word_start = !g_ascii_isalpha (c);
      if (at_word_start)
        word_has_tone = FALSE;
      i++;
    }
  return out;
}

static char *
nfc_text (const char *s,
              gsize       len)
{
  return td_text_nfc_len (s, len);
}

static char *
finish (GString *decoded)
{
  char *nfc = nfc_text (decoded->str, decoded->len);

  g_string_free (decoded, TRUE);
  g_assert (nfc != NULL);
  return nfc;
}

static char *
strip_bom_nfc (const char *utf8,
               gsize       len,
               GError    **error)
{
  if (len >= 3 && memcmp (utf8, "\xef\xbb\xbf", 3) == 0)
    {
      utf8 += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (utf8, len, NULL))
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID, _("The text is not valid UTF-8"));
      return NULL;
    }
  return nfc_text (utf8, len);
}

char *
td_encoding_decode (const char  *bytes,
                    gsize        len,
                    TdEncoding   encoding,
                    GError     **error)
{
  const guchar *b = (const guchar *) bytes;

  g_return_val_if_fail (bytes != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (bytes == NULL)
    bytes = "";

  switch (encoding)
    {
    case TD_ENCODING_UTF8:
      return strip_bom_nfc (bytes, len, error);

    case TD_ENCODING_UTF16:
    case TD_ENCODING_CP1258:
      {
        const char *from = "CP1258";
        g_autofree char *utf8 = NULL;
        g_autoptr(GError) local = NULL;
        gsize written = 0;

        if (encoding == TD_ENCODING_UTF16)
          {
            /* iconv's "UTF-16" honours a BOM and assumes big-endian without
             * one; Windows writes little-endian. */
            gboolean bom = len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                                        (b[0] == 0xFE && b[1] == 0xFF));
            from = bom ? "UTF-16" : "UTF-16LE";
          }
        else if (!check_no_nul (bytes, len, error))
          return NULL;

        utf8 = g_convert (bytes, len, "UTF-8", from, NULL, &written, &local);
        if (utf8 == NULL)
          {
            g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                         _("The text is not valid %s: %s"),
                         td_encoding_label (encoding), local->message);
            return NULL;
          }
        return strip_bom_nfc (utf8, written, error);
      }

    case TD_ENCODING_TCVN3:
    case TD_ENCODING_TCVN3_CAPS:
      {
        g_autofree char *nfc = NULL;

        if (!check_no_nul (bytes, len, error))
          return NULL;
        nfc = finish (decode_tcvn3 (b, len));
        if (encoding == TD_ENCODING_TCVN3)
          return g_steal_pointer (&nfc);
        /* The capitals fonts draw every letter as a capital. */
        {
          g_autofree char *upper = g_utf8_strup (nfc, -1);
          return nfc_text (upper, strlen (upper));
        }
      }

    case TD_ENCODING_VNI:
      if (!check_no_nul (bytes, len, error))
        return NULL;
      return finish (decode_vni (b, len));

    case TD_ENCODING_VIQR:
      if (!check_no_nul (bytes, len, error))
        return NULL;
      /* VIQR is ASCII; a file saved by a modern editor may hold some
       * UTF-8 beside it, which passes through. Other bytes are not VIQR. */
      if (!g_utf8_validate_len (bytes, len, NULL))
        {
          g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                       _("The text is not VIQR: it holds bytes outside ASCII"));
          return NULL;
        }
      return finish (decode_viqr (b, len));

    default:
      g_return_val_if_reached (NULL);
    }
}

/* -------------------------------------------------------------- detection */

#define DETECT_SAMPLE (64 * 1024)

static gboolean
has_vietnamese_letter (const char *utf8)
{
  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char base;
      int q, t;

      if (c < 0x80)
        continue;
      if (c == 0x0110 || c == 0x0111)
        return TRUE;
      if (analyse_vowel (c, &base, &q, &t) && (q != Q_NONE || t != T_NONE))
        return TRUE;
    }
  return FALSE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const TdEncodingCandidate *ca = a, *cb = b;

  if (ca->certain != cb->certain)
    return ca->certain ? -1 : 1;
  if (ca->score != cb->score)
    return ca->score > cb->score ? -1 : 1;
  return (int) ca->encoding - (int) cb->encoding;
}

GArray *
td_encoding_detect (const char *bytes,
                    gsize       len)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (TdEncodingCandidate));
  const guchar *b = (const guchar *) bytes;
  gboolean utf16_bom = len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
  gboolean utf8_bom = len >= 3 && memcmp (bytes, "\xef\xbb\xbf", 3) == 0;
  gsize sample = len;

  if (sample > DETECT_SAMPLE)
    {
      /* Cut after a line end, so that no character is cut in two. */
      sample = DETECT_SAMPLE;
      if (utf16_bom)
        sample &= ~(gsize) 1;
      else
        while (sample > 0 && b[sample - 1] != '\n')
          sample--;
      if (sample == 0)
        sample = DETECT_SAMPLE;
    }

  for (int e = 0; e < TD_N_ENCODINGS; e++)
    {
      TdEncodingCandidate cand = { e, 0, FALSE };
      g_autofree char *text = NULL;

      /* Without a BOM, a UTF-16 guess needs NULs; any other encoding with NULs is wrong. */
      if (e == TD_ENCODING_UTF16 && !utf16_bom)
        continue;
      if (e != TD_ENCODING_UTF16 && utf16_bom)
        continue;

      text = td_encoding_decode (bytes, sample, e, NULL);
      if (text == NULL)
        continue;
      cand.score = count_syllables (text);
      if (e == TD_ENCODING_UTF16)
        cand.certain = TRUE;
      else if (e == TD_ENCODING_UTF8)
        cand.certain = utf8_bom || has_vietnamese_letter (text);
      g_array_append_val (result, cand);
    }

  g_array_sort (result, compare_candidates);
  return result;
}
