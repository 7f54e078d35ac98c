/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

G_BEGIN_DECLS

/*
 * TdDocument: a paginated document in the Vietnamese administrative format (Nghị định 30/2020,
 * domain/documents.md). It is built once through the td_document_add_…() calls, which lay the
 * content out into pages immediately (text is measured with Pango at 72 dpi, in points); then
 * every consumer draws through td_document_draw_page(): the PDF writer, the print operation and
 * the preview, so they always agree.
 *
 * Coordinates are PostScript points (1/72 in) with the origin at the top-left corner of the page.
 * The font is "Times New Roman" requested by name (Liberation Serif through fontconfig on Linux).
 *
 * Each text is shaped once, while it is laid out; drawing only hands the kept glyphs to cairo.
 * A document is not thread-safe, but it may be built and written in a worker thread and then
 * handed to the main thread: drawing uses only cairo objects (its scaled fonts), never the
 * Pango context of the thread that built it (kept until the document is finalized).
 */

#define TD_TYPE_DOCUMENT (td_document_get_type ())
G_DECLARE_FINAL_TYPE (TdDocument, td_document, TD, DOCUMENT, GObject)

/* A4 in points. */
#define TD_PAGE_A4_WIDTH   595.28
#define TD_PAGE_A4_HEIGHT  841.89
#define TD_MM(mm)          ((mm) * 72.0 / 25.4)

/* Margins of Nghị định 30/2020, in points. */
#define TD_MARGIN_TOP      TD_MM (25.0)
#define TD_MARGIN_BOTTOM   TD_MM (20.0)
#define TD_MARGIN_LEFT     TD_MM (35.0)
#define TD_MARGIN_RIGHT    TD_MM (20.0)

#define TD_FONT_FAMILY     "Times New Roman"

typedef enum {
  TD_ALIGN_LEFT,
  TD_ALIGN_CENTER,
  TD_ALIGN_RIGHT,
  TD_ALIGN_JUSTIFY,
} TdAlign;

typedef enum {
  TD_TEXT_PLAIN  = 0,
  TD_TEXT_BOLD   = 1 << 0,
  TD_TEXT_ITALIC = 1 << 1,
  TD_TEXT_MARKUP = 1 << 2,  /* the text is Pango markup (escape user text with g_markup_escape_text) */
} TdTextFlags;

/* The two-column header block ("quốc hiệu" and the issuing body). Strings are NFC UTF-8 and are
 * printed as given, except that superior and issuer are upper-cased. Any may be NULL or empty. */
typedef struct
{
  const char *superior;   /* "UBND TỈNH TÂY NINH", plain capitals */
  const char *issuer;     /* "SỞ NỘI VỤ", bold capitals */
  const char *number;     /* the whole line after "Số: ", e.g. "12/GM-SNV" (see td_document_format_number) */
  const char *place_date; /* "Tây Ninh, ngày 05 tháng 02 năm 2020", italic */
} TdAdminHeader;

/* The signature block. Lines that are NULL or empty are skipped. */
typedef struct
{
  const char *authority;  /* "TM. ỦY BAN NHÂN DÂN" */
  const char *deputy;     /* "KT. CHỦ TỊCH" */
  const char *title;      /* "PHÓ CHỦ TỊCH" */
  const char *name;       /* "Nguyễn Thanh Ngọc" */
} TdSignature;

/* A table laid out row by row across pages: the header rows are repeated at the top of every
 * page the table reaches, a body row is never cut across a page break, and each cell wraps
 * within its column. */
typedef struct _TdTable TdTable;

TdTable    *td_table_new               (guint n_columns, const double *widths, double font_size);
void        td_table_free              (TdTable *table);
/* Alignment of a body column (default: left, top). */
void        td_table_set_column_align  (TdTable *table, guint column, TdAlign align);
/* A header cell spanning rows and columns; header cells are bold and centred. */
void        td_table_add_header_cell   (TdTable *table, guint row, guint column,
                                        guint rowspan, guint colspan, const char *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTable, td_table_free)

TdDocument *td_document_new            (gboolean landscape);

double      td_document_get_page_width (TdDocument *self);
double      td_document_get_page_height(TdDocument *self);
/* The text area of a page: inside the margins. */
void        td_document_get_text_area  (TdDocument *self, double *x, double *y,
                                        double *width, double *height);
guint       td_document_get_n_pages    (TdDocument *self);
/* The position of the next content on the current (last) page, and the room left under it. */
double      td_document_get_cursor     (TdDocument *self);
double      td_document_get_room       (TdDocument *self);

/* Builder. Everything flows from the cursor down and continues on a new page when needed. */
void        td_document_new_page       (TdDocument *self);
/* Starts a new page whose numbering restarts at 1 (an annex, or the next invitation of a
 * mail merge); the page number is printed from the section's second page on. */
void        td_document_new_section    (TdDocument *self);
void        td_document_add_space      (TdDocument *self, double points);
/* Starts a new page unless @points of room are left: keeps a heading with what follows it. */
void        td_document_ensure_room    (TdDocument *self, double points);
/* A paragraph: wrapped to the text width, split between lines across a page break.
 * @indent is the first-line indent (TD_MM (10) for body text), @space_after the gap under it. */
void        td_document_add_text       (TdDocument *self, const char *text, double size,
                                        TdTextFlags flags, TdAlign align,
                                        double indent, double space_after);
/* Body text: 14 pt, justified, first-line indent 1 cm, 6 pt after. */
void        td_document_add_body       (TdDocument *self, const char *text);
void        td_document_add_body_markup(TdDocument *self, const char *markup);
void        td_document_add_admin_header (TdDocument *self, const TdAdminHeader *header);
/* The document type in bold capitals ("GIẤY MỜI"), its subject in bold, and a short rule. */
void        td_document_add_title      (TdDocument *self, const char *type, const char *subject);
/* A short centred rule (the one under a title), with space around it. */
void        td_document_add_short_rule (TdDocument *self);
/* "DỰ THẢO" in a box in the top margin of the current page, on the right. */
void        td_document_add_draft_mark (TdDocument *self);
/* The signature block on the right and "Nơi nhận:" with @recipients (NULL-terminated, may be
 * NULL) on the left, kept together on one page. Recipients are normalised to "- …;" with the
 * last one "- Lưu: VT…." (added when absent). */
void        td_document_add_signature  (TdDocument *self, const TdSignature *signature,
                                        const char * const *recipients);
/* Table rows; the header rows are drawn before the first row and on every new page. */
void        td_document_begin_table    (TdDocument *self, TdTable *table);
void        td_document_add_table_row  (TdDocument *self, TdTable *table, const char * const *cells);
void        td_document_end_table      (TdDocument *self, TdTable *table);

/* Drawing: page is 0-based; @cr's user space must be in points with the page's top-left at
 * the origin (scale it for a preview). */
void        td_document_draw_page      (TdDocument *self, guint page, cairo_t *cr);
gboolean    td_document_write_pdf      (TdDocument *self, const char *path,
                                        GCancellable *cancellable, GError **error);

/* Reusable page furniture, drawn directly on any cairo context (used by the timeline's
 * landscape pages). Returns the height used under @y. @width is the width of the header
 * (the text area); the two columns are 6.8 : 10 of it. */
double      td_document_draw_admin_header (cairo_t *cr, const TdAdminHeader *header,
                                           double x, double y, double width);
/* "Số: 05/GM-SNV": the number part gets a leading zero below 10; @number may be NULL or empty
 * for a number filled in by hand at issue ("Số:      /GM-SNV"). */
char       *td_document_format_number  (const char *number, const char *type_code,
                                        const char *issuer_code);
/* "Tây Ninh, ngày 05 tháng 02 năm 2020" (the date as Julian day, see td-date.h). */
char       *td_document_format_place_date (const char *place, guint32 date);

G_END_DECLS
