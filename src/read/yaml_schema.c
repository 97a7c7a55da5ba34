/* yaml_schema.c: what a YAML scalar means under YAML 1.2's core schema, and which kind of tag a node
 * carries; see yaml_schema.h. */
#include "read/yaml_schema.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Core schema --------------------------------------------------------------------------------------- */

static size_t count_digits(const char *s, size_t n, size_t i, const char *set)
{
    size_t start = i;
    while (i < n && s[i] && strchr(set, s[i]))
        i++;
    return i - start;
}

static bool text_is(const char *s, size_t n, const char *a, const char *b, const char *c)
{
    return (strlen(a) == n && memcmp(s, a, n) == 0) || (strlen(b) == n && memcmp(s, b, n) == 0) ||
           (strlen(c) == n && memcmp(s, c, n) == 0);
}

static bool match_null(const char *s, size_t n)
{
    return n == 0 || (n == 1 && s[0] == '~') || text_is(s, n, "null", "Null", "NULL");
}

static bool match_bool(const char *s, size_t n, bool *out)
{
    bool is_true = text_is(s, n, "true", "True", "TRUE");
    if (!is_true && !text_is(s, n, "false", "False", "FALSE"))
        return false;
    *out = is_true;
    return true;
}

/* strtod follows LC_NUMERIC; YAML numbers always use '.', so swap in the locale's decimal point when the
 * program runs under a locale that has another. */
static double decimal_to_double(const char *s, size_t n)
{
    const char *point = localeconv()->decimal_point;
    if (!strchr(s, '.') || strcmp(point, ".") == 0)
        return strtod(s, NULL);
    strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            strbuf_puts(&b, point);
        else
            strbuf_putc(&b, s[i]);
    }
    double d = strtod(strbuf_cstr(&b), NULL);
    strbuf_free(&b);
    return d;
}

static double radix_to_double(const char *s, size_t n, unsigned radix)
{
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned digit = s[i] <= '9' ? (unsigned)(s[i] - '0') : (unsigned)((s[i] | 0x20) - 'a' + 10);
        d = d * radix + digit;
    }
    return d;
}

/* int: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static bool match_int(const char *s, size_t n, double *out)
{
    if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        unsigned radix = s[1] == 'o' ? 8 : 16;
        if (count_digits(s, n, 2, radix == 8 ? "01234567" : "0123456789abcdefABCDEF") != n - 2)
            return false;
        *out = radix_to_double(s + 2, n - 2, radix);
        return true;
    }
    size_t i = n > 0 && (s[0] == '-' || s[0] == '+');
    if (i >= n || count_digits(s, n, i, "0123456789") != n - i)
        return false;
    *out = decimal_to_double(s, n);
    return true;
}

/* float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN) */
static bool match_float(const char *s, size_t n, double *out)
{
    if (text_is(s, n, ".nan", ".NaN", ".NAN")) {
        *out = NAN;
        return true;
    }
    size_t i = n > 0 && (s[0] == '-' || s[0] == '+');
    if (text_is(s + i, n - i, ".inf", ".Inf", ".INF")) {
        *out = s[0] == '-' ? -INFINITY : INFINITY;
        return true;
    }
    size_t whole = count_digits(s, n, i, "0123456789");
    i += whole;
    size_t fraction = 0;
    if (i < n && s[i] == '.') {
        fraction = count_digits(s, n, i + 1, "0123456789");
        i += 1 + fraction;
        if (!whole && !fraction)
            return false;
    } else if (!whole) {
        return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        i += i < n && (s[i] == '-' || s[i] == '+');
        size_t exponent = count_digits(s, n, i, "0123456789");
        if (!exponent)
            return false;
        i += exponent;
    }
    if (i != n)
        return false;
    *out = decimal_to_double(s, n);
    return true;
}

void yaml_resolve_plain(value *v)
{
    if (match_null(v->text, v->len))
        v->kind = VALUE_NULL;
    else if (match_bool(v->text, v->len, &v->boolean))
        v->kind = VALUE_BOOL;
    else if (match_int(v->text, v->len, &v->number) || match_float(v->text, v->len, &v->number))
        v->kind = VALUE_NUMBER;
}

/* ---- Tags ---------------------------------------------------------------------------------------------- */

#define CORE_TAG_PREFIX "tag:yaml.org,2002:"

yaml_tag_class yaml_classify_tag(const char *tag, const char **name)
{
    static const char *const core[] = {"str", "int", "float", "bool", "null", "map", "seq"};
    *name = tag;
    if (!tag || strcmp(tag, "!") == 0)
        return YAML_TAG_NONE;
    if (tag[0] == '!') {
        *name = tag + 1;
        return YAML_TAG_LOCAL;
    }
    size_t plen = strlen(CORE_TAG_PREFIX);
    if (strncmp(tag, CORE_TAG_PREFIX, plen) == 0) {
        for (size_t i = 0; i < sizeof core / sizeof core[0]; i++) {
            if (strcmp(tag + plen, core[i]) == 0) {
                *name = core[i];
                return YAML_TAG_CORE;
            }
        }
    }
    return YAML_TAG_OTHER;
}

bool yaml_resolve_as_core(value *v, const char *name)
{
    if (strcmp(name, "str") == 0) {
        v->kind = VALUE_STRING;
        return true;
    }
    if (strcmp(name, "null") == 0) {
        v->kind = VALUE_NULL;
        return match_null(v->text, v->len);
    }
    if (strcmp(name, "bool") == 0) {
        v->kind = VALUE_BOOL;
        return match_bool(v->text, v->len, &v->boolean);
    }
    v->kind = VALUE_NUMBER;
    if (strcmp(name, "int") == 0)
        return match_int(v->text, v->len, &v->number);
    /* !!float also takes the integer forms: `!!float 1` is 1.0. */
    return match_int(v->text, v->len, &v->number) || match_float(v->text, v->len, &v->number);
}

