/* cli.h: the sfnviz program's commands (commands.c); main() only hands them argv. Uses nothing but sfnviz.h. */
#ifndef SFNVIZ_CLI_H
#define SFNVIZ_CLI_H

/* Ordered: of two outcomes the larger code is the worse. EXIT_STALE: `render --check` found an output out
 * of date. */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_STALE = 1, EXIT_BAD_INPUT = 2 };

/* Runs the command named in argv[1]; returns the exit code. */
int cli_main(int argc, char **argv);

#endif
