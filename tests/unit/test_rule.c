/* test_rule.c: Choice rules as text (rule.c).
 *
 * Rules are built by hand with value_new / value_new_string rather than read from YAML or JSON, so these
 * tests depend on nothing but the value constructors and show each input next to its expected text. */
#include "model/rule.h"
#include "test.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

static arena A;

#include "values.h"

/* A data test on `var` with one operator, plus the Next every top-level rule has. */
static value *test1(const char *var, const char *op, value *v) { return map("Variable", str(var), op, v, "Next", str("X"), NULL); }

static const char *text(const value *rule) { return rule_text(&A, rule); }

/* ---- data tests ---- */

static void test_string_family(void)
{
    CHECK_STR(text(test1("$.status", "StringEquals", str("ready"))), "$.status == \"ready\"");
    CHECK_STR(text(test1("$.s", "StringLessThan", str("m"))), "$.s < \"m\"");
    CHECK_STR(text(test1("$.s", "StringGreaterThan", str("m"))), "$.s > \"m\"");
    CHECK_STR(text(test1("$.s", "StringLessThanEquals", str("m"))), "$.s <= \"m\"");
    CHECK_STR(text(test1("$.s", "StringGreaterThanEquals", str("m"))), "$.s >= \"m\"");
    CHECK_STR(text(test1("$.file", "StringMatches", str("foo*.log"))), "$.file like \"foo*.log\"");
    CHECK_STR(text(test1("$.s", "StringEquals", str(""))), "$.s == \"\"");
    /* Unicode passes through; only JSON's mandatory escapes are made. */
    CHECK_STR(text(test1("$.s", "StringEquals", str("caf\xC3\xA9"))), "$.s == \"caf\xC3\xA9\"");
}

static void test_string_escaping(void)
{
    CHECK_STR(text(test1("$.s", "StringEquals", str("say \"hi\""))), "$.s == \"say \\\"hi\\\"\"");
    CHECK_STR(text(test1("$.s", "StringEquals", str("C:\\dir"))), "$.s == \"C:\\\\dir\"");
    CHECK_STR(text(test1("$.s", "StringEquals", str("a\nb\tc\rd\be\ff"))), "$.s == \"a\\nb\\tc\\rd\\be\\ff\"");
    CHECK_STR(text(test1("$.s", "StringEquals", str("\x01\x1f"))), "$.s == \"\\u0001\\u001f\"");
    /* A NUL from `\u0000` is inside the value's length, not the end of it. */
    value *nul = value_new_string(&A, "a\0b", 3, mark_none());
    CHECK_STR(text(test1("$.s", "StringEquals", nul)), "$.s == \"a\\u0000b\"");
    /* The glob's `\*` escape is JSON-escaped like any backslash. */
    CHECK_STR(text(test1("$.s", "StringMatches", str("a\\*b"))), "$.s like \"a\\\\*b\"");
}

static void test_numeric_family(void)
{
    CHECK_STR(text(test1("$.n", "NumericEquals", num("20"))), "$.n == 20");
    CHECK_STR(text(test1("$.n", "NumericLessThan", num("20"))), "$.n < 20");
    CHECK_STR(text(test1("$.n", "NumericGreaterThan", num("20"))), "$.n > 20");
    CHECK_STR(text(test1("$.n", "NumericLessThanEquals", num("20"))), "$.n <= 20");
    CHECK_STR(text(test1("$.n", "NumericGreaterThanEquals", num("20"))), "$.n >= 20");
    CHECK_STR(text(test1("$.price", "NumericEquals", num("1.50"))), "$.price == 1.50");
    CHECK_STR(text(test1("$.n", "NumericLessThan", num("-3e2"))), "$.n < -3e2");
    /* A number built without source text still prints. */
    value *bare = value_new(&A, VALUE_NUMBER, mark_none());
    bare->number = 2.5;
    CHECK_STR(text(test1("$.n", "NumericEquals", bare)), "$.n == 2.5");
}

static void test_boolean_and_timestamp(void)
{
    CHECK_STR(text(test1("$.ok", "BooleanEquals", boolean(true))), "$.ok == true");
    CHECK_STR(text(test1("$.ok", "BooleanEquals", boolean(false))), "$.ok == false");
    const char *t = "2024-01-01T00:00:00Z";
    CHECK_STR(text(test1("$.t", "TimestampEquals", str(t))), "$.t == 2024-01-01T00:00:00Z");
    CHECK_STR(text(test1("$.t", "TimestampLessThan", str(t))), "$.t < 2024-01-01T00:00:00Z");
    CHECK_STR(text(test1("$.t", "TimestampGreaterThan", str(t))), "$.t > 2024-01-01T00:00:00Z");
    CHECK_STR(text(test1("$.t", "TimestampLessThanEquals", str(t))), "$.t <= 2024-01-01T00:00:00Z");
    CHECK_STR(text(test1("$.t", "TimestampGreaterThanEquals", str(t))), "$.t >= 2024-01-01T00:00:00Z");
}

static void test_path_variants(void)
{
    static const struct {
        const char *op, *symbol;
    } cases[] = {
        {"StringEqualsPath", "=="},           {"StringLessThanPath", "<"},
        {"StringGreaterThanPath", ">"},       {"StringLessThanEqualsPath", "<="},
        {"StringGreaterThanEqualsPath", ">="}, {"NumericEqualsPath", "=="},
        {"NumericLessThanPath", "<"},         {"NumericGreaterThanPath", ">"},
        {"NumericLessThanEqualsPath", "<="},  {"NumericGreaterThanEqualsPath", ">="},
        {"BooleanEqualsPath", "=="},          {"TimestampEqualsPath", "=="},
        {"TimestampLessThanPath", "<"},       {"TimestampGreaterThanPath", ">"},
        {"TimestampLessThanEqualsPath", "<="}, {"TimestampGreaterThanEqualsPath", ">="},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char expected[64];
        snprintf(expected, sizeof expected, "$.a %s $.b", cases[i].symbol);
        CHECK_STR(text(test1("$.a", cases[i].op, str("$.b"))), expected);
    }
    CHECK_STR(text(test1("$.a", "StringEqualsPath", str("$$.Execution.Input.x"))), "$.a == $$.Execution.Input.x");
    /* StringMatches and the type tests have no Path variant: those keys are unknown operators. */
    CHECK_STR(text(test1("$.a", "StringMatchesPath", str("$.b"))), "$.a ? \"$.b\"");
    CHECK_STR(text(test1("$.a", "IsPresentPath", str("$.b"))), "$.a ? \"$.b\"");
    /* A path must be a string. */
    CHECK_STR(text(test1("$.a", "NumericEqualsPath", num("3"))), "$.a == ?");
}

static void test_type_tests(void)
{
    static const struct {
        const char *op, *when_true, *when_false;
    } cases[] = {
        {"IsNull", "$.x is null", "$.x is not null"},
        {"IsPresent", "$.x is present", "$.x is not present"},
        {"IsNumeric", "$.x is numeric", "$.x is not numeric"},
        {"IsString", "$.x is string", "$.x is not string"},
        {"IsBoolean", "$.x is boolean", "$.x is not boolean"},
        {"IsTimestamp", "$.x is timestamp", "$.x is not timestamp"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_STR(text(test1("$.x", cases[i].op, boolean(true))), cases[i].when_true);
        CHECK_STR(text(test1("$.x", cases[i].op, boolean(false))), cases[i].when_false);
    }
    CHECK_STR(text(test1("$.x", "IsPresent", str("yes"))), "$.x is present ?");
    CHECK_STR(text(test1("$.x", "IsNull", null_value())), "$.x is null ?");
}

static void test_variables(void)
{
    CHECK_STR(text(test1("$$.Execution.Input.mode", "StringEquals", str("a"))), "$$.Execution.Input.mode == \"a\"");
    CHECK_STR(text(test1("$count", "NumericGreaterThan", num("0"))), "$count > 0");
    /* Comment, Next, Assign and Output are not operators and do not show. */
    value *r = map("Comment", str("c"), "Variable", str("$.x"), "Assign", map("v", num("1"), NULL),
                   "BooleanEquals", boolean(true), "Next", str("Y"), NULL);
    CHECK_STR(text(r), "$.x == true");
    /* Operator before Variable in source order reads the same. */
    CHECK_STR(text(map("IsPresent", boolean(true), "Variable", str("$.y"), NULL)), "$.y is present");
}

/* ---- combinators ---- */

static void test_and_or(void)
{
    value *a = test1("$.a", "NumericEquals", num("1"));
    value *b = test1("$.b", "NumericEquals", num("2"));
    value *c = test1("$.c", "NumericEquals", num("3"));
    CHECK_STR(text(map("And", seq(a, b, NULL), "Next", str("X"), NULL)), "$.a == 1 and $.b == 2");
    CHECK_STR(text(map("Or", seq(a, b, c, NULL), NULL)), "$.a == 1 or $.b == 2 or $.c == 3");
    CHECK_STR(text(map("And", seq(a, map("Or", seq(b, c, NULL), NULL), NULL), NULL)),
              "$.a == 1 and ($.b == 2 or $.c == 3)");
    CHECK_STR(text(map("Or", seq(map("And", seq(a, b, NULL), NULL), c, NULL), NULL)),
              "($.a == 1 and $.b == 2) or $.c == 3");
    /* The same combinator nested needs no parentheses. */
    CHECK_STR(text(map("And", seq(a, map("And", seq(b, c, NULL), NULL), NULL), NULL)),
              "$.a == 1 and $.b == 2 and $.c == 3");
    /* A one-operand And is transparent: its operand keeps its own precedence. */
    CHECK_STR(text(map("And", seq(a, NULL), NULL)), "$.a == 1");
    CHECK_STR(text(map("Or", seq(map("And", seq(map("Or", seq(a, b, NULL), NULL), NULL), NULL), c, NULL), NULL)),
              "$.a == 1 or $.b == 2 or $.c == 3");
    CHECK_STR(text(map("And", seq(map("And", seq(map("Or", seq(a, b, NULL), NULL), NULL), NULL), c, NULL), NULL)),
              "($.a == 1 or $.b == 2) and $.c == 3");
}

static void test_not(void)
{
    value *n = test1("$.n", "NumericGreaterThanEquals", num("20"));
    value *x = test1("$.x", "IsPresent", boolean(true));
    CHECK_STR(text(map("Not", x, "Next", str("X"), NULL)), "not ($.x is present)");
    CHECK_STR(text(map("And", seq(n, map("Not", x, NULL), NULL), NULL)), "$.n >= 20 and not ($.x is present)");
    CHECK_STR(text(map("Not", map("Or", seq(n, x, NULL), NULL), NULL)), "not ($.n >= 20 or $.x is present)");
    CHECK_STR(text(map("Not", map("Not", x, NULL), NULL)), "not (not ($.x is present))");
    /* A Not inside Or is atomic already. */
    CHECK_STR(text(map("Or", seq(map("Not", n, NULL), x, NULL), NULL)), "not ($.n >= 20) or $.x is present");
}

static void test_deep_nesting(void)
{
    value *r = test1("$.x", "IsNull", boolean(true));
    for (int i = 0; i < 200; i++)
        r = map("Not", r, NULL);
    const char *t = text(r);
    CHECK(strncmp(t, "not (not (", 10) == 0);
    CHECK(strstr(t, "$.x is null") != NULL);
    CHECK(t[strlen(t) - 1] == ')');
    /* Past the readers' own depth limit (not reachable from a file) it stops with `?` instead of recursing on. */
    value *deep = test1("$.x", "IsNull", boolean(true));
    for (int i = 0; i < 2000; i++)
        deep = map("And", seq(map("Or", seq(deep, NULL), NULL), NULL), NULL);
    t = text(deep);
    CHECK(strcmp(t, "?") == 0);
}

/* ---- JSONata ---- */

static void test_jsonata(void)
{
    CHECK_STR(text(map("Condition", str("{% $states.input.n > 5 %}"), "Next", str("X"), NULL)), "$states.input.n > 5");
    CHECK_STR(text(map("Condition", str("  {%\n  $x = 'a' and $y\n%}  "), NULL)), "$x = 'a' and $y");
    CHECK_STR(text(map("Condition", str("{%$a%}"), NULL)), "$a");
    CHECK_STR(text(map("Condition", boolean(true), NULL)), "true");
    CHECK_STR(text(map("Condition", boolean(false), NULL)), "false");
    CHECK_STR(text(map("Condition", str("$states.input.ok"), NULL)), "$states.input.ok");
    /* Assign, Output and Comment beside Condition are allowed and do not count as operators. */
    CHECK_STR(text(map("Condition", str("{% $n < 3 %}"), "Assign", map("a", num("1"), NULL), "Output",
                       str("{% $n %}"), "Comment", str("c"), "Next", str("X"), NULL)),
              "$n < 3");
    CHECK_STR(text(map("Condition", str("{%  %}"), NULL)), "?");
    CHECK_STR(text(map("Condition", num("1"), NULL)), "?");
    CHECK_STR(text(map("Condition", map("a", num("1"), NULL), NULL)), "?");
    CHECK_STR(text(map("Condition", tagged("Sub", str("{% $x > ${Limit} %}")), NULL)), "$x > ${Limit}");
}

/* ---- what cannot be read ---- */

static void test_unreadable(void)
{
    CHECK_STR(text(NULL), "?");
    CHECK_STR(text(str("not a rule")), "?");
    CHECK_STR(text(map(NULL)), "?");
    CHECK_STR(text(map("Next", str("X"), NULL)), "?");
    CHECK_STR(text(map("Variable", str("$.x"), "Next", str("X"), NULL)), "$.x ?");
    CHECK_STR(text(test1("$.x", "Foo", num("5"))), "$.x ? 5");
    CHECK_STR(text(test1("$.x", "stringequals", str("a"))), "$.x ? \"a\"");
    CHECK_STR(text(test1("$.x", "Foo", boolean(true))), "$.x ? true");
    CHECK_STR(text(test1("$.x", "Foo", null_value())), "$.x ? null");
    CHECK_STR(text(test1("$.x", "Foo", map("a", num("1"), NULL))), "$.x ?");
    CHECK_STR(text(map("Foo", num("5"), NULL)), "?");
    /* Wrong value types. */
    CHECK_STR(text(test1("$.x", "StringEquals", num("5"))), "$.x == ?");
    CHECK_STR(text(test1("$.x", "StringMatches", boolean(true))), "$.x like ?");
    CHECK_STR(text(test1("$.n", "NumericEquals", str("20"))), "$.n == ?");
    CHECK_STR(text(test1("$.ok", "BooleanEquals", str("true"))), "$.ok == ?");
    CHECK_STR(text(test1("$.t", "TimestampEquals", num("5"))), "$.t == ?");
    CHECK_STR(text(test1("$.x", "StringEquals", map("a", num("1"), NULL))), "$.x == ?");
    CHECK_STR(text(test1("$.x", "StringEquals", seq(str("a"), NULL))), "$.x == ?");
    CHECK_STR(text(test1("$.x", "StringEquals", null_value())), "$.x == ?");
    /* Values built without text or with a missing value do not crash. */
    CHECK_STR(text(test1("$.x", "StringEquals", value_new(&A, VALUE_STRING, mark_none()))), "$.x == ?");
    CHECK_STR(text(test1("$.x", "StringEquals", NULL)), "$.x == ?");
    CHECK_STR(text(test1("$.x", "IsPresent", NULL)), "$.x is present ?");
    CHECK_STR(text(map("And", seq(test1("$.a", "IsNull", boolean(true)), NULL), "Next", NULL, NULL)), "$.a is null");
    /* Variable missing or not text. */
    CHECK_STR(text(map("StringEquals", str("a"), NULL)), "? == \"a\"");
    CHECK_STR(text(map("Variable", num("3"), "StringEquals", str("a"), NULL)), "? == \"a\"");
    CHECK_STR(text(test1("", "StringEquals", str("a"))), "? == \"a\"");
    /* An empty path or timestamp shows as `?`, not as nothing (an empty string literal is fine). */
    CHECK_STR(text(test1("$.a", "StringEqualsPath", str(""))), "$.a == ?");
    CHECK_STR(text(test1("$.t", "TimestampEquals", str(""))), "$.t == ?");
    /* Broken combinators. */
    CHECK_STR(text(map("And", seq(NULL), NULL)), "?");
    CHECK_STR(text(map("Or", str("x"), NULL)), "?");
    CHECK_STR(text(map("And", map("Variable", str("$.x"), NULL), NULL)), "?");
    CHECK_STR(text(map("And", seq(test1("$.a", "IsNull", boolean(true)), num("5"), NULL), NULL)), "$.a is null and ?");
    CHECK_STR(text(map("Not", seq(test1("$.a", "IsNull", boolean(true)), NULL), NULL)), "not (?)");
    CHECK_STR(text(map("Not", map(NULL), NULL)), "not (?)");
}

static void test_multiple_operators(void)
{
    CHECK_STR(text(map("Variable", str("$.x"), "StringEquals", str("a"), "NumericEquals", num("1"), NULL)),
              "$.x == \"a\" \xE2\x80\xA6");
    /* A known operator wins over an unknown one written before it. */
    CHECK_STR(text(map("Variable", str("$.x"), "Foo", num("1"), "StringEquals", str("a"), NULL)),
              "$.x == \"a\" \xE2\x80\xA6");
    CHECK_STR(text(map("And", seq(test1("$.a", "IsNull", boolean(true)), NULL), "Or",
                       seq(test1("$.b", "IsNull", boolean(true)), NULL), NULL)),
              "$.a is null \xE2\x80\xA6");
    CHECK_STR(text(map("Condition", boolean(true), "Variable", str("$.x"), "IsNull", boolean(true), NULL)),
              "true \xE2\x80\xA6");
}

/* ---- intrinsics and placeholders ---- */

static void test_tagged_and_placeholders(void)
{
    CHECK_STR(text(test1("$.env", "StringEquals", tagged("Ref", str("Env")))), "$.env == Env");
    CHECK_STR(text(test1("$.n", "NumericGreaterThan", tagged("Ref", str("Threshold")))), "$.n > Threshold");
    CHECK_STR(text(test1("$.ok", "BooleanEquals", tagged("Ref", str("Flag")))), "$.ok == Flag");
    CHECK_STR(text(map("Variable", tagged("Sub", str("$.${Key}")), "IsPresent", boolean(true), NULL)),
              "$.${Key} is present");
    /* A tagged sequence (`!Join [...]`) has no text to show. */
    CHECK_STR(text(test1("$.x", "StringEquals", tagged("Join", seq(str("a"), NULL)))), "$.x == ?");
    /* An unresolved substitution stands for a value of any type. */
    CHECK_STR(text(test1("$.n", "NumericGreaterThan", str("${Limit}"))), "$.n > ${Limit}");
    CHECK_STR(text(test1("$.ok", "BooleanEquals", str("${Flag}"))), "$.ok == ${Flag}");
    CHECK_STR(text(test1("$.s", "StringEquals", str("${Stage}"))), "$.s == \"${Stage}\"");
}

/* Random rule trees mixing every form with wrong types and unknown keys: the text is never NULL or
 * empty, and parentheses always balance. */
static unsigned long seed = 2024;

static unsigned next_random(unsigned bound)
{
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((seed >> 33) % bound);
}

static value *random_scalar(void)
{
    switch (next_random(5)) {
    case 0: return str("a(b)");
    case 1: return num("7");
    case 2: return boolean(next_random(2));
    case 3: return null_value();
    default: return map(NULL);
    }
}

static value *random_rule(int depth)
{
    static const char *const ops[] = {"StringEquals", "NumericLessThanPath", "IsPresent", "BooleanEquals",
                                      "TimestampEquals", "StringMatches", "Bogus", "Condition"};
    unsigned form = depth > 5 ? 3 : next_random(5);
    if (form == 0 || form == 1) {
        value *items = seq(NULL);
        items->count = next_random(4);
        items->items = arena_calloc(&A, 4, sizeof *items->items);
        for (size_t i = 0; i < items->count; i++)
            items->items[i] = next_random(6) ? random_rule(depth + 1) : random_scalar();
        return map(form ? "Or" : "And", items, NULL);
    }
    if (form == 2)
        return map("Not", next_random(6) ? random_rule(depth + 1) : random_scalar(), NULL);
    const char *op = ops[next_random(sizeof ops / sizeof ops[0])];
    if (next_random(4) == 0)
        return map("Variable", str("$.v"), op, random_scalar(), "Extra", random_scalar(), NULL);
    return map("Variable", next_random(8) ? str("$.v") : random_scalar(), op, random_scalar(), NULL);
}

static bool balanced(const char *t)
{
    int open = 0;
    for (; *t; t++) {
        if (*t == '"') /* skip string literals, which may hold parentheses */
            for (t++; *t && *t != '"'; t++)
                if (*t == '\\' && t[1])
                    t++;
        if (!*t)
            return false;
        open += *t == '(' ? 1 : *t == ')' ? -1 : 0;
        if (open < 0)
            return false;
    }
    return open == 0;
}

static void test_random_rules(void)
{
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        const char *t = text(random_rule(0));
        if (!(t && *t && balanced(t)) && bad++ < 5)
            fprintf(stderr, "random rule failed: %s\n", t ? t : "(null)");
    }
    CHECK_INT(bad, 0);
}

int main(void)
{
    arena_init(&A);
    test_string_family();
    test_string_escaping();
    test_numeric_family();
    test_boolean_and_timestamp();
    test_path_variants();
    test_type_tests();
    test_variables();
    test_and_or();
    test_not();
    test_deep_nesting();
    test_jsonata();
    test_unreadable();
    test_multiple_operators();
    test_tagged_and_placeholders();
    test_random_rules();
    arena_release(&A);
    return test_report();
}
