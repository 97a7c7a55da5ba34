/* fuzz_load.c: reading (YAML, JSON, templates, DefinitionUri, substitutions), the model, the diagnostics and
 * the JSON export, which walks every state, edge and retry policy. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sfnviz_doc *doc = fuzz_load(data, size);
    if (!doc)
        return 0;
    char line[512];
    for (size_t i = 0; i < sfnviz_doc_diag_count(doc); i++)
        sfnviz_doc_diag_text(doc, i, line, sizeof line);
    size_t n;
    const sfnviz_machine **ms = fuzz_machines(doc, &n);
    char *out = NULL, err[256];
    size_t len;
    if (sfnviz_export(doc, ms, n, SFNVIZ_FORMAT_JSON, NULL, &out, &len, err, sizeof err) == 0)
        free(out);
    free(ms);
    sfnviz_doc_free(doc);
    return 0;
}
