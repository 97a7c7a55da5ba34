/* ptrmap.c: see ptrmap.h. A multiplicative hash of the address, linear probing, load factor at most 1/2. */
#include "base/ptrmap.h"
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>

void ptrmap_init(ptrmap *m)
{
    m->slots = NULL;
    m->cap = m->count = 0;
}

void ptrmap_free(ptrmap *m)
{
    free(m->slots);
    ptrmap_init(m);
}

/* Nodes are allocated a few words apart: the low bits carry little, so the high bits of a Fibonacci
 * product pick the slot. */
static size_t slot_of(const void *key, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 11400714819323198485u;
    return (size_t)(h >> 32) & (cap - 1);
}

static ptrmap_slot *find_slot(ptrmap_slot *slots, size_t cap, const void *key)
{
    size_t i = slot_of(key, cap);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void grow(ptrmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    ptrmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        sfn_oom();
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find_slot(slots, cap, m->slots[i].key) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

void ptrmap_put(ptrmap *m, const void *key, void *val)
{
    if ((m->count + 1) * 2 > m->cap)
        grow(m);
    ptrmap_slot *s = find_slot(m->slots, m->cap, key);
    if (!s->key)
        m->count++;
    s->key = key;
    s->val = val;
}

bool ptrmap_get(const ptrmap *m, const void *key, void **val)
{
    if (!m->cap)
        return false;
    const ptrmap_slot *s = find_slot(m->slots, m->cap, key);
    if (s->key && val)
        *val = s->val;
    return s->key != NULL;
}
