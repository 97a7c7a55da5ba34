/* cli.c: commands, their options and their help texts. One table maps command names to their runner and
 * help; options are parsed with getopt_long into a per-run struct, never into globals. */
#include "cli.h"
#include "output.h"
#include "sfnviz.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct options {
    int format; /* sfnviz_format, or -1 when not given */
    const char *output;
    const char **ids;
    size_t id_count;
    const char *theme;
    const char *dark_theme;
    sfnviz_direction direction;
    const char *root;
    bool no_title;
    bool legend;
    bool timings;
    sfnviz_detail detail;
    double dpi;
    char **files;
    size_t file_count;
} options;

/* Which options a command takes: each command refuses the others rather than ignoring them. */
enum { TAKES_DRAWING = 1, TAKES_ROOT = 2, TAKES_TIMINGS = 4 };

typedef struct command {
    const char *name;
    int (*run)(const options *o);
    const char *usage;
    const char *help;
    unsigned takes;
} command;

static int run_render(const options *o);
static int run_list(const options *o);
static int run_themes(const options *o);

static const char RENDER_HELP[] =
    "Draws the state machines of a SAM / CloudFormation template or an Amazon States Language file.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   dot, svg, png, pdf or json (default: from -o's extension, else svg)\n"
    "  -o, --output PATH     write to PATH; PATH/ (or an existing folder) writes PATH/<ID>.<ext> per machine;\n"
    "                        without -o the result goes to standard output (never PNG/PDF to a terminal)\n"
    "  -m, --machine ID      only this state machine (repeatable); needed for svg/png/pdf when a file holds\n"
    "                        several and -o is not a folder\n"
    "      --theme NAME|FILE a built-in theme or a theme YAML file (default: default); 'auto': default, and\n"
    "                        in SVG dark on a dark page (as --dark-theme dark)\n"
    "      --dark-theme NAME|FILE  SVG only: switch to this theme's colours when the page is dark (CSS\n"
    "                        prefers-color-scheme), so one SVG suits light and dark pages\n"
    "      --legend          add a key of the shapes and edge styles used, above the Start\n"
    "      --detail LEVEL    auto (default): full up to about 300 states, then compact, past about 700\n"
    "                        collapsed; full: every label and box whatever the size (large graphs may take\n"
    "                        minutes); compact: retry, catch and default labels left to the tooltips;\n"
    "                        collapsed: also each top-level Parallel and Map as one node\n"
    "      --direction TB|LR top to bottom (default) or left to right\n"
    "      --no-title        leave out the title (name, type, ID and file)\n"
    "      --dpi N           PNG resolution, 36 to 600 (default 110; 220 for high-density screens)\n"
    "      --root DIR        allow DefinitionUri files anywhere under DIR (default: the nearest folder above\n"
    "                        the template holding .git, else the template's folder)\n"
    "      --timings         print the time each stage took (read, model, graph, layout, render) on stderr\n"
    "  -h, --help            this help\n"
    "\n"
    "FILE may be - for standard input. JSON and DOT hold every machine of the file.\n"
    "Several FILEs need -o DIR/: each file's machines go to DIR/<FILE without its extension>/<ID>.<ext>,\n"
    "rendered by one worker process per core, with a summary (and a progress line on a terminal).\n"
    "Exit status: 0 drawn; 2 bad usage, a file that does not parse, or a machine with nothing to draw\n"
    "(definition in S3, missing or refused DefinitionUri file, broken definition).\n";

static const char LIST_HELP[] =
    "Lists the state machines of each file: ID, kind (SAM, CloudFormation, ASL), name, number of states,\n"
    "where the definition lives, and status (ok, s3, missing, error).\n"
    "\n"
    "Options:\n"
    "      --root DIR        allow DefinitionUri files anywhere under DIR\n"
    "      --timings         print the time reading and modelling took on stderr\n"
    "  -h, --help            this help\n"
    "\n"
    "Exit status: 0 when every file was read; 2 when a file cannot be read or parsed.\n";

static const char THEMES_HELP[] =
    "Lists the built-in themes with a one-line description each. Use one with 'sfnviz render --theme NAME';\n"
    "--theme also takes a YAML file that sets some keys and inherits the rest (keys: themes/default.yaml).\n"
    "The last line, auto, is no theme of its own: default, switching to dark in an SVG on a dark page.\n";

static const command COMMANDS[] = {
    {"render", run_render, "sfnviz render FILE... [-f FORMAT] [-o OUT] [-m ID]... [--theme NAME|FILE] "
                           "[--dark-theme NAME|FILE] [--legend] [--detail LEVEL] [--direction TB|LR] [--no-title] [--dpi N] "
                           "[--root DIR] [--timings]",
     RENDER_HELP, TAKES_DRAWING | TAKES_ROOT | TAKES_TIMINGS},
    {"list", run_list, "sfnviz list FILE... [--root DIR] [--timings]", LIST_HELP, TAKES_ROOT | TAKES_TIMINGS},
    {"themes", run_themes, "sfnviz themes", THEMES_HELP, 0},
};
enum { COMMAND_COUNT = sizeof COMMANDS / sizeof COMMANDS[0] };

static void print_program_help(FILE *out)
{
    fprintf(out, "sfnviz %s: AWS Step Functions workflows as diagrams.\n\nUsage:\n", SFNVIZ_VERSION);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %s\n", COMMANDS[i].usage);
    fprintf(out, "  sfnviz --help | --version\n\nRun 'sfnviz COMMAND --help' for a command's options.\n");
}

static int usage_error(const command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sfnviz: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\nTry 'sfnviz %s --help'.\n", c->usage, c->name);
    return EXIT_BAD_INPUT;
}

/* ---- option parsing ---- */

enum { OPT_THEME = 256, OPT_DIRECTION, OPT_ROOT, OPT_NO_TITLE, OPT_DPI, OPT_DARK_THEME, OPT_LEGEND, OPT_TIMINGS, OPT_DETAIL };

static const struct option LONG_OPTIONS[] = {
    {"format", required_argument, NULL, 'f'},    {"output", required_argument, NULL, 'o'},
    {"machine", required_argument, NULL, 'm'},   {"theme", required_argument, NULL, OPT_THEME},
    {"direction", required_argument, NULL, OPT_DIRECTION}, {"root", required_argument, NULL, OPT_ROOT},
    {"no-title", no_argument, NULL, OPT_NO_TITLE},         {"dpi", required_argument, NULL, OPT_DPI},
    {"dark-theme", required_argument, NULL, OPT_DARK_THEME}, {"legend", no_argument, NULL, OPT_LEGEND},
    {"timings", no_argument, NULL, OPT_TIMINGS},    {"detail", required_argument, NULL, OPT_DETAIL},
    {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0},
};

static int parse_direction(const char *s, sfnviz_direction *out)
{
    if (strcmp(s, "TB") == 0 || strcmp(s, "tb") == 0)
        *out = SFNVIZ_TOP_BOTTOM;
    else if (strcmp(s, "LR") == 0 || strcmp(s, "lr") == 0)
        *out = SFNVIZ_LEFT_RIGHT;
    else
        return -1;
    return 0;
}

static int parse_detail(const char *s, sfnviz_detail *out)
{
    static const char *const names[] = {"auto", "full", "compact", "collapsed"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (sfnviz_detail)i;
            return 0;
        }
    return -1;
}

enum { RENDER_PNG_DPI_MAX_CLI = 600 };

static int parse_dpi(const char *s, double *out)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !(d >= 36 && d <= RENDER_PNG_DPI_MAX_CLI))
        return -1;
    *out = d;
    return 0;
}

/* The group an option belongs to (TAKES_*); help and errors belong to every command. */
static unsigned option_group(int ch)
{
    switch (ch) {
    case 'f':
    case 'o':
    case 'm':
    case OPT_THEME:
    case OPT_DIRECTION:
    case OPT_NO_TITLE:
    case OPT_DPI:
    case OPT_DARK_THEME:
    case OPT_DETAIL:
    case OPT_LEGEND: return TAKES_DRAWING;
    case OPT_ROOT: return TAKES_ROOT;
    case OPT_TIMINGS: return TAKES_TIMINGS;
    default: return ~0u;
    }
}

/* Parses the options of command c; returns -1 to go on, or an exit code (help printed, usage error). */
static int parse_options(const command *c, int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->format = -1;
    o->ids = calloc((size_t)argc, sizeof *o->ids);
    if (!o->ids)
        return EXIT_BAD_INPUT;
    optind = 1;
    opterr = 0;
    int ch, index;
    while ((index = -1, ch = getopt_long(argc, argv, ":f:o:m:h", LONG_OPTIONS, &index)) != -1) {
        if (!(c->takes & option_group(ch))) {
            if (index >= 0)
                return usage_error(c, "%s does not take option '--%s'", c->name, LONG_OPTIONS[index].name);
            return usage_error(c, "%s does not take option '-%c'", c->name, ch);
        }
        switch (ch) {
        case 'f':
            if ((o->format = sfnviz_format_from_name(optarg)) < 0)
                return usage_error(c, "unknown format '%s' (choose dot, svg, png, pdf or json)", optarg);
            break;
        case 'o': o->output = optarg; break;
        case 'm': o->ids[o->id_count++] = optarg; break;
        case OPT_THEME: o->theme = optarg; break;
        case OPT_DIRECTION:
            if (parse_direction(optarg, &o->direction) != 0)
                return usage_error(c, "unknown direction '%s' (choose TB or LR)", optarg);
            break;
        case OPT_ROOT: o->root = optarg; break;
        case OPT_NO_TITLE: o->no_title = true; break;
        case OPT_LEGEND: o->legend = true; break;
        case OPT_TIMINGS: o->timings = true; break;
        case OPT_DETAIL:
            if (parse_detail(optarg, &o->detail) != 0)
                return usage_error(c, "unknown detail '%s' (choose auto, full, compact or collapsed)", optarg);
            break;
        case OPT_DARK_THEME: o->dark_theme = optarg; break;
        case OPT_DPI:
            if (parse_dpi(optarg, &o->dpi) != 0)
                return usage_error(c, "--dpi takes a number from 36 to %d, not '%s'", RENDER_PNG_DPI_MAX_CLI, optarg);
            break;
        case 'h': printf("usage: %s\n\n%s", c->usage, c->help); return EXIT_OK;
        case ':': return usage_error(c, "option '%s' needs a value", argv[optind - 1]);
        default:
            /* optopt names a bad short option (argv[optind - 1] may be a file name by then). */
            if (optopt)
                return usage_error(c, "unknown option '-%c'", optopt);
            return usage_error(c, "unknown option '%s'", argv[optind - 1]);
        }
    }
    o->files = argv + optind;
    o->file_count = (size_t)(argc - optind);
    return -1;
}

/* ---- loading ---- */

static sfnviz_doc *load(const char *path, const options *o)
{
    sfnviz_load_options lo = {o->root};
    if (strcmp(path, "-") != 0)
        return sfnviz_doc_load_file(path, &lo);
    return sfnviz_doc_load_stream("<stdin>", stdin, &lo);
}

/* Text from the user's files may hold control characters (a newline in a state name, an escape sequence):
 * shown as `\xNN` so a message stays one line and cannot drive the terminal. */
static void put_safe(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\x%02X", *p);
        else
            fputc(*p, out);
    }
}

static void put_safe_line(FILE *out, const char *s)
{
    put_safe(out, s);
    fputc('\n', out);
}

/* A render's warnings go to standard error like the reader's. */
static void print_warning(const char *message, void *ctx)
{
    (void)ctx;
    put_safe_line(stderr, message);
}

/* Prints the file's diagnostics; errors_only for commands that only index files. */
enum { WARNINGS_SHOWN = 100 }; /* per file; every error is shown */

static void print_diagnostics(const sfnviz_doc *doc, bool errors_only)
{
    char buf[2048];
    size_t warnings = 0;
    for (size_t i = 0; i < sfnviz_doc_diag_count(doc); i++) {
        bool error = sfnviz_doc_diag_is_error(doc, i);
        if (errors_only && !error)
            continue;
        if (!error && ++warnings > WARNINGS_SHOWN)
            continue;
        put_safe_line(stderr, sfnviz_doc_diag_text(doc, i, buf, sizeof buf));
    }
    if (warnings > WARNINGS_SHOWN) {
        put_safe(stderr, sfnviz_doc_path(doc));
        fprintf(stderr, ": %zu more warnings not shown\n", warnings - WARNINGS_SHOWN);
    }
}

/* ---- render ---- */

static void list_ids(const sfnviz_doc *doc, FILE *out)
{
    for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++)
        fprintf(out, "%s%s", i ? ", " : "", sfnviz_machine_id(sfnviz_doc_machine(doc, i)));
}

/* The machines asked for (-m), or all; NULL after a message when an ID is unknown. */
static const sfnviz_machine **select_machines(const sfnviz_doc *doc, const options *o, size_t *n)
{
    size_t total = o->id_count ? o->id_count : sfnviz_doc_machine_count(doc);
    const sfnviz_machine **ms = calloc(total ? total : 1, sizeof *ms);
    if (!ms)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < total; i++) {
        const sfnviz_machine *m =
            o->id_count ? sfnviz_doc_find_machine(doc, o->ids[i]) : sfnviz_doc_machine(doc, i);
        if (!m) {
            fprintf(stderr, "%s: error: no state machine with ID '%s' (IDs: ", sfnviz_doc_path(doc), o->ids[i]);
            list_ids(doc, stderr);
            fprintf(stderr, ")\n");
            free(ms);
            return NULL;
        }
        bool seen = false; /* `-m A -m A` draws A once */
        for (size_t k = 0; k < *n; k++)
            seen |= ms[k] == m;
        if (!seen)
            ms[(*n)++] = m;
    }
    return ms;
}

static int pick_format(const options *o, bool to_dir)
{
    if (o->format >= 0)
        return o->format;
    if (o->output && !to_dir) {
        const char *dot = strrchr(o->output, '.');
        const char *slash = strrchr(o->output, '/');
        if (dot && (!slash || dot > slash)) {
            char ext[8] = {0};
            for (size_t i = 0; dot[i] && i + 1 < sizeof ext; i++)
                ext[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] - 'A' + 'a' : dot[i]);
            return sfnviz_format_from_name(ext);
        }
        return -1;
    }
    return SFNVIZ_FORMAT_SVG;
}

static int emit(const sfnviz_doc *doc, const sfnviz_machine *const *ms, size_t n, sfnviz_format f,
                const sfnviz_render_options *ro, const char *path)
{
    char *data = NULL, err[2048];
    size_t len = 0;
    if (sfnviz_export(doc, ms, n, f, ro, &data, &len, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return EXIT_BAD_INPUT;
    }
    int rc = path ? output_write_atomic(path, data, len, err, sizeof err)
                  : output_write_stdout(data, len, err, sizeof err);
    free(data);
    if (rc != 0) {
        fprintf(stderr, "sfnviz: error: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}

/* The file name a machine gets in an output folder: its ID, with an ASL file's extension dropped and
 * characters that do not belong in file names replaced. */
static char *output_name(const char *dir, const sfnviz_machine *m, const char *ext)
{
    static const char *const suffixes[] = {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"};
    const char *id = sfnviz_machine_id(m);
    size_t n = strlen(id);
    bool asl = strcmp(sfnviz_machine_kind(m), "asl") == 0;
    for (size_t i = 0; asl && i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t s = strlen(suffixes[i]);
        if (n > s && strcmp(id + n - s, suffixes[i]) == 0) {
            n -= s;
            break;
        }
    }
    size_t dlen = strlen(dir);
    char *path = malloc(dlen + n + strlen(ext) + 4);
    if (!path)
        return NULL;
    char *p = path + sprintf(path, "%s%s", dir, dlen && dir[dlen - 1] == '/' ? "" : "/");
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
        *p++ = safe && !(i == 0 && c == '.') ? c : '_';
    }
    if (n == 0)
        *p++ = '_'; /* never a hidden ".svg" */
    sprintf(p, ".%s", ext);
    return path;
}

static int render_to_dir(const sfnviz_doc *doc, const sfnviz_machine *const *ms, size_t n, sfnviz_format f,
                         const sfnviz_render_options *ro, const char *dir)
{
    char err[512];
    if (output_make_dir(dir, err, sizeof err) != 0) {
        fprintf(stderr, "sfnviz: error: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    char **paths = calloc(n ? n : 1, sizeof *paths);
    int rc = paths ? EXIT_OK : EXIT_BAD_INPUT;
    for (size_t i = 0; rc == EXIT_OK && i < n; i++)
        if (sfnviz_machine_drawable(ms[i]) && !(paths[i] = output_name(dir, ms[i], sfnviz_format_name(f))))
            rc = EXIT_BAD_INPUT;
    /* Two IDs that differ only in characters a file name cannot hold would overwrite each other. */
    for (size_t i = 0; rc == EXIT_OK && i < n; i++)
        for (size_t j = i + 1; paths[i] && j < n; j++)
            if (paths[j] && strcmp(paths[i], paths[j]) == 0) {
                fprintf(stderr, "sfnviz: error: state machines '%s' and '%s' would both be written to %s: draw them "
                                "one at a time with -m ID -o FILE\n",
                        sfnviz_machine_id(ms[i]), sfnviz_machine_id(ms[j]), paths[i]);
                rc = EXIT_BAD_INPUT;
                break;
            }
    for (size_t i = 0; rc == EXIT_OK && i < n; i++)
        if (paths[i] && emit(doc, &ms[i], 1, f, ro, paths[i]) != EXIT_OK)
            rc = EXIT_BAD_INPUT;
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

/* Every machine asked for that cannot be drawn is an error (the JSON export still lists it). */
static size_t report_undrawable(const sfnviz_machine *const *ms, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (sfnviz_machine_drawable(ms[i]))
            continue;
        bad++;
        const char *msg = sfnviz_machine_message(ms[i]);
        put_safe(stderr, msg ? msg : "error");
        fputs(" (state machine ", stderr);
        put_safe(stderr, sfnviz_machine_id(ms[i]));
        fputs(": nothing to draw)\n", stderr);
    }
    return bad;
}

/* The machines an output of format f holds: JSON every one asked for, the others the drawable ones. */
static size_t drawable_only(const sfnviz_machine **ms, size_t n, sfnviz_format f)
{
    if (f == SFNVIZ_FORMAT_JSON)
        return n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (sfnviz_machine_drawable(ms[i]))
            ms[k++] = ms[i];
    return k;
}

static int render_selected(const sfnviz_doc *doc, const sfnviz_machine **ms, size_t n, const options *o,
                           const sfnviz_render_options *ro)
{
    bool to_dir = o->output && output_is_dir(o->output);
    int f = pick_format(o, to_dir);
    if (f < 0) {
        fprintf(stderr, "sfnviz: error: cannot tell the format from '%s': give -f dot|svg|png|pdf|json\n", o->output);
        return EXIT_BAD_INPUT;
    }
    if (o->dark_theme && f != SFNVIZ_FORMAT_SVG) {
        fprintf(stderr, "sfnviz: error: --dark-theme applies to SVG only, not %s (its colours switch with the "
                        "page's colour scheme)\n", sfnviz_format_name((sfnviz_format)f));
        return EXIT_BAD_INPUT;
    }
    size_t undrawable = report_undrawable(ms, n);
    if (to_dir) {
        int rc = render_to_dir(doc, ms, n, (sfnviz_format)f, ro, o->output);
        return undrawable ? EXIT_BAD_INPUT : rc;
    }
    if (!o->output && sfnviz_format_is_binary((sfnviz_format)f) && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "sfnviz: error: not writing %s to a terminal: use -o FILE or redirect the output\n",
                sfnviz_format_name((sfnviz_format)f));
        return EXIT_BAD_INPUT;
    }
    /* One output for all: a picture missing a machine that was asked for is a failed render, and a failed
     * render writes nothing. JSON still lists every machine, with its status. */
    if (undrawable && f != SFNVIZ_FORMAT_JSON)
        return EXIT_BAD_INPUT;
    size_t k = drawable_only(ms, n, (sfnviz_format)f);
    bool single = f != SFNVIZ_FORMAT_JSON && f != SFNVIZ_FORMAT_DOT;
    if (single && k > 1) {
        fprintf(stderr, "%s: error: %zu state machines to draw (", sfnviz_doc_path(doc), k);
        list_ids(doc, stderr);
        fprintf(stderr, "): choose one with -m ID, or write one file each with -o DIR/\n");
        return EXIT_BAD_INPUT;
    }
    if (k == 0)
        return EXIT_BAD_INPUT;
    int rc = emit(doc, ms, k, (sfnviz_format)f, ro, o->output);
    return undrawable ? EXIT_BAD_INPUT : rc;
}

static sfnviz_theme *load_theme(const char *name, sfnviz_theme **out)
{
    char err[1024];
    if (!(*out = sfnviz_theme_load(name, err, sizeof err)))
        fprintf(stderr, "%s\n", err);
    return *out;
}

/* --theme and --dark-theme; "auto" is the default theme, and in SVG the dark one on a dark page. NULL:
 * the built-in default. Returns 0, or -1 after printing why a theme cannot be used. */
static int load_themes(const options *o, sfnviz_theme **theme, sfnviz_theme **dark)
{
    *theme = *dark = NULL;
    bool automatic = o->theme && strcmp(o->theme, "auto") == 0;
    if (o->theme && !automatic && !load_theme(o->theme, theme))
        return -1;
    const char *dark_name = o->dark_theme ? o->dark_theme : automatic ? "dark" : NULL;
    if (dark_name && !load_theme(dark_name, dark)) {
        sfnviz_theme_free(*theme);
        *theme = NULL;
        return -1;
    }
    return 0;
}

/* Loads one file and renders the machines asked for; returns the exit code for it. */
static int render_file(const char *path, const options *o, const sfnviz_render_options *ro)
{
    sfnviz_doc *doc = load(path, o);
    print_diagnostics(doc, false);
    int rc = EXIT_BAD_INPUT;
    if (!sfnviz_doc_failed(doc)) {
        size_t n = 0;
        const sfnviz_machine **ms = select_machines(doc, o, &n);
        if (ms && n == 0)
            fprintf(stderr, "%s: error: no state machine in this file\n", sfnviz_doc_path(doc));
        else if (ms)
            rc = render_selected(doc, ms, n, o, ro);
        free(ms);
    }
    sfnviz_doc_free(doc);
    return rc;
}

/* DIR/<FILE without its extension>/ for one of several files: `..` components become `__`, and `.` ones and
 * leading slashes are dropped, so every output stays inside DIR. malloc'd. */
static char *batch_dir(const char *dir, const char *file)
{
    size_t dlen = strlen(dir), flen = strlen(file);
    char *out = malloc(dlen + 2 * flen + 8);
    if (!out)
        return NULL;
    char *p = out + sprintf(out, "%s%s", dir, dlen && dir[dlen - 1] == '/' ? "" : "/");
    const char *last_dot = strrchr(file, '.'), *last_slash = strrchr(file, '/');
    if (last_dot && last_slash && last_dot < last_slash)
        last_dot = NULL;
    const char *end = last_dot && last_dot != file && last_dot[-1] != '/' ? last_dot : file + flen;
    for (const char *c = file; c < end;) {
        const char *slash = memchr(c, '/', (size_t)(end - c));
        size_t len = slash ? (size_t)(slash - c) : (size_t)(end - c);
        if (len == 2 && c[0] == '.' && c[1] == '.')
            p += sprintf(p, "__/");
        else if (len && !(len == 1 && c[0] == '.'))
            p += sprintf(p, "%.*s/", (int)len, c);
        c += len + (slash != NULL);
    }
    *p = '\0';
    return out;
}

typedef struct batch {
    const options *o;
    const sfnviz_render_options *ro;
    size_t workers;
    int report[2]; /* pipe: workers write "INDEX RC\n" per file (under PIPE_BUF: atomic) */
} batch;

/* A worker renders files k, k + workers, ... and reports each. */
static void batch_worker(const batch *b, size_t k)
{
    close(b->report[0]);
    for (size_t i = k; i < b->o->file_count; i += b->workers) {
        options one = *b->o;
        char *dir = batch_dir(b->o->output, b->o->files[i]);
        one.output = dir;
        int rc = dir ? render_file(b->o->files[i], &one, b->ro) : EXIT_BAD_INPUT;
        free(dir);
        fflush(stderr);
        char line[64];
        int len = snprintf(line, sizeof line, "%zu %d\n", i, rc);
        if (write(b->report[1], line, (size_t)len) != len)
            break;
    }
    close(b->report[1]);
}

/* Reads the workers' reports until they all close the pipe; counts results into done[] (1 ok, 2 failed). */
static void batch_collect(const batch *b, unsigned char *done)
{
    FILE *in = fdopen(b->report[0], "r");
    if (!in)
        return;
    bool tty = isatty(STDERR_FILENO);
    size_t index, count = 0;
    int rc;
    while (fscanf(in, "%zu %d", &index, &rc) == 2) {
        if (index < b->o->file_count)
            done[index] = rc == EXIT_OK ? 1 : 2;
        count++;
        if (tty)
            fprintf(stderr, "\rsfnviz: %zu/%zu files", count, b->o->file_count);
    }
    if (tty)
        fputc('\n', stderr);
    fclose(in);
}

/* Several FILEs with -o DIR/: worker processes (Graphviz is not thread-safe) render the files in turn; a
 * progress line on a terminal, a summary at the end. */
static int render_batch(const options *o, const sfnviz_render_options *ro)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    batch b = {o, ro, cpus > 1 ? (size_t)cpus : 1, {-1, -1}};
    if (b.workers > o->file_count)
        b.workers = o->file_count;
    unsigned char *done = calloc(o->file_count, 1);
    if (!done || pipe(b.report) != 0) {
        free(done);
        fprintf(stderr, "sfnviz: error: cannot start workers\n");
        return EXIT_BAD_INPUT;
    }
    fflush(NULL);
    size_t started = 0;
    for (size_t k = 0; k < b.workers; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            free(done); /* the parent's */
            batch_worker(&b, k);
            exit(EXIT_OK);
        }
        started += pid > 0;
    }
    close(b.report[1]);
    batch_collect(&b, done);
    for (size_t k = 0; k < started; k++)
        wait(NULL);
    size_t failed = 0;
    for (size_t i = 0; i < o->file_count; i++) {
        if (done[i] == 0) {
            fputs("sfnviz: error: ", stderr);
            put_safe(stderr, o->files[i]);
            fputs(": not rendered (its worker stopped)\n", stderr);
        }
        failed += done[i] != 1;
    }
    fprintf(stderr, "sfnviz: %zu files rendered into %s, %zu failed\n", o->file_count - failed, o->output, failed);
    free(done);
    return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

static int run_render(const options *o)
{
    if (o->file_count == 0)
        return usage_error(&COMMANDS[0], "%s", "render needs a FILE");
    bool many = o->file_count > 1;
    if (many && !(o->output && output_is_dir(o->output)))
        return usage_error(&COMMANDS[0], "%s", "several FILEs need -o DIR/ (each file's machines go to DIR/FILE/)");
    if (many && o->id_count)
        return usage_error(&COMMANDS[0], "%s", "-m picks machines of one FILE");
    for (size_t i = 0; many && i < o->file_count; i++)
        if (strcmp(o->files[i], "-") == 0)
            return usage_error(&COMMANDS[0], "%s", "standard input (-) is one FILE alone");
    sfnviz_render_options ro = {.direction = o->direction, .no_title = o->no_title, .legend = o->legend,
                                .png_dpi = o->dpi, .detail = o->detail, .warn = print_warning};
    sfnviz_theme *theme = NULL, *dark = NULL;
    if (load_themes(o, &theme, &dark) != 0)
        return EXIT_BAD_INPUT;
    ro.theme = theme;
    ro.dark_theme = dark;
    int rc = many ? render_batch(o, &ro) : render_file(o->files[0], o, &ro);
    sfnviz_theme_free(theme);
    sfnviz_theme_free(dark);
    return rc;
}

/* ---- list ---- */

enum { LIST_COLUMNS = 7 };

typedef struct row {
    const char *cells[LIST_COLUMNS];
    char states[24];
} row;

static const char *const LIST_HEADER[LIST_COLUMNS] = {"FILE", "ID", "KIND", "NAME", "STATES", "DEFINITION",
                                                      "STATUS"};

static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "sam") == 0)
        return "SAM";
    if (strcmp(kind, "cloudformation") == 0)
        return "CloudFormation";
    return "ASL";
}

static const char *cell(const row *r, size_t c) { return c == 4 ? r->states : r->cells[c]; }

/* Aligned columns under a header; the FILE column only when several files were named. */
static void print_rows(const row *rows, size_t n, bool with_file)
{
    size_t width[LIST_COLUMNS];
    for (size_t c = 0; c < LIST_COLUMNS; c++) {
        width[c] = strlen(LIST_HEADER[c]);
        for (size_t r = 0; r < n; r++)
            if (strlen(cell(&rows[r], c)) > width[c])
                width[c] = strlen(cell(&rows[r], c));
    }
    for (size_t r = 0; r <= n; r++) {
        for (size_t c = with_file ? 0 : 1; c < LIST_COLUMNS; c++) {
            const char *text = r == 0 ? LIST_HEADER[c] : cell(&rows[r - 1], c);
            put_safe(stdout, text);
            if (c + 1 == LIST_COLUMNS)
                putchar('\n');
            else
                printf("%*s  ", (int)(width[c] - strlen(text)), "");
        }
    }
}

static void machine_row(row *r, const sfnviz_doc *doc, const sfnviz_machine *m)
{
    const char *name = sfnviz_machine_name(m);
    r->cells[0] = sfnviz_doc_path(doc);
    r->cells[1] = sfnviz_machine_id(m);
    r->cells[2] = kind_label(sfnviz_machine_kind(m));
    r->cells[3] = name ? name : "-";
    r->cells[5] = sfnviz_machine_where(m);
    r->cells[6] = sfnviz_machine_status(m);
    if (sfnviz_machine_drawable(m))
        snprintf(r->states, sizeof r->states, "%zu", sfnviz_machine_state_count(m));
    else
        snprintf(r->states, sizeof r->states, "-");
}

static int run_list(const options *o)
{
    if (o->file_count == 0)
        return usage_error(&COMMANDS[1], "%s", "list needs at least one FILE");
    int rc = EXIT_OK;
    size_t nrows = 0, cap = 0;
    row *rows = NULL;
    sfnviz_doc **docs = calloc(o->file_count, sizeof *docs);
    for (size_t f = 0; docs && f < o->file_count; f++) {
        sfnviz_doc *doc = docs[f] = load(o->files[f], o);
        print_diagnostics(doc, true);
        if (sfnviz_doc_failed(doc))
            rc = EXIT_BAD_INPUT;
        for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++) {
            if (nrows == cap) {
                row *bigger = realloc(rows, (cap = cap ? cap * 2 : 16) * sizeof *rows);
                if (!bigger)
                    break;
                rows = bigger;
            }
            const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
            machine_row(&rows[nrows++], doc, m);
            /* Why a machine is broken or missing (S3 is a place, not a problem: its row says it). */
            const char *status = sfnviz_machine_status(m);
            if ((strcmp(status, "error") == 0 || strcmp(status, "missing") == 0) && sfnviz_machine_message(m))
                put_safe_line(stderr, sfnviz_machine_message(m));
        }
    }
    if (nrows)
        print_rows(rows, nrows, o->file_count > 1);
    for (size_t f = 0; docs && f < o->file_count; f++)
        sfnviz_doc_free(docs[f]);
    free(docs);
    free(rows);
    return rc;
}

/* ---- themes ---- */

static int run_themes(const options *o)
{
    if (o->file_count != 0)
        return usage_error(&COMMANDS[2], "%s", "themes takes no FILE");
    size_t width = 0;
    for (size_t i = 0; sfnviz_theme_builtin_name(i); i++)
        if (strlen(sfnviz_theme_builtin_name(i)) > width)
            width = strlen(sfnviz_theme_builtin_name(i));
    for (size_t i = 0; sfnviz_theme_builtin_name(i); i++) {
        const char *d = sfnviz_theme_builtin_description(i);
        printf("%-*s  %s\n", (int)width, sfnviz_theme_builtin_name(i), d ? d : "");
    }
    printf("%-*s  %s\n", (int)width, "auto", "default, and in SVG dark when the page is dark (--dark-theme dark)");
    return EXIT_OK;
}

/* ---- entry ---- */

/* `sfnviz: timings: read 1.2 ms · model 0.4 ms · ...`, on standard error (for bench/scale.sh). */
static void print_timings(void)
{
    fputs("sfnviz: timings:", stderr);
    for (size_t i = 0; sfnviz_stage_name(i); i++)
        fprintf(stderr, "%s %s %.3f ms", i ? " \u00b7" : "", sfnviz_stage_name(i), sfnviz_stage_seconds(i) * 1e3);
    fputc('\n', stderr);
}

int cli_main(int argc, char **argv)
{
    /* A line per write, not a character: thousands of warnings must not take thousands of system calls
     * per line. */
    setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
    if (argc < 2) {
        print_program_help(stderr);
        return EXIT_BAD_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_program_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("sfnviz %s\n", SFNVIZ_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(argv[1], COMMANDS[i].name) != 0)
            continue;
        options o;
        int rc = parse_options(&COMMANDS[i], argc - 1, argv + 1, &o);
        if (rc < 0) {
            rc = COMMANDS[i].run(&o);
            if (o.timings)
                print_timings();
        }
        free(o.ids);
        return rc;
    }
    fprintf(stderr, "sfnviz: unknown command '%s'\n", argv[1]);
    print_program_help(stderr);
    return EXIT_BAD_INPUT;
}
