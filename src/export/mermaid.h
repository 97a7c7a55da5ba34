/* mermaid.h: the Mermaid export (`render -f mermaid` and `-f markdown`), and the Mermaid diagram of a diff
 * (`diff -f markdown`), both written by one writer (mermaid_writer.h). Needs nothing of Graphviz: core. */
#ifndef SFNVIZ_MERMAID_H
#define SFNVIZ_MERMAID_H

#include "base/arena.h"
#include "base/diag.h"
#include "diff/diff.h"
#include "model/workflow.h"
#include "sfnviz.h"

#include <stdbool.h>

/* machines[0..n) as Mermaid flowcharts: with markdown, each under a title line in a ```mermaid block
 * (any number of machines, those with nothing to draw as a line saying so); without, one bare flowchart
 * per machine, after a front-matter title (callers give one). The detail follows opts->detail; AUTO draws
 * in full while the output stays within what GitHub renders (MM_GITHUB_CHARS characters and
 * MM_GITHUB_EDGES edges), then compact, then collapsed, with a warning in diags each time; past the limits
 * at the detail chosen, a warning too. */
void export_mermaid(const machine *const *machines, size_t n, bool markdown, const sfnviz_render_options *opts,
                    strbuf *out, diag_list *diags);

/* The diagram of one machine's diff, for a Markdown comment (no fence, no title): md->new_m, or md->old_m
 * when the machine was removed, with added and changed states and added edges in their own classDef styles
 * and badged ("+ ", "~ ", thick added edges labelled "+"), removed states as dashed ghosts ("− ") inside
 * the scope they stood in when it still exists, with their removed edges dashed, and a legend of the marks
 * used. The detail is opts->detail (AUTO as export_mermaid's). */
void mermaid_write_diff(strbuf *out, const machine_diff *md, const sfnviz_render_options *opts);

#endif
