/* fuzz_check.c: every rule of `sfnviz check` (the JSONPath, intrinsic and JSONata parsers among them) over
 * whatever loads. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sfnviz_doc *doc = fuzz_load(data, size);
    if (!doc)
        return 0;
    sfnviz_findings *f = sfnviz_check(doc, NULL);
    for (size_t i = 0; f && i < sfnviz_findings_count(f); i++) {
        sfnviz_diagnostic d;
        if (sfnviz_finding(f, i, &d) != 0 || !d.message)
            abort(); /* every index below the count is a finding with a message */
        sfnviz_finding_machine(f, i);
    }
    sfnviz_findings_free(f);
    sfnviz_doc_free(doc);
    return 0;
}
