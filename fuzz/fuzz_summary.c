/* fuzz_summary.c: `sfnviz summary` in its three formats, narrow and wide, ASCII and Unicode. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc f;
    if (fuzz_open(&f, data, size) != 0)
        return 0;
    const sfnviz_summary_options variants[] = {
        {SFNVIZ_SUMMARY_TEXT, 1, 0, 20},
        {SFNVIZ_SUMMARY_TEXT, 0, 1, 200},
        {SFNVIZ_SUMMARY_MARKDOWN, 0, 0, 0},
        {SFNVIZ_SUMMARY_JSON, 0, 0, 0},
    };
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        char *out = NULL, err[256];
        size_t len;
        if (sfnviz_summary(f.doc, f.ms, f.n, &variants[v], &out, &len, err, sizeof err) == 0)
            free(out);
    }
    fuzz_close(&f);
    return 0;
}
