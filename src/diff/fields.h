/* fields.h: the field changes of one state (or of a machine's own fields), found by walking the two
 * value trees side by side.
 *
 * A change is reported where the trees part: `Retry[0].MaxAttempts` when only that number differs, the
 * whole `Retry` when the list has another length, `Parameters.Input` with no old value when the key is
 * new. Values are written as compact JSON (value_text.h). */
#ifndef SFNVIZ_DIFF_FIELDS_H
#define SFNVIZ_DIFF_FIELDS_H

#include "diff/diff.h"
#include "diff/value_text.h"

/* Changes as they are found: a heap array, text in the diff's arena. */
typedef struct change_list {
    arena *arena;
    diff_change *items;
    size_t count, cap;
} change_list;

void change_list_init(change_list *l, arena *a);
void change_list_free(change_list *l);
/* Adds a change whose values are already JSON text (NULL: absent). */
void change_list_add_text(change_list *l, const char *state, const char *field, const char *old_json,
                          const char *new_json);

/* Compares the fields of a state (state_level: Branches, ItemProcessor and Iterator hold scopes whose
 * States are not the state's own), or of a definition's top level (skip SKIP_STATES: its States are the
 * machine's states). Appends a change for each place the trees part. */
void fields_compare(change_list *l, const char *state, const value *old_v, const value *new_v, value_skip skip,
                    bool state_level);

#endif
