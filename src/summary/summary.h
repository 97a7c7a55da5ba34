/* summary.h: the summary's formats, one file each; summary.c implements sfnviz_summary over them. Each
 * writes one machine (its outline and facts made by the caller) into a buffer. */
#ifndef SFNVIZ_SUMMARY_H
#define SFNVIZ_SUMMARY_H

#include "sfnviz.h"
#include "base/arena.h"
#include "summary/facts.h"

typedef struct summary_input {
    const machine *m;
    const outline *o; /* NULL when the machine's status is not ok */
    const facts *f;
    const sfnviz_summary_options *opts;
} summary_input;

void summary_text(strbuf *out, const summary_input *in);
void summary_markdown(strbuf *out, const summary_input *in);
/* One machine's object of the JSON summary (docs/json-schema.md), without a separator. */
void summary_json(strbuf *out, const summary_input *in);

#endif
