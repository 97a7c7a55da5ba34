/* diff_markdown.h: the diff for a pull request comment (diff_markdown.c). */
#ifndef SFNVIZ_EXPORT_DIFF_MARKDOWN_H
#define SFNVIZ_EXPORT_DIFF_MARKDOWN_H

#include "base/arena.h"
#include "diff/diff.h"
#include "sfnviz.h"

/* Appends one file's diff to out: a table of its machines, then each changed machine's diagram and changes. */
void diff_write_markdown(strbuf *out, const doc_diff *d, const sfnviz_diff_options *opts);

#endif
