/* fuzz_mermaid.c: the Mermaid and Markdown exports (export_mermaid.c, mermaid_flowchart.c), each at the
 * automatic detail (which measures its output against GitHub's limits and steps down), full and collapsed,
 * with the title, without one and with a given one, top-down and left-right, warnings passed to a callback.
 * The legend is asked for in half of the variants, though only the diff's Mermaid draws one today
 * (fuzz_diff), so that a legend added to the export is fuzzed too. Mermaid takes one drawable machine:
 * every one in turn; Markdown all of them in one output. */
#include "fuzz_input.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every warning is a formatted diagnostic: reading it whole catches one not NUL-terminated. */
static void warned(const char *message, void *ctx)
{
    *(size_t *)ctx += strlen(message);
}

static const sfnviz_render_options *variant(size_t v, sfnviz_render_options *opts, size_t *warned_len)
{
    static const sfnviz_detail details[] = {SFNVIZ_DETAIL_AUTO, SFNVIZ_DETAIL_FULL, SFNVIZ_DETAIL_COLLAPSED};
    memset(opts, 0, sizeof *opts);
    opts->detail = details[v % 3];
    opts->legend = v % 2;
    opts->no_title = v == 4;
    opts->title = v == 5 ? "a \"title\" <b>#1</b>\n`x`" : NULL;
    opts->direction = v >= 3 ? SFNVIZ_LEFT_RIGHT : SFNVIZ_TOP_BOTTOM;
    opts->warn = warned;
    opts->warn_ctx = warned_len;
    return opts;
}

enum { VARIANTS = 6 };

static void export_all(const sfnviz_doc *doc, const sfnviz_machine *const *ms, size_t n, sfnviz_format f)
{
    for (size_t v = 0; v < VARIANTS; v++) {
        sfnviz_render_options opts;
        size_t warned_len = 0;
        char *out = NULL, err[256];
        size_t len;
        if (sfnviz_export(doc, ms, n, f, variant(v, &opts, &warned_len), &out, &len, err, sizeof err) == 0)
            free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc f;
    if (fuzz_open(&f, data, size) != 0)
        return 0;
    for (size_t i = 0; i < f.n; i++)
        if (sfnviz_machine_drawable(f.ms[i]))
            export_all(f.doc, &f.ms[i], 1, SFNVIZ_FORMAT_MERMAID);
    export_all(f.doc, f.ms, f.n, SFNVIZ_FORMAT_MARKDOWN);
    fuzz_close(&f);
    return 0;
}
