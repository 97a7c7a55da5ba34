/* ptrmap.h: addresses to addresses, open addressing.
 *
 * For walks of a document that YAML aliases made a DAG: a node met again through another alias is looked
 * up by its address, so each walk stays linear in the nodes as written, not in the nodes as expanded.
 * Keys are not dereferenced. */
#ifndef SFNVIZ_PTRMAP_H
#define SFNVIZ_PTRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ptrmap_slot {
    const void *key; /* NULL: empty */
    void *val;
} ptrmap_slot;

typedef struct ptrmap {
    ptrmap_slot *slots;
    size_t cap, count;
} ptrmap;

void ptrmap_init(ptrmap *m);
void ptrmap_free(ptrmap *m);
/* Sets key (not NULL) to val, replacing what it held. */
void ptrmap_put(ptrmap *m, const void *key, void *val);
/* Whether key is present; its value in *val (val may be NULL). */
bool ptrmap_get(const ptrmap *m, const void *key, void **val);

#endif
