/* export.h: exporters that read the model and write text (the Graphviz ones live in render.h). */
#ifndef SFNVIZ_EXPORT_H
#define SFNVIZ_EXPORT_H

#include "base/arena.h"
#include "model/workflow.h"

/* The JSON export, version 1 (schema in docs/json-schema.md): every machine given, whatever its status. */
void export_json(const machine *const *machines, size_t n, strbuf *out);

/* `s` as a JSON string literal: quotes, escapes, control characters as \u00XX, invalid UTF-8 as U+FFFD. */
void json_put_string(strbuf *out, const char *s);

#endif
