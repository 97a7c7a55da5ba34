/* test_jsonata_syntax.c: the JSONata syntax check and the `{% %}` template (check/jsonata_syntax.c).
 *
 * Accepted expressions cover the JSONata 2.x grammar; refused ones give the offset and the message. The
 * refusals of asl-validator's invalid fixtures (tests/corpus/invalid/asl-validator/...) are among them. */
#include "check/jsonata_syntax.h"
#include "test.h"

#include <stdbool.h>
#include <stdlib.h>

static bool ok(const char *s) { return jsonata_syntax_ok(s, strlen(s), NULL); }

static void test_accepts(void)
{
    static const char *const cases[] = {
        /* literals */
        "1", "0", "-5", "0.5", "1.5e10", "1E-5", "2e+3", "'single'", "\"double\"", "true", "false", "null",
        "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"", "'say \"hi\"'", "\"it's\"",
        /* names, variables, paths */
        "a", "a.b.c", "`a b`.c", "`function`.x", "caf\xC3\xA9", "$", "$$", "$x", "$$.a", "$.a",
        "$states.input.items", "\"a b\".c", "and.or.in", "a.*", "*.a", "*", "**.Price", "a.**", "%.b", "a.b.%.c",
        "Account.Order[0].Product[ProductID = 858383].Price", "a[]", "$x[]", "a[0][1]", "[1,2][0]", "a.(b + c)",
        "a-b", "a.`b-c`", "\"a\".b",
        /* operators */
        "1 + 2 * 3 - 4 / 5 % 6", "x & 'y' & \"z\"", "a = b", "a != b and c <= d and e >= f or g < h",
        "a in [1, 2]", "a > b", "-a", "- a", "-(1)", "--1", "a ? b : c", "a ? b", "a ? b ? c : d : e",
        "a ?: b", "a ?? b", "a??b?:c",
        /* constructors and blocks */
        "[]", "[1, 'a', [2]]", "[1..5]", "[1..5, 7, 9..10]", "[$x..$y]", "{}", "{ \"a\": 1, \"b\": [1, 2] }",
        "{a: b, 'c': d}", "()", "(1)", "(a; b; c)", "(a;)", "($a := 5; $b := $a * 2; $b)", "$a := $b := 3",
        "Account.Order{ Product.SKU: Price }", "Account{x: y}", "a.b{k: v}", "{\"a\": 1}.a",
        /* functions */
        "$sum(Account.Order.Product.(Price * Quantity))", "$f()", "$f()()", "$f(1, 2)(3)", "a.b(1)",
        "function($x, $y) { $x + $y }", "\xCE\xBB($x){$x * 2}", "function($x)<n:n>{$x}", "function(){1}",
        "function($a, $b)<a<n>n:n>{$a}", "(function($x){$x})(5)", "$f(?, 2)", "$f(?)",
        "$map([1,2,3], function($v, $i, $a) { $v * $i })",
        "Account.Order ~> $sum()", "$string(5) ~> $uppercase() ~> $substring(0, 1)", "a ~> /x/",
        /* order-by, bindings */
        "Account.Order^(>Price, <Quantity).ID", "a^(b)", "$x^(b)", "a^(b)[0]", "a^(b)#$i",
        "Account.Order@$o.Product@$p.{ 'o': $o, 'p': $p }", "Account.Order#$i.Product", "library.books#$i[$i < 2]",
        "a#$i@$x", "a@$x[0]", "a@$x#$i",
        /* regular expressions */
        "$match(\"abc\", /b+/i)", "$replace(s, /a\\/b/, \"x\")", "$match(s, /[/]/)", "$match(s, /(a|b)/m)",
        "$split(s, /\\\\/)", "$contains(x, /^[a-z]{2,}$/)", "4 / 2", "a / b / c", "(a) / 2", "f() / 2",
        /* transform, comments, blanks */
        "| $ | {'a': 1} |", "| Account | {}, ['x', 'y'] |", "$ ~> | a | {'b': 1} |",
        "/* comment */ a /* another */", "a /**/ + 1", "\n\ta\r\n+\v1\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jsonata_error err = {0, ""};
        bool accepted = jsonata_syntax_ok(cases[i], strlen(cases[i]), &err);
        if (!accepted)
            fprintf(stderr, "refused %s: %zu %s\n", cases[i], err.offset, err.message);
        CHECK(accepted);
    }
}

typedef struct {
    const char *text;
    size_t offset;
    const char *message;
} refusal;

static void check_refusals(const refusal *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        jsonata_error err = {999, ""};
        bool accepted = jsonata_syntax_ok(cases[i].text, strlen(cases[i].text), &err);
        if (accepted || err.offset != cases[i].offset || strcmp(err.message, cases[i].message) != 0)
            fprintf(stderr, "%s: accepted %d, offset %zu, '%s'\n", cases[i].text, accepted, err.offset, err.message);
        CHECK(!accepted);
        CHECK_INT(err.offset, cases[i].offset);
        CHECK_STR(err.message, cases[i].message);
    }
}

static void test_refusals(void)
{
    static const refusal cases[] = {
        /* invalid-jsonata-syntax-arithmetic.json, invalid-assign.asl.json,
         * invalid-jsonata-syntax-jsonpath-in-jsonata-surround.json */
        {"10 + * 2", 7, "unexpected '2' after a complete expression ('*' before it was read as a wildcard)"},
        {"420.", 4, "expected an expression after '.'"},
        {"$.store.book[?(@.price < 10)].title", 13,
         "expected an expression after '[', got '?' (a JSONPath filter? JSONata writes [condition])"},
        {"", 0, "empty expression"},
        {"  \n ", 0, "empty expression"},
        {"/* only a comment */", 0, "empty expression"},
        {"1 +", 3, "expected an expression after '+'"},
        {"1 +  ", 3, "expected an expression after '+'"},
        {"1 + + 2", 4, "expected an expression after '+', got '+'"},
        {"+ 1", 0, "an expression cannot start with '+'"},
        {"a b", 2, "unexpected 'b' after a complete expression"},
        {"01", 1, "unexpected '1' after a complete expression"},
        {"1a", 1, "unexpected 'a' after a complete expression"},
        {"a ** b", 2, "unexpected '**' after a complete expression"},
        /* brackets */
        {"(a", 0, "unclosed '('"},
        {"x + (a", 4, "unclosed '('"},
        {"[1, 2", 0, "unclosed '['"},
        {"{ \"a\": 1", 0, "unclosed '{'"},
        {"f(1, 2", 1, "unclosed '('"},
        {"a[0", 1, "unclosed '['"},
        {"(a]", 2, "expected ')', got ']'"},
        {"a)", 1, "')' closes nothing"},
        {"a]", 1, "']' closes nothing"},
        {"}", 0, "an expression cannot start with '}'"},
        {"(1;;2)", 3, "expected an expression after ';', got ';'"},
        {"{a}", 2, "expected ':', got '}'"},
        {"{a: }", 4, "expected an expression after ':', got '}'"},
        {"{a: 1,}", 6, "expected an expression after ',', got '}'"},
        {"[1,]", 3, "expected an expression after ',', got ']'"},
        {"f(,)", 2, "expected an expression after '(', got ','"},
        {"a ? : b", 4, "expected an expression after '?', got ':'"},
        {"| a | b", 0, "unclosed '|'"},
        {"| a", 3, "expected '|' before the end"},
        {"a^b", 2, "expected '(', got 'b'"},
        {"a.", 2, "expected an expression after '.'"},
        {"..", 0, "an expression cannot start with '..'"},
        {"[1..]", 4, "expected an expression after '..', got ']'"},
        /* tokens */
        {"\"abc", 0, "unclosed string"},
        {"'abc\\q'", 4, "unknown escape '\\q' in a string"},
        {"'it\\'s'", 3, "unknown escape '\\'' in a string"},
        {"\"\\u12\"", 1, "'\\u' takes four hex digits"},
        {"`abc", 0, "unclosed backtick name"},
        {"a /* x", 2, "unclosed comment"},
        {"1e999", 0, "number out of range"},
        {"a ! b", 2, "'!' is not an operator (did you mean '!='?)"},
        {"a ~ b", 2, "'~' is not an operator (did you mean '~>'?)"},
        {"$match(s, //)", 10, "empty regular expression"},
        {"$match(s, /abc)", 10, "unclosed regular expression"},
        {"(/abc/)", 1, "expected an expression after '(', got '/'"}, /* as the reference: a division there */
        {"$match(s, /a/g)", 13, "expected ')', got 'g'"},
        /* the reference's second pass */
        {"a.1", 2, "a number, true, false or null cannot be a step of a path"},
        {"a.true", 2, "a number, true, false or null cannot be a step of a path"},
        {"1.a", 0, "a number, true, false or null cannot be a step of a path"},
        {"a.-1", 3, "a number, true, false or null cannot be a step of a path"},
        {"a.b.null[0]", 4, "a number, true, false or null cannot be a step of a path"},
        {"1#$i.a", 0, "a number, true, false or null cannot be a step of a path"},
        {"a{x: y}{z: w}", 7, "a step can have only one group-by"},
        {"a{x: y}.b{z: w}", 9, "a step can have only one group-by"},
        {"$x{a: b}[0]", 8, "a predicate cannot follow a group-by in the same step"},
        {"a[0]@$x", 4, "'@' must come before the step's predicates"},
        {"a^(b)@$x", 5, "'@' must come before the step's order-by"},
        {"a@b", 2, "'@' must be followed by a variable"},
        {"a#1", 2, "'#' must be followed by a variable"},
        {"a := 1", 0, "the left side of ':=' must be a variable"},
        {"$a[0] := 1", 0, "the left side of ':=' must be a variable"},
        {"function(a){a}", 9, "a function's parameters must be variables"},
        {"function($a, 1){$a}", 13, "a function's parameters must be variables"},
        {"function($a, ?){$a}", 13, "a function's parameters must be variables"},
        {"function($x){$x", 12, "unclosed '{'"},
        {"function($x)", 12, "expected '{' before the end"},
        {"function($x)<n:n{$x}", 16, "expected '>', got '{'"},
    };
    check_refusals(cases, sizeof cases / sizeof cases[0]);
}

/* Hostile nesting stops at JSONATA_MAX_DEPTH, without exhausting the stack. */
static void test_depth(void)
{
    enum { HUGE = 100000 };
    char *s = malloc(2 * HUGE + 2);
    const char *openers[] = {"(", "[", "-", "{\"a\":"};
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        size_t n = 0, w = strlen(openers[k]);
        while (n + w < HUGE) {
            memcpy(s + n, openers[k], w);
            n += w;
        }
        s[n++] = '1';
        jsonata_error err;
        CHECK(!jsonata_syntax_ok(s, n, &err));
        CHECK_STR(err.message, "nested too deeply (more than 256 levels)");
    }
    /* 255 brackets around an expression make 256 levels, the most allowed. */
    size_t n = 0;
    for (int i = 0; i < JSONATA_MAX_DEPTH - 1; i++)
        s[n++] = '(';
    s[n++] = '1';
    for (int i = 0; i < JSONATA_MAX_DEPTH - 1; i++)
        s[n++] = ')';
    CHECK(jsonata_syntax_ok(s, n, NULL));
    memmove(s + 1, s, n);
    s[0] = '(';
    s[n + 1] = ')';
    CHECK(!jsonata_syntax_ok(s, n + 2, NULL));
    /* A long flat chain is no deeper than its first operand. */
    n = 0;
    for (int i = 0; i < HUGE / 2; i++) {
        s[n++] = '1';
        s[n++] = '+';
    }
    s[n++] = '1';
    CHECK(jsonata_syntax_ok(s, n, NULL));
    free(s);
}

static void test_not_terminated(void)
{
    /* The text need not end in a NUL: only len bytes are read. */
    const char text[] = {'a', '+', '1', '+'};
    CHECK(jsonata_syntax_ok(text, 3, NULL));
    CHECK(!jsonata_syntax_ok(text, 4, NULL));
    const char quote[] = {'"', 'a', '"', '"'};
    CHECK(jsonata_syntax_ok(quote, 3, NULL));
    CHECK(!jsonata_syntax_ok(quote, 4, NULL));
}

static jsonata_template tpl(const char *s, size_t *start, size_t *len)
{
    return jsonata_template_parse(s, strlen(s), start, len);
}

static void test_templates(void)
{
    size_t start = 99, len = 99;
    CHECK_INT(tpl("{% $states.input %}", &start, &len), JSONATA_TEMPLATE_OK);
    CHECK_INT(start, 2);
    CHECK_INT(len, 15);
    CHECK_INT(tpl("{%$x%}", &start, &len), JSONATA_TEMPLATE_OK);
    CHECK_INT(len, 2);
    CHECK_INT(tpl("{%%}", &start, &len), JSONATA_TEMPLATE_OK);
    CHECK_INT(len, 0);
    CHECK_INT(tpl("10 %}", NULL, NULL), JSONATA_TEMPLATE_NO_OPEN); /* invalid-jsonata-surround-syntax-no-open */
    CHECK_INT(tpl(" {% 1 %}", NULL, NULL), JSONATA_TEMPLATE_NO_OPEN);
    CHECK_INT(tpl("{% 1 %} ", NULL, NULL), JSONATA_TEMPLATE_NO_CLOSE);
    CHECK_INT(tpl("{% 1", NULL, NULL), JSONATA_TEMPLATE_NO_CLOSE);
    CHECK_INT(tpl("{%}", NULL, NULL), JSONATA_TEMPLATE_NO_CLOSE);
    CHECK_INT(tpl("{%", NULL, NULL), JSONATA_TEMPLATE_NO_CLOSE);
    CHECK_INT(tpl("%}", NULL, NULL), JSONATA_TEMPLATE_NO_OPEN);
    CHECK_INT(tpl("plain text", NULL, NULL), JSONATA_TEMPLATE_NONE);
    CHECK_INT(tpl("", NULL, NULL), JSONATA_TEMPLATE_NONE);
    CHECK_INT(tpl("{ % 1 % }", NULL, NULL), JSONATA_TEMPLATE_NONE);
    /* The expression's offsets place an error in the whole string. */
    const char *s = "{% 10 + * 2 %}";
    CHECK_INT(tpl(s, &start, &len), JSONATA_TEMPLATE_OK);
    jsonata_error err;
    CHECK(!jsonata_syntax_ok(s + start, len, &err));
    CHECK_INT(start + err.offset, 10);
    s = "{% 420. %}";
    CHECK_INT(tpl(s, &start, &len), JSONATA_TEMPLATE_OK);
    CHECK(!jsonata_syntax_ok(s + start, len, &err));
    CHECK_INT(start + err.offset, 7);
    s = "{%  %}";
    CHECK_INT(tpl(s, &start, &len), JSONATA_TEMPLATE_OK);
    CHECK(!jsonata_syntax_ok(s + start, len, &err));
    CHECK_STR(err.message, "empty expression");
}

int main(void)
{
    test_accepts();
    test_refusals();
    test_depth();
    test_not_terminated();
    test_templates();
    CHECK(ok("1"));
    return test_report();
}
