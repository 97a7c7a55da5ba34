/* value_text.h: a value tree as compact JSON text, and whether two trees mean the same, for the field
 * changes of `sfnviz diff`.
 *
 * Meaning, not spelling: YAML and JSON of the same definition, keys in another order, `1.50` and `1.5`
 * are the same. A scope written inside a state (a Parallel's branch, a Map's processor) is compared and
 * written without its States: those states are compared one by one, as states of their own. */
#ifndef SFNVIZ_DIFF_VALUE_TEXT_H
#define SFNVIZ_DIFF_VALUE_TEXT_H

#include "base/arena.h"
#include "base/strmap.h"
#include "read/value.h"

#include <stdbool.h>

/* What of a value belongs to another state, and is left out. */
typedef enum value_skip {
    SKIP_NOTHING,
    SKIP_STATES,          /* a scope map (ItemProcessor, Iterator): its "States" key */
    SKIP_ITEMS_STATES,    /* a sequence of scopes (Branches): each item's "States" key */
} value_skip;

/* What the state-level key `key` holds that is not its own (Branches, ItemProcessor, Iterator). */
value_skip value_skip_for_key(const char *key);
/* The same one level down: a Branches item is a scope. */
value_skip value_skip_of_item(value_skip s);
/* Whether a key of a map is left out under skip. */
bool value_skipped_key(value_skip s, const char *key);

/* v (NULL: null) as compact JSON: `{"a": 1, "b": [true, null]}`. A short tag (`!Ref x`) is written as
 * its long form (`{"Ref": "x"}`, `{"Fn::GetAtt": ...}`). */
void value_put_json(strbuf *out, const value *v, value_skip skip);

/* Values longer than this are cut in the text and Markdown diffs (a PR comment has room for 65 536
 * characters; one large Parameters map must not take them all); JSON keeps them whole. */
enum { VALUE_SHOWN_MAX = 400 };

/* Writes json (NULL: "(absent)") through put (the format's escaping), cut past VALUE_SHOWN_MAX bytes on a
 * character boundary and followed by "… (N bytes)". */
void value_put_shown(strbuf *out, const char *json, void (*put)(strbuf *out, const char *text));

/* Whether a and b mean the same (kind, number, text, tag; maps whatever their key order). */
bool value_same(const value *a, const value *b, value_skip skip);

/* The value under key in map m (first match), or NULL. */
const value *value_lookup(const value *m, const char *key, size_t key_len);

/* A map's keys for lookups in constant time: a large map (past a few dozen keys) gets a hash map, so
 * comparing two maps in another key order stays linear. */
typedef struct value_index {
    const value *map;
    strmap keys;
    bool hashed;
} value_index;

void value_index_init(value_index *x, const value *map);
void value_index_free(value_index *x);
/* The value of the map under p's key, or NULL; `at` is where p sits in its own map: the same place is
 * tried first (two versions of a map usually keep their key order). */
const value *value_index_get(const value_index *x, const value_pair *p, size_t at);

#endif
