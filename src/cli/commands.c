/* commands.c: the table of commands, and the dispatch of argv to one of them: `sfnviz COMMAND [OPTION]...
 * [FILE]...`, `sfnviz help [COMMAND]`, `--help`, `--version` (and -V, as Graphviz's dot). */
#include "cli.h"
#include "commands.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const command COMMANDS[] = {
    {"render", run_render, "FILE...",
    "Draws the state machines of a SAM / CloudFormation template or an Amazon States Language file.\n",
    "FILE may be - for standard input. JSON and DOT hold every machine of the file.\n"
    "Several FILEs need -o DIR/: each file's machines go to DIR/<FILE without its extension>/<ID>.<ext>,\n"
    "rendered by one worker process per core (-j N), with a summary (and a progress line on a terminal); or\n"
    "-f json: one document, {\"version\": 1, \"files\": [{\"path\", \"error\", \"machines\": [...]}]}.\n"
    "With --check, each output is compared with the file it would replace, and nothing is written.\n"
    "Exit status: 0 drawn (--check: every file current); 1 (--check) a file out of date or missing;\n"
    "2 bad usage, a file that does not parse, or a machine with nothing to draw (definition in S3,\n"
    "missing or refused DefinitionUri file, broken definition).\n",
     TAKES(OPT_FORMAT) | TAKES(OPT_OUTPUT) | TAKES(OPT_MACHINE) | TAKES(OPT_THEME) | TAKES(OPT_DARK_THEME) |
         TAKES(OPT_LEGEND) | TAKES(OPT_DETAIL) | TAKES(OPT_DIRECTION) | TAKES(OPT_NO_TITLE) | TAKES(OPT_TITLE) |
         TAKES(OPT_DPI) | TAKES(OPT_CHECK) | TAKES(OPT_JOBS) |
         TAKES(OPT_ROOT) | TAKES(OPT_LIMIT) | TAKES(OPT_TIMINGS)},
    {"list", run_list, "FILE...",
    "Lists the state machines of each file: ID, kind (SAM, CloudFormation, ASL), name, number of states,\n"
    "where the definition lives, and status (ok, s3, missing, error).\n",
    "With --format json: one document, {\"version\": 1, \"files\": [{\"path\", \"error\", \"machines\": [{\"id\",\n"
    "\"kind\", \"name\", \"states\", \"definition\", \"status\", \"message\"}]}]} (docs/json-schema.md).\n"
    "Exit status: 0 when every file was read; 2 when a file cannot be read or parsed.\n",
     TAKES(OPT_LIST_FORMAT) | TAKES(OPT_ROOT) | TAKES(OPT_LIMIT) | TAKES(OPT_TIMINGS)},
    {"check", run_check, "FILE...",
    "Checks the state machines of each file against the rules the Step Functions service applies when it\n"
    "accepts a definition, and more (unreachable states, endless loops, paths that are never evaluated).\n"
    "Each finding names the key it is about: file:line:col: error|warning: message [rule-id], in the file\n"
    "you edit (the template, or the DefinitionUri file).\n",
    "The rules, their IDs and the service's own codes for them: docs/rules.md.\n"
    "Exit status: 0 when there is no error (with --strict: no finding); 1 when there is one; 2 on bad\n"
    "usage or when a file cannot be read or parsed.\n",
     TAKES(OPT_CHECK_FORMAT) | TAKES(OPT_IGNORE) | TAKES(OPT_STRICT) | TAKES(OPT_LIST_RULES) | TAKES(OPT_ROOT) | TAKES(OPT_LIMIT) | TAKES(OPT_TIMINGS)},
    {"summary", run_summary, "FILE...",
    "Describes each state machine of each file in words: a header (ID, name, type, query language, where\n"
    "the definition came from, states by type), then the states as an outline in execution order from\n"
    "StartAt, each Parallel branch and Map processor indented under its state, each state with its type,\n"
    "resource, transitions (Choice rules, default), Retry and Catch; then the terminal states, the states\n"
    "not reached from StartAt, the Tasks with neither Retry nor Catch, and the Lambda functions and other\n"
    "resources the Tasks use. A state reached again (a loop, a shared handler) is only named.\n",
    "FILE may be - for standard input. On a terminal the text has colour, Unicode tree guides and the\n"
    "terminal's width; piped, it is plain ASCII in $COLUMNS or 80 columns. Text from the files never\n"
    "reaches the terminal raw: control characters show as \\n, \\x1b. With --format json: one document,\n"
    "{\"version\": 1, \"files\": [{\"path\", \"error\", \"machines\": [...]}]} (docs/json-schema.md).\n"
    "Exit status: 0 when every file was read; 2 when a file cannot be read or parsed, or no file holds a\n"
    "machine asked for with -m.\n",
     TAKES(OPT_SUMMARY_FORMAT) | TAKES(OPT_SUMMARY_MACHINE) | TAKES(OPT_COLOR) | TAKES(OPT_ASCII) | TAKES(OPT_UNICODE) |
         TAKES(OPT_WIDTH) | TAKES(OPT_ROOT) | TAKES(OPT_LIMIT) | TAKES(OPT_TIMINGS)},
    {"diff", run_diff, "OLD NEW | --base REV FILE...",
    "Shows what changed between two versions of a file's state machines: machines matched by ID, states\n"
    "by name (a rename is a removal and an addition), edges by from, to and kind; each changed state with\n"
    "its fields' old and new values (Type, Resource, Next, Choice rules, Retry, Catch, Parameters, ...).\n"
    "YAML against JSON, key order and number spelling are no change.\n",
    "OLD and NEW are templates or ASL files; one of them may be - for standard input. With --base REV,\n"
    "each FILE is compared with its version at git revision REV (git show REV:./FILE, run in FILE's\n"
    "folder). On a terminal the text has colour; piped, it is plain. Text from the files never reaches\n"
    "the terminal raw. With --format json: {\"version\": 1, \"machines\": [{\"id\", \"file\", \"status\",\n"
    "\"added_states\", \"removed_states\", \"changed_states\", \"changes\", \"added_edges\",\n"
    "\"removed_edges\"}]} (docs/json-schema.md).\n"
    "Exit status: 0 done (with --exit-code: no differences); 1 with --exit-code when there are\n"
    "differences; 2 on bad usage, when a file cannot be read or parsed, or git fails.\n",
     TAKES(OPT_DIFF_FORMAT) | TAKES(OPT_DIFF_OUTPUT) | TAKES(OPT_BASE) | TAKES(OPT_EXIT_CODE) | TAKES(OPT_COLOR) |
         TAKES(OPT_DIFF_MACHINE) | TAKES(OPT_THEME) | TAKES(OPT_DARK_THEME) | TAKES(OPT_LEGEND) | TAKES(OPT_DETAIL) |
         TAKES(OPT_DIRECTION) | TAKES(OPT_NO_TITLE) | TAKES(OPT_TITLE) | TAKES(OPT_DPI) | TAKES(OPT_ROOT) | TAKES(OPT_LIMIT) |
         TAKES(OPT_TIMINGS)},
    {"themes", run_themes, "",
    "Lists the built-in themes with a one-line description each. Use one with 'sfnviz render --theme NAME';\n"
    "--theme also takes a YAML file that sets some keys and inherits the rest (keys: themes/default.yaml).\n"
    "The last line, auto, is no theme of its own: default, switching to dark in an SVG on a dark page.\n",
     "", 0},
};
enum { COMMAND_COUNT = sizeof COMMANDS / sizeof COMMANDS[0] };

static void print_program_help(FILE *out)
{
    fprintf(out, "sfnviz %s: AWS Step Functions workflows as diagrams.\n\nUsage:\n", sfnviz_version());
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        fputs("  ", out);
        command_print_usage(&COMMANDS[i], out);
    }
    fputs("  sfnviz help [COMMAND] | --help | --version\n\nRun 'sfnviz COMMAND --help' for a command's options.\n",
          out);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(name, COMMANDS[i].name) == 0)
            return &COMMANDS[i];
    return NULL;
}

/* Levenshtein distance of a and b, when both are short (command names); a large number otherwise. */
static size_t edit_distance(const char *a, const char *b)
{
    enum { LONGEST = 32 };
    size_t n = strlen(a), m = strlen(b);
    if (n >= LONGEST || m >= LONGEST)
        return LONGEST;
    size_t row[LONGEST + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = up;
        }
    }
    return row[m];
}

/* As git: an unknown command close to a known one (two edits at most) is suggested. */
static int unknown_command(const char *name)
{
    fputs("sfnviz: unknown command '", stderr);
    put_safe(stderr, name);
    fputs("'\n", stderr);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (edit_distance(name, COMMANDS[i].name) <= 2) {
            fprintf(stderr, "\nThe most similar command is\n\t%s\n", COMMANDS[i].name);
            fprintf(stderr, "Did you mean 'sfnviz %s'?\n", COMMANDS[i].name);
            return EXIT_BAD_INPUT;
        }
    fputc('\n', stderr);
    print_program_help(stderr);
    return EXIT_BAD_INPUT;
}

/* `sfnviz help` and `sfnviz help COMMAND`. */
static int run_help(int argc, char **argv)
{
    if (argc < 3) {
        print_program_help(stdout);
        return EXIT_OK;
    }
    const command *c = find_command(argv[2]);
    if (!c)
        return unknown_command(argv[2]);
    command_print_help(c, stdout);
    return EXIT_OK;
}

static int run_command(const command *c, int argc, char **argv)
{
    options o;
    int rc = options_parse(c, argc, argv, &o);
    if (rc < 0) {
        rc = c->run(c, &o);
        if (o.timings)
            print_timings();
    }
    options_free(&o);
    return rc;
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
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0)
        return run_help(argc, argv);
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
        printf("sfnviz %s\n", sfnviz_version());
        return EXIT_OK;
    }
    const command *c = find_command(first);
    if (!c)
        return unknown_command(first);
    return run_command(c, argc - 1, argv + 1);
}
