/* fuzz_input.h: what every fuzz target does with its input: load it as a document. The first byte picks
 * the name the document gets, so the fuzzer reaches both readers (JSON by name, YAML, JSON found by its
 * first character) and both kinds of file (a template, an ASL file); the rest is the text. DefinitionUri
 * paths resolve inside the folder the fuzzer runs in (fuzz/run.sh gives it a few definition files). */
#ifndef SFNVIZ_FUZZ_INPUT_H
#define SFNVIZ_FUZZ_INPUT_H

#include <sfnviz.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static const char *const fuzz_names[] = {"template.yaml", "template.json", "workflow.asl.json",
                                         "workflow.asl.yaml"};

static inline sfnviz_doc *fuzz_load(const uint8_t *data, size_t size)
{
    if (size == 0)
        return NULL;
    const char *name = fuzz_names[data[0] % (sizeof fuzz_names / sizeof *fuzz_names)];
    sfnviz_load_options opts = {.root = "."};
    return sfnviz_doc_load_buffer(name, (const char *)data + 1, size - 1, &opts);
}

/* The machines of doc, in an array the caller frees (NULL when there are none). */
static inline const sfnviz_machine **fuzz_machines(const sfnviz_doc *doc, size_t *n)
{
    *n = sfnviz_doc_machine_count(doc);
    if (*n == 0)
        return NULL;
    const sfnviz_machine **ms = calloc(*n, sizeof *ms);
    if (!ms)
        abort();
    for (size_t i = 0; i < *n; i++)
        ms[i] = sfnviz_doc_machine(doc, i);
    return ms;
}

/* A loaded input and its machines, for the targets that export them all. */
typedef struct fuzz_doc {
    sfnviz_doc *doc;
    const sfnviz_machine **ms;
    size_t n;
} fuzz_doc;

/* fuzz_load and fuzz_machines: 0, or -1 when nothing loads. */
static inline int fuzz_open(fuzz_doc *f, const uint8_t *data, size_t size)
{
    f->doc = fuzz_load(data, size);
    f->n = 0;
    f->ms = f->doc ? fuzz_machines(f->doc, &f->n) : NULL;
    return f->doc ? 0 : -1;
}

static inline void fuzz_close(fuzz_doc *f)
{
    free(f->ms);
    sfnviz_doc_free(f->doc);
}

#endif
