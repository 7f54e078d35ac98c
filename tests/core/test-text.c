/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "td-text.h"

/* "Ánh" composed and decomposed (A + combining acute). */
#define ANH_NFC "\xc3\x81nh"
#define ANH_NFD "A\xcc\x81nh"

static void
test_nfc (void)
{
  g_autofree char *a = td_text_nfc ("Nguye\xcc\x82\xcc\x83n");   /* e + ^ + ~ */
  g_autofree char *b = td_text_nfc (ANH_NFD);
  g_autofree char *c = td_text_nfc ("Nguy\xe1\xbb\x85n");         /* already NFC */

  g_assert_cmpstr (a, ==, "Nguyễn");
  g_assert_cmpstr (b, ==, ANH_NFC);
  g_assert_cmpstr (c, ==, "Nguyễn");
  g_assert_null (td_text_nfc (NULL));
  g_assert_null (td_text_nfc ("\xff\xfe broken"));
  /* NFC keeps the tone where it was typed: old and new placement stay distinct. */
  {
    g_autofree char *old = td_text_nfc ("Hoà");
    g_autofree char *new = td_text_nfc ("Hòa");
    g_assert_cmpstr (old, !=, new);
  }
}

static void
test_nfc_len (void)
{
  GString *nfd = g_string_new (NULL);
  GString *nfc = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autofree char *part = td_text_nfc_len ("Nguye\xcc\x82\xcc\x83n Văn", 10);

  /* A long text (100,000 lines) comes out whole and composed. */
  for (int i = 0; i < 100000; i++)
    {
      g_string_append (nfd, "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 A\xcc\x81nh\r\n");
      g_string_append (nfc, "Nguyễn Thị Ánh\r\n");
    }
  out = td_text_nfc_len (nfd->str, nfd->len);
  g_assert_cmpuint (strlen (out), ==, nfc->len);
  g_assert_true (strcmp (out, nfc->str) == 0);
  g_assert_cmpstr (part, ==, "Nguyễn");
  g_assert_null (td_text_nfc_len ("a\0b", 3));
  g_assert_null (td_text_nfc_len ("\xe1\xbb", 2));   /* cut inside a letter */
  g_free (out);
  out = td_text_nfc_len ("", 0);
  g_assert_cmpstr (out, ==, "");
  g_string_free (nfd, TRUE);
  g_string_free (nfc, TRUE);
}

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Nguyễn Thị Ánh", "nguyen thi anh" },
    { "Hoà", "hoa" },
    { "Hòa", "hoa" },
    { "Thuỷ", "thuy" },
    { "Thủy", "thuy" },
    { "ĐÀO Đức", "dao duc" },
    { "Nguye\xcc\x82\xcc\x83n", "nguyen" },
    { "  Trần   Văn\tƯớc  ", "tran van uoc" },
    { "ƠN ỨNG ỲẾ", "on ung ye" },
    { "", "" },
    { "Ω Straße ÀÉ", "ω strasse ae" },
    { "Nguye\xcc\x82\xcc\x83n\xc2\xa0Văn", "nguyen van" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *f = td_text_fold (cases[i].in);
      g_assert_cmpstr (f, ==, cases[i].out);
    }
  g_assert_null (td_text_fold (NULL));
  g_assert_null (td_text_fold ("\xc3"));
}

static gboolean
fold_find (const char *haystack, const char *needle)
{
  g_autofree char *h = td_text_fold (haystack);
  g_autofree char *n = td_text_fold (needle);
  return td_text_fold_matches (h, n);
}

static void
test_fold_matches (void)
{
  g_assert_true (fold_find ("Nguyễn Thị Ánh", "nguyen thi anh"));
  g_assert_true (fold_find ("Nguyễn Thị Ánh", "anh nguyen"));     /* any word order */
  g_assert_true (fold_find ("Nguyễn Thị Ánh", "NGUY"));           /* substrings */
  g_assert_true (fold_find ("Lê Thị Hoà", "hòa"));
  g_assert_true (fold_find ("Lê Thị Hòa", "hoà"));
  g_assert_true (fold_find ("Đặng Văn Đông", "dang dong"));
  g_assert_true (fold_find ("Phạm Ánh", ANH_NFD));
  g_assert_true (fold_find ("Phạm Ánh", ""));
  g_assert_true (fold_find ("Phạm Ánh", "   "));
  g_assert_false (fold_find ("Nguyễn Thị Ánh", "nguyen van"));
  g_assert_false (fold_find ("Nguyễn Thị Ánh", "anhh"));
  g_assert_false (fold_find ("Lê Hoa", "hoai"));
  g_assert_false (fold_find ("", "a"));
  g_assert_true (td_text_fold_matches ("abc", NULL));
}

/* The order in vietnamese-text.md, each list strictly increasing. */
static void
assert_strictly_ordered (const char * const *words)
{
  for (gsize i = 0; words[i] && words[i + 1]; i++)
    {
      g_autofree char *ka = td_text_collation_key (words[i]);
      g_autofree char *kb = td_text_collation_key (words[i + 1]);

      if (strcmp (ka, kb) >= 0 || td_text_collate (words[i], words[i + 1]) >= 0 ||
          td_text_collate (words[i + 1], words[i]) <= 0)
        g_error ("expected %s < %s", words[i], words[i + 1]);
    }
}

static void
test_collation_order (void)
{
  const char * const list1[] = { "An", "Ang", "Anh", "Ảnh", "Ánh", "Ăn", "Ân", NULL };
  const char * const list2[] = { "Dũng", "Duy", "Dương", "Đào", NULL };
  const char * const list3[] = { "On", "Ôn", "Ơn", NULL };
  const char * const list4[] = { "Ung", "Ưng", NULL };
  /* Tones break ties: none < huyền < hỏi < ngã < sắc < nặng. */
  const char * const tones[] = { "ma", "mà", "mả", "mã", "má", "mạ", NULL };
  /* The whole alphabet, each letter before the next. */
  const char * const alphabet[] = { "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h",
                                    "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r",
                                    "s", "t", "u", "ư", "v", "x", "y", NULL };
  /* Words starting with Ă Â Đ Ô Ơ Ư or an accented vowel do not go after z. */
  const char * const not_after_z[] = { "Ánh", "Ưng", "Zô", NULL };

  assert_strictly_ordered (list1);
  assert_strictly_ordered (list2);
  assert_strictly_ordered (list3);
  assert_strictly_ordered (list4);
  assert_strictly_ordered (tones);
  assert_strictly_ordered (alphabet);
  assert_strictly_ordered (not_after_z);
}

static void
test_collation_nfd (void)
{
  g_autofree char *k1 = td_text_collation_key (ANH_NFC);
  g_autofree char *k2 = td_text_collation_key (ANH_NFD);
  g_autofree char *p1 = td_text_person_sort_key (ANH_NFC, "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3");
  g_autofree char *p2 = td_text_person_sort_key (ANH_NFD, "Nguyễn Thị");

  g_assert_cmpstr (k1, ==, k2);
  g_assert_cmpstr (p1, ==, p2);
  g_assert_cmpint (td_text_collate (ANH_NFC, ANH_NFD), ==, 0);
  g_assert_cmpint (td_text_collate ("Anh", "Anh"), ==, 0);
  /* Different strings never collate equal (tertiary strength). */
  g_assert_cmpint (td_text_collate ("Hoà", "Hòa"), !=, 0);
  g_assert_cmpint (td_text_collate ("anh", "Anh"), !=, 0);
  g_assert_null (td_text_collation_key ("\xff"));
}

typedef struct {
  const char *family_middle;
  const char *given;
} Name;

static int
cmp_person_keys (gconstpointer a, gconstpointer b)
{
  const Name *na = a, *nb = b;
  g_autofree char *ka = td_text_person_sort_key (na->given, na->family_middle);
  g_autofree char *kb = td_text_person_sort_key (nb->given, nb->family_middle);
  return strcmp (ka, kb);
}

static void
test_person_order (void)
{
  /* Sorted by tên, then họ và tên đệm; a shorter given name whose key is a
   * prefix of a longer one ("An"/"Ang", "Ân"/"Ấn") stays first whatever the
   * family name, and equal given names fall back to the family name. */
  const Name expected[] = {
    { "Vũ Văn", "An" },
    { "Nguyễn Văn", "Ang" },
    { "Ân Thị", "Anh" },
    { "Bùi Thị", "Anh" },
    { "Bùi Thị Ngọc", "Anh" },
    { "Đỗ Thị", "Anh" },
    { "Nguyễn Thị", "Anh" },
    { "Nguyễn Thị", "Ánh" },
    { "A Văn", "Ân" },
    { "Lê", "Ấn" },
    { "Trần Văn", "Dũng" },
    { "Lê Văn", "Duy" },
    { "Đặng Thị", "Dương" },
    { "Lê Thị", "Đào" },
    { "Trương", "Ưng" },
  };
  GArray *shuffled = g_array_new (FALSE, FALSE, sizeof (Name));
  GRand *rand = g_rand_new_with_seed (4);

  for (int round = 0; round < 20; round++)
    {
      g_array_set_size (shuffled, 0);
      g_array_append_vals (shuffled, expected, G_N_ELEMENTS (expected));
      for (guint i = shuffled->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          Name t = g_array_index (shuffled, Name, i);
          g_array_index (shuffled, Name, i) = g_array_index (shuffled, Name, j);
          g_array_index (shuffled, Name, j) = t;
        }
      g_array_sort (shuffled, cmp_person_keys);
      for (guint i = 0; i < shuffled->len; i++)
        {
          Name *n = &g_array_index (shuffled, Name, i);
          g_assert_cmpstr (n->given, ==, expected[i].given);
          g_assert_cmpstr (n->family_middle, ==, expected[i].family_middle);
        }
    }
  g_rand_free (rand);
  g_array_unref (shuffled);
}

/* The joined key orders exactly like "collate given, then collate family",
 * on many random names built from syllables that share prefixes. */
static void
test_person_key_property (void)
{
  const char *syll[] = { "a", "A", "an", "An", "ân", "Ân", "ấn", "ang", "anh", "Anh", "Ánh",
                         "ă", "Ă", "d", "đ", "Đ", "o", "ô", "ơ", "ơn", "u", "ư", "ưng", "" };
  GRand *rand = g_rand_new_with_seed (12);

  for (int i = 0; i < 20000; i++)
    {
      const char *g1 = syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))];
      const char *g2 = syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))];
      g_autofree char *f1 = g_strconcat (syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))], " ",
                                         syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))], NULL);
      g_autofree char *f2 = g_strconcat (syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))], " ",
                                         syll[g_rand_int_range (rand, 0, G_N_ELEMENTS (syll))], NULL);
      g_autofree char *k1 = td_text_person_sort_key (g1, f1);
      g_autofree char *k2 = td_text_person_sort_key (g2, f2);
      int expected = td_text_collate (g1, g2);
      int got = strcmp (k1, k2);

      if (expected == 0)
        expected = td_text_collate (f1, f2);
      got = (got > 0) - (got < 0);
      if (got != expected)
        g_error ("(%s, %s) vs (%s, %s): key order %d, collation %d", g1, f1, g2, f2, got, expected);
    }
  g_rand_free (rand);
}

static gpointer
thread_keys (gpointer data)
{
  const char *names[] = { "Nguyễn Thị Ánh", "Đào", "Ưng", "Hoà" };
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < 2000; i++)
    g_ptr_array_add (keys, td_text_collation_key (names[i % 4]));
  return keys;
}

static void
test_collation_threads (void)
{
  GThread *threads[4];
  GPtrArray *results[4];

  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new ("keys", thread_keys, NULL);
  for (int i = 0; i < 4; i++)
    results[i] = g_thread_join (threads[i]);
  for (int i = 0; i < 4; i++)
    {
      for (guint j = 0; j < results[i]->len; j++)
        {
          g_autofree char *main_key = td_text_collation_key (
              ((const char *[]) { "Nguyễn Thị Ánh", "Đào", "Ưng", "Hoà" })[j % 4]);
          g_assert_cmpstr (g_ptr_array_index (results[i], j), ==, main_key);
        }
      g_ptr_array_unref (results[i]);
    }
}

static void
test_split_name (void)
{
  struct { const char *in, *family, *given; } cases[] = {
    { "Nguyễn Thị Ánh Tuyết", "Nguyễn Thị Ánh", "Tuyết" },
    { "  Trần    Văn  An ", "Trần Văn", "An" },
    { "Lê\tHoà", "Lê", "Hoà" },
    { "Thạch", "", "Thạch" },
    { "", "", "" },
    { "   ", "", "" },
    { "Nguye\xcc\x82\xcc\x83n Văn Ba", "Nguyễn Văn", "Ba" },
    { "Ngô\xc2\xa0" "Bảo\xc2\xa0", "Ngô", "Bảo" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;

      td_text_split_name (cases[i].in, &family, &given);
      g_assert_cmpstr (family, ==, cases[i].family);
      g_assert_cmpstr (given, ==, cases[i].given);
    }
}

static void
test_leader (void)
{
  const char *leaders[] = {
    "Chủ tịch", "Phó Chủ tịch UBND xã", "Bí thư Đảng ủy", "Phó Bí thư", "Giám đốc",
    "Phó Giám đốc Sở Nội vụ", "Trưởng phòng", "Phó Trưởng phòng Nội vụ", "PHÓ TRƯỞNG PHÒNG",
    "Hiệu trưởng", "Phó Hiệu trưởng", "Trưởng ban", "Phó Trưởng ban Thi đua",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh án", "Viện trưởng", "Trưởng khoa",
    "Chỉ huy trưởng", "Thủ trưởng", "Tổng Giám đốc", "Chủ nhiệm HTX",
    "pho truong phong", "Ủy viên BTV, Trưởng ban Tuyên giáo", "Quyền Giám đốc",
    "Pho\xcc\x81 Gia\xcc\x81m đô\xcc\x82\xcc\x81\x63",
  };
  const char *others[] = {
    "Nhân viên phòng", "Giáo viên", "Chuyên viên Văn phòng", "Tổ trưởng", "Trưởng thôn",
    "Thư ký Giám đốc", "Nông dân", "", "Chủ tịchxyz", "Phóng viên",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (leaders); i++)
    if (!td_text_position_is_leader (leaders[i]))
      g_error ("%s should be a leader", leaders[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    if (td_text_position_is_leader (others[i]))
      g_error ("%s should not be a leader", others[i]);
  g_assert_false (td_text_position_is_leader (NULL));
}

static void
check_percent (int n, int d, const char *expected)
{
  g_autofree char *s = td_text_format_percent (n, d);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_percent (void)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  check_percent (30, 100, "30.0");
  check_percent (46, 150, "30.7");   /* 30.666… */
  check_percent (1, 3, "33.3");
  check_percent (2, 3, "66.7");
  check_percent (1, 8, "12.5");     /* exactly 12.5 */
  check_percent (1, 16, "6.3");     /* 6.25 rounds half away from zero */
  check_percent (150, 150, "100.0");
  check_percent (0, 150, "0.0");
  check_percent (5, 0, "0.0");
  check_percent (-1, 3, "-33.3");

  g_setenv ("LANGUAGE", "vi", TRUE);
  check_percent (46, 150, "30,7");
  check_percent (1, 16, "6,3");
  g_setenv ("LANGUAGE", "vi_VN:en", TRUE);
  check_percent (45, 150, "30,0");
  g_setenv ("LANGUAGE", "en:vi", TRUE);
  check_percent (45, 150, "30.0");
  g_unsetenv ("LANGUAGE");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/nfc", test_nfc);
  g_test_add_func ("/text/nfc-len", test_nfc_len);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/fold-matches", test_fold_matches);
  g_test_add_func ("/text/collation/order", test_collation_order);
  g_test_add_func ("/text/collation/nfd", test_collation_nfd);
  g_test_add_func ("/text/collation/threads", test_collation_threads);
  g_test_add_func ("/text/person-key/order", test_person_order);
  g_test_add_func ("/text/person-key/property", test_person_key_property);
  g_test_add_func ("/text/split-name", test_split_name);
  g_test_add_func ("/text/leader", test_leader);
  g_test_add_func ("/text/percent", test_percent);

  return g_test_run ();
}
