/* path_scan.c: paths and reference paths as Step Functions reads them (Jayway JsonPath).
 *
 * A path is a root (`$`, `$$`, `$name`) and steps: `.name`, `..name` (deep scan), `.*`, and brackets
 * `['a']`, `[0]`, `[*]`, `[?(...)]`, `[1:2]`, unions `[0,1]` and `['a','b']`; Jayway also takes a bracket
 * after a dot (`$.[0]`). A reference path names one node, so only `.name`, `['name']` and `[n]` remain.
 * Filters are checked for balance (parentheses, quotes, a regex after `=~`), not for their grammar. */
#include "check/path_scan.h"

#include <string.h>

typedef struct scan {
    const char *s;
    size_t len, pos;
    path_kind kind;
    bool embedded; /* inside an intrinsic's arguments */
    syntax_error *err;
} scan;

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
/* Variable names: a letter or '_' (or any non-ASCII byte, for Unicode letters), then digits too. */
static bool is_var_start(char c) { return is_alpha(c) || (unsigned char)c >= 0x80; }
static bool is_var_char(char c) { return is_var_start(c) || is_digit(c); }

static bool more(const scan *c) { return c->pos < c->len; }
static char cur(const scan *c) { return c->s[c->pos]; }

static void skip_blanks(scan *c)
{
    while (more(c) && is_blank(cur(c)))
        c->pos++;
}

/* Where the path stops: the end; inside an intrinsic, an argument's ',' or ')' or a blank; otherwise
 * trailing blanks, which Jayway trims. */
static bool ends_here(const scan *c)
{
    if (!more(c))
        return true;
    char ch = cur(c);
    if (c->embedded)
        return ch == ',' || ch == ')' || is_blank(ch);
    for (size_t i = c->pos; i < c->len; i++)
        if (!is_blank(c->s[i]))
            return false;
    return true;
}

static const char *excerpt(const scan *c, size_t at, char *buf, size_t size)
{
    return syntax_excerpt(buf, size, c->s + at, c->len - at);
}

/* A step a reference path cannot have: `what` names it in the message. */
static bool single_node_only(scan *c, size_t at, const char *what)
{
    if (c->kind == PATH_KIND_PATH)
        return true;
    return syntax_fail(c->err, at, "%s is not allowed in a %s", what,
                       c->kind == PATH_KIND_RESULT ? "ResultPath (a reference path)" : "reference path");
}

/* `$`, `$$` or `$name`; ResultPath writes into the state's input, so it takes `$` only. */
static bool scan_root(scan *c)
{
    if (!more(c) || cur(c) != '$')
        return syntax_fail(c->err, c->pos, "a path starts with '$'");
    size_t root = c->pos++;
    if (more(c) && cur(c) == '$') {
        if (c->kind == PATH_KIND_RESULT)
            return syntax_fail(c->err, root, "ResultPath cannot point into the context object '$$'");
        c->pos++;
    } else if (more(c) && is_var_start(cur(c))) {
        if (c->kind == PATH_KIND_RESULT)
            return syntax_fail(c->err, root, "ResultPath cannot be a variable; assign variables with Assign");
        while (more(c) && is_var_char(cur(c)))
            c->pos++;
    }
    return true;
}

static bool scan_quoted(scan *c)
{
    size_t open = c->pos;
    char quote = c->s[c->pos++];
    while (more(c)) {
        char ch = c->s[c->pos++];
        if (ch == '\\')
            c->pos++;
        else if (ch == quote)
            return true;
    }
    c->pos = c->len;
    return syntax_fail(c->err, open, "unclosed string");
}

static bool expect_bracket_close(scan *c, size_t open)
{
    char buf[32];
    skip_blanks(c);
    if (!more(c))
        return syntax_fail(c->err, open, "unclosed '['");
    if (cur(c) != ']')
        return syntax_fail(c->err, c->pos, "expected ']', got '%s'", excerpt(c, c->pos, buf, sizeof buf));
    c->pos++;
    return true;
}

/* `['a']`, `["a"]`, `['a', 'b']`. */
static bool scan_names(scan *c, size_t open)
{
    int count = 0;
    for (;;) {
        if (!more(c) || (cur(c) != '\'' && cur(c) != '"'))
            return syntax_fail(c->err, c->pos, "expected a quoted name");
        if (!scan_quoted(c))
            return false;
        count++;
        skip_blanks(c);
        if (!more(c) || cur(c) != ',')
            break;
        c->pos++;
        skip_blanks(c);
    }
    if (count > 1 && !single_node_only(c, open, "a union of names"))
        return false;
    return expect_bracket_close(c, open);
}

/* An integer `-?[0-9]+` filling s[from..to) exactly. */
static bool is_integer(const char *s, size_t from, size_t to)
{
    from += from < to && s[from] == '-';
    if (from == to)
        return false;
    for (size_t i = from; i < to; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

static void trim(const char *s, size_t *from, size_t *to)
{
    while (*from < *to && is_blank(s[*from]))
        (*from)++;
    while (*to > *from && is_blank(s[*to - 1]))
        (*to)--;
}

/* `[1:]`, `[:2]`, `[-2:]`, `[0:4]` (Jayway reads a third part, the step, and ignores it); no blanks. */
static bool check_slice(scan *c, size_t open, size_t from, size_t to)
{
    if (!single_node_only(c, open, "a slice"))
        return false;
    size_t part = from;
    int parts = 0;
    bool number = false;
    for (size_t i = from; i <= to; i++) {
        if (i < to && c->s[i] != ':')
            continue;
        if (i > part && !is_integer(c->s, part, i))
            return syntax_fail(c->err, part, "a slice is written [start:end] with integers");
        number |= i > part && parts < 2;
        parts++;
        part = i + 1;
    }
    if (parts > 3 || !number)
        return syntax_fail(c->err, from, "a slice is written [start:end] with integers");
    return true;
}

/* `[0]`, `[-1]`, `[0, 2]`. */
static bool check_indexes(scan *c, size_t open, size_t from, size_t to)
{
    int count = 0;
    size_t part = from;
    for (size_t i = from; i <= to; i++) {
        if (i < to && c->s[i] != ',')
            continue;
        size_t a = part, b = i;
        trim(c->s, &a, &b);
        if (!is_integer(c->s, a, b))
            return syntax_fail(c->err, a, "an index is an integer");
        count++;
        part = i + 1;
    }
    return count == 1 || single_node_only(c, open, "a union of indexes");
}

static bool scan_indexes(scan *c, size_t open)
{
    const char *close = memchr(c->s + c->pos, ']', c->len - c->pos);
    if (!close)
        return syntax_fail(c->err, open, "unclosed '['");
    size_t from = c->pos, to = (size_t)(close - c->s);
    trim(c->s, &from, &to);
    bool ok = memchr(c->s + from, ':', to - from) ? check_slice(c, open, from, to) : check_indexes(c, open, from, to);
    c->pos = (size_t)(close - c->s) + 1;
    return ok;
}

/* A regex after `=~` in a filter: /.../flags, so its parentheses do not count. */
static bool after_match_operator(const scan *c)
{
    size_t i = c->pos;
    while (i > 0 && is_blank(c->s[i - 1]))
        i--;
    return i >= 2 && c->s[i - 2] == '=' && c->s[i - 1] == '~';
}

static bool skip_filter_regex(scan *c)
{
    size_t open = c->pos++;
    while (more(c) && cur(c) != '/')
        c->pos += cur(c) == '\\' ? 2 : 1;
    if (!more(c))
        return syntax_fail(c->err, open, "unclosed regular expression");
    c->pos++;
    return true;
}

/* `?( ... )` from its '(' to the matching ')'. */
static bool scan_filter(scan *c, size_t open)
{
    size_t paren = c->pos;
    int depth = 0;
    while (more(c)) {
        char ch = cur(c);
        if (ch == '\'' || ch == '"') {
            if (!scan_quoted(c))
                return false;
            continue;
        }
        if (ch == '/' && after_match_operator(c)) {
            if (!skip_filter_regex(c))
                return false;
            continue;
        }
        c->pos++;
        depth += (ch == '(') - (ch == ')');
        if (depth == 0) {
            size_t from = paren + 1, to = c->pos - 1;
            trim(c->s, &from, &to);
            return from < to || syntax_fail(c->err, paren, "empty filter");
        }
    }
    return syntax_fail(c->err, open, "unclosed filter");
}

static bool scan_bracket(scan *c)
{
    size_t open = c->pos++;
    skip_blanks(c);
    if (!more(c))
        return syntax_fail(c->err, open, "unclosed '['");
    char ch = cur(c);
    if (ch == '\'' || ch == '"')
        return scan_names(c, open);
    if (is_digit(ch) || ch == '-' || ch == ':')
        return scan_indexes(c, open);
    if (ch == '*') {
        c->pos++;
        return single_node_only(c, open, "'[*]'") && expect_bracket_close(c, open);
    }
    if (ch == '?') {
        if (!single_node_only(c, open, "a filter"))
            return false;
        c->pos++;
        skip_blanks(c);
        if (!more(c) || cur(c) != '(')
            return syntax_fail(c->err, open, "a filter is written [?(condition)]");
        return scan_filter(c, open) && expect_bracket_close(c, open);
    }
    return syntax_fail(c->err, c->pos, "expected a quoted name, an index, '*' or a filter after '['");
}

/* `length()` and the other Jayway functions end a path; a reference path has none. name: where its name
 * starts. */
static bool scan_function(scan *c, size_t name)
{
    size_t open = c->pos;
    if (c->embedded)
        return syntax_fail(c->err, name, "a function such as length() cannot be used here");
    if (!single_node_only(c, name, "a function such as length()"))
        return false;
    int depth = 0;
    while (more(c)) {
        char ch = cur(c);
        if (ch == '\'' || ch == '"') {
            if (!scan_quoted(c))
                return false;
            continue;
        }
        c->pos++;
        depth += (ch == '(') - (ch == ')');
        if (depth == 0)
            return ends_here(c) || syntax_fail(c->err, c->pos, "a function such as length() must end the path");
    }
    return syntax_fail(c->err, open, "unclosed '('");
}

static bool name_stops(const scan *c, char ch)
{
    return ch == '.' || ch == '[' || ch == '(' || is_blank(ch) || (c->embedded && (ch == ',' || ch == ')'));
}

static bool scan_name(scan *c)
{
    size_t start = c->pos;
    while (more(c) && !name_stops(c, cur(c)))
        c->pos++;
    if (more(c) && cur(c) == '(')
        return c->pos > start ? scan_function(c, start) : syntax_fail(c->err, c->pos, "expected a name after '.'");
    return true;
}

/* `.name`, `..name`, `.*`, `..*`, `.[...]`. */
static bool scan_dot(scan *c)
{
    size_t dot = c->pos++;
    bool deep = more(c) && cur(c) == '.';
    if (deep) {
        if (!single_node_only(c, dot, "'..'"))
            return false;
        c->pos++;
        if (more(c) && cur(c) == '.')
            return syntax_fail(c->err, c->pos, "'.' cannot follow '..'");
    }
    if (ends_here(c))
        return syntax_fail(c->err, dot, "a path cannot end with '%s'", deep ? ".." : ".");
    char ch = cur(c);
    if (ch == '*') {
        c->pos++;
        return single_node_only(c, dot + 1, "'*'");
    }
    if (ch == '[')
        return scan_bracket(c);
    if (is_blank(ch))
        return syntax_fail(c->err, c->pos, "a name with blanks is written in brackets: ['a b']");
    return scan_name(c);
}

bool path_scan(const char *s, size_t len, size_t pos, path_kind kind, bool embedded, size_t *end,
               syntax_error *err)
{
    scan c = {s, len, pos, kind, embedded, err};
    char buf[32];
    if (!scan_root(&c))
        return false;
    while (!ends_here(&c)) {
        char ch = cur(&c);
        bool ok;
        if (ch == '.')
            ok = scan_dot(&c);
        else if (ch == '[')
            ok = scan_bracket(&c);
        else if (is_blank(ch))
            ok = syntax_fail(err, c.pos, "a name with blanks is written in brackets: ['a b']");
        else
            ok = syntax_fail(err, c.pos, "expected '.' or '[' before '%s'", excerpt(&c, c.pos, buf, sizeof buf));
        if (!ok)
            return false;
    }
    *end = c.pos;
    return true;
}
