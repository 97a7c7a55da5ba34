/* diff_api.c: the public face of the diff (sfnviz.h): sfnviz_diff_docs and the writers by format. */
#include "diff/diff.h"
#include "diff/writers.h"
#include "base/timing.h"
#include "template/document.h"

#include <stdlib.h>
#include <strings.h>

static const char *const FORMAT_NAMES[] = {
    [SFNVIZ_DIFF_TEXT] = "text", [SFNVIZ_DIFF_MARKDOWN] = "markdown", [SFNVIZ_DIFF_JSON] = "json",
    [SFNVIZ_DIFF_SVG] = "svg",   [SFNVIZ_DIFF_PNG] = "png",           [SFNVIZ_DIFF_PDF] = "pdf",
};
enum { FORMAT_COUNT = sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] };

int sfnviz_diff_format_from_name(const char *name)
{
    for (int i = 0; name && i < FORMAT_COUNT; i++)
        if (strcasecmp(name, FORMAT_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *sfnviz_diff_format_name(sfnviz_diff_format f)
{
    return (unsigned)f < FORMAT_COUNT ? FORMAT_NAMES[f] : "?";
}

const char *diff_side_name(const sfnviz_doc *doc) { return doc ? doc->path : "/dev/null"; }

void diff_put_end(strbuf *out, const machine *m, const wf_edge *e, bool from, void (*escape)(strbuf *, const char *))
{
    const char *name = from ? diff_edge_from(m, e) : diff_edge_to(m, e);
    if (name) {
        escape(out, name);
        return;
    }
    strbuf where;
    strbuf_init(&where);
    diff_put_scope(&where, m, e->scope);
    strbuf_puts(out, from ? "[start" : "[end");
    if (where.len) {
        strbuf_puts(out, " of ");
        escape(out, strbuf_cstr(&where));
    }
    strbuf_putc(out, ']');
    strbuf_free(&where);
}

sfnviz_diff *sfnviz_diff_docs(const sfnviz_doc *old, const sfnviz_doc *new_)
{
    sfnviz_diff *d = malloc(sizeof *d);
    if (d)
        diff_docs(&d->d, old, new_);
    return d;
}

void sfnviz_diff_free(sfnviz_diff *d)
{
    if (!d)
        return;
    doc_diff_free(&d->d);
    free(d);
}

int sfnviz_diff_differs(const sfnviz_diff *d) { return d && doc_diff_differs(&d->d); }

static void write_one(strbuf *b, const doc_diff *d, size_t i, sfnviz_diff_format format, const sfnviz_diff_options *o)
{
    if (format == SFNVIZ_DIFF_JSON) {
        if (i && d->count && b->len && b->data[b->len - 1] != '[')
            strbuf_puts(b, ",\n");
        else if (d->count)
            strbuf_putc(b, '\n');
        diff_write_json(b, d);
        return;
    }
    if (i)
        strbuf_putc(b, '\n');
    if (format == SFNVIZ_DIFF_TEXT)
        diff_write_text(b, d, o->color);
    else
        diff_write_markdown(b, d, o);
}

int sfnviz_diff_write_all(const sfnviz_diff *const *diffs, size_t n, sfnviz_diff_format format,
                          const sfnviz_diff_options *opts, char **out, size_t *len, char *err, size_t err_size)
{
    static const sfnviz_diff_options defaults = {0, NULL};
    *out = NULL;
    *len = 0;
    if (!opts)
        opts = &defaults;
    if ((unsigned)format >= FORMAT_COUNT) {
        snprintf(err, err_size, "unknown diff format");
        return -1;
    }
    if (format > SFNVIZ_DIFF_JSON) {
        snprintf(err, err_size, "diff -f %s is not available yet (use text, markdown or json)", FORMAT_NAMES[format]);
        return -1;
    }
    double start = timing_now();
    strbuf b;
    strbuf_init(&b);
    bool json = format == SFNVIZ_DIFF_JSON;
    if (json)
        strbuf_puts(&b, "{\"version\": 1, \"machines\": [");
    for (size_t i = 0; i < n; i++)
        write_one(&b, &diffs[i]->d, i, format, opts);
    if (json)
        strbuf_puts(&b, b.data[b.len - 1] == '[' ? "]}\n" : "\n]}\n");
    strbuf_cstr(&b);
    timing_add(STAGE_RENDER, start);
    *out = b.data;
    *len = b.len;
    return 0;
}

int sfnviz_diff_write(const sfnviz_diff *d, sfnviz_diff_format format, const sfnviz_diff_options *opts, char **out,
                      size_t *len, char *err, size_t err_size)
{
    return sfnviz_diff_write_all(&d, 1, format, opts, out, len, err, err_size);
}
