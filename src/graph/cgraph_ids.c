/* cgraph_ids.c: graphs whose objects are numbered in creation order, and DOT text into a strbuf. */
#include "graph/cgraph_ids.h"

#include <stdlib.h>
#include <string.h>


static int write_to_strbuf(void *chan, const char *s)
{
    strbuf_puts(chan, s);
    return 1;
}

static int flush_nothing(void *chan)
{
    (void)chan;
    return 0;
}

/* Object IDs in creation order. cgraph keeps subgraphs sorted by ID, and its default discipline uses the
 * address of each interned name as the ID, so cluster order (in the DOT text, and for the layout) would
 * follow the heap. This discipline numbers objects as they come and keeps their names itself: a table by
 * ID for printing, and an open-addressing hash of (type, name) for lookups. (Leaving names to cgraph's
 * internal map would leak its entries: Graphviz 2.43 closes that map without freeing them.) */
typedef struct id_table {
    Agraph_t *root;      /* names are its interned strings: agwrite asks them whether they are HTML */
    IDTYPE next;
    char **names;        /* by ID; NULL for anonymous objects (edges) */
    unsigned char *kinds;/* by ID: AGRAPH, AGNODE, ... */
    size_t cap;
    IDTYPE *slots;       /* hash slots holding IDs; 0 is empty */
    size_t slot_count, named;
} id_table;

static size_t name_hash(int kind, const char *s)
{
    size_t h = 2166136261u ^ (size_t)kind;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding (kind, name), or the empty slot where it would go. */
static size_t find_slot(const id_table *t, int kind, const char *name)
{
    size_t i = name_hash(kind, name) & (t->slot_count - 1);
    while (t->slots[i] && (t->kinds[t->slots[i]] != kind || strcmp(t->names[t->slots[i]], name) != 0))
        i = (i + 1) & (t->slot_count - 1);
    return i;
}

static void grow_slots(id_table *t)
{
    size_t old_count = t->slot_count;
    IDTYPE *old = t->slots;
    t->slot_count = old_count ? old_count * 2 : 64;
    t->slots = sfn_calloc(t->slot_count, sizeof *t->slots);
    for (size_t i = 0; i < old_count; i++)
        if (old[i])
            t->slots[find_slot(t, t->kinds[old[i]], t->names[old[i]])] = old[i];
    free(old);
}

static IDTYPE new_id(id_table *t, int kind, const char *name)
{
    IDTYPE id = ++t->next;
    if (id >= t->cap) {
        size_t cap = t->cap;
        t->names = sfn_grow(t->names, &cap, (size_t)id + 1, sizeof *t->names);
        cap = t->cap;
        t->kinds = sfn_grow(t->kinds, &cap, (size_t)id + 1, sizeof *t->kinds);
        t->cap = cap;
    }
    t->kinds[id] = (unsigned char)kind;
    t->names[id] = NULL;
    if (name) {
        t->names[id] = agstrdup(t->root, (char *)name);
        if ((t->named + 1) * 2 > t->slot_count)
            grow_slots(t);
        t->slots[find_slot(t, kind, name)] = id;
        t->named++;
    }
    return id;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    id_table *t = sfn_calloc(1, sizeof *t);
    t->root = g;
    return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_table *t = state;
    if (str && t->slot_count) {
        IDTYPE found = t->slots[find_slot(t, objtype, str)];
        if (found) {
            *id = found;
            return 1;
        }
    }
    if (!createflag)
        return 0;
    *id = new_id(t, objtype, str);
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
    return 0; /* nobody asks for a given ID: we never read DOT into these graphs */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id; /* names live until the graph closes */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    id_table *t = state;
    (void)objtype;
    return id >= 1 && id <= t->next ? t->names[id] : NULL;
}

static void ids_close(void *state)
{
    id_table *t = state;
    for (IDTYPE i = 1; i <= t->next; i++)
        if (t->names[i])
            agstrfree(t->root, t->names[i]);
    free(t->names);
    free(t->kinds);
    free(t->slots);
    free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t sequential_ids = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
static Agiodisc_t strbuf_io = {NULL, write_to_strbuf, flush_nothing};
static Agdisc_t graph_disc = {&AgMemDisc, &sequential_ids, &strbuf_io};

Agraph_t *graph_open(const char *name)
{
    return agopen((char *)name, Agdirected, &graph_disc);
}

void graph_write(Agraph_t *g, strbuf *out)
{
    agwrite(g, out);
}
