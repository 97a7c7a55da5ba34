/* cmd_list.c: `sfnviz list`, one line per state machine of each file, in aligned columns, or one JSON
 * document for all files (--format json). */
#include "cli.h"
#include "commands.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

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

static void put_json_field(const char *key, const char *value)
{
    printf("\"%s\": ", key);
    put_json_string(stdout, value);
}

static void print_json_machine(const sfnviz_machine *m)
{
    fputc('{', stdout);
    put_json_field("id", sfnviz_machine_id(m));
    fputs(", ", stdout);
    put_json_field("kind", sfnviz_machine_kind(m));
    fputs(", ", stdout);
    put_json_field("name", sfnviz_machine_name(m));
    if (sfnviz_machine_drawable(m))
        printf(", \"states\": %zu", sfnviz_machine_state_count(m));
    else
        fputs(", \"states\": null", stdout);
    const char *rest[][2] = {{"definition", sfnviz_machine_where(m)},
                             {"status", sfnviz_machine_status(m)},
                             {"message", sfnviz_machine_message(m)}};
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
        fputs(", ", stdout);
        put_json_field(rest[i][0], rest[i][1]);
    }
    fputc('}', stdout);
}

/* {"version": 1, "files": [{"path", "error", "machines": [...]}]}, one machine per line. */
static void print_json(sfnviz_doc *const *docs, size_t n)
{
    char buf[2048];
    fputs("{\"version\": 1, \"files\": [", stdout);
    for (size_t f = 0; f < n; f++) {
        fputs(f ? ",\n  {\"path\": " : "\n  {\"path\": ", stdout);
        put_json_string(stdout, sfnviz_doc_path(docs[f]));
        fputs(", \"error\": ", stdout);
        put_json_string(stdout, doc_error_text(docs[f], buf, sizeof buf));
        fputs(", \"machines\": [", stdout);
        for (size_t i = 0; i < sfnviz_doc_machine_count(docs[f]); i++) {
            fputs(i ? ",\n    " : "\n    ", stdout);
            print_json_machine(sfnviz_doc_machine(docs[f], i));
        }
        fputs("]}", stdout);
    }
    fputs("\n]}\n", stdout);
}

int run_list(const command *c, const options *o)
{
    if (o->file_count == 0)
        return usage_error(c, "%s", "list needs at least one FILE");
    int rc = EXIT_OK;
    size_t nrows = 0, cap = 0;
    row *rows = NULL;
    sfnviz_doc **docs = calloc(o->file_count, sizeof *docs);
    for (size_t f = 0; docs && f < o->file_count; f++) {
        sfnviz_doc *doc = docs[f] = load_doc(o->files[f], o);
        print_diagnostics(doc, true);
        if (sfnviz_doc_failed(doc))
            rc = EXIT_BAD_INPUT;
        for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++) {
            if (nrows == cap) {
                size_t bigger_cap = cap ? cap * 2 : 16;
                row *bigger = realloc(rows, bigger_cap * sizeof *rows);
                if (!bigger)
                    break;
                rows = bigger;
                cap = bigger_cap;
            }
            const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
            machine_row(&rows[nrows++], doc, m);
            /* Why a machine is broken or missing (S3 is a place, not a problem: its row says it). */
            const char *status = sfnviz_machine_status(m);
            if ((strcmp(status, "error") == 0 || strcmp(status, "missing") == 0) && sfnviz_machine_message(m))
                put_safe_line(stderr, sfnviz_machine_message(m));
        }
    }
    if (o->json && docs)
        print_json(docs, o->file_count);
    else if (nrows)
        print_rows(rows, nrows, o->file_count > 1);
    for (size_t f = 0; docs && f < o->file_count; f++)
        sfnviz_doc_free(docs[f]);
    free(docs);
    free(rows);
    return rc;
}
