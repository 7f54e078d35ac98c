/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "td-cli.h"
#include "td-error.h"
#include "td-people-import.h"
#include "td-plan.h"
#include "td-store.h"

#define MAX_LISTED 20

static gboolean
parse_options (GOptionContext   *context,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      td_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
store_error_cb (TdStore      *store,
                const GError *error,
                GError      **out)
{
  if (*out == NULL)
    *out = g_error_copy (error);
}

int
td_cli_import_people (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(TdStore) store = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdPeopleImport) result = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *bytes = NULL;
  TdPeopleImportOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file's encoding: utf-8, utf-16, cp1258, tcvn3, tcvn3-caps, vni or viqr "
         "(detected when not given)"), "E" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("The unit (its id) of the rows that name none"), "ID" },
    { NULL }
  };
  GPtrArray *duplicates;
  const char *plan_path, *csv_path;
  gsize len;
  guint n;

  context = g_option_context_new ("PLAN.thidua FILE.csv");
  g_option_context_set_summary (context,
                                _("Imports people from a CSV file (comma, semicolon or tab separated) "
                                  "into a plan file: every row or none. Rows that repeat a person "
                                  "already in the plan (same name, year of birth and unit) are "
                                  "skipped and listed.\n\n"
                                  "Exit status: 0 imported, 2 rejected (nothing imported)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return TD_CLI_BAD_INPUT;

  if (argc != 3)
    {
      td_cli_error (_("import-people: expected a plan file and a CSV file "
                      "(thidua-cli import-people PLAN.thidua FILE.csv [--encoding E] [--unit ID])"));
      return TD_CLI_BAD_INPUT;
    }
  plan_path = argv[1];
  csv_path = argv[2];

  if (encoding_name != NULL)
    {
      if (!td_encoding_from_name (encoding_name, &options.encoding))
        {
          td_cli_error (_("import-people: unknown encoding “%s” (use utf-8, utf-16, cp1258, tcvn3, "
                          "tcvn3-caps, vni or viqr)"), encoding_name);
          return TD_CLI_BAD_INPUT;
        }
      options.force_encoding = TRUE;
    }

  if (!g_str_has_suffix (plan_path, ".thidua") && !g_str_has_suffix (plan_path, ".THIDUA"))
    {
      td_cli_error (_("%s: people are imported into a .thidua plan file "
                      "(convert a .json plan first: thidua-cli convert IN.json OUT.thidua)"), plan_path);
      return TD_CLI_BAD_INPUT;
    }

  if (!g_file_get_contents (csv_path, &bytes, &len, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  store = td_store_open (plan_path, &error);
  if (store != NULL)
    plan = td_store_load (store, &error);
  if (plan == NULL)
    {
      td_cli_error ("%s: %s", plan_path, error->message);
      return TD_CLI_BAD_INPUT;
    }
  if (td_store_is_read_only (store))
    {
      td_cli_error (_("%s: the plan file cannot be written"), plan_path);
      return TD_CLI_BAD_INPUT;
    }
  if (unit != NULL && td_plan_get_unit (plan, unit) == NULL)
    {
      td_cli_error (_("import-people: --unit: the plan has no unit with the id “%s”"), unit);
      return TD_CLI_BAD_INPUT;
    }
  options.target_unit = unit;

  td_store_attach (store, plan);
  g_signal_connect (store, "error", G_CALLBACK (store_error_cb), &store_error);

  if (!td_people_import_run (plan, bytes, len, &options, NULL, NULL, NULL, &result, &error))
    {
      td_cli_error ("%s: %s", csv_path, error->message);
      return TD_CLI_BAD_INPUT;
    }
  if (store_error != NULL)
    {
      /* The store writes the whole edit in one transaction: nothing of it reached the file. */
      td_cli_error ("%s: %s", plan_path, store_error->message);
      return TD_CLI_BAD_INPUT;
    }
  td_store_close (store);

  n = td_people_import_get_n_people (result);
  duplicates = td_people_import_get_duplicates (result);
  {
    g_autofree char *imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "imported %u person",
                                                              "imported %u people", n), n);
    g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "skipped %u duplicate",
                                                             "skipped %u duplicates", duplicates->len),
                                                duplicates->len);

    /* TRANSLATORS: "imported 6 people, skipped 1 duplicate" */
    printf (_("%s, %s\n"), imported, skipped);
  }
  /* The first ones say what happened; thousands of lines would bury the summary. */
  for (guint i = 0; i < duplicates->len && i < MAX_LISTED; i++)
    {
      TdPeopleDuplicate *d = g_ptr_array_index (duplicates, i);

      if (d->person_id != NULL)
        /* TRANSLATORS: "  line 5: Lê Thị Hoà is in the plan already (p012)" */
        printf (_("  line %u: %s is in the plan already (%s)\n"), d->line, d->name, d->person_id);
      else
        printf (_("  line %u: %s repeats line %u\n"), d->line, d->name, d->first_line);
    }
  if (duplicates->len > MAX_LISTED)
    printf (g_dngettext (GETTEXT_PACKAGE, "  … and %u more\n", "  … and %u more\n",
                         duplicates->len - MAX_LISTED), duplicates->len - MAX_LISTED);
  return TD_CLI_OK;
}

static void
print_json (GPtrArray *people)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonArray *array = json_array_sized_new (people->len);

  for (guint i = 0; i < people->len; i++)
    json_array_add_element (array, td_person_to_json (g_ptr_array_index (people, i)));
  json_node_take_array (root, array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_text (TdPlan    *plan,
            GPtrArray *people)
{
  for (guint i = 0; i < people->len; i++)
    {
      TdPerson *p = g_ptr_array_index (people, i);
      TdUnit *unit = p->unit != NULL ? td_plan_get_unit (plan, p->unit) : NULL;
      g_autofree char *name = td_person_dup_full_name (p);
      char year[16] = "";

      if (p->birth_year > 0)
        g_snprintf (year, sizeof year, "%d", p->birth_year);
      /* Tab-separated, one person a line, for reading and for cut/awk alike. */
      printf ("%s\t%s\t%s\t%s\t%s\t%s%s\n", p->id, name, year,
              p->gender != TD_GENDER_UNKNOWN ? td_gender_label (p->gender) : "",
              unit != NULL ? unit->name : (p->unit ? p->unit : ""),
              p->position ? p->position : "",
              p->leader ? _("\tleader") : "");
    }
}

int
td_cli_people (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GPtrArray) people = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of person objects as in the interchange format"), NULL },
    { NULL }
  };

  context = g_option_context_new ("PLAN");
  g_option_context_set_summary (context,
                                _("Lists the people of a plan in official order: by given name (tên), "
                                  "then family and middle names (họ và tên đệm), in the Vietnamese "
                                  "alphabet. One person a line: id, name, year of birth, gender, unit, "
                                  "position, and “leader” for leaders, separated by tabs.\n\n"
                                  "Exit status: 0 success, 2 unusable input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return TD_CLI_BAD_INPUT;

  if (argc != 2)
    {
      td_cli_error (_("people: expected one plan file (thidua-cli people PLAN [--json])"));
      return TD_CLI_BAD_INPUT;
    }

  plan = td_plan_load_file (argv[1], &error);
  if (plan == NULL)
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  people = td_people_sorted (plan);
  if (json)
    print_json (people);
  else
    print_text (plan, people);
  return TD_CLI_OK;
}
