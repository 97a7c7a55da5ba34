/* value_text.c: values as compact JSON and compared by meaning; see value_text.h. */
#include "diff/value_text.h"
#include "base/utf8.h"
#include "base/json_text.h"

#include <math.h>
#include <string.h>

value_skip value_skip_for_key(const char *key)
{
    if (strcmp(key, "Branches") == 0)
        return SKIP_ITEMS_STATES;
    if (strcmp(key, "ItemProcessor") == 0 || strcmp(key, "Iterator") == 0)
        return SKIP_STATES;
    return SKIP_NOTHING;
}

value_skip value_skip_of_item(value_skip s) { return s == SKIP_ITEMS_STATES ? SKIP_STATES : SKIP_NOTHING; }

bool value_skipped_key(value_skip s, const char *key) { return s == SKIP_STATES && strcmp(key, "States") == 0; }

const value *value_lookup(const value *m, const char *key, size_t key_len)
{
    for (size_t i = 0; value_is_map(m) && i < m->count; i++)
        if (m->pairs[i].key_len == key_len && memcmp(m->pairs[i].key, key, key_len) == 0)
            return m->pairs[i].val;
    return NULL;
}

/* CloudFormation's long form of a short tag: Ref and Condition keep their name, the others take Fn::. */
static void put_tag_key(strbuf *out, const char *tag)
{
    bool bare = strcmp(tag, "Ref") == 0 || strcmp(tag, "Condition") == 0;
    strbuf key;
    strbuf_init(&key);
    strbuf_puts(&key, bare ? "" : "Fn::");
    strbuf_puts(&key, tag);
    strbuf_putc(out, '{');
    json_put_string(out, strbuf_cstr(&key));
    strbuf_puts(out, ": ");
    strbuf_free(&key);
}

static void put_number(strbuf *out, const value *v)
{
    double d = v->number;
    if (!isfinite(d))
        json_put_string(out, v->text); /* .inf, .nan: JSON has no such number */
    else if (d == floor(d) && fabs(d) < 1e15)
        strbuf_printf(out, "%.0f", d); /* 3, not 3.0: as the file most likely says */
    else
        strbuf_put_shortest(out, d);
}

static void put_untagged(strbuf *out, const value *v, value_skip skip)
{
    switch (v->kind) {
    case VALUE_NULL: strbuf_puts(out, "null"); return;
    case VALUE_BOOL: strbuf_puts(out, v->boolean ? "true" : "false"); return;
    case VALUE_NUMBER: put_number(out, v); return;
    case VALUE_STRING: json_put_string(out, v->text); return;
    case VALUE_SEQ:
        strbuf_putc(out, '[');
        for (size_t i = 0; i < v->count; i++) {
            if (i)
                strbuf_puts(out, ", ");
            value_put_json(out, v->items[i], value_skip_of_item(skip));
        }
        strbuf_putc(out, ']');
        return;
    case VALUE_MAP: break;
    }
    strbuf_putc(out, '{');
    bool first = true;
    for (size_t i = 0; i < v->count; i++) {
        if (value_skipped_key(skip, v->pairs[i].key))
            continue;
        if (!first)
            strbuf_puts(out, ", ");
        first = false;
        json_put_string(out, v->pairs[i].key);
        strbuf_puts(out, ": ");
        value_put_json(out, v->pairs[i].val, SKIP_NOTHING);
    }
    strbuf_putc(out, '}');
}

void value_put_json(strbuf *out, const value *v, value_skip skip)
{
    if (!v) {
        strbuf_puts(out, "null");
        return;
    }
    if (v->tag)
        put_tag_key(out, v->tag);
    put_untagged(out, v, skip);
    if (v->tag)
        strbuf_putc(out, '}');
}

void value_put_shown(strbuf *out, const char *json, void (*put)(strbuf *out, const char *text))
{
    size_t len = json ? strlen(json) : 0;
    if (!json || len <= VALUE_SHOWN_MAX) {
        put(out, json ? json : "(absent)");
        return;
    }
    size_t n = utf8_cut(json, len, VALUE_SHOWN_MAX);
    strbuf cut;
    strbuf_init(&cut);
    strbuf_put(&cut, json, n);
    put(out, strbuf_cstr(&cut));
    strbuf_free(&cut);
    strbuf_printf(out, "\u2026 (%zu bytes)", len);
}

static bool same_text(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* Past this many keys a map in another key order is looked up through a hash map, not key by key. */
enum { LINEAR_KEYS = 32 };

void value_index_init(value_index *x, const value *map)
{
    x->map = map;
    x->hashed = value_is_map(map) && map->count > LINEAR_KEYS;
    if (!x->hashed)
        return;
    strmap_init(&x->keys);
    for (size_t i = 0; i < map->count; i++)
        strmap_put(&x->keys, 0, map->pairs[i].key, (int)i);
}

void value_index_free(value_index *x)
{
    if (x->hashed)
        strmap_free(&x->keys);
    x->hashed = false;
}

const value *value_index_get(const value_index *x, const value_pair *p, size_t at)
{
    const value *m = x->map;
    if (!value_is_map(m))
        return NULL;
    if (at < m->count && m->pairs[at].key_len == p->key_len && memcmp(m->pairs[at].key, p->key, p->key_len) == 0)
        return m->pairs[at].val;
    if (x->hashed && strlen(p->key) == p->key_len) { /* a key holding a NUL is looked for the slow way */
        int k = strmap_get(&x->keys, 0, p->key);
        return k >= 0 ? m->pairs[k].val : NULL;
    }
    return value_lookup(m, p->key, p->key_len);
}

/* Every key of a (but those skipped) is in b with the same meaning. */
static bool map_within(const value *a, const value *b, value_skip skip)
{
    value_index index;
    value_index_init(&index, b);
    bool same = true;
    for (size_t i = 0; same && i < a->count; i++) {
        if (value_skipped_key(skip, a->pairs[i].key))
            continue;
        const value *other = value_index_get(&index, &a->pairs[i], i);
        same = other && value_same(a->pairs[i].val, other, SKIP_NOTHING);
    }
    value_index_free(&index);
    return same;
}

/* Keys that count under skip (a repeated key is kept once by the readers, so counts compare). */
static size_t counted_keys(const value *m, value_skip skip)
{
    size_t n = 0;
    for (size_t i = 0; i < m->count; i++)
        n += !value_skipped_key(skip, m->pairs[i].key);
    return n;
}

bool value_same(const value *a, const value *b, value_skip skip)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || !same_text(a->tag, b->tag))
        return false;
    switch (a->kind) {
    case VALUE_NULL: return true;
    case VALUE_BOOL: return a->boolean == b->boolean;
    case VALUE_NUMBER:
        return isfinite(a->number) ? a->number == b->number : same_text(a->text, b->text);
    case VALUE_STRING: return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
    case VALUE_SEQ:
        if (a->count != b->count)
            return false;
        for (size_t i = 0; i < a->count; i++)
            if (!value_same(a->items[i], b->items[i], value_skip_of_item(skip)))
                return false;
        return true;
    case VALUE_MAP:
        return counted_keys(a, skip) == counted_keys(b, skip) && map_within(a, b, skip);
    }
    return false;
}
