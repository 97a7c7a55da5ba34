/* test_json_reader.c: the JSON reader: values, marks, escapes, errors with their positions, limits. */
#include "test.h"
#include "read/value.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* Inputs are copied into a heap buffer of exactly their length (no NUL after them), so the sanitizers
 * catch any read past the end. */
static char *exact_copy(const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        abort();
    if (len)
        memcpy(copy, text, len);
    return copy;
}

/* A parsed document that owns its arena and its input. */
typedef struct doc {
    arena a;
    diag_list d;
    char *text;
    value *root;
} doc;

static void doc_parse_n(doc *t, const char *text, size_t len)
{
    arena_init(&t->a);
    diag_list_init(&t->d);
    t->text = exact_copy(text, len);
    t->root = json_read(&t->a, "t.json", t->text, len, &t->d);
}

static void doc_parse(doc *t, const char *text) { doc_parse_n(t, text, strlen(text)); }

static void doc_free(doc *t)
{
    arena_release(&t->a);
    diag_list_free(&t->d);
    free(t->text);
}

/* The single error json_read reports for text, formatted as `t.json:line:col: error: message`;
 * "(parsed)" when it succeeds, "(N errors)" when it does not report exactly one. */
static const char *error_of_n(const char *text, size_t len)
{
    static char out[1024];
    doc t;
    doc_parse_n(&t, text, len);
    if (t.root && t.d.count == 0)
        snprintf(out, sizeof out, "(parsed)");
    else if (t.root || t.d.count != 1)
        snprintf(out, sizeof out, "(root %s, %zu errors)", t.root ? "set" : "NULL", t.d.count);
    else
        diag_format(&t.d.items[0], out, sizeof out);
    doc_free(&t);
    return out;
}

static const char *error_of(const char *text) { return error_of_n(text, strlen(text)); }

static bool mark_is(mark m, unsigned line, unsigned column)
{
    if (m.line == line && m.column == column && m.file && strcmp(m.file, "t.json") == 0)
        return true;
    fprintf(stderr, "  mark is %u:%u, expected %u:%u\n", m.line, m.column, line, column);
    return false;
}

static bool bytes_are(const value *v, const char *bytes, size_t len)
{
    return v && v->kind == VALUE_STRING && v->len == len && memcmp(v->text, bytes, len) == 0 &&
           v->text[len] == '\0';
}

/* ---- Values and marks ---- */

static void test_marks(void)
{
    doc t;
    doc_parse(&t, "{\n"
                  "\t\"a\": [1, {\"b\": \"\xC3\xA9\"}],\n"
                  "  \"\xC3\xBC\": \"x\", \"c\": true, \"d\": \"\xF0\x9F\x98\x80\", \"e\": 0\n"
                  "}\n");
    value *r = t.root;
    CHECK(r && r->kind == VALUE_MAP && r->count == 5);
    if (!r || r->count != 5) {
        doc_free(&t);
        return;
    }
    CHECK(mark_is(r->at, 1, 1));
    CHECK(r->tag == NULL);

    const value_pair *a = &r->pairs[0];
    CHECK_STR(a->key, "a");
    CHECK(mark_is(a->key_mark, 2, 2)); /* after a tab: one column */
    value *seq = a->val;
    CHECK(seq->kind == VALUE_SEQ && seq->count == 2);
    CHECK(mark_is(seq->at, 2, 7));
    CHECK(mark_is(seq->items[0]->at, 2, 8));
    value *inner = seq->items[1];
    CHECK(inner->kind == VALUE_MAP && inner->count == 1);
    CHECK(mark_is(inner->at, 2, 11));
    CHECK(mark_is(inner->pairs[0].key_mark, 2, 12));
    CHECK(mark_is(inner->pairs[0].val->at, 2, 17));
    CHECK_STR(value_str(inner->pairs[0].val), "\xC3\xA9");

    CHECK_STR(r->pairs[1].key, "\xC3\xBC");
    CHECK(mark_is(r->pairs[1].key_mark, 3, 3));
    CHECK(mark_is(r->pairs[1].val->at, 3, 8)); /* after a two-byte character: one column */
    CHECK(mark_is(r->pairs[2].key_mark, 3, 13));
    CHECK(mark_is(r->pairs[2].val->at, 3, 18));
    CHECK(mark_is(r->pairs[3].key_mark, 3, 24));
    CHECK(mark_is(r->pairs[3].val->at, 3, 29));
    CHECK(mark_is(r->pairs[4].key_mark, 3, 34));
    CHECK(mark_is(r->pairs[4].val->at, 3, 39)); /* after a four-byte character: one column */
    CHECK(value_get(r, "e") == r->pairs[4].val);
    doc_free(&t);
}

static void test_line_breaks(void)
{
    doc t;
    /* CRLF is one break; a lone CR is one; LF then CR are two. */
    doc_parse(&t, "[\r\n1,\r2,\n\r3,\r\n\r\n 4]");
    value *r = t.root;
    CHECK(r && r->count == 4);
    if (r && r->count == 4) {
        CHECK(mark_is(r->items[0]->at, 2, 1));
        CHECK(mark_is(r->items[1]->at, 3, 1));
        CHECK(mark_is(r->items[2]->at, 5, 1));
        CHECK(mark_is(r->items[3]->at, 7, 2));
    }
    doc_free(&t);
    CHECK_STR(error_of("{\r\n  \"a\" 1}"), "t.json:2:7: error: expected ':' after an object key");
    CHECK_STR(error_of("{\r  \"a\" 1}"), "t.json:2:7: error: expected ':' after an object key");
}

static void test_bom(void)
{
    doc t;
    doc_parse(&t, "\xEF\xBB\xBF{\"a\": 1}");
    CHECK(t.root && t.root->count == 1);
    if (t.root && t.root->count == 1) {
        CHECK(mark_is(t.root->at, 1, 1));
        CHECK(mark_is(t.root->pairs[0].key_mark, 1, 2));
        CHECK(mark_is(t.root->pairs[0].val->at, 1, 7));
    }
    doc_free(&t);
    CHECK_STR(error_of("\xEF\xBB\xBF{\"a\" 1}"), "t.json:1:6: error: expected ':' after an object key");
    CHECK_STR(error_of("\xEF\xBB\xBF"), "t.json:1:1: error: empty document");
    /* Only at the start: anywhere else U+FEFF is a character that does not belong. */
    CHECK_STR(error_of("[\xEF\xBB\xBF]"), "t.json:1:2: error: unexpected character U+FEFF");
}

static void test_scalars(void)
{
    doc t;
    doc_parse(&t, "[true, false, null, \"s\", 2.0, 1e3, -0, -1.5E-2, 0.25, 123456789012, 1E+2]");
    value *r = t.root;
    CHECK(r && r->kind == VALUE_SEQ && r->count == 11);
    if (r && r->count == 11) {
        value **it = r->items;
        CHECK(it[0]->kind == VALUE_BOOL && it[0]->boolean && !it[0]->quoted);
        CHECK_STR(it[0]->text, "true");
        CHECK_INT(it[0]->len, 4);
        CHECK(it[1]->kind == VALUE_BOOL && !it[1]->boolean);
        CHECK_STR(it[1]->text, "false");
        CHECK_INT(it[1]->len, 5);
        CHECK(it[2]->kind == VALUE_NULL);
        CHECK_STR(it[2]->text, "null");
        CHECK(it[3]->kind == VALUE_STRING && it[3]->quoted);
        CHECK_STR(it[3]->text, "s");
        CHECK(it[4]->kind == VALUE_NUMBER && !it[4]->quoted);
        CHECK_STR(it[4]->text, "2.0");
        CHECK_INT(it[4]->len, 3);
        CHECK(it[4]->number == 2.0);
        CHECK_STR(it[5]->text, "1e3");
        CHECK(it[5]->number == 1000.0);
        CHECK_STR(it[6]->text, "-0");
        CHECK(it[6]->number == 0.0);
        CHECK_STR(it[7]->text, "-1.5E-2");
        CHECK(it[7]->number == -1.5E-2);
        CHECK_STR(it[8]->text, "0.25");
        CHECK(it[8]->number == 0.25);
        long long n = 0;
        CHECK(value_int(it[9], &n) && n == 123456789012LL);
        CHECK_STR(it[10]->text, "1E+2");
        CHECK(it[10]->number == 100.0);
        for (size_t i = 0; i < r->count; i++)
            CHECK(it[i]->tag == NULL);
    }
    doc_free(&t);

    /* A bare scalar is a document too, with whitespace around it. */
    doc_parse(&t, " \n \"only\" \n");
    CHECK(bytes_are(t.root, "only", 4));
    CHECK(t.root && mark_is(t.root->at, 2, 2));
    doc_free(&t);
    doc_parse(&t, "42");
    CHECK(t.root && t.root->kind == VALUE_NUMBER && t.root->number == 42.0);
    doc_free(&t);

    doc_parse(&t, "[[], {}, [[]]]");
    CHECK(t.root && t.root->count == 3);
    if (t.root && t.root->count == 3) {
        CHECK(t.root->items[0]->kind == VALUE_SEQ && t.root->items[0]->count == 0);
        CHECK(t.root->items[1]->kind == VALUE_MAP && t.root->items[1]->count == 0);
        CHECK(t.root->items[2]->count == 1 && t.root->items[2]->items[0]->count == 0);
        CHECK(mark_is(t.root->items[2]->items[0]->at, 1, 11));
    }
    doc_free(&t);
}

/* Numbers read the same under a locale whose decimal point is a comma (when such a locale is installed). */
static void test_number_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "de_DE"};
    const char *set = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !set; i++)
        set = setlocale(LC_NUMERIC, names[i]);
    if (!set) {
        printf("(no comma-decimal locale installed: locale test skipped)\n");
        return;
    }
    doc t;
    doc_parse(&t, "[2.5, -0.125e1, 3]");
    CHECK(t.root && t.root->count == 3);
    if (t.root && t.root->count == 3) {
        CHECK(t.root->items[0]->number == 2.5);
        CHECK(t.root->items[1]->number == -1.25);
        CHECK_STR(t.root->items[0]->text, "2.5");
    }
    doc_free(&t);
    setlocale(LC_NUMERIC, "C");
}

/* json_read reads len bytes, not up to a NUL. */
static void test_length_bound(void)
{
    doc t;
    doc_parse_n(&t, "[1]xyz", 3);
    CHECK(t.root && t.root->count == 1);
    doc_free(&t);
    doc_parse_n(&t, "12345", 2);
    CHECK(t.root && t.root->kind == VALUE_NUMBER);
    CHECK_STR(t.root ? t.root->text : NULL, "12");
    doc_free(&t);
    CHECK_STR(error_of_n("\"abc\"", 4), "t.json:1:5: error: unexpected end of input inside a string");

    arena a;
    diag_list d;
    arena_init(&a);
    diag_list_init(&d);
    CHECK(json_read(&a, "t.json", NULL, 0, &d) == NULL);
    CHECK_INT(d.count, 1);
    arena_release(&a);
    diag_list_free(&d);
}

/* ---- Strings ---- */

static void test_escapes(void)
{
    doc t;
    doc_parse(
        &t, "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\", \"\\u0041\\u00e9\\u20AC\", \"a\\u0000b\", \"\\u0000\"]");
    value *r = t.root;
    CHECK(r && r->count == 4);
    if (r && r->count == 4) {
        CHECK(bytes_are(r->items[0], "\" \\ / \b \f \n \r \t", 15));
        CHECK(bytes_are(r->items[1], "A\xC3\xA9\xE2\x82\xAC", 6));
        CHECK(bytes_are(r->items[2], "a\0b", 3)); /* a real NUL, counted in len */
        CHECK(bytes_are(r->items[3], "\0", 1));
    }
    doc_free(&t);

    /* The column after escapes counts every character written. */
    doc_parse(&t, "[\"\\u00e9\\n\", 7]");
    CHECK(t.root && t.root->count == 2 && mark_is(t.root->items[1]->at, 1, 14));
    doc_free(&t);
}

static void test_surrogates(void)
{
    doc t;
    doc_parse(&t, "[\"\\ud83d\\ude00\", \"\\uD83D\\uDE00!\", \"\\ud83d\", \"\\ude00\", \"\\ud83dx\", "
                  "\"\\ud83d\\u0041\", \"\\ud83d\\ud83d\\ude00\", \"\\udbff\\udfff\"]");
    value *r = t.root;
    CHECK(r && r->count == 8);
    if (r && r->count == 8) {
        CHECK(bytes_are(r->items[0], "\xF0\x9F\x98\x80", 4));
        CHECK(bytes_are(r->items[1], "\xF0\x9F\x98\x80!", 5));
        CHECK(bytes_are(r->items[2], "\xEF\xBF\xBD", 3)); /* lone high surrogate */
        CHECK(bytes_are(r->items[3], "\xEF\xBF\xBD", 3)); /* lone low surrogate */
        CHECK(bytes_are(r->items[4], "\xEF\xBF\xBDx", 4));
        CHECK(bytes_are(r->items[5], "\xEF\xBF\xBD" "A", 4));
        CHECK(bytes_are(r->items[6], "\xEF\xBF\xBD\xF0\x9F\x98\x80", 7));
        CHECK(bytes_are(r->items[7], "\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
    }
    doc_free(&t);
    /* A high surrogate followed by a broken escape: the broken escape is the error. */
    CHECK_STR(error_of("[\"\\ud83d\\u12\"]"), "t.json:1:9: error: invalid \\u escape");
}

static void test_keys(void)
{
    doc t;
    doc_parse(&t, "{\"k\\u0000ey\": \"v\\u0000al\", \"k\": 1, \"\": 2}");
    value *r = t.root;
    CHECK(r && r->count == 3);
    if (r && r->count == 3) {
        CHECK_INT(r->pairs[0].key_len, 4);
        CHECK(memcmp(r->pairs[0].key, "k\0ey", 5) == 0);
        CHECK(bytes_are(r->pairs[0].val, "v\0al", 4));
        CHECK_INT(r->pairs[1].key_len, 1);
        CHECK(value_get(r, "k") == r->pairs[1].val);
        CHECK_INT(r->pairs[2].key_len, 0);
        CHECK(value_get(r, "") == r->pairs[2].val);
    }
    doc_free(&t);

    enum { LONG_KEY = 2000 };
    char *text = malloc(LONG_KEY + 16);
    if (!text)
        abort();
    text[0] = '{';
    text[1] = '"';
    memset(text + 2, 'k', LONG_KEY);
    strcpy(text + 2 + LONG_KEY, "\": 7}");
    doc_parse(&t, text);
    CHECK(t.root && t.root->count == 1);
    if (t.root && t.root->count == 1) {
        CHECK_INT(t.root->pairs[0].key_len, LONG_KEY);
        CHECK_INT(strlen(t.root->pairs[0].key), LONG_KEY);
        CHECK(mark_is(t.root->pairs[0].val->at, 1, LONG_KEY + 6));
    }
    doc_free(&t);
    free(text);
}

/* ---- Duplicate keys ---- */

/* The warnings json_read gives for text, one per line, formatted; "(error)" when it fails. The last value
 * of `key` in the root object (as text) goes to *kept when kept is not NULL. */
static const char *warnings_of(const char *text, const char *key, const char **kept)
{
    static char out[4096];
    static char kept_text[64];
    doc t;
    doc_parse(&t, text);
    out[0] = '\0';
    if (!t.root)
        snprintf(out, sizeof out, "(error)");
    for (size_t i = 0; t.root && i < t.d.count; i++) {
        size_t n = strlen(out);
        diag_format(&t.d.items[i], out + n, sizeof out - n);
        if (i + 1 < t.d.count && strlen(out) + 1 < sizeof out)
            strcat(out, "\n");
    }
    if (kept) {
        const value *v = value_get(t.root, key);
        snprintf(kept_text, sizeof kept_text, "%s", v && v->text ? v->text : "(none)");
        *kept = kept_text;
    }
    doc_free(&t);
    return out;
}

static void test_duplicate_keys(void)
{
    const char *kept = NULL;
    CHECK_STR(warnings_of("{\n  \"States\": {\n    \"Name\": 1,\n    \"Other\": 2,\n    \"Name\": 3\n  }\n}", "x",
                          NULL),
              "t.json:5:5: warning: duplicate key \"Name\" (also at line 3, column 5); the last one is used");
    CHECK_STR(warnings_of("{\"a\": 1, \"a\": 2}", "a", &kept),
              "t.json:1:10: warning: duplicate key \"a\" (also at line 1, column 2); the last one is used");
    CHECK_STR(kept, "2");
    /* Keys differing only after a NUL are different keys; equal ones with a NUL are shown escaped. */
    CHECK_STR(warnings_of("{\"a\\u0000b\": 1, \"a\\u0000c\": 2, \"a\": 3}", "a", NULL), "");
    CHECK_STR(warnings_of("{\"a\\u0000\\\"\": 1, \"a\\u0000\\\"\": 2}", "a", NULL),
              "t.json:1:18: warning: duplicate key \"a\\u0000\\\"\" (also at line 1, column 2); the last one is used");
    /* Three of a kind: each earlier one is reported against the next, and the last value stays. */
    CHECK_STR(warnings_of("{\"q\": 1,\n \"q\": 2,\n \"q\": 3}", "q", &kept),
              "t.json:2:2: warning: duplicate key \"q\" (also at line 1, column 2); the last one is used\n"
              "t.json:3:2: warning: duplicate key \"q\" (also at line 2, column 2); the last one is used");
    CHECK_STR(kept, "3");
    /* A syntax error still wins over a duplicate. */
    CHECK_STR(error_of("{\"a\": 1, \"a\": 2 \"b\": 3}"),
              "t.json:1:17: error: expected ',' or '}' after an object member");
    /* The same key in different objects is fine. */
    CHECK_STR(error_of("{\"a\": {\"a\": {\"a\": 1}}, \"b\": {\"a\": 2}}"), "(parsed)");

    /* Large objects are sorted to find repeats: one far apart is still found, with the right positions,
     * and the object keeps one member per key. */
    strbuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "{");
    for (int i = 0; i < 5000; i++)
        strbuf_printf(&b, "\"key%d\": %d,\n", i, i);
    strbuf_puts(&b, "\"key17\": 0}");
    CHECK_STR(warnings_of(b.data, "key17", &kept),
              "t.json:5001:1: warning: duplicate key \"key17\" (also at line 18, column 1); the last one is used");
    CHECK_STR(kept, "0");
    doc t;
    doc_parse(&t, b.data);
    CHECK(t.root && t.root->count == 5000);
    doc_free(&t);
    strbuf_free(&b);

    /* Thousands of repeats give a bounded number of warnings. */
    strbuf_init(&b);
    strbuf_puts(&b, "{");
    for (int i = 0; i < 3000; i++)
        strbuf_printf(&b, "\"same\": %d,", i);
    strbuf_puts(&b, "\"same\": -1}");
    doc_parse(&t, b.data);
    CHECK(t.root && t.root->count == 1 && t.d.count == 20);
    CHECK(t.root && strcmp(t.root->pairs[0].val->text, "-1") == 0);
    doc_free(&t);
    strbuf_free(&b);

    /* A very long duplicate key is cut in the message. */
    strbuf_init(&b);
    strbuf_puts(&b, "{\"");
    for (int i = 0; i < 100; i++)
        strbuf_puts(&b, "x");
    strbuf_puts(&b, "\": 1, \"");
    for (int i = 0; i < 100; i++)
        strbuf_puts(&b, "x");
    strbuf_puts(&b, "\": 2}");
    CHECK_STR(warnings_of(b.data, "x", NULL), "t.json:1:109: warning: duplicate key "
                                            "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" "
                                            "(also at line 1, column 2); the last one is used");
    strbuf_free(&b);
}

/* ---- Errors ---- */

static void test_structure_errors(void)
{
    CHECK_STR(error_of(""), "t.json:1:1: error: empty document");
    CHECK_STR(error_of("  \n\t\r\n "), "t.json:1:1: error: empty document");
    CHECK_STR(error_of("{\n  \"a\": 1,\n  \"b\" 2\n}"),
              "t.json:3:7: error: expected ':' after an object key");
    CHECK_STR(error_of("{\"a\": 1 \"b\": 2}"),
              "t.json:1:9: error: expected ',' or '}' after an object member");
    CHECK_STR(error_of("{\"a\": 1]"), "t.json:1:8: error: expected ',' or '}' after an object member");
    CHECK_STR(error_of("[1 2]"), "t.json:1:4: error: expected ',' or ']' after an array item");
    CHECK_STR(error_of("[1}"), "t.json:1:3: error: expected ',' or ']' after an array item");
    CHECK_STR(error_of("{a: 1}"), "t.json:1:2: error: object keys must be strings");
    CHECK_STR(error_of("{\"a\": 1, 2: 3}"), "t.json:1:10: error: object keys must be strings");
    CHECK_STR(error_of("{'a': 1}"), "t.json:1:2: error: object keys must be strings");
    CHECK_STR(error_of("{]"), "t.json:1:2: error: unexpected character ']'");
    CHECK_STR(error_of("{\"a\": 1,}"), "t.json:1:8: error: trailing comma before '}'");
    CHECK_STR(error_of("[1, 2,\n]"), "t.json:1:6: error: trailing comma before ']'");
    CHECK_STR(error_of("[1,,2]"), "t.json:1:4: error: unexpected character ','");
    CHECK_STR(error_of("[,]"), "t.json:1:2: error: unexpected character ','");
    CHECK_STR(error_of("{\"a\": #}"), "t.json:1:7: error: unexpected character '#'");
    CHECK_STR(error_of("{\"a\": }"), "t.json:1:7: error: unexpected character '}'");
    CHECK_STR(error_of("[\x01]"), "t.json:1:2: error: unexpected character U+0001");
    CHECK_STR(error_of_n("[\0]", 3), "t.json:1:2: error: unexpected character U+0000");
    CHECK_STR(error_of("[\xC3\xA9]"), "t.json:1:2: error: unexpected character U+00E9");
    CHECK_STR(error_of("[\xC2\xA0" "1]"), "t.json:1:2: error: unexpected character U+00A0");
    CHECK_STR(error_of("{} x"), "t.json:1:4: error: unexpected content after the JSON value");
    CHECK_STR(error_of("{}{}"), "t.json:1:3: error: unexpected content after the JSON value");
    CHECK_STR(error_of("1 2"), "t.json:1:3: error: unexpected content after the JSON value");
    CHECK_STR(error_of_n("[]\0", 3), "t.json:1:3: error: unexpected content after the JSON value");
}

static void test_comment_errors(void)
{
    CHECK_STR(error_of("{\"a\": 1 // note\n}"), "t.json:1:9: error: comments are not allowed in JSON");
    CHECK_STR(error_of("/* header */ {}"), "t.json:1:1: error: comments are not allowed in JSON");
    CHECK_STR(error_of("{} // trailer"), "t.json:1:4: error: comments are not allowed in JSON");
    CHECK_STR(error_of("[1, /* x */ 2]"), "t.json:1:5: error: comments are not allowed in JSON");
    CHECK_STR(error_of("{\n  // x\n  \"a\": 1}"), "t.json:2:3: error: comments are not allowed in JSON");
    CHECK_STR(error_of("[/]"), "t.json:1:2: error: unexpected character '/'");
    CHECK_STR(error_of("# yaml"), "t.json:1:1: error: unexpected character '#'");
}

static void test_end_of_input_errors(void)
{
    CHECK_STR(error_of("{\"a\": \"abc"), "t.json:1:11: error: unexpected end of input inside a string");
    CHECK_STR(error_of("[\"a\\"), "t.json:1:5: error: unexpected end of input inside a string");
    CHECK_STR(error_of("[\"\\u00"), "t.json:1:7: error: unexpected end of input inside a string");
    CHECK_STR(error_of("["), "t.json:1:2: error: unexpected end of input inside an array");
    CHECK_STR(error_of("[1,\n"), "t.json:2:1: error: unexpected end of input inside an array");
    CHECK_STR(error_of("[1"), "t.json:1:3: error: unexpected end of input inside an array");
    CHECK_STR(error_of("{"), "t.json:1:2: error: unexpected end of input inside an object");
    CHECK_STR(error_of("{\"a\""), "t.json:1:5: error: unexpected end of input inside an object");
    CHECK_STR(error_of("{\"a\":"), "t.json:1:6: error: unexpected end of input inside an object");
    CHECK_STR(error_of("{\"a\": 1"), "t.json:1:8: error: unexpected end of input inside an object");
    CHECK_STR(error_of("{\"a\": 1,"), "t.json:1:9: error: unexpected end of input inside an object");
}

static void test_string_errors(void)
{
    CHECK_STR(error_of("[\"\\q\"]"), "t.json:1:3: error: invalid escape '\\q' in a string");
    CHECK_STR(error_of("[\"ab\\'\"]"), "t.json:1:5: error: invalid escape '\\'' in a string");
    CHECK_STR(error_of("[\"\\\xC3\xA9\"]"),
              "t.json:1:3: error: invalid escape in a string: '\\' followed by U+00E9");
    CHECK_STR(error_of("[\"\\\n\"]"),
              "t.json:1:3: error: invalid escape in a string: '\\' followed by U+000A");
    CHECK_STR(error_of("[\"\\u12G4\"]"), "t.json:1:3: error: invalid \\u escape");
    CHECK_STR(error_of("[\"\\U0041\"]"), "t.json:1:3: error: invalid escape '\\U' in a string");
    CHECK_STR(error_of("[\"\\u12\"]"), "t.json:1:3: error: invalid \\u escape");
    CHECK_STR(error_of("[\"a\nb\"]"),
              "t.json:1:4: error: control character U+000A in a string (escape it as \\n)");
    CHECK_STR(error_of("[\"a\tb\"]"),
              "t.json:1:4: error: control character U+0009 in a string (escape it as \\t)");
    CHECK_STR(error_of("[\"\r\"]"),
              "t.json:1:3: error: control character U+000D in a string (escape it as \\r)");
    CHECK_STR(error_of("[\"\x1F\"]"),
              "t.json:1:3: error: control character U+001F in a string (escape it as \\u001F)");
    CHECK_STR(error_of_n("[\"\0\"]", 5),
              "t.json:1:3: error: control character U+0000 in a string (escape it as \\u0000)");
    CHECK_STR(error_of("{\"a\nb\": 1}"),
              "t.json:1:4: error: control character U+000A in a string (escape it as \\n)");
    CHECK_STR(error_of("[\"\x7F\"]"), "(parsed)"); /* DEL is allowed raw */
}

static void test_utf8_errors(void)
{
    CHECK_STR(error_of("[\"\xFF\"]"), "t.json:1:3: error: invalid UTF-8 byte 0xFF");
    CHECK_STR(error_of("\xFF"), "t.json:1:1: error: invalid UTF-8 byte 0xFF");
    CHECK_STR(error_of("[\"\xC3\xA9\xC3\"]"), "t.json:1:4: error: invalid UTF-8 byte 0xC3");
    CHECK_STR(error_of("[\"\x80\"]"), "t.json:1:3: error: invalid UTF-8 byte 0x80");
    CHECK_STR(error_of("[\"\xC0\x80\"]"), "t.json:1:3: error: invalid UTF-8 byte 0xC0");     /* overlong */
    CHECK_STR(error_of("[\"\xE0\x80\xAF\"]"), "t.json:1:3: error: invalid UTF-8 byte 0xE0"); /* overlong */
    CHECK_STR(error_of("[\"\xED\xA0\x80\"]"), "t.json:1:3: error: invalid UTF-8 byte 0xED"); /* surrogate */
    CHECK_STR(error_of("[\"\xF4\x90\x80\x80\"]"),
              "t.json:1:3: error: invalid UTF-8 byte 0xF4"); /* > U+10FFFF */
    CHECK_STR(error_of("[\"\xF5\x80\x80\x80\"]"), "t.json:1:3: error: invalid UTF-8 byte 0xF5");
    CHECK_STR(error_of_n("[\"\xF0\x9F\x98", 5), "t.json:1:3: error: invalid UTF-8 byte 0xF0"); /* cut short */
    CHECK_STR(error_of("{\"\xC3\xA9\": \"\xE2\x82\xAC\xFE\"}"), "t.json:1:9: error: invalid UTF-8 byte 0xFE");
    CHECK_STR(error_of("{} \xFF"), "t.json:1:4: error: invalid UTF-8 byte 0xFF");
    CHECK_STR(error_of("[1 \xFF]"), "t.json:1:4: error: invalid UTF-8 byte 0xFF");
    CHECK_STR(error_of("{\xFF: 1}"), "t.json:1:2: error: invalid UTF-8 byte 0xFF");
    CHECK_STR(error_of("[\"\xF0\x9F\x98\x80\xE2\x82\xAC\"]"), "(parsed)");
}

static void test_number_errors(void)
{
    CHECK_STR(error_of("[01]"), "t.json:1:2: error: invalid number '01'");
    CHECK_STR(error_of("[-01]"), "t.json:1:2: error: invalid number '-01'");
    CHECK_STR(error_of("[+1]"), "t.json:1:2: error: invalid number '+1'");
    CHECK_STR(error_of("[.5]"), "t.json:1:2: error: invalid number '.5'");
    CHECK_STR(error_of("[1.]"), "t.json:1:2: error: invalid number '1.'");
    CHECK_STR(error_of("[1.e5]"), "t.json:1:2: error: invalid number '1.e5'");
    CHECK_STR(error_of("[-]"), "t.json:1:2: error: invalid number '-'");
    CHECK_STR(error_of("[1e]"), "t.json:1:2: error: invalid number '1e'");
    CHECK_STR(error_of("[1e+]"), "t.json:1:2: error: invalid number '1e+'");
    CHECK_STR(error_of("[1.5.2]"), "t.json:1:2: error: invalid number '1.5.2'");
    CHECK_STR(error_of("[0x1F]"), "t.json:1:2: error: invalid number '0x1F'");
    CHECK_STR(error_of("[-Infinity]"), "t.json:1:2: error: invalid number '-Infinity'");
    CHECK_STR(error_of("[1, 2--3]"), "t.json:1:5: error: invalid number '2--3'");
    CHECK_STR(error_of("{\"n\": 1234567890123456789012345678901234567890x}"),
              "t.json:1:7: error: invalid number '12345678901234567890123456789012...'");
    CHECK_STR(error_of("[-0, 0, 0.0, 0e0, 0E-0, 10, -10.01e+10]"), "(parsed)");
}

static void test_literal_errors(void)
{
    CHECK_STR(error_of("[tru]"), "t.json:1:2: error: invalid literal 'tru'");
    CHECK_STR(error_of("[True]"), "t.json:1:2: error: invalid literal 'True'");
    CHECK_STR(error_of("{\"a\": nulls}"), "t.json:1:7: error: invalid literal 'nulls'");
    CHECK_STR(error_of("[NaN]"), "t.json:1:2: error: invalid literal 'NaN'");
    CHECK_STR(error_of("undefined"), "t.json:1:1: error: invalid literal 'undefined'");
    CHECK_STR(error_of("[true_]"), "t.json:1:2: error: invalid literal 'true_'");
    CHECK_STR(error_of("[true,false,null]"), "(parsed)");
}

/* ---- Limits ---- */

static char *nested_arrays(size_t depth)
{
    char *s = malloc(2 * depth + 1);
    if (!s)
        abort();
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = '\0';
    return s;
}

static void test_depth(void)
{
    char *s = nested_arrays(2100);
    CHECK_STR(error_of(s), "t.json:1:2049: error: nesting deeper than 2048 levels");
    free(s);
    s = nested_arrays(2049);
    CHECK_STR(error_of(s), "t.json:1:2049: error: nesting deeper than 2048 levels");
    free(s);
    s = nested_arrays(2048);
    CHECK_STR(error_of(s), "(parsed)");
    free(s);
    s = nested_arrays(500);
    doc t;
    doc_parse(&t, s);
    value *v = t.root;
    size_t depth = 0;
    while (v && v->kind == VALUE_SEQ) {
        depth++;
        v = v->count ? v->items[0] : NULL;
    }
    CHECK_INT(depth, 500);
    doc_free(&t);
    free(s);

    /* Objects count too, and so does a mix. */
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < 2049; i++)
        strbuf_puts(&b, "{\"a\":");
    CHECK_STR(error_of(b.data), "t.json:1:10241: error: nesting deeper than 2048 levels");
    strbuf_free(&b);
    strbuf_init(&b);
    for (int i = 0; i < 1024; i++)
        strbuf_puts(&b, "{\"a\":[");
    strbuf_puts(&b, "1");
    for (int i = 0; i < 1024; i++)
        strbuf_puts(&b, "]}");
    CHECK_STR(error_of(b.data), "(parsed)");
    strbuf_free(&b);

    /* Deep input far past the limit: refused without running out of stack. */
    s = nested_arrays(1000000);
    CHECK_STR(error_of(s), "t.json:1:2049: error: nesting deeper than 2048 levels");
    free(s);
}

static const char sample[] = "{\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\", true, null, []],\r\n"
                             " \"b\\\"\": {\"c\": false, \"d\": {}}, \"\xC3\xA9\": \"\xF0\x9F\x98\x80\"}";

/* Every proper prefix of a valid document is an error, reported once, without reading past the end. */
static void test_truncated_inputs(void)
{
    size_t len = strlen(sample);
    CHECK_STR(error_of_n(sample, len), "(parsed)");
    int bad = 0;
    for (size_t n = 0; n < len; n++) {
        doc t;
        doc_parse_n(&t, sample, n);
        if (t.root || t.d.count != 1 || t.d.items[0].at.line == 0) {
            bad++;
            fprintf(stderr, "  prefix of %zu bytes: root %p, %zu errors\n", n, (void *)t.root, t.d.count);
        }
        doc_free(&t);
    }
    CHECK_INT(bad, 0);
}

/* Every byte of a valid document replaced by a few troublesome ones: never a crash, and either a tree or
 * exactly one error. */
static void test_mutated_inputs(void)
{
    static const unsigned char replacements[] = {0x00, '\n', '"', '\\', '[', '{', ']', '}', ',', ':',
                                                 '/',  'u',  '0', 'e',  '-', 0x80, 0xC3, 0xED, 0xF0, 0xFF};
    size_t len = strlen(sample);
    int bad = 0;
    for (size_t i = 0; i < len; i++) {
        for (size_t r = 0; r < sizeof replacements; r++) {
            char *copy = exact_copy(sample, len);
            copy[i] = (char)replacements[r];
            doc t;
            doc_parse_n(&t, copy, len);
            if (t.root ? t.d.count != 0 : t.d.count != 1)
                bad++;
            doc_free(&t);
            free(copy);
        }
    }
    CHECK_INT(bad, 0);
}

static void test_large_documents(void)
{
    enum { MEMBERS = 200000 };
    strbuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "{\n");
    for (int i = 0; i < MEMBERS; i++)
        strbuf_printf(
            &b, "  \"State%d\": {\"Type\": \"Pass\", \"Next\": \"State%d\", \"List\": [%d, 2.5, true]}%s\n",
            i, i + 1, i, i + 1 < MEMBERS ? "," : "");
    strbuf_puts(&b, "}\n");
    doc t;
    doc_parse_n(&t, b.data, b.len);
    CHECK(t.root && t.root->count == MEMBERS);
    if (t.root && t.root->count == MEMBERS) {
        const value_pair *last = &t.root->pairs[MEMBERS - 1];
        CHECK_STR(last->key, "State199999");
        CHECK(mark_is(last->key_mark, MEMBERS + 1, 3));
        CHECK(value_get(t.root, "State123456") == t.root->pairs[123456].val);
        CHECK_STR(value_str(value_get(value_get(t.root, "State5"), "Next")), "State6");
        value *list = value_get(last->val, "List");
        CHECK(list && list->count == 3 && list->items[0]->number == MEMBERS - 1);
    }
    doc_free(&t);
    strbuf_free(&b);

    /* One long array of numbers. */
    strbuf_init(&b);
    strbuf_puts(&b, "[");
    for (int i = 0; i < MEMBERS; i++)
        strbuf_printf(&b, "%d%s", i, i + 1 < MEMBERS ? "," : "]");
    doc_parse_n(&t, b.data, b.len);
    CHECK(t.root && t.root->count == MEMBERS);
    if (t.root && t.root->count == MEMBERS)
        CHECK(t.root->items[MEMBERS - 1]->number == MEMBERS - 1);
    doc_free(&t);
    strbuf_free(&b);
}

int main(void)
{
    test_marks();
    test_line_breaks();
    test_bom();
    test_scalars();
    test_number_locale();
    test_length_bound();
    test_escapes();
    test_surrogates();
    test_keys();
    test_duplicate_keys();
    test_structure_errors();
    test_comment_errors();
    test_end_of_input_errors();
    test_string_errors();
    test_utf8_errors();
    test_number_errors();
    test_literal_errors();
    test_depth();
    test_truncated_inputs();
    test_mutated_inputs();
    test_large_documents();
    return test_report();
}
