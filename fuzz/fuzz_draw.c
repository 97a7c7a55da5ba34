/* fuzz_draw.c: the graph stage and the drawn exports. DOT for every drawable machine; SVG, which runs
 * Graphviz's layout, for the first drawable machine of 6 states or fewer only, so that the fuzzer measures
 * sfnviz and not dot's layout time (layout of every machine up to 12 states: about 630 executions a
 * second; this: about 1 280, from the same seeds; up to 40 states it was about 1). Six states still hold
 * a Choice, a Parallel or Map with its branches, retries and catches. */
#include "fuzz_input.h"

enum { LAYOUT_MAX_STATES = 6 };

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
    int laid_out = 0;
    for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++) {
        const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
        if (!sfnviz_machine_drawable(m))
            continue;
        export_one(doc, m, SFNVIZ_FORMAT_DOT);
        if (!laid_out && sfnviz_machine_state_count(m) <= LAYOUT_MAX_STATES) {
            export_one(doc, m, SFNVIZ_FORMAT_SVG);
            laid_out = 1;
        }
    }
    sfnviz_doc_free(doc);
    return 0;
}
