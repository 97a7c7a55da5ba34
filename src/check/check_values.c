/* check_values.c: small helpers the checks share (check.h). */
#include "check/check.h"
#include "base/ptrmap.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mark check_key_mark(const value *v, const char *key)
{
    const value_pair *p = value_get_pair(v, key);
    return p ? p->key_mark : v ? v->at : mark_none();
}

const char *check_kind_name(const value *v)
{
    switch (v ? v->kind : VALUE_NULL) {
    case VALUE_NULL: return "null";
    case VALUE_BOOL: return "true or false";
    case VALUE_NUMBER: return "a number";
    case VALUE_STRING: return "a string";
    case VALUE_SEQ: return "a list";
    case VALUE_MAP: return "a map";
    }
    return "a value";
}

const char *check_short(const char *name, char *buf, size_t size)
{
    enum { LONGEST = 60 };
    size_t n = strlen(name);
    if (n <= LONGEST)
        return name;
    size_t cut = utf8_cut(name, n, LONGEST);
    snprintf(buf, size, "%.*s…", (int)cut, name);
    return buf;
}

bool check_is_jsonata_expr(const value *v)
{
    const char *s = value_str(v);
    if (!s)
        return false;
    size_t n = v->len;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    while (*s == ' ' || *s == '\n' || *s == '\t')
        s++, n--;
    return n >= 4 && strncmp(s, "{%", 2) == 0 && strncmp(s + n - 2, "%}", 2) == 0;
}

/* n digits at s, as a number in [lo, hi]. */
static bool digits(const char *s, int n, int lo, int hi)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
}

bool check_is_timestamp(const char *s)
{
    if (!(digits(s, 4, 0, 9999) && s[4] == '-' && digits(s + 5, 2, 1, 12) && s[7] == '-' &&
          digits(s + 8, 2, 1, 31) && s[10] == 'T' && digits(s + 11, 2, 0, 23) && s[13] == ':' &&
          digits(s + 14, 2, 0, 59) && s[16] == ':' && digits(s + 17, 2, 0, 60)))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        if (p[1] < '0' || p[1] > '9')
            return false;
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    }
    if (*p == 'Z')
        return p[1] == '\0';
    return (*p == '+' || *p == '-') && digits(p + 1, 2, 0, 23) && p[3] == ':' && digits(p + 4, 2, 0, 59) &&
           p[6] == '\0';
}

static bool lambda_name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
           ch == '_';
}

/* arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER], QUALIFIER $LATEST, a version or an alias. */
const char *check_resource_problem(const char *r)
{
    if (strncmp(r, "arn:", 4) != 0 || strstr(r, "${") || strchr(r, ' '))
        return NULL;
    const char *fn = strstr(r, ":function:");
    const char *lambda = strstr(r, ":lambda:");
    if (!fn || !lambda || lambda > fn)
        return NULL;
    const char *name = fn + strlen(":function:");
    size_t n = 0;
    while (lambda_name_char(name[n]))
        n++;
    if (n == 0 || n > 64)
        return "names no Lambda function (the name is 1 to 64 letters, digits, - and _)";
    if (name[n] == '\0')
        return NULL;
    if (name[n] != ':')
        return "has a Lambda function name with a character other than letters, digits, - and _";
    const char *q = name + n + 1;
    if (strcmp(q, "$LATEST") == 0)
        return NULL;
    size_t k = 0;
    while (lambda_name_char(q[k]))
        k++;
    if (k == 0 || q[k] != '\0')
        return "has a malformed qualifier after the function name ($LATEST, a version number or an alias)";
    return NULL;
}

/* An explicit stack: payload templates nest as deep as the file wants. A map or list that YAML aliases put
 * in many places is checked once: its findings are at the same lines each time. */
void check_each_pair(checker *c, const wf_state *s, const char *field, const value *root, check_pair_fn fn)
{
    if (!root)
        return;
    const value **stack = NULL;
    size_t n = 0, cap = 0;
    ptrmap seen;
    ptrmap_init(&seen);
    stack = sfn_grow(stack, &cap, 1, sizeof *stack);
    stack[n++] = root;
    while (n > 0) {
        const value *v = stack[--n];
        if (ptrmap_get(&seen, v, NULL))
            continue;
        ptrmap_put(&seen, v, NULL);
        for (size_t i = 0; i < v->count; i++) {
            const value *child = v->kind == VALUE_MAP ? v->pairs[i].val : v->items[i];
            if (v->kind == VALUE_MAP)
                fn(c, s, field, &v->pairs[i]);
            if (child->kind == VALUE_MAP || child->kind == VALUE_SEQ) {
                stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
                stack[n++] = child;
            }
        }
    }
    ptrmap_free(&seen);
    free(stack);
}

