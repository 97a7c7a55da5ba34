/* diff_api.c: the public face of the diff (sfnviz.h): sfnviz_diff_docs, and what its writers share.
 * The writers by format are reached through export/diff_export.c. */
#include "diff/diff.h"
#include "diff/writers.h"
#include "template/document.h"

#include <stdlib.h>

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

