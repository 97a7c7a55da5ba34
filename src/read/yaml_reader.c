/* yaml_reader.c: YAML text to the value tree of value.h, on libyaml's event API.
 *
 * Why events and not libyaml's document loader: the loader builds a node graph of its own that we would
 * then copy, resolves no schema, and offers no hook to refuse hostile input before it has all been built.
 * Reading events lets us build the tree straight into the arena, give every node and key its mark, resolve
 * plain scalars under YAML 1.2's core schema (so `No` and `on` stay strings, unlike YAML 1.1), and stop at
 * the first recursive alias, alias bomb, over-deep nesting, duplicate key or second document.
 *
 * Shape: a stack of open collections ("frames"). The children of open collections pile up in two heap
 * scratch vectors, items for sequences and pairs for maps; every frame owns the tail of a vector from its
 * `first` index, because collections nest strictly. When a collection ends, its tail is copied into the
 * arena once and popped, so each node is copied exactly once and the work stays linear.
 *
 * Aliases share the anchored node, so the tree is a DAG. To keep consumers that walk it from exploding,
 * every node carries (in its frame, and for anchored nodes in the anchor table) its expansion: the nodes a
 * walk that follows aliases would visit, and the bytes of their text. Aliases may make a document larger
 * than it is written only up to the alias-nodes and alias-size limits (sfnviz.h): a small file that names
 * one long string a million times is refused, not walked by every consumer. */
#include "base/utf8.h"
#include "read/value.h"
#include "read/yaml_schema.h"
#include "base/limits.h"

#include <yaml.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    KEYSET_FROM_PAIRS = 8, /* smaller maps find duplicate keys by a linear scan, larger ones by a hash */
    MESSAGE_KEY_MAX = 60,  /* bytes of a key quoted in a message before it is cut short */
    DUPLICATE_WARNINGS_MAX = 20, /* repeated keys reported per document; the rest are dropped quietly */
};

/* ---- Helpers ----------------------------------------------------------------------------------------- */

static size_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 32));
}

static size_t add_saturating(size_t x, size_t y) { return x > SIZE_MAX - y ? SIZE_MAX : x + y; }

/* What a walk that follows aliases visits in a node: nodes, bytes of text (scalars and keys), and how
 * deep it goes (levels of collections: 0 for a scalar), since an alias can put a deep tree deep down. */
typedef struct expansion {
    size_t nodes, bytes, height;
} expansion;

/* x with child y added: nodes and bytes add up, the height is the child's plus one at most. */
static expansion expansion_add(expansion x, expansion y)
{
    size_t height = y.height + 1 > x.height ? y.height + 1 : x.height;
    return (expansion){add_saturating(x.nodes, y.nodes), add_saturating(x.bytes, y.bytes), height};
}

/* ---- Anchors ------------------------------------------------------------------------------------------- */

typedef struct anchor_entry {
    char *name;      /* heap */
    value *node;     /* the most recent node with this anchor */
    expansion expanded; /* the node's, once it has ended */
    bool open;       /* a collection not yet ended: an alias to it now would close a cycle */
} anchor_entry;

/* Entries live in a vector (stable numbers, which frames remember); an open-addressing index over them
 * makes lookups constant time, so documents with many anchors stay linear. */
typedef struct anchor_table {
    anchor_entry *entries;
    size_t count, cap;
    size_t *slots; /* entry number + 1; 0 = empty */
    size_t slot_cap;
} anchor_table;

static void anchors_free(anchor_table *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->entries[i].name);
    free(t->entries);
    free(t->slots);
}

/* The slot where `name` is, or the empty slot where it would go. */
static size_t anchors_slot(const anchor_table *t, const char *name)
{
    size_t mask = t->slot_cap - 1;
    size_t i = hash_bytes(name, strlen(name)) & mask;
    while (t->slots[i] && strcmp(t->entries[t->slots[i] - 1].name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

static void anchors_reindex(anchor_table *t)
{
    size_t cap = t->slot_cap ? t->slot_cap * 2 : 64;
    free(t->slots);
    t->slots = calloc(cap, sizeof *t->slots);
    if (!t->slots)
        sfn_oom();
    t->slot_cap = cap;
    for (size_t e = 0; e < t->count; e++)
        t->slots[anchors_slot(t, t->entries[e].name)] = e + 1;
}

/* Entry number of `name`, or SIZE_MAX when it was never defined. */
static size_t anchors_find(const anchor_table *t, const char *name)
{
    if (!t->slot_cap)
        return SIZE_MAX;
    size_t s = t->slots[anchors_slot(t, name)];
    return s ? s - 1 : SIZE_MAX;
}

/* Points `name` at node (a redefinition replaces the old node from here on, as YAML says); returns the
 * entry number. */
static size_t anchors_define(anchor_table *t, const char *name, value *node, bool open)
{
    size_t e = anchors_find(t, name);
    if (e == SIZE_MAX) {
        if (2 * (t->count + 1) > t->slot_cap)
            anchors_reindex(t);
        t->entries = sfn_grow(t->entries, &t->cap, t->count + 1, sizeof *t->entries);
        e = t->count++;
        size_t n = strlen(name);
        char *copy = malloc(n + 1);
        if (!copy)
            sfn_oom();
        memcpy(copy, name, n + 1);
        t->entries[e].name = copy;
        t->slots[anchors_slot(t, name)] = e + 1;
    }
    t->entries[e].node = node;
    t->entries[e].expanded = (expansion){1, node->text ? node->len : 0, 0};
    t->entries[e].open = open;
    return e;
}

/* ---- Duplicate keys of one map ------------------------------------------------------------------------- */

/* A hash index over a large map's pairs, by pair number within the map (+1; 0 = empty). Pairs live in the
 * scratch vector, which may move, so callers pass the map's first pair each time. */
typedef struct keyset {
    size_t *slots;
    size_t cap, used;
} keyset;

static void keyset_free(keyset *k)
{
    free(k->slots);
    k->slots = NULL;
    k->cap = k->used = 0;
}

static bool same_key(const value_pair *p, const char *key, size_t len)
{
    return p->key_len == len && memcmp(p->key, key, len) == 0;
}

static size_t keyset_slot(const keyset *k, const value_pair *pairs, const char *key, size_t len)
{
    size_t mask = k->cap - 1;
    size_t i = hash_bytes(key, len) & mask;
    while (k->slots[i] && !same_key(&pairs[k->slots[i] - 1], key, len))
        i = (i + 1) & mask;
    return i;
}

static void keyset_put(keyset *k, const value_pair *pairs, size_t number)
{
    const value_pair *p = &pairs[number];
    k->slots[keyset_slot(k, pairs, p->key, p->key_len)] = number + 1;
    k->used++;
}

/* Indexes the first `count` pairs afresh, with room to spare so inserts stay cheap. */
static void keyset_rebuild(keyset *k, const value_pair *pairs, size_t count)
{
    size_t cap = 64;
    while (cap < 4 * count)
        cap *= 2;
    free(k->slots);
    k->slots = calloc(cap, sizeof *k->slots);
    if (!k->slots)
        sfn_oom();
    k->cap = cap;
    k->used = 0;
    for (size_t i = 0; i < count; i++)
        keyset_put(k, pairs, i);
}

/* Adds pair `number`, the map's newest; the ones before it are already indexed. */
static void keyset_insert(keyset *k, const value_pair *pairs, size_t number)
{
    if (2 * (k->used + 1) > k->cap)
        keyset_rebuild(k, pairs, number);
    keyset_put(k, pairs, number);
}

/* ---- The reader ---------------------------------------------------------------------------------------- */

typedef struct frame {
    value *node;     /* VALUE_SEQ or VALUE_MAP; items or pairs are filled in when it ends */
    size_t first;    /* its first item or pair in the scratch vector */
    expansion expanded; /* the node itself and its children so far */
    size_t anchor;   /* anchor entry defined by this node, or SIZE_MAX */
    bool has_key;    /* a map that has read a key and waits for its value */
    size_t replaces; /* that key repeats the pair at this index of the map (SIZE_MAX: a new key) */
    value_pair key;  /* that key (val unset) */
    keyset keys;     /* duplicate index, built once the map is large */
} frame;

typedef struct reader {
    arena *a;
    const char *path;
    const char *text;
    size_t len;
    diag_list *diags;
    const sfnviz_limits *limits;
    size_t max_nodes, max_bytes; /* the alias limits, looked up once */
    size_t written_nodes, written_bytes; /* as written, before aliases: the alias limits never refuse less */
    unsigned duplicate_warnings;
    yaml_parser_t parser;
    bool parser_ready;
    frame *frames;
    size_t depth, frames_cap;
    value **items;
    size_t items_len, items_cap;
    value_pair *pairs;
    size_t pairs_len, pairs_cap;
    anchor_table anchors;
    value *root;
    bool seen_document;
    bool done; /* the stream has ended */
} reader;

static unsigned clamp_unsigned(size_t n) { return n >= UINT_MAX ? UINT_MAX : (unsigned)n; }

/* libyaml counts from 0; our marks from 1. */
static mark mark_from_yaml(const reader *r, yaml_mark_t m)
{
    mark out = mark_at(r->path, clamp_unsigned(m.line), clamp_unsigned(m.column));
    out.line += out.line < UINT_MAX;
    out.column += out.column < UINT_MAX;
    return out;
}

/* libyaml's reader errors carry a byte offset, not a mark: count lines and characters up to it as libyaml
 * would (CR, LF and CRLF end a line; UTF-8 continuation bytes do not start a character). */
static mark mark_from_offset(const reader *r, size_t offset)
{
    size_t end = offset < r->len ? offset : r->len;
    unsigned line = 1, column = 1;
    size_t i = 0;
    if (end >= 3 && memcmp(r->text, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* libyaml drops the BOM before it counts */
    for (; i < end; i++) {
        unsigned char c = (unsigned char)r->text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= r->len || r->text[i + 1] != '\n'))) {
            line += line < UINT_MAX;
            column = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            column += column < UINT_MAX;
        }
    }
    mark m = mark_at(r->path, line, column);
    return m;
}

/* The byte at libyaml's mark (0-based line, column in characters), or 0 past the text. */
static char byte_at(const reader *r, yaml_mark_t m)
{
    size_t i = 0;
    for (size_t line = 0; line < m.line && i < r->len; i++)
        if (r->text[i] == '\n')
            line++;
    for (size_t column = 0; column < m.column && i < r->len; column++)
        for (i++; i < r->len && ((unsigned char)r->text[i] & 0xC0) == 0x80; i++)
            ; /* the rest of a UTF-8 sequence */
    return i < r->len ? r->text[i] : 0;
}

/* libyaml names no tab when a tab starts a line where indentation goes; the message should. */
static const char *hint_for(const reader *r, const yaml_parser_t *p)
{
    if (p->error == YAML_SCANNER_ERROR && p->problem && strstr(p->problem, "cannot start any token") &&
        byte_at(r, p->problem_mark) == '\t')
        return " (a tab: YAML indents with spaces only)";
    return "";
}

static void report_libyaml_error(reader *r)
{
    const yaml_parser_t *p = &r->parser;
    mark at = mark_at(r->path, 0, 0);
    if (p->error == YAML_READER_ERROR)
        at = mark_from_offset(r, p->problem_offset);
    else if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR)
        at = mark_from_yaml(r, p->problem ? p->problem_mark : p->context_mark);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (!p->problem && p->error == YAML_MEMORY_ERROR)
        problem = "out of memory";
    if (p->error == YAML_READER_ERROR && p->problem_value != -1)
        diag_error(r->diags, at, "%s (#x%X)", problem, (unsigned)p->problem_value);
    else if (p->context)
        diag_error(r->diags, at, "%s: %s%s", p->context, problem, hint_for(r, p));
    else
        diag_error(r->diags, at, "%s%s", problem, hint_for(r, p));
}

/* A key or scalar as it appears between quotes in a message: escape what would garble the line, and cut
 * long text at a character boundary. */
static void quote_for_message(strbuf *b, const char *key, size_t len)
{
    size_t n = utf8_cut(key, len, MESSAGE_KEY_MAX);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)key[i];
        if (c == '"' || c == '\\')
            strbuf_printf(b, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            strbuf_printf(b, "\\x%02X", c);
        else
            strbuf_putc(b, (char)c);
    }
    if (n < len)
        strbuf_puts(b, "...");
}

/* A core tag on a scalar decides its kind; text that cannot be of that kind is an error. */
static bool apply_core_scalar_tag(reader *r, value *v, const char *name)
{
    if (strcmp(name, "map") == 0 || strcmp(name, "seq") == 0) {
        diag_error(r->diags, v->at, "tag !!%s cannot be used on a scalar", name);
        return false;
    }
    if (yaml_resolve_as_core(v, name))
        return true;
    strbuf b;
    strbuf_init(&b);
    quote_for_message(&b, v->text, v->len);
    diag_error(r->diags, v->at, "\"%s\" is not a valid !!%s", strbuf_cstr(&b), name);
    strbuf_free(&b);
    return false;
}

/* Sets node->tag from a tag on a scalar or collection; core tags resolve to nothing. */
static void keep_tag(reader *r, value *node, yaml_tag_class cls, const char *name)
{
    if (cls == YAML_TAG_LOCAL || cls == YAML_TAG_OTHER)
        node->tag = arena_strdup(r->a, name);
}

/* ---- Building nodes ------------------------------------------------------------------------------------ */

static bool fail(reader *r, mark at, const char *message)
{
    diag_error(r->diags, at, "%s", message);
    return false;
}

/* A scalar event as a node, or NULL after an error. */
static value *make_scalar(reader *r, const yaml_event_t *ev)
{
    mark at = mark_from_yaml(r, ev->start_mark);
    value *v = value_new(r->a, VALUE_STRING, at);
    v->text = arena_strndup(r->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    v->len = ev->data.scalar.length;
    v->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    const char *name;
    yaml_tag_class cls = yaml_classify_tag((const char *)ev->data.scalar.tag, &name);
    if (cls == YAML_TAG_CORE)
        return apply_core_scalar_tag(r, v, name) ? v : NULL;
    if (cls == YAML_TAG_NONE && !ev->data.scalar.tag && !v->quoted)
        yaml_resolve_plain(v);
    keep_tag(r, v, cls, name); /* tagged scalars stay strings whatever their text: `!Ref 123` */
    return v;
}

/* Whether x stays within what aliases may expand the document to: the limits, or the document's own size
 * as written when that is larger (a big file without aliases is the input-size limit's to refuse). */
static bool within_alias_limits(reader *r, expansion x, mark at)
{
    char limit[160];
    if (x.nodes > r->max_nodes && x.nodes > r->written_nodes) {
        diag_error(r->diags, at, "document has too many nodes, counting every alias as a copy: more than %s",
                   limit_describe(limit, sizeof limit, r->limits, SFNVIZ_LIMIT_ALIAS_NODES));
        return false;
    }
    if (x.bytes > r->max_bytes && x.bytes > r->written_bytes) {
        diag_error(r->diags, at, "aliases make the document larger than %s",
                   limit_describe(limit, sizeof limit, r->limits, SFNVIZ_LIMIT_ALIAS_SIZE));
        return false;
    }
    return true;
}

/* Adds a finished node (its expansion `size`) to the open collection, or makes it the root. */
static bool attach(reader *r, value *node, expansion size, mark at)
{
    if (!within_alias_limits(r, size, at))
        return false;
    if (r->depth == 0) {
        if (!r->root)
            r->root = node;
        return true;
    }
    frame *f = &r->frames[r->depth - 1];
    if (f->node->kind == VALUE_SEQ) {
        r->items = sfn_grow(r->items, &r->items_cap, r->items_len + 1, sizeof *r->items);
        r->items[r->items_len++] = node;
        f->expanded = expansion_add(f->expanded, size);
    } else {
        f->key.val = node;
        f->has_key = false;
        if (f->replaces != SIZE_MAX) {
            /* A repeated key: the last value wins, in the place the key first had. */
            r->pairs[f->first + f->replaces] = f->key;
        } else {
            r->pairs = sfn_grow(r->pairs, &r->pairs_cap, r->pairs_len + 1, sizeof *r->pairs);
            r->pairs[r->pairs_len++] = f->key;
            if (f->keys.slots)
                keyset_insert(&f->keys, r->pairs + f->first, r->pairs_len - 1 - f->first);
        }
        expansion key = {1, f->key.key_len, 0}; /* the key counts as a node */
        f->expanded = expansion_add(expansion_add(f->expanded, key), size);
    }
    return within_alias_limits(r, f->expanded, at);
}

static bool expecting_key(const reader *r)
{
    if (r->depth == 0)
        return false;
    const frame *f = &r->frames[r->depth - 1];
    return f->node->kind == VALUE_MAP && !f->has_key;
}

/* The earlier pair of the current map with this key, or NULL. */
static const value_pair *find_duplicate(reader *r, const char *key, size_t len)
{
    frame *f = &r->frames[r->depth - 1];
    size_t count = r->pairs_len - f->first;
    if (count == 0)
        return NULL; /* also before the first pair, when r->pairs is still NULL */
    const value_pair *pairs = r->pairs + f->first;
    if (count < KEYSET_FROM_PAIRS && !f->keys.slots) {
        for (size_t i = 0; i < count; i++)
            if (same_key(&pairs[i], key, len))
                return &pairs[i];
        return NULL;
    }
    if (!f->keys.slots)
        keyset_rebuild(&f->keys, pairs, count);
    size_t s = f->keys.slots[keyset_slot(&f->keys, pairs, key, len)];
    return s ? &pairs[s - 1] : NULL;
}

/* Records a key (text already in the arena) as the current map's pending key. Real templates repeat keys
 * by mistake and CloudFormation's tooling keeps the last, so a repeat is a warning and its value will
 * replace the earlier one. */
static bool set_key(reader *r, const char *key, size_t len, mark at)
{
    const value_pair *dup = find_duplicate(r, key, len);
    frame *f = &r->frames[r->depth - 1];
    f->replaces = SIZE_MAX;
    if (dup) {
        strbuf b;
        strbuf_init(&b);
        quote_for_message(&b, key, len);
        if (r->duplicate_warnings++ < DUPLICATE_WARNINGS_MAX) {
            diag_warning(r->diags, at, "duplicate key \"%s\" (also at line %u, column %u); the last one is used",
                         strbuf_cstr(&b), dup->key_mark.line, dup->key_mark.column);
            diag_set_rule(r->diags, "duplicate-key");
        }
        strbuf_free(&b);
        f->replaces = (size_t)(dup - (r->pairs + f->first));
    }
    f->key.key = key;
    f->key.key_len = len;
    f->key.key_mark = at;
    f->key.val = NULL;
    f->has_key = true;
    return true;
}

static bool on_key_scalar(reader *r, const yaml_event_t *ev)
{
    mark at = mark_from_yaml(r, ev->start_mark);
    const char *name;
    yaml_tag_class cls = yaml_classify_tag((const char *)ev->data.scalar.tag, &name);
    if (cls != YAML_TAG_NONE && !(cls == YAML_TAG_CORE && strcmp(name, "str") == 0))
        return fail(r, at, "tagged mapping keys are not supported");
    const char *anchor = (const char *)ev->data.scalar.anchor;
    const char *key;
    if (anchor) {
        /* The key may be aliased later as a value, so it needs a node of its own. */
        value *node = make_scalar(r, ev);
        if (!node)
            return false;
        anchors_define(&r->anchors, anchor, node, false);
        key = node->text;
    } else {
        key = arena_strndup(r->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    }
    r->written_nodes++; /* as attach counts it; a key through an alias is not written here */
    r->written_bytes += ev->data.scalar.length;
    return set_key(r, key, ev->data.scalar.length, at);
}

static bool on_scalar(reader *r, const yaml_event_t *ev)
{
    if (expecting_key(r))
        return on_key_scalar(r, ev);
    value *v = make_scalar(r, ev);
    if (!v)
        return false;
    if (ev->data.scalar.anchor)
        anchors_define(&r->anchors, (const char *)ev->data.scalar.anchor, v, false);
    r->written_nodes++;
    r->written_bytes += v->len;
    return attach(r, v, (expansion){1, v->len, 0}, v->at);
}

static bool on_alias(reader *r, const yaml_event_t *ev)
{
    mark at = mark_from_yaml(r, ev->start_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    size_t e = anchors_find(&r->anchors, name);
    if (e == SIZE_MAX) {
        diag_error(r->diags, at, "unknown anchor \"%s\"", name);
        return false;
    }
    const anchor_entry *entry = &r->anchors.entries[e];
    if (entry->open) {
        diag_error(r->diags, at, "recursive alias \"%s\"", name);
        return false;
    }
    value *target = entry->node;
    if (r->depth + entry->expanded.height > VALUE_MAX_DEPTH) {
        /* Every walk of the tree recurses as deep as the alias reaches, not as deep as it is written. */
        diag_error(r->diags, at, "nesting deeper than %d levels through the alias \"%s\"", (int)VALUE_MAX_DEPTH,
                   name);
        return false;
    }
    if (!expecting_key(r))
        return attach(r, target, entry->expanded, at);
    if (target->kind == VALUE_SEQ || target->kind == VALUE_MAP)
        return fail(r, at, "complex mapping keys are not supported");
    if (target->tag)
        return fail(r, at, "tagged mapping keys are not supported");
    return set_key(r, target->text, target->len, at);
}

/* Tag of a collection: core tags must name its own kind. */
static bool tag_collection(reader *r, value *node, const char *tag)
{
    const char *name;
    yaml_tag_class cls = yaml_classify_tag(tag, &name);
    if (cls == YAML_TAG_CORE) {
        const char *own = node->kind == VALUE_MAP ? "map" : "seq";
        if (strcmp(name, own) != 0) {
            diag_error(r->diags, node->at, "tag !!%s cannot be used on a %s", name,
                       node->kind == VALUE_MAP ? "mapping" : "sequence");
            return false;
        }
    }
    keep_tag(r, node, cls, name);
    return true;
}

static bool on_collection_start(reader *r, const yaml_event_t *ev, value_kind kind)
{
    mark at = mark_from_yaml(r, ev->start_mark);
    if (expecting_key(r))
        return fail(r, at, "complex mapping keys are not supported");
    if (r->depth >= VALUE_MAX_DEPTH) {
        diag_error(r->diags, at, "nesting deeper than %d levels", (int)VALUE_MAX_DEPTH);
        return false;
    }
    bool is_map = kind == VALUE_MAP;
    const char *tag = (const char *)(is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag);
    const yaml_char_t *anchor = is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    value *node = value_new(r->a, kind, at);
    if (!tag_collection(r, node, tag))
        return false;
    r->frames = sfn_grow(r->frames, &r->frames_cap, r->depth + 1, sizeof *r->frames);
    frame *f = &r->frames[r->depth++];
    memset(f, 0, sizeof *f);
    f->node = node;
    f->first = is_map ? r->pairs_len : r->items_len;
    f->expanded = (expansion){1, 0, 1};
    r->written_nodes++;
    f->anchor = anchor ? anchors_define(&r->anchors, (const char *)anchor, node, true) : SIZE_MAX;
    return true;
}

/* Copies the frame's scratch tail into the arena and pops it. */
static void close_frame(reader *r, frame *f)
{
    value *node = f->node;
    if (node->kind == VALUE_SEQ) {
        node->count = r->items_len - f->first;
        if (node->count) {
            node->items = arena_calloc(r->a, node->count, sizeof *node->items);
            memcpy(node->items, r->items + f->first, node->count * sizeof *node->items);
        }
        r->items_len = f->first;
    } else {
        node->count = r->pairs_len - f->first;
        if (node->count) {
            node->pairs = arena_calloc(r->a, node->count, sizeof *node->pairs);
            memcpy(node->pairs, r->pairs + f->first, node->count * sizeof *node->pairs);
        }
        r->pairs_len = f->first;
    }
    keyset_free(&f->keys);
    r->depth--;
}

static bool on_collection_end(reader *r)
{
    if (r->depth == 0)
        return true; /* libyaml balances its events; nothing to close */
    frame *f = &r->frames[r->depth - 1];
    value *node = f->node;
    expansion size = f->expanded;
    /* The anchor may have been redefined inside the node; then the newer node keeps it. */
    if (f->anchor != SIZE_MAX && r->anchors.entries[f->anchor].node == node) {
        r->anchors.entries[f->anchor].open = false;
        r->anchors.entries[f->anchor].expanded = size;
    }
    close_frame(r, f);
    return attach(r, node, size, node->at);
}

static bool on_event(reader *r, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (r->seen_document)
            return fail(r, mark_from_yaml(r, ev->start_mark), "more than one YAML document in the file");
        r->seen_document = true;
        return true;
    case YAML_STREAM_END_EVENT:
        r->done = true;
        return true;
    case YAML_SCALAR_EVENT:
        return on_scalar(r, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(r, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection_start(r, ev, VALUE_SEQ);
    case YAML_MAPPING_START_EVENT:
        return on_collection_start(r, ev, VALUE_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_collection_end(r);
    case YAML_NO_EVENT:
        r->done = true; /* libyaml has nothing more to give; never spin on it */
        return true;
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
        return true;
    }
    return true;
}

static value *read_stream(reader *r)
{
    if (!yaml_parser_initialize(&r->parser)) {
        mark at = mark_at(r->path, 0, 0);
        diag_error(r->diags, at, "cannot start the YAML parser: out of memory");
        return NULL;
    }
    r->parser_ready = true;
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)r->text, r->len);
    while (!r->done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&r->parser, &ev)) {
            report_libyaml_error(r);
            return NULL;
        }
        bool ok = on_event(r, &ev);
        yaml_event_delete(&ev);
        if (!ok)
            return NULL;
    }
    if (!r->root) {
        /* An empty stream, or one of only comments: a null document. */
        mark at = mark_at(r->path, 1, 1);
        r->root = value_new(r->a, VALUE_NULL, at);
        r->root->text = "";
    }
    return r->root;
}

static void reader_free(reader *r)
{
    if (r->parser_ready)
        yaml_parser_delete(&r->parser);
    for (size_t i = 0; i < r->depth; i++)
        keyset_free(&r->frames[i].keys);
    free(r->frames);
    free(r->items);
    free(r->pairs);
    anchors_free(&r->anchors);
}

value *yaml_read(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                 diag_list *diags)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.path = path;
    r.text = text ? text : "";
    r.len = text ? len : 0;
    r.diags = diags;
    r.limits = limits;
    r.max_nodes = limit_of(limits, SFNVIZ_LIMIT_ALIAS_NODES);
    r.max_bytes = limit_of(limits, SFNVIZ_LIMIT_ALIAS_SIZE);
    value *root = read_stream(&r);
    reader_free(&r);
    return root;
}
