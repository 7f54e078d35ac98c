/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-cli.h"
#include "td-error.h"
#include "td-plan.h"
#include "td-store.h"

static gboolean
has_plan_extension (const char *path)
{
  return g_str_has_suffix (path, ".thidua") || g_str_has_suffix (path, ".THIDUA");
}

static gboolean
has_json_extension (const char *path)
{
  return g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
}

/* Parses the options of a command; returns FALSE (after printing one line) on bad usage. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      td_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
td_cli_new (int    argc,
            char **argv)
{
  g_autofree char *template = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template,
      N_("The plan to start from: tay-ninh-2019 (the sample plan, default) or empty"), "NAME" },
    { NULL }
  };
  const char *path;

  context = g_option_context_new ("new FILE.thidua");
  g_option_context_set_summary (context,
                                _("Creates a new plan file. FILE may also end in .json. "
                                  "An existing FILE is never replaced."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return TD_CLI_BAD_INPUT;

  if (argc != 2)
    {
      td_cli_error (_("new: expected one file name (thidua-cli new FILE.thidua [--template tay-ninh-2019|empty])"));
      return TD_CLI_BAD_INPUT;
    }
  path = argv[1];
  if (!has_plan_extension (path) && !has_json_extension (path))
    {
      td_cli_error (_("%s: the file name must end in .thidua or .json"), path);
      return TD_CLI_BAD_INPUT;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      td_cli_error (_("%s: the file already exists; choose another name"), path);
      return TD_CLI_BAD_INPUT;
    }

  if (template == NULL || g_str_equal (template, "tay-ninh-2019"))
    plan = td_plan_new_sample (&error);
  else if (g_str_equal (template, "empty"))
    plan = td_plan_new_empty ();
  else
    {
      td_cli_error (_("new: unknown template “%s” (use tay-ninh-2019 or empty)"), template);
      return TD_CLI_BAD_INPUT;
    }
  if (plan == NULL)
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  if (!td_plan_save_file (plan, path, FALSE, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }
  return TD_CLI_OK;
}

/* Whether @a and @b name the same existing file. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
td_cli_convert (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT even when it is an existing .thidua plan file"), NULL },
    { NULL }
  };
  const char *in, *out;
  gboolean overwrite;

  context = g_option_context_new ("convert IN OUT");
  g_option_context_set_summary (context,
                                _("Converts a plan between the JSON interchange format (.json) and the "
                                  "plan file (.thidua); the kind of each file is given by its extension, "
                                  "and .json to .json or .thidua to .thidua also work.\n\n"
                                  "An existing OUT.json is replaced (it is an export, written anew each "
                                  "time). An existing OUT.thidua is a working plan that may hold edits: "
                                  "it is replaced only with --force. Nothing is written when IN is "
                                  "unusable; the error names the file and, for JSON, the path of the "
                                  "bad value."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return TD_CLI_BAD_INPUT;

  if (argc != 3)
    {
      td_cli_error (_("convert: expected two file names (thidua-cli convert IN OUT)"));
      return TD_CLI_BAD_INPUT;
    }
  in = argv[1];
  out = argv[2];

  for (int i = 1; i <= 2; i++)
    if (!has_plan_extension (argv[i]) && !has_json_extension (argv[i]))
      {
        td_cli_error (_("%s: the file name must end in .thidua or .json"), argv[i]);
        return TD_CLI_BAD_INPUT;
      }
  if (g_strcmp0 (in, out) == 0 || same_file (in, out))
    {
      td_cli_error (_("convert: IN and OUT are the same file"));
      return TD_CLI_BAD_INPUT;
    }
  overwrite = has_json_extension (out) || force;
  if (!overwrite && g_file_test (out, G_FILE_TEST_EXISTS))
    {
      td_cli_error (_("%s: the plan file already exists (use --force to replace it)"), out);
      return TD_CLI_BAD_INPUT;
    }

  plan = td_plan_load_file (in, &error);
  if (plan == NULL)
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }
  if (!td_plan_save_file (plan, out, overwrite, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }
  return TD_CLI_OK;
}
