/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "td-cli.h"
#include "td-date.h"
#include "td-plan.h"
#include "td-rules.h"
#include "td-store.h"

static void
print_json (GPtrArray *violations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "violations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < violations->len; i++)
    json_builder_add_value (builder, td_violation_to_json (g_ptr_array_index (violations, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_text (TdPlan    *plan,
            GPtrArray *violations)
{
  guint counts[TD_SEVERITY_ERROR + 1] = { 0 };

  for (guint i = 0; i < violations->len; i++)
    {
      TdViolation *v = g_ptr_array_index (violations, i);
      TdUnit *unit = v->unit != NULL ? td_plan_get_unit (plan, v->unit) : NULL;

      counts[v->severity]++;
      /* "error R-CAP1 c-thanh-phuoc (UBND xã Thanh Phước): …" */
      printf ("%s %s %s (%s): %s\n",
              td_severity_label (v->severity), v->rule,
              v->conference != NULL ? v->conference : "-",
              unit != NULL ? unit->name : (v->unit != NULL ? v->unit : ""),
              v->message);
    }

  if (violations->len == 0)
    printf ("%s\n", _("No problems found."));
  else
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                              "%u errors",
                                                              counts[TD_SEVERITY_ERROR]),
                                                 counts[TD_SEVERITY_ERROR]);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                                "%u warnings",
                                                                counts[TD_SEVERITY_WARNING]),
                                                   counts[TD_SEVERITY_WARNING]);
      g_autofree char *infos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note",
                                                             "%u notes",
                                                             counts[TD_SEVERITY_INFO]),
                                                counts[TD_SEVERITY_INFO]);

      /* TRANSLATORS: "2 errors, 5 warnings, 1 note" */
      printf (_("%s, %s, %s\n"), errors, warnings, infos);
    }
}

int
td_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_text = NULL;
  gboolean json = FALSE;
  TdDate today;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the violations as JSON: {\"violations\": [{\"rule\", \"severity\", \"conference\", "
         "\"unit\", \"field\", \"people\", \"message\"}]}"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Check the deadlines (R-SUBMIT) as on this day instead of today"), "YYYY-MM-DD" },
    { NULL }
  };

  context = g_option_context_new ("PLAN");
  g_option_context_set_summary (context,
                                _("Applies every rule of the plan to every conference and lists "
                                  "the problems found, with what would fix them.\n\n"
                                  "Exit status: 0 no errors (warnings allowed), 1 rule errors, "
                                  "2 unusable input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  if (argc != 2)
    {
      td_cli_error (_("check: expected one plan file (thidua-cli check PLAN [--json])"));
      return TD_CLI_BAD_INPUT;
    }

  if (today_text != NULL)
    {
      if (!td_date_parse_iso (today_text, &today))
        {
          td_cli_error (_("check: --today: “%s” is not a date (YYYY-MM-DD)"), today_text);
          return TD_CLI_BAD_INPUT;
        }
    }
  else
    today = td_rules_today ();

  plan = td_plan_load_file (argv[1], &error);
  if (plan == NULL)
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  violations = td_rules_check_plan (plan, today);
  if (json)
    print_json (violations);
  else
    print_text (plan, violations);

  return td_violations_count_errors (violations) > 0 ? TD_CLI_RULE_ERRORS : TD_CLI_OK;
}
