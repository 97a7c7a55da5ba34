/* test_jsonpath_syntax.c: paths, reference paths, intrinsic functions and `.$` values
 * (check/jsonpath_syntax.c, check/intrinsic_syntax.c).
 *
 * What Step Functions accepts is accepted (`$.[0]`, which asl-validator refuses); the refusals of
 * asl-validator's invalid fixtures (tests/corpus/invalid/asl-validator/...) are among the refused. */
#include "check/jsonpath_syntax.h"
#include "test.h"

#include <stdbool.h>
#include <stdlib.h>

typedef struct {
    const char *text;
    size_t offset;
    const char *message;
} refusal;

static void check_accepts(path_kind kind, const char *const *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        jsonpath_error err = {0, ""};
        bool accepted = path_syntax_ok(cases[i], strlen(cases[i]), kind, &err);
        if (!accepted)
            fprintf(stderr, "kind %d refused %s: %zu %s\n", kind, cases[i], err.offset, err.message);
        CHECK(accepted);
    }
}

/* kind -1: an intrinsic function. */
static void check_refusals(int kind, const refusal *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        jsonpath_error err = {999, ""};
        const char *s = cases[i].text;
        bool accepted = kind < 0 ? intrinsic_syntax_ok(s, strlen(s), &err)
                                 : path_syntax_ok(s, strlen(s), (path_kind)kind, &err);
        if (accepted || err.offset != cases[i].offset || strcmp(err.message, cases[i].message) != 0)
            fprintf(stderr, "kind %d %s: accepted %d, offset %zu, '%s'\n", kind, s, accepted, err.offset, err.message);
        CHECK(!accepted);
        CHECK_INT(err.offset, cases[i].offset);
        CHECK_STR(err.message, cases[i].message);
    }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_paths(void)
{
    static const char *const accepted[] = {
        "$", "$.a", "$.a.b", "$['a']", "$[\"a b\"]", "$.a['b c'].d", "$['it\\'s']", "$[0]", "$[-1]", "$[ 0 ]",
        "$.[0]", "$.Items.[0].Id", "$.[0].body", "$..guid", "$..*", "$..[0]", "$.*", "$.a.*.b", "$[*]", "$[ * ]",
        "$.pets[*][*][*]", "$.[*].['bucket', 'key']", "$.a[?(@.x > 1)]", "$.a[?(@.species == 'cat' && @.age<5)]",
        "$[?(@.Name == 'Cat')]", "$.a[?(@.w == $.agent_id)].b", "$.a[?(@.n =~ /a(b/i)]", "$.a[?(@.s == ')')]",
        "$.a[ ?( @.x ) ]", "$[1:]", "$[:2]", "$[-2:]", "$[0:4]", "$[0:4:2]", "$[0,1]", "$[0, 1, 2]", "$['a','b']",
        "$$", "$$.Execution.Id", "$$.Map.Item.Value", "$var", "$_v2", "$var.a[0]", "$var['x']", "$.detail-type",
        "$.${Placeholder}", "$.a:b", "$.caf\xC3\xA9", "$.a.length()", "$.a.sum($.b)", "$.a ", "$.a\t",
    };
    check_accepts(PATH_KIND_PATH, accepted, COUNT(accepted));
    static const refusal refused[] = {
        /* invalid-json-path.json (as ResultPath, and as a Path), invalid-exercise-ajv.asl.json (InputPath) */
        {".guid", 0, "a path starts with '$'"},
        {"..guid", 0, "a path starts with '$'"},
        {"()", 0, "a path starts with '$'"},
        {"$...", 3, "'.' cannot follow '..'"},
        {"bug$.library.movies", 0, "a path starts with '$'"},
        {"", 0, "a path starts with '$'"},
        {" $.a", 0, "a path starts with '$'"},
        {"$.", 1, "a path cannot end with '.'"},
        {"$.a.", 3, "a path cannot end with '.'"},
        {"$..", 1, "a path cannot end with '..'"},
        {"$.a b", 3, "a name with blanks is written in brackets: ['a b']"},
        {"$. a", 2, "a name with blanks is written in brackets: ['a b']"},
        {"$a b", 2, "a name with blanks is written in brackets: ['a b']"},
        {"$$foo", 2, "expected '.' or '[' before 'foo'"},
        {"$1", 1, "expected '.' or '[' before '1'"},
        {"$['a']b", 6, "expected '.' or '[' before 'b'"},
        {"$.(a)", 2, "expected a name after '.'"},
        {"$[", 1, "unclosed '['"},
        {"$[0", 1, "unclosed '['"},
        {"$['a'", 1, "unclosed '['"},
        {"$['a", 2, "unclosed string"},
        {"$[]", 2, "expected a quoted name, an index, '*' or a filter after '['"},
        {"$[a]", 2, "expected a quoted name, an index, '*' or a filter after '['"},
        {"$['a' 'b']", 6, "expected ']', got ''b']'"},
        {"$['a',]", 6, "expected a quoted name"},
        {"$[*", 1, "unclosed '['"},
        {"$[1,]", 4, "an index is an integer"},
        {"$[1-2]", 2, "an index is an integer"},
        {"$[:]", 2, "a slice is written [start:end] with integers"},
        {"$[1 : 2]", 2, "a slice is written [start:end] with integers"},
        {"$[1:2:3:4]", 2, "a slice is written [start:end] with integers"},
        {"$[?(@.a]", 1, "unclosed filter"},
        {"$[?()]", 3, "empty filter"},
        {"$[?@.a]", 1, "a filter is written [?(condition)]"},
        {"$[?(@.a)", 1, "unclosed '['"},
        {"$.a.length().b", 12, "a function such as length() must end the path"},
        {"$.a.length(", 10, "unclosed '('"},
    };
    check_refusals(PATH_KIND_PATH, refused, COUNT(refused));
}

static void test_reference_paths(void)
{
    static const char *const accepted[] = {
        "$", "$.a", "$.a[0].b", "$['a']", "$['a b'].c", "$[1].error", "$[-1]", "$.[0]", "$$", "$$.Map.Item.Value",
        "$var", "$var.x", "$.ProcessResult.Labels[0]", "$.detail-type",
    };
    check_accepts(PATH_KIND_REFERENCE, accepted, COUNT(accepted));
    static const refusal refused[] = {
        {"$..a", 1, "'..' is not allowed in a reference path"},
        {"$.a[*]", 3, "'[*]' is not allowed in a reference path"},
        {"$.*", 2, "'*' is not allowed in a reference path"},
        {"$.a[?(@.x)]", 3, "a filter is not allowed in a reference path"},
        {"$.a[1:]", 3, "a slice is not allowed in a reference path"},
        {"$.a[0,1]", 3, "a union of indexes is not allowed in a reference path"},
        {"$['a','b']", 1, "a union of names is not allowed in a reference path"},
        {"$.a.length()", 4, "a function such as length() is not allowed in a reference path"},
        {"..guid", 0, "a path starts with '$'"},
    };
    check_refusals(PATH_KIND_REFERENCE, refused, COUNT(refused));
}

static void test_result_paths(void)
{
    static const char *const accepted[] = {"$", "$.a", "$.a.b", "$.a[0]", "$['a b']", "$.errors.childworkflow"};
    check_accepts(PATH_KIND_RESULT, accepted, COUNT(accepted));
    static const refusal refused[] = {
        /* invalid-variable-result-path.json and invalid-json-path.json */
        {"$foo", 0, "ResultPath cannot be a variable; assign variables with Assign"},
        {".guid", 0, "a path starts with '$'"},
        {"..guid", 0, "a path starts with '$'"},
        {"()", 0, "a path starts with '$'"},
        {"$...", 1, "'..' is not allowed in a ResultPath (a reference path)"},
        {"$$.Execution.Id", 0, "ResultPath cannot point into the context object '$$'"},
        {"$.a[*]", 3, "'[*]' is not allowed in a ResultPath (a reference path)"},
    };
    check_refusals(PATH_KIND_RESULT, refused, COUNT(refused));
}

static bool intrinsic(const char *s) { return intrinsic_syntax_ok(s, strlen(s), NULL); }

static void test_intrinsics(void)
{
    static const char *const accepted[] = {
        "States.Format('{} and {}', $.a, 'lit')", "States.Format('no holes')", "States.Format($.template, $.name)",
        "States.Format('\\{\\} is {}', $.x)", "States.Format('it\\'s {} \\\\', $.x)", "States.StringToJson($.s)",
        "States.JsonToString($.o)", "States.Array()", "States.Array(1, 'a', $.b, $$.Execution.Id, $v.x)",
        "States.ArrayPartition($.a, 2)", "States.ArrayContains($.a, $.b)", "States.ArrayRange(1, 9, 2)",
        "States.ArrayGetItem($.a, 0)", "States.ArrayLength($.a)", "States.ArrayUnique($.a)",
        "States.Base64Encode($.s)", "States.Base64Decode($.s)", "States.Hash($.s, 'SHA-256')",
        "States.JsonMerge($.a, $.b, false)", "States.MathRandom(1, 99)", "States.MathRandom(1, 99, 7)",
        "States.MathAdd($.n, -1)", "States.MathAdd(1.5, 2e3)", "States.StringSplit($.s, ',')", "States.UUID()",
        "States.Array(true, false, null, 0, -0.5, 1E+2)", "States.Array( 1 ,2 )  ", "States.UUID ( )",
        "States.Format('{}\n{}', 'a', $.b)",
        "States.Format('{}batch-{}.json',$.config.batchPrefix,States.StringToJson($.batch.Contents[0].ETag))",
        "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
        "$.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
        "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), 'x')",
        "States.Array($.a[0,1], $.b['x','y'], $..c, $.d[?(@.e, 1)])",
    };
    for (size_t i = 0; i < COUNT(accepted); i++) {
        jsonpath_error err = {0, ""};
        bool ok = intrinsic_syntax_ok(accepted[i], strlen(accepted[i]), &err);
        if (!ok)
            fprintf(stderr, "refused %s: %zu %s\n", accepted[i], err.offset, err.message);
        CHECK(ok);
    }
    static const refusal refused[] = {
        {"States.Foo()", 0, "unknown intrinsic function 'States.Foo'"},
        {"States.format('x')", 0, "unknown intrinsic function 'States.format'"},
        {"States.()", 7, "expected a function name after 'States.'"},
        {"Format('x')", 0, "an intrinsic function starts with 'States.'"},
        {"States.UUID(1)", 0, "States.UUID takes 0 arguments, got 1"},
        {"States.ArrayLength()", 0, "States.ArrayLength takes 1 argument, got 0"},
        {"States.MathAdd(1)", 0, "States.MathAdd takes 2 arguments, got 1"},
        {"States.ArrayRange(1, 2)", 0, "States.ArrayRange takes 3 arguments, got 2"},
        {"States.MathRandom(1)", 0, "States.MathRandom takes 2 or 3 arguments, got 1 argument"},
        {"States.Format()", 0, "States.Format takes at least 1 argument, got 0"},
        {"States.Format('{}')", 0, "States.Format's string has 1 '{}' for 0 arguments"},
        {"States.Format('a', 1)", 0, "States.Format's string has 0 '{}' for 1 argument"},
        {"States.UUID", 11, "expected '(' after 'States.UUID'"},
        {"States.Array(1,)", 15, "expected a string, a number, a path or an intrinsic function, got ')'"},
        {"States.Array(1", 12, "unclosed '(' of States.Array"},
        {"States.Array(1))", 15, "unexpected ')' after the intrinsic function"},
        {"States.Array(1 2)", 15, "expected ',' or ')', got '2)'"},
        {"States.Array('abc)", 13, "unclosed string"},
        {"States.Format('x\\n')", 16, "'\\' escapes only ' { } and \\ in an intrinsic's string"},
        {"States.Array(01)", 14, "expected ',' or ')', got '1)'"},
        {"States.Array(1.)", 13, "a number needs digits after '.'"},
        {"States.Array(-)", 13, "a number needs digits"},
        {"States.Array(abc)", 13, "expected a string, a number, a path or an intrinsic function, got 'abc)'"},
        {"States.Array(\"a\")", 13, "expected a string, a number, a path or an intrinsic function, got '\"a\")'"},
        {"States.Array($.a b)", 17, "expected ',' or ')', got 'b)'"},
        {"States.Array($..)", 14, "a path cannot end with '..'"},
        {"States.Array($.a.length())", 17, "a function such as length() cannot be used here"},
        {"States.Array(.a)", 13, "expected a string, a number, a path or an intrinsic function, got '.a)'"},
    };
    check_refusals(-1, refused, COUNT(refused));
}

/* Calls nest at most INTRINSIC_MAX_DEPTH deep, however deep the text goes. */
static void test_intrinsic_depth(void)
{
    enum { HUGE = 20000 };
    const char *open = "States.Array(";
    size_t w = strlen(open);
    char *s = malloc(HUGE * (w + 1) + 1);
    for (int depth = INTRINSIC_MAX_DEPTH; depth <= INTRINSIC_MAX_DEPTH + 1; depth++) {
        size_t n = 0;
        for (int i = 0; i < depth; i++, n += w)
            memcpy(s + n, open, w);
        for (int i = 0; i < depth; i++)
            s[n++] = ')';
        CHECK(intrinsic_syntax_ok(s, n, NULL) == (depth <= INTRINSIC_MAX_DEPTH));
    }
    size_t n = 0;
    for (int i = 0; i < HUGE; i++, n += w)
        memcpy(s + n, open, w);
    jsonpath_error err;
    CHECK(!intrinsic_syntax_ok(s, n, &err));
    CHECK_STR(err.message, "intrinsic functions nest at most 10 deep");
    CHECK_INT(err.offset, w * INTRINSIC_MAX_DEPTH);
    free(s);
}

static void test_dollar_values(void)
{
    CHECK_INT(dollar_value_classify("$.a", 3), DOLLAR_VALUE_PATH);
    CHECK_INT(dollar_value_classify("$$", 2), DOLLAR_VALUE_PATH);
    CHECK_INT(dollar_value_classify("States.UUID()", 13), DOLLAR_VALUE_INTRINSIC);
    CHECK_INT(dollar_value_classify("States", 6), DOLLAR_VALUE_INVALID);
    CHECK_INT(dollar_value_classify("foo", 3), DOLLAR_VALUE_INVALID);
    CHECK_INT(dollar_value_classify("", 0), DOLLAR_VALUE_INVALID);
    CHECK(dollar_value_ok("$.some.value", 12, NULL));
    CHECK(dollar_value_ok("$.pets[?(@.age>=5)]", 19, NULL));
    CHECK(dollar_value_ok("States.Array($.a)", 17, NULL));
    jsonpath_error err;
    CHECK(!dollar_value_ok("bug$.library.movies", 19, &err));
    CHECK_STR(err.message, "a '.$' field takes a path or an intrinsic function");
    CHECK(!dollar_value_ok("States.Nope()", 13, &err));
    CHECK_STR(err.message, "unknown intrinsic function 'States.Nope'");
    CHECK(!dollar_value_ok("$.a..", 5, &err));
    CHECK_INT(err.offset, 3);
    CHECK(intrinsic("States.UUID()"));
    /* Only len bytes are read. */
    const char text[] = {'$', '.', 'a', '.'};
    CHECK(path_syntax_ok(text, 3, PATH_KIND_RESULT, NULL));
    CHECK(!path_syntax_ok(text, 4, PATH_KIND_RESULT, NULL));
}

int main(void)
{
    test_paths();
    test_reference_paths();
    test_result_paths();
    test_intrinsics();
    test_intrinsic_depth();
    test_dollar_values();
    return test_report();
}
