/* mermaid_writer.h: private to the Mermaid export (export_mermaid.c, mermaid_flowchart.c, mermaid_text.c,
 * mermaid_labels.c, mermaid_diff.c): one writer that draws a machine as a Mermaid flowchart, with hooks
 * through which the diff marks states and edges and adds the ghosts of removed ones.
 *
 * Node IDs are synthetic, so no name reaches Mermaid syntax: `s<i>` for state i (a subgraph for a Parallel
 * or Map drawn open), `s<i>_b<j>` for branch j of Parallel i, `start0` / `end0` for the top level's
 * markers, `missing<k>` for targets that do not exist, and in a diff `r<i>` for removed state i of the old
 * machine. Names and other user text appear only in quoted labels, through mermaid_put_text. */
#ifndef SFNVIZ_MERMAID_WRITER_H
#define SFNVIZ_MERMAID_WRITER_H

#include "base/arena.h"
#include "diff/diff.h"
#include "graph/theme.h"
#include "model/workflow.h"
#include "sfnviz.h"

#include <stdbool.h>
#include <stddef.h>

#define MM_ELLIPSIS "\u2026"
#define MM_REPLACEMENT "\xef\xbf\xbd"
#define MM_RETRY_SIGN "\u21bb"
#define MM_TIMES_SIGN "\u00d7"
#define MM_SEP " \u00b7 "
#define MM_MINUS "\u2212"

enum {
    MM_NAME_MAX = 60,     /* characters of a name before "…" (the SVG shows two lines of 40) */
    MM_DETAIL_MAX = 48,   /* a resource, wait time, error or cause */
    MM_RULE_MAX = 90,     /* a Choice rule in full (the SVG: three lines of 30) */
    MM_RULE_COMPACT = 30, /* compact: one line, as the SVG */
    MM_ERRORS_SHOWN = 6,  /* error names listed for a retrier or catcher; more are counted */
    MM_RETRIERS_SHOWN = 6,
    MM_RULES_SHOWN = 6,   /* rules on one merged Choice edge */
    /* What GitHub renders (mermaid's maxTextSize and maxEdges as GitHub sets them). */
    MM_GITHUB_CHARS = 50000,
    MM_GITHUB_EDGES = 500,
};

typedef enum mm_detail { MM_FULL, MM_COMPACT, MM_COLLAPSED } mm_detail;

/* Edge looks, each a linkStyle line listing the edges drawn in it. */
typedef enum mm_look { MM_LOOK_NEXT, MM_LOOK_CHOICE, MM_LOOK_DEFAULT, MM_LOOK_CATCH, MM_LOOK_ADDED,
                       MM_LOOK_REMOVED, MM_LOOK_COUNT } mm_look;

typedef struct mm_writer mm_writer;

/* What the diff adds to a drawing (all NULL for a plain one). */
typedef struct mm_hooks {
    const diff_status *state_mark; /* per state of the machine drawn: ADDED / CHANGED / REMOVED badges */
    const diff_status *edge_mark;  /* per edge: ADDED / REMOVED */
    void (*scope_extra)(mm_writer *w, int scope, int indent); /* ghosts standing in this scope */
    void (*edges_extra)(mm_writer *w);                         /* edges of the ghosts */
    void (*after)(mm_writer *w);                               /* the legend */
    const void *ctx;
} mm_hooks;

struct mm_writer {
    strbuf *out;
    const machine *m;
    const theme *t;
    bool lr;
    mm_detail detail;
    mm_hooks hooks;
    size_t links;                   /* edges written so far: the index linkStyle counts by */
    strbuf looks[MM_LOOK_COUNT];    /* per look: the indices of its edges, comma-separated */
    strbuf label;                   /* scratch for one label */
    const char *line_break;         /* between a container's name and kind, and before its retries */
    int *missing;                   /* per edge to a missing target: its ghost's number, else -1 */
    int missing_count;
    /* Per Choice rule or default edge: the first edge of its Choice to the same target (the one that
     * draws them all), and the next one after it, or -1; so grouping costs one pass, not rules squared. */
    int *rule_first, *rule_next;
    bool has_start, has_end;        /* start0 and end0 were written */
    void *members;                  /* mermaid_flowchart.c's lists of each class's nodes */
};

/* mermaid_text.c */
void mermaid_put_text(strbuf *out, const char *s, size_t max);
void mermaid_put_markdown(strbuf *out, const char *s);

/* mermaid_labels.c: the same wording as the SVG (src/graph/edges.c, states.c), as Mermaid label text. */
void mm_state_label(mm_writer *w, int state, const char *badge);
/* open: the title of its subgraph (one line); else the label of its one node, with the states it holds. */
void mm_container_title(mm_writer *w, int state, const char *badge, bool open);
void mm_retry_lines(mm_writer *w, int state);
void mm_catch_label(mm_writer *w, const wf_edge *e);
void mm_rule_label(mm_writer *w, const wf_edge *e);

/* export_mermaid.c: the flowchart at the detail opts asks for (AUTO: what GitHub renders), its warnings to
 * opts->warn. */
void mermaid_write_planned(strbuf *out, const machine *m, const sfnviz_render_options *opts, const mm_hooks *hooks);

/* mermaid_flowchart.c */
void mm_init(mm_writer *w, strbuf *out, const machine *m, const sfnviz_render_options *opts, mm_detail d);
void mm_free(mm_writer *w);
void mm_write(mm_writer *w, const char *title); /* title: NULL for none */
/* A node line `ID<open>"label"<close>` for state s drawn as one node (also a ghost): its shape by type;
 * label is already escaped. */
void mm_node(mm_writer *w, const char *id, const wf_state *s, const char *label, int indent);
/* An edge line from one ID to another, with an escaped label or NULL, in a look. */
void mm_link(mm_writer *w, const char *from, const char *to, const char *arrow, const char *label, mm_look look);
void mm_indent(mm_writer *w, int indent);
/* Puts node `id` in class `cls` ("added", "removed", a type's name). */
void mm_add_class(mm_writer *w, const char *cls, const char *id);
/* "+ ", "~ ", "− " before the name of an added, changed, removed state; NULL for the others. */
const char *mm_badge(diff_status s);
/* Whether state i is drawn in its own scope (its scope is not hidden inside a collapsed container). */
bool mm_scope_drawn(const mm_writer *w, int scope);
/* The ID edges into (and out of) state i use. */
void mm_state_id(char *buf, size_t size, int i);

#endif
