/* export.h: exporters that read the model and write text (the Graphviz ones live in render.h). */
#ifndef SFNVIZ_EXPORT_H
#define SFNVIZ_EXPORT_H

#include "base/arena.h"
#include "model/workflow.h"

/* The JSON export, version 1 (schema in docs/json-schema.md): every machine given, whatever its status. */
void export_json(const machine *const *machines, size_t n, strbuf *out);

#endif
