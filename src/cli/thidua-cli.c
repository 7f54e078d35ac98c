/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *usage;    /* untranslated: names and arguments */
  const char *summary;  /* translated at print time */
} Command;

static const Command commands[] = {
  { "new", td_cli_new, "new FILE.thidua [--template tay-ninh-2019|empty]",
    N_("Create a plan file (the sample plan of Tây Ninh 2019 by default)") },
  { "convert", td_cli_convert, "convert IN OUT",
    N_("Convert a plan between .json and .thidua (by extension)") },
  { "check", td_cli_check, "check PLAN [--json]",
    N_("Apply every rule of the plan to every conference") },
  { "import-people", td_cli_import_people,
    "import-people PLAN.thidua FILE.csv [--encoding E] [--unit ID]",
    N_("Import people from a CSV file, all rows or none") },
  { "people", td_cli_people, "people PLAN [--json]",
    N_("List people in official order") },
  { "export", td_cli_export,
    "export PLAN [--conference ID] --document KIND [--sort name|unit|manual] -o OUT.pdf",
    N_("Write a document as PDF (agenda, delegates, invitations, plan, timeline)") },
};

void
td_cli_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, always: scripts read the first line of stderr. */
  g_strdelimit (message, "\r\n", ' ');
  g_strchomp (message);
  fprintf (stderr, "thidua-cli: %s\n", message);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n  thidua-cli COMMAND [ARGUMENTS…]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n      %s\n", commands[i].usage, _(commands[i].summary));
  fprintf (out, "\n%s\n",
           _("PLAN is a .thidua or a .json file. “thidua-cli COMMAND --help” describes a command.\n"
             "Exit status: 0 success, 1 rule errors (check), 2 unusable input."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("thidua-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return TD_CLI_BAD_INPUT;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return TD_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("thidua-cli %s\n", PACKAGE_VERSION);
      return TD_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  td_cli_error (_("unknown command “%s” (see thidua-cli --help)"), argv[1]);
  return TD_CLI_BAD_INPUT;
}
