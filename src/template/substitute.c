/* substitute.c: DefinitionSubstitutions; see substitute.h. */
#include "template/substitute.h"
#include "base/limits.h"
#include "base/ptrmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chains of substitutions deeper than this are taken for cycles; CloudFormation itself stops at its own cap. */
enum { SUBSTITUTE_MAX_ROUNDS = 64 };

typedef struct entry {
    const char *key, *value;
    bool final;
} entry;

static int by_key(const void *a, const void *b) { return strcmp(((const entry *)a)->key, ((const entry *)b)->key); }

/* Keys in sorted order, so that each `${Name}` is looked up in log time: a template may have thousands of
 * keys and a definition hundreds of thousands of placeholders. */
static void sort_keys(substitutions *s)
{
    entry *e = sfn_calloc(s->count, sizeof *e);
    for (size_t i = 0; i < s->count; i++)
        e[i] = (entry){s->keys[i], s->values[i], s->final[i]};
    qsort(e, s->count, sizeof *e, by_key);
    for (size_t i = 0; i < s->count; i++) {
        size_t n = strlen(e[i].key);
        s->longest = n > s->longest ? n : s->longest;
        s->keys[i] = e[i].key;
        s->values[i] = e[i].value;
        s->final[i] = e[i].final;
    }
    free(e);
}

/* The key that is name (len bytes, not NUL-terminated), or s->count. */
static size_t find_key(const substitutions *s, const char *name, size_t len)
{
    if (len > s->longest)
        return s->count;
    size_t lo = 0, hi = s->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *key = s->keys[mid];
        int c = strncmp(key, name, len);
        size_t key_len = c == 0 ? strnlen(key, len + 1) : 0;
        if (c == 0 && key_len == len)
            return mid;
        if (c < 0 || (c == 0 && key_len < len)) /* before name (a key cut short by a NUL in name too) */
            lo = mid + 1;
        else
            hi = mid;
    }
    return s->count;
}

bool substitutions_read(const template_ctx *t, const value *map, substitutions *out, diag_list *diags)
{
    memset(out, 0, sizeof *out);
    out->limits = t->limits;
    if (!map)
        return true;
    out->at = map->at;
    if (map->kind != VALUE_MAP || map->tag) {
        diag_error(diags, map->at, "DefinitionSubstitutions should be a map of names to values");
        return false;
    }
    out->keys = arena_calloc(t->a, map->count + 1, sizeof *out->keys);
    out->values = arena_calloc(t->a, map->count + 1, sizeof *out->values);
    out->final = arena_calloc(t->a, map->count + 1, sizeof *out->final);
    for (size_t i = 0; i < map->count; i++) {
        const value *v = map->pairs[i].val;
        bool intrinsic = intrinsic_is(v);
        if (!intrinsic && !value_is_scalar(v)) {
            diag_error(diags, v->at, "DefinitionSubstitutions value \"%s\" should be a string, number or boolean",
                       map->pairs[i].key);
            return false;
        }
        out->keys[out->count] = map->pairs[i].key;
        out->values[out->count] = intrinsic_text(t, v);
        out->final[out->count] = intrinsic;
        out->count++;
    }
    sort_keys(out);
    return true;
}

/* One pass over text: every `${key}` of the chosen kind (final or not) replaced. Returns whether anything
 * changed; sets *too_large (and stops) when the result passes the substitution-size limit. */
static bool substitute_pass(const substitutions *s, bool final, const char *text, size_t len, strbuf *out,
                            bool *too_large)
{
    bool changed = false, closers_left = true;
    size_t max = limit_of(s->limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE);
    size_t i = 0;
    const char *next_close = NULL; /* the first '}' at or after some point before i + 2, once looked for */
    while (i < len) {
        const char *close = NULL;
        /* Each '}' is looked for once (`${${${...}` stays linear); once none follows, none is looked for. */
        if (closers_left && text[i] == '$' && i + 1 < len && text[i + 1] == '{') {
            if (!next_close || next_close < text + i + 2)
                next_close = memchr(text + i + 2, '}', len - i - 2);
            close = next_close;
            closers_left = close != NULL;
        }
        size_t k = s->count;
        if (close) {
            k = find_key(s, text + i + 2, (size_t)(close - text - i - 2));
            if (k < s->count && s->final[k] != final)
                k = s->count;
        }
        if (k < s->count) {
            strbuf_puts(out, s->values[k]);
            i = (size_t)(close - text) + 1;
            changed = true;
            if (out->len > max) {
                *too_large = true;
                return changed;
            }
        } else {
            strbuf_putc(out, text[i++]);
        }
    }
    return changed;
}

static bool has_placeholder(const char *text, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '$' && text[i + 1] == '{')
            return true;
    return false;
}

const char *substitute_text(arena *a, const substitutions *s, const char *text, size_t len, size_t *out_len,
                            substitute_problem *problem)
{
    *problem = SUBSTITUTE_OK;
    if (!s->count || !has_placeholder(text, len))
        return NULL;
    strbuf cur, next;
    strbuf_init(&cur);
    strbuf_put(&cur, text, len);
    bool any = false, changed = true, too_large = false;
    for (int round = 0; changed && !too_large; round++) {
        if (round == SUBSTITUTE_MAX_ROUNDS) {
            *problem = SUBSTITUTE_CYCLE;
            break;
        }
        strbuf_init(&next);
        changed = substitute_pass(s, false, cur.data, cur.len, &next, &too_large);
        any |= changed;
        strbuf_free(&cur);
        cur = next;
    }
    if (!too_large && *problem == SUBSTITUTE_OK) {
        strbuf_init(&next);
        any |= substitute_pass(s, true, cur.data, cur.len, &next, &too_large);
        strbuf_free(&cur);
        cur = next;
    }
    if (too_large)
        *problem = SUBSTITUTE_TOO_LARGE;
    if (!any || *problem != SUBSTITUTE_OK) {
        strbuf_free(&cur);
        return NULL;
    }
    *out_len = cur.len;
    return strbuf_to_arena(&cur, a);
}

/* One substitution of a whole definition: what it has grown by so far, which the substitution-size limit
 * bounds too (many strings, each within the limit, or one reached through many YAML aliases). */
typedef struct subst_run {
    arena *a;
    const substitutions *s;
    diag_list *diags;
    size_t grown;
    bool failed;
    /* Each node's result by its address: a node that YAML aliases put in many places (a DAG) is
     * substituted once, not once per place. */
    ptrmap memo;
} subst_run;

const char *substitute_problem_text(char *buf, size_t size, const substitutions *s, substitute_problem problem)
{
    char limit[160];
    if (problem == SUBSTITUTE_CYCLE)
        snprintf(buf, size, "DefinitionSubstitutions do not settle here: a value refers to itself, directly or "
                            "through others");
    else if (problem == SUBSTITUTE_TOO_LARGE)
        snprintf(buf, size, "DefinitionSubstitutions make this text larger than %s",
                 limit_describe(limit, sizeof limit, s->limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE));
    else
        snprintf(buf, size, "DefinitionSubstitutions apply");
    return buf;
}

static void too_large(subst_run *run, mark at, const char *what)
{
    char limit[160];
    diag_error(run->diags, at, "DefinitionSubstitutions %s %s", what,
               limit_describe(limit, sizeof limit, run->s->limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE));
    run->failed = true;
}

/* A string or key with substitutions applied; NULL when unchanged. Reports a cycle at `at`. */
static const char *substitute_at(subst_run *run, const char *text, size_t len, mark at, size_t *out_len)
{
    substitute_problem problem;
    const char *r = substitute_text(run->a, run->s, text, len, out_len, &problem);
    if (problem != SUBSTITUTE_OK) {
        char why[256];
        diag_error(run->diags, at, "%s", substitute_problem_text(why, sizeof why, run->s, problem));
        run->failed = true;
    } else if (r && *out_len > len) {
        run->grown += *out_len - len;
        if (run->grown > limit_of(run->s->limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE))
            too_large(run, at, "grow the definition by more than");
    }
    return r;
}

static const value *substitute_node(subst_run *run, const value *v);

static value *copy_node(arena *a, const value *v)
{
    value *c = arena_alloc(a, sizeof *c);
    *c = *v;
    if (v->kind == VALUE_SEQ) {
        c->items = arena_calloc(a, v->count ? v->count : 1, sizeof *c->items);
        memcpy(c->items, v->items, v->count * sizeof *c->items);
    } else if (v->kind == VALUE_MAP) {
        c->pairs = arena_calloc(a, v->count ? v->count : 1, sizeof *c->pairs);
        memcpy(c->pairs, v->pairs, v->count * sizeof *c->pairs);
    }
    return c;
}

static const value *substitute_children(subst_run *run, const value *v)
{
    value *c = NULL;
    for (size_t i = 0; i < v->count && !run->failed; i++) {
        const value *child = v->kind == VALUE_SEQ ? v->items[i] : v->pairs[i].val;
        const value *r = substitute_node(run, child);
        size_t klen = 0;
        const char *key = v->kind == VALUE_MAP && !run->failed
                              ? substitute_at(run, v->pairs[i].key, v->pairs[i].key_len, v->pairs[i].key_mark, &klen)
                              : NULL;
        if (r == child && !key)
            continue;
        if (!c)
            c = copy_node(run->a, v);
        if (v->kind == VALUE_SEQ) {
            c->items[i] = (value *)r;
        } else {
            c->pairs[i].val = (value *)r;
            if (key) {
                c->pairs[i].key = key;
                c->pairs[i].key_len = klen;
            }
        }
    }
    return c ? c : v;
}

static const value *substitute_uncached(subst_run *run, const value *v);

static const value *substitute_node(subst_run *run, const value *v)
{
    if (v->kind != VALUE_SEQ && v->kind != VALUE_MAP && v->kind != VALUE_STRING)
        return v;
    void *seen;
    if (ptrmap_get(&run->memo, v, &seen))
        return seen;
    const value *r = substitute_uncached(run, v);
    ptrmap_put(&run->memo, v, (void *)r);
    return r;
}

static const value *substitute_uncached(subst_run *run, const value *v)
{
    if (v->kind == VALUE_SEQ || v->kind == VALUE_MAP)
        return substitute_children(run, v);
    if (v->kind != VALUE_STRING)
        return v;
    size_t len = 0;
    const char *text = substitute_at(run, v->text, v->len, v->at, &len);
    if (!text)
        return v;
    value *c = copy_node(run->a, v);
    c->text = text;
    c->len = len;
    c->substituted = true;
    return c;
}

/* ---- placeholders nobody fills ---- */

enum { UNRESOLVED_WARNINGS = 20 };

static bool is_key(const substitutions *s, const char *name, size_t len) { return find_key(s, name, len) < s->count; }

/* Intrinsics (a tag, or a map of one Fn:: or Ref key) are CloudFormation's to evaluate, placeholders
 * within them included. */
static bool is_intrinsic(const value *v)
{
    return v->tag || (v->kind == VALUE_MAP && v->count == 1 &&
                      (strncmp(v->pairs[0].key, "Fn::", 4) == 0 || strcmp(v->pairs[0].key, "Ref") == 0));
}

/* The next `${` at or after p, or NULL. By hand, not strstr: a sanitizer's strstr measures the whole rest
 * of the string on every call, which made a million `${` quadratic. */
static const char *next_placeholder(const char *p)
{
    for (; *p; p++)
        if (p[0] == '$' && p[1] == '{')
            return p;
    return NULL;
}

static void report_unresolved(const substitutions *s, const value *v, diag_list *diags, unsigned *said)
{
    const char *close = NULL;
    for (const char *p = v->text; (p = next_placeholder(p)) != NULL; p += 2) {
        /* Each '}' is looked for once (`${${${...}` stays linear); once none follows, none closes. */
        if (!close || close < p + 2)
            close = strchr(p + 2, '}');
        if (!close)
            return;
        size_t len = (size_t)(close - p - 2);
        if (len == 0 || p[2] == '!' || is_key(s, p + 2, len) || (*said)++ >= UNRESOLVED_WARNINGS)
            continue;
        diag_warning(diags, v->at, "placeholder ${%.*s} has no DefinitionSubstitutions entry: it reaches Step "
                                   "Functions as written",
                     (int)len, p + 2);
        diag_set_rule(diags, "substitution-unresolved");
    }
}

void substitute_unresolved(const substitutions *s, const value *definition, diag_list *diags)
{
    const value **stack = NULL;
    size_t n = 0, cap = 0;
    unsigned said = 0;
    ptrmap seen; /* a node aliased in many places is looked at (and warned of) once */
    ptrmap_init(&seen);
    stack = sfn_grow(stack, &cap, 1, sizeof *stack);
    stack[n++] = definition;
    while (n > 0) {
        const value *v = stack[--n];
        if (is_intrinsic(v) || ptrmap_get(&seen, v, NULL))
            continue;
        ptrmap_put(&seen, v, NULL);
        if (v->kind == VALUE_STRING)
            report_unresolved(s, v, diags, &said);
        for (size_t i = 0; (v->kind == VALUE_MAP || v->kind == VALUE_SEQ) && i < v->count; i++) {
            stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
            stack[n++] = v->kind == VALUE_MAP ? v->pairs[i].val : v->items[i];
        }
    }
    ptrmap_free(&seen);
    free(stack);
}

const value *substitute_tree(arena *a, const substitutions *s, const value *v, diag_list *diags)
{
    if (!s->count)
        return v;
    subst_run run = {a, s, diags, 0, false, {0}};
    ptrmap_init(&run.memo);
    const value *r = substitute_node(&run, v);
    ptrmap_free(&run.memo);
    return run.failed ? NULL : r;
}
