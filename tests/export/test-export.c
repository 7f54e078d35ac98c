/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed documents, written to PDF and read back with poppler-glib. */

#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "td-export.h"
#include "td-date.h"
#include "td-error.h"

#if !POPPLER_CHECK_VERSION (25, 6, 0)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontsIter, poppler_fonts_iter_free)
#endif

static char *tmpdir;

/* ---- Building plans through the model API ---- */

static const char *family_names[] = {
  "Nguyễn Thị", "Trần Văn", "Lê Hoàng", "Phạm Ngọc", "Huỳnh Thị Kim", "Võ Minh", "Đặng Quốc",
  "Bùi Thị Thu", "Đỗ Văn", "Hồ Thị Ánh", "Ngô Thanh", "Dương Thị",
};
static const char *given_names[] = {
  "Tuyết", "Hùng", "Phúc", "Ánh", "Quỳnh", "Đức", "Dũng", "Cường", "Bình", "An", "Ngọc", "Thảo",
  "Hiếu", "Khoa", "Lâm", "Mỹ", "Nhân", "Oanh",
};

static TdPerson *
make_person (guint i, const char *unit)
{
  g_autofree char *id = g_strdup_printf ("p%u", i);
  /* A distinct name per person: a middle name numbered in words would not be Vietnamese, so
   * vary the three parts and add a letter suffix only past the combinations. */
  const char *family = family_names[i % G_N_ELEMENTS (family_names)];
  const char *given = given_names[(i / G_N_ELEMENTS (family_names)) % G_N_ELEMENTS (given_names)];
  guint round = i / (G_N_ELEMENTS (family_names) * G_N_ELEMENTS (given_names));
  g_autofree char *fm = round == 0 ? g_strdup (family) : g_strdup_printf ("%s %s", family,
                                                                          (const char *[]) { "Minh", "Thanh", "Xuân", "Hải", "Bảo", "Gia", "Khánh", "Hữu", "Như", "Diệu" }[round % 10]);
  TdPerson *p = td_person_new (id, fm, given);

  p->gender = (i % 2) ? TD_GENDER_MALE : TD_GENDER_FEMALE;
  p->birth_year = 1960 + i % 40;
  p->ethnicity = g_strdup (i % 7 == 3 ? "Khmer" : "Kinh");
  p->position = g_strdup (i % 10 < 3 ? "Phó Chủ tịch UBND xã" : "Giáo viên");
  p->leader = i % 10 < 3;
  p->unit = g_strdup (unit);
  p->category = p->leader ? TD_CATEGORY_LEADER : TD_CATEGORY_DIRECT_WORKER;
  return p;
}

static TdPlan *
make_plan (guint n_delegates, guint n_guests)
{
  TdPlan *plan = td_plan_new_empty ();
  TdConference *c;
  g_autoptr(GPtrArray) agenda = NULL;
  TdAgendaItem *talk;
  guint i;

  g_free (plan->title);
  plan->title = g_strdup ("Tổ chức Hội nghị Điển hình tiên tiến các cấp tiến tới Đại hội Thi đua yêu nước tỉnh Tây Ninh lần thứ V");
  g_free (plan->number);
  plan->number = g_strdup ("121/KH-UBND");
  g_free (plan->issuer);
  plan->issuer = g_strdup ("UBND TỈNH TÂY NINH");
  g_free (plan->place);
  plan->place = g_strdup ("Tây Ninh");
  plan->date = td_date_new (2019, 7, 31);
  g_free (plan->signer_authority);
  plan->signer_authority = g_strdup ("TM. ỦY BAN NHÂN DÂN");
  g_free (plan->signer_deputy);
  plan->signer_deputy = g_strdup ("KT. CHỦ TỊCH");
  g_free (plan->signer_title);
  plan->signer_title = g_strdup ("PHÓ CHỦ TỊCH");
  g_free (plan->signer_name);
  plan->signer_name = g_strdup ("Nguyễn Thanh Ngọc");
  if (plan->legal_bases == NULL)
    plan->legal_bases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (plan->legal_bases, g_strdup ("Căn cứ Kế hoạch số 19/KH-HĐTĐKT ngày 24/5/2019 của Hội đồng Thi đua - Khen thưởng Trung ương;"));
  if (plan->recipients == NULL)
    plan->recipients = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (plan->recipients, g_strdup ("- Hội đồng TĐKT TW;"));
  g_ptr_array_add (plan->recipients, g_strdup ("Ban TĐKT Trung ương"));
  g_ptr_array_add (plan->recipients, g_strdup ("- Lưu: VT, TĐKT."));
  if (plan->milestones == NULL)
    plan->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) td_milestone_free);
  g_ptr_array_add (plan->milestones, td_milestone_new ("M0", "Ban hành Kế hoạch", "UBND tỉnh",
                                                       td_date_new (2019, 7, 31), td_date_new (2019, 7, 31)));
  g_ptr_array_add (plan->milestones, td_milestone_new ("M4", "Hoàn thành Hội nghị cấp cơ sở", "Các đơn vị cơ sở",
                                                       td_date_new (2020, 1, 1), td_date_new (2020, 3, 31)));

  td_plan_load_add_unit (plan, td_unit_new ("tn", "Tỉnh Tây Ninh", TD_LEVEL_PROVINCE, NULL));
  td_plan_load_add_unit (plan, td_unit_new ("godau", "Huyện Gò Dầu", TD_LEVEL_UPPER, "tn"));
  td_plan_load_add_unit (plan, td_unit_new ("thanh-phuoc", "UBND xã Thanh Phước", TD_LEVEL_GRASSROOTS, "godau"));
  td_plan_load_add_unit (plan, td_unit_new ("phuoc-dong", "UBND xã Phước Đông", TD_LEVEL_GRASSROOTS, "godau"));

  c = td_conference_new ("c-12", "thanh-phuoc");
  g_free (c->form);
  c->form = g_strdup ("Hội nghị Điển hình tiên tiến");
  c->date = td_date_new (2020, 3, 10);
  c->start = 7 * 60 + 30;
  g_free (c->venue);
  c->venue = g_strdup ("Hội trường UBND xã Thanh Phước");
  c->chair = g_strdup ("Đồng chí Chủ tịch UBND xã");
  agenda = td_agenda_template_new (c->start);
  for (i = 0; i < agenda->len; i++)
    g_list_store_append (c->agenda, g_ptr_array_index (agenda, i));
  talk = td_agenda_item_new ("Tham luận: Giáo viên dạy giỏi gắn với phong trào thi đua", 10, TD_ITEM_KIND_TALK);
  g_free (talk->presenter);
  talk->presenter = g_strdup ("Bà Nguyễn Thị Tuyết");
  talk->vetted = FALSE;
  g_list_store_insert (c->agenda, 3, talk);
  g_object_unref (talk);
  td_conference_retime_agenda (c);

  for (i = 0; i < n_delegates + n_guests; i++)
    {
      TdPerson *p = make_person (i, i % 3 == 0 ? "phuoc-dong" : "thanh-phuoc");

      td_plan_load_add_person (plan, p);
      td_conference_add_delegate (c, p->id, i < n_delegates ? TD_ROLE_DELEGATE : TD_ROLE_GUEST, NULL);
    }
  td_plan_load_add_conference (plan, c);
  return plan;
}

/* ---- Reading PDFs back ---- */

static PopplerDocument *
write_and_open (TdDocument *doc, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *uri = NULL;
  PopplerDocument *pdf;

  g_assert_true (td_document_write_pdf (doc, path, NULL, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, td_document_get_n_pages (doc));
  return pdf;
}

static PopplerDocument *
build_and_open (TdPlan *plan, TdExportKind kind, const TdExportOptions *options, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = td_export_build (plan, "c-12", kind, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return write_and_open (doc, name);
}

static char *
page_text (PopplerDocument *pdf, int index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);

  return poppler_page_get_text (page);
}

/* The page's text with every run of white space made one space: a table cell's wrapped lines
 * come out of poppler as lines of their own. */
static char *
page_text_flat (PopplerDocument *pdf, int index)
{
  g_autofree char *text = page_text (pdf, index);
  GString *s = g_string_new (NULL);
  const char *p;
  gboolean space = FALSE;

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static void
assert_page_size (PopplerDocument *pdf, gboolean landscape)
{
  int i;

  for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, landscape ? 841.89 : 595.28, 0.5);
      g_assert_cmpfloat_with_epsilon (h, landscape ? 595.28 : 841.89, 0.5);
    }
}

static void
assert_fonts (PopplerDocument *pdf)
{
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (pdf);
  g_autoptr(PopplerFontsIter) iter = NULL;
  guint n = 0;

  g_assert_true (poppler_font_info_scan (info, poppler_document_get_n_pages (pdf), &iter));
  g_assert_nonnull (iter);
  do
    {
      const char *name = poppler_fonts_iter_get_name (iter);

      /* Subset names look like "ABCDEF+LiberationSerif-Bold". */
      g_assert_nonnull (name);
      g_assert_nonnull (strstr (name, "LiberationSerif"));
      g_assert_true (poppler_fonts_iter_is_embedded (iter));
      n++;
    }
  while (poppler_fonts_iter_next (iter));
  g_assert_cmpuint (n, >=, 1);
}

typedef struct
{
  double size;
  char  *font;
} Attr;

/* The font size and name at the first character of @needle on the page. */
static gboolean
text_attr (PopplerDocument *pdf, int index, const char *needle, Attr *out)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  const char *hit = strstr (text, needle);
  GList *attrs, *l;
  glong offset;
  gboolean found = FALSE;

  if (hit == NULL)
    return FALSE;
  offset = g_utf8_pointer_to_offset (text, hit);
  attrs = poppler_page_get_text_attributes (page);
  for (l = attrs; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (a->start_index <= offset && offset <= a->end_index)
        {
          out->size = a->font_size;
          out->font = g_strdup (a->font_name);
          found = TRUE;
          break;
        }
    }
  poppler_page_free_text_attributes (attrs);
  return found;
}

static void
assert_size (PopplerDocument *pdf, int index, const char *needle, double size, const char *style)
{
  Attr attr = { 0 };

  if (!text_attr (pdf, index, needle, &attr))
    g_error ("“%s” not found on page %d", needle, index + 1);
  g_assert_cmpfloat_with_epsilon (attr.size, size, 0.05);
  if (style != NULL)
    g_assert_nonnull (strstr (attr.font, style));
  else
    g_assert_null (strstr (attr.font, "Bold"));
  g_free (attr.font);
}

/* The text in the top margin (where page numbers go): the characters whose boxes lie wholly
 * above the text area (poppler's area selection snaps to whole lines, so use the layout). */
static char *
top_margin_text (PopplerDocument *pdf, int index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  GString *s = g_string_new (NULL);
  const char *p;
  guint n = 0, i;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n) || n == 0);
  for (p = text, i = 0; *p != '\0' && i < n; p = g_utf8_next_char (p), i++)
    if (rects[i].y2 < TD_MARGIN_TOP - 2 && !g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  g_free (rects);
  return g_string_free (s, FALSE);
}

/* Every glyph lies inside the page's margins (text boxes; page numbers in the top margin and
 * the draft mark are not body text and are allowed above). */
static void
assert_within_bottom_margin (PopplerDocument *pdf)
{
  int i;

  for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      PopplerRectangle *rects = NULL;
      guint n = 0, j;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
      for (j = 0; j < n; j++)
        {
          g_assert_cmpfloat (rects[j].y2, <=, h - TD_MARGIN_BOTTOM + 1.0);
          g_assert_cmpfloat (rects[j].x2, <=, w - TD_MARGIN_RIGHT + 1.0);
        }
      g_free (rects);
    }
}

static char *
full_name (TdPlan *plan, const char *id)
{
  g_autofree char *name = td_person_dup_full_name (td_plan_get_person (plan, id));

  return g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
}

/* ---- Tests ---- */

static void
test_invitations (void)
{
  g_autoptr(TdPlan) plan = make_plan (6, 1);
  g_autoptr(PopplerDocument) pdf = NULL;
  TdConference *c = td_plan_get_conference (plan, "c-12");
  TdPerson *p0 = td_plan_get_person (plan, "p0");
  guint i;

  /* Decomposed input comes out composed. */
  g_free (p0->given);
  p0->given = g_utf8_normalize ("Tuyết", -1, G_NORMALIZE_NFD);
  td_person_invalidate (p0);

  pdf = build_and_open (plan, TD_EXPORT_INVITATIONS, NULL, "invitations.pdf");
  assert_page_size (pdf, FALSE);
  assert_fonts (pdf);
  /* One invitation per page, in the conference's list order (guests are invited too). */
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, c->delegates->len);
  for (i = 0; i < c->delegates->len; i++)
    {
      TdDelegate *d = &g_array_index (c->delegates, TdDelegate, i);
      g_autofree char *text = page_text (pdf, i);
      g_autofree char *name = full_name (plan, d->person);
      g_autofree char *margin = top_margin_text (pdf, i);

      g_assert_nonnull (strstr (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
      g_assert_nonnull (strstr (text, "Độc lập - Tự do - Hạnh phúc"));
      g_assert_nonnull (strstr (text, "GIẤY MỜI"));
      g_assert_nonnull (strstr (text, name));
      g_assert_nonnull (strstr (text, "Số: 12/GM-UBND"));
      /* Date default: the conference day (10/3/2020) minus 10 days, with the leading zeros. */
      g_assert_nonnull (strstr (text, "Tây Ninh, ngày 29 tháng 02 năm 2020"));
      g_assert_nonnull (strstr (text, "UBND XÃ THANH PHƯỚC"));
      g_assert_nonnull (strstr (text, "HUYỆN GÒ DẦU"));
      g_assert_nonnull (strstr (text, "Thời gian: 07 giờ 30, ngày 10 tháng 3 năm 2020"));
      g_assert_nonnull (strstr (text, "Địa điểm: Hội trường UBND xã Thanh Phước"));
      g_assert_nonnull (strstr (text, "Chủ trì: Đồng chí Chủ tịch UBND xã"));
      g_assert_nonnull (strstr (text, "Nơi nhận:"));
      g_assert_nonnull (strstr (text, "- Lưu: VT."));
      g_assert_nonnull (strstr (text, "Nguyễn Thanh Ngọc"));
      /* No invitation carries a page number. */
      g_assert_cmpstr (margin, ==, "");
    }
  {
    g_autofree char *text = page_text (pdf, 0);
    g_autofree char *nfd = g_utf8_normalize ("Tuyết", -1, G_NORMALIZE_NFD);

    g_assert_nonnull (strstr (text, "Bà Nguyễn Thị Tuyết, Phó Chủ tịch UBND xã, UBND xã Phước Đông"));
    g_assert_null (strstr (text, nfd));
  }

  /* A position that names its unit already does not get the unit again. */
  {
    TdPerson *p1 = td_plan_get_person (plan, "p1");
    TdUnit *unit = td_plan_get_unit (plan, p1->unit);
    g_autoptr(PopplerDocument) again = NULL;
    g_autofree char *position = g_strdup_printf ("Chủ tịch %s", unit->name);
    g_autofree char *twice = g_strdup_printf ("%s, %s", position, unit->name);
    g_autofree char *text = NULL;
    int page = -1;

    g_free (p1->position);
    p1->position = g_strdup (position);
    for (i = 0; i < c->delegates->len; i++)
      if (g_strcmp0 (g_array_index (c->delegates, TdDelegate, i).person, "p1") == 0)
        page = (int) i;
    g_assert_cmpint (page, >=, 0);
    again = build_and_open (plan, TD_EXPORT_INVITATIONS, NULL, "invitations-position.pdf");
    text = page_text_flat (again, page);
    g_assert_nonnull (strstr (text, position));
    g_assert_null (strstr (text, twice));
  }

  /* The sizes of documents.md. */
  assert_size (pdf, 0, "CỘNG HÒA XÃ HỘI", 12.0, "Bold");
  assert_size (pdf, 0, "Độc lập", 14.0, "Bold");
  assert_size (pdf, 0, "HUYỆN GÒ DẦU", 13.0, NULL);
  assert_size (pdf, 0, "UBND XÃ THANH PHƯỚC", 13.0, "Bold");
  assert_size (pdf, 0, "Số: 12", 13.0, NULL);
  assert_size (pdf, 0, "Tây Ninh, ngày", 14.0, "Italic");
  assert_size (pdf, 0, "GIẤY MỜI", 14.0, "Bold");
  assert_size (pdf, 0, "trân trọng kính mời", 14.0, NULL);
  assert_size (pdf, 0, "Nơi nhận:", 12.0, "BoldItalic");
  assert_size (pdf, 0, "- Như trên;", 11.0, NULL);
  assert_size (pdf, 0, "PHÓ CHỦ TỊCH", 14.0, "Bold");
  assert_size (pdf, 0, "Nguyễn Thanh Ngọc", 14.0, "Bold");
}

static void
test_invitation_group (void)
{
  g_autoptr(TdPlan) plan = make_plan (40, 0);
  g_autoptr(TdExportOptions) options = td_export_options_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  options->group = TRUE;
  options->number = g_strdup ("7");
  options->code = g_strdup ("SNV");
  options->date = td_date_new (2020, 1, 5);
  pdf = build_and_open (plan, TD_EXPORT_INVITATIONS, options, "invitation-group.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  text = page_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Các đại biểu có tên trong danh sách kèm theo"));
  /* Leading zero for a number below 10; months 1 and 2 and days below 10 too. */
  g_assert_nonnull (strstr (text, "Số: 07/GM-SNV"));
  g_assert_nonnull (strstr (text, "ngày 05 tháng 01 năm 2020"));
}

static void
test_agenda (void)
{
  g_autoptr(TdPlan) plan = make_plan (3, 0);
  g_autoptr(PopplerDocument) pdf = build_and_open (plan, TD_EXPORT_AGENDA, NULL, "agenda.pdf");
  g_autofree char *text = page_text_flat (pdf, 0);
  g_autofree char *all = NULL;
  TdConference *c = td_plan_get_conference (plan, "c-12");
  guint i;

  assert_page_size (pdf, FALSE);
  assert_fonts (pdf);
  g_assert_nonnull (strstr (text, "CHƯƠNG TRÌNH"));
  g_assert_nonnull (strstr (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  g_assert_nonnull (strstr (text, "Số: 12/CTr-UBND"));
  g_assert_nonnull (strstr (text, "Thời gian"));
  g_assert_nonnull (strstr (text, "Người (đơn vị) thực hiện"));
  /* The unvetted tham luận is marked, and the agenda is a draft. */
  g_assert_nonnull (strstr (text, "(chưa kiểm duyệt)"));
  g_assert_nonnull (strstr (text, "DỰ THẢO"));
  g_assert_nonnull (strstr (text, "07h30 - 07h45"));
  assert_size (pdf, 0, "CHƯƠNG TRÌNH", 14.0, "Bold");

  /* Every item's title is printed. */
  all = g_strdup (text);
  for (i = 1; i < (guint) poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *more = page_text_flat (pdf, i);
      char *joined = g_strconcat (all, " ", more, NULL);

      g_free (all);
      all = joined;
    }
  for (i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (c->agenda)); i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (c->agenda), i);

      g_auto(GStrv) words = g_strsplit (item->title, " ", 4);
      g_autofree char *start = NULL;

      /* Poppler reads a row's wrapped cells interleaved: look for the first words. */
      if (g_strv_length (words) > 3)
        g_clear_pointer (&words[3], g_free);
      start = g_strjoinv (" ", words);
      g_assert_nonnull (strstr (all, start));
    }

  /* Once vetted, no mark and no draft. */
  for (i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (c->agenda)); i++)
    {
      g_autoptr(TdAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (c->agenda), i);

      item->vetted = TRUE;
    }
  g_clear_object (&pdf);
  pdf = build_and_open (plan, TD_EXPORT_AGENDA, NULL, "agenda-vetted.pdf");
  g_free (text);
  text = page_text_flat (pdf, 0);
  g_assert_null (strstr (text, "(chưa kiểm duyệt)"));
  g_assert_null (strstr (text, "DỰ THẢO"));
}

/* A 300-row list: header row on every page, no row cut, every name once, page numbers from 2. */
static void
test_delegates_300 (void)
{
  g_autoptr(TdPlan) plan = make_plan (300, 4);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TdConference *c = td_plan_get_conference (plan, "c-12");
  int n_pages, i;
  guint d;

  /* A long note that wraps over several lines makes a tall row, the kind that gets cut. */
  for (d = 0; d < 300; d += 17)
    {
      TdPerson *p = td_plan_get_person (plan, g_array_index (c->delegates, TdDelegate, d).person);

      g_free (p->note);
      p->note = g_strdup ("Đại biểu được Hội đồng Thi đua - Khen thưởng xã đồng ý cử đi dự Hội nghị cấp trên");
    }

  /* Stored settings absent: the list is landscape. */
  pdf = build_and_open (plan, TD_EXPORT_DELEGATES, NULL, "delegates-300.pdf");
  assert_page_size (pdf, TRUE);
  assert_fonts (pdf);
  assert_within_bottom_margin (pdf);
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >=, 5);

  for (i = 0; i < n_pages; i++)
    {
      g_autofree char *text = page_text_flat (pdf, i);
      g_autofree char *margin = top_margin_text (pdf, i);
      g_autofree char *expected = g_strdup_printf ("%d", i + 1);

      g_assert_nonnull (strstr (text, "Họ và tên"));
      g_assert_nonnull (strstr (text, "Đơn vị công tác"));
      g_assert_nonnull (strstr (text, "Năm sinh"));
      if (i == 0)
        g_assert_cmpstr (margin, ==, "");
      else
        g_assert_cmpstr (margin, ==, expected);
      for (d = 0; d < c->delegates->len; d++)
        {
          g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
          g_autofree char *name = full_name (plan, g_array_index (c->delegates, TdDelegate, d).person);
          GList *hits;

          /* A name wraps inside its cell: find it across lines. */
          hits = poppler_page_find_text_with_options (page, name, POPPLER_FIND_CASE_SENSITIVE |
                                                      POPPLER_FIND_MULTILINE | POPPLER_FIND_WHOLE_WORDS_ONLY);
          if (hits != NULL)
            {
              g_assert_false (g_hash_table_contains (seen, name));
              g_hash_table_add (seen, g_steal_pointer (&name));
            }
          g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
        }
    }
  /* Each name whole on exactly one page: a row cut in two would leave its name on none. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, c->delegates->len);

  {
    g_autofree char *first = page_text_flat (pdf, 0);
    g_autofree char *last = page_text_flat (pdf, n_pages - 1);
    g_autoptr(GString) all = g_string_new (NULL);

    for (i = 0; i < n_pages; i++)
      {
        g_autofree char *text = page_text_flat (pdf, i);

        g_string_append_printf (all, "%s ", text);
      }
    g_assert_nonnull (strstr (first, "Phụ lục"));
    g_assert_nonnull (strstr (first, "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN UBND XÃ THANH PHƯỚC"));
    g_assert_nonnull (strstr (first, "(Kèm theo Giấy mời số 12/GM-UBND ngày 29/02/2020 của UBND xã Thanh Phước)"));
    assert_size (pdf, 0, "Phụ lục", 14.0, "Bold");
    assert_size (pdf, 0, "(Kèm theo", 14.0, "Italic");
    assert_size (pdf, 0, "Họ và tên", 12.0, "Bold");
    /* 300 delegates, 90 leaders (i % 10 < 3), the guests not counted. */
    g_assert_nonnull (strstr (all->str, "Tổng số: 300 đại biểu. - Lãnh đạo: 90 đại biểu, chiếm tỷ lệ 30,0%. "
                                        "- Người trực tiếp: 210 đại biểu, chiếm tỷ lệ 70,0%. - Nữ: 150 đại biểu. "
                                        /* i % 7 == 3 for i < 300: 43 people. */
                                        "- Dân tộc thiểu số: 43 đại biểu."));
    g_assert_nonnull (strstr (last, "KHÁCH MỜI"));
    g_assert_nonnull (strstr (last, "Tổng số khách mời: 4."));
  }
}

static gssize
position_of (const char *text, TdPlan *plan, const char *id)
{
  g_autofree char *name = full_name (plan, id);
  const char *hit = strstr (text, name);

  g_assert_nonnull (hit);
  return hit - text;
}

static void
test_delegates_sort_and_columns (void)
{
  g_autoptr(TdPlan) plan = td_plan_new_empty ();
  g_autoptr(TdExportOptions) options = td_export_options_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  /* Official order is by given name: An < Bình < Cường < Dũng < Đức (đ after d). */
  const char *people[][4] = {
    { "a", "Trần Văn", "Đức", "thanh-phuoc" },
    { "b", "Nguyễn Thị", "An", "phuoc-dong" },
    { "c", "Lê Văn", "Dũng", "thanh-phuoc" },
    { "d", "Phạm Thị", "Cường", "phuoc-dong" },
    { "e", "Võ Văn", "Bình", "thanh-phuoc" },
  };
  TdConference *c = td_conference_new ("c-x", "thanh-phuoc");
  guint i;

  td_plan_load_add_unit (plan, td_unit_new ("thanh-phuoc", "UBND xã Thanh Phước", TD_LEVEL_GRASSROOTS, NULL));
  td_plan_load_add_unit (plan, td_unit_new ("phuoc-dong", "UBND xã Phước Đông", TD_LEVEL_GRASSROOTS, NULL));
  for (i = 0; i < G_N_ELEMENTS (people); i++)
    {
      TdPerson *p = td_person_new (people[i][0], people[i][1], people[i][2]);

      p->unit = g_strdup (people[i][3]);
      p->note = g_strdup ("Mã5");
      td_plan_load_add_person (plan, p);
      td_conference_add_delegate (c, p->id, TD_ROLE_DELEGATE, NULL);
    }
  g_free (c->form);
  c->form = g_strdup ("Hội nghị Điển hình tiên tiến");
  td_plan_load_add_conference (plan, c);

  options->sort = TD_EXPORT_SORT_NAME;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDocument) doc = td_export_build (plan, "c-x", TD_EXPORT_DELEGATES, options, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    pdf = write_and_open (doc, "sort-name.pdf");
  }
  text = page_text_flat (pdf, 0);
  g_assert_cmpint (position_of (text, plan, "b"), <, position_of (text, plan, "e"));
  g_assert_cmpint (position_of (text, plan, "e"), <, position_of (text, plan, "d"));
  g_assert_cmpint (position_of (text, plan, "d"), <, position_of (text, plan, "c"));
  g_assert_cmpint (position_of (text, plan, "c"), <, position_of (text, plan, "a"));
  g_assert_nonnull (strstr (text, "Mã5"));
  g_clear_object (&pdf);
  g_free (text);

  /* By unit (the plan's unit order), then name; and the note column hidden; landscape. */
  options->sort = TD_EXPORT_SORT_UNIT;
  options->hidden_columns = TD_COLUMN_NOTE | TD_COLUMN_ETHNICITY;
  options->landscape = TRUE;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDocument) doc = td_export_build (plan, "c-x", TD_EXPORT_DELEGATES, options, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    pdf = write_and_open (doc, "sort-unit.pdf");
  }
  assert_page_size (pdf, TRUE);
  text = page_text_flat (pdf, 0);
  g_assert_cmpint (position_of (text, plan, "e"), <, position_of (text, plan, "c"));
  g_assert_cmpint (position_of (text, plan, "c"), <, position_of (text, plan, "a"));
  g_assert_cmpint (position_of (text, plan, "a"), <, position_of (text, plan, "b"));
  g_assert_cmpint (position_of (text, plan, "b"), <, position_of (text, plan, "d"));
  g_assert_null (strstr (text, "Mã5"));
  g_assert_null (strstr (text, "Ghi chú"));
  g_assert_nonnull (strstr (text, "Chức vụ"));
  g_clear_object (&pdf);
  g_free (text);

  /* Manual: the conference's own order. */
  options->sort = TD_EXPORT_SORT_MANUAL;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDocument) doc = td_export_build (plan, "c-x", TD_EXPORT_DELEGATES, options, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    pdf = write_and_open (doc, "sort-manual.pdf");
  }
  text = page_text_flat (pdf, 0);
  for (i = 0; i + 1 < G_N_ELEMENTS (people); i++)
    g_assert_cmpint (position_of (text, plan, people[i][0]), <, position_of (text, plan, people[i + 1][0]));
}

static void
test_plan_document (void)
{
  g_autoptr(TdPlan) plan = make_plan (2, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = td_export_build (plan, NULL, TD_EXPORT_PLAN, NULL, NULL, NULL, NULL, &error);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *first = NULL;
  int i;

  g_assert_no_error (error);
  pdf = write_and_open (doc, "plan.pdf");
  assert_page_size (pdf, FALSE);
  assert_fonts (pdf);
  assert_within_bottom_margin (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text_flat (pdf, i);

      g_string_append_printf (all, "%s ", text);
    }
  first = page_text_flat (pdf, 0);
  g_assert_nonnull (strstr (first, "Số: 121/KH-UBND"));
  g_assert_nonnull (strstr (first, "UBND TỈNH TÂY NINH"));
  g_assert_nonnull (strstr (first, "Tây Ninh, ngày 31 tháng 7 năm 2019"));
  g_assert_nonnull (strstr (first, "KẾ HOẠCH"));
  g_assert_nonnull (strstr (first, "Căn cứ Kế hoạch số 19/KH-HĐTĐKT"));
  g_assert_nonnull (strstr (all->str, "không quá 150 đại biểu"));
  g_assert_nonnull (strstr (all->str, "không quá 300 đại biểu"));
  g_assert_nonnull (strstr (all->str, "chiếm ít nhất 70%"));
  g_assert_nonnull (strstr (all->str, "không quá 30%"));
  g_assert_nonnull (strstr (all->str, "Hoàn thành Hội nghị cấp cơ sở"));
  g_assert_nonnull (strstr (all->str, "01/01/2020 - 31/03/2020"));
  g_assert_nonnull (strstr (all->str, "KT. CHỦ TỊCH"));
  g_assert_nonnull (strstr (all->str, "Nguyễn Thanh Ngọc"));
  /* Recipients normalised: "- …;" and the last "- Lưu: VT, TĐKT." */
  g_assert_nonnull (strstr (all->str, "- Ban TĐKT Trung ương;"));
  g_assert_nonnull (strstr (all->str, "- Lưu: VT, TĐKT."));
  {
    g_autofree char *margin = top_margin_text (pdf, 1);

    g_assert_cmpstr (margin, ==, "2");
  }
  assert_size (pdf, 0, "KẾ HOẠCH", 14.0, "Bold");
  assert_size (pdf, 0, "Căn cứ", 14.0, NULL);
}

static void
test_options_round_trip (void)
{
  g_autoptr(TdPlan) plan = make_plan (3, 0);
  g_autoptr(TdExportOptions) options = td_export_options_new ();
  g_autoptr(TdExportOptions) loaded = NULL;
  g_autoptr(TdExportOptions) bad = td_export_options_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  const char *recipients[] = { "Như trên", "Phòng Nội vụ huyện", NULL };
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  options->number = g_strdup ("45");
  options->code = g_strdup ("UBND");
  options->date = td_date_new (2020, 2, 3);
  options->signer_authority = g_strdup ("TM. ỦY BAN NHÂN DÂN");
  options->signer_title = g_strdup ("CHỦ TỊCH");
  options->signer_name = g_strdup ("Lê Văn Tám");
  options->recipients = g_strdupv ((char **) recipients);
  options->sort = TD_EXPORT_SORT_MANUAL;
  options->hidden_columns = TD_COLUMN_NOTE | TD_COLUMN_STRUCTURE;
  options->landscape = TRUE;
  options->notes = g_strdup ("Đề nghị đại biểu có mặt trước 15 phút.");

  object = td_export_options_to_json (options);
  loaded = td_export_options_new ();
  g_assert_true (td_export_options_load_json (loaded, object, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->number, ==, "45");
  g_assert_cmpuint (loaded->date, ==, options->date);
  g_assert_cmpstr (loaded->signer_name, ==, "Lê Văn Tám");
  g_assert_null (loaded->signer_deputy);
  g_assert_cmpstrv (loaded->recipients, recipients);
  g_assert_cmpint (loaded->sort, ==, TD_EXPORT_SORT_MANUAL);
  g_assert_cmpuint (loaded->hidden_columns, ==, TD_COLUMN_NOTE | TD_COLUMN_STRUCTURE);
  g_assert_true (loaded->landscape);
  g_assert_cmpstr (loaded->notes, ==, options->notes);

  /* A wrong type is refused and leaves the options as they were. */
  json_object_set_int_member (object, "number", 45);
  bad->number = g_strdup ("keep");
  g_assert_false (td_export_options_load_json (bad, object, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "number"));
  g_assert_cmpstr (bad->number, ==, "keep");
  g_clear_error (&error);

  /* Stored with the conference (one undoable edit), then used by the next export. */
  td_export_options_save (options, plan, "c-12", TD_EXPORT_INVITATIONS);
  g_assert_true (td_plan_can_undo (plan));
  g_clear_pointer (&loaded, td_export_options_free);
  loaded = td_export_options_load (plan, "c-12", TD_EXPORT_INVITATIONS);
  g_assert_cmpstr (loaded->signer_name, ==, "Lê Văn Tám");
  pdf = build_and_open (plan, TD_EXPORT_INVITATIONS, NULL, "stored.pdf");
  text = page_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Số: 45/GM-UBND"));
  g_assert_nonnull (strstr (text, "Tây Ninh, ngày 03 tháng 02 năm 2020"));
  g_assert_nonnull (strstr (text, "Lê Văn Tám"));
  g_assert_nonnull (strstr (text, "- Phòng Nội vụ huyện;"));
  g_assert_nonnull (strstr (text, "Đề nghị đại biểu có mặt trước 15 phút."));
  g_assert_null (strstr (text, "KT. CHỦ TỊCH"));
}

static void
test_errors (void)
{
  g_autoptr(TdPlan) plan = make_plan (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (tmpdir, "never.pdf", NULL);

  doc = td_export_build (plan, "nope", TD_EXPORT_AGENDA, NULL, NULL, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);

  doc = td_export_build (plan, NULL, TD_EXPORT_DELEGATES, NULL, NULL, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);

  /* No delegates: nothing to invite. */
  doc = td_export_build (plan, "c-12", TD_EXPORT_INVITATIONS, NULL, NULL, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  g_clear_error (&error);

  /* A cancelled write leaves no file. */
  doc = td_export_build (plan, "c-12", TD_EXPORT_AGENDA, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (td_document_write_pdf (doc, path, cancellable, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An unwritable place is an error, not a crash. */
  g_assert_false (td_document_write_pdf (doc, "/nonexistent-dir/x.pdf", NULL, &error));
  g_assert_error (error, TD_ERROR, TD_ERROR_IO);
}

static void
progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autoptr(TdPlan) plan = make_plan (50, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = NULL;
  double last = 0;

  doc = td_export_build (plan, "c-12", TD_EXPORT_INVITATIONS, NULL, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_document_get_n_pages (doc), ==, 50);
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
test_page_numbers_restart (void)
{
  g_autoptr(TdDocument) doc = td_document_new (FALSE);
  g_autoptr(PopplerDocument) pdf = NULL;
  int i;

  for (i = 0; i < 60; i++)
    td_document_add_body (doc, "Tiếp tục đẩy mạnh công tác tuyên truyền tư tưởng của Chủ tịch Hồ Chí Minh về thi đua yêu nước, "
                               "các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.");
  td_document_new_section (doc);
  td_document_add_body (doc, "Phụ lục riêng.");
  td_document_new_page (doc);
  td_document_add_body (doc, "Trang hai của phụ lục.");
  pdf = write_and_open (doc, "sections.pdf");
  assert_within_bottom_margin (pdf);
  for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *margin = top_margin_text (pdf, i);
      int n = poppler_document_get_n_pages (pdf);
      g_autofree char *expected = NULL;

      if (i == n - 2)
        expected = g_strdup ("");
      else if (i == n - 1)
        expected = g_strdup ("2");
      else
        expected = i == 0 ? g_strdup ("") : g_strdup_printf ("%d", i + 1);
      g_assert_cmpstr (margin, ==, expected);
    }
}

/* The height of a signature block with @recipients, measured on a page of its own. */
static double
signature_height (const TdSignature *signature, const char * const *recipients)
{
  g_autoptr(TdDocument) probe = td_document_new (FALSE);
  double top = td_document_get_cursor (probe);

  td_document_add_signature (probe, signature, recipients);
  return td_document_get_cursor (probe) - top;
}

/* The signature block never stands alone on a page: when it does not fit under the content,
 * the last paragraph (or the last table row, under the table's header) goes over with it. */
static void
test_signature_keeps_company (void)
{
  const TdSignature signature = { "TM. ỦY BAN NHÂN DÂN", NULL, "CHỦ TỊCH", "Nguyễn Thanh Ngọc" };
  const char *recipients[] = { "Như trên", NULL };
  double needed = signature_height (&signature, recipients) + 6.0;
  g_autoptr(TdDocument) doc = td_document_new (FALSE);
  g_autoptr(TdDocument) tdoc = td_document_new (FALSE);
  g_autoptr(TdTable) table = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *last = NULL;
  g_autofree char *before = NULL;
  double widths[2] = { 200, 200 };
  guint n = 0;

  /* Paragraphs until the signature no longer fits under them on the first page. */
  g_assert_cmpfloat (needed, >, 60);
  while (td_document_get_room (doc) >= needed)
    {
      g_autofree char *text = g_strdup_printf ("Đoạn số %03u của văn bản.", ++n);

      td_document_add_body (doc, text);
    }
  g_assert_cmpuint (td_document_get_n_pages (doc), ==, 1);
  td_document_add_signature (doc, &signature, recipients);
  pdf = write_and_open (doc, "signature-paragraph.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 2);
  p1 = page_text_flat (pdf, 0);
  p2 = page_text_flat (pdf, 1);
  last = g_strdup_printf ("Đoạn số %03u", n);
  before = g_strdup_printf ("Đoạn số %03u", n - 1);
  g_assert_nonnull (strstr (p2, last));
  g_assert_nonnull (strstr (p2, "Nguyễn Thanh Ngọc"));
  g_assert_null (strstr (p1, last));
  g_assert_nonnull (strstr (p1, before));
  g_assert_null (strstr (p1, "Nguyễn Thanh Ngọc"));
  g_clear_object (&pdf);
  g_clear_pointer (&p1, g_free);
  g_clear_pointer (&p2, g_free);
  g_clear_pointer (&last, g_free);
  g_clear_pointer (&before, g_free);

  /* Table rows: the last row goes over under a repeated header. */
  table = td_table_new (2, widths, 13.0);
  td_table_add_header_cell (table, 0, 0, 1, 1, "Cột thứ nhất");
  td_table_add_header_cell (table, 0, 1, 1, 1, "Cột thứ hai");
  td_document_add_body (tdoc, "Bảng dưới đây.");
  td_document_begin_table (tdoc, table);
  n = 0;
  while (td_document_get_room (tdoc) >= needed + 8.0)
    {
      g_autofree char *cell = g_strdup_printf ("Dòng %03u", ++n);
      const char *cells[2] = { cell, "nội dung" };

      td_document_add_table_row (tdoc, table, cells);
    }
  td_document_end_table (tdoc, table);
  g_assert_cmpuint (td_document_get_n_pages (tdoc), ==, 1);
  td_document_add_signature (tdoc, &signature, recipients);
  pdf = write_and_open (tdoc, "signature-table.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 2);
  p1 = page_text_flat (pdf, 0);
  p2 = page_text_flat (pdf, 1);
  last = g_strdup_printf ("Dòng %03u", n);
  before = g_strdup_printf ("Dòng %03u", n - 1);
  g_assert_nonnull (strstr (p2, "Cột thứ nhất"));
  g_assert_nonnull (strstr (p2, last));
  g_assert_nonnull (strstr (p2, "Nguyễn Thanh Ngọc"));
  g_assert_null (strstr (p2, before));
  g_assert_null (strstr (p1, last));
  g_assert_nonnull (strstr (p1, before));
  assert_within_bottom_margin (pdf);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("td-export-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/export/invitations", test_invitations);
  g_test_add_func ("/export/invitations/group", test_invitation_group);
  g_test_add_func ("/export/agenda", test_agenda);
  g_test_add_func ("/export/delegates/300", test_delegates_300);
  g_test_add_func ("/export/delegates/sort-and-columns", test_delegates_sort_and_columns);
  g_test_add_func ("/export/plan", test_plan_document);
  g_test_add_func ("/export/options", test_options_round_trip);
  g_test_add_func ("/export/errors", test_errors);
  g_test_add_func ("/export/progress", test_progress);
  g_test_add_func ("/export/page-numbers", test_page_numbers_restart);
  g_test_add_func ("/export/signature-keeps-company", test_signature_keeps_company);

  status = g_test_run ();

  if (g_getenv ("TD_KEEP_PDF") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }
  else
    g_printerr ("PDFs kept in %s\n", tmpdir);
  g_free (tmpdir);
  return status;
}
