/* options.h: the one table of command-line options, and the commands that take them.
 *
 * Every option is described once (OPTIONS in options.c): its names, its value, its help text. A command
 * says which options it takes; parsing, the usage line, `--help` and the refusal of an option a command
 * does not take all come from the two tables, so they cannot disagree. */
#ifndef SFNVIZ_CLI_OPTIONS_H
#define SFNVIZ_CLI_OPTIONS_H

#include "sfnviz.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum option_id {
    OPT_FORMAT,
    OPT_LIST_FORMAT, /* -f/--format of list: text or json (a name may mean one thing per command) */
    OPT_SUMMARY_FORMAT, /* -f/--format of summary: text, markdown or json */
    OPT_DIFF_FORMAT, /* -f/--format of diff: text, markdown or json */
    OPT_OUTPUT,
    OPT_DIFF_OUTPUT, /* -o/--output of diff: one file */
    OPT_DIFF_MACHINE, /* -m/--machine of diff: the one to draw */
    OPT_BASE,
    OPT_EXIT_CODE,
    OPT_MACHINE,
    OPT_SUMMARY_MACHINE, /* -m/--machine of summary: in whichever files hold it */
    OPT_THEME,
    OPT_DARK_THEME,
    OPT_LEGEND,
    OPT_DETAIL,
    OPT_DIRECTION,
    OPT_NO_TITLE,
    OPT_TITLE,
    OPT_DPI,
    OPT_CHECK, /* render --check: compare with the output files, write nothing */
    OPT_JOBS,
    OPT_COLOR,
    OPT_ASCII,
    OPT_UNICODE,
    OPT_WIDTH,
    OPT_ROOT,
    OPT_LIMIT, /* --limit NAME=N: raise a limit on hostile input */
    OPT_CHECK_FORMAT, /* -f/--format of check: text, json, github or sarif */
    OPT_IGNORE,
    OPT_STRICT,
    OPT_LIST_RULES,
    OPT_TIMINGS,
    OPT_HELP, /* every command takes it */
    OPTION_COUNT
} option_id;

#define TAKES(id) (UINT64_C(1) << (id))
_Static_assert(OPTION_COUNT <= 64, "a command's options are bits of a uint64_t (command.takes)");

typedef enum check_format { CHECK_TEXT, CHECK_JSON, CHECK_GITHUB, CHECK_SARIF } check_format;
typedef enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_when;

/* What the options said, for one run. */
typedef struct options {
    int format; /* sfnviz_format, or -1 when not given */
    bool json;  /* list --format json */
    const char *output;
    const char **ids; /* -m, in order */
    size_t id_count;
    const char *theme;
    const char *dark_theme;
    sfnviz_direction direction;
    const char *root;
    sfnviz_limits limits; /* --limit; zero: the default */
    bool no_title;
    const char *title;
    bool legend;
    bool timings;
    sfnviz_detail detail;
    double dpi;
    bool check;    /* render --check */
    unsigned jobs; /* render -j; 0: one worker per core */
    check_format check_format;
    const char **ignores; /* --ignore, in order */
    size_t ignore_count;
    bool strict;
    bool list_rules;
    int summary_format;    /* sfnviz_summary_format */
    color_when color;
    bool ascii, unicode;   /* summary's tree guides and signs; neither: Unicode on a terminal only */
    unsigned width;        /* summary --width; 0: not given */
    int diff_format;       /* sfnviz_diff_format */
    const char *base;      /* diff --base REV; NULL: compare two files */
    bool exit_code;        /* diff --exit-code */
    char **files; /* the operands */
    size_t file_count;
} options;

typedef struct command command;
struct command {
    const char *name;
    int (*run)(const command *c, const options *o);
    const char *operands; /* "FILE...", or "" */
    const char *summary;  /* what it does, first lines of --help */
    const char *notes;    /* after the options in --help: operands, exit status */
    uint64_t takes;       /* TAKES(OPT_...) | ... */
};

enum { DPI_MIN = 36, DPI_MAX = 600 };
enum { WIDTH_MIN = 40, WIDTH_MAX = 1000 };
enum { JOBS_MAX = 256 }; /* render -j */ /* summary --width, and what a terminal's width is held to */

/* Parses argv[1..argc) (argv[0] is the command's name) for command c. Returns -1 to run it, or an exit code:
 * 0 after printing --help, 2 after a usage error. o->ids is malloc'd: options_free releases it. */
int options_parse(const command *c, int argc, char **argv, options *o);
void options_free(options *o);

/* no-color.org and git: --color=always or never decide; auto is colour on a terminal (tty) unless NO_COLOR
 * is set and not empty or TERM is dumb. */
bool color_wanted(color_when when, bool tty);

/* `sfnviz render FILE... [-f FORMAT] ...`, from the table. */
void command_print_usage(const command *c, FILE *out);
/* The whole --help of c. */
void command_print_help(const command *c, FILE *out);

/* Prints `sfnviz: MESSAGE`, c's usage line and a pointer to --help on standard error; returns 2. */
int usage_error(const command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
