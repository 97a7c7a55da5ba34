/* cmd_diff.c: `sfnviz diff OLD NEW` and `sfnviz diff --base REV FILE...`: each pair of documents compared
 * by sfnviz_diff_docs, all of them written in one output by sfnviz_diff_write_all. What suits standard
 * output (colour) is decided here; the older versions come from git (git_show.c). */
#include "cli.h"
#include "commands.h"
#include "drawing_options.h"
#include "git_show.h"
#include "output.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The pairs compared: docs[2 * i] is the old side of pair i, docs[2 * i + 1] the new (NULL: absent). */
typedef struct pairs {
    sfnviz_doc **docs;
    sfnviz_diff **diffs;
    size_t count;
    bool failed; /* a file could not be read or parsed, or git failed: exit 2 */
} pairs;

/* Prints a loaded document's errors; false when it did not parse. */
static bool usable(const sfnviz_doc *doc)
{
    if (!doc)
        return true;
    print_diagnostics(doc, true);
    return !sfnviz_doc_failed(doc);
}

static void say_error(const char *what, const char *why)
{
    fputs("sfnviz: error: ", stderr);
    put_safe(stderr, what);
    fputs(": ", stderr);
    put_safe(stderr, why);
    fputc('\n', stderr);
}

/* The folder of path, for the older version's DefinitionUri files (malloc'd). */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
}

/* A revision to read files at, and how large a file may be (--limit input-size, as for files on disk). */
typedef struct revision {
    const char *rev;
    size_t max_bytes;
} revision;

/* A DefinitionUri file of an older version: the same revision's (sfnviz_file_source). */
static int read_at_rev(void *ctx, const char *path, char **text, size_t *len, char *err, size_t err_size)
{
    const revision *at = ctx;
    git_show_result r = git_show(at->rev, path, at->max_bytes, text, len, err, err_size);
    return r == GIT_SHOW_FOUND ? 0 : r == GIT_SHOW_ABSENT ? 1 : -1;
}

/* FILE's version at REV, loaded under the name REV:FILE, its DefinitionUri files read at REV too; NULL when REV has no such file (or on error,
 * with *failed set). */
static sfnviz_doc *load_at_rev(const char *rev, const char *path, const options *o, bool *absent, bool *failed)
{
    char *text, err[512];
    size_t len;
    size_t set = o->limits.value[SFNVIZ_LIMIT_INPUT_SIZE];
    revision at = {rev, set ? set : sfnviz_limit_default(SFNVIZ_LIMIT_INPUT_SIZE)};
    git_show_result r = git_show(rev, path, at.max_bytes, &text, &len, err, sizeof err);
    *absent = r == GIT_SHOW_ABSENT;
    if (r == GIT_SHOW_ERROR) {
        say_error(path, err);
        *failed = true;
    }
    if (r != GIT_SHOW_FOUND)
        return NULL;
    char *name = malloc(strlen(rev) + strlen(path) + 2);
    char *dir = folder_of(path);
    sfnviz_doc *doc = NULL;
    if (name && dir) {
        sprintf(name, "%s:%s", rev, path);
        sfnviz_load_options lo = load_options_of(o);
        sfnviz_file_source at_rev = {read_at_rev, &at};
        doc = sfnviz_doc_load_buffer_in(name, text, len, dir, &at_rev, &lo);
    }
    free(name);
    free(dir);
    free(text);
    return doc;
}

static bool exists(const char *path)
{
    struct stat st;
    return strcmp(path, "-") == 0 || stat(path, &st) == 0 || errno != ENOENT;
}

/* FILE against its version at --base: a file deleted since REV is removed, one new since is added. */
static void add_base_pair(pairs *p, const char *path, const options *o)
{
    sfnviz_doc **d = &p->docs[2 * p->count];
    bool absent = false, here = exists(path);
    if (strcmp(path, "-") == 0) {
        say_error(path, "--base compares files in a repository, not standard input");
        p->failed = true;
        return;
    }
    d[0] = load_at_rev(o->base, path, o, &absent, &p->failed);
    if (!d[0] && !absent)
        return;
    if (!here && absent) {
        say_error(path, "no such file, here or at the revision");
        p->failed = true;
        return;
    }
    d[1] = here ? load_doc(path, o) : NULL;
    p->count++;
}

static int collect(pairs *p, const command *c, const options *o)
{
    if (!o->base) {
        if (o->file_count != 2)
            return usage_error(c, "%s", "diff compares two files: OLD NEW (or --base REV FILE...)");
        if (strcmp(o->files[0], "-") == 0 && strcmp(o->files[1], "-") == 0)
            return usage_error(c, "%s", "only one side can be - (standard input)");
    } else if (o->file_count == 0) {
        return usage_error(c, "%s", "diff --base REV needs at least one FILE");
    }
    size_t pairs_wanted = o->base ? o->file_count : 1;
    p->docs = calloc(2 * pairs_wanted, sizeof *p->docs);
    p->diffs = calloc(pairs_wanted, sizeof *p->diffs);
    if (!p->docs || !p->diffs) {
        fprintf(stderr, "sfnviz: error: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    if (!o->base) {
        p->docs[0] = load_doc(o->files[0], o);
        p->docs[1] = load_doc(o->files[1], o);
        p->count = 1;
    }
    for (size_t f = 0; o->base && f < o->file_count; f++)
        add_base_pair(p, o->files[f], o);
    for (size_t i = 0; i < 2 * p->count; i++)
        if (!usable(p->docs[i]))
            p->failed = true;
    return EXIT_OK;
}

static void release(pairs *p)
{
    for (size_t i = 0; p->diffs && i < p->count; i++)
        sfnviz_diff_free(p->diffs[i]);
    for (size_t i = 0; p->docs && i < 2 * p->count; i++)
        sfnviz_doc_free(p->docs[i]);
    free(p->docs);
    free(p->diffs);
}

/* Compares and writes every pair; returns the exit code. */
static int compare_and_write(pairs *p, const options *o)
{
    bool differs = false;
    for (size_t i = 0; i < p->count; i++) {
        p->diffs[i] = sfnviz_diff_docs(p->docs[2 * i], p->docs[2 * i + 1]);
        if (!p->diffs[i]) {
            fprintf(stderr, "sfnviz: error: out of memory\n");
            return EXIT_BAD_INPUT;
        }
        differs |= sfnviz_diff_differs(p->diffs[i]) != 0;
    }
    bool tty = !o->output && isatty(STDOUT_FILENO);
    char *data, err[2048];
    size_t len;
    drawing_options d;
    if (drawing_options_load(&d, o) != 0)
        return EXIT_BAD_INPUT;
    sfnviz_diff_options dopts = {color_wanted(o->color, tty), &d.ro, o->id_count ? o->ids[0] : NULL};
    int written = sfnviz_diff_write_all((const sfnviz_diff *const *)p->diffs, p->count,
                                        (sfnviz_diff_format)o->diff_format, &dopts, &data, &len, err, sizeof err);
    drawing_options_free(&d);
    if (written != 0) {
        fputs("sfnviz: error: ", stderr);
        put_safe_line(stderr, err);
        return EXIT_BAD_INPUT;
    }
    int rc = output_write_or_say(o->output, data, len) != 0 ? EXIT_BAD_INPUT : EXIT_OK;
    free(data);
    if (rc == EXIT_OK && o->exit_code && differs)
        rc = EXIT_FINDINGS;
    return rc;
}

/* The drawn formats take the drawing module, loaded before any file is read (one message when it is
 * missing); the binary ones are never written to a terminal. Returns 0, or -1 after saying why. */
static int prepare_drawing(const options *o)
{
    int drawn = sfnviz_diff_drawn_format((sfnviz_diff_format)o->diff_format);
    if (drawn < 0)
        return 0;
    sfnviz_format f = (sfnviz_format)drawn;
    if (sfnviz_format_is_binary(f) && output_is_terminal(o->output)) {
        fprintf(stderr, "sfnviz: error: not writing %s to a terminal: use -o FILE or redirect the output\n",
                sfnviz_format_name(f));
        return -1;
    }
    return drawing_prepare(f);
}

int run_diff(const command *c, const options *o)
{
    if (o->id_count > 1)
        return usage_error(c, "%s", "-m names the one machine to draw");
    if (prepare_drawing(o) != 0)
        return EXIT_BAD_INPUT;
    pairs p = {0};
    int rc = collect(&p, c, o);
    if (rc == EXIT_OK && p.failed)
        rc = EXIT_BAD_INPUT;
    else if (rc == EXIT_OK)
        rc = compare_and_write(&p, o);
    release(&p);
    return rc;
}
