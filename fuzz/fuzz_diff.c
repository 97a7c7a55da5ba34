/* fuzz_diff.c: `sfnviz diff` between two documents from one input, in every format that is not drawn (text
 * with and without colour, Markdown with its Mermaid diagram at two levels of detail, JSON), one diff and
 * several in one output. The input is the old version, the line FUZZ_DIFF_MARKER, then the new version,
 * each with its own first byte for its name (fuzz_input.h); without the marker the input is one version
 * and the other is missing (the file added or removed). The oracles: each version diffed against itself
 * has no difference, and old against new differs exactly when new against old does. */
#include "fuzz_input.h"

#include <string.h>

#define FUZZ_DIFF_MARKER "\n@@new@@\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_formats(const sfnviz_diff *const *diffs, size_t n)
{
    sfnviz_render_options collapsed = {0};
    collapsed.detail = SFNVIZ_DETAIL_COLLAPSED;
    const struct {
        sfnviz_diff_format format;
        sfnviz_diff_options opts;
    } variants[] = {
        {SFNVIZ_DIFF_TEXT, {0, NULL, NULL}},     {SFNVIZ_DIFF_TEXT, {1, NULL, NULL}},
        {SFNVIZ_DIFF_MARKDOWN, {0, NULL, NULL}}, {SFNVIZ_DIFF_MARKDOWN, {0, &collapsed, NULL}},
        {SFNVIZ_DIFF_JSON, {0, NULL, NULL}},
    };
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        char *out = NULL, err[256];
        size_t len;
        if (sfnviz_diff_write_all(diffs, n, variants[v].format, &variants[v].opts, &out, &len, err, sizeof err) ==
            0)
            free(out);
    }
}

/* A version against itself: no difference, whatever it holds. */
static void diff_self(const sfnviz_doc *doc)
{
    if (!doc)
        return;
    sfnviz_diff *d = sfnviz_diff_docs(doc, doc);
    if (!d)
        abort();
    if (sfnviz_diff_differs(d))
        abort();
    sfnviz_diff_free(d);
}

/* Where the new version starts (after the marker), or NULL when there is no marker. */
static const uint8_t *split(const uint8_t *data, size_t size, size_t *old_size)
{
    const size_t m = sizeof FUZZ_DIFF_MARKER - 1;
    for (size_t i = 0; i + m <= size; i++)
        if (memcmp(data + i, FUZZ_DIFF_MARKER, m) == 0) {
            *old_size = i;
            return data + i + m;
        }
    *old_size = size;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t old_size;
    const uint8_t *new_data = split(data, size, &old_size);
    sfnviz_doc *old = fuzz_load(data, old_size);
    sfnviz_doc *new_ = new_data ? fuzz_load(new_data, size - (size_t)(new_data - data)) : NULL;
    diff_self(old);
    diff_self(new_);
    sfnviz_diff *d[2] = {sfnviz_diff_docs(old, new_), sfnviz_diff_docs(new_, old)};
    if (!d[0] || !d[1])
        abort();
    if (sfnviz_diff_differs(d[0]) != sfnviz_diff_differs(d[1]))
        abort(); /* a difference seen from one side only */
    write_formats((const sfnviz_diff *const *)d, 1);
    write_formats((const sfnviz_diff *const *)d, 2);
    sfnviz_diff_free(d[0]);
    sfnviz_diff_free(d[1]);
    sfnviz_doc_free(old);
    sfnviz_doc_free(new_);
    return 0;
}
