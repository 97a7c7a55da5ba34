/* fuzz_draw.c: the graph stage and the drawn exports. DOT for every input; SVG, which runs Graphviz's
 * layout, only for small machines, so that the fuzzer measures sfnviz and not dot's layout time. */
#include "fuzz_input.h"

enum { LAYOUT_MAX_STATES = 12 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void export_one(const sfnviz_doc *doc, const sfnviz_machine *m, sfnviz_format f)
{
    const sfnviz_machine *ms[] = {m};
    sfnviz_render_options opts = {0};
    opts.legend = 1;
    char *out = NULL, err[256];
    size_t len;
    if (sfnviz_export(doc, ms, 1, f, &opts, &out, &len, err, sizeof err) == 0)
        free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sfnviz_doc *doc = fuzz_load(data, size);
    if (!doc)
        return 0;
    for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++) {
        const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
        if (!sfnviz_machine_drawable(m))
            continue;
        export_one(doc, m, SFNVIZ_FORMAT_DOT);
        if (sfnviz_machine_state_count(m) <= LAYOUT_MAX_STATES)
            export_one(doc, m, SFNVIZ_FORMAT_SVG);
    }
    sfnviz_doc_free(doc);
    return 0;
}
