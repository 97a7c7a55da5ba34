/* intrinsic_syntax.c: the intrinsic functions of JSONPath states, `States.Format('{}', $.a)`.
 *
 * A call is `States.` a known name, then arguments in parentheses, separated by commas, blanks allowed
 * between tokens. An argument is a single-quoted string, a number, true, false, null, a path (read by
 * path_scan, which stops at the argument's ',' or ')') or another call, at most INTRINSIC_MAX_DEPTH deep.
 * Arities are those of the AWS documentation. */
#include "check/jsonpath_syntax.h"
#include "check/path_scan.h"

#include <string.h>

#define ANY_NUMBER (-1)

static const struct {
    const char *name;
    int min, max;
} FUNCTIONS[] = {
    {"Format", 1, ANY_NUMBER}, {"StringToJson", 1, 1},  {"JsonToString", 1, 1},  {"Array", 0, ANY_NUMBER},
    {"ArrayPartition", 2, 2},  {"ArrayContains", 2, 2}, {"ArrayRange", 3, 3},    {"ArrayGetItem", 2, 2},
    {"ArrayLength", 1, 1},     {"ArrayUnique", 1, 1},   {"Base64Encode", 1, 1},  {"Base64Decode", 1, 1},
    {"Hash", 2, 2},            {"JsonMerge", 3, 3},     {"MathRandom", 2, 3},    {"MathAdd", 2, 2},
    {"StringSplit", 2, 2},     {"UUID", 0, 0},
};
enum { FUNCTION_COUNT = sizeof FUNCTIONS / sizeof FUNCTIONS[0] };

typedef struct call_scan {
    const char *s;
    size_t len, pos;
    syntax_error *err;
} call_scan;

/* What an argument was, for States.Format's check of its format string. */
typedef struct arg_info {
    bool literal_string;
    int holes; /* the `{}` of a literal string */
} arg_info;

static bool scan_call(call_scan *c, int depth);

static bool is_blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_alnum(char ch) { return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool more(const call_scan *c) { return c->pos < c->len; }
static char cur(const call_scan *c) { return c->s[c->pos]; }

static void skip_blanks(call_scan *c)
{
    while (more(c) && is_blank(cur(c)))
        c->pos++;
}

static const char *excerpt(const call_scan *c, size_t at, char *buf, size_t size)
{
    return syntax_excerpt(buf, size, c->s + at, c->len - at);
}

/* 'text': the reserved characters ' { } \ are escaped with a backslash, and nothing else is. */
static bool scan_string(call_scan *c, arg_info *info)
{
    size_t open = c->pos++;
    info->literal_string = true;
    while (more(c)) {
        char ch = c->s[c->pos];
        if (ch == '\'') {
            c->pos++;
            return true;
        }
        if (ch == '\\') {
            char e = c->pos + 1 < c->len ? c->s[c->pos + 1] : '\0';
            if (!e || !strchr("'{}\\", e))
                return syntax_fail(c->err, c->pos, "'\\' escapes only ' { } and \\ in an intrinsic's string");
            c->pos += 2;
            continue;
        }
        if (ch == '{' && c->pos + 1 < c->len && c->s[c->pos + 1] == '}') {
            info->holes++;
            c->pos++;
        }
        c->pos++;
    }
    return syntax_fail(c->err, open, "unclosed string");
}

/* A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)? */
static bool scan_number(call_scan *c)
{
    size_t start = c->pos;
    c->pos += cur(c) == '-';
    if (!more(c) || !is_digit(cur(c)))
        return syntax_fail(c->err, start, "a number needs digits");
    if (cur(c) == '0')
        c->pos++;
    else
        while (more(c) && is_digit(cur(c)))
            c->pos++;
    if (more(c) && cur(c) == '.') {
        c->pos++;
        if (!more(c) || !is_digit(cur(c)))
            return syntax_fail(c->err, start, "a number needs digits after '.'");
        while (more(c) && is_digit(cur(c)))
            c->pos++;
    }
    if (more(c) && (cur(c) == 'e' || cur(c) == 'E')) {
        c->pos++;
        c->pos += more(c) && (cur(c) == '+' || cur(c) == '-');
        if (!more(c) || !is_digit(cur(c)))
            return syntax_fail(c->err, start, "a number needs digits in its exponent");
        while (more(c) && is_digit(cur(c)))
            c->pos++;
    }
    return true;
}

static bool word_is(const call_scan *c, size_t start, const char *word)
{
    size_t n = strlen(word);
    return c->pos - start == n && memcmp(c->s + start, word, n) == 0;
}

static bool scan_arg(call_scan *c, int depth, arg_info *info)
{
    char buf[32];
    info->literal_string = false;
    info->holes = 0;
    if (!more(c))
        return syntax_fail(c->err, c->pos, "expected an argument before the end");
    char ch = cur(c);
    if (ch == '\'')
        return scan_string(c, info);
    if (ch == '$')
        return path_scan(c->s, c->len, c->pos, PATH_KIND_PATH, true, &c->pos, c->err);
    if (ch == '-' || is_digit(ch))
        return scan_number(c);
    if (c->len - c->pos >= 7 && memcmp(c->s + c->pos, "States.", 7) == 0)
        return scan_call(c, depth + 1);
    size_t start = c->pos;
    while (more(c) && is_alnum(cur(c)))
        c->pos++;
    if (c->pos > start && (word_is(c, start, "true") || word_is(c, start, "false") || word_is(c, start, "null")))
        return true;
    return syntax_fail(c->err, start, "expected a string, a number, a path or an intrinsic function, got '%s'",
                       excerpt(c, start, buf, sizeof buf));
}

/* `States.Name`: the index of the function in FUNCTIONS. */
static bool scan_name(call_scan *c, int *function)
{
    char buf[32];
    size_t start = c->pos;
    if (c->len - c->pos < 7 || memcmp(c->s + c->pos, "States.", 7) != 0)
        return syntax_fail(c->err, start, "an intrinsic function starts with 'States.'");
    c->pos += 7;
    size_t name = c->pos;
    while (more(c) && is_alnum(cur(c)))
        c->pos++;
    for (int i = 0; i < FUNCTION_COUNT; i++) {
        size_t n = strlen(FUNCTIONS[i].name);
        if (c->pos - name == n && memcmp(c->s + name, FUNCTIONS[i].name, n) == 0) {
            *function = i;
            return true;
        }
    }
    if (c->pos == name)
        return syntax_fail(c->err, name, "expected a function name after 'States.'");
    return syntax_fail(c->err, start, "unknown intrinsic function '%s'",
                       syntax_excerpt(buf, sizeof buf, c->s + start, c->pos - start));
}

static bool check_arity(call_scan *c, size_t start, int f, int count)
{
    int min = FUNCTIONS[f].min, max = FUNCTIONS[f].max;
    if (count >= min && (max == ANY_NUMBER || count <= max))
        return true;
    const char *name = FUNCTIONS[f].name, *s = count == 1 ? "" : "s";
    if (max == ANY_NUMBER)
        return syntax_fail(c->err, start, "States.%s takes at least %d argument%s, got %d", name, min,
                           min == 1 ? "" : "s", count);
    if (min != max)
        return syntax_fail(c->err, start, "States.%s takes %d or %d arguments, got %d argument%s", name, min, max,
                           count, s);
    return syntax_fail(c->err, start, "States.%s takes %d argument%s, got %d", name, min, min == 1 ? "" : "s", count);
}

/* The arguments from the '(' at c->pos to its ')'; *count and the first argument's info. */
static bool scan_args(call_scan *c, int depth, const char *name, int *count, arg_info *first)
{
    char buf[32];
    size_t open = c->pos++;
    skip_blanks(c);
    if (more(c) && cur(c) == ')') {
        c->pos++;
        return true;
    }
    for (;;) {
        arg_info info;
        if (!scan_arg(c, depth, &info))
            return false;
        if ((*count)++ == 0)
            *first = info;
        skip_blanks(c);
        if (!more(c))
            return syntax_fail(c->err, open, "unclosed '(' of States.%s", name);
        if (cur(c) == ')') {
            c->pos++;
            return true;
        }
        if (cur(c) != ',')
            return syntax_fail(c->err, c->pos, "expected ',' or ')', got '%s'", excerpt(c, c->pos, buf, sizeof buf));
        c->pos++;
        skip_blanks(c);
    }
}

static bool scan_call(call_scan *c, int depth)
{
    size_t start = c->pos;
    if (depth > INTRINSIC_MAX_DEPTH)
        return syntax_fail(c->err, start, "intrinsic functions nest at most %d deep", INTRINSIC_MAX_DEPTH);
    int f = 0, count = 0;
    arg_info first = {false, 0};
    if (!scan_name(c, &f))
        return false;
    skip_blanks(c);
    if (!more(c) || cur(c) != '(')
        return syntax_fail(c->err, c->pos, "expected '(' after 'States.%s'", FUNCTIONS[f].name);
    if (!scan_args(c, depth, FUNCTIONS[f].name, &count, &first) || !check_arity(c, start, f, count))
        return false;
    /* One `{}` per remaining argument; a format string from a path is only known when it runs. */
    if (strcmp(FUNCTIONS[f].name, "Format") == 0 && first.literal_string && first.holes != count - 1)
        return syntax_fail(c->err, start, "States.Format's string has %d '{}' for %d argument%s", first.holes,
                           count - 1, count - 1 == 1 ? "" : "s");
    return true;
}

bool intrinsic_syntax_ok(const char *text, size_t len, jsonpath_error *err)
{
    char buf[32];
    call_scan c = {text, len, 0, err};
    if (!scan_call(&c, 1))
        return false;
    skip_blanks(&c);
    if (more(&c))
        return syntax_fail(err, c.pos, "unexpected '%s' after the intrinsic function",
                           excerpt(&c, c.pos, buf, sizeof buf));
    return true;
}
