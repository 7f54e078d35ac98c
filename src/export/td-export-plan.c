/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-export"

#include "config.h"

#include <glib/gi18n.h>

#include "td-export-private.h"
#include "td-date.h"
#include "td-error.h"

/* Kế hoạch: the plan itself, its sections summarised from the plan's parameters. */

static char *
window_text (const TdParameters *params, TdWindow w)
{
  g_autofree char *from = td_date_format_short (params->windows[w][0]);
  g_autofree char *to = td_date_format_short (params->windows[w][1]);

  if (params->windows[w][0] == TD_DATE_NONE || params->windows[w][1] == TD_DATE_NONE)
    return g_strdup ("theo kế hoạch riêng");
  return g_strdup_printf ("từ ngày %s đến ngày %s", from, to);
}

static char *
duration_text (int minutes)
{
  if (minutes % 60 == 0)
    return g_strdup_printf ("%d giờ", minutes / 60);
  return g_strdup_printf ("%d giờ %02d phút", minutes / 60, minutes % 60);
}

static char *
forms_text (TdLevel level)
{
  const char * const *forms = td_conference_forms_for_level (level);

  return forms != NULL ? g_strjoinv ("; ", (char **) forms) : g_strdup ("");
}

static void
heading (TdDocument *doc, const char *text)
{
  td_document_add_text (doc, text, 14.0, TD_TEXT_BOLD, TD_ALIGN_JUSTIFY, TD_MM (10), 6.0);
}

static void
bodyf (TdDocument *doc, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
bodyf (TdDocument *doc, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  td_document_add_body (doc, text);
}

static char *
milestone_time (const TdMilestone *m)
{
  g_autofree char *start = m->start != TD_DATE_NONE ? td_date_format_short (m->start) : g_strdup ("");
  g_autofree char *end = m->end != TD_DATE_NONE ? td_date_format_short (m->end) : g_strdup ("");

  if (m->end == TD_DATE_NONE || m->end == m->start)
    return g_steal_pointer (&start);
  if (m->start == TD_DATE_NONE)
    return g_strdup_printf ("Trước %s", end);
  return g_strdup_printf ("%s - %s", start, end);
}

TdDocument *
_td_export_plan (TdExportContext *ctx, GError **error)
{
  g_autoptr(TdDocument) doc = td_document_new (FALSE);
  TdPlan *plan = ctx->plan;
  const TdParameters *p = &plan->params;
  g_autofree char *half_day = duration_text (p->half_day_minutes);
  g_autofree char *w_grass = window_text (p, TD_WINDOW_GRASSROOTS);
  g_autofree char *w_upper = window_text (p, TD_WINDOW_UPPER);
  g_autofree char *w_pilot = window_text (p, TD_WINDOW_PILOT);
  g_autofree char *w_province = window_text (p, TD_WINDOW_PROVINCE);
  g_autofree char *f_grass = forms_text (TD_LEVEL_GRASSROOTS);
  g_autofree char *f_upper = forms_text (TD_LEVEL_UPPER);
  g_autofree char *number = NULL;
  g_autofree char *place_date = NULL;
  TdAdminHeader header = { 0 };
  guint i;

  number = ctx->options->number != NULL && *ctx->options->number != '\0'
           ? g_strdup (ctx->options->number) : td_document_format_number (NULL, "KH", ctx->options->code);
  place_date = td_document_format_place_date (ctx->options->place, ctx->options->date);
  header.superior = ctx->options->superior;
  header.issuer = ctx->options->issuer;
  header.number = number;
  header.place_date = place_date;
  td_document_add_admin_header (doc, &header);
  td_document_add_title (doc, "KẾ HOẠCH", plan->title);

  for (i = 0; plan->legal_bases != NULL && i < plan->legal_bases->len; i++)
    td_document_add_body (doc, g_ptr_array_index (plan->legal_bases, i));
  if (!_td_export_check_cancel (ctx, error))
    return NULL;

  heading (doc, "I. CẤP TỔ CHỨC, HÌNH THỨC VÀ THỜI GIAN");
  heading (doc, "1. Cấp cơ sở (xã, phường, thị trấn, trung tâm, trường học, bệnh viện)");
  bodyf (doc, "- Hình thức: %s (hình thức cụ thể do đơn vị lựa chọn, quyết định).", f_grass);
  bodyf (doc, "- Thời gian tổ chức: 1/2 ngày (không quá %s), hoàn thành %s.", half_day, w_grass);
  heading (doc, "2. Cấp trên cơ sở (huyện, thành phố, sở, ban, ngành, đoàn thể, doanh nghiệp thuộc tỉnh)");
  bodyf (doc, "- Hình thức: %s (hình thức cụ thể do đơn vị lựa chọn, quyết định).", f_upper);
  bodyf (doc, "- Thời gian tổ chức: 1/2 ngày (không quá %s), hoàn thành %s.", half_day, w_upper);
  heading (doc, "3. Cấp tỉnh");
  bodyf (doc, "Đại hội Thi đua yêu nước cấp tỉnh tổ chức %s (có Kế hoạch cụ thể riêng).", w_province);
  heading (doc, "4. Chỉ đạo điểm");
  bodyf (doc, "Mỗi đơn vị được giao chọn 02 đơn vị cơ sở chỉ đạo điểm; Hội nghị chỉ đạo điểm cấp tỉnh "
         "tổ chức %s.", w_pilot);

  heading (doc, "II. SỐ LƯỢNG VÀ CƠ CẤU ĐẠI BIỂU");
  bodyf (doc, "1. Cấp cơ sở: đơn vị có dưới %d cán bộ, công chức, viên chức, người lao động thì tổ chức "
         "Hội nghị toàn thể; đơn vị có trên %d cán bộ, công chức, viên chức, người lao động thì tổ chức "
         "Hội nghị đại biểu, số lượng không quá %d đại biểu.",
         p->plenary_staff_threshold, p->plenary_staff_threshold, p->grassroots_delegate_cap);
  bodyf (doc, "2. Cấp trên cơ sở: số lượng không quá %d đại biểu.", p->upper_delegate_cap);
  bodyf (doc, "3. Cơ cấu: đại biểu là công nhân, nông dân, người trực tiếp sản xuất, công tác, nghiên cứu "
         "khoa học, người lao động giỏi, lao động sáng tạo, gương người tốt, việc tốt chiếm ít nhất %d%% "
         "tổng số đại biểu triệu tập; đại biểu là lãnh đạo chiếm không quá %d%%. Chú trọng đại biểu nữ, "
         "đại biểu dân tộc thiểu số và đại biểu đại diện các thành phần kinh tế. Khách mời không tính "
         "vào số lượng và cơ cấu đại biểu.",
         100 - p->leader_share_max_percent, p->leader_share_max_percent);
  td_document_add_body (doc, "4. Đại biểu cá nhân, đại diện tập thể điển hình tiên tiến được cử đi dự Hội nghị, "
                             "Đại hội cấp trên phải được Hội đồng Thi đua - Khen thưởng cùng cấp đồng ý.");

  heading (doc, "III. TỔ CHỨC THỰC HIỆN");
  td_document_add_body (doc, "1. Trước khi tổ chức Hội nghị, các đơn vị gửi kế hoạch, lịch tổ chức Hội nghị, "
                             "dự thảo báo cáo tổng kết và nội dung Hội nghị về Cơ quan Thường trực Hội đồng "
                             "Thi đua - Khen thưởng tỉnh trước 01 (một) tháng.");
  td_document_add_body (doc, "2. Báo cáo tham luận của các điển hình tiên tiến phải được Hội đồng Thi đua - "
                             "Khen thưởng cấp tổ chức kiểm duyệt trước khi trình bày tại Hội nghị.");

  if (plan->milestones != NULL && plan->milestones->len > 0)
    {
      g_autoptr(TdTable) table = NULL;
      double width;

      td_document_add_body (doc, "3. Các mốc thời gian thực hiện:");
      td_document_get_text_area (doc, NULL, NULL, &width, NULL);
      {
        double widths[4] = { width * 0.08, width * 0.48, width * 0.22, width * 0.22 };

        table = td_table_new (4, widths, 13.0);
      }
      td_table_set_column_align (table, 0, TD_ALIGN_CENTER);
      td_table_set_column_align (table, 3, TD_ALIGN_CENTER);
      td_table_add_header_cell (table, 0, 0, 1, 1, "STT");
      td_table_add_header_cell (table, 0, 1, 1, 1, "Nội dung");
      td_table_add_header_cell (table, 0, 2, 1, 1, "Đơn vị thực hiện");
      td_table_add_header_cell (table, 0, 3, 1, 1, "Thời gian");
      td_document_begin_table (doc, table);
      for (i = 0; i < plan->milestones->len; i++)
        {
          const TdMilestone *m = g_ptr_array_index (plan->milestones, i);
          g_autofree char *n = g_strdup_printf ("%u", i + 1);
          g_autofree char *when = milestone_time (m);
          const char *cells[4] = { n, m->title, m->actor, when };

          td_document_add_table_row (doc, table, cells);
        }
      td_document_end_table (doc, table);
    }

  {
    g_autofree char *closing = g_strdup_printf ("Trên đây là Kế hoạch %s./.", plan->title != NULL ? plan->title : "");

    /* "Kế hoạch Tổ chức …" reads "Kế hoạch tổ chức …" in running text. */
    if (plan->title != NULL && *plan->title != '\0')
      {
        gunichar first = g_utf8_get_char (plan->title);
        g_autofree char *rest = g_strdup (g_utf8_next_char (plan->title));
        char buf[8] = { 0 };

        g_unichar_to_utf8 (g_unichar_tolower (first), buf);
        g_free (closing);
        closing = g_strdup_printf ("Trên đây là Kế hoạch %s%s./.", buf, rest);
      }
    td_document_add_body (doc, closing);
  }

  _td_export_add_signature (doc, ctx);
  return g_steal_pointer (&doc);
}
