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

/* True when anything differs in the machine (its status is not SAME). */
static inline int machine_diff_differs(const machine_diff *md) { return md->status != DIFF_SAME; }

#endif
