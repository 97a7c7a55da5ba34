/* states.h: matching the states (by name) and edges (by from, to and kind) of two versions of a machine,
 * and the field changes of each state found on both sides. */
#ifndef SFNVIZ_DIFF_STATES_H
#define SFNVIZ_DIFF_STATES_H

#include "diff/diff.h"
#include "diff/fields.h"

/* Fills md's state and edge arrays (allocated in a) and appends each state's changes to l; both sides
 * must be ok. */
void diff_states(arena *a, machine_diff *md, change_list *l);

#endif
