/* cmd_summary.c: `sfnviz summary`: each file's machines described in words by sfnviz_summary (text,
 * Markdown), one file after another, or one JSON document for all files. What suits standard output is
 * decided here: colour (a terminal, NO_COLOR, TERM=dumb, --color), Unicode or ASCII, the width. */
#include "cli.h"
#include "commands.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static unsigned held(unsigned long n) { return n < WIDTH_MIN ? WIDTH_MIN : n > WIDTH_MAX ? WIDTH_MAX : (unsigned)n; }

/* --width, else the terminal's width, else $COLUMNS, else 80. */
static unsigned pick_width(const options *o, bool tty)
{
    if (o->width)
        return o->width;
    struct winsize ws;
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return held(ws.ws_col);
    const char *columns = getenv("COLUMNS");
    char *end;
    unsigned long n = columns && *columns ? strtoul(columns, &end, 10) : 0;
    if (n > 0 && !*end)
        return held(n);
    return 80;
}

/* The machines of doc that -m asks for (all without -m), each -m found marked in found[]. */
static size_t select_machines(const sfnviz_doc *doc, const options *o, const sfnviz_machine **ms, bool *found)
{
    size_t n = 0, total = sfnviz_doc_machine_count(doc);
    for (size_t i = 0; i < total; i++) {
        const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
        bool wanted = o->id_count == 0;
        for (size_t k = 0; k < o->id_count; k++)
            if (strcmp(sfnviz_machine_id(m), o->ids[k]) == 0)
                wanted = found[k] = true;
        if (wanted)
            ms[n++] = m;
    }
    return n;
}

/* One file's summary into *out (malloc'd); returns the file's exit code. *out is NULL for a file that did
 * not parse (its error was printed) or that holds none of the machines asked for. */
static int summarise_file(sfnviz_doc *doc, const options *o, const sfnviz_summary_options *so, bool *found,
                          char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    print_diagnostics(doc, true);
    if (sfnviz_doc_failed(doc))
        return EXIT_BAD_INPUT;
    size_t total = sfnviz_doc_machine_count(doc);
    const sfnviz_machine **ms = calloc(total ? total : 1, sizeof *ms);
    if (!ms) {
        fprintf(stderr, "sfnviz: error: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    size_t n = select_machines(doc, o, ms, found);
    int rc = EXIT_OK;
    char err[512];
    if ((n || total == 0) && sfnviz_summary(doc, ms, n, so, out, len, err, sizeof err) != 0) {
        fprintf(stderr, "sfnviz: error: %s\n", err);
        rc = EXIT_BAD_INPUT;
    }
    free(ms);
    return rc;
}

static void put_json_file(FILE *out, const sfnviz_doc *doc, const char *data, size_t len)
{
    char buf[2048];
    put_json_file_entry(out, sfnviz_doc_path(doc), doc_error_text(doc, buf, sizeof buf), data, len);
}

static int check_ids(const options *o, const bool *found)
{
    int rc = EXIT_OK;
    for (size_t k = 0; k < o->id_count; k++)
        if (!found[k]) {
            fputs("sfnviz: error: no state machine with ID '", stderr);
            put_safe(stderr, o->ids[k]);
            fputs(o->file_count > 1 ? "' in these files\n" : "' in this file\n", stderr);
            rc = EXIT_BAD_INPUT;
        }
    return rc;
}

int run_summary(const command *c, const options *o)
{
    if (o->file_count == 0)
        return usage_error(c, "%s", "summary needs at least one FILE");
    if (o->ascii && o->unicode)
        return usage_error(c, "%s", "--ascii and --unicode cannot go together");
    bool tty = isatty(STDOUT_FILENO);
    sfnviz_summary_options so = {(sfnviz_summary_format)o->summary_format, color_wanted(o->color, tty),
                                 o->ascii || (!o->unicode && !tty), pick_width(o, tty)};
    bool json = so.format == SFNVIZ_SUMMARY_JSON;
    bool *found = calloc(o->id_count ? o->id_count : 1, sizeof *found);
    if (!found)
        return EXIT_BAD_INPUT;
    int rc = EXIT_OK;
    bool said = false;
    if (json)
        fputs("{\"version\": 1, \"files\": [", stdout);
    for (size_t f = 0; f < o->file_count; f++) {
        sfnviz_doc *doc = load_doc(o->files[f], o);
        char *data;
        size_t len;
        if (summarise_file(doc, o, &so, found, &data, &len) != EXIT_OK)
            rc = EXIT_BAD_INPUT;
        if (json) {
            fputs(f ? ",\n" : "\n", stdout);
            put_json_file(stdout, doc, data, len);
        } else if (data) {
            if (said)
                fputc('\n', stdout);
            fwrite(data, 1, len, stdout);
            said = true;
        }
        free(data);
        sfnviz_doc_free(doc);
    }
    if (json)
        fputs("\n]}\n", stdout);
    if (check_ids(o, found) != EXIT_OK)
        rc = EXIT_BAD_INPUT;
    free(found);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sfnviz: error: cannot write to standard output: %s\n", strerror(errno));
        rc = EXIT_BAD_INPUT;
    }
    return rc;
}
