/* value.c: the document tree's accessors and the choice of reader; see value.h. */
#include "read/value.h"

#include <math.h>
#include <string.h>

value *value_new(arena *a, value_kind kind, mark at)
{
    value *v = arena_alloc(a, sizeof *v);
    v->kind = kind;
    v->at = at;
    return v;
}

value *value_new_string(arena *a, const char *s, size_t len, mark at)
{
    value *v = value_new(a, VALUE_STRING, at);
    v->text = arena_strndup(a, s, len);
    v->len = len;
    v->quoted = true;
    return v;
}

const value_pair *value_get_pair(const value *v, const char *key)
{
    if (!v || v->kind != VALUE_MAP)
        return NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < v->count; i++)
        if (v->pairs[i].key_len == klen && memcmp(v->pairs[i].key, key, klen) == 0)
            return &v->pairs[i];
    return NULL;
}

value *value_get(const value *v, const char *key)
{
    const value_pair *p = value_get_pair(v, key);
    return p ? p->val : NULL;
}


bool value_int(const value *v, long long *out)
{
    if (!v || v->kind != VALUE_NUMBER || v->tag)
        return false;
    double d = v->number;
    if (!isfinite(d) || d != floor(d) || fabs(d) > 9.0e15)
        return false;
    *out = (long long)d;
    return true;
}

bool value_truthy(const value *v)
{
    if (!v || v->tag)
        return false;
    if (v->kind == VALUE_BOOL)
        return v->boolean;
    return v->kind == VALUE_STRING && (strcmp(v->text, "true") == 0 || strcmp(v->text, "True") == 0);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool starts_like_json(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return i < len && (text[i] == '{' || text[i] == '[');
}

value *value_read(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                  diag_list *diags)
{
    if (ends_with(path, ".json"))
        return json_read(a, path, text, len, diags);
    if (starts_like_json(text, len)) {
        /* A JSON template under another name: the JSON reader handles what libyaml does not (surrogate
         * pairs, long keys); flow-style YAML that is not JSON falls through to the YAML reader. */
        diag_list scratch;
        diag_list_init(&scratch);
        value *v = json_read(a, path, text, len, &scratch);
        if (v)
            diag_list_move(diags, &scratch); /* its warnings (a repeated key) */
        diag_list_free(&scratch);
        if (v)
            return v;
    }
    return yaml_read(a, path, text, len, limits, diags);
}
