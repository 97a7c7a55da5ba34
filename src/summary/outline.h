/* outline.h: a machine's states in execution order, as the rows of an outline.
 *
 * Within a scope the states come in reverse postorder of a walk from StartAt that takes a state's Next or
 * Choice rules and Default before its Catch targets: a state comes after every state that leads to it
 * (loops aside), a Choice's branches one after another before the state where they merge, and a handler
 * that many states catch into after all of them. The states the walk does not reach follow, each run
 * from a state nothing else leads to. A Parallel's branches (a header row each) and a Map's processor
 * follow their state one level deeper. Every state is one row; nothing recurses (explicit stacks), so any
 * nesting depth and any number of states work in time linear in states and edges. */
#ifndef SFNVIZ_SUMMARY_OUTLINE_H
#define SFNVIZ_SUMMARY_OUTLINE_H

#include "model/workflow.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum row_kind {
    ROW_STATE,     /* a state */
    ROW_BRANCH,    /* the header of a Parallel branch (or of one of a Map's several processors) */
    ROW_UNREACHED, /* before the first state of a reached scope that the walk from its StartAt misses */
} row_kind;

typedef struct outline_row {
    row_kind kind;
    int state;         /* ROW_STATE: the state; ROW_BRANCH: the Parallel or Map; ROW_UNREACHED: -1 */
    int scope;         /* the scope the row stands in (ROW_BRANCH: the branch's own scope) */
    unsigned level;    /* 0 at the top; a branch header one deeper than its Parallel, its states two */
    bool last;         /* the last of its siblings (a tree guide's └─ rather than ├─) */
    bool has_children; /* rows one level deeper follow */
} outline_row;

typedef struct outline {
    outline_row *rows;
    size_t count;
    int *row_of;     /* per state: the index of its row */
    bool *reachable; /* per state: reached from the top-level StartAt (through branches and processors) */
    unsigned *depth; /* per state: how many Parallel and Map scopes it is nested in */
} outline;

/* Builds the outline of m (an empty one when m has no states). Free with outline_free. */
void outline_build(const machine *m, outline *out);
void outline_free(outline *o);

/* Whether the transition e (from a state to a state of its scope) goes back to a state at or above its
 * source in the outline: a loop. */
bool outline_is_back_edge(const outline *o, const wf_edge *e);

#endif
