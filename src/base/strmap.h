/* strmap.h: string keys (with a small integer namespace) to int values, open addressing.
 *
 * Used to resolve transitions by name within a scope in constant time, so building the model stays
 * linear in the number of states. Keys are not copied: they must outlive the map. */
#ifndef SFNVIZ_STRMAP_H
#define SFNVIZ_STRMAP_H

#include <stddef.h>

typedef struct strmap_slot {
    const char *key; /* NULL: empty */
    int ns;
    int val;
    size_t hash;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t cap, count;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Sets key (in namespace ns) to val unless present; returns the value now stored. */
int strmap_put(strmap *m, int ns, const char *key, int val);
/* The value, or -1. */
int strmap_get(const strmap *m, int ns, const char *key);

#endif
