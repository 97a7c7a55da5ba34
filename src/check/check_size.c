/* check_size.c: the service's limit on the size of a definition (1 048 576 characters).
 *
 * The size is measured on the definition as sfnviz built it (intrinsics and substitutions applied),
 * written as compact JSON: what CloudFormation sends for an inline Definition. It is a lower bound: a
 * DefinitionString also sends its whitespace, and a value only the deployment knows (an ARN from
 * !GetAtt) is counted as the placeholder it is here, which is shorter. So the warning never cries wolf.
 * Characters are Unicode code points, as the service counts them. */
#include "check/check.h"
#include "base/ptrmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { DEFINITION_MAX_CHARS = 1048576 };

/* Saturating: an aliased document may expand past any integer. */
static size_t add(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

/* Characters of text as a JSON string literal, quotes included. */
static size_t string_chars(const char *text, size_t len)
{
    size_t n = 2;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '"' || ch == '\\' || ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' || ch == '\t')
            n += 2;
        else if (ch < 0x20)
            n += 6; /* \u00XX */
        else if ((ch & 0xC0) != 0x80) /* not a UTF-8 continuation byte: a character starts */
            n += 1;
    }
    return n;
}

static size_t scalar_chars(const value *v)
{
    switch (v->kind) {
    case VALUE_NULL: return 4;
    case VALUE_BOOL: return v->boolean ? 4 : 5;
    case VALUE_NUMBER: return v->len;
    default: return string_chars(v->text ? v->text : "", v->len);
    }
}

static bool is_container(const value *v) { return v->kind == VALUE_MAP || v->kind == VALUE_SEQ; }

/* A map's or list's own characters: its brackets and the commas between its items. */
static size_t container_chars(const value *v) { return 2 + (v->count ? v->count - 1 : 0); }

/* A map key's characters, with its colon. */
static size_t key_chars(const value_pair *p) { return string_chars(p->key, p->key_len) + 1; }

/* Whether v, as compact JSON, takes more than `left` characters; *left is what remains when it does not.
 * It stops as soon as the answer is yes, so it visits at most about DEFINITION_MAX_CHARS nodes, however
 * far YAML aliases expand the tree: fast on every definition, without remembering nodes. The reader bounds
 * the depth (VALUE_MAX_DEPTH). */
static bool exceeds(const value *v, size_t *left)
{
    size_t n = is_container(v) ? container_chars(v) : scalar_chars(v);
    if (n > *left)
        return true;
    *left -= n;
    for (size_t i = 0; is_container(v) && i < v->count; i++) {
        size_t key = v->kind == VALUE_MAP ? key_chars(&v->pairs[i]) : 0;
        if (key > *left)
            return true;
        *left -= key;
        if (exceeds(v->kind == VALUE_MAP ? v->pairs[i].val : v->items[i], left))
            return true;
    }
    return false;
}

/* The compact JSON size of v, for a definition known to be too large: the size of each node is kept in
 * memo (the document's), so a node met again, through an alias or in another machine's definition, is
 * measured once, and a DAG in time linear in the nodes as written. */
static size_t json_chars(const value *v, ptrmap *memo)
{
    if (!is_container(v)) /* cheaper measured than looked up */
        return scalar_chars(v);
    void *known;
    if (ptrmap_get(memo, v, &known))
        return (size_t)(uintptr_t)known;
    size_t n = container_chars(v);
    for (size_t i = 0; i < v->count; i++)
        n = v->kind == VALUE_MAP ? add(n, add(key_chars(&v->pairs[i]), json_chars(v->pairs[i].val, memo)))
                                 : add(n, json_chars(v->items[i], memo));
    ptrmap_put(memo, v, (void *)(uintptr_t)n);
    return n;
}

void check_size(checker *c)
{
    if (c->off[RULE_DEFINITION_SIZE] || !c->m->scope_count || !c->m->scopes[0].src)
        return;
    const value *def = c->m->scopes[0].src;
    void *known;
    size_t chars, left = DEFINITION_MAX_CHARS;
    if (ptrmap_get(c->sizes, def, &known)) /* machines that share one definition file share its tree */
        chars = (size_t)(uintptr_t)known;
    else if (!exceeds(def, &left))
        ptrmap_put(c->sizes, def, (void *)(uintptr_t)(chars = DEFINITION_MAX_CHARS - left));
    else
        chars = json_chars(def, c->sizes);
    if (chars > DEFINITION_MAX_CHARS)
        check_report(c, RULE_DEFINITION_SIZE, def->at,
                     "the definition is at least %zu characters as compact JSON; Step Functions takes at most "
                     "1 048 576 (1 MiB)",
                     chars);
}
