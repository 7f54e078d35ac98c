/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "td-cli.h"

/* Not written yet: the issue that owns this command replaces this file. */
int
td_cli_check (int argc, char **argv)
{
  td_cli_error ("%s: not available yet", argv[0]);
  return TD_CLI_BAD_INPUT;
}
