/* fuzz_load.c: reading (YAML, JSON, templates, DefinitionUri, substitutions), the model, the diagnostics and
 * the JSON export, which walks every state, edge and retry policy. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc f;
    if (fuzz_open(&f, data, size) != 0)
        return 0;
    char line[512];
    for (size_t i = 0; i < sfnviz_doc_diag_count(f.doc); i++)
        sfnviz_doc_diag_text(f.doc, i, line, sizeof line);
    char *out = NULL, err[256];
    size_t len;
    if (sfnviz_export(f.doc, f.ms, f.n, SFNVIZ_FORMAT_JSON, NULL, &out, &len, err, sizeof err) == 0)
        free(out);
    fuzz_close(&f);
    return 0;
}
