/* duplicate_keys.h: members of a JSON object that a later member with the same key repeats.
 *
 * Real templates repeat keys by mistake; like most parsers and CloudFormation's tooling, the last one wins,
 * with a warning naming both places. */
#ifndef SFNVIZ_READ_DUPLICATE_KEYS_H
#define SFNVIZ_READ_DUPLICATE_KEYS_H

#include "base/diag.h"
#include "read/value.h"

#include <stddef.h>

/* Drops from pairs[0..n) every member that a later one repeats, keeping the others in order, and warns in
 * diags for each (the first 20 of a document: *warnings counts them). Returns how many members are kept. */
size_t duplicate_keys_drop(value_pair *pairs, size_t n, diag_list *diags, unsigned *warnings);

#endif
