/* render_batch.c: several FILEs with -o DIR/, one worker process per core (Graphviz is not thread-safe). */
#include "render_batch.h"
#include "cli.h"
#include "report.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
    render_one_fn *render_one;
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
        int rc = dir ? b->render_one(b->o->files[i], &one, b->ro) : EXIT_BAD_INPUT;
        free(dir);
        fflush(stderr);
        char line[64];
        int len = snprintf(line, sizeof line, "%zu %d\n", i, rc);
        if (write(b->report[1], line, (size_t)len) != len)
            break;
    }
    close(b->report[1]);
}

/* What done[] holds for a file: no report yet, or its exit code plus one. */
enum { NOT_DONE = 0, DONE_OK = 1 + EXIT_OK, DONE_STALE = 1 + EXIT_STALE, DONE_FAILED = 1 + EXIT_BAD_INPUT };

/* Reads the workers' reports until they all close the pipe; counts results into done[]. */
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
            done[index] = rc == EXIT_OK ? DONE_OK : rc == EXIT_STALE ? DONE_STALE : DONE_FAILED;
        count++;
        if (tty)
            fprintf(stderr, "\rsfnviz: %zu/%zu files", count, b->o->file_count);
    }
    if (tty)
        fputc('\n', stderr);
    fclose(in);
}

/* The last line: how many files were rendered (or with --check, found current) and how many failed. */
static int batch_summary(const options *o, const unsigned char *done)
{
    size_t count[DONE_FAILED + 1] = {0};
    for (size_t i = 0; i < o->file_count; i++) {
        if (done[i] == NOT_DONE) {
            fputs("sfnviz: error: ", stderr);
            put_safe(stderr, o->files[i]);
            fputs(": not rendered (its worker stopped)\n", stderr);
        }
        count[done[i] == NOT_DONE ? DONE_FAILED : done[i]]++;
    }
    if (o->check)
        fprintf(stderr, "sfnviz: %zu files checked against %s: %zu current, %zu out of date, %zu failed\n",
                o->file_count, o->output, count[DONE_OK], count[DONE_STALE], count[DONE_FAILED]);
    else
        fprintf(stderr, "sfnviz: %zu files rendered into %s, %zu failed\n", count[DONE_OK], o->output,
                count[DONE_FAILED]);
    return count[DONE_FAILED] ? EXIT_BAD_INPUT : count[DONE_STALE] ? EXIT_STALE : EXIT_OK;
}

/* Several FILEs with -o DIR/: worker processes (Graphviz is not thread-safe) render the files in turn; a
 * progress line on a terminal, a summary at the end. Each file's outputs depend on that file alone, so
 * they are the same bytes whatever the number of workers and whichever worker draws them
 * (tests/e2e/determinism.sh). */
int render_batch(const options *o, const sfnviz_render_options *ro, render_one_fn *render_one)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    batch b = {o, ro, render_one, o->jobs ? o->jobs : cpus > 1 ? (size_t)cpus : 1, {-1, -1}};
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
    int rc = batch_summary(o, done);
    free(done);
    return rc;
}
