/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "td-encoding.h"
#include "td-error.h"

/* A string literal and its length, NULs included. */
#define LIT(s) (s), (sizeof (s) - 1)

/* The Vietnamese vowels, one row per vowel, tones in the order
 * none, huyền, hỏi, ngã, sắc, nặng. These are the reference every
 * decoder is checked against, lower and upper case. */
static const char * const vowel_rows[12][6] = {
  { "a", "à", "ả", "ã", "á", "ạ" },
  { "ă", "ằ", "ẳ", "ẵ", "ắ", "ặ" },
  { "â", "ầ", "ẩ", "ẫ", "ấ", "ậ" },
  { "e", "è", "ẻ", "ẽ", "é", "ẹ" },
  { "ê", "ề", "ể", "ễ", "ế", "ệ" },
  { "i", "ì", "ỉ", "ĩ", "í", "ị" },
  { "o", "ò", "ỏ", "õ", "ó", "ọ" },
  { "ô", "ồ", "ổ", "ỗ", "ố", "ộ" },
  { "ơ", "ờ", "ở", "ỡ", "ớ", "ợ" },
  { "u", "ù", "ủ", "ũ", "ú", "ụ" },
  { "ư", "ừ", "ử", "ữ", "ứ", "ự" },
  { "y", "ỳ", "ỷ", "ỹ", "ý", "ỵ" },
};

/* TCVN 5712:1993 (VN3, the ABC fonts), byte values from the standard's table. */
static const guchar tcvn3_rows[12][6] = {
  { 0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9 },
  { 0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6 },
  { 0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB },
  { 0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1 },
  { 0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6 },
  { 0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE },
  { 0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4 },
  { 0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9 },
  { 0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE },
  { 0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4 },
  { 0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9 },
  { 0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE },
};
/* The VN3 capitals without tone, and đ. */
static const struct { guchar byte; const char *letter; } tcvn3_others[] = {
  { 0xA1, "Ă" }, { 0xA2, "Â" }, { 0xA3, "Ê" }, { 0xA4, "Ô" }, { 0xA5, "Ơ" }, { 0xA6, "Ư" },
  { 0xA7, "Đ" }, { 0xAE, "đ" },
};

/* VNI Windows as a Latin-1 viewer shows it (how VNI text is usually quoted:
 * "Vieät Nam"), lower then upper case. */
static const char * const vni_rows[2][12] = {
  { "a aø aû aõ aù aï", "aê aè aú aü aé aë", "aâ aà aå aã aá aä", "e eø eû eõ eù eï",
    "eâ eà eå eã eá eä", "i ì æ ó í ò", "o oø oû oõ où oï", "oâ oà oå oã oá oä",
    "ô ôø ôû ôõ ôù ôï", "u uø uû uõ uù uï", "ö öø öû öõ öù öï", "y yø yû yõ yù î" },
  { "A AØ AÛ AÕ AÙ AÏ", "AÊ AÈ AÚ AÜ AÉ AË", "AÂ AÀ AÅ AÃ AÁ AÄ", "E EØ EÛ EÕ EÙ EÏ",
    "EÂ EÀ EÅ EÃ EÁ EÄ", "I Ì Æ Ó Í Ò", "O OØ OÛ OÕ OÙ OÏ", "OÂ OÀ OÅ OÃ OÁ OÄ",
    "Ô ÔØ ÔÛ ÔÕ ÔÙ ÔÏ", "U UØ UÛ UÕ UÙ UÏ", "Ö ÖØ ÖÛ ÖÕ ÖÙ ÖÏ", "Y YØ YÛ YÕ YÙ Î" },
};

/* RFC 1456. */
static const char * const viqr_rows[12] = {
  "a a` a? a~ a' a.", "a( a(` a(? a(~ a(' a(.", "a^ a^` a^? a^~ a^' a^.",
  "e e` e? e~ e' e.", "e^ e^` e^? e^~ e^' e^.", "i i` i? i~ i' i.",
  "o o` o? o~ o' o.", "o^ o^` o^? o^~ o^' o^.", "o+ o+` o+? o+~ o+' o+.",
  "u u` u? u~ u' u.", "u+ u+` u+? u+~ u+' u+.", "y y` y? y~ y' y.",
};

/* Windows-1258: base letters and the five combining tone marks. */
static const guchar cp1258_bases[2][12] = {
  { 0x61, 0xE3, 0xE2, 0x65, 0xEA, 0x69, 0x6F, 0xF4, 0xF5, 0x75, 0xFD, 0x79 },
  { 0x41, 0xC3, 0xC2, 0x45, 0xCA, 0x49, 0x4F, 0xD4, 0xD5, 0x55, 0xDD, 0x59 },
};
static const guchar cp1258_tones[6] = { 0, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 };

static char *
upper (const char *s)
{
  return g_utf8_strup (s, -1);
}

static char *
decode_ok (const char *bytes, gsize len, TdEncoding enc)
{
  g_autoptr(GError) error = NULL;
  char *s = td_encoding_decode (bytes, len, enc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
check_decode (TdEncoding enc, const char *bytes, gsize len, const char *expected)
{
  g_autofree char *s = decode_ok (bytes, len, enc);

  if (g_strcmp0 (s, expected) != 0)
    g_error ("%s: decoded \"%s\", expected \"%s\"", td_encoding_name (enc), s, expected);
}

static void
test_names (void)
{
  for (int e = 0; e < TD_N_ENCODINGS; e++)
    {
      TdEncoding back = -1;
      g_assert_nonnull (td_encoding_label (e));
      g_assert_true (td_encoding_from_name (td_encoding_name (e), &back));
      g_assert_cmpint (back, ==, e);
    }
  {
    TdEncoding e;
    g_assert_true (td_encoding_from_name ("Windows-1258", &e));
    g_assert_cmpint (e, ==, TD_ENCODING_CP1258);
    g_assert_true (td_encoding_from_name ("UTF8", &e));
    g_assert_cmpint (e, ==, TD_ENCODING_UTF8);
    g_assert_true (td_encoding_from_name ("TCVN3-CAPS", &e));
    g_assert_cmpint (e, ==, TD_ENCODING_TCVN3_CAPS);
    g_assert_false (td_encoding_from_name ("latin1", &e));
    g_assert_false (td_encoding_from_name (NULL, &e));
  }
}

static void
test_tcvn3_letters (void)
{
  for (int r = 0; r < 12; r++)
    for (int t = 0; t < 6; t++)
      {
        char byte = (char) tcvn3_rows[r][t];
        g_autofree char *up = upper (vowel_rows[r][t]);

        check_decode (TD_ENCODING_TCVN3, &byte, 1, vowel_rows[r][t]);
        /* The capitals fonts: the same byte is the capital letter. */
        check_decode (TD_ENCODING_TCVN3_CAPS, &byte, 1, up);
      }
  for (gsize i = 0; i < G_N_ELEMENTS (tcvn3_others); i++)
    {
      char byte = (char) tcvn3_others[i].byte;
      g_autofree char *up = upper (tcvn3_others[i].letter);

      check_decode (TD_ENCODING_TCVN3, &byte, 1, tcvn3_others[i].letter);
      check_decode (TD_ENCODING_TCVN3_CAPS, &byte, 1, up);
    }
  /* Đ/đ and ASCII capitals in a line of the capitals font. */
  check_decode (TD_ENCODING_TCVN3_CAPS, LIT ("\xae\xb5o Nguy\xd4n"), "ĐÀO NGUYỄN");
  check_decode (TD_ENCODING_TCVN3, LIT ("Nguy\xd4n Th\xde \xb8nh"), "Nguyễn Thị ánh");
}

static void
test_tcvn3_punctuation (void)
{
  /* Word's AutoCorrect quotes and dashes, not glibc's capital letters. */
  check_decode (TD_ENCODING_TCVN3, LIT ("\x93H\xb5 N\xe9i\x94 \x96 \x85"), "“Hà Nội” – …");
  check_decode (TD_ENCODING_TCVN3, LIT ("\x91x\x92\x97"), "‘x’—");
  check_decode (TD_ENCODING_TCVN3, LIT ("\x80"), "€");
  check_decode (TD_ENCODING_TCVN3, LIT ("\x81"), "\xef\xbf\xbd");
}

/* glibc's TCVN5712-1 must agree with our table on every byte from 0xA0
 * (the document says it decodes the letters correctly), and disagree on
 * 0x80–0x9F where it reads capitals. */
static void
test_tcvn3_against_iconv (void)
{
  for (int b = 0xA0; b <= 0xFF; b++)
    {
      char byte = (char) b;
      g_autoptr(GError) error = NULL;
      g_autofree char *theirs = g_convert (&byte, 1, "UTF-8", "TCVN5712-1", NULL, NULL, &error);
      g_autofree char *theirs_nfc = NULL;
      g_autofree char *ours = decode_ok (&byte, 1, TD_ENCODING_TCVN3);

      if (theirs == NULL)
        {
          g_test_skip ("iconv has no TCVN5712-1");
          return;
        }
      theirs_nfc = g_utf8_normalize (theirs, -1, G_NORMALIZE_NFC);
      if (strcmp (theirs_nfc, ours) != 0)
        g_error ("byte 0x%02X: iconv %s, ours %s", b, theirs_nfc, ours);
    }
  {
    char byte = (char) 0x93;
    g_autofree char *theirs = g_convert (&byte, 1, "UTF-8", "TCVN5712-1", NULL, NULL, NULL);
    g_autofree char *ours = decode_ok (&byte, 1, TD_ENCODING_TCVN3);
    g_assert_cmpstr (theirs, !=, ours);
  }
}

static char *
latin1_bytes (const char *utf8, gsize *len)
{
  g_autoptr(GError) error = NULL;
  char *b = g_convert (utf8, -1, "ISO-8859-1", "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  return b;
}

static void
test_vni_letters (void)
{
  for (int c = 0; c < 2; c++)
    for (int r = 0; r < 12; r++)
      {
        g_auto(GStrv) seqs = g_strsplit (vni_rows[c][r], " ", -1);

        g_assert_cmpuint (g_strv_length (seqs), ==, 6);
        for (int t = 0; t < 6; t++)
          {
            gsize len;
            g_autofree char *bytes = latin1_bytes (seqs[t], &len);
            g_autofree char *expected = c ? upper (vowel_rows[r][t]) : g_strdup (vowel_rows[r][t]);

            check_decode (TD_ENCODING_VNI, bytes, len, expected);
          }
      }
  check_decode (TD_ENCODING_VNI, LIT ("\xf1\xd1"), "đĐ");
}

static void
test_vni_words (void)
{
  struct { const char *latin1, *expected; } cases[] = {
    { "Vieät Nam", "Việt Nam" },
    { "Ngöôøi toát vieäc toát", "Người tốt việc tốt" },
    { "Chuû tòch UÛy ban nhaân daân tænh Taây Ninh", "Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh" },
    { "Nguyeãn Thò AÙnh Tuyeát", "Nguyễn Thị Ánh Tuyết" },
    { "ÑAÏI HOÄI THI ÑUA", "ĐẠI HỘI THI ĐUA" },
    { "Quyeát ñònh soá 05/QÑ", "Quyết định số 05/QĐ" },
    { "suy nghó, Myõ, Kyø", "suy nghĩ, Mỹ, Kỳ" },
    /* A mark byte that makes no letter stays what it is. */
    { "bù ñaâ", "bù đâ" },
    { "eê", "eê" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree char *bytes = latin1_bytes (cases[i].latin1, &len);
      check_decode (TD_ENCODING_VNI, bytes, len, cases[i].expected);
    }
}

static void
test_viqr_letters (void)
{
  for (int c = 0; c < 2; c++)
    for (int r = 0; r < 12; r++)
      {
        g_autofree char *row = c ? g_ascii_strup (viqr_rows[r], -1) : g_strdup (viqr_rows[r]);
        g_auto(GStrv) seqs = g_strsplit (row, " ", -1);

        for (int t = 0; t < 6; t++)
          {
            g_autofree char *expected = c ? upper (vowel_rows[r][t]) : g_strdup (vowel_rows[r][t]);
            check_decode (TD_ENCODING_VIQR, seqs[t], strlen (seqs[t]), expected);
          }
      }
  check_decode (TD_ENCODING_VIQR, LIT ("dd DD Dd"), "đ Đ Đ");
}

static void
test_viqr_words (void)
{
  struct { const char *in, *expected; } cases[] = {
    { "Vie^.t Nam", "Việt Nam" },
    { "Nguye^~n Thi. A'nh", "Nguyễn Thị Ánh" },
    { "Ngu+o+`i to^'t vie^.c to^'t", "Người tốt việc tốt" },
    { "ddi ddu+o+`ng", "đi đường" },
    /* Full stop after a word that already has its tone. */
    { "Ha` No^.i.", "Hà Nội." },
    /* Escapes. */
    { "Hoa\\. Ba\\?", "Hoa. Ba?" },
    { "a\\\\b", "a\\b" },
    /* Marks that make no letter are punctuation. */
    { "b+ e( i^ 1+1", "b+ e( i^ 1+1" },
    { "Kim? Tha('ng", "Kim? Thắng" },
    /* dd only at the start of a word. */
    { "Eddie", "Eddie" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_decode (TD_ENCODING_VIQR, cases[i].in, strlen (cases[i].in), cases[i].expected);
}

static void
test_cp1258_letters (void)
{
  for (int c = 0; c < 2; c++)
    for (int r = 0; r < 12; r++)
      for (int t = 0; t < 6; t++)
        {
          char bytes[2] = { (char) cp1258_bases[c][r], (char) cp1258_tones[t] };
          g_autofree char *expected = c ? upper (vowel_rows[r][t]) : g_strdup (vowel_rows[r][t]);

          check_decode (TD_ENCODING_CP1258, bytes, t ? 2 : 1, expected);
        }
  check_decode (TD_ENCODING_CP1258, LIT ("\xf0\xd0"), "đĐ");
  /* Precomposed letters of Windows-1258 come out NFC too. */
  check_decode (TD_ENCODING_CP1258, LIT ("H\xe0 \xc1nh"), "Hà Ánh");
}

static void
test_utf (void)
{
  g_autoptr(GError) error = NULL;
  char *s;

  check_decode (TD_ENCODING_UTF8, "\xef\xbb\xbfNguyễn", strlen ("\xef\xbb\xbfNguyễn"), "Nguyễn");
  check_decode (TD_ENCODING_UTF8, LIT ("Nguye\xcc\x82\xcc\x83n"), "Nguyễn");
  check_decode (TD_ENCODING_UTF8, LIT (""), "");
  s = td_encoding_decode ("Nguy\xea\xd4n", 7, TD_ENCODING_UTF8, &error);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_null (s);
  g_clear_error (&error);
  s = td_encoding_decode ("a\0b", 3, TD_ENCODING_TCVN3, &error);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_null (s);
  g_clear_error (&error);

  /* "Hà" little-endian with a BOM, big-endian with a BOM, and without one. */
  check_decode (TD_ENCODING_UTF16, LIT ("\xff\xfeH\0\xe0\0"), "Hà");
  check_decode (TD_ENCODING_UTF16, LIT ("\xfe\xff\0H\0\xe0"), "Hà");
  check_decode (TD_ENCODING_UTF16, LIT ("H\0\xe0\0"), "Hà");
  /* Decomposed in UTF-16: a + combining grave. */
  check_decode (TD_ENCODING_UTF16, LIT ("\xff\xfe" "a\0\x00\x03"), "à");
  s = td_encoding_decode ("\xff\xfeH\0\xe0", 5, TD_ENCODING_UTF16, &error);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_null (s);
  g_clear_error (&error);
  /* 0x81 is not defined in Windows-1258. */
  s = td_encoding_decode ("a\x81", 2, TD_ENCODING_CP1258, &error);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_null (s);
}

static void
test_syllables (void)
{
  const char *valid[] = {
    "Nguyễn", "nghiêng", "gì", "gìn", "giữ", "quốc", "Thuỷ", "Thủy", "khuya", "ước", "HOÀ",
    "Đào", "người", "yêu", "khuyến", "ăn", "Ảnh", "ke", "ghe", "nghi", "cát", "xuân", "oanh",
    "tuyết", "Hòa", "Hoà", "an", "Ưng", "gia", "giếng", "TRƯỜNG", "a",
  };
  const char *invalid[] = {
    "Nguyờịn", "NGUYễN", "ẢnH", "hoàà", "ka", "ge", "ngi", "càt", "xyz", "aă", "bcd", "thươ",
    "ă", "Fa", "ngưyen", "Viêịt", "", "Nguyeãn", "chuyênn",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!td_encoding_is_vietnamese_syllable (valid[i], -1))
      g_error ("%s should be a syllable", valid[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (td_encoding_is_vietnamese_syllable (invalid[i], -1))
      g_error ("%s should not be a syllable", invalid[i]);
}

/* Encoders of the test's own, from the reference tables above. */
static gboolean
find_vowel (const char *letter, int *row, int *tone, gboolean *is_upper)
{
  for (int r = 0; r < 12; r++)
    for (int t = 0; t < 6; t++)
      {
        g_autofree char *up = upper (vowel_rows[r][t]);
        if (strcmp (letter, vowel_rows[r][t]) == 0 || strcmp (letter, up) == 0)
          {
            *row = r;
            *tone = t;
            *is_upper = strcmp (letter, up) == 0;
            return TRUE;
          }
      }
  return FALSE;
}

static GBytes *
encode (const char *utf8, TdEncoding enc)
{
  GByteArray *out = g_byte_array_new ();

  if (enc == TD_ENCODING_UTF8)
    g_byte_array_append (out, (const guint8 *) utf8, strlen (utf8));
  else if (enc == TD_ENCODING_UTF16)
    {
      gsize len;
      g_autofree char *b = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
      g_byte_array_append (out, (const guint8 *) "\xff\xfe", 2);
      g_byte_array_append (out, (const guint8 *) b, len);
    }
  else
    for (const char *p = utf8; *p; p = g_utf8_next_char (p))
      {
        char letter[8] = { 0 };
        int r = 0, t = 0;
        gboolean up = FALSE;

        memcpy (letter, p, g_utf8_next_char (p) - p);
        if ((guchar) *p < 0x80)
          {
            g_byte_array_append (out, (const guint8 *) p, 1);
            continue;
          }
        if (strcmp (letter, "đ") == 0 || strcmp (letter, "Đ") == 0)
          {
            gboolean cap = strcmp (letter, "Đ") == 0;
            const char *seq = enc == TD_ENCODING_TCVN3 ? (cap ? "\xa7" : "\xae") :
                              enc == TD_ENCODING_TCVN3_CAPS ? "\xae" :
                              enc == TD_ENCODING_VNI ? (cap ? "\xd1" : "\xf1") :
                              enc == TD_ENCODING_VIQR ? (cap ? "DD" : "dd") :
                              (cap ? "\xd0" : "\xf0");
            g_byte_array_append (out, (const guint8 *) seq, strlen (seq));
            continue;
          }
        g_assert_true (find_vowel (letter, &r, &t, &up));
        switch (enc)
          {
          case TD_ENCODING_TCVN3:
            g_assert_false (up && t != 0);   /* not typable in the ABC fonts */
            if (up)
              {
                for (gsize i = 0; i < G_N_ELEMENTS (tcvn3_others); i++)
                  if (strcmp (tcvn3_others[i].letter, letter) == 0)
                    g_byte_array_append (out, &tcvn3_others[i].byte, 1);
              }
            else
              g_byte_array_append (out, &tcvn3_rows[r][t], 1);
            break;
          case TD_ENCODING_TCVN3_CAPS:
            g_byte_array_append (out, &tcvn3_rows[r][t], 1);
            break;
          case TD_ENCODING_VNI:
            {
              g_auto(GStrv) seqs = g_strsplit (vni_rows[up][r], " ", -1);
              gsize len;
              g_autofree char *b = latin1_bytes (seqs[t], &len);
              g_byte_array_append (out, (const guint8 *) b, len);
            }
            break;
          case TD_ENCODING_VIQR:
            {
              g_autofree char *row = up ? g_ascii_strup (viqr_rows[r], -1) : g_strdup (viqr_rows[r]);
              g_auto(GStrv) seqs = g_strsplit (row, " ", -1);
              g_byte_array_append (out, (const guint8 *) seqs[t], strlen (seqs[t]));
            }
            break;
          case TD_ENCODING_CP1258:
            g_byte_array_append (out, &cp1258_bases[up][r], 1);
            if (t)
              g_byte_array_append (out, &cp1258_tones[t], 1);
            break;
          default:
            g_assert_not_reached ();
          }
      }
  return g_byte_array_free_to_bytes (out);
}

static const char sample_text[] =
  "Họ và tên,Chức vụ,Đơn vị\n"
  "Nguyễn Thị Ánh Tuyết,Giáo viên,UBND xã Thanh Phước\n"
  "Trần Văn Đông,Phó Chủ tịch,Huyện Gò Dầu\n"
  "Lê Thị Hoà,Nông dân,xã Phước Thạnh\n"
  "Phạm Ngọc Thạch,Trưởng phòng Nội vụ,Tỉnh Tây Ninh\n"
  "Đặng Thị Thu Hường,Người tốt việc tốt,xã Long Thuận\n";

static const char sample_caps[] =
  "HỌ VÀ TÊN,CHỨC VỤ\nNGUYỄN THỊ ÁNH TUYẾT,GIÁO VIÊN\nTRẦN VĂN ĐÔNG,PHÓ CHỦ TỊCH\n"
  "PHẠM NGỌC THẠCH,TRƯỞNG PHÒNG\n";

static void
check_detect (const char *text, TdEncoding enc)
{
  g_autoptr(GBytes) bytes = encode (text, enc);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GArray) cands = td_encoding_detect (data, len);
  TdEncodingCandidate *best;
  g_autofree char *decoded = NULL;

  g_assert_cmpuint (cands->len, >, 0);
  best = &g_array_index (cands, TdEncodingCandidate, 0);
  for (guint i = 0; i < cands->len; i++)
    g_test_message ("%s: %s score %d%s", td_encoding_name (enc),
                    td_encoding_name (g_array_index (cands, TdEncodingCandidate, i).encoding),
                    g_array_index (cands, TdEncodingCandidate, i).score,
                    g_array_index (cands, TdEncodingCandidate, i).certain ? " certain" : "");
  if (best->encoding != enc)
    g_error ("%s detected as %s", td_encoding_name (enc), td_encoding_name (best->encoding));
  /* A clear margin over the runner-up, unless it is the caps twin. */
  if (cands->len > 1 && !best->certain)
    {
      TdEncodingCandidate *second = &g_array_index (cands, TdEncodingCandidate, 1);
      if (!(enc == TD_ENCODING_TCVN3 && second->encoding == TD_ENCODING_TCVN3_CAPS))
        g_assert_cmpint (best->score, >, second->score);
    }
  decoded = decode_ok (data, len, enc);
  g_assert_cmpstr (decoded, ==, text);
}

static void
test_detect (void)
{
  check_detect (sample_text, TD_ENCODING_UTF8);
  check_detect (sample_text, TD_ENCODING_UTF16);
  check_detect (sample_text, TD_ENCODING_CP1258);
  check_detect (sample_text, TD_ENCODING_VNI);
  check_detect (sample_text, TD_ENCODING_VIQR);
  /* Typed with Caps Lock on in a .VnTimeH font: ASCII capitals beside the
   * small toned letters, which only the capitals reading makes words of. */
  check_detect (sample_caps, TD_ENCODING_TCVN3_CAPS);
  /* Title-case text in the ABC fonts cannot carry toned capitals: use a
   * sample without them. */
  check_detect ("Họ và tên,Chức vụ\nNguyễn Thị Thu Hường,Giáo viên\nTrần Văn Đông,Phó chủ tịch\n"
                "Lê Thị Hoà,Nông dân\nPhạm Ngọc Thạch,Trưởng phòng\n", TD_ENCODING_TCVN3);
}

/* Typed in small letters in a .VnTimeH font, the bytes are those of small
 * text in .VnTime: nothing tells them apart, both score alike and the user
 * chooses from the preview. */
static void
test_detect_caps_ambiguous (void)
{
  g_autofree char *lower = g_utf8_strdown (sample_caps, -1);
  g_autoptr(GBytes) bytes = encode (lower, TD_ENCODING_TCVN3);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GArray) cands = td_encoding_detect (data, len);
  TdEncodingCandidate *first = &g_array_index (cands, TdEncodingCandidate, 0);
  TdEncodingCandidate *second = &g_array_index (cands, TdEncodingCandidate, 1);
  g_autofree char *caps = decode_ok (data, len, TD_ENCODING_TCVN3_CAPS);

  g_assert_cmpint (first->encoding, ==, TD_ENCODING_TCVN3);
  g_assert_cmpint (second->encoding, ==, TD_ENCODING_TCVN3_CAPS);
  g_assert_cmpint (first->score, ==, second->score);
  g_assert_cmpstr (caps, ==, sample_caps);
}

static void
test_detect_edges (void)
{
  g_autoptr(GArray) ascii = td_encoding_detect ("Ho ten,Nam sinh\nNguyen Van An,1980\n", 35);
  g_autoptr(GArray) empty = td_encoding_detect ("", 0);
  g_autoptr(GArray) bom = td_encoding_detect ("\xef\xbb\xbfHo ten\n", 10);
  g_autoptr(GArray) latin = td_encoding_detect ("Nguy\xd4n Th\xde", 10);
  TdEncodingCandidate *c;

  /* Plain ASCII: every decoding agrees, UTF-8 is listed first but not certain. */
  c = &g_array_index (ascii, TdEncodingCandidate, 0);
  g_assert_cmpint (c->encoding, ==, TD_ENCODING_UTF8);
  g_assert_false (c->certain);
  /* Ho ten Nam sinh Van An; "Nguyen" without its circumflex is no syllable. */
  g_assert_cmpint (c->score, ==, 6);
  g_assert_cmpuint (ascii->len, ==, TD_N_ENCODINGS - 1);

  c = &g_array_index (empty, TdEncodingCandidate, 0);
  g_assert_cmpint (c->encoding, ==, TD_ENCODING_UTF8);
  g_assert_cmpint (c->score, ==, 0);

  c = &g_array_index (bom, TdEncodingCandidate, 0);
  g_assert_cmpint (c->encoding, ==, TD_ENCODING_UTF8);
  g_assert_true (c->certain);

  /* Not UTF-8: UTF-8 is not a candidate at all. */
  for (guint i = 0; i < latin->len; i++)
    g_assert_cmpint (g_array_index (latin, TdEncodingCandidate, i).encoding, !=, TD_ENCODING_UTF8);
  g_assert_cmpint (g_array_index (latin, TdEncodingCandidate, 0).encoding, ==, TD_ENCODING_TCVN3);
}

/* Larger than the 64 KiB sample: detection looks at the start only and
 * still decides right. */
static void
test_detect_large (void)
{
  GString *big = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) cands = NULL;
  gsize len;
  const char *data;

  while (big->len < 300 * 1024)
    g_string_append (big, sample_text);
  bytes = encode (big->str, TD_ENCODING_VNI);
  data = g_bytes_get_data (bytes, &len);
  {
    gint64 start = g_get_monotonic_time ();
    cands = td_encoding_detect (data, len);
    g_test_message ("detected %zu bytes in %.1f ms", len, (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_cmpint (g_array_index (cands, TdEncodingCandidate, 0).encoding, ==, TD_ENCODING_VNI);
  g_string_free (big, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoding/names", test_names);
  g_test_add_func ("/encoding/tcvn3/letters", test_tcvn3_letters);
  g_test_add_func ("/encoding/tcvn3/punctuation", test_tcvn3_punctuation);
  g_test_add_func ("/encoding/tcvn3/iconv", test_tcvn3_against_iconv);
  g_test_add_func ("/encoding/vni/letters", test_vni_letters);
  g_test_add_func ("/encoding/vni/words", test_vni_words);
  g_test_add_func ("/encoding/viqr/letters", test_viqr_letters);
  g_test_add_func ("/encoding/viqr/words", test_viqr_words);
  g_test_add_func ("/encoding/cp1258/letters", test_cp1258_letters);
  g_test_add_func ("/encoding/utf", test_utf);
  g_test_add_func ("/encoding/syllables", test_syllables);
  g_test_add_func ("/encoding/detect/samples", test_detect);
  g_test_add_func ("/encoding/detect/caps-ambiguous", test_detect_caps_ambiguous);
  g_test_add_func ("/encoding/detect/edges", test_detect_edges);
  g_test_add_func ("/encoding/detect/large", test_detect_large);

  return g_test_run ();
}
