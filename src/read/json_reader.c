/* json_reader.c: the JSON reader (RFC 8259) behind json_read; see value.h.
 *
 * A recursive-descent parser over a byte buffer that is not NUL-terminated. It builds the same value tree
 * as the YAML reader, marks every value and key with its 1-based line and column (columns in code points),
 * and on the first problem adds exactly one error pointing at the offending position and returns NULL.
 *
 * Recursion is bounded by VALUE_MAX_DEPTH. Array items and object members are collected on two scratch
 * stacks shared by the whole parse and copied into the arena once per container, so a long array costs
 * one copy, not one per append. Duplicate keys are found by scanning small objects and by a hash index
 * for large ones, which keeps the parse linear in the size of the input. */
#include "base/utf8.h"
#include "read/duplicate_keys.h"
#include "read/value.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item_stack {
    value **data;
    size_t len, cap;
} item_stack;

typedef struct pair_stack {
    value_pair *data;
    size_t len, cap;
} pair_stack;

typedef struct parser {
    const char *text;
    size_t len, pos;
    unsigned line, column;
    arena *arena;
    diag_list *diags;
    const char *path;
    int depth;
    bool failed;
    bool locale_uses_dot; /* strtod's decimal point is '.' */
    unsigned duplicate_warnings;
    strbuf buf;           /* decoded text of the string being read */
    item_stack items;     /* items of the arrays being read, innermost last */
    pair_stack pairs;     /* members of the objects being read, innermost last */
} parser;

/* ---- Position and errors ---- */

static mark here(const parser *p)
{
    mark m = mark_at(p->path, p->line, p->column);
    return m;
}

static bool at_end(const parser *p) { return p->pos >= p->len; }

/* The byte at the current position, or -1 at the end (a NUL byte in the input is 0, not the end). */
static int peek(const parser *p) { return at_end(p) ? -1 : (unsigned char)p->text[p->pos]; }

/* Steps over one ASCII character that is not a line break. */
static void advance_ascii(parser *p)
{
    p->pos++;
    p->column++;
}

static void fail(parser *p, mark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fail(parser *p, mark at, const char *fmt, ...)
{
    /* Errors propagate up as NULL; only the first one is reported. */
    if (p->failed)
        return;
    p->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(p->diags, at, "%s", msg);
}

/* ---- UTF-8 ---- */

static void put_utf8(strbuf *b, unsigned cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_put(b, out, n);
}

/* Fails with "invalid UTF-8 byte" when the current position does not start a well-formed sequence. */
static bool check_utf8_here(parser *p)
{
    const unsigned char *s = (const unsigned char *)p->text + p->pos;
    if (utf8_sequence_length(s, p->len - p->pos))
        return true;
    fail(p, here(p), "invalid UTF-8 byte 0x%02X", s[0]);
    return false;
}

/* The character at the current position as a message shows it: 'x' when printable ASCII, else U+XXXX.
 * The position must hold a well-formed sequence. */
static void describe_char_here(const parser *p, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)p->text + p->pos;
    size_t used;
    unsigned cp = (unsigned)utf8_decode(s, p->len - p->pos, &used);
    if (cp >= 0x20 && cp < 0x7F)
        snprintf(out, size, "'%c'", (char)cp);
    else
        snprintf(out, size, "U+%04X", cp);
}

/* ---- Errors about what stands at the current position ---- */

static bool comment_starts_here(const parser *p)
{
    return p->pos + 1 < p->len && p->text[p->pos] == '/' &&
           (p->text[p->pos + 1] == '/' || p->text[p->pos + 1] == '*');
}

/* Reports the current position when the grammar wants something else there. The end of input, bytes that
 * are not UTF-8 and comments get their own message whatever was expected; otherwise msg is used, or when
 * msg is NULL, "unexpected character" naming the character. `inside` names the open container. */
static void fail_unexpected(parser *p, const char *inside, const char *msg)
{
    if (at_end(p)) {
        fail(p, here(p), "unexpected end of input inside %s", inside);
        return;
    }
    if (!check_utf8_here(p))
        return;
    if (comment_starts_here(p)) {
        fail(p, here(p), "comments are not allowed in JSON");
        return;
    }
    if (msg) {
        fail(p, here(p), "%s", msg);
        return;
    }
    char what[16];
    describe_char_here(p, what, sizeof what);
    fail(p, here(p), "unexpected character %s", what);
}

/* ---- Whitespace ---- */

static void new_line(parser *p)
{
    p->line++;
    p->column = 1;
}

/* Skips space, tab, CR and LF. CRLF and a lone CR are one line break each. Raw line breaks can occur only
 * here (strings refuse them), so this is the only place that counts lines. */
static void skip_whitespace(parser *p)
{
    while (p->pos < p->len) {
        char c = p->text[p->pos];
        if (c == ' ' || c == '\t') {
            advance_ascii(p);
        } else if (c == '\n') {
            p->pos++;
            new_line(p);
        } else if (c == '\r') {
            p->pos++;
            if (p->pos < p->len && p->text[p->pos] == '\n')
                p->pos++;
            new_line(p);
        } else {
            break;
        }
    }
}

/* ---- Strings ---- */

static bool fail_string_end(parser *p)
{
    fail(p, here(p), "unexpected end of input inside a string");
    return false;
}

static int hex_digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits at s as a number, or -1 when they are not four hex digits. */
static long hex4_value(const char *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit_value((unsigned char)s[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Reads the four hex digits after `\u`; esc marks the backslash, where a bad escape is reported. */
static bool read_hex4(parser *p, mark esc, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (at_end(p))
            return fail_string_end(p);
        int d = hex_digit_value(peek(p));
        if (d < 0) {
            fail(p, esc, "invalid \\u escape");
            return false;
        }
        v = v * 16 + (unsigned)d;
        advance_ascii(p);
    }
    *out = v;
    return true;
}

/* If a `\uDC00`..`\uDFFF` escape follows, consumes it and returns its value; else returns 0 and consumes
 * nothing, so whatever follows is read as usual. */
static unsigned take_low_surrogate(parser *p)
{
    if (p->len - p->pos < 6 || p->text[p->pos] != '\\' || p->text[p->pos + 1] != 'u')
        return 0;
    long v = hex4_value(p->text + p->pos + 2);
    if (v < 0xDC00 || v > 0xDFFF)
        return 0;
    for (int i = 0; i < 6; i++)
        advance_ascii(p);
    return (unsigned)v;
}

/* After `\u`: one code point, or a UTF-16 surrogate pair written as two escapes. A surrogate without its
 * partner cannot be encoded in UTF-8; writers that cut strings by UTF-16 units do emit them, so it becomes
 * U+FFFD (as browsers' JSON.parse + TextEncoder would make it) rather than refusing the whole file. */
static bool read_unicode_escape(parser *p, mark esc)
{
    unsigned cp;
    if (!read_hex4(p, esc, &cp))
        return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned low = take_low_surrogate(p);
        cp = low ? 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        cp = 0xFFFD;
    }
    put_utf8(&p->buf, cp);
    return true;
}

static int simple_escape(int c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return -1;
    }
}

static bool fail_invalid_escape(parser *p, mark esc)
{
    int c = peek(p);
    if (c >= 0x20 && c < 0x7F) {
        fail(p, esc, "invalid escape '\\%c' in a string", c);
        return false;
    }
    if (!check_utf8_here(p))
        return false;
    char what[16];
    describe_char_here(p, what, sizeof what);
    fail(p, esc, "invalid escape in a string: '\\' followed by %s", what);
    return false;
}

/* Reads one escape sequence (at its backslash) and appends what it stands for to p->buf. */
static bool read_escape(parser *p)
{
    mark esc = here(p);
    advance_ascii(p);
    if (at_end(p))
        return fail_string_end(p);
    int c = peek(p);
    if (c == 'u') {
        advance_ascii(p);
        return read_unicode_escape(p, esc);
    }
    int decoded = simple_escape(c);
    if (decoded < 0)
        return fail_invalid_escape(p, esc);
    strbuf_putc(&p->buf, (char)decoded);
    advance_ascii(p);
    return true;
}

static void fail_control_character(parser *p, int c)
{
    static const char *const named[0x20] = {['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n",
                                            ['\f'] = "\\f", ['\r'] = "\\r"};
    if (named[c])
        fail(p, here(p), "control character U+%04X in a string (escape it as %s)", (unsigned)c, named[c]);
    else
        fail(p, here(p), "control character U+%04X in a string (escape it as \\u%04X)", (unsigned)c,
             (unsigned)c);
}

/* Reads a string at its opening quote into the arena (decoded, NUL-terminated; *out_len counts bytes,
 * which may include NULs from `\u0000`). Text without escapes is copied straight from the input. */
static bool read_string(parser *p, const char **out, size_t *out_len)
{
    advance_ascii(p);
    p->buf.len = 0;
    bool escaped = false;
    size_t run = p->pos; /* start of the input not yet copied to p->buf */
    for (;;) {
        int c = peek(p);
        if (c < 0)
            return fail_string_end(p);
        if (c == '"')
            break;
        if (c == '\\') {
            strbuf_put(&p->buf, p->text + run, p->pos - run);
            escaped = true;
            if (!read_escape(p))
                return false;
            run = p->pos;
        } else if (c < 0x20) {
            fail_control_character(p, c);
            return false;
        } else if (c < 0x80) {
            advance_ascii(p);
        } else {
            if (!check_utf8_here(p))
                return false;
            p->pos += utf8_sequence_length((const unsigned char *)p->text + p->pos, p->len - p->pos);
            p->column++;
        }
    }
    if (escaped) {
        strbuf_put(&p->buf, p->text + run, p->pos - run);
        *out = arena_strndup(p->arena, p->buf.data, p->buf.len);
        *out_len = p->buf.len;
    } else {
        *out = arena_strndup(p->arena, p->text + run, p->pos - run);
        *out_len = p->pos - run;
    }
    advance_ascii(p); /* closing quote */
    return true;
}

static value *parse_string(parser *p)
{
    value *v = value_new(p->arena, VALUE_STRING, here(p));
    v->quoted = true;
    if (!read_string(p, &v->text, &v->len))
        return NULL;
    return v;
}

/* ---- Numbers and literals ---- */

enum { SHOWN_TOKEN_MAX = 32 };

/* A bad token as a message quotes it, cut short so a megabyte of digits does not become the message. */
static void fail_token(parser *p, mark at, const char *what, const char *s, size_t n)
{
    if (n > SHOWN_TOKEN_MAX)
        fail(p, at, "%s '%.*s...'", what, (int)SHOWN_TOKEN_MAX, s);
    else
        fail(p, at, "%s '%.*s'", what, (int)n, s);
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool is_letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Characters that continue a number-like token. Letters are included so that `0x1F` or `1true` is
 * reported as one bad number rather than as a number followed by a puzzling second error. */
static bool is_number_char(int c) { return is_digit(c) || is_letter(c) || c == '+' || c == '-' || c == '.'; }

static size_t skip_digits(const char *s, size_t i, size_t n)
{
    while (i < n && is_digit((unsigned char)s[i]))
        i++;
    return i;
}

/* RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? over all n bytes. */
static bool is_json_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !is_digit((unsigned char)s[i]))
        return false;
    i = s[i] == '0' ? i + 1 : skip_digits(s, i, n);
    if (i < n && s[i] == '.') {
        if (i + 1 >= n || !is_digit((unsigned char)s[i + 1]))
            return false;
        i = skip_digits(s, i + 1, n);
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit((unsigned char)s[i]))
            return false;
        i = skip_digits(s, i, n);
    }
    return i == n;
}

/* strtod follows LC_NUMERIC: if the program runs under a locale whose decimal point is not '.', "2.5"
 * would stop at the '.', so the locale's point is swapped in first. */
static double number_value(const parser *p, const char *s)
{
    if (p->locale_uses_dot || !strchr(s, '.'))
        return strtod(s, NULL);
    strbuf b;
    strbuf_init(&b);
    const char *point = localeconv()->decimal_point;
    for (; *s; s++) {
        if (*s == '.')
            strbuf_puts(&b, point);
        else
            strbuf_putc(&b, *s);
    }
    double d = strtod(strbuf_cstr(&b), NULL);
    strbuf_free(&b);
    return d;
}

static value *parse_number(parser *p)
{
    mark at = here(p);
    const char *start = p->text + p->pos;
    size_t n = 0;
    while (p->pos + n < p->len && is_number_char((unsigned char)start[n]))
        n++;
    if (!is_json_number(start, n)) {
        fail_token(p, at, "invalid number", start, n);
        return NULL;
    }
    value *v = value_new(p->arena, VALUE_NUMBER, at);
    v->text = arena_strndup(p->arena, start, n);
    v->len = n;
    v->number = number_value(p, v->text);
    p->pos += n;
    p->column += (unsigned)n;
    return v;
}

static bool word_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(s, word, n) == 0;
}

/* true, false or null; any other word (True, nul, undefined, NaN) is refused whole. */
static value *parse_literal(parser *p)
{
    mark at = here(p);
    const char *start = p->text + p->pos;
    size_t n = 0;
    while (p->pos + n < p->len && (is_letter((unsigned char)start[n]) || is_digit((unsigned char)start[n]) ||
                                   start[n] == '_'))
        n++;
    value *v;
    if (word_is(start, n, "true") || word_is(start, n, "false")) {
        v = value_new(p->arena, VALUE_BOOL, at);
        v->boolean = start[0] == 't';
        v->text = v->boolean ? "true" : "false";
    } else if (word_is(start, n, "null")) {
        v = value_new(p->arena, VALUE_NULL, at);
        v->text = "null";
    } else {
        fail_token(p, at, "invalid literal", start, n);
        return NULL;
    }
    v->len = n;
    p->pos += n;
    p->column += (unsigned)n;
    return v;
}

/* ---- Scratch stacks ---- */

/* Makes room for one more element of size elem in a heap array of *cap elements. */
static void *grow_for_one(void *data, size_t len, size_t *cap, size_t elem)
{
    if (len < *cap)
        return data;
    size_t new_cap = *cap ? *cap * 2 : 64;
    if (new_cap > SIZE_MAX / elem)
        sfn_oom();
    void *grown = realloc(data, new_cap * elem);
    if (!grown)
        sfn_oom();
    *cap = new_cap;
    return grown;
}

static void push_item(parser *p, value *v)
{
    p->items.data = grow_for_one(p->items.data, p->items.len, &p->items.cap, sizeof *p->items.data);
    p->items.data[p->items.len++] = v;
}

static void push_pair(parser *p, value_pair pair)
{
    p->pairs.data = grow_for_one(p->pairs.data, p->pairs.len, &p->pairs.cap, sizeof *p->pairs.data);
    p->pairs.data[p->pairs.len++] = pair;
}

/* ---- Values, arrays and objects ---- */

static value *parse_value(parser *p);

/* Counts one more level of nesting at an opening bracket, refusing to go past VALUE_MAX_DEPTH. */
static bool enter_nesting(parser *p)
{
    if (p->depth >= VALUE_MAX_DEPTH) {
        fail(p, here(p), "nesting deeper than %d levels", (int)VALUE_MAX_DEPTH);
        return false;
    }
    p->depth++;
    return true;
}

/* Moves the items above base on the scratch stack into the arena (NULL when there are none). */
static value **take_items(parser *p, size_t base)
{
    size_t count = p->items.len - base;
    if (count == 0)
        return NULL;
    value **items = arena_calloc(p->arena, count, sizeof *items);
    memcpy(items, p->items.data + base, count * sizeof *items);
    p->items.len = base;
    return items;
}

/* The same for object members. */
static value_pair *take_pairs(parser *p, size_t base)
{
    size_t count = p->pairs.len - base;
    if (count == 0)
        return NULL;
    value_pair *pairs = arena_calloc(p->arena, count, sizeof *pairs);
    memcpy(pairs, p->pairs.data + base, count * sizeof *pairs);
    p->pairs.len = base;
    return pairs;
}

/* After a comma: a closing bracket here means a trailing comma, reported at the comma. */
static bool refuse_trailing_comma(parser *p, mark comma, char close)
{
    if (peek(p) != close)
        return true;
    fail(p, comma, "trailing comma before '%c'", close);
    return false;
}

/* Reads the array's items up to and including ']'; the opening '[' is already consumed. */
static bool read_array_items(parser *p)
{
    skip_whitespace(p);
    if (peek(p) == ']') {
        advance_ascii(p);
        return true;
    }
    for (;;) {
        if (at_end(p)) {
            fail_unexpected(p, "an array", NULL);
            return false;
        }
        value *item = parse_value(p);
        if (!item)
            return false;
        push_item(p, item);
        skip_whitespace(p);
        if (peek(p) == ']') {
            advance_ascii(p);
            return true;
        }
        if (peek(p) != ',') {
            fail_unexpected(p, "an array", "expected ',' or ']' after an array item");
            return false;
        }
        mark comma = here(p);
        advance_ascii(p);
        skip_whitespace(p);
        if (!refuse_trailing_comma(p, comma, ']'))
            return false;
    }
}

static value *parse_array(parser *p)
{
    mark at = here(p);
    if (!enter_nesting(p))
        return NULL;
    advance_ascii(p);
    size_t base = p->items.len;
    if (!read_array_items(p))
        return NULL;
    value *v = value_new(p->arena, VALUE_SEQ, at);
    v->count = p->items.len - base;
    v->items = take_items(p, base);
    p->depth--;
    return v;
}

/* Something other than '"' where a key belongs. Say "keys must be strings" for what could start a value
 * (an unquoted or single-quoted key), and name the character otherwise. */
static void fail_not_a_key(parser *p)
{
    int c = peek(p);
    bool value_like = c == '{' || c == '[' || c == '\'' || c == '-' || is_digit(c) || is_letter(c);
    fail_unexpected(p, "an object", value_like ? "object keys must be strings" : NULL);
}

/* Reads one `"key": value` member at the key and pushes it. */
static bool read_member(parser *p)
{
    if (peek(p) != '"') {
        fail_not_a_key(p);
        return false;
    }
    value_pair pair;
    pair.key_mark = here(p);
    if (!read_string(p, &pair.key, &pair.key_len))
        return false;
    skip_whitespace(p);
    if (peek(p) != ':') {
        fail_unexpected(p, "an object", "expected ':' after an object key");
        return false;
    }
    advance_ascii(p);
    skip_whitespace(p);
    if (at_end(p)) {
        fail_unexpected(p, "an object", NULL);
        return false;
    }
    pair.val = parse_value(p);
    if (!pair.val)
        return false;
    push_pair(p, pair);
    return true;
}

/* Reads the object's members up to and including '}'; the opening '{' is already consumed. */
static bool read_object_members(parser *p)
{
    skip_whitespace(p);
    if (peek(p) == '}') {
        advance_ascii(p);
        return true;
    }
    for (;;) {
        if (!read_member(p))
            return false;
        skip_whitespace(p);
        if (peek(p) == '}') {
            advance_ascii(p);
            return true;
        }
        if (peek(p) != ',') {
            fail_unexpected(p, "an object", "expected ',' or '}' after an object member");
            return false;
        }
        mark comma = here(p);
        advance_ascii(p);
        skip_whitespace(p);
        if (!refuse_trailing_comma(p, comma, '}'))
            return false;
    }
}

static value *parse_object(parser *p)
{
    mark at = here(p);
    if (!enter_nesting(p))
        return NULL;
    advance_ascii(p);
    size_t base = p->pairs.len;
    if (!read_object_members(p))
        return NULL;
    size_t members = p->pairs.len - base;
    if (members > 1) /* (an empty object may come before any member: pairs.data is still NULL) */
        p->pairs.len = base + duplicate_keys_drop(p->pairs.data + base, members, p->diags, &p->duplicate_warnings);
    value *v = value_new(p->arena, VALUE_MAP, at);
    v->count = p->pairs.len - base;
    v->pairs = take_pairs(p, base);
    p->depth--;
    return v;
}

/* A value at the current position (whitespace already skipped, not at the end). */
static value *parse_value(parser *p)
{
    int c = peek(p);
    if (c == '{')
        return parse_object(p);
    if (c == '[')
        return parse_array(p);
    if (c == '"')
        return parse_string(p);
    /* '+' and '.' cannot start a JSON number, but "invalid number '+1'" says more than naming the '+'. */
    if (is_digit(c) || c == '-' || c == '+' || c == '.')
        return parse_number(p);
    if (is_letter(c))
        return parse_literal(p);
    fail_unexpected(p, "a value", NULL);
    return NULL;
}

/* ---- Entry point ---- */

static void skip_bom(parser *p)
{
    if (p->len >= 3 && memcmp(p->text, "\xEF\xBB\xBF", 3) == 0)
        p->pos = 3;
}

static void parser_init(parser *p, arena *a, const char *path, const char *text, size_t len, diag_list *diags)
{
    memset(p, 0, sizeof *p);
    p->text = text;
    p->len = text ? len : 0;
    p->line = p->column = 1;
    p->arena = a;
    p->diags = diags;
    p->path = path;
    p->locale_uses_dot = strcmp(localeconv()->decimal_point, ".") == 0;
    strbuf_init(&p->buf);
}

static void parser_free(parser *p)
{
    strbuf_free(&p->buf);
    free(p->items.data);
    free(p->pairs.data);
}

static value *parse_document(parser *p)
{
    skip_bom(p);
    skip_whitespace(p);
    if (at_end(p)) {
        mark start = mark_at(p->path, 1, 1);
        fail(p, start, "empty document");
        return NULL;
    }
    value *root = parse_value(p);
    if (!root)
        return NULL;
    skip_whitespace(p);
    if (!at_end(p)) {
        fail_unexpected(p, "a value", "unexpected content after the JSON value");
        return NULL;
    }
    return root;
}

value *json_read(arena *a, const char *path, const char *text, size_t len, diag_list *diags)
{
    parser p;
    parser_init(&p, a, path, text, len, diags);
    value *root = parse_document(&p);
    parser_free(&p);
    return root;
}
