/* builder.h: private to src/graph/: the state of one graph being built from a machine, shared by the files
 * that each draw one part of it (label_text, builder, boxes, states, edges; graph.c drives them). */
#ifndef SFNVIZ_GRAPH_BUILDER_H
#define SFNVIZ_GRAPH_BUILDER_H

#include "base/arena.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "graph/bars.h"
#include "graph/options.h"
#include "model/workflow.h"
#include "base/diag.h"
#include "diff/diff.h"
#include "graph/legend.h"
#include "graph/theme.h"
#include "model/paths.h"

#include <graphviz/cgraph.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RETRY_SIGN "\u21bb"
#define TIMES_SIGN "\u00d7"
#define SEP " \u00b7 "
#define ELLIPSIS "\u2026"
#define ARROW_SIGN "\u2192"
#define REPLACEMENT_CHAR "\xef\xbf\xbd"

enum {
    LABEL_MAX = 40,        /* characters of a name or label shown before it is cut with "…" */
    TITLE_MAX = 60,        /* characters of each part of the title */
    FILE_TITLE_MAX = 120,  /* characters of the file name in the title: paths run long */
    CUT_MAX = 128,         /* the longest any text is let run before a cut (at least every *_MAX here) */
    COMMENT_MAX = 80,      /* characters of the Comment under the title */
    TIP_TEXT_MAX = 4096,   /* bytes of one user text in a tooltip, escaped (far below Graphviz's line limit) */
    ERRORS_SHOWN = 6,      /* error names listed under a retry or catch label; more are counted */
    RETRIERS_SHOWN = 6,    /* retriers drawn on a state's loop; more are counted (the tooltip has all) */
    RULES_SHOWN = 6,       /* rules drawn on one merged Choice edge; more are counted */
    RULE_WIDTH = 30,       /* characters per line of a Choice rule label */
    RULE_LINES = 3,        /* lines of a Choice rule label before it is cut with "…" */
    NAME_LINES = 2,        /* lines of a state's name (of LABEL_MAX characters) before it is cut */
    CHOICE_NAME_WIDTH = 24, /* characters per line of a Choice's name, */
    CHOICE_NAME_LINES = 3,  /* over at most three lines */
    FAN_OUT_DECORATE = 3,  /* rules (default included) of a Choice from which rule labels get leader lines */
    LR_LOOP_MAX = 28,      /* characters of an error name under a retry loop, left to right */
    SHARED_CATCH_MIN = 8,  /* catch edges into one state from which each gets a small stand-in node */
    END_REACH = 3,         /* steps above the End marker from which a terminal state gets its own */
    FAR_STEPS = 8,         /* steps a transition runs, compact, past which it goes to a reference instead */
    /* Layout loads (layout_load) up to which a diagram is drawn in full, compact, and collapsed; past the
     * last, auto refuses to lay it out. Measured with bench/scale.sh (bench/README.md): places for about
     * 1 s and 100 MB in full and compact (1000 and 2000 synthetic states), 3 s collapsed (5000); and edges
     * passing ranks side by side, squared and summed, for crossings (random graphs: 73 000 took 0.9 s,
     * 190 000 took 7 s). */
    FULL_PLACES = 5000,
    COMPACT_PLACES = 5000,
    COLLAPSED_PLACES = 6500,
    CROSSINGS_MAX = 50000,
    /* Boxes nested deeper than this are drawn collapsed whatever the load: dot's time grows with about the
     * cube of the nesting (a chain of nested Parallels: 120 deep 1.2 s, 200 deep 2.6 s, 300 deep 14 s and
     * 440 MB) while the load above, which counts places and crossings, stays small. */
    BOX_DEPTH_MAX = 150,
    ID_SIZE = 48,
};

typedef struct ghost {
    int scope;
    const char *name;
    Agnode_t *node;
} ghost;

typedef struct builder {
    const machine *m;
    const theme *t;
    bool lr;
    Agraph_t *g;
    Agraph_t **scope_graph; /* per scope, made on first use */
    Agraph_t **cluster;     /* per state: the box of a Parallel or Map, else NULL */
    Agnode_t **entry;       /* per state: where edges arrive and retries loop (for a Parallel its fork bar,
                               or with retriers an entry point above it; for a Map its entry point) */
    Agnode_t **fork;        /* per Parallel or Map: where its branches or processor start */
    Agnode_t **exit;        /* per state: where edges leave (join bar, exit point, or the node itself) */
    Agnode_t **start, **end;/* per scope: the top level's markers */
    int *catches_into;      /* per state: catch edges arriving */
    int *retries_on;        /* per state: its retriers */
    int *rules_out;         /* per state: its Choice rule and default edges as drawn (merged by target) */
    size_t *inside;         /* per top-level container, collapsed: the states it holds at any depth */
    int *rule_rep;          /* per edge: the first rule or default edge of its Choice to the same target */
    int *rule_group_next;   /* per edge: the next rule or default edge in that group, or -1 */
    int *retry_first;       /* per state: the edge index of its first retrier, or -1 */
    int *retry_next;        /* per edge: the next retrier of the same state, or -1 */
    bool *closes_loop;      /* per edge: it goes back to a state on the path that led to it */
    bool *own_end;          /* per state: a top-level terminal far above the End marker gets its own */
    int *depth, *height;    /* per state: its step down its scope, and the steps it takes (paths_depths) */
    int bottom;             /* the step of the top level's End marker */
    ghost *ghosts;
    size_t ghost_count, ghost_cap;
    strmap ghost_index;     /* (scope, name) -> index in ghosts */
    int refs;
    bool any_retry;
    bool compact;           /* short labels (DETAIL_COMPACT and beyond) */
    bool collapse;          /* containers drawn as one node, their insides left out */
    strbuf label, tip;
    /* A drawn diff (options.h), else all NULL: the marks of the drawn machine's states and edges (NULL
     * arrays: every one is diff_all), and per state of the old machine the ghost drawn for it. */
    const machine_diff *diff;
    const diff_status *state_marks, *edge_marks;
    diff_status diff_all;
    bool diff_kinds;        /* the key shows the kinds of state and edge too (--legend) */
    Agnode_t **gone;
    strmap diff_names;      /* a state's first entry in diff->changes; a drawn state, an old state by name */
    int *old_retry_first;   /* per old state, its first retrier (-1: none); NULL when there is no old side */
    int *old_retry_next;    /* per old edge, the next retrier of its state */
} builder;

static inline bool valid_state(const builder *b, int i) { return i >= 0 && (size_t)i < b->m->state_count; }
static inline bool valid_scope(const builder *b, int i) { return i >= 0 && (size_t)i < b->m->scope_count; }

/* label_text.c */
void clean_text(strbuf *out, const char *s, bool one_line);
bool put_html(strbuf *out, const char *s, size_t max);
void put_wrapped(strbuf *out, const char *s, size_t width, size_t lines);
void put_name_lines(strbuf *out, const char *name, size_t width, size_t lines);
void put_tip(strbuf *out, const char *s);

/* builder.c */
void attr_set(void *obj, const char *name, const char *text);
void attr_set_number(void *obj, const char *name, double v);
void attr_set_html(builder *b, void *obj, const char *name, strbuf *sb);
void attr_set_tip(builder *b, void *obj);
Agnode_t *node_by_id(Agraph_t *g, const char *prefix, int n, const char *suffix);
void declare_attributes(builder *b);
void set_graph_look(builder *b);
/* The title: title_text alone when not NULL, else the machine's name, type, ID, file and Comment. */
void add_title(builder *b, const char *title_text);
void add_legend(builder *b, Agnode_t *start);

/* boxes.c */
bool is_container(const builder *b, int i);
bool scope_drawn(const builder *b, int scope);
void put_container_kind(builder *b, const wf_state *s);
Agraph_t *container_graph(builder *b, int i, size_t depth);
int branch_index(const builder *b, int scope);
Agraph_t *scope_graph(builder *b, int scope, size_t depth);

/* states.c */
void put_retry_line(builder *b, int state, bool in_box);
void put_state_tip(builder *b, const wf_state *s);
void put_state_body(builder *b, const wf_state *s, const theme_box *box);
const char *state_class(state_type type); /* "task", "choice", ...: a state's class in the SVG */
void count_inside(builder *b);
void add_state(builder *b, int i);
Agnode_t *scope_start(builder *b, int scope);
Agnode_t *scope_end(builder *b, int scope, int from);
Agnode_t *ghost_node(builder *b, int scope, const char *name);
Agnode_t *target_ref(builder *b, int scope, int target);

/* diff_marks.c: the marks of a drawn diff; each does nothing when b->diff is NULL. */
#define MINUS_SIGN "\u2212"
/* b->diff_names: a state's first change; a state by name; an old state by name */
enum { DIFF_NS_CHANGES = 0, DIFF_NS_STATE = 1, DIFF_NS_OLD_STATE = 2 };
typedef struct mark_look {
    const theme_box *box;
    const char *badge, *line, *cls; /* line: NULL for the shape's own (solid) */
    bool bold;
} mark_look;
/* The look of mark s; false for DIFF_SAME. */
bool diff_look(const builder *b, diff_status s, mark_look *out);
void diff_badge(builder *b, const mark_look *l);
/* An edge's mark: colour, pen or dotted line and hollow arrowhead; `text`: its label in the mark's colour. */
void diff_mark_edge(builder *b, Agedge_t *ge, const mark_look *l, bool text);
void diff_begin(builder *b, const render_options *o);
void diff_end(builder *b);
diff_status diff_state_mark(const builder *b, int state);
void diff_put_badge(builder *b, int state);
/* A rule of a Choice added: "+ " before its row in the merged edge's label. */
void diff_put_edge_badge(builder *b, int edge);
/* The colours of a state's label: its mark's when it has one (a type's detail colour may not read on the
 * mark's fill: mono's Fail has white detail), else `box`. */
const theme_box *diff_box(const builder *b, int state, const theme_box *box);
void diff_put_changes(builder *b, int state, bool in_box);
void diff_style_state(builder *b, int state, Agnode_t *n);
void diff_style_cluster(builder *b, int state, Agraph_t *c);
void diff_style_edge(builder *b, int edge, Agedge_t *ge);
/* The diff's title rows ("Diff: Name", then what changed), appended to b->label. */
void diff_put_title(builder *b);
/* What the key of a diff holds; false when the diagram is no diff. */
bool diff_legend(const builder *b, legend_diff *out);

/* diff_ghosts.c: the ghosts of the old machine's removed states and transitions. */
void diff_add_removed(builder *b);

/* diff_retriers.c: the retriers a state lost. begin and end bracket a drawing with an old side. */
void diff_retriers_begin(builder *b);
void diff_retriers_end(builder *b);
/* How many retriers the old version of new state `state` had that it has no longer, as they were (none
 * unless the state is marked changed); the first `max` of them in out[], in order. */
size_t diff_lost_retriers(const builder *b, int state, const wf_edge **out, size_t max);

/* graph.c: each state's retriers in order, first[state] -> next[edge] -> ... -> -1, and (count not NULL)
 * how many each has (count starts at zero). */
void link_retriers(const machine *m, int *first, int *next, int *count);

/* edges.c */
bool edge_is_rule(const wf_edge *e);
void group_rules(const machine *m, int *rep);
int step_below(const builder *b, int i);
int edge_steps(const builder *b, const wf_edge *e);
bool goes_to_reference(const builder *b, const wf_edge *e);
bool any_reference(const builder *b);
void add_edge(builder *b, const wf_edge *e);
/* A state that lost every retrier it had (diff_lost_retriers): a ghost loop on it that says what they were. */
void add_lost_retry_loop(builder *b, int state);

#endif
