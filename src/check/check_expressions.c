/* check_expressions.c: the expressions written inside a definition — JSONPath paths, intrinsic
 * functions in `.$` fields, and JSONata `{% %}` templates — checked with the syntax checkers of
 * jsonpath_syntax.h and jsonata_syntax.h.
 *
 * A JSONPath state's paths are its ...Path fields (ResultPath a reference path into the input), its
 * Choice rules' Variable and ...Path comparisons, and the values of `.$` keys in its payload templates.
 * In a JSONata state every string of its fields is looked at: one that starts with `{%` and ends with `%}`
 * is an expression, one with only one of the two is a mistake. A finding points at the string; the
 * message says where in it. Nested templates and rules are walked with an explicit stack. */
#include "check/check.h"
#include "check/jsonata_syntax.h"
#include "check/jsonpath_syntax.h"

#include <stdlib.h>
#include <string.h>

static void report_syntax(checker *c, rule_id rule, const wf_state *s, const char *field, const value *v,
                          const syntax_error *err)
{
    char buf[96];
    check_report(c, rule, v->at, "state \"%s\": %s: %s (at character %zu of \"%.40s%s\")",
                 check_short(s->name, buf, sizeof buf), field, err->message, err->offset + 1, v->text,
                 v->len > 40 ? "…" : "");
}

/* ---- JSONPath ---- */

static void check_path(checker *c, const wf_state *s, const char *field, const value *v, path_kind kind)
{
    syntax_error err;
    if (!value_str(v) || v->substituted || strstr(v->text, "${"))
        return; /* null discards; a placeholder is the deployment's to fill */
    if (!path_syntax_ok(v->text, v->len, kind, &err))
        report_syntax(c, RULE_PATH_SYNTAX, s, field, v, &err);
}

static void check_dollar(checker *c, const wf_state *s, const char *field, const value *v)
{
    syntax_error err;
    char buf[96];
    if (!value_str(v)) {
        check_report(c, RULE_PATH_SYNTAX, v->at, "state \"%s\": %s takes a path or an intrinsic function (a string), "
                                                 "not %s",
                     check_short(s->name, buf, sizeof buf), field, check_kind_name(v));
        return;
    }
    if (v->substituted || strstr(v->text, "${"))
        return;
    if (dollar_value_ok(v->text, v->len, &err))
        return;
    bool intrinsic = dollar_value_classify(v->text, v->len) == DOLLAR_VALUE_INTRINSIC;
    report_syntax(c, intrinsic ? RULE_INTRINSIC_SYNTAX : RULE_PATH_SYNTAX, s, field, v, &err);
}

/* A `key.$` entry of a payload template. */
static void dollar_pair(checker *c, const wf_state *s, const char *field, const value_pair *p)
{
    if (p->key_len >= 2 && strcmp(p->key + p->key_len - 2, ".$") == 0)
        check_dollar(c, s, field, p->val);
}

static void check_template(checker *c, const wf_state *s, const char *field, const value *root)
{
    check_each_pair(c, s, field, root, dollar_pair);
}

/* Choice rules: Variable and the ...Path comparisons are reference paths, in nested rules too. */
static void check_rule_paths(checker *c, const wf_state *s, const value *choices)
{
    const value **stack = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; value_is_seq(choices) && i < choices->count; i++) {
        stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
        stack[n++] = choices->items[i];
    }
    while (n > 0) {
        const value *rule = stack[--n];
        for (size_t i = 0; value_is_map(rule) && i < rule->count; i++) {
            const value_pair *p = &rule->pairs[i];
            size_t k = p->key_len;
            bool comparison = k > 4 && !strcmp(p->key + k - 4, "Path");
            /* A ...Path comparison that does not even start with $ is choice-operand's. */
            if (!strcmp(p->key, "Variable") || (comparison && value_str(p->val) && p->val->text[0] == '$'))
                check_path(c, s, p->key, p->val, PATH_KIND_REFERENCE);
            const value *nested = p->val;
            bool boolean = !strcmp(p->key, "And") || !strcmp(p->key, "Or") || !strcmp(p->key, "Not");
            for (size_t j = 0; boolean && j < (value_is_seq(nested) ? nested->count : 1); j++) {
                stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
                stack[n++] = value_is_seq(nested) ? nested->items[j] : nested;
            }
        }
    }
    free(stack);
}

/* What a JSONPath state's field holds, by its name: one pass over the state's fields. */
static void check_jsonpath_field(checker *c, const wf_state *s, const value_pair *p)
{
    static const char *const templates[] = {"Parameters", "ResultSelector", "ItemSelector", "Assign", "ItemReader",
                                            "ResultWriter", NULL};
    const char *k = p->key;
    if (!strcmp(k, "ResultPath")) {
        check_path(c, s, k, p->val, PATH_KIND_RESULT);
    } else if (!strcmp(k, "ErrorPath") || !strcmp(k, "CausePath")) {
        check_dollar(c, s, k, p->val);
    } else if (!strcmp(k, "InputPath") || !strcmp(k, "OutputPath") ||
               (p->key_len > 4 && !strcmp(k + p->key_len - 4, "Path"))) {
        check_path(c, s, k, p->val, PATH_KIND_PATH); /* ItemsPath, SecondsPath, TimeoutSecondsPath, ... */
    } else if (!strcmp(k, "Catch")) {
        for (size_t i = 0; value_is_seq(p->val) && i < p->val->count; i++)
            check_path(c, s, "Catch[].ResultPath", value_get(p->val->items[i], "ResultPath"), PATH_KIND_RESULT);
    } else if (!strcmp(k, "Choices")) {
        check_rule_paths(c, s, p->val);
    } else {
        for (const char *const *t = templates; *t; t++)
            if (!strcmp(k, *t))
                check_template(c, s, k, p->val);
    }
}

static void check_jsonpath_state(checker *c, const wf_state *s)
{
    for (size_t i = 0; i < s->src->count; i++)
        check_jsonpath_field(c, s, &s->src->pairs[i]);
}

/* ---- JSONata ---- */

static void check_jsonata_string(checker *c, const wf_state *s, const char *field, const value *v)
{
    size_t start = 0, len = 0;
    syntax_error err;
    char buf[96];
    switch (jsonata_template_parse(v->text, v->len, &start, &len)) {
    case JSONATA_TEMPLATE_NONE: return;
    case JSONATA_TEMPLATE_NO_OPEN:
        check_report(c, RULE_JSONATA_SYNTAX, v->at,
                     "state \"%s\": %s ends with %%} but does not start with {%%: a JSONata expression is "
                     "\"{%% ... %%}\" with nothing around it",
                     check_short(s->name, buf, sizeof buf), field);
        return;
    case JSONATA_TEMPLATE_NO_CLOSE:
        check_report(c, RULE_JSONATA_SYNTAX, v->at,
                     "state \"%s\": %s starts with {%% but does not end with %%}: a JSONata expression is "
                     "\"{%% ... %%}\" with nothing around it",
                     check_short(s->name, buf, sizeof buf), field);
        return;
    case JSONATA_TEMPLATE_OK: break;
    }
    if (v->substituted || jsonata_syntax_ok(v->text + start, len, &err))
        return;
    err.offset += start;
    report_syntax(c, RULE_JSONATA_SYNTAX, s, field, v, &err);
}

/* Every string under the state's fields, but not in the scopes it opens (their states are looked at on
 * their own) nor in comments. */
static void check_jsonata_state(checker *c, const wf_state *s)
{
    static const char *const skip[] = {"Type", "Comment", "QueryLanguage", "Next", "Branches", "ItemProcessor",
                                       "Iterator", "Resource", NULL};
    const value **stack = NULL;
    const char **fields = NULL;
    size_t n = 0, cap = 0, fcap = 0;
    for (size_t i = 0; i < s->src->count; i++) {
        const char *const *k = skip;
        while (*k && strcmp(*k, s->src->pairs[i].key) != 0)
            k++;
        if (*k)
            continue;
        stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
        fields = sfn_grow(fields, &fcap, n + 1, sizeof *fields);
        fields[n] = s->src->pairs[i].key;
        stack[n++] = s->src->pairs[i].val;
    }
    while (n > 0) {
        const char *field = fields[--n];
        const value *v = stack[n];
        if (v->kind == VALUE_STRING)
            check_jsonata_string(c, s, field, v);
        for (size_t i = 0; (v->kind == VALUE_MAP || v->kind == VALUE_SEQ) && i < v->count; i++) {
            if (v->kind == VALUE_MAP && strcmp(v->pairs[i].key, "Comment") == 0)
                continue;
            stack = sfn_grow(stack, &cap, n + 1, sizeof *stack);
            fields = sfn_grow(fields, &fcap, n + 1, sizeof *fields);
            fields[n] = field;
            stack[n++] = v->kind == VALUE_MAP ? v->pairs[i].val : v->items[i];
        }
    }
    free(stack);
    free(fields);
}

void check_expressions(checker *c, const wf_state *s)
{
    if (s->jsonata)
        check_jsonata_state(c, s);
    else
        check_jsonpath_state(c, s);
}
