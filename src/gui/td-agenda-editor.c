/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "td-agenda-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "td-agenda-editor.h"
#include "td-bind.h"
#include "td-date.h"

#define DEFAULT_START (7 * 60 + 30)

struct _TdAgendaEditor
{
  AdwBin        parent_instance;

  AdwPreferencesGroup *group;
  GtkListBox   *list;
  GtkLabel     *total_label;

  TdPlan       *plan;
  TdConference *conference;
  int           expanded;     /* position of the open row, kept across rebuilds of the list */
  gboolean      focus_title;  /* a new item: put the cursor in its title */
};

G_DEFINE_FINAL_TYPE (TdAgendaEditor, td_agenda_editor, ADW_TYPE_BIN)

/* The widgets of one row, kept on the row. */
typedef struct
{
  TdAgendaEditor *editor;   /* not owned */
  TdAgendaItem   *item;
  GtkWidget      *start_label;
  GtkWidget      *minutes_spin;
  GtkWidget      *kind_row;
  GtkWidget      *vetted_row;
  GtkWidget      *title_row;
  GtkWidget      *up_button;
  GtkWidget      *down_button;
  GtkWidget      *remove_button;
  gboolean        updating;
} RowData;

static void
row_data_free (RowData *data)
{
  g_clear_object (&data->item);
  g_free (data);
}

char *
td_agenda_format_minutes (int minutes)
{
  int h = minutes / 60, m = minutes % 60;

  if (h > 0 && m > 0)
    return g_strdup_printf (_("%d h %d min"), h, m);
  if (h > 0)
    return g_strdup_printf (_("%d h"), h);
  return g_strdup_printf (_("%d min"), m);
}

static guint
n_items (TdAgendaEditor *self)
{
  return self->conference ? g_list_model_get_n_items (G_LIST_MODEL (self->conference->agenda)) : 0;
}

static void
update_row (GtkWidget *row)
{
  RowData *d = g_object_get_data (G_OBJECT (row), "td-row");
  TdAgendaItem *item = d->item;
  g_autofree char *start = td_time_to_string (item->start);
  g_autofree char *length = td_agenda_format_minutes (item->minutes);
  GString *subtitle = g_string_new (NULL);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  d->updating = TRUE;
  gtk_label_set_text (GTK_LABEL (d->start_label), start ? start : "--:--");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 item->title && *item->title ? item->title : _("Untitled item"));
  if (item->kind == TD_ITEM_KIND_TALK)
    {
      g_string_append (subtitle, _("Talk"));
      g_string_append (subtitle, " · ");
    }
  g_string_append (subtitle, length);
  if (item->presenter && *item->presenter)
    {
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, item->presenter);
    }
  if (item->kind == TD_ITEM_KIND_TALK && !item->vetted)
    {
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("not vetted yet"));
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  if (d->title_row == NULL)
    {
      d->updating = FALSE;
      return;
    }
  if ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->minutes_spin)) != item->minutes)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->minutes_spin), item->minutes);
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (d->kind_row)) != (guint) item->kind)
    adw_combo_row_set_selected (ADW_COMBO_ROW (d->kind_row), item->kind);
  gtk_widget_set_visible (d->vetted_row, item->kind == TD_ITEM_KIND_TALK);
  /* Rows after an inserted or removed one move: their buttons follow. */
  if (index >= 0)
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (d->up_button), g_variant_new_uint32 (index));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (d->down_button), g_variant_new_uint32 (index));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (d->remove_button), g_variant_new_uint32 (index));
    }
  gtk_widget_set_sensitive (d->up_button, index > 0);
  gtk_widget_set_sensitive (d->down_button, index >= 0 && (guint) index + 1 < n_items (d->editor));
  d->updating = FALSE;
}

static void
update_total (TdAgendaEditor *self)
{
  int total = td_conference_agenda_minutes (self->conference);
  int limit = self->plan->params.half_day_minutes;
  g_autofree char *a = td_agenda_format_minutes (total);
  g_autofree char *b = td_agenda_format_minutes (limit);
  g_autofree char *text = NULL;

  /* R-HALFDAY */
  if (total > limit)
    text = g_strdup_printf (_("%s of %s: longer than half a day"), a, b);
  else
    text = g_strdup_printf (_("%s of %s"), a, b);
  gtk_label_set_text (self->total_label, text);
  if (total > limit)
    gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "warning");
}

static void
refresh (TdAgendaEditor *self)
{
  if (self->conference == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "td-row") != NULL)
      update_row (row);
  update_total (self);
}

static void
conference_changed_cb (TdAgendaEditor *self)
{
  refresh (self);
}

/* Edits of one item that move the items after it (same undo step) */

static void
minutes_changed_cb (GtkSpinButton *spin,
                    GtkWidget     *row)
{
  RowData *d = g_object_get_data (G_OBJECT (row), "td-row");
  TdAgendaEditor *self = d->editor;
  int value = (int) gtk_spin_button_get_value (spin);
  g_autofree char *key = NULL;

  if (d->updating || self->conference == NULL || value == d->item->minutes || td_plan_in_edit (self->plan))
    return;
  key = g_strdup_printf ("%p:minutes", d->item);
  td_plan_begin_merging (self->plan, _("Edit item length"), key);
  td_plan_touch (self->plan, self->conference);
  d->item->minutes = value;
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);
}

static void
kind_selected_cb (AdwComboRow *combo,
                  GParamSpec  *pspec,
                  GtkWidget   *row)
{
  RowData *d = g_object_get_data (G_OBJECT (row), "td-row");
  TdAgendaEditor *self = d->editor;
  guint selected = adw_combo_row_get_selected (combo);

  if (d->updating || self->conference == NULL || selected == GTK_INVALID_LIST_POSITION ||
      (TdItemKind) selected == d->item->kind || td_plan_in_edit (self->plan))
    return;
  td_plan_begin (self->plan, _("Change item kind"));
  td_plan_touch (self->plan, self->conference);
  d->item->kind = (TdItemKind) selected;
  if (d->item->kind != TD_ITEM_KIND_TALK)
    d->item->vetted = FALSE;
  td_plan_commit (self->plan);
}

static void fill_row (GtkWidget *row);

static void
expanded_cb (GtkWidget      *row,
             GParamSpec     *pspec,
             TdAgendaEditor *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    {
      fill_row (row);
      self->expanded = index;
    }
  else if (self->expanded == index)
    self->expanded = -1;
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             guint       position)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (position));
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The fields of an item are built the first time its row opens: a closed agenda is cheap. */
static void
fill_row (GtkWidget *row)
{
  RowData *d = g_object_get_data (G_OBJECT (row), "td-row");
  TdAgendaEditor *self = d->editor;
  TdAgendaItem *item = d->item;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *entry, *sub, *box;
  guint position = MAX (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), 0);

  if (d->title_row != NULL)
    return;

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Title"));
  td_bind_string (GTK_EDITABLE (entry), self->plan, item, self->conference,
                  G_STRUCT_OFFSET (TdAgendaItem, title), _("Edit agenda item"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
  d->title_row = entry;

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Presenter"));
  td_bind_string (GTK_EDITABLE (entry), self->plan, item, self->conference,
                  G_STRUCT_OFFSET (TdAgendaItem, presenter), _("Edit presenter"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);

  sub = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sub), _("Length (minutes)"));
  d->minutes_spin = gtk_spin_button_new_with_range (0, 600, 5);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (d->minutes_spin), 5, 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->minutes_spin), item->minutes);
  gtk_widget_set_valign (d->minutes_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->minutes_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Length in minutes"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (sub), d->minutes_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (sub), d->minutes_spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), sub);

  d->kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->kind_row), _("Kind"));
  /* Positions are the TdItemKind values. */
  gtk_string_list_append (kinds, _("Item"));
  gtk_string_list_append (kinds, _("Talk (tham luận)"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->kind_row), item->kind);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), d->kind_row);

  d->vetted_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->vetted_row), _("Vetted by the Council"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (d->vetted_row),
                               _("A talk is vetted by the emulation and commendation council before it is given"));
  {
    GtkWidget *check = gtk_check_button_new ();

    gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Vetted by the council"), -1);
    td_bind_bool (check, self->plan, item, self->conference, G_STRUCT_OFFSET (TdAgendaItem, vetted),
                  _("Edit vetted flag"));
    adw_action_row_add_prefix (ADW_ACTION_ROW (d->vetted_row), check);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (d->vetted_row), check);
  }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), d->vetted_row);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  d->up_button = icon_button ("go-up-symbolic", _("Move Up"), "agenda.move-up", position);
  d->down_button = icon_button ("go-down-symbolic", _("Move Down"), "agenda.move-down", position);
  gtk_box_append (GTK_BOX (box), d->up_button);
  gtk_box_append (GTK_BOX (box), d->down_button);
  {
    GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Item"));

    gtk_widget_set_hexpand (remove, TRUE);
    gtk_widget_set_halign (remove, GTK_ALIGN_END);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "agenda.remove");
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_uint32 (position));
    gtk_widget_add_css_class (remove, "flat");
    gtk_widget_add_css_class (remove, "error");
    gtk_box_append (GTK_BOX (box), remove);
    d->remove_button = remove;
  }
  {
    GtkWidget *tools = gtk_list_box_row_new ();

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (tools), FALSE);
    gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (tools), FALSE);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (tools), box);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), tools);
  }

  g_signal_connect (d->minutes_spin, "value-changed", G_CALLBACK (minutes_changed_cb), row);
  g_signal_connect (d->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), row);
  update_row (row);
}

static GtkWidget *
create_row_cb (gpointer item_ptr,
               gpointer user_data)
{
  TdAgendaEditor *self = TD_AGENDA_EDITOR (user_data);
  TdAgendaItem *item = TD_AGENDA_ITEM (item_ptr);
  GtkWidget *row = adw_expander_row_new ();
  RowData *d = g_new0 (RowData, 1);
  guint position = 0;

  g_list_store_find (self->conference->agenda, item, &position);
  d->editor = self;
  d->item = g_object_ref (item);
  g_object_set_data_full (G_OBJECT (row), "td-row", d, (GDestroyNotify) row_data_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  d->start_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (d->start_label, "numeric");
  gtk_widget_add_css_class (d->start_label, "dim-label");
  gtk_widget_set_tooltip_text (d->start_label, _("Starts at"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), d->start_label);

  if ((int) position == self->expanded)
    {
      fill_row (row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_cb), self);
  return row;
}

/* After the list box created its rows: fill them, now that they know their positions. */
static void
agenda_items_changed_cb (TdAgendaEditor *self)
{
  refresh (self);
  if (self->focus_title && self->expanded >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, self->expanded);
      RowData *d = row ? g_object_get_data (G_OBJECT (row), "td-row") : NULL;

      self->focus_title = FALSE;
      if (d != NULL)
        gtk_widget_grab_focus (d->title_row);
    }
}

/* Actions */

static void
insert_item (TdAgendaEditor *self,
             TdItemKind      kind)
{
  g_autoptr(TdAgendaItem) item = NULL;
  guint n = n_items (self);
  guint position;

  if (self->conference == NULL || td_plan_in_edit (self->plan))
    return;
  /* The printed agenda is in Vietnamese: a new talk carries the Vietnamese word. */
  item = kind == TD_ITEM_KIND_TALK ? td_agenda_item_new ("Tham luận", 10, kind)
                                   : td_agenda_item_new ("", 15, kind);
  /* After the open item (a talk after the talks item, usually), or at the end. */
  position = self->expanded >= 0 && (guint) self->expanded < n ? (guint) self->expanded + 1 : n;
  self->expanded = (int) position;
  self->focus_title = TRUE;
  td_plan_begin (self->plan, kind == TD_ITEM_KIND_TALK ? _("Add talk") : _("Add agenda item"));
  td_plan_touch (self->plan, self->conference);
  g_list_store_insert (self->conference->agenda, position, item);
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  insert_item (TD_AGENDA_EDITOR (widget), TD_ITEM_KIND_ITEM);
}

static void
add_talk_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  insert_item (TD_AGENDA_EDITOR (widget), TD_ITEM_KIND_TALK);
}

static void
remove_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TdAgendaEditor *self = TD_AGENDA_EDITOR (widget);
  guint position = g_variant_get_uint32 (param);

  if (self->conference == NULL || position >= n_items (self) || td_plan_in_edit (self->plan))
    return;
  if (self->expanded == (int) position)
    self->expanded = -1;
  else if (self->expanded > (int) position)
    self->expanded--;
  td_plan_begin (self->plan, _("Remove agenda item"));
  td_plan_touch (self->plan, self->conference);
  g_list_store_remove (self->conference->agenda, position);
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);
}

static void
move_item (TdAgendaEditor *self,
           guint           position,
           int             delta)
{
  g_autoptr(TdAgendaItem) item = NULL;
  guint target;
  GtkListBoxRow *row;
  RowData *d;

  if (self->conference == NULL || position >= n_items (self) || td_plan_in_edit (self->plan))
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n_items (self)))
    return;
  target = position + delta;
  item = g_list_model_get_item (G_LIST_MODEL (self->conference->agenda), position);
  if (self->expanded == (int) position)
    self->expanded = (int) target;
  else if (self->expanded == (int) target)
    self->expanded = (int) position;
  td_plan_begin (self->plan, _("Reorder agenda"));
  td_plan_touch (self->plan, self->conference);
  g_list_store_remove (self->conference->agenda, position);
  g_list_store_insert (self->conference->agenda, target, item);
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);

  /* Keep the keyboard on the button that was pressed, now in the moved row. */
  row = gtk_list_box_get_row_at_index (self->list, target);
  d = row ? g_object_get_data (G_OBJECT (row), "td-row") : NULL;
  if (d != NULL && d->up_button != NULL)
    {
      GtkWidget *button = delta < 0 ? d->up_button : d->down_button;

      if (!gtk_widget_get_sensitive (button))
        button = delta < 0 ? d->down_button : d->up_button;
      gtk_widget_grab_focus (button);
    }
}

static void
move_up_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  move_item (TD_AGENDA_EDITOR (widget), g_variant_get_uint32 (param), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  move_item (TD_AGENDA_EDITOR (widget), g_variant_get_uint32 (param), +1);
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TdAgendaEditor   *self)
{
  g_autoptr(GPtrArray) items = NULL;

  if (g_strcmp0 (response, "reset") != 0 || self->conference == NULL || td_plan_in_edit (self->plan))
    return;
  items = td_agenda_template_new (self->conference->start >= 0 ? self->conference->start : DEFAULT_START);
  self->expanded = -1;
  td_plan_begin (self->plan, _("Reset agenda"));
  td_plan_touch (self->plan, self->conference);
  g_list_store_splice (self->conference->agenda, 0, n_items (self), items->pdata, items->len);
  td_conference_retime_agenda (self->conference);
  td_plan_commit (self->plan);
}

static void
reset_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  TdAgendaEditor *self = TD_AGENDA_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->conference == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Reset the Agenda?"),
                                   _("The agenda is replaced by the eight items of the plan's template. "
                                     "Items, talks and presenters entered here are removed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_agenda_editor_set_conference (TdAgendaEditor *self,
                                 TdPlan         *plan,
                                 TdConference   *conference)
{
  g_return_if_fail (TD_IS_AGENDA_EDITOR (self));

  if (self->plan == plan && self->conference == conference)
    return;
  if (self->conference != NULL)
    g_signal_handlers_disconnect_by_data (self->conference, self);
  if (self->conference != NULL)
    g_signal_handlers_disconnect_by_data (self->conference->agenda, self);
  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_set_object (&self->plan, plan);
  g_set_object (&self->conference, conference);
  self->expanded = -1;
  self->focus_title = FALSE;
  if (conference == NULL)
    return;
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (conference->agenda), create_row_cb, self, NULL);
  /* Connected after the list box's own handler, so the rows exist when this runs. */
  g_signal_connect_swapped (conference->agenda, "items-changed", G_CALLBACK (agenda_items_changed_cb), self);
  g_signal_connect_swapped (conference, "changed", G_CALLBACK (conference_changed_cb), self);
  refresh (self);
}

GtkWidget *
td_agenda_editor_new (void)
{
  return g_object_new (TD_TYPE_AGENDA_EDITOR, NULL);
}

static void
td_agenda_editor_dispose (GObject *object)
{
  TdAgendaEditor *self = TD_AGENDA_EDITOR (object);

  if (self->conference != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conference, self);
      g_signal_handlers_disconnect_by_data (self->conference->agenda, self);
    }
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->conference);
  g_clear_object (&self->plan);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_AGENDA_EDITOR);
  G_OBJECT_CLASS (td_agenda_editor_parent_class)->dispose (object);
}

static void
td_agenda_editor_class_init (TdAgendaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_agenda_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Planner/td-agenda-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdAgendaEditor, group);
  gtk_widget_class_bind_template_child (widget_class, TdAgendaEditor, list);
  gtk_widget_class_bind_template_child (widget_class, TdAgendaEditor, total_label);

  gtk_widget_class_install_action (widget_class, "agenda.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "agenda.add-talk", NULL, add_talk_action);
  gtk_widget_class_install_action (widget_class, "agenda.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "agenda.remove", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "agenda.move-up", "u", move_up_action);
  gtk_widget_class_install_action (widget_class, "agenda.move-down", "u", move_down_action);
}

static void
td_agenda_editor_init (TdAgendaEditor *self)
{
  self->expanded = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}
