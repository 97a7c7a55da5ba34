/* jsonata_lexer.c: JSONata's tokenizer, after the reference one (jsonata-js src/parser.js).
 *
 * Order matters and follows the reference: blanks and comments, a regex where an operand may start, two-
 * character operators, one-character operators, strings, numbers, backtick names, then names and variables.
 * A number is /0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?/, so `420.` is the number 420 and a '.' (which
 * the parser then finds with nothing after it) and `01` is two numbers. */
#include "check/jsonata_lexer.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The characters that end a name: every operator's first character, and '!' and '~'. */
static const char OP_CHARS[] = ".[]{}(),@#;:?+-*/%|=<>^&!~";

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }
static bool is_op_char(char c) { return c != '\0' && strchr(OP_CHARS, c) != NULL; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void jsonata_lexer_init(jsonata_lexer *lx, const char *s, size_t len)
{
    lx->s = s;
    lx->len = len;
    lx->pos = 0;
}

static char at(const jsonata_lexer *lx, size_t i) { return i < lx->len ? lx->s[i] : '\0'; }

static void emit(jsonata_lexer *lx, jsonata_token *out, jsonata_tok_type type, int op, size_t start)
{
    out->type = type;
    out->op = op;
    out->start = start;
    out->len = lx->pos - start;
}

/* Blanks and comments; false on a comment without its closing star-slash. */
static bool skip_blanks(jsonata_lexer *lx, syntax_error *err)
{
    for (;;) {
        while (lx->pos < lx->len && is_blank(lx->s[lx->pos]))
            lx->pos++;
        if (!(at(lx, lx->pos) == '/' && at(lx, lx->pos + 1) == '*'))
            return true;
        size_t open = lx->pos;
        lx->pos += 2;
        while (!(at(lx, lx->pos) == '*' && at(lx, lx->pos + 1) == '/')) {
            if (lx->pos >= lx->len)
                return syntax_fail(err, open, "unclosed comment");
            lx->pos++;
        }
        lx->pos += 2;
    }
}

/* A '/' ends the regex when the brackets inside are balanced and it is not escaped (an even run of
 * backslashes before it); brackets preceded by a backslash do not count, as in the reference. */
static bool lex_regex(jsonata_lexer *lx, jsonata_token *out, syntax_error *err)
{
    size_t start = lx->pos++;
    long depth = 0;
    for (; lx->pos < lx->len; lx->pos++) {
        char c = lx->s[lx->pos];
        bool escaped = lx->s[lx->pos - 1] == '\\';
        if (c == '/' && depth == 0) {
            size_t slashes = 0;
            while (lx->s[lx->pos - 1 - slashes] == '\\')
                slashes++;
            if (slashes % 2 == 0)
                break;
        }
        if ((c == '(' || c == '[' || c == '{') && !escaped)
            depth++;
        if ((c == ')' || c == ']' || c == '}') && !escaped)
            depth--;
    }
    if (lx->pos >= lx->len)
        return syntax_fail(err, start, "unclosed regular expression");
    if (lx->pos == start + 1)
        return syntax_fail(err, start, "empty regular expression");
    lx->pos++;
    while (at(lx, lx->pos) == 'i' || at(lx, lx->pos) == 'm')
        lx->pos++;
    emit(lx, out, JT_REGEX, 0, start);
    return true;
}

static const struct {
    char text[3];
    int op;
} TWO_CHAR_OPS[] = {
    {"..", JOP_DOTDOT}, {":=", JOP_BIND},  {"!=", JOP_NE},    {">=", JOP_GE},       {"<=", JOP_LE},
    {"**", JOP_DESCEND}, {"~>", JOP_CHAIN}, {"?:", JOP_ELVIS}, {"??", JOP_COALESCE},
};

static bool lex_operator(jsonata_lexer *lx, jsonata_token *out, syntax_error *err)
{
    size_t start = lx->pos;
    for (size_t i = 0; i < sizeof TWO_CHAR_OPS / sizeof TWO_CHAR_OPS[0]; i++) {
        if (at(lx, start) == TWO_CHAR_OPS[i].text[0] && at(lx, start + 1) == TWO_CHAR_OPS[i].text[1]) {
            lx->pos += 2;
            emit(lx, out, JT_OP, TWO_CHAR_OPS[i].op, start);
            return true;
        }
    }
    char c = lx->s[start];
    if (c == '!' || c == '~') /* stop characters for names, but no operator of their own */
        return syntax_fail(err, start, "'%c' is not an operator (did you mean '%s'?)", c, c == '!' ? "!=" : "~>");
    lx->pos++;
    emit(lx, out, JT_OP, c, start);
    return true;
}

/* The escapes of JSON: \" \\ \/ \b \f \n \r \t and \u with four hex digits; `\'` is not one. */
static bool lex_string(jsonata_lexer *lx, jsonata_token *out, syntax_error *err)
{
    size_t start = lx->pos;
    char quote = lx->s[lx->pos++];
    while (lx->pos < lx->len) {
        char c = lx->s[lx->pos];
        if (c == quote) {
            lx->pos++;
            emit(lx, out, JT_STRING, 0, start);
            return true;
        }
        if (c == '\\') {
            char e = at(lx, lx->pos + 1);
            if (e == 'u') {
                for (size_t i = 2; i < 6; i++)
                    if (!is_hex(at(lx, lx->pos + i)))
                        return syntax_fail(err, lx->pos, "'\\u' takes four hex digits");
                lx->pos += 6;
                continue;
            }
            if (!e || !strchr("\"\\/bfnrt", e))
                return syntax_fail(err, lx->pos, "unknown escape '\\%c' in a string", e ? e : ' ');
            lx->pos++;
        }
        lx->pos++;
    }
    return syntax_fail(err, start, "unclosed string");
}

/* The decimal exponent of a number's first digit, saturated; for numbers too long to copy. */
static long leading_exponent(const char *s, size_t n)
{
    long int_digits = 0, exp = 0;
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++, int_digits++;
    while (i < n && s[i] != 'e' && s[i] != 'E')
        i++;
    if (i < n) {
        i++;
        bool minus = i < n && s[i] == '-';
        i += i < n && (s[i] == '-' || s[i] == '+');
        for (; i < n && exp < 100000; i++)
            exp = exp * 10 + (s[i] - '0');
        exp = minus ? -exp : exp;
    }
    return int_digits - 1 + exp;
}

/* JSONata refuses a number whose double is infinite (`1e999`). strtod follows LC_NUMERIC, so the copy
 * takes the locale's decimal point. */
static bool number_in_range(const char *s, size_t n)
{
    char buf[512];
    if (n >= sizeof buf)
        return leading_exponent(s, n) <= 308;
    const char *point = localeconv()->decimal_point;
    for (size_t i = 0; i < n; i++)
        buf[i] = s[i] == '.' && point && point[0] ? point[0] : s[i];
    buf[n] = '\0';
    return isfinite(strtod(buf, NULL));
}

static bool lex_number(jsonata_lexer *lx, jsonata_token *out, syntax_error *err)
{
    size_t start = lx->pos;
    if (lx->s[lx->pos] == '0')
        lx->pos++;
    else
        while (is_digit(at(lx, lx->pos)))
            lx->pos++;
    if (at(lx, lx->pos) == '.' && is_digit(at(lx, lx->pos + 1))) {
        lx->pos++;
        while (is_digit(at(lx, lx->pos)))
            lx->pos++;
    }
    char e = at(lx, lx->pos);
    if (e == 'e' || e == 'E') {
        size_t digits = lx->pos + 1 + (at(lx, lx->pos + 1) == '-' || at(lx, lx->pos + 1) == '+');
        if (is_digit(at(lx, digits))) {
            lx->pos = digits;
            while (is_digit(at(lx, lx->pos)))
                lx->pos++;
        }
    }
    if (!number_in_range(lx->s + start, lx->pos - start))
        return syntax_fail(err, start, "number out of range");
    emit(lx, out, JT_NUMBER, 0, start);
    return true;
}

static bool lex_backtick(jsonata_lexer *lx, jsonata_token *out, syntax_error *err)
{
    size_t start = lx->pos++;
    const char *close = memchr(lx->s + lx->pos, '`', lx->len - lx->pos);
    if (!close)
        return syntax_fail(err, start, "unclosed backtick name");
    lx->pos = (size_t)(close - lx->s) + 1;
    emit(lx, out, JT_NAME, 0, start);
    return true;
}

static bool word_is(const jsonata_lexer *lx, size_t start, const char *word)
{
    size_t n = strlen(word);
    return lx->pos - start == n && memcmp(lx->s + start, word, n) == 0;
}

static void lex_word(jsonata_lexer *lx, jsonata_token *out)
{
    size_t start = lx->pos;
    while (lx->pos < lx->len && !is_blank(lx->s[lx->pos]) && !is_op_char(lx->s[lx->pos]))
        lx->pos++;
    if (lx->s[start] == '$')
        emit(lx, out, JT_VARIABLE, 0, start);
    else if (word_is(lx, start, "and") || word_is(lx, start, "or") || word_is(lx, start, "in"))
        emit(lx, out, JT_OP, lx->s[start] == 'a' ? JOP_AND : lx->s[start] == 'o' ? JOP_OR : JOP_IN, start);
    else if (word_is(lx, start, "true") || word_is(lx, start, "false") || word_is(lx, start, "null"))
        emit(lx, out, JT_VALUE, 0, start);
    else
        emit(lx, out, JT_NAME, 0, start);
}

bool jsonata_lex(jsonata_lexer *lx, bool infix, jsonata_token *out, syntax_error *err)
{
    if (!skip_blanks(lx, err))
        return false;
    if (lx->pos >= lx->len) {
        out->type = JT_END;
        out->op = 0;
        out->start = lx->len;
        out->len = 0;
        return true;
    }
    char c = lx->s[lx->pos];
    if (c == '/' && !infix)
        return lex_regex(lx, out, err);
    if (is_op_char(c))
        return lex_operator(lx, out, err);
    if (c == '"' || c == '\'')
        return lex_string(lx, out, err);
    if (is_digit(c))
        return lex_number(lx, out, err);
    if (c == '`')
        return lex_backtick(lx, out, err);
    lex_word(lx, out);
    return true;
}

const char *jsonata_op_text(int op)
{
    static const char *const LONG[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??", "and", "or", "in"};
    /* Each one-character operator followed by a NUL, so &ONE[2 * i] is its text. */
    static const char ONE[] = ".\0[\0]\0{\0}\0(\0)\0,\0@\0#\0;\0:\0?\0+\0-\0*\0/\0%\0|\0=\0<\0>\0^\0&";
    if (op >= JOP_DOTDOT && op <= JOP_IN)
        return LONG[op - JOP_DOTDOT];
    for (size_t i = 0; i < sizeof ONE; i += 2)
        if (ONE[i] == op)
            return &ONE[i];
    return "?";
}
