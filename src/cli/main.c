/* main.c: the sfnviz program. Everything it does goes through commands.c and the public sfnviz.h. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
