/* values.h: building value trees by hand in tests, so each input reads next to its expectation.
 *
 * Everything goes into the test file's arena `A` (declare `static arena A;` before including this). */
#ifndef SFNVIZ_TEST_VALUES_H
#define SFNVIZ_TEST_VALUES_H

#include "read/value.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { VALUES_MAX_ITEMS = 32 };

static inline value *str(const char *s) { return value_new_string(&A, s, strlen(s), mark_none()); }

static inline value *num(const char *text)
{
    value *v = value_new(&A, VALUE_NUMBER, mark_none());
    v->text = arena_strdup(&A, text);
    v->len = strlen(text);
    v->number = strtod(text, NULL);
    return v;
}

static inline value *boolean(bool b)
{
    value *v = value_new(&A, VALUE_BOOL, mark_none());
    v->boolean = b;
    v->text = b ? "true" : "false";
    v->len = strlen(v->text);
    return v;
}

static inline value *null_value(void)
{
    value *v = value_new(&A, VALUE_NULL, mark_none());
    v->text = "null";
    v->len = 4;
    return v;
}

/* A node carrying a CloudFormation short tag, as the YAML reader keeps `!Ref Env`. */
static inline value *tagged(const char *tag, value *v)
{
    v->tag = tag;
    return v;
}

/* map("Key", value, "Key", value, ..., NULL) */
static inline value *map(const char *key, ...)
{
    value *m = value_new(&A, VALUE_MAP, mark_none());
    value_pair pairs[VALUES_MAX_ITEMS];
    size_t n = 0;
    va_list ap;
    va_start(ap, key);
    for (const char *k = key; k && n < VALUES_MAX_ITEMS; k = va_arg(ap, const char *)) {
        pairs[n].key = k;
        pairs[n].key_len = strlen(k);
        pairs[n].key_mark = mark_none();
        pairs[n].val = va_arg(ap, value *);
        n++;
    }
    va_end(ap);
    m->count = n;
    m->pairs = arena_calloc(&A, n ? n : 1, sizeof *m->pairs);
    memcpy(m->pairs, pairs, n * sizeof *pairs);
    return m;
}

/* seq(item, item, ..., NULL) */
static inline value *seq(value *first, ...)
{
    value *s = value_new(&A, VALUE_SEQ, mark_none());
    value *items[VALUES_MAX_ITEMS];
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (value *v = first; v && n < VALUES_MAX_ITEMS; v = va_arg(ap, value *))
        items[n++] = v;
    va_end(ap);
    s->count = n;
    s->items = arena_calloc(&A, n ? n : 1, sizeof *s->items);
    memcpy(s->items, items, n * sizeof *items);
    return s;
}

#endif
