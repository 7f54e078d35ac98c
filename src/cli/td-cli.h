/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of thidua-cli (domain/interchange.md). */
#define TD_CLI_OK          0
#define TD_CLI_RULE_ERRORS 1
#define TD_CLI_BAD_INPUT   2

/* Each command gets its arguments after the command word (argv[0] is the command). */
int td_cli_new           (int argc, char **argv);  /* td-cli-plan.c */
int td_cli_convert       (int argc, char **argv);  /* td-cli-plan.c */
int td_cli_check         (int argc, char **argv);  /* td-cli-check.c */
int td_cli_import_people (int argc, char **argv);  /* td-cli-people.c */
int td_cli_people        (int argc, char **argv);  /* td-cli-people.c */
int td_cli_export        (int argc, char **argv);  /* td-cli-export.c */

/* Prints "thidua-cli: <message>" on stderr, one line. */
void td_cli_error        (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
