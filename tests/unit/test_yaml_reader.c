/* test_yaml_reader.c: the YAML reader (src/yaml_reader.c): marks, the YAML 1.2 core schema, tags,
 * CloudFormation short forms, anchors and their guards, limits, libyaml's errors, and robustness on
 * truncated and mutated input. */
#include "test.h"
#include "read/value.h"

#include <math.h>
#include <stdlib.h>

/* One parsed document and its diagnostics. */
typedef struct doc {
    arena a;
    diag_list diags;
    value *root;
    char error[1024]; /* the first diagnostic, formatted; "" when there is none */
} doc;

static value *parse_limited(doc *d, const char *text, size_t len, const sfnviz_limits *limits)
{
    arena_init(&d->a);
    diag_list_init(&d->diags);
    d->root = yaml_read(&d->a, "t.yaml", text, len, limits, &d->diags);
    diag_format(d->diags.count ? &d->diags.items[0] : NULL, d->error, sizeof d->error);
    return d->root;
}

static value *parse_len(doc *d, const char *text, size_t len) { return parse_limited(d, text, len, NULL); }
static value *parse(doc *d, const char *text) { return parse_len(d, text, strlen(text)); }

static void done(doc *d)
{
    arena_release(&d->a);
    diag_list_free(&d->diags);
}

/* Parses text that must succeed with no diagnostics. */
static value *parse_ok(doc *d, const char *text)
{
    value *v = parse(d, text);
    CHECK(v != NULL);
    CHECK_INT(d->diags.count, 0);
    if (d->diags.count)
        fprintf(stderr, "  unexpected: %s\n", d->error);
    return v;
}

/* Parses text that must fail with exactly one error, formatted as `expected`. */
static void expect_error(const char *text, const char *expected)
{
    doc d;
    CHECK(parse(&d, text) == NULL);
    CHECK_INT(d.diags.count, 1);
    CHECK_INT(d.diags.errors, 1);
    CHECK_STR(d.error, expected);
    done(&d);
}

static void check_mark(mark m, unsigned line, unsigned column)
{
    CHECK_STR(m.file, "t.yaml");
    CHECK_INT(m.line, line);
    CHECK_INT(m.column, column);
}

/* The value of `key` in the root map of a one-line document `key: text`. */
static const value *scalar_of(doc *d, const char *text)
{
    value *root = parse_ok(d, text);
    return value_get(root, "k");
}

static void test_marks(void)
{
    doc d;
    value *root = parse_ok(&d, "# header\n"
                               "Top:\n"
                               "  Inner:\n"
                               "    - first\n"
                               "    -   key: value\n"
                               "        other: [a, {b: c}]\n");
    check_mark(root->at, 2, 1);
    const value_pair *top = value_get_pair(root, "Top");
    CHECK(top != NULL);
    if (!top) {
        done(&d);
        return;
    }
    check_mark(top->key_mark, 2, 1);
    check_mark(top->val->at, 3, 3);
    const value_pair *inner = value_get_pair(top->val, "Inner");
    check_mark(inner->key_mark, 3, 3);
    value *seq = inner->val;
    CHECK(value_is_seq(seq));
    CHECK_INT(seq->count, 2);
    check_mark(seq->at, 4, 5);
    check_mark(seq->items[0]->at, 4, 7);
    value *map = seq->items[1];
    check_mark(map->at, 5, 9);
    check_mark(value_get_pair(map, "key")->key_mark, 5, 9);
    check_mark(value_get(map, "key")->at, 5, 14);
    check_mark(value_get_pair(map, "other")->key_mark, 6, 9);
    value *flow = value_get(map, "other");
    check_mark(flow->at, 6, 16);
    check_mark(flow->items[1]->at, 6, 20);
    check_mark(flow->items[1]->pairs[0].key_mark, 6, 21);
    check_mark(value_get(flow->items[1], "b")->at, 6, 24);
    done(&d);
}

static void test_marks_count_characters(void)
{
    doc d;
    /* "é" is two bytes but one column. */
    value *root = parse_ok(&d, "\xC3\xA9t\xC3\xA9: x\n");
    check_mark(value_get(root, "\xC3\xA9t\xC3\xA9")->at, 1, 6);
    done(&d);
}

typedef struct schema_case {
    const char *text;
    value_kind kind;
    double number; /* VALUE_NUMBER; VALUE_BOOL: 1 or 0 */
} schema_case;

static void test_core_schema(void)
{
    static const schema_case cases[] = {
        {"~", VALUE_NULL, 0},
        {"null", VALUE_NULL, 0},
        {"Null", VALUE_NULL, 0},
        {"NULL", VALUE_NULL, 0},
        {"", VALUE_NULL, 0},
        {"nULL", VALUE_STRING, 0},
        {"true", VALUE_BOOL, 1},
        {"True", VALUE_BOOL, 1},
        {"TRUE", VALUE_BOOL, 1},
        {"false", VALUE_BOOL, 0},
        {"False", VALUE_BOOL, 0},
        {"FALSE", VALUE_BOOL, 0},
        {"tRUE", VALUE_STRING, 0},
        {"Yes", VALUE_STRING, 0},
        {"No", VALUE_STRING, 0},
        {"yes", VALUE_STRING, 0},
        {"no", VALUE_STRING, 0},
        {"on", VALUE_STRING, 0},
        {"On", VALUE_STRING, 0},
        {"Off", VALUE_STRING, 0},
        {"y", VALUE_STRING, 0},
        {"n", VALUE_STRING, 0},
        {"0", VALUE_NUMBER, 0},
        {"42", VALUE_NUMBER, 42},
        {"-17", VALUE_NUMBER, -17},
        {"+17", VALUE_NUMBER, 17},
        {"012", VALUE_NUMBER, 12},
        {"0o17", VALUE_NUMBER, 15},
        {"0o8", VALUE_STRING, 0},
        {"0x1F", VALUE_NUMBER, 31},
        {"0xff", VALUE_NUMBER, 255},
        {"0X1F", VALUE_STRING, 0},
        {"-0x1F", VALUE_STRING, 0},
        {"0x", VALUE_STRING, 0},
        {"1e3", VALUE_NUMBER, 1000},
        {"1E-2", VALUE_NUMBER, 0.01},
        {"1.5", VALUE_NUMBER, 1.5},
        {"-1.5e+2", VALUE_NUMBER, -150},
        {".5", VALUE_NUMBER, 0.5},
        {"+.5", VALUE_NUMBER, 0.5},
        {"1.", VALUE_NUMBER, 1},
        {".", VALUE_STRING, 0},
        {"1e", VALUE_STRING, 0},
        {"e3", VALUE_STRING, 0},
        {"1.2.3", VALUE_STRING, 0},
        {"1_000", VALUE_STRING, 0},
        {"2016-03-14T01:59:00Z", VALUE_STRING, 0},
        {"2016-03-14", VALUE_STRING, 0},
        {"12:30", VALUE_STRING, 0},
        {"0b101", VALUE_STRING, 0},
        {".inf", VALUE_NUMBER, INFINITY},
        {"-.Inf", VALUE_NUMBER, -INFINITY},
        {"+.INF", VALUE_NUMBER, INFINITY},
        {".iNF", VALUE_STRING, 0},
        {"arn:aws:states:::lambda:invoke", VALUE_STRING, 0},
        {"$.Payload", VALUE_STRING, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "k: %s\n", cases[i].text);
        doc d;
        const value *v = scalar_of(&d, text);
        CHECK(v != NULL);
        if (v) {
            if ((long long)v->kind != (long long)cases[i].kind)
                fprintf(stderr, "  for \"%s\"\n", cases[i].text);
            CHECK_INT(v->kind, cases[i].kind);
            CHECK_STR(v->text, cases[i].text);
            CHECK_INT(v->len, strlen(cases[i].text));
            CHECK(!v->quoted);
            CHECK(v->tag == NULL);
            if (v->kind == VALUE_NUMBER && cases[i].kind == VALUE_NUMBER)
                CHECK(v->number == cases[i].number);
            if (v->kind == VALUE_BOOL)
                CHECK(v->boolean == (cases[i].number != 0));
        }
        done(&d);
    }
    doc d;
    const value *nan_value = scalar_of(&d, "k: .NaN");
    CHECK(nan_value && nan_value->kind == VALUE_NUMBER && isnan(nan_value->number));
    done(&d);
    const value *signed_nan = scalar_of(&d, "k: -.nan");
    CHECK(signed_nan && signed_nan->kind == VALUE_STRING);
    done(&d);
}

static void test_quoted_and_block_scalars(void)
{
    doc d;
    value *root = parse_ok(&d, "a: \"true\"\n"
                               "b: 'null'\n"
                               "c: \"123\"\n"
                               "d: 'it''s'\n"
                               "e: \"tab\\there \\u00e9\"\n"
                               "f: |\n"
                               "  line one\n"
                               "  line two\n"
                               "g: >-\n"
                               "  folded\n"
                               "  text\n"
                               "h: |+\n"
                               "  keep\n"
                               "\n"
                               "i: plain text here\n"
                               "j: ''\n");
    const value *v = value_get(root, "a");
    CHECK(v->kind == VALUE_STRING && v->quoted);
    CHECK_STR(value_str(v), "true");
    v = value_get(root, "b");
    CHECK(v->kind == VALUE_STRING && v->quoted);
    CHECK_STR(v->text, "null");
    v = value_get(root, "c");
    CHECK(v->kind == VALUE_STRING && v->quoted);
    CHECK_STR(v->text, "123");
    CHECK_STR(value_str(value_get(root, "d")), "it's");
    CHECK_STR(value_str(value_get(root, "e")), "tab\there \xC3\xA9");
    v = value_get(root, "f");
    CHECK(v->kind == VALUE_STRING && v->quoted);
    CHECK_STR(v->text, "line one\nline two\n");
    CHECK_INT(v->len, 18);
    CHECK_STR(value_str(value_get(root, "g")), "folded text");
    CHECK_STR(value_str(value_get(root, "h")), "keep\n\n");
    v = value_get(root, "i");
    CHECK(v->kind == VALUE_STRING && !v->quoted);
    CHECK_STR(v->text, "plain text here");
    v = value_get(root, "j");
    CHECK(v->kind == VALUE_STRING && v->quoted && v->len == 0);
    done(&d);
}

static void test_nul_in_scalars_and_keys(void)
{
    doc d;
    value *root = parse_ok(&d, "\"a\\u0000b\": \"x\\0y\"\n");
    CHECK_INT(root->count, 1);
    CHECK_INT(root->pairs[0].key_len, 3);
    CHECK(memcmp(root->pairs[0].key, "a\0b", 4) == 0);
    CHECK_INT(root->pairs[0].val->len, 3);
    CHECK(memcmp(root->pairs[0].val->text, "x\0y", 4) == 0);
    done(&d);
}

static void test_core_tags(void)
{
    doc d;
    value *root = parse_ok(&d, "a: !!str 123\n"
                               "b: !!str true\n"
                               "c: !!int \"12\"\n"
                               "d: !!float 1\n"
                               "e: !!bool 'false'\n"
                               "f: !!null ''\n"
                               "g: !!map {x: 1}\n"
                               "h: !!seq [1]\n"
                               "i: ! 12\n"
                               "j: !<tag:yaml.org,2002:str> 5\n");
    const value *v = value_get(root, "a");
    CHECK(v->kind == VALUE_STRING && v->tag == NULL);
    CHECK_STR(value_str(v), "123");
    CHECK_STR(value_str(value_get(root, "b")), "true");
    v = value_get(root, "c");
    CHECK(v->kind == VALUE_NUMBER && v->number == 12 && !v->tag);
    v = value_get(root, "d");
    CHECK(v->kind == VALUE_NUMBER && v->number == 1);
    v = value_get(root, "e");
    CHECK(v->kind == VALUE_BOOL && !v->boolean);
    CHECK(value_get(root, "f")->kind == VALUE_NULL);
    v = value_get(root, "g");
    CHECK(value_is_map(v) && v->tag == NULL && v->count == 1);
    v = value_get(root, "h");
    CHECK(value_is_seq(v) && v->tag == NULL && v->count == 1);
    CHECK_STR(value_str(value_get(root, "i")), "12");
    CHECK_STR(value_str(value_get(root, "j")), "5");
    done(&d);

    expect_error("k: !!int abc\n", "t.yaml:1:4: error: \"abc\" is not a valid !!int");
    expect_error("k: !!int 1.5\n", "t.yaml:1:4: error: \"1.5\" is not a valid !!int");
    expect_error("k: !!bool yes\n", "t.yaml:1:4: error: \"yes\" is not a valid !!bool");
    expect_error("k: !!map x\n", "t.yaml:1:4: error: tag !!map cannot be used on a scalar");
    expect_error("k: !!str [a]\n", "t.yaml:1:4: error: tag !!str cannot be used on a sequence");
    expect_error("k: !!seq {a: 1}\n", "t.yaml:1:4: error: tag !!seq cannot be used on a mapping");
}

static void test_other_tags_kept(void)
{
    doc d;
    value *root = parse_ok(&d, "%TAG !e! tag:example.com,2000:app/\n"
                               "---\n"
                               "a: !!binary aGk=\n"
                               "b: !<tag:example.com,2000:x> v\n"
                               "c: !e!widget [1]\n"
                               "d: !Custom\n"
                               "  x: 1\n");
    const value *v = value_get(root, "a");
    CHECK(v->kind == VALUE_STRING);
    CHECK_STR(v->tag, "tag:yaml.org,2002:binary");
    CHECK(value_str(v) == NULL); /* tagged: not a plain string to consumers */
    CHECK_STR(value_get(root, "b")->tag, "tag:example.com,2000:x");
    v = value_get(root, "c");
    CHECK(value_is_seq(v));
    CHECK_STR(v->tag, "tag:example.com,2000:app/widget");
    v = value_get(root, "d");
    CHECK(value_is_map(v));
    CHECK_STR(v->tag, "Custom");
    done(&d);
}

static const char *const cfn_tags[] = {
    "Ref",    "GetAtt", "Sub",    "Join", "If",  "Select", "Split",     "FindInMap", "ImportValue",
    "Base64", "GetAZs", "Cidr",   "Equals", "And", "Or",   "Not",       "Condition", "Transform",
};

static void test_cloudformation_tags_each_form(void)
{
    for (size_t i = 0; i < sizeof cfn_tags / sizeof cfn_tags[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "s: !%s 123\nq: !%s [x, y]\nm: !%s {k: v}\nb: !%s\n  k: v\n", cfn_tags[i],
                 cfn_tags[i], cfn_tags[i], cfn_tags[i]);
        doc d;
        value *root = parse_ok(&d, text);
        const value *s = value_get(root, "s");
        CHECK(s && s->kind == VALUE_STRING && !s->quoted);
        CHECK_STR(s ? s->tag : NULL, cfn_tags[i]);
        CHECK_STR(s ? s->text : NULL, "123");
        const value *q = value_get(root, "q");
        CHECK(value_is_seq(q) && q->count == 2);
        CHECK_STR(q ? q->tag : NULL, cfn_tags[i]);
        const value *m = value_get(root, "m");
        CHECK(value_is_map(m) && m->count == 1);
        CHECK_STR(m ? m->tag : NULL, cfn_tags[i]);
        const value *b = value_get(root, "b");
        CHECK(value_is_map(b));
        CHECK_STR(b ? b->tag : NULL, cfn_tags[i]);
        done(&d);
    }
}

static void test_cloudformation_tags_nested(void)
{
    doc d;
    value *root = parse_ok(&d, "a: !GetAtt [MyFunction, Arn]\n"
                               "b: !Join ['', [a, b]]\n"
                               "c: !Sub [s, {X: y}]\n"
                               "d: !GetAtt MyFunction.Arn\n"
                               "e: !Sub \"arn:${AWS::Partition}:states\"\n"
                               "f: !If [IsProd, !Ref Prod, !Ref AWS::NoValue]\n"
                               "g: !Select [0, !GetAZs '']\n");
    const value *a = value_get(root, "a");
    CHECK(value_is_seq(a) && a->count == 2);
    CHECK_STR(a->tag, "GetAtt");
    CHECK_STR(value_str(a->items[0]), "MyFunction");
    CHECK_STR(value_str(a->items[1]), "Arn");

    const value *b = value_get(root, "b");
    CHECK_STR(b->tag, "Join");
    CHECK(value_is_seq(b) && b->count == 2);
    CHECK(b->items[0]->kind == VALUE_STRING && b->items[0]->quoted && b->items[0]->len == 0);
    CHECK(value_is_seq(b->items[1]) && b->items[1]->count == 2 && b->items[1]->tag == NULL);

    const value *c = value_get(root, "c");
    CHECK_STR(c->tag, "Sub");
    CHECK(value_is_seq(c) && c->count == 2);
    CHECK_STR(value_str(c->items[0]), "s");
    CHECK(value_is_map(c->items[1]));
    CHECK_STR(value_str(value_get(c->items[1], "X")), "y");

    const value *dv = value_get(root, "d");
    CHECK(dv->kind == VALUE_STRING);
    CHECK_STR(dv->tag, "GetAtt");
    CHECK_STR(dv->text, "MyFunction.Arn");

    const value *e = value_get(root, "e");
    CHECK_STR(e->tag, "Sub");
    CHECK_STR(e->text, "arn:${AWS::Partition}:states");

    const value *f = value_get(root, "f");
    CHECK_STR(f->tag, "If");
    CHECK_INT(f->count, 3);
    CHECK_STR(f->items[1]->tag, "Ref");
    CHECK_STR(f->items[2]->text, "AWS::NoValue");

    const value *g = value_get(root, "g");
    CHECK_STR(g->tag, "Select");
    CHECK(g->items[0]->kind == VALUE_NUMBER);
    CHECK_STR(g->items[1]->tag, "GetAZs");
    CHECK(g->items[1]->kind == VALUE_STRING && g->items[1]->len == 0);
    done(&d);
}

static const char sam_template[] =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Transform: AWS::Serverless-2016-10-31\n"
    "Description: >\n"
    "  Order processing workflow\n"
    "Parameters:\n"
    "  Stage:\n"
    "    Type: String\n"
    "    AllowedValues: [dev, prod]\n"
    "Resources:\n"
    "  OrderStateMachine:\n"
    "    Type: AWS::Serverless::StateMachine\n"
    "    Properties:\n"
    "      Name: !Sub 'orders-${Stage}'\n"
    "      Role: !GetAtt StateMachineRole.Arn\n"
    "      Definition:\n"
    "        Comment: Process an order\n"
    "        StartAt: Validate\n"
    "        States:\n"
    "          Validate:\n"
    "            Type: Task\n"
    "            Resource: !GetAtt ValidateFunction.Arn\n"
    "            Retry:\n"
    "              - ErrorEquals: [States.TaskFailed]\n"
    "                IntervalSeconds: 2\n"
    "                MaxAttempts: 3\n"
    "                BackoffRate: 1.5\n"
    "            Next: IsValid\n"
    "          IsValid:\n"
    "            Type: Choice\n"
    "            Choices:\n"
    "              - Variable: $.valid\n"
    "                BooleanEquals: true\n"
    "                Next: Done\n"
    "            Default: Failed\n"
    "          Done:\n"
    "            Type: Succeed\n"
    "          Failed:\n"
    "            Type: Fail\n"
    "            Cause: \"Order is not valid\"\n"
    "      DefinitionSubstitutions:\n"
    "        TableName: !Ref OrdersTable\n"
    "  ValidateFunction:\n"
    "    Type: AWS::Serverless::Function\n"
    "    Properties:\n"
    "      Handler: index.handler\n"
    "      Runtime: python3.12\n"
    "      Events:\n"
    "        Api:\n"
    "          Type: Api\n"
    "          Properties: {Path: /orders, Method: post}\n";

static void test_sam_template(void)
{
    doc d;
    value *root = parse_ok(&d, sam_template);
    CHECK_STR(value_str(value_get(root, "AWSTemplateFormatVersion")), "2010-09-09");
    CHECK_STR(value_str(value_get(root, "Description")), "Order processing workflow\n");
    value *sm = value_get(value_get(root, "Resources"), "OrderStateMachine");
    CHECK_STR(value_str(value_get(sm, "Type")), "AWS::Serverless::StateMachine");
    value *props = value_get(sm, "Properties");
    CHECK_STR(value_get(props, "Role")->tag, "GetAtt");
    value *def = value_get(props, "Definition");
    CHECK_STR(value_str(value_get(def, "StartAt")), "Validate");
    value *states = value_get(def, "States");
    CHECK(value_is_map(states));
    CHECK_INT(states->count, 4);
    CHECK_STR(states->pairs[0].key, "Validate");
    CHECK_STR(states->pairs[3].key, "Failed");
    check_mark(states->pairs[1].key_mark, 28, 11);
    value *validate = value_get(states, "Validate");
    CHECK_STR(value_str(value_get(validate, "Next")), "IsValid");
    value *retry = value_get(validate, "Retry");
    CHECK(value_is_seq(retry) && retry->count == 1);
    long long attempts = 0;
    CHECK(value_int(value_get(retry->items[0], "MaxAttempts"), &attempts));
    CHECK_INT(attempts, 3);
    CHECK(value_get(retry->items[0], "BackoffRate")->number == 1.5);
    value *choice = value_get(value_get(states, "IsValid"), "Choices")->items[0];
    CHECK(value_truthy(value_get(choice, "BooleanEquals")));
    CHECK_STR(value_str(value_get(choice, "Variable")), "$.valid");
    CHECK_STR(value_str(value_get(value_get(states, "Failed"), "Cause")), "Order is not valid");
    value *api = value_get(value_get(value_get(value_get(value_get(root, "Resources"), "ValidateFunction"),
                                               "Properties"),
                                     "Events"),
                           "Api");
    CHECK_STR(value_str(value_get(value_get(api, "Properties"), "Method")), "post");
    done(&d);
}

static void test_keys(void)
{
    doc d;
    value *root = parse_ok(&d, "Yes: 1\n"
                               "1: 2\n"
                               "~: 3\n"
                               "<<: 4\n"
                               "'quoted key': 5\n"
                               "true: 6\n"
                               "!!str 7: 7\n"
                               "? explicit\n"
                               ": 8\n");
    CHECK_INT(root->count, 8);
    CHECK_STR(root->pairs[0].key, "Yes");
    CHECK_STR(root->pairs[1].key, "1");
    CHECK_STR(root->pairs[2].key, "~");
    CHECK_STR(root->pairs[3].key, "<<");
    CHECK_STR(root->pairs[4].key, "quoted key");
    CHECK_STR(root->pairs[5].key, "true");
    CHECK_STR(root->pairs[6].key, "7");
    CHECK_STR(root->pairs[7].key, "explicit");
    CHECK_INT(root->pairs[0].key_len, 3);
    long long n = 0;
    CHECK(value_int(value_get(root, "<<"), &n) && n == 4); /* no merge: an ordinary key */
    done(&d);

    expect_error("? [a, b]\n: 1\n", "t.yaml:1:3: error: complex mapping keys are not supported");
    expect_error("{a: 1, {b: 2}: 3}\n", "t.yaml:1:8: error: complex mapping keys are not supported");
    expect_error("a: 1\n!Ref b: 2\n", "t.yaml:2:1: error: tagged mapping keys are not supported");
    expect_error("a: 1\n!!int 2: 2\n", "t.yaml:2:1: error: tagged mapping keys are not supported");
}

/* Parses text that must succeed with exactly one warning, formatted as `expected`; returns the root. */
static value *expect_warning(doc *d, const char *text, const char *expected)
{
    value *v = parse(d, text);
    CHECK(v != NULL);
    CHECK_INT(d->diags.count, 1);
    CHECK_INT(d->diags.errors, 0);
    CHECK_STR(d->error, expected);
    return v;
}

static void test_duplicate_keys(void)
{
    /* A repeat is a warning; the last value wins, in the place the key first had. */
    doc w;
    value *top = value_get(expect_warning(&w, "Top:\n  A: 1\n  B: 2\n  A: 3\n",
                                          "t.yaml:4:3: warning: duplicate key \"A\" (also at line 2, column 3); "
                                          "the last one is used"),
                           "Top");
    CHECK_INT(top ? top->count : 0, 2);
    CHECK_STR(top && top->count ? top->pairs[0].key : NULL, "A");
    CHECK_STR(value_scalar_text(value_get(top, "A")), "3");
    check_mark(top && top->count ? top->pairs[0].key_mark : mark_none(), 4, 3);
    done(&w);
    value *s = value_get(value_get(expect_warning(&w, "States:\n  S:\n    Next: X\n    Type: Pass\n    Next: Y\n",
                                                  "t.yaml:5:5: warning: duplicate key \"Next\" (also at line 3, "
                                                  "column 5); the last one is used"),
                                   "States"),
                         "S");
    CHECK_STR(value_scalar_text(value_get(s, "Next")), "Y");
    done(&w);
    expect_warning(&w, "{a: 1, 'a': 2}",
                   "t.yaml:1:8: warning: duplicate key \"a\" (also at line 1, column 2); the last one is used");
    done(&w);
    expect_warning(&w, "\"a\\nb\": 1\n\"a\\nb\": 2\n",
                   "t.yaml:2:1: warning: duplicate key \"a\\x0Ab\" (also at line 1, column 1); the last one is used");
    done(&w);

    /* Same keys in different maps are fine. */
    doc d;
    parse_ok(&d, "a: {x: 1}\nb: {x: 2}\nc:\n  - x: 1\n  - x: 2\n");
    done(&d);

    /* A large map: the hash index must find a repeat far from the first and allow all distinct keys. */
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < 3000; i++)
        strbuf_printf(&b, "key%d: %d\n", i, i);
    value *root = parse_ok(&d, strbuf_cstr(&b));
    CHECK_INT(root ? root->count : 0, 3000);
    long long last = 0;
    CHECK(value_int(value_get(root, "key2999"), &last) && last == 2999);
    done(&d);
    strbuf_puts(&b, "key1234: again\n");
    root = expect_warning(&d, strbuf_cstr(&b),
                          "t.yaml:3001:1: warning: duplicate key \"key1234\" (also at line 1235, column 1); the "
                          "last one is used");
    CHECK_INT(root ? root->count : 0, 3000);
    CHECK_STR(value_scalar_text(value_get(root, "key1234")), "again");
    done(&d);
    strbuf_free(&b);
}

static void test_anchors_and_aliases(void)
{
    doc d;
    value *root = parse_ok(&d, "base: &b\n"
                               "  Type: Pass\n"
                               "  Next: End\n"
                               "one: *b\n"
                               "two: *b\n"
                               "list: [&s scalar, *s]\n");
    value *base = value_get(root, "base");
    CHECK(value_is_map(base));
    CHECK(value_get(root, "one") == base);
    CHECK(value_get(root, "two") == base);
    value *list = value_get(root, "list");
    CHECK(list->items[0] == list->items[1]);
    CHECK_STR(value_str(list->items[1]), "scalar");
    done(&d);

    /* A redefined anchor names the newer node from there on; aliases before keep the older one. */
    root = parse_ok(&d, "- &a 1\n- *a\n- &a [2]\n- *a\n- &a {k: &a 3}\n- *a\n");
    CHECK_INT(root->count, 6);
    CHECK(root->items[1] == root->items[0]);
    CHECK(root->items[3] == root->items[2]);
    CHECK(value_is_seq(root->items[3]));
    CHECK(root->items[5] == value_get(root->items[4], "k"));
    done(&d);

    /* An anchored key can be aliased as a value or as another map's key. */
    root = parse_ok(&d, "&k name: 1\nother: *k\nm: {*k : 2}\n");
    CHECK_STR(value_str(value_get(root, "other")), "name");
    CHECK(value_get(value_get(root, "m"), "name") != NULL);
    done(&d);

    expect_error("a: 1\nb: *missing\n", "t.yaml:2:4: error: unknown anchor \"missing\"");
    expect_error("&a [1, *a]\n", "t.yaml:1:8: error: recursive alias \"a\"");
    expect_error("&m {k: *m}\n", "t.yaml:1:8: error: recursive alias \"m\"");
    expect_error("top: &t\n  inner:\n    - deep: *t\n", "t.yaml:3:13: error: recursive alias \"t\"");
    expect_error("- &s [a]\n- {*s : 1}\n", "t.yaml:2:4: error: complex mapping keys are not supported");
    expect_error("- &s !Ref a\n- {*s : 1}\n", "t.yaml:2:4: error: tagged mapping keys are not supported");
}

static void test_billion_laughs(void)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
        strbuf_printf(&b, "l%d: &l%d [", level, level);
        for (int i = 0; i < 10; i++)
            strbuf_printf(&b, "%s*l%d", i ? ", " : "", level - 1);
        strbuf_puts(&b, "]\n");
    }
    doc d;
    CHECK(parse(&d, strbuf_cstr(&b)) == NULL);
    CHECK_INT(d.diags.count, 1);
    CHECK(strstr(d.error, "error: document has too many nodes, counting every alias as a copy: more than 4000000 "
                          "(the alias-nodes limit; raise it with --limit alias-nodes=N)") != NULL);
    CHECK(strncmp(d.error, "t.yaml:7:", 9) == 0); /* l6 is the first level past four million */
    done(&d);

    /* Sharing below the limit is fine. */
    strbuf_free(&b);
    strbuf_puts(&b, "l0: &l0 [a, b, c]\nl1: &l1 [*l0, *l0, *l0]\nl2: [*l1, *l1, *l1]\n");
    parse_ok(&d, strbuf_cstr(&b));
    done(&d);
    strbuf_free(&b);
}

/* The alias limits bound what aliases add, in nodes and in bytes of text; a document as large without
 * aliases is the input-size limit's business, and passes. */
static void test_alias_limits(void)
{
    sfnviz_limits small = {{0}};
    small.value[SFNVIZ_LIMIT_ALIAS_NODES] = 10;
    small.value[SFNVIZ_LIMIT_ALIAS_SIZE] = 100;
    const char *written = "[a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p]\n";
    doc d;
    CHECK(parse_limited(&d, written, strlen(written), &small) != NULL);
    done(&d);
    const char *copies = "- &a [x, y]\n- *a\n- *a\n- *a\n- *a\n";
    CHECK(parse_limited(&d, copies, strlen(copies), &small) == NULL);
    CHECK_STR(d.error, "t.yaml:4:3: error: document has too many nodes, counting every alias as a copy: more than 10 "
                       "(the alias-nodes limit; raise it with --limit alias-nodes=N)");
    done(&d);
    small.value[SFNVIZ_LIMIT_ALIAS_NODES] = 0; /* the default */
    const char *text = "- &s 0123456789012345678901234567890123456789\n- *s\n- *s\n";
    CHECK(parse_limited(&d, text, strlen(text), &small) == NULL);
    CHECK_STR(d.error, "t.yaml:3:3: error: aliases make the document larger than 100 bytes (the alias-size limit; "
                       "raise it with --limit alias-size=N)");
    done(&d);
    small.value[SFNVIZ_LIMIT_ALIAS_SIZE] = 200;
    CHECK(parse_limited(&d, text, strlen(text), &small) != NULL);
    done(&d);
    /* Keys count as text too. */
    const char *keys = "- &m {0123456789012345678901234567890123456789: 1}\n- *m\n- *m\n";
    small.value[SFNVIZ_LIMIT_ALIAS_SIZE] = 100;
    CHECK(parse_limited(&d, keys, strlen(keys), &small) == NULL);
    CHECK(strstr(d.error, "the alias-size limit") != NULL);
    done(&d);
}

/* An alias reaches as deep as the tree it names: the nesting limit counts that, not only what is written. */
static void test_alias_depth(void)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "a: &a ");
    for (int i = 0; i < 1100; i++)
        strbuf_putc(&b, '[');
    for (int i = 0; i < 1100; i++)
        strbuf_putc(&b, ']');
    strbuf_puts(&b, "\nb: ");
    size_t at = b.len;
    for (int i = 0; i < 1000; i++)
        strbuf_putc(&b, '[');
    strbuf_puts(&b, "*a");
    for (int i = 0; i < 1000; i++)
        strbuf_putc(&b, ']');
    strbuf_putc(&b, '\n');
    expect_error(strbuf_cstr(&b), "t.yaml:2:1004: error: nesting deeper than 2048 levels through the alias \"a\"");
    /* 900 levels around it: 1 + 900 + 1100 levels in all, within the limit. */
    b.len = at;
    for (int i = 0; i < 900; i++)
        strbuf_putc(&b, '[');
    strbuf_puts(&b, "*a");
    for (int i = 0; i < 900; i++)
        strbuf_putc(&b, ']');
    strbuf_putc(&b, '\n');
    doc d;
    parse_ok(&d, strbuf_cstr(&b));
    done(&d);
    strbuf_free(&b);
}

/* A key written through an alias is counted as the copy it is. */
static void test_alias_keys_count(void)
{
    sfnviz_limits small = {{0}};
    small.value[SFNVIZ_LIMIT_ALIAS_SIZE] = 100;
    const char *text = "- &k 0123456789012345678901234567890123456789\n- {*k : 1}\n- {*k : 2}\n";
    doc d;
    CHECK(parse_limited(&d, text, strlen(text), &small) == NULL);
    CHECK(strstr(d.error, "the alias-size limit") != NULL);
    done(&d);
}

static void test_depth_limit(void)
{
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < VALUE_MAX_DEPTH; i++)
        strbuf_putc(&b, '[');
    for (int i = 0; i < VALUE_MAX_DEPTH; i++)
        strbuf_putc(&b, ']');
    doc d;
    value *v = parse_ok(&d, strbuf_cstr(&b));
    int depth = 0;
    while (v && value_is_seq(v)) {
        depth++;
        v = v->count ? v->items[0] : NULL;
    }
    CHECK_INT(depth, VALUE_MAX_DEPTH);
    done(&d);
    strbuf_free(&b);

    for (int i = 0; i <= VALUE_MAX_DEPTH; i++)
        strbuf_puts(&b, "{a: ");
    expect_error(strbuf_cstr(&b), "t.yaml:1:8193: error: nesting deeper than 2048 levels");
    strbuf_free(&b);

    /* Block style nests the same way. */
    for (int i = 0; i <= VALUE_MAX_DEPTH; i++) {
        for (int j = 0; j < i; j++)
            strbuf_putc(&b, ' ');
        strbuf_puts(&b, "k:\n");
    }
    for (int j = 0; j <= VALUE_MAX_DEPTH; j++)
        strbuf_putc(&b, ' ');
    strbuf_puts(&b, "k: v\n");
    expect_error(strbuf_cstr(&b), "t.yaml:2049:2049: error: nesting deeper than 2048 levels");
    strbuf_free(&b);

    /* Far deeper input is refused as soon as the limit is passed, without trouble. */
    for (int i = 0; i < 200000; i++)
        strbuf_putc(&b, '[');
    expect_error(strbuf_cstr(&b), "t.yaml:1:2049: error: nesting deeper than 2048 levels");
    strbuf_free(&b);
}

static void test_libyaml_errors(void)
{
    expect_error("a:\n\tb: 1\n",
                 "t.yaml:2:1: error: while scanning for the next token: "
                 "found character that cannot start any token (a tab: YAML indents with spaces only)");
    expect_error("a: [1, 2]\n\xc3\xa9" "b: @x\n",
                 "t.yaml:2:5: error: while scanning for the next token: "
                 "found character that cannot start any token");
    expect_error("a:\n  b: 1\n\tc: 2\n",
                 "t.yaml:3:1: error: while scanning a plain scalar: "
                 "found a tab character that violates indentation");
    expect_error("a: 1\n b: 2\n", "t.yaml:2:3: error: mapping values are not allowed in this context");
    expect_error("a: [1, 2\n",
                 "t.yaml:2:1: error: while parsing a flow sequence: did not find expected ',' or ']'");
    expect_error("a: \"unterminated\n",
                 "t.yaml:2:1: error: while scanning a quoted scalar: found unexpected end of stream");
    expect_error("Top:\n  a: 1\n b: 2\n",
                 "t.yaml:3:2: error: while parsing a block mapping: did not find expected key");
    /* Reader errors carry a byte offset; the mark counts lines and characters up to it. */
    expect_error("a: ok\nb: \xC3\xA9\xFF\n", "t.yaml:2:5: error: invalid leading UTF-8 octet (#xFF)");
    doc d;
    CHECK(parse_len(&d, "a: b\0c", 6) == NULL);
    CHECK_STR(d.error, "t.yaml:1:5: error: control characters are not allowed (#x0)");
    done(&d);
}

static void test_documents(void)
{
    expect_error("a: 1\n---\nb: 2\n", "t.yaml:2:1: error: more than one YAML document in the file");
    expect_error("--- 1\n...\n--- 2\n", "t.yaml:3:1: error: more than one YAML document in the file");

    doc d;
    value *v = parse_ok(&d, "");
    CHECK(v && v->kind == VALUE_NULL);
    check_mark(v->at, 1, 1);
    done(&d);
    v = parse_ok(&d, "# only a comment\n\n# and another\n");
    CHECK(v && v->kind == VALUE_NULL);
    done(&d);
    v = parse_len(&d, NULL, 0);
    CHECK(v && v->kind == VALUE_NULL && d.diags.count == 0);
    done(&d);
    v = parse_ok(&d, "---\n");
    CHECK(v && v->kind == VALUE_NULL);
    done(&d);
    v = parse_ok(&d, "%YAML 1.2\n---\na: 1\n...\n# trailing comment\n");
    CHECK(value_is_map(v) && v->count == 1);
    done(&d);
    v = parse_ok(&d, "just a string");
    CHECK_STR(value_str(v), "just a string");
    done(&d);
    v = parse_ok(&d, "\xEF\xBB\xBFk: bom\n");
    CHECK_STR(value_str(value_get(v, "k")), "bom");
    done(&d);
    /* The text need not be NUL-terminated: only len bytes are read. */
    v = parse_len(&d, "k: abcdef", 5);
    CHECK_STR(value_str(value_get(v, "k")), "ab");
    done(&d);
    /* JSON is YAML. */
    v = parse_ok(&d, "{\"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}, \"n\": [1, 2.5, null]}");
    CHECK(value_truthy(value_get(value_get(value_get(v, "States"), "A"), "End")));
    CHECK(value_get(v, "n")->items[2]->kind == VALUE_NULL);
    done(&d);
}

/* Every prefix of a valid template: either a value and no diagnostics, or NULL and exactly one error. */
static void test_truncated_input(void)
{
    size_t n = strlen(sam_template);
    size_t consistent = 0;
    for (size_t len = 0; len <= n; len++) {
        char *copy = malloc(len ? len : 1); /* exactly len bytes, so reading past the end is caught */
        memcpy(copy, sam_template, len);
        doc d;
        value *v = parse_len(&d, copy, len);
        consistent += v ? d.diags.count == 0 : d.diags.count == 1 && d.diags.errors == 1;
        done(&d);
        free(copy);
    }
    CHECK_INT(consistent, n + 1);
}

/* Random byte edits of a valid template (a fixed seed, so failures repeat): no crash; a tree with no error
 * (warnings, such as a repeated key, are allowed) or exactly one error. */
static void test_mutated_input(void)
{
    static const char alphabet[] = "[]{}:,-?&*!|>'\"#%@`\t\n \\0aZ.~\xC3\xA9\xFF";
    size_t n = strlen(sam_template);
    unsigned long seed = 12345;
    size_t consistent = 0, runs = 3000;
    for (size_t run = 0; run < runs; run++) {
        char *copy = malloc(n);
        memcpy(copy, sam_template, n);
        for (int edit = 0; edit < 4; edit++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            size_t at = (seed >> 33) % n;
            copy[at] = alphabet[(seed >> 13) % (sizeof alphabet - 1)];
        }
        doc d;
        value *v = parse_len(&d, copy, n);
        consistent += v ? d.diags.errors == 0 : d.diags.errors == 1;
        done(&d);
        free(copy);
    }
    CHECK_INT(consistent, runs);
}

int main(void)
{
    test_marks();
    test_marks_count_characters();
    test_core_schema();
    test_quoted_and_block_scalars();
    test_nul_in_scalars_and_keys();
    test_core_tags();
    test_other_tags_kept();
    test_cloudformation_tags_each_form();
    test_cloudformation_tags_nested();
    test_sam_template();
    test_keys();
    test_duplicate_keys();
    test_anchors_and_aliases();
    test_billion_laughs();
    test_alias_limits();
    test_alias_depth();
    test_alias_keys_count();
    test_depth_limit();
    test_libyaml_errors();
    test_documents();
    test_truncated_input();
    test_mutated_input();
    return test_report();
}
