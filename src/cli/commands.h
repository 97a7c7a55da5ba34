/* commands.h: the commands of the sfnviz program, one file each (cmd_*.c), dispatched by commands.c. */
#ifndef SFNVIZ_CLI_COMMANDS_H
#define SFNVIZ_CLI_COMMANDS_H

#include "options.h"

int run_render(const command *c, const options *o);
int run_list(const command *c, const options *o);
int run_check(const command *c, const options *o);
int run_summary(const command *c, const options *o);
int run_diff(const command *c, const options *o);
int run_themes(const command *c, const options *o);

#endif
