/* strmap.c: see strmap.h. FNV-1a hashing, linear probing, load factor at most 1/2. */
#include "base/strmap.h"
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

void strmap_init(strmap *m)
{
    m->slots = NULL;
    m->cap = m->count = 0;
}

void strmap_free(strmap *m)
{
    free(m->slots);
    strmap_init(m);
}

static size_t hash_key(int ns, const char *key)
{
    size_t h = 1469598103934665603u ^ (size_t)(unsigned)ns;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static strmap_slot *find_slot(strmap_slot *slots, size_t cap, int ns, const char *key, size_t h)
{
    size_t i = h & (cap - 1);
    while (slots[i].key && !(slots[i].hash == h && slots[i].ns == ns && strcmp(slots[i].key, key) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    strmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        sfn_oom();
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find_slot(slots, cap, m->slots[i].ns, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

int strmap_put(strmap *m, int ns, const char *key, int val)
{
    if ((m->count + 1) * 2 > m->cap)
        grow(m);
    size_t h = hash_key(ns, key);
    strmap_slot *s = find_slot(m->slots, m->cap, ns, key, h);
    if (s->key)
        return s->val;
    s->key = key;
    s->ns = ns;
    s->val = val;
    s->hash = h;
    m->count++;
    return val;
}

int strmap_get(const strmap *m, int ns, const char *key)
{
    if (!m->cap)
        return -1;
    size_t h = hash_key(ns, key);
    const strmap_slot *s = find_slot(m->slots, m->cap, ns, key, h);
    return s->key ? s->val : -1;
}
