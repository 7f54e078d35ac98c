/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-bind.h"
#include "td-date.h"
#include "td-plan-page.h"
#include "td-text.h"

struct _TdPlanPage
{
  AdwBin      parent_instance;

  TdPlan     *plan;
  GtkWidget  *preferences;     /* AdwPreferencesPage, rebuilt for each plan */
  GtkWidget  *legal_group;
  GtkWidget  *recipients_group;
  GtkWidget  *windows_group;
  GPtrArray  *list_rows;       /* rows of the two string lists, rebuilt on change */
  GtkWidget  *window_rows[TD_N_WINDOWS];
};

G_DEFINE_FINAL_TYPE (TdPlanPage, td_plan_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_PLAN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           const char *tooltip)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* A wheel over a spin button while scrolling the page must not change a parameter. */
static gboolean
spin_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                gpointer                  user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  return !gtk_widget_has_focus (spin) && gtk_widget_get_focus_child (spin) == NULL;
}

static GtkWidget *
spin_row (GtkWidget  *group,
          const char *title,
          const char *subtitle,
          int         min,
          int         max,
          GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  {
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

    gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
    g_signal_connect (scroll, "scroll", G_CALLBACK (spin_scroll_cb), NULL);
    gtk_widget_add_controller (spin, scroll);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  *spin_out = spin;
  return row;
}

static GtkWidget *
group_new (TdPlanPage *self,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences), ADW_PREFERENCES_GROUP (group));
  return group;
}

/* The two string lists (legal bases, recipients) */

typedef struct
{
  TdPlanPage *page;
  gboolean    recipients;
  guint       index;
} ListRowData;

static GPtrArray *
plan_list (TdPlanPage *self,
           gboolean    recipients)
{
  return recipients ? self->plan->recipients : self->plan->legal_bases;
}

static void rebuild_lists (TdPlanPage *self);

static void
list_entry_changed_cb (GtkEditable *editable,
                       ListRowData *data)
{
  TdPlanPage *self = data->page;
  GPtrArray *list = plan_list (self, data->recipients);
  g_autofree char *key = g_strdup_printf ("%s:%u", data->recipients ? "recipients" : "legal", data->index);
  char *nfc;

  if (data->index >= list->len || td_plan_in_edit (self->plan))
    return;
  nfc = td_text_nfc (gtk_editable_get_text (editable));
  if (g_strcmp0 (nfc, g_ptr_array_index (list, data->index)) == 0)
    {
      g_free (nfc);
      return;
    }
  td_plan_begin_merging (self->plan, data->recipients ? _("Edit recipient") : _("Edit legal basis"), key);
  td_plan_touch_plan (self->plan);
  list = plan_list (self, data->recipients);
  g_free (g_ptr_array_index (list, data->index));
  g_ptr_array_index (list, data->index) = nfc;
  td_plan_commit (self->plan);
}

static void
list_remove_cb (GtkButton   *button,
                ListRowData *data)
{
  TdPlanPage *self = data->page;

  td_plan_begin (self->plan, data->recipients ? _("Remove recipient") : _("Remove legal basis"));
  td_plan_touch_plan (self->plan);
  g_ptr_array_remove_index (plan_list (self, data->recipients), data->index);
  td_plan_commit (self->plan);
}

static void
list_add_cb (GtkButton  *button,
             TdPlanPage *self)
{
  gboolean recipients = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "recipients"));

  td_plan_begin (self->plan, recipients ? _("Add recipient") : _("Add legal basis"));
  td_plan_touch_plan (self->plan);
  g_ptr_array_add (plan_list (self, recipients),
                   g_strdup (recipients ? "- …;" : "Căn cứ …;"));
  td_plan_commit (self->plan);
}

static void
fill_list (TdPlanPage *self,
           GtkWidget  *group,
           gboolean    recipients)
{
  GPtrArray *list = plan_list (self, recipients);

  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      ListRowData *data = g_new0 (ListRowData, 1);
      g_autofree char *title = g_strdup_printf (recipients ? _("Recipient %u") : _("Legal basis %u"), i + 1);

      data->page = self;
      data->recipients = recipients;
      data->index = i;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), g_ptr_array_index (list, i));
      gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      g_object_set_data_full (G_OBJECT (row), "td-list-data", data, g_free);
      g_signal_connect (row, "changed", G_CALLBACK (list_entry_changed_cb), data);
      g_signal_connect (remove, "clicked", G_CALLBACK (list_remove_cb), data);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->list_rows, row);
    }
}

/* Called when the plan's metadata changed: the lists are rebuilt unless only the text of one of
 * their rows changed (which the row itself shows already, with the cursor where it is). */
static void
rebuild_lists (TdPlanPage *self)
{
  guint n_legal = 0, n_recipients = 0;

  for (guint i = 0; i < self->list_rows->len; i++)
    {
      ListRowData *d = g_object_get_data (g_ptr_array_index (self->list_rows, i), "td-list-data");
      if (d->recipients)
        n_recipients++;
      else
        n_legal++;
    }
  if (n_legal == self->plan->legal_bases->len && n_recipients == self->plan->recipients->len)
    {
      for (guint i = 0; i < self->list_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->list_rows, i);
          ListRowData *d = g_object_get_data (G_OBJECT (row), "td-list-data");
          const char *value = g_ptr_array_index (plan_list (self, d->recipients), d->index);

          if (g_strcmp0 (value, gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
            {
              g_signal_handlers_block_by_func (row, list_entry_changed_cb, d);
              gtk_editable_set_text (GTK_EDITABLE (row), value);
              g_signal_handlers_unblock_by_func (row, list_entry_changed_cb, d);
            }
        }
      return;
    }
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);
      ListRowData *d = g_object_get_data (G_OBJECT (row), "td-list-data");
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (d->recipients ? self->recipients_group
                                                                         : self->legal_group), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);
  fill_list (self, self->legal_group, FALSE);
  fill_list (self, self->recipients_group, TRUE);
}

static GtkWidget *
add_button (TdPlanPage *self,
            const char *tooltip,
            gboolean    recipients)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "recipients", GINT_TO_POINTER (recipients));
  g_signal_connect (button, "clicked", G_CALLBACK (list_add_cb), self);
  return button;
}

/* Windows: both ends are dates; an end before its start is marked */

static void
check_windows (TdPlanPage *self)
{
  for (guint w = 0; w < TD_N_WINDOWS; w++)
    {
      TdDate *range = self->plan->params.windows[w];
      gboolean bad = range[0] != TD_DATE_NONE && range[1] != TD_DATE_NONE && range[1] < range[0];
      GtkWidget *row = self->window_rows[w];

      if (row == NULL)
        continue;
      if (bad)
        {
          gtk_widget_add_css_class (row, "error");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The window ends before it starts"));
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_object_get_data (G_OBJECT (row), "td-subtitle"));
        }
    }
}

static GtkWidget *
date_entry (TdPlanPage *self,
            gsize       offset,
            const char *label,
            const char *accessible)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("dd/mm/yyyy"));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  td_bind_date (GTK_EDITABLE (entry), self->plan, NULL, NULL, offset, label);
  return entry;
}

static void
metadata_changed_cb (TdPlanPage *self)
{
  rebuild_lists (self);
  check_windows (self);
}

static void
build (TdPlanPage *self)
{
  static const struct { const char *title; const char *subtitle; } windows[TD_N_WINDOWS] = {
    { N_("Grassroots conferences"), N_("Communes, wards, schools, hospitals, centres: Quarter I of 2020") },
    { N_("Upper-level conferences"), N_("Districts, cities, departments, organisations: Quarter II of 2020") },
    { N_("Provincial pilot conferences"), N_("Gò Dầu district and the Department of Culture, Sports and Tourism: early Quarter II") },
    { N_("Provincial congress"), N_("Quarter III of 2020") },
  };
  TdPlan *plan = self->plan;
  GtkWidget *group, *row, *spin;

  self->preferences = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), self->preferences);
  g_ptr_array_set_size (self->list_rows, 0);
  memset (self->window_rows, 0, sizeof self->window_rows);

  group = group_new (self, _("Document"), _("How the plan is numbered, dated and signed when printed."));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Title"), NULL)), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, title), _("Edit title"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Number"), _("For example 121/KH-UBND"))), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, number), _("Edit number"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Superior body"), _("Printed above the issuing body; may be empty"))),
                  plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, superior), _("Edit superior body"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Issuing body"), _("For example UBND TỈNH TÂY NINH"))), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, issuer), _("Edit issuing body"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Place"), NULL)), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, place), _("Edit place"));
  row = entry_row (group, _("Date (dd/mm/yyyy)"), NULL);
  td_bind_date (GTK_EDITABLE (row), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, date), _("Edit date"));

  group = group_new (self, _("Signer"), _("The signature block: authority, deputy prefix, title and name."));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Authority"), _("For example TM. ỦY BAN NHÂN DÂN"))), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, signer_authority), _("Edit signer"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Deputy prefix"), _("For example KT. CHỦ TỊCH; empty when the head signs"))),
                  plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, signer_deputy), _("Edit signer"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Signer's title"), _("For example PHÓ CHỦ TỊCH"))), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, signer_title), _("Edit signer"));
  td_bind_string (GTK_EDITABLE (entry_row (group, _("Signer's name"), NULL)), plan, NULL, NULL,
                  G_STRUCT_OFFSET (TdPlan, signer_name), _("Edit signer"));

  self->legal_group = group_new (self, _("Legal Bases"), _("The “Căn cứ …” paragraphs at the head of the plan."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->legal_group),
                                           add_button (self, _("Add a legal basis"), FALSE));
  self->recipients_group = group_new (self, _("Recipients"), _("The “Nơi nhận” list printed under the plan."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->recipients_group),
                                           add_button (self, _("Add a recipient"), TRUE));
  fill_list (self, self->legal_group, FALSE);
  fill_list (self, self->recipients_group, TRUE);

  group = group_new (self, _("Parameters"), _("The numbers the rules check. Other provinces and later cycles use other values."));
  spin_row (group, _("Plenary conference below"), _("Grassroots units with fewer staff hold a plenary conference"),
            1, 100000, &spin);
  td_bind_int (GTK_SPIN_BUTTON (spin), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, params.plenary_staff_threshold),
               _("Edit plenary threshold"));
  spin_row (group, _("Grassroots delegate cap"), _("At most this many delegates at a grassroots representative conference"),
            1, 100000, &spin);
  td_bind_int (GTK_SPIN_BUTTON (spin), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, params.grassroots_delegate_cap),
               _("Edit grassroots cap"));
  spin_row (group, _("Upper-level delegate cap"), _("At most this many delegates at an upper-level conference"),
            1, 100000, &spin);
  td_bind_int (GTK_SPIN_BUTTON (spin), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, params.upper_delegate_cap),
               _("Edit upper-level cap"));
  spin_row (group, _("Leaders at most (%)"), _("The share of leaders among convened delegates"), 0, 100, &spin);
  td_bind_int (GTK_SPIN_BUTTON (spin), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, params.leader_share_max_percent),
               _("Edit leader share"));
  spin_row (group, _("Half a day (minutes)"), _("The longest agenda of a half-day conference"), 1, 1440, &spin);
  td_bind_int (GTK_SPIN_BUTTON (spin), plan, NULL, NULL, G_STRUCT_OFFSET (TdPlan, params.half_day_minutes),
               _("Edit half-day length"));

  self->windows_group = group_new (self, _("Level Windows"), _("When each level's conferences take place (first and last day)."));
  for (guint w = 0; w < TD_N_WINDOWS; w++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *from_name = g_strdup_printf (_("%s: first day"), _(windows[w].title));
      g_autofree char *to_name = g_strdup_printf (_("%s: last day"), _(windows[w].title));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(windows[w].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(windows[w].subtitle));
      g_object_set_data (G_OBJECT (row), "td-subtitle", (gpointer) _(windows[w].subtitle));
      gtk_box_append (GTK_BOX (box), date_entry (self, G_STRUCT_OFFSET (TdPlan, params.windows) + (2 * w) * sizeof (TdDate),
                                                  _("Edit level window"), from_name));
      gtk_box_append (GTK_BOX (box), gtk_label_new ("–"));
      gtk_box_append (GTK_BOX (box), date_entry (self, G_STRUCT_OFFSET (TdPlan, params.windows) + (2 * w + 1) * sizeof (TdDate),
                                                  _("Edit level window"), to_name));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->windows_group), row);
      self->window_rows[w] = row;
    }
  check_windows (self);

  group = group_new (self, _("Milestones"), _("The fixed dates of the plan, shown on the timeline."));
  for (guint i = 0; i < plan->milestones->len; i++)
    {
      TdMilestone *m = g_ptr_array_index (plan->milestones, i);
      g_autofree char *from = td_date_format_short (m->start);
      g_autofree char *to = td_date_format_short (m->end);
      g_autofree char *when = m->end != m->start ? g_strdup_printf ("%s – %s", from, to) : g_strdup (from);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->id, m->title);
      GtkWidget *label = gtk_label_new (when);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), m->actor);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (plan->milestones->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("This plan has no milestones"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

void
td_plan_page_set_plan (TdPlanPage *self,
                       TdPlan     *plan)
{
  g_return_if_fail (TD_IS_PLAN_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    {
      build (self);
      g_signal_connect_swapped (plan, "metadata-changed", G_CALLBACK (metadata_changed_cb), self);
    }
  else
    adw_bin_set_child (ADW_BIN (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
td_plan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      td_plan_page_set_plan (TD_PLAN_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_plan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, TD_PLAN_PAGE (object)->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_plan_page_dispose (GObject *object)
{
  TdPlanPage *self = TD_PLAN_PAGE (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (td_plan_page_parent_class)->dispose (object);
}

static void
td_plan_page_class_init (TdPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_plan_page_dispose;
  object_class->set_property = td_plan_page_set_property;
  object_class->get_property = td_plan_page_get_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, TD_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_plan_page_init (TdPlanPage *self)
{
  self->list_rows = g_ptr_array_new ();
}
