/* fuzz_summary.c: `sfnviz summary` in its three formats, narrow and wide, ASCII and Unicode. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sfnviz_doc *doc = fuzz_load(data, size);
    if (!doc)
        return 0;
    size_t n;
    const sfnviz_machine **ms = fuzz_machines(doc, &n);
    const sfnviz_summary_options variants[] = {
        {SFNVIZ_SUMMARY_TEXT, 1, 0, 20},
        {SFNVIZ_SUMMARY_TEXT, 0, 1, 200},
        {SFNVIZ_SUMMARY_MARKDOWN, 0, 0, 0},
        {SFNVIZ_SUMMARY_JSON, 0, 0, 0},
    };
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        char *out = NULL, err[256];
        size_t len;
        if (sfnviz_summary(doc, ms, n, &variants[v], &out, &len, err, sizeof err) == 0)
            free(out);
    }
    free(ms);
    sfnviz_doc_free(doc);
    return 0;
}
