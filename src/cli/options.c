/* options.c: the option table, parsing with getopt_long, and the usage and help texts made from them. */
#include "options.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct option_spec {
    char short_name; /* 0: long only */
    const char *long_name;
    const char *value; /* what the value is called in help, NULL for a flag */
    bool repeatable;
    const char *help;  /* lines after the first start with a newline; indented by the printer */
} option_spec;

static const option_spec OPTIONS[OPTION_COUNT] = {
    [OPT_FORMAT] = {'f', "format", "FORMAT", false,
                    "dot, svg, png, pdf, json, mermaid (.mmd) or markdown (.md: a title and a\n"
                    "mermaid block per machine), in any case (default: from -o's extension, else svg)"},
    [OPT_LIST_FORMAT] = {'f', "format", "FORMAT", false,
                         "text (default: aligned columns) or json (one document, for jq), in any case"},
    [OPT_OUTPUT] = {'o', "output", "PATH", false,
                    "write to PATH; PATH/ (or an existing folder) writes PATH/<ID>.<ext> per machine;\n"
                    "without -o the result goes to standard output (never PNG/PDF to a terminal)"},
    [OPT_MACHINE] = {'m', "machine", "ID", true,
                     "only this state machine (repeatable); needed for svg/png/pdf when a file holds\n"
                     "several and -o is not a folder"},
    [OPT_THEME] = {0, "theme", "NAME|FILE", false,
                   "a built-in theme, an installed one ($XDG_DATA_HOME/sfnviz/themes/NAME.yaml or\n"
                   "<prefix>/share/sfnviz/themes/NAME.yaml) or a theme YAML file (default: default);\n"
                   "'auto': default, and in SVG dark on a dark page (as --dark-theme dark)"},
    [OPT_DARK_THEME] = {0, "dark-theme", "NAME|FILE", false,
                        "SVG only: switch to this theme's colours when the page is dark (CSS\n"
                        "prefers-color-scheme), so one SVG suits light and dark pages"},
    [OPT_LEGEND] = {0, "legend", NULL, false, "add a key of the shapes and edge styles used, above the Start"},
    [OPT_DETAIL] = {0, "detail", "LEVEL", false, NULL /* print_detail_help: its numbers come from sfnviz.h */},
    [OPT_DIRECTION] = {0, "direction", "TB|LR", false, "top to bottom (default) or left to right"},
    [OPT_NO_TITLE] = {0, "no-title", NULL, false, "leave out the title (name, type, ID and file)"},
    [OPT_TITLE] = {0, "title", "TEXT", false, "the title's text instead of name, type, ID and file"},
    [OPT_DPI] = {0, "dpi", "N", false, "PNG resolution, 36 to 600 (default 110; 220 for high-density screens)"},
    [OPT_CHECK] = {0, "check", NULL, false,
                   "write nothing: compare each output file with what would be written, and exit 1\n"
                   "naming each one that is out of date or missing (for diagrams kept in a repository)"},
    [OPT_JOBS] = {'j', "jobs", "N", false,
                  "worker processes for several FILEs, 1 to 256 (default: one per core); the files\n"
                  "are the same bytes whatever N"},
    [OPT_ROOT] = {0, "root", "DIR", false,
                  "allow DefinitionUri files anywhere under DIR (default: the nearest folder above\n"
                  "the template holding .git, else the template's folder)"},
    [OPT_LIMIT] = {0, "limit", "NAME=N", true, NULL /* print_limit_help: the names and defaults of sfnviz.h */},
    [OPT_CHECK_FORMAT] = {'f', "format", "FORMAT", false,
                          "text (default: file:line:col: level: message [rule]), json, github (workflow\n"
                          "annotations on the pull request's lines) or sarif (2.1.0, for code scanning)"},
    [OPT_IGNORE] = {0, "ignore", "RULE", true, "turn off a rule (repeatable; IDs in docs/rules.md)"},
    [OPT_STRICT] = {0, "strict", NULL, false, "warnings count as errors: exit 1 when there is any finding"},
    [OPT_LIST_RULES] = {0, "list-rules", NULL, false,
                        "list the rules (ID, severity, what each catches, the service's code) and exit"},
    [OPT_TIMINGS] = {0, "timings", NULL, false,
                     "print the time each stage took (read, model, check, graph, layout, render) on stderr"},
    [OPT_SUMMARY_FORMAT] = {'f', "format", "FORMAT", false,
                            "text (default), markdown (tables for a pull request comment) or json (one\n"
                            "document, for jq), in any case"},
    [OPT_COLOR] = {0, "color", "WHEN", false,
                   "text in colour: auto (default: on a terminal, unless NO_COLOR is set and not\n"
                   "empty, or TERM is dumb), always or never"},
    [OPT_ASCII] = {0, "ascii", NULL, false,
                   "ASCII tree guides and signs (|-, ->, x3); the default when not on a terminal"},
    [OPT_UNICODE] = {0, "unicode", NULL, false,
                     "Unicode tree guides and signs (\u251c\u2500, \u2192, \u00d73) even when not on a terminal"},
    [OPT_WIDTH] = {0, "width", "N", false,
                   "fit the text in N columns, 40 to 1000 (default: the terminal's width, else\n"
                   "$COLUMNS, else 80); lines wrap, a state name is never cut"},
    [OPT_SUMMARY_MACHINE] = {'m', "machine", "ID", true,
                             "only this state machine (repeatable), in whichever FILEs hold it"},
    [OPT_DIFF_FORMAT] = {'f', "format", "FORMAT", false,
                         "text (default: like git diff), markdown (tables and a Mermaid diagram for a pull\n"
                         "request comment), json (one document, docs/json-schema.md), or a drawing of one\n"
                         "machine's diff: svg, png, pdf or dot; in any case"},
    [OPT_DIFF_MACHINE] = {'m', "machine", "ID", false,
                          "the machine to draw (svg, png, pdf, dot) when more than one differs"},
    [OPT_DIFF_OUTPUT] = {'o', "output", "FILE", false,
                         "write to FILE (replaced whole, never half-written) instead of standard output"},
    [OPT_BASE] = {0, "base", "REV", false,
                  "compare each FILE with its version at git revision REV (a file new since REV is\n"
                  "added, one deleted since is removed)"},
    [OPT_EXIT_CODE] = {0, "exit-code", NULL, false, "exit 1 when there are differences, 0 when there are none"},
    [OPT_HELP] = {'h', "help", NULL, false, "this help"},
};

enum { HELP_COLUMN = 24 }; /* where help texts start */

static bool takes(const command *c, option_id id) { return id == OPT_HELP || (c->takes & TAKES(id)); }

/* ---- usage and help -------------------------------------------------------------------------------- */

enum { USAGE_WIDTH = 108 }; /* usage lines wrap here */

void command_print_usage(const command *c, FILE *out)
{
    int at = fprintf(out, "sfnviz %s%s%s", c->name, *c->operands ? " " : "", c->operands);
    for (int id = 0; id < OPTION_COUNT; id++) {
        const option_spec *s = &OPTIONS[id];
        if (id == OPT_HELP || !takes(c, (option_id)id))
            continue;
        char item[64];
        snprintf(item, sizeof item, s->short_name ? "[-%.1s%s%s]%s" : "[--%s%s%s]%s",
                 s->short_name ? &s->short_name : s->long_name, s->value ? " " : "", s->value ? s->value : "",
                 s->repeatable ? "..." : "");
        if (at + 1 + (int)strlen(item) > USAGE_WIDTH)
            at = fprintf(out, "\n       ") - 1;
        at += fprintf(out, " %s", item);
    }
    fputc('\n', out);
}

/* Prints text from column HELP_COLUMN, starting where the cursor is (at column `at`). */
static void print_help_text(FILE *out, const char *text, int at)
{
    if (at + 2 > HELP_COLUMN) /* a long option and value: two spaces, the text on the same line */
        fputs("  ", out);
    else
        fprintf(out, "%*s", HELP_COLUMN - at, "");
    for (const char *p = text; *p; p++) {
        fputc(*p, out);
        if (*p == '\n')
            fprintf(out, "%*s", HELP_COLUMN, "");
    }
    fputc('\n', out);
}

static void print_detail_help(FILE *out, int at)
{
    char text[512];
    snprintf(text, sizeof text,
             "auto (default): full up to about %d states, then compact, past about %d\n"
             "collapsed, past about %d refused (budgets of layout work: bench/README.md);\n"
             "full: every label and box whatever the size (large graphs may take minutes);\n"
             "compact: retry, catch and default labels left to the tooltips;\n"
             "collapsed: also each top-level Parallel and Map as one node",
             SFNVIZ_AUTO_FULL_STATES, SFNVIZ_AUTO_COMPACT_STATES, SFNVIZ_AUTO_COLLAPSED_STATES);
    print_help_text(out, text, at);
}

/* A limit's default as --limit takes it: 64M, 4000000. */
static void format_default(char *buf, size_t size, sfnviz_limit l)
{
    size_t v = sfnviz_limit_default(l);
    if (sfnviz_limit_is_size(l))
        snprintf(buf, size, "%zuM", v / (1024 * 1024));
    else
        snprintf(buf, size, "%zu", v);
}

static void print_limit_help(FILE *out, int at)
{
    char text[1024];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "raise a limit on what input may make sfnviz do (repeatable); N takes K, M or G\n"
                                "for sizes (1024s); the limits and their defaults:");
    for (int i = 0; i < SFNVIZ_LIMIT_COUNT && n < sizeof text; i++) {
        char amount[32];
        format_default(amount, sizeof amount, (sfnviz_limit)i);
        n += (size_t)snprintf(text + n, sizeof text - n, "\n  %s=%s: %s", sfnviz_limit_name((sfnviz_limit)i), amount,
                              sfnviz_limit_help((sfnviz_limit)i));
    }
    print_help_text(out, text, at);
}

void command_print_help(const command *c, FILE *out)
{
    fputs("usage: ", out);
    command_print_usage(c, out);
    fprintf(out, "\n%s\nOptions:\n", c->summary);
    for (int id = 0; id < OPTION_COUNT; id++) {
        const option_spec *s = &OPTIONS[id];
        if (!takes(c, (option_id)id))
            continue;
        int at = s->short_name ? fprintf(out, "  -%c, --%s", s->short_name, s->long_name)
                               : fprintf(out, "      --%s", s->long_name);
        if (s->value)
            at += fprintf(out, " %s", s->value);
        if (id == OPT_DETAIL)
            print_detail_help(out, at);
        else if (id == OPT_LIMIT)
            print_limit_help(out, at);
        else
            print_help_text(out, s->help, at);
    }
    if (c->notes && *c->notes)
        fprintf(out, "\n%s", c->notes);
}

int usage_error(const command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sfnviz: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nusage: ", stderr);
    command_print_usage(c, stderr);
    fprintf(stderr, "Try 'sfnviz %s --help'.\n", c->name);
    return EXIT_BAD_INPUT;
}

/* ---- values ---------------------------------------------------------------------------------------- */

/* The index of s among names (any case), or -1. */
static int pick_name(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

static int parse_width(const char *s, unsigned *out)
{
    char *end;
    unsigned long n = strtoul(s, &end, 10);
    if (end == s || *end || *s == '-' || n < WIDTH_MIN || n > WIDTH_MAX)
        return -1;
    *out = (unsigned)n;
    return 0;
}

static int parse_jobs(const char *s, unsigned *out)
{
    char *end;
    unsigned long n = strtoul(s, &end, 10);
    if (end == s || *end || *s == '-' || n < 1 || n > JOBS_MAX)
        return -1;
    *out = (unsigned)n;
    return 0;
}

static int parse_dpi(const char *s, double *out)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !(d >= DPI_MIN && d <= DPI_MAX))
        return -1;
    *out = d;
    return 0;
}

/* A count or size: digits, and for a size an optional K, M or G (powers of 1024); 0 and overflow refused. */
static int parse_amount(const char *s, bool size, size_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (size && *end && strchr("KkMmGg", *end) && !end[1])
        shift = strchr("Kk", *end) ? 10 : strchr("Mm", *end) ? 20 : 30, end++;
    if (errno || *end || n == 0 || n > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)n << shift;
    return 0;
}

/* --limit NAME=N */
static int take_limit(const command *c, const char *arg, options *o)
{
    const char *eq = strchr(arg, '=');
    char name[32];
    int which = -1;
    if (eq && (size_t)(eq - arg) < sizeof name) {
        memcpy(name, arg, (size_t)(eq - arg));
        name[eq - arg] = '\0';
        which = sfnviz_limit_from_name(name);
    }
    if (which < 0) {
        char names[256];
        size_t n = 0;
        for (int i = 0; i < SFNVIZ_LIMIT_COUNT && n < sizeof names; i++)
            n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "", sfnviz_limit_name((sfnviz_limit)i));
        return usage_error(c, "--limit takes NAME=N, NAME one of %s; not '%s'", names, arg);
    }
    bool size = sfnviz_limit_is_size((sfnviz_limit)which);
    if (parse_amount(eq + 1, size, &o->limits.value[which]) != 0)
        return usage_error(c, "--limit %s takes a %s above 0, not '%s'", name,
                           size ? "size in bytes (K, M or G for 1024s)" : "whole number", eq + 1);
    return 0;
}

/* Stores the value of option id; returns 0, or an exit code after a usage error. */
static int take_value(const command *c, option_id id, char *arg, options *o)
{
    static const char *const directions[] = {"TB", "LR"};
    static const char *const details[] = {"auto", "full", "compact", "collapsed"};
    static const char *const list_formats[] = {"text", "json"};
    static const char *const check_formats[] = {"text", "json", "github", "sarif"};
    static const char *const colors[] = {"auto", "always", "never"};
    int k;
    switch (id) {
    case OPT_FORMAT:
        if ((o->format = sfnviz_format_from_name(arg)) < 0)
            return usage_error(c, "unknown format '%s' (choose dot, svg, png, pdf, json, mermaid or markdown)", arg);
        return 0;
    case OPT_LIST_FORMAT:
        if ((k = pick_name(arg, list_formats, 2)) < 0)
            return usage_error(c, "unknown format '%s' (choose text or json)", arg);
        o->json = k == 1;
        return 0;
    case OPT_OUTPUT: o->output = arg; return 0;
    case OPT_MACHINE:
    case OPT_SUMMARY_MACHINE:
    case OPT_DIFF_MACHINE: o->ids[o->id_count++] = arg; return 0;
    case OPT_THEME: o->theme = arg; return 0;
    case OPT_DARK_THEME: o->dark_theme = arg; return 0;
    case OPT_LEGEND: o->legend = true; return 0;
    case OPT_DETAIL:
        if ((k = pick_name(arg, details, 4)) < 0)
            return usage_error(c, "unknown detail '%s' (choose auto, full, compact or collapsed)", arg);
        o->detail = (sfnviz_detail)k;
        return 0;
    case OPT_DIRECTION:
        if ((k = pick_name(arg, directions, 2)) < 0)
            return usage_error(c, "unknown direction '%s' (choose TB or LR)", arg);
        o->direction = k == 0 ? SFNVIZ_TOP_BOTTOM : SFNVIZ_LEFT_RIGHT;
        return 0;
    case OPT_NO_TITLE: o->no_title = true; return 0;
    case OPT_TITLE: o->title = arg; return 0;
    case OPT_DPI:
        if (parse_dpi(arg, &o->dpi) != 0)
            return usage_error(c, "--dpi takes a number from %d to %d, not '%s'", DPI_MIN, DPI_MAX, arg);
        return 0;
    case OPT_CHECK: o->check = true; return 0;
    case OPT_JOBS:
        if (parse_jobs(arg, &o->jobs) != 0)
            return usage_error(c, "-j takes a number of workers from 1 to %d, not '%s'", JOBS_MAX, arg);
        return 0;
    case OPT_ROOT: o->root = arg; return 0;
    case OPT_LIMIT: return take_limit(c, arg, o);
    case OPT_CHECK_FORMAT:
        if ((k = pick_name(arg, check_formats, 4)) < 0)
            return usage_error(c, "unknown format '%s' (choose text, json, github or sarif)", arg);
        o->check_format = (check_format)k;
        return 0;
    case OPT_IGNORE:
        if (sfnviz_rule_find(arg) < 0)
            return usage_error(c, "unknown rule '%s' (the rules are listed in docs/rules.md)", arg);
        o->ignores[o->ignore_count++] = arg;
        return 0;
    case OPT_STRICT: o->strict = true; return 0;
    case OPT_LIST_RULES: o->list_rules = true; return 0;
    case OPT_TIMINGS: o->timings = true; return 0;
    case OPT_SUMMARY_FORMAT:
        if ((o->summary_format = sfnviz_summary_format_from_name(arg)) < 0)
            return usage_error(c, "unknown format '%s' (choose text, markdown, json, svg, png, pdf or dot)", arg);
        return 0;
    case OPT_COLOR:
        if ((k = pick_name(arg, colors, 3)) < 0)
            return usage_error(c, "unknown --color '%s' (choose auto, always or never)", arg);
        o->color = (color_when)k;
        return 0;
    case OPT_ASCII: o->ascii = true; return 0;
    case OPT_UNICODE: o->unicode = true; return 0;
    case OPT_WIDTH:
        if (parse_width(arg, &o->width) != 0)
            return usage_error(c, "--width takes a number from %d to %d, not '%s'", WIDTH_MIN, WIDTH_MAX, arg);
        return 0;
    case OPT_DIFF_FORMAT:
        if ((o->diff_format = sfnviz_diff_format_from_name(arg)) < 0)
            return usage_error(c, "unknown format '%s' (choose text, markdown, json, svg, png, pdf or dot)", arg);
        return 0;
    case OPT_DIFF_OUTPUT: o->output = arg; return 0;
    case OPT_BASE:
        if (!*arg || *arg == '-')
            return usage_error(c, "--base takes a git revision, not '%s'", arg);
        o->base = arg;
        return 0;
    case OPT_EXIT_CODE: o->exit_code = true; return 0;
    case OPT_HELP:
    case OPTION_COUNT: break;
    }
    return 0;
}

bool color_wanted(color_when when, bool tty)
{
    if (when != COLOR_AUTO)
        return when == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return tty && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
}

/* ---- parsing --------------------------------------------------------------------------------------- */

/* Whether row id stands for its name in command c: a row c takes, or one whose name no row c takes shares
 * (so that c can refuse it by name). Two rows may share a name, each for other commands (--format). */
static bool stands_for_name(const command *c, int id)
{
    if (takes(c, (option_id)id))
        return true;
    for (int other = 0; other < OPTION_COUNT; other++)
        if (other != id && takes(c, (option_id)other) && strcmp(OPTIONS[other].long_name, OPTIONS[id].long_name) == 0)
            return false;
    return true;
}

/* getopt_long's tables for every option name (a command refuses those it does not take itself, by name):
 * the value of each is 256 + its option_id. */
static void getopt_tables(const command *c, struct option *longs, char *shorts)
{
    char *p = shorts;
    int n = 0;
    *p++ = ':'; /* a missing value returns ':' */
    for (int id = 0; id < OPTION_COUNT; id++) {
        const option_spec *s = &OPTIONS[id];
        if (!stands_for_name(c, id))
            continue;
        bool seen = false;
        for (int k = 0; k < n; k++)
            seen |= strcmp(longs[k].name, s->long_name) == 0;
        if (seen)
            continue;
        longs[n++] = (struct option){s->long_name, s->value ? required_argument : no_argument, NULL, 256 + id};
        if (s->short_name) {
            *p++ = s->short_name;
            if (s->value)
                *p++ = ':';
        }
    }
    longs[n] = (struct option){NULL, 0, NULL, 0};
    *p = '\0';
}

static int id_of_short(const command *c, int ch)
{
    for (int id = 0; id < OPTION_COUNT; id++)
        if (OPTIONS[id].short_name == ch && stands_for_name(c, id))
            return id;
    return -1;
}

static int refuse_unknown(const command *c, char **argv)
{
    /* optopt names a bad short option (argv[optind - 1] may be a file name by then). */
    if (optopt)
        return usage_error(c, "unknown option '-%c'", optopt);
    return usage_error(c, "unknown option '%s'", argv[optind - 1]);
}

int options_parse(const command *c, int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->format = -1;
    o->ids = calloc((size_t)argc, sizeof *o->ids);
    o->ignores = calloc((size_t)argc, sizeof *o->ignores);
    if (!o->ids || !o->ignores)
        return EXIT_BAD_INPUT;
    struct option longs[OPTION_COUNT + 1];
    char shorts[2 * OPTION_COUNT + 2];
    getopt_tables(c, longs, shorts);
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        int id = ch >= 256 ? ch - 256 : id_of_short(c, ch);
        if (ch == ':')
            return usage_error(c, "option '%s' needs a value", argv[optind - 1]);
        if (id < 0 || id >= OPTION_COUNT)
            return refuse_unknown(c, argv);
        if (!takes(c, (option_id)id) && ch < 256) /* named as it was typed */
            return usage_error(c, "%s does not take option '-%c'", c->name, ch);
        if (!takes(c, (option_id)id))
            return usage_error(c, "%s does not take option '--%s'", c->name, OPTIONS[id].long_name);
        if (id == OPT_HELP) {
            command_print_help(c, stdout);
            return EXIT_OK;
        }
        int rc = take_value(c, (option_id)id, optarg, o);
        if (rc != 0)
            return rc;
    }
    o->files = argv + optind;
    o->file_count = (size_t)(argc - optind);
    return -1;
}

void options_free(options *o)
{
    free(o->ids);
    free(o->ignores);
    o->ids = NULL;
    o->ignores = NULL;
}
