/* cmd_render.c: `sfnviz render`: one file's machines into one output, or one file each into a folder; with
 * --check, compared with those files instead of written. */
#include "cli.h"
#include "commands.h"
#include "output.h"
#include "drawing_options.h"
#include "render_batch.h"
#include "render_json.h"
#include "report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Messages name at most this many machines: a template of 400 would bury the advice in names. */
enum { IDS_SHOWN = 20 };

static void put_more(FILE *out, size_t count)
{
    if (count > IDS_SHOWN)
        fprintf(out, " and %zu more, which sfnviz list names", count - IDS_SHOWN);
}

static void list_ids(const sfnviz_doc *doc, FILE *out)
{
    size_t count = sfnviz_doc_machine_count(doc);
    for (size_t i = 0; i < count && i < IDS_SHOWN; i++) {
        fputs(i ? ", " : "", out);
        put_safe(out, sfnviz_machine_id(sfnviz_doc_machine(doc, i)));
    }
    put_more(out, count);
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

static int worse(int a, int b) { return a > b ? a : b; }

/* Renders ms into path, or with --check compares the result with it: EXIT_OK, EXIT_STALE (--check: the
 * file differs or is missing) or EXIT_BAD_INPUT. */
static int emit(const sfnviz_doc *doc, const sfnviz_machine *const *ms, size_t n, sfnviz_format f,
                const sfnviz_render_options *ro, const options *o, const char *path)
{
    char *data = NULL, err[2048];
    size_t len = 0;
    if (sfnviz_export(doc, ms, n, f, ro, &data, &len, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return EXIT_BAD_INPUT;
    }
    int rc = output_put(path, data, len, o->check);
    free(data);
    return rc < 0 ? EXIT_BAD_INPUT : rc > 0 ? EXIT_STALE : EXIT_OK;
}

/* The file name a machine gets in an output folder: its whole ID (a standalone ASL file's ID is its file
 * name, so flow.asl.json and flow.asl.yaml do not collide), characters that do not belong in file names
 * replaced. */
static char *output_name(const char *dir, const sfnviz_machine *m, const char *ext)
{
    const char *id = sfnviz_machine_id(m);
    size_t n = strlen(id);
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
                         const sfnviz_render_options *ro, const options *o)
{
    const char *dir = o->output;
    char err[512];
    if (!o->check && output_make_dir(dir, err, sizeof err) != 0) {
        fprintf(stderr, "sfnviz: error: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    char **paths = calloc(n ? n : 1, sizeof *paths);
    int rc = paths ? EXIT_OK : EXIT_BAD_INPUT;
    for (size_t i = 0; rc == EXIT_OK && i < n; i++)
        if (sfnviz_machine_drawable(ms[i]) && !(paths[i] = output_name(dir, ms[i], sfnviz_format_extension(f))))
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
    for (size_t i = 0; rc != EXIT_BAD_INPUT && i < n; i++) /* --check names every stale file */
        if (paths[i])
            rc = worse(rc, emit(doc, &ms[i], 1, f, ro, o, paths[i]));
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
        fputs(msg ? ")\n" : ": nothing to draw)\n", stderr);
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

/* An SVG, PNG or PDF holds one machine: say which k were to go in it, and how to get them all. */
static int refuse_several(const sfnviz_doc *doc, const sfnviz_machine *const *ms, size_t k, const options *o,
                          sfnviz_format f)
{
    put_safe(stderr, sfnviz_doc_path(doc));
    fprintf(stderr, ": error: %zu state machines %s (", k, o->id_count ? "asked for with -m" : "to draw");
    for (size_t i = 0; i < k && i < IDS_SHOWN; i++) {
        fputs(i ? ", " : "", stderr);
        put_safe(stderr, sfnviz_machine_id(ms[i]));
    }
    put_more(stderr, k);
    fprintf(stderr, "), and %s holds one: write one file each with -o DIR/, choose one with -m ID, or use "
                    "-f dot, -f json or -f markdown, which hold them all\n", sfnviz_format_name(f));
    if (o->id_count && k < sfnviz_doc_machine_count(doc)) {
        fputs("sfnviz: the file's state machines: ", stderr);
        list_ids(doc, stderr);
        fputc('\n', stderr);
    }
    return EXIT_BAD_INPUT;
}

static int render_selected(const sfnviz_doc *doc, const sfnviz_machine **ms, size_t n, const options *o,
                           const sfnviz_render_options *ro)
{
    bool to_dir = o->output && output_is_dir(o->output);
    int f = pick_format(o, to_dir);
    if (f < 0) {
        fprintf(stderr, "sfnviz: error: cannot tell the format from '%s': give -f dot|svg|png|pdf|json|mermaid|markdown\n", o->output);
        return EXIT_BAD_INPUT;
    }
    if (o->dark_theme && f != SFNVIZ_FORMAT_SVG) {
        fprintf(stderr, "sfnviz: error: --dark-theme applies to SVG only, not %s (its colours switch with the "
                        "page's colour scheme)\n", sfnviz_format_name((sfnviz_format)f));
        return EXIT_BAD_INPUT;
    }
    size_t undrawable = report_undrawable(ms, n);
    if (to_dir) {
        int rc = render_to_dir(doc, ms, n, (sfnviz_format)f, ro, o);
        return undrawable ? EXIT_BAD_INPUT : rc;
    }
    if (sfnviz_format_is_binary((sfnviz_format)f) && output_is_terminal(o->output)) {
        fprintf(stderr, "sfnviz: error: not writing %s to a terminal: use -o FILE or redirect the output\n",
                sfnviz_format_name((sfnviz_format)f));
        return EXIT_BAD_INPUT;
    }
    /* One output for all: a picture missing a machine that was asked for is a failed render, and a failed
     * render writes nothing. JSON still lists every machine, with its status. */
    if (undrawable && f != SFNVIZ_FORMAT_JSON)
        return EXIT_BAD_INPUT;
    size_t k = drawable_only(ms, n, (sfnviz_format)f);
    bool single = f != SFNVIZ_FORMAT_JSON && f != SFNVIZ_FORMAT_DOT && f != SFNVIZ_FORMAT_MARKDOWN;
    if (single && k > 1)
        return refuse_several(doc, ms, k, o, (sfnviz_format)f);
    if (k == 0)
        return EXIT_BAD_INPUT;
    int rc = emit(doc, ms, k, (sfnviz_format)f, ro, o, o->output);
    return undrawable ? EXIT_BAD_INPUT : rc;
}

/* Loads one file and renders the machines asked for; returns the exit code for it. */
static int render_file(const char *path, const options *o, const sfnviz_render_options *ro)
{
    sfnviz_doc *doc = load_doc(path, o);
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

/* Loads the drawing module now, when the format needs it (all but JSON, Mermaid and Markdown), before any
 * file is read and any worker forked (render_batch.c): one load for all, and a missing module is one
 * message, not one per file.
 * A format that cannot be told is left to render_selected, which says why. */
static int prepare_format(const options *o, bool to_dir, bool one_json)
{
    int f = one_json ? SFNVIZ_FORMAT_JSON : pick_format(o, to_dir);
    return f < 0 ? 0 : drawing_prepare((sfnviz_format)f);
}

int run_render(const command *c, const options *o)
{
    if (o->file_count == 0)
        return usage_error(c, "%s", "render needs a FILE");
    bool many = o->file_count > 1;
    bool to_dir = o->output && output_is_dir(o->output);
    bool one_json = many && !to_dir && pick_format(o, false) == SFNVIZ_FORMAT_JSON;
    if (many && !to_dir && !one_json)
        return usage_error(c, "%s", "several FILEs need -o DIR/ (each file's machines go to DIR/FILE/), "
                                    "or -f json (one document for all)");
    if (many && o->id_count)
        return usage_error(c, "%s", "-m picks machines of one FILE");
    for (size_t i = 0; many && i < o->file_count; i++)
        if (strcmp(o->files[i], "-") == 0)
            return usage_error(c, "%s", "standard input (-) is one FILE alone");
    if (o->title && !o->title[0])
        return usage_error(c, "%s", "--title needs a text (--no-title leaves the title out)");
    if (o->title && o->no_title)
        return usage_error(c, "%s", "--title and --no-title contradict each other");
    if (o->check && !o->output)
        return usage_error(c, "%s", "--check compares with files: give -o FILE or -o DIR/");
    if (prepare_format(o, to_dir, one_json) != 0)
        return EXIT_BAD_INPUT;
    drawing_options d;
    if (drawing_options_load(&d, o) != 0)
        return EXIT_BAD_INPUT;
    int rc = one_json ? render_json_files(o, &d.ro)
             : many   ? render_batch(o, &d.ro, render_file)
                      : render_file(o->files[0], o, &d.ro);
    drawing_options_free(&d);
    return rc;
}
