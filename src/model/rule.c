/* rule.c: a Choice rule as readable text; see rule.h.
 *
 * A rule is one of three forms: a JSONata `Condition`, a Boolean combinator (`And`, `Or`, `Not`) over
 * nested rules, or a JSONPath data test (`Variable` plus one operator). Each form renders into a strbuf;
 * combinators report which operator sits at the top of their text so the parent knows whether to wrap it
 * in parentheses. Nothing here rejects a rule: what cannot be read becomes `?`, because the checker
 * reports broken rules and the diagram should still label the edge with whatever is there. */
#include "model/rule.h"

#include <stdbool.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026, appended when a rule has more than one operator */

/* The operator at the top of a rendered rule, which decides whether a parent must parenthesise it. */
typedef enum rule_prec { PREC_ATOM, PREC_AND, PREC_OR } rule_prec;

/* What a data-test operator expects on its right-hand side, which decides how that side is written. */
typedef enum operand_kind {
    OPERAND_STRING,    /* JSON string literal, quoted */
    OPERAND_NUMBER,    /* number as written */
    OPERAND_BOOL,      /* true / false */
    OPERAND_TIMESTAMP, /* RFC 3339 string, unquoted: it reads as a time, not as text */
    OPERAND_TYPE,      /* type test: the boolean picks `is` or `is not` */
    OPERAND_PATH,      /* a `...Path` variant: the other side is a path, as written */
} operand_kind;

typedef struct data_op {
    const char *name;
    const char *symbol; /* for type tests: the type word after `is` */
    operand_kind operand;
    bool has_path; /* a `<name>Path` variant exists */
} data_op;

/* The 23 literal operators and type tests; the 16 `...Path` variants are found through has_path. */
static const data_op DATA_OPS[] = {
    {"StringEquals", "==", OPERAND_STRING, true},
    {"StringLessThan", "<", OPERAND_STRING, true},
    {"StringGreaterThan", ">", OPERAND_STRING, true},
    {"StringLessThanEquals", "<=", OPERAND_STRING, true},
    {"StringGreaterThanEquals", ">=", OPERAND_STRING, true},
    {"StringMatches", "like", OPERAND_STRING, false},
    {"NumericEquals", "==", OPERAND_NUMBER, true},
    {"NumericLessThan", "<", OPERAND_NUMBER, true},
    {"NumericGreaterThan", ">", OPERAND_NUMBER, true},
    {"NumericLessThanEquals", "<=", OPERAND_NUMBER, true},
    {"NumericGreaterThanEquals", ">=", OPERAND_NUMBER, true},
    {"BooleanEquals", "==", OPERAND_BOOL, true},
    {"TimestampEquals", "==", OPERAND_TIMESTAMP, true},
    {"TimestampLessThan", "<", OPERAND_TIMESTAMP, true},
    {"TimestampGreaterThan", ">", OPERAND_TIMESTAMP, true},
    {"TimestampLessThanEquals", "<=", OPERAND_TIMESTAMP, true},
    {"TimestampGreaterThanEquals", ">=", OPERAND_TIMESTAMP, true},
    {"IsNull", "null", OPERAND_TYPE, false},
    {"IsPresent", "present", OPERAND_TYPE, false},
    {"IsNumeric", "numeric", OPERAND_TYPE, false},
    {"IsString", "string", OPERAND_TYPE, false},
    {"IsBoolean", "boolean", OPERAND_TYPE, false},
    {"IsTimestamp", "timestamp", OPERAND_TYPE, false},
};

/* Keys of a rule that are not operators: they never decide the rule's form. */
static const char *const NON_OPERATOR_KEYS[] = {"Variable", "Next", "Comment", "Assign", "Output"};

typedef enum rule_form { FORM_NONE, FORM_CONDITION, FORM_AND, FORM_OR, FORM_NOT, FORM_TEST, FORM_UNKNOWN } rule_form;

/* The operator a rule is read by: its key, its form and (for data tests) the operator with its operand. */
typedef struct rule_head {
    rule_form form;
    const value_pair *pair;
    const data_op *op;
    operand_kind operand;
    size_t operator_count; /* every operator-like key, to mark rules with more than one */
} rule_head;

static rule_prec put_rule(strbuf *b, const value *rule, unsigned depth);

static bool key_is(const value_pair *p, const char *name)
{
    size_t n = strlen(name);
    return p->key_len == n && memcmp(p->key, name, n) == 0;
}

static bool is_non_operator_key(const value_pair *p)
{
    for (size_t i = 0; i < sizeof NON_OPERATOR_KEYS / sizeof NON_OPERATOR_KEYS[0]; i++)
        if (key_is(p, NON_OPERATOR_KEYS[i]))
            return true;
    return false;
}

/* Finds a data operator by key: the literal form, or `<name>Path` for operators that have one. */
static const data_op *find_data_op(const value_pair *p, operand_kind *operand)
{
    static const char suffix[] = "Path";
    const size_t slen = sizeof suffix - 1;
    bool path = p->key_len > slen && memcmp(p->key + p->key_len - slen, suffix, slen) == 0;
    for (size_t i = 0; i < sizeof DATA_OPS / sizeof DATA_OPS[0]; i++) {
        const data_op *op = &DATA_OPS[i];
        size_t n = strlen(op->name);
        if (key_is(p, op->name)) {
            *operand = op->operand;
            return op;
        }
        if (path && op->has_path && p->key_len == n + slen && memcmp(p->key, op->name, n) == 0) {
            *operand = OPERAND_PATH;
            return op;
        }
    }
    return NULL;
}

static const struct {
    const char *key;
    rule_form form;
} FORM_KEYS[] = {{"Condition", FORM_CONDITION}, {"And", FORM_AND}, {"Or", FORM_OR}, {"Not", FORM_NOT}};

/* The form a single key gives a rule; FORM_UNKNOWN for a key we do not know. */
static rule_form form_of_key(const value_pair *p, const data_op **op, operand_kind *operand)
{
    for (size_t i = 0; i < sizeof FORM_KEYS / sizeof FORM_KEYS[0]; i++)
        if (key_is(p, FORM_KEYS[i].key))
            return FORM_KEYS[i].form;
    *op = find_data_op(p, operand);
    return *op ? FORM_TEST : FORM_UNKNOWN;
}

/* Reads the rule by its first known operator in source order; an unknown key is used only when there is
 * no known one, so a stray field does not hide a readable test. */
static rule_head read_head(const value *rule)
{
    rule_head h = {FORM_NONE, NULL, NULL, OPERAND_STRING, 0};
    for (size_t i = 0; i < rule->count; i++) {
        const value_pair *p = &rule->pairs[i];
        if (is_non_operator_key(p))
            continue;
        h.operator_count++;
        const data_op *op = NULL;
        operand_kind operand = OPERAND_STRING;
        rule_form form = form_of_key(p, &op, &operand);
        if (h.form == FORM_NONE || (h.form == FORM_UNKNOWN && form != FORM_UNKNOWN)) {
            h.form = form;
            h.pair = p;
            h.op = op;
            h.operand = operand;
        }
    }
    return h;
}

/* Text and length of a scalar, tagged or not (a tagged scalar such as `!Ref Env` shows as its text).
 * The length falls back to strlen for values built without one. */
static const char *scalar_text(const value *v, size_t *len)
{
    if (!v || v->kind == VALUE_SEQ || v->kind == VALUE_MAP || !v->text)
        return NULL;
    *len = v->len ? v->len : strlen(v->text);
    return v->text;
}

static bool is_plain(const value *v, value_kind kind) { return v && v->kind == kind && !v->tag; }

/* A string that still holds a `${...}` placeholder stands for a value of any type (a substitution the
 * template stage could not resolve), so it is shown as written wherever a number or boolean belongs. */
static bool is_placeholder_string(const value *v)
{
    return v && v->kind == VALUE_STRING && v->text && strstr(v->text, "${") != NULL;
}

static void put_json_string(strbuf *b, const char *s, size_t len)
{
    strbuf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': strbuf_puts(b, "\\\""); break;
        case '\\': strbuf_puts(b, "\\\\"); break;
        case '\b': strbuf_puts(b, "\\b"); break;
        case '\f': strbuf_puts(b, "\\f"); break;
        case '\n': strbuf_puts(b, "\\n"); break;
        case '\r': strbuf_puts(b, "\\r"); break;
        case '\t': strbuf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                strbuf_printf(b, "\\u%04x", c);
            else
                strbuf_putc(b, (char)c);
        }
    }
    strbuf_putc(b, '"');
}

/* Writes a scalar's text as written; false (and nothing written) when v is not a scalar with text, so
 * an empty path or Variable shows as `?` rather than as nothing. */
static bool put_scalar_text(strbuf *b, const value *v)
{
    size_t len = 0;
    const char *s = scalar_text(v, &len);
    if (!s || len == 0)
        return false;
    strbuf_put(b, s, len);
    return true;
}

static void put_bool(strbuf *b, bool x) { strbuf_puts(b, x ? "true" : "false"); }

/* A number as written (`1.50` stays `1.50`); values built without text fall back to %g. */
static void put_number(strbuf *b, const value *v)
{
    if (!put_scalar_text(b, v))
        strbuf_printf(b, "%g", v->number);
}

/* The right-hand side of a data test, or `?` when its type does not fit the operator. */
static void put_operand(strbuf *b, const value *v, operand_kind operand)
{
    if (v && v->tag && put_scalar_text(b, v))
        return;
    bool ok = false;
    size_t len = 0;
    const char *s = is_plain(v, VALUE_STRING) ? scalar_text(v, &len) : NULL;
    switch (operand) {
    case OPERAND_STRING:
        if ((ok = s != NULL))
            put_json_string(b, s, len);
        break;
    case OPERAND_NUMBER:
        if ((ok = is_plain(v, VALUE_NUMBER)))
            put_number(b, v);
        break;
    case OPERAND_BOOL:
        if ((ok = is_plain(v, VALUE_BOOL)))
            put_bool(b, v->boolean);
        break;
    case OPERAND_TIMESTAMP:
    case OPERAND_PATH:
        ok = s && put_scalar_text(b, v);
        break;
    case OPERAND_TYPE:
        break;
    }
    if (!ok && !(is_placeholder_string(v) && put_scalar_text(b, v)))
        strbuf_putc(b, '?');
}

/* The rule's Variable as written, or `?` when it is missing or not text. */
static void put_variable(strbuf *b, const value *rule)
{
    const value *var = value_get(rule, "Variable");
    if (!(var && (var->kind == VALUE_STRING || var->tag) && put_scalar_text(b, var)))
        strbuf_putc(b, '?');
}

/* `$.x is present`, `$.x is not null`; a non-boolean value leaves `$.x is present ?`. */
static void put_type_test(strbuf *b, const data_op *op, const value *v)
{
    strbuf_puts(b, " is ");
    if (is_plain(v, VALUE_BOOL)) {
        strbuf_puts(b, v->boolean ? "" : "not ");
        strbuf_puts(b, op->symbol);
        return;
    }
    strbuf_puts(b, op->symbol);
    strbuf_putc(b, ' ');
    put_operand(b, v, OPERAND_TYPE);
}

static void put_data_test(strbuf *b, const value *rule, const rule_head *h)
{
    put_variable(b, rule);
    if (h->operand == OPERAND_TYPE) {
        put_type_test(b, h->op, h->pair->val);
        return;
    }
    strbuf_printf(b, " %s ", h->op->symbol);
    put_operand(b, h->pair->val, h->operand);
}

/* Any scalar in its plain reading, for an operator we do not know (`$.x ? 5`, `$.x ? "a"`). */
static void put_any_scalar(strbuf *b, const value *v)
{
    if (v->tag || v->kind == VALUE_NULL || v->kind == VALUE_NUMBER) {
        if (!put_scalar_text(b, v))
            strbuf_puts(b, v->kind == VALUE_NULL ? "null" : "?");
    } else if (v->kind == VALUE_BOOL) {
        put_bool(b, v->boolean);
    } else {
        size_t len = 0;
        const char *s = scalar_text(v, &len);
        put_json_string(b, s ? s : "", s ? len : 0);
    }
}

/* A data test whose operator is unknown (or absent): what could be read, with `?` for the operator.
 * Without a Variable there is nothing worth showing but the `?`. */
static void put_unknown_test(strbuf *b, const value *rule, const rule_head *h)
{
    if (!value_get(rule, "Variable")) {
        strbuf_putc(b, '?');
        return;
    }
    put_variable(b, rule);
    strbuf_puts(b, " ?");
    if (h->pair && value_is_scalar(h->pair->val)) {
        strbuf_putc(b, ' ');
        put_any_scalar(b, h->pair->val);
    }
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Narrows [*s, *e) past surrounding whitespace. */
static void trim(const char **s, const char **e)
{
    while (*s < *e && is_blank(**s))
        (*s)++;
    while (*e > *s && is_blank((*e)[-1]))
        (*e)--;
}

/* A JSONata Condition: `{% expr %}` shows as `expr`; a boolean literal as true/false; other text as
 * written. */
static void put_condition(strbuf *b, const value *v)
{
    if (is_plain(v, VALUE_BOOL)) {
        put_bool(b, v->boolean);
        return;
    }
    size_t len = 0;
    const char *text = (v && (v->kind == VALUE_STRING || v->tag)) ? scalar_text(v, &len) : NULL;
    if (!text) {
        strbuf_putc(b, '?');
        return;
    }
    const char *s = text, *e = text + len;
    trim(&s, &e);
    if (e - s >= 4 && s[0] == '{' && s[1] == '%' && e[-2] == '%' && e[-1] == '}') {
        s += 2;
        e -= 2;
        trim(&s, &e);
    } else {
        s = text;
        e = text + len;
    }
    if (s == e)
        strbuf_putc(b, '?');
    else
        strbuf_put(b, s, (size_t)(e - s));
}

/* One operand of And/Or, parenthesised when it is itself a combinator of the other kind. `outer` is
 * PREC_ATOM for the sole operand of a one-item list, which stands alone and is never wrapped. */
static rule_prec put_combinator_item(strbuf *b, const value *item, rule_prec outer, unsigned depth)
{
    if (!value_is_map(item)) {
        strbuf_putc(b, '?');
        return PREC_ATOM;
    }
    strbuf inner;
    strbuf_init(&inner);
    rule_prec prec = put_rule(&inner, item, depth + 1);
    bool wrap = outer != PREC_ATOM && prec != PREC_ATOM && prec != outer;
    if (wrap)
        strbuf_putc(b, '(');
    strbuf_put(b, strbuf_cstr(&inner), inner.len);
    if (wrap)
        strbuf_putc(b, ')');
    strbuf_free(&inner);
    return prec;
}

/* And / Or: infix. A single operand is shown alone, so it keeps its own precedence. */
static rule_prec put_combinator(strbuf *b, const value *list, rule_prec prec, unsigned depth)
{
    if (!value_is_seq(list) || list->count == 0) {
        strbuf_putc(b, '?');
        return PREC_ATOM;
    }
    const char *joiner = prec == PREC_AND ? " and " : " or ";
    rule_prec only = PREC_ATOM;
    for (size_t i = 0; i < list->count; i++) {
        if (i > 0)
            strbuf_puts(b, joiner);
        only = put_combinator_item(b, list->items[i], list->count == 1 ? PREC_ATOM : prec, depth);
    }
    return list->count == 1 ? only : prec;
}

/* Not: `not (X)`, always parenthesised so the scope of `not` is never in doubt. */
static void put_not(strbuf *b, const value *operand, unsigned depth)
{
    strbuf_puts(b, "not (");
    if (value_is_map(operand))
        put_rule(b, operand, depth + 1);
    else
        strbuf_putc(b, '?');
    strbuf_putc(b, ')');
}

static rule_prec put_rule(strbuf *b, const value *rule, unsigned depth)
{
    /* Readers bound nesting already; this guard keeps hand-built trees from exhausting the stack. */
    if (!value_is_map(rule) || depth > VALUE_MAX_DEPTH) {
        strbuf_putc(b, '?');
        return PREC_ATOM;
    }
    rule_head h = read_head(rule);
    rule_prec prec = PREC_ATOM;
    switch (h.form) {
    case FORM_CONDITION: put_condition(b, h.pair->val); break;
    case FORM_AND: prec = put_combinator(b, h.pair->val, PREC_AND, depth); break;
    case FORM_OR: prec = put_combinator(b, h.pair->val, PREC_OR, depth); break;
    case FORM_NOT: put_not(b, h.pair->val, depth); break;
    case FORM_TEST: put_data_test(b, rule, &h); break;
    case FORM_NONE:
    case FORM_UNKNOWN: put_unknown_test(b, rule, &h); break;
    }
    if (h.operator_count > 1)
        strbuf_puts(b, " " ELLIPSIS);
    return prec;
}

const char *rule_text(arena *a, const value *rule)
{
    strbuf b;
    strbuf_init(&b);
    put_rule(&b, rule, 0);
    return strbuf_to_arena(&b, a);
}
