/* check_choice.c: Choice states and their rules.
 *
 * A JSONPath rule is a Boolean expression (And and Or: non-empty lists of rules; Not: one rule) or a data
 * test: Variable plus exactly one of the 39 comparison operators, whose value has the operator's type
 * (a ...Path operator takes a path). A JSONata rule is a Condition. Only a top-level rule has Next (and
 * may Assign, or Output in JSONata). Nested rules are walked with an explicit stack: nesting is the
 * file's to choose. */
#include "check/check.h"

#include <stdlib.h>
#include <string.h>

typedef enum operand { OPERAND_STRING, OPERAND_NUMBER, OPERAND_BOOL, OPERAND_TIMESTAMP, OPERAND_PATH } operand;

static const struct {
    const char *name;
    operand takes;
} OPERATORS[] = {
    {"StringEquals", OPERAND_STRING},          {"StringLessThan", OPERAND_STRING},
    {"StringGreaterThan", OPERAND_STRING},     {"StringLessThanEquals", OPERAND_STRING},
    {"StringGreaterThanEquals", OPERAND_STRING}, {"StringMatches", OPERAND_STRING},
    {"NumericEquals", OPERAND_NUMBER},         {"NumericLessThan", OPERAND_NUMBER},
    {"NumericGreaterThan", OPERAND_NUMBER},    {"NumericLessThanEquals", OPERAND_NUMBER},
    {"NumericGreaterThanEquals", OPERAND_NUMBER}, {"BooleanEquals", OPERAND_BOOL},
    {"TimestampEquals", OPERAND_TIMESTAMP},    {"TimestampLessThan", OPERAND_TIMESTAMP},
    {"TimestampGreaterThan", OPERAND_TIMESTAMP}, {"TimestampLessThanEquals", OPERAND_TIMESTAMP},
    {"TimestampGreaterThanEquals", OPERAND_TIMESTAMP}, {"StringEqualsPath", OPERAND_PATH},
    {"StringLessThanPath", OPERAND_PATH},      {"StringGreaterThanPath", OPERAND_PATH},
    {"StringLessThanEqualsPath", OPERAND_PATH}, {"StringGreaterThanEqualsPath", OPERAND_PATH},
    {"NumericEqualsPath", OPERAND_PATH},       {"NumericLessThanPath", OPERAND_PATH},
    {"NumericGreaterThanPath", OPERAND_PATH},  {"NumericLessThanEqualsPath", OPERAND_PATH},
    {"NumericGreaterThanEqualsPath", OPERAND_PATH}, {"BooleanEqualsPath", OPERAND_PATH},
    {"TimestampEqualsPath", OPERAND_PATH},     {"TimestampLessThanPath", OPERAND_PATH},
    {"TimestampGreaterThanPath", OPERAND_PATH}, {"TimestampLessThanEqualsPath", OPERAND_PATH},
    {"TimestampGreaterThanEqualsPath", OPERAND_PATH}, {"IsNull", OPERAND_BOOL},
    {"IsPresent", OPERAND_BOOL},               {"IsNumeric", OPERAND_BOOL},
    {"IsString", OPERAND_BOOL},                {"IsBoolean", OPERAND_BOOL},
    {"IsTimestamp", OPERAND_BOOL},
};
enum { OPERATOR_COUNT = sizeof OPERATORS / sizeof OPERATORS[0] };

static int operator_find(const char *key)
{
    for (int i = 0; i < OPERATOR_COUNT; i++)
        if (strcmp(OPERATORS[i].name, key) == 0)
            return i;
    return -1;
}

typedef struct rule_ctx {
    checker *c;
    const char *state; /* cut to size */
} rule_ctx;

static void check_operand(rule_ctx *r, const value_pair *p, operand takes)
{
    const value *v = p->val;
    bool ok = takes == OPERAND_STRING      ? v->kind == VALUE_STRING
              : takes == OPERAND_NUMBER    ? v->kind == VALUE_NUMBER
              : takes == OPERAND_BOOL      ? v->kind == VALUE_BOOL
              : takes == OPERAND_TIMESTAMP ? v->kind == VALUE_STRING
                                           : v->kind == VALUE_STRING && v->text[0] == '$';
    static const char *const wants[] = {"a string", "a number", "true or false", "an RFC 3339 timestamp string",
                                        "a path starting with $"};
    if (!ok)
        check_report(r->c, RULE_CHOICE_OPERAND, v->at, "state \"%s\": %s takes %s, not %s", r->state, p->key,
                     wants[takes], check_kind_name(v));
    else if (takes == OPERAND_TIMESTAMP && !check_is_timestamp(v->text))
        check_report(r->c, RULE_TIMESTAMP_FORMAT, v->at,
                     "state \"%s\": %s \"%s\" is not an RFC 3339 timestamp like 2016-03-14T01:59:00Z", r->state,
                     p->key, v->text);
}

/* Pushes the rules nested in a Boolean expression; reports an empty And/Or or a Not that is no rule. */
static void push_nested(rule_ctx *r, const value_pair *p, const value ***stack, size_t *n, size_t *cap)
{
    const value *v = p->val;
    if (strcmp(p->key, "Not") == 0) {
        if (!value_is_map(v)) {
            check_report(r->c, RULE_CHOICE_RULE, v->at, "state \"%s\": Not takes one rule (a map), not %s", r->state,
                         check_kind_name(v));
            return;
        }
        *stack = sfn_grow(*stack, cap, *n + 1, sizeof **stack);
        (*stack)[(*n)++] = v;
        return;
    }
    if (!value_is_seq(v) || v->count == 0) {
        check_report(r->c, RULE_CHOICE_RULE, v->at, "state \"%s\": %s takes a non-empty list of rules", r->state,
                     p->key);
        return;
    }
    for (size_t i = 0; i < v->count; i++) {
        if (!value_is_map(v->items[i])) {
            check_report(r->c, RULE_CHOICE_RULE, v->items[i]->at, "state \"%s\": %s[%zu] must be a rule (a map)",
                         r->state, p->key, i);
            continue;
        }
        *stack = sfn_grow(*stack, cap, *n + 1, sizeof **stack);
        (*stack)[(*n)++] = v->items[i];
    }
}

static bool is_boolean_key(const char *k) { return !strcmp(k, "And") || !strcmp(k, "Or") || !strcmp(k, "Not"); }

/* One JSONPath rule, top-level or nested; nested rules it holds go on the stack. */
static void check_jsonpath_rule(rule_ctx *r, const value *rule, bool top, const value ***stack, size_t *n,
                                size_t *cap)
{
    int tests = 0;
    bool unknown = false;
    const value_pair *extra = NULL;
    for (size_t i = 0; i < rule->count; i++) {
        const value_pair *p = &rule->pairs[i];
        int op = operator_find(p->key);
        if (op >= 0) {
            if (tests++ == 1)
                extra = p;
            check_operand(r, p, OPERATORS[op].takes);
        } else if (is_boolean_key(p->key)) {
            if (tests++ == 1)
                extra = p;
            push_nested(r, p, stack, n, cap);
        } else if (!strcmp(p->key, "Next") || !strcmp(p->key, "Assign")) {
            if (!top)
                check_report(r->c, RULE_CHOICE_NEXT, p->key_mark,
                             "state \"%s\": a rule inside And, Or or Not takes no %s (only a top-level rule does)",
                             r->state, p->key);
        } else if (!strcmp(p->key, "Condition") || !strcmp(p->key, "Output")) {
            check_report(r->c, RULE_FIELD_QUERY_LANGUAGE, p->key_mark,
                         "state \"%s\": %s is a JSONata rule field, and this state's QueryLanguage is JSONPath",
                         r->state, p->key);
        } else if (strcmp(p->key, "Variable") != 0 && strcmp(p->key, "Comment") != 0) {
            unknown = true;
            check_report(r->c, RULE_CHOICE_RULE, p->key_mark, "state \"%s\": unknown comparison or rule field \"%s\"",
                         r->state, p->key);
        }
    }
    const value *variable = value_get(rule, "Variable");
    bool boolean = value_get(rule, "And") || value_get(rule, "Or") || value_get(rule, "Not");
    if (extra)
        check_report(r->c, RULE_CHOICE_RULE, extra->key_mark,
                     "state \"%s\": a rule takes one comparison or one of And, Or, Not; %s is a second one", r->state,
                     extra->key);
    else if (tests == 0 && !unknown)
        check_report(r->c, RULE_CHOICE_RULE, rule->at, "state \"%s\": this rule compares nothing: give %s", r->state,
                     variable ? "it a comparison such as StringEquals" : "Variable and a comparison, or And, Or, Not");
    if (!boolean && tests && !variable)
        check_report(r->c, RULE_CHOICE_RULE, rule->at, "state \"%s\": a comparison needs a Variable", r->state);
    else if (variable && (boolean || !value_str(variable)))
        check_report(r->c, RULE_CHOICE_RULE, variable->at, "state \"%s\": %s", r->state,
                     boolean ? "a rule with And, Or or Not takes no Variable" : "Variable must be a path (a string)");
}

static void check_jsonata_rule(rule_ctx *r, const value *rule)
{
    const value *cond = value_get(rule, "Condition");
    if (!cond)
        check_report(r->c, RULE_CHOICE_RULE, rule->at, "state \"%s\": a JSONata rule needs a Condition", r->state);
    else if (cond->kind != VALUE_BOOL && !check_is_jsonata_expr(cond))
        check_report(r->c, RULE_CHOICE_RULE, cond->at,
                     "state \"%s\": Condition must be true, false or a {%% %%} expression", r->state);
    for (size_t i = 0; i < rule->count; i++) {
        const char *k = rule->pairs[i].key;
        if (!strcmp(k, "Variable") || operator_find(k) >= 0 || is_boolean_key(k))
            check_report(r->c, RULE_FIELD_QUERY_LANGUAGE, rule->pairs[i].key_mark,
                         "state \"%s\": %s is a JSONPath rule field, and this state's QueryLanguage is JSONata",
                         r->state, k);
        else if (strcmp(k, "Condition") && strcmp(k, "Next") && strcmp(k, "Assign") && strcmp(k, "Output") &&
                 strcmp(k, "Comment"))
            check_report(r->c, RULE_CHOICE_RULE, rule->pairs[i].key_mark, "state \"%s\": unknown rule field \"%s\"",
                         r->state, k);
    }
}

static void check_top_rule(rule_ctx *r, const wf_state *s, const value *rule, size_t index)
{
    if (!value_is_map(rule)) {
        check_report(r->c, RULE_CHOICE_RULE, rule->at, "state \"%s\": Choices[%zu] must be a rule (a map), not %s",
                     r->state, index, check_kind_name(rule));
        return;
    }
    if (!value_get(rule, "Next"))
        check_report(r->c, RULE_CHOICE_NEXT, rule->at, "state \"%s\": Choices[%zu] has no Next", r->state, index);
    if (s->jsonata) {
        check_jsonata_rule(r, rule);
        return;
    }
    const value **stack = NULL;
    size_t n = 0, cap = 0;
    check_jsonpath_rule(r, rule, true, &stack, &n, &cap);
    while (n > 0) {
        const value *nested = stack[--n];
        check_jsonpath_rule(r, nested, false, &stack, &n, &cap);
    }
    free(stack);
}

static void check_one_choice(checker *c, const wf_state *s)
{
    char buf[96];
    rule_ctx r = {c, check_short(s->name, buf, sizeof buf)};
    const value *choices = value_get(s->src, "Choices");
    if (value_is_seq(choices) && choices->count == 0)
        check_report(c, RULE_CHOICE_RULE, choices->at, "state \"%s\": Choices must not be empty", r.state);
    for (size_t i = 0; value_is_seq(choices) && i < choices->count; i++)
        check_top_rule(&r, s, choices->items[i], i);
    if (!value_get(s->src, "Default"))
        check_report(c, RULE_CHOICE_NO_DEFAULT, s->at,
                     "Choice state \"%s\" has no Default: when no rule matches, the execution fails with "
                     "States.NoChoiceMatched",
                     r.state);
}

void check_choice(checker *c, const wf_state *s)
{
    if (s->type == STATE_CHOICE)
        check_one_choice(c, s);
}
