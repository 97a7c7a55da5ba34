/* resource.c: a Task's Resource shown short; see resource.h.
 *
 * The Resource is parsed as a generic ARN (`arn:partition:service:region:account:rest`) and dispatched on
 * its service: `lambda` function ARNs, and `states` for integrations (optimised, aws-sdk, http) and
 * activities. Fields are split at colons outside `${...}`, so CloudFormation placeholders such as
 * `${AWS::Partition}` may stand in any field. A Resource that is a single placeholder (`${Fn.Arn}`,
 * `${ProcessOrderFunctionArn}`) is named with the resolver's answer or, lacking one, by its name.
 * Anything unrecognised is kept as written: the spec does not constrain the URI scheme, so an unknown
 * but well-formed string still renders. */
#include "model/resource.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#define LAMBDA_SIGN "\xCE\xBB" /* U+03BB, the console's mark for a Lambda function */

/* A slice of a NUL-terminated string; fields of an ARN are slices of the Resource. */
typedef struct span {
    const char *s;
    size_t n;
} span;

typedef struct arn {
    span partition, service, region, account, rest;
} arn;

/* What a `${...}` placeholder names: its logical ID (without `.Arn`) and the template's type for it. */
typedef struct placeholder {
    span whole; /* the text between `${` and `}` */
    span base;  /* whole without a trailing `.Arn` */
    bool arn_attr;
    const char *type; /* resolver's answer; NULL when unknown */
} placeholder;

/* ---- spans ---- */

static span span_of(const char *s)
{
    span x = {s, strlen(s)};
    return x;
}

static span span_make(const char *s, const char *e)
{
    span x = {s, (size_t)(e - s)};
    return x;
}

static bool span_is(span x, const char *lit)
{
    size_t n = strlen(lit);
    return x.n == n && memcmp(x.s, lit, n) == 0;
}

static bool span_ends_with(span x, const char *lit)
{
    size_t n = strlen(lit);
    return x.n >= n && memcmp(x.s + x.n - n, lit, n) == 0;
}

static bool span_contains_ci(span x, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= x.n; i++) {
        size_t j = 0;
        while (j < n && tolower((unsigned char)x.s[i + j]) == tolower((unsigned char)lit[j]))
            j++;
        if (j == n)
            return true;
    }
    return false;
}

static bool span_equals_ci(span x, const char *lit) { return x.n == strlen(lit) && span_contains_ci(x, lit); }

static const char *span_dup(arena *a, span x) { return arena_strndup(a, x.s, x.n); }

/* The next ':' in [s, e) that is not inside a `${...}` placeholder, or e. */
static const char *next_colon(const char *s, const char *e)
{
    bool in_placeholder = false;
    for (; s < e; s++) {
        if (!in_placeholder && s[0] == '$' && s + 1 < e && s[1] == '{')
            in_placeholder = true;
        else if (in_placeholder && *s == '}')
            in_placeholder = false;
        else if (!in_placeholder && *s == ':')
            return s;
    }
    return e;
}

/* Takes the field before the next colon into *field and moves *rest past that colon. False when there
 * was no colon (then *field is all of *rest and *rest is empty). */
static bool take_field(span *rest, span *field)
{
    const char *e = rest->s + rest->n;
    const char *colon = next_colon(rest->s, e);
    *field = span_make(rest->s, colon);
    bool found = colon < e;
    *rest = found ? span_make(colon + 1, e) : span_make(e, e);
    return found;
}

static bool arn_parse(const char *raw, arn *out)
{
    span rest = span_of(raw), prefix;
    if (!take_field(&rest, &prefix) || !span_is(prefix, "arn"))
        return false;
    if (!take_field(&rest, &out->partition) || !take_field(&rest, &out->service) ||
        !take_field(&rest, &out->region) || !take_field(&rest, &out->account))
        return false;
    out->rest = rest;
    return out->service.n > 0;
}

/* ---- placeholders ---- */

/* True when x is exactly one `${name}` placeholder; *name is the text inside. */
static bool placeholder_text(span x, span *name)
{
    if (x.n < 4 || x.s[0] != '$' || x.s[1] != '{' || x.s[x.n - 1] != '}')
        return false;
    *name = span_make(x.s + 2, x.s + x.n - 1);
    for (size_t i = 0; i < name->n; i++)
        if (name->s[i] == '{' || name->s[i] == '}')
            return false;
    return true;
}

static const char *resolve_type(arena *a, const resolver *r, span logical_id)
{
    if (!r || !r->resource_type)
        return NULL;
    return r->resource_type(r->ctx, span_dup(a, logical_id));
}

static placeholder read_placeholder(arena *a, span whole, const resolver *r)
{
    placeholder p = {whole, whole, false, NULL};
    if (span_ends_with(whole, ".Arn") && whole.n > 4) {
        p.arn_attr = true;
        p.base.n -= 4;
    }
    p.type = resolve_type(a, r, p.base);
    return p;
}

static bool is_function_type(const char *type)
{
    return type && (strcmp(type, "AWS::Serverless::Function") == 0 || strcmp(type, "AWS::Lambda::Function") == 0);
}

/* `FooFunctionArn`, `BarLambdaName`: a substitution key that holds a function's ARN or name. *stem is the
 * name without its `Arn`/`Name` suffix, unless that would leave a bare word (`FunctionName` stays whole,
 * since `Function` alone names nothing). */
static bool function_key_stem(span name, span *stem)
{
    size_t cut = span_ends_with(name, "Arn") ? 3 : span_ends_with(name, "Name") ? 4 : 0;
    span rest = {name.s, name.n - cut};
    if (!cut || !(span_contains_ci(rest, "func") || span_contains_ci(rest, "lambda")))
        return false;
    bool bare = span_equals_ci(rest, "function") || span_equals_ci(rest, "func") || span_equals_ci(rest, "lambda");
    *stem = bare ? name : rest;
    return true;
}

/* The function a placeholder names. `known` says the context already makes it a function (the name slot
 * of a Lambda ARN, a FunctionName parameter); otherwise only the resolver or the name can say so. */
static bool placeholder_function(const placeholder *p, bool known, span *fn)
{
    if (is_function_type(p->type) || (p->arn_attr && known)) {
        *fn = p->base;
        return true;
    }
    if (p->arn_attr && !p->type &&
        (span_contains_ci(p->base, "func") || span_contains_ci(p->base, "lambda") || span_contains_ci(p->base, "fn"))) {
        *fn = p->base;
        return true;
    }
    if (!p->arn_attr && !p->type && function_key_stem(p->whole, fn))
        return true;
    *fn = p->base;
    return known;
}

/* The function name in a slot known to hold one: a placeholder names it by its logical ID, any other
 * text is the name as written. */
static const char *function_slot_name(arena *a, span slot, const resolver *r)
{
    span inner, fn;
    if (!placeholder_text(slot, &inner))
        return span_dup(a, slot);
    placeholder p = read_placeholder(a, inner, r);
    placeholder_function(&p, true, &fn);
    return span_dup(a, fn);
}

/* ---- results ---- */

static void set_result(resource *out, resource_kind kind, const char *name, const char *pattern, const char *text)
{
    out->kind = kind;
    out->name = name;
    out->pattern = pattern;
    out->text = text;
}

/* `<prefix><name>` plus ` <pattern>` when there is one. */
static const char *with_pattern(arena *a, const char *prefix, const char *name, const char *pattern)
{
    return arena_printf(a, "%s%s%s%s", prefix, name, pattern ? " " : "", pattern ? pattern : "");
}

static void set_lambda(arena *a, resource *out, const char *name, const char *pattern)
{
    set_result(out, RESOURCE_LAMBDA, name, pattern, with_pattern(a, LAMBDA_SIGN " ", name, pattern));
}

static void set_other(resource *out) { set_result(out, RESOURCE_OTHER, out->raw, NULL, out->raw); }

/* ---- FunctionName of lambda:invoke ---- */

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The expression inside a JSONata `{% expr %}` string, trimmed; false when s is not one. */
static bool jsonata_expr(span s, span *expr)
{
    while (s.n && is_blank(s.s[0]))
        s.s++, s.n--;
    while (s.n && is_blank(s.s[s.n - 1]))
        s.n--;
    if (s.n < 4 || memcmp(s.s, "{%", 2) != 0 || memcmp(s.s + s.n - 2, "%}", 2) != 0)
        return false;
    span e = {s.s + 2, s.n - 4};
    while (e.n && is_blank(e.s[0]))
        e.s++, e.n--;
    while (e.n && is_blank(e.s[e.n - 1]))
        e.n--;
    *expr = e;
    return true;
}

/* A FunctionName string: an ARN or partial ARN (`123456789012:function:Name:alias`) gives the field after
 * `function`; a plain `name` or `name:alias` gives its first field. */
static const char *function_name_from_text(arena *a, const char *text, const resolver *r)
{
    span rest = span_of(text), field, slot = {text, 0}, expr;
    if (jsonata_expr(rest, &expr))
        return span_dup(a, expr);
    bool after_function = false;
    for (size_t i = 0;; i++) {
        bool more = take_field(&rest, &field);
        if (i == 0 || after_function)
            slot = field;
        if (after_function)
            break;
        after_function = i > 0 && span_is(field, "function");
        if (!more) {
            if (after_function)
                slot.n = 0; /* ends at `function:` with no name */
            break;
        }
    }
    return slot.n ? function_slot_name(a, slot, r) : arena_strdup(a, text);
}

/* `Fn.Arn` -> `Fn`: GetAtt's scalar form splits at the first dot. */
static const char *logical_id_of_getatt(arena *a, const char *text)
{
    const char *dot = strchr(text, '.');
    return dot ? arena_strndup(a, text, (size_t)(dot - text)) : arena_strdup(a, text);
}

/* A long-form intrinsic left as a map: `{"Ref": X}` or `{"Fn::GetAtt": [X, Arn]}` / `"X.Arn"`. */
static const char *function_name_from_intrinsic_map(arena *a, const value *v, const resolver *r)
{
    const value *ref = value_get(v, "Ref"), *getatt = value_get(v, "Fn::GetAtt"), *sub = value_get(v, "Fn::Sub");
    if (value_str(ref))
        return arena_strdup(a, ref->text);
    if (value_is_seq(getatt) && getatt->count > 0 && value_str(getatt->items[0]))
        return arena_strdup(a, getatt->items[0]->text);
    if (value_str(getatt))
        return logical_id_of_getatt(a, getatt->text);
    if (value_str(sub))
        return function_name_from_text(a, sub->text, r);
    return "?";
}

/* A short-tag intrinsic the template stage did not turn into text: `!GetAtt Fn.Arn`, `!Ref Fn`. */
static const char *function_name_from_tagged(arena *a, const value *v, const resolver *r)
{
    if (strcmp(v->tag, "GetAtt") == 0 && v->kind == VALUE_SEQ && v->count > 0 && value_scalar_text(v->items[0]))
        return arena_strdup(a, v->items[0]->text);
    if (!value_is_scalar(v) || !v->text)
        return "?";
    if (strcmp(v->tag, "GetAtt") == 0)
        return logical_id_of_getatt(a, v->text);
    if (strcmp(v->tag, "Ref") == 0)
        return arena_strdup(a, v->text);
    return function_name_from_text(a, v->text, r);
}

/* The name a FunctionName value shows; "?" for a shape that names nothing readable. */
static const char *function_name_from_value(arena *a, const value *v, const resolver *r)
{
    if (v->tag)
        return function_name_from_tagged(a, v, r);
    if (v->kind == VALUE_MAP)
        return function_name_from_intrinsic_map(a, v, r);
    if (v->kind == VALUE_STRING && v->text)
        return function_name_from_text(a, v->text, r);
    if (value_is_scalar(v) && v->text && v->text[0])
        return arena_strdup(a, v->text); /* a number or boolean: wrong, but shown as written */
    return "?";
}

/* The function lambda:invoke calls, from FunctionName (or the path in FunctionName.$); NULL when the
 * parameters name none. */
static const char *invoked_function(arena *a, const value *params, const resolver *r)
{
    const value *v = value_get(params, "FunctionName");
    if (v && v->kind != VALUE_NULL)
        return function_name_from_value(a, v, r);
    const value *path = value_get(params, "FunctionName.$");
    if (path && value_is_scalar(path) && path->text && path->kind != VALUE_NULL)
        return arena_strdup(a, path->text);
    return NULL;
}

/* ---- HTTP ---- */

/* A parameter's text (string or tagged scalar), or the path of its `.$` form; NULL when neither. */
static const char *param_text(arena *a, const value *params, const char *key)
{
    const value *v = value_get(params, key);
    if (!v)
        v = value_get(params, arena_printf(a, "%s.$", key));
    if (!v || !(v->kind == VALUE_STRING || (v->tag && value_is_scalar(v))) || !v->text || !v->text[0])
        return NULL;
    return v->text;
}

/* An endpoint as host and path: no scheme, no user info, no query or fragment. */
static span short_endpoint(const char *url)
{
    span x = span_of(url);
    const char *scheme_end = strstr(url, "://");
    const char *first_slash = strchr(url, '/');
    if (scheme_end && (!first_slash || scheme_end < first_slash))
        x = span_of(scheme_end + 3);
    size_t authority = strcspn(x.s, "/?#");
    const char *at = memchr(x.s, '@', authority);
    if (at)
        x = span_of(at + 1);
    x.n = strcspn(x.s, "?#");
    return x;
}

static void set_http(arena *a, resource *out, const value *params, const char *pattern)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "HTTP");
    const char *method = param_text(a, params, "Method");
    const char *endpoint = param_text(a, params, "ApiEndpoint");
    if (method)
        strbuf_printf(&b, " %s", method);
    if (endpoint) {
        span host_path = short_endpoint(endpoint);
        strbuf_putc(&b, ' ');
        strbuf_put(&b, host_path.s, host_path.n);
    }
    const char *name = strbuf_to_arena(&b, a);
    set_result(out, RESOURCE_HTTP, name, pattern, with_pattern(a, "", name, pattern));
}

/* ---- states integrations ---- */

/* Splits `action[.pattern]`; the pattern keeps its dot (".sync:2"), NULL when absent. */
static span split_pattern(arena *a, span action_part, const char **pattern)
{
    const char *dot = memchr(action_part.s, '.', action_part.n);
    *pattern = NULL;
    if (!dot || dot + 1 == action_part.s + action_part.n)
        return action_part;
    *pattern = span_dup(a, span_make(dot, action_part.s + action_part.n));
    return span_make(action_part.s, dot);
}

/* `aws-sdk:SERVICE:ACTION[.pattern]`: rest is what follows `aws-sdk:`. */
static bool classify_sdk(arena *a, resource *out, span rest)
{
    span service, action_part;
    if (!take_field(&rest, &service) || !service.n)
        return false;
    action_part = rest;
    const char *pattern;
    span action = split_pattern(a, action_part, &pattern);
    if (!action.n)
        return false;
    const char *name = arena_printf(a, "%.*s:%.*s", (int)service.n, service.s, (int)action.n, action.s);
    set_result(out, RESOURCE_SDK, name, pattern, with_pattern(a, "SDK ", name, pattern));
    return true;
}

/* `SERVICE:ACTION[.pattern]`, with lambda:invoke shown as the function it calls and http:invoke as the
 * request it makes. */
static bool classify_integration(arena *a, resource *out, span service, span action_part, const value *params,
                                 const resolver *r)
{
    const char *pattern;
    span action = split_pattern(a, action_part, &pattern);
    if (!service.n || !action.n)
        return false;
    if (span_is(service, "http") && span_is(action, "invoke")) {
        set_http(a, out, params, pattern);
        return true;
    }
    const char *fn = span_is(service, "lambda") && span_is(action, "invoke") ? invoked_function(a, params, r) : NULL;
    if (fn) {
        set_lambda(a, out, fn, pattern);
        return true;
    }
    const char *name = arena_printf(a, "%.*s:%.*s", (int)service.n, service.s, (int)action.n, action.s);
    set_result(out, RESOURCE_SERVICE, name, pattern, with_pattern(a, "", name, pattern));
    return true;
}

/* `arn:*:states:...`: activities carry a region and account; integrations carry neither. */
static bool classify_states(arena *a, resource *out, const arn *parsed, const value *params, const resolver *r)
{
    span rest = parsed->rest, first;
    bool more = take_field(&rest, &first);
    if (span_is(first, "activity") && more && rest.n) {
        const char *name = span_dup(a, rest);
        set_result(out, RESOURCE_ACTIVITY, name, NULL, arena_printf(a, "activity %s", name));
        return true;
    }
    if (parsed->region.n || parsed->account.n || !more)
        return false;
    if (span_is(first, "aws-sdk"))
        return classify_sdk(a, out, rest);
    return classify_integration(a, out, first, rest, params, r);
}

/* `arn:*:lambda:*:*:function:NAME[:qualifier]`: the qualifier (alias, version, $LATEST) is not shown. */
static bool classify_lambda(arena *a, resource *out, const arn *parsed, const value *params, const resolver *r)
{
    (void)params; /* a function ARN says everything; the signature is the dispatch table's */
    span rest = parsed->rest, kind, slot;
    if (!take_field(&rest, &kind) || !span_is(kind, "function"))
        return false;
    take_field(&rest, &slot);
    if (!slot.n)
        return false;
    set_lambda(a, out, function_slot_name(a, slot, r), NULL);
    return true;
}

typedef bool (*arn_classifier)(arena *a, resource *out, const arn *parsed, const value *params, const resolver *r);

static const struct {
    const char *service;
    arn_classifier classify;
} ARN_SERVICES[] = {
    {"lambda", classify_lambda},
    {"states", classify_states},
};

static bool classify_arn(arena *a, resource *out, const value *params, const resolver *r)
{
    arn parsed;
    if (!arn_parse(out->raw, &parsed))
        return false;
    for (size_t i = 0; i < sizeof ARN_SERVICES / sizeof ARN_SERVICES[0]; i++)
        if (span_is(parsed.service, ARN_SERVICES[i].service))
            return ARN_SERVICES[i].classify(a, out, &parsed, params, r);
    return false;
}

/* A Resource that is one placeholder: a function (λ) or an activity when the resolver or the name says
 * so; anything else stays as written. */
static bool classify_placeholder(arena *a, resource *out, const resolver *r)
{
    span inner, fn;
    if (!placeholder_text(span_of(out->raw), &inner))
        return false;
    placeholder p = read_placeholder(a, inner, r);
    if (placeholder_function(&p, false, &fn)) {
        set_lambda(a, out, span_dup(a, fn), NULL);
        return true;
    }
    if (!p.arn_attr && p.type && strcmp(p.type, "AWS::StepFunctions::Activity") == 0) {
        const char *name = span_dup(a, p.base); /* Ref of an activity is its ARN */
        set_result(out, RESOURCE_ACTIVITY, name, NULL, arena_printf(a, "activity %s", name));
        return true;
    }
    return false;
}

void resource_classify(arena *a, resource *out, const char *raw, const value *params, const resolver *r)
{
    memset(out, 0, sizeof *out);
    if (!raw)
        return;
    out->kind = RESOURCE_OTHER;
    out->raw = arena_strdup(a, raw);
    if (classify_arn(a, out, params, r) || classify_placeholder(a, out, r))
        return;
    set_other(out);
}
