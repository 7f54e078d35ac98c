/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-cli.h"
#include "td-error.h"
#include "td-export.h"
#include "td-store.h"
#include "td-timeline.h"

/* thidua-cli export PLAN [--conference ID] --document KIND [--sort name|unit|manual] -o OUT.pdf
 * (domain/interchange.md). The document's stored settings are used, the plan is not changed,
 * and on any error nothing is written. */
int
td_cli_export (int argc, char **argv)
{
  g_autofree char *conference = NULL;
  g_autofree char *document = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autoptr(TdExportOptions) options = NULL;
  TdExportKind kind = TD_EXPORT_PLAN;
  TdExportSort order = TD_EXPORT_SORT_NAME;
  gboolean timeline;
  const GOptionEntry entries[] = {
    { "conference", 'c', 0, G_OPTION_ARG_STRING, &conference,
      N_("The conference (required for agenda, delegates and invitations)"), "ID" },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document,
      N_("agenda, delegates, invitations, plan or timeline"), "KIND" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort,
      N_("Order of the delegate list: name, unit or manual"), "ORDER" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "OUT.pdf" },
    { NULL }
  };

  context = g_option_context_new ("PLAN");
  g_option_context_set_summary (context, _("Writes a document of the plan as PDF."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }

  /* Check every argument before reading the plan or touching the output. */
  if (argc != 2)
    {
      td_cli_error ("%s", argc < 2 ? _("export: missing PLAN") : _("export: too many arguments"));
      return TD_CLI_BAD_INPUT;
    }
  if (document == NULL)
    {
      td_cli_error ("%s", _("export: --document is required (agenda, delegates, invitations, plan or timeline)"));
      return TD_CLI_BAD_INPUT;
    }
  timeline = strcmp (document, "timeline") == 0;
  if (!timeline && !td_export_kind_from_string (document, &kind))
    {
      td_cli_error (_("export: unknown document “%s” (agenda, delegates, invitations, plan or timeline)"), document);
      return TD_CLI_BAD_INPUT;
    }
  if (output == NULL)
    {
      td_cli_error ("%s", _("export: -o OUT.pdf is required"));
      return TD_CLI_BAD_INPUT;
    }
  if (!timeline && kind != TD_EXPORT_PLAN && conference == NULL)
    {
      td_cli_error (_("export: --conference is required for the %s document"), document);
      return TD_CLI_BAD_INPUT;
    }
  if (sort != NULL && !td_export_sort_from_string (sort, &order))
    {
      td_cli_error (_("export: unknown order “%s” (name, unit or manual)"), sort);
      return TD_CLI_BAD_INPUT;
    }

  plan = td_plan_load_file (argv[1], &error);
  if (plan == NULL)
    {
      td_cli_error ("%s: %s", argv[1], error->message);
      return TD_CLI_BAD_INPUT;
    }

  if (timeline)
    {
      if (!td_timeline_write_pdf (plan, output, &error))
        {
          td_cli_error ("%s: %s", output, error->message);
          return TD_CLI_BAD_INPUT;
        }
      return TD_CLI_OK;
    }

  if (conference != NULL && kind != TD_EXPORT_PLAN && td_plan_get_conference (plan, conference) == NULL)
    {
      td_cli_error (_("%s: no conference with id “%s”"), argv[1], conference);
      return TD_CLI_BAD_INPUT;
    }

  options = td_export_options_load (plan, conference, kind);
  if (sort != NULL)
    options->sort = order;
  doc = td_export_build (plan, conference, kind, options, NULL, NULL, NULL, &error);
  if (doc == NULL)
    {
      td_cli_error ("%s: %s", argv[1], error->message);
      return TD_CLI_BAD_INPUT;
    }
  if (!td_document_write_pdf (doc, output, NULL, &error))
    {
      td_cli_error ("%s", error->message);
      return TD_CLI_BAD_INPUT;
    }
  return TD_CLI_OK;
}
