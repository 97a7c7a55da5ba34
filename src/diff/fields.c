/* fields.c: walks two value trees side by side and records where they part; see fields.h. */
#include "diff/fields.h"

#include "base/ptrmap.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

void change_list_init(change_list *l, arena *a)
{
    memset(l, 0, sizeof *l);
    l->arena = a;
}

void change_list_free(change_list *l)
{
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

void change_list_add_text(change_list *l, const char *state, const char *field, const char *old_json,
                          const char *new_json)
{
    l->items = sfn_grow(l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count++] = (diff_change){state, field, old_json, new_json};
}

static const char *json_of(arena *a, const value *v, value_skip skip)
{
    if (!v)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    value_put_json(&b, v, skip);
    return strbuf_to_arena(&b, a);
}

/* A key as a path step: `.Key` for plain keys, `["a key"]` (JSON) for others. */
static bool plain_key(const char *key, size_t len)
{
    if (len == 0 || strlen(key) != len)
        return false;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("_$:.@-", *p)))
            return false;
    return true;
}

static void put_step(strbuf *path, const value_pair *p)
{
    if (plain_key(p->key, p->key_len)) {
        if (path->len)
            strbuf_putc(path, '.');
        strbuf_put(path, p->key, p->key_len);
        return;
    }
    strbuf_putc(path, '[');
    strbuf_putc(path, '"');
    for (size_t i = 0; i < p->key_len; i++) {
        char c = p->key[i];
        if (c == '"' || c == '\\')
            strbuf_putc(path, '\\');
        strbuf_putc(path, c ? c : '?');
    }
    strbuf_puts(path, "\"]");
}

typedef struct walk {
    change_list *list;
    const char *state;
    strbuf path;
    /* Maps and lists found the same (compared whole: nothing skipped), each old node with its new
     * partner: YAML aliases put one pair in many places, and it is walked once. A pair that differs is
     * walked at each place: its changes are at each path. */
    ptrmap same;
} walk;

static void compare_at(walk *w, const value *a, const value *b, value_skip skip, bool state_level);

/* A field path is kept at most this long (then cut, with its length): keys of thousands of characters,
 * many levels deep, would otherwise copy a path of megabytes into every change under them. */
enum { FIELD_PATH_MAX = 4096 };

static const char *path_of(arena *ar, const strbuf *path)
{
    const char *text = path->data ? path->data : "";
    if (path->len <= FIELD_PATH_MAX)
        return arena_strndup(ar, text, path->len);
    strbuf cut;
    strbuf_init(&cut);
    strbuf_put(&cut, text, utf8_cut(text, path->len, FIELD_PATH_MAX));
    strbuf_printf(&cut, "\u2026 (%zu bytes)", path->len);
    return strbuf_to_arena(&cut, ar);
}

static void record(walk *w, const value *a, const value *b, value_skip skip)
{
    arena *ar = w->list->arena;
    change_list_add_text(w->list, w->state, path_of(ar, &w->path), json_of(ar, a, skip), json_of(ar, b, skip));
}

/* Key i of map `from`, compared with its counterpart in the other map (NULL: absent); `old_side` says
 * which of the two `from` is. */
static void compare_key(walk *w, const value *from, size_t i, const value_index *other, bool old_side,
                        value_skip skip, bool state_level)
{
    const value_pair *p = &from->pairs[i];
    if (value_skipped_key(skip, p->key))
        return;
    const value *o = value_index_get(other, p, i);
    if (!old_side && o)
        return; /* seen from the old side */
    size_t at = w->path.len;
    put_step(&w->path, p);
    value_skip child = state_level ? value_skip_for_key(p->key) : SKIP_NOTHING;
    if (old_side)
        compare_at(w, p->val, o, child, false);
    else
        compare_at(w, NULL, p->val, child, false);
    w->path.len = at;
}

static void compare_maps(walk *w, const value *a, const value *b, value_skip skip, bool state_level)
{
    value_index in_a, in_b;
    value_index_init(&in_a, a);
    value_index_init(&in_b, b);
    for (size_t i = 0; i < a->count; i++)
        compare_key(w, a, i, &in_b, true, skip, state_level);
    for (size_t i = 0; i < b->count; i++)
        compare_key(w, b, i, &in_a, false, skip, state_level);
    value_index_free(&in_a);
    value_index_free(&in_b);
}

static void compare_seqs(walk *w, const value *a, const value *b, value_skip skip)
{
    for (size_t i = 0; i < a->count; i++) {
        size_t at = w->path.len;
        strbuf_printf(&w->path, "[%zu]", i);
        compare_at(w, a->items[i], b->items[i], value_skip_of_item(skip), false);
        w->path.len = at;
    }
}

/* Two maps, or two sequences of one length, are walked key by key (item by item) without first asking
 * whether they are the same: asking at every level would walk each subtree once per level above it, and
 * through YAML aliases a subtree may be large. Every pair of nodes is then looked at once. */
static void compare_at(walk *w, const value *a, const value *b, value_skip skip, bool state_level)
{
    bool same_tag = a && b && (a->tag == b->tag || (a->tag && b->tag && strcmp(a->tag, b->tag) == 0));
    bool same_shape = same_tag && a->kind == b->kind;
    bool walked = same_shape && (a->kind == VALUE_MAP || (a->kind == VALUE_SEQ && a->count == b->count));
    if (!walked) {
        if (!value_same(a, b, skip))
            record(w, a, b, skip);
        return;
    }
    bool whole = skip == SKIP_NOTHING && !state_level;
    void *partner;
    if (whole && ptrmap_get(&w->same, a, &partner) && partner == b)
        return;
    size_t before = w->list->count;
    if (a->kind == VALUE_MAP)
        compare_maps(w, a, b, skip, state_level);
    else
        compare_seqs(w, a, b, skip);
    if (whole && w->list->count == before)
        ptrmap_put(&w->same, a, (void *)b);
}

void fields_compare(change_list *l, const char *state, const value *old_v, const value *new_v, value_skip skip,
                    bool state_level)
{
    walk w = {l, state, {0}, {0}};
    strbuf_init(&w.path);
    ptrmap_init(&w.same);
    compare_at(&w, old_v, new_v, skip, state_level);
    ptrmap_free(&w.same);
    strbuf_free(&w.path);
}
