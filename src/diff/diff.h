/* diff.h: what changed between two versions of a file's state machines (`sfnviz diff`).
 *
 * Machines are matched by ID, states by name (a rename is a removal and an addition: never guessed), edges
 * by (from name, to name, kind). The result is plain data over the two documents' models, so that every
 * writer (text, Markdown, JSON, Mermaid, the drawn diff) reads the same answer. It lives in its own arena and
 * points into both documents, which must outlive it. */
#ifndef SFNVIZ_DIFF_H
#define SFNVIZ_DIFF_H

#include "base/arena.h"
#include "model/workflow.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct sfnviz_doc sfnviz_doc;

typedef enum diff_status {
    DIFF_SAME,
    DIFF_ADDED,
    DIFF_REMOVED,
    DIFF_CHANGED,
} diff_status;

/* "same", "added", "removed", "changed". */
const char *diff_status_name(diff_status s);

/* One field of one state that differs: its name as a path below the state ("Type", "Next", "Retry",
 * "Catch", "Parameters", "Choices[0]", ...), and the old and new values as compact JSON text (NULL when the
 * field is absent on that side). */
typedef struct diff_change {
    const char *state;
    const char *field;
    const char *old_value;
    const char *new_value;
} diff_change;

typedef struct machine_diff {
    const char *id;
    diff_status status;       /* ADDED: only new_m; REMOVED: only old_m; CHANGED or SAME: both */
    const machine *old_m;     /* NULL when added */
    const machine *new_m;     /* NULL when removed */
    /* Per state index of each side: new_states[i] is SAME, ADDED or CHANGED for new_m->states[i];
     * old_states[i] is SAME, REMOVED or CHANGED for old_m->states[i]. NULL for a missing side. */
    diff_status *old_states;
    diff_status *new_states;
    /* Per edge index: new_edges[i] is SAME or ADDED, old_edges[i] SAME or REMOVED. NULL for a missing side. */
    diff_status *old_edges;
    diff_status *new_edges;
    diff_change *changes;     /* in the new machine's state order, then removed states' order */
    size_t change_count;
} machine_diff;

typedef struct doc_diff {
    arena arena;
    const sfnviz_doc *old_doc, *new_doc; /* either may be NULL: the file was added or removed */
    machine_diff *machines;  /* the new file's order, then machines only the old file has */
    size_t count;
} doc_diff;

/* Compares the machines of two documents (either may be NULL). */
void diff_docs(doc_diff *out, const sfnviz_doc *old_doc, const sfnviz_doc *new_doc);
void doc_diff_free(doc_diff *d);

/* True when any machine differs. */
bool doc_diff_differs(const doc_diff *d);

/* The public handle (sfnviz.h): one file's diff. */
struct sfnviz_diff {
    doc_diff d;
};

/* Conventions every writer follows (docs/json-schema.md):
 * - A change of the machine's own fields has state "" (DIFF_MACHINE_STATE): "Type" (STANDARD, EXPRESS),
 *   "Name", "status" and "message" (ok, s3, missing, error), "definition" (where it lives), and the
 *   definition's top-level keys but States ("StartAt", "Comment", "QueryLanguage", "TimeoutSeconds"...).
 *   They come first in `changes`.
 * - When either side's status is not ok, states and edges are not compared: the state and edge arrays
 *   of a side that is ok are all SAME, and the change of status says what happened.
 * - A state found in another scope (moved into a Parallel branch, say) has a change of field "scope",
 *   whose values are JSON strings naming the scope ("" for the top level, "P[1]" for branch 1 of P, "M"
 *   for the processor of Map M, nested with '/').
 * - Two standalone ASL files, one machine each, are the same machine whatever their file names (an ASL
 *   file's ID is its file name); the new file's ID names it. */
#define DIFF_MACHINE_STATE ""

/* An edge's ends by name: from is NULL for a scope's start (EDGE_START), to is NULL for its end
 * (EDGE_END); a target that names no state is given as written. */
const char *diff_edge_from(const machine *m, const wf_edge *e);
const char *diff_edge_to(const machine *m, const wf_edge *e);

/* Where scope `scope` of m is, appended to b: "" for the top level, "P[1]" for branch 1 of Parallel P,
 * "M" for Map M's processor, outer ones first, joined by '/' (the names as written: escape them). */
void diff_put_scope(strbuf *b, const machine *m, int scope);

/* How many of a side's entries have status s (states or edges; NULL arrays count 0). */
size_t diff_count(const diff_status *a, size_t n, diff_status s);

/* True when anything differs in the machine (its status is not SAME). */
static inline int machine_diff_differs(const machine_diff *md) { return md->status != DIFF_SAME; }

#endif
