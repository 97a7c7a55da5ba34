/* check_handlers.c: Retry and Catch — their fields, ErrorEquals, and where States.ALL may stand.
 *
 * A retrier takes ErrorEquals, IntervalSeconds (positive), MaxAttempts (0 or more), BackoffRate (1.0 or
 * more), MaxDelaySeconds (positive), JitterStrategy (FULL or NONE) and Comment; a catcher ErrorEquals,
 * Next, ResultPath (JSONPath) or Output (JSONata), Assign and Comment (deployed workflows use it, and
 * statelint's own tests allow it). States.ALL matches every error, so it must be
 * alone in its list and in the last retrier or catcher: anything after it could never match. */
#include "check/check.h"

#include <string.h>

/* The errors the service raises itself (asl-digest 1.6): a States.* name outside this list never matches. */
static const char *const SERVICE_ERRORS[] = {
    "States.ALL", "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
    "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.QueryEvaluationError",
    "States.BranchFailed", "States.NoChoiceMatched", "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed",
    "States.DataLimitExceeded", "States.Runtime", "States.Http.Socket", NULL,
};

typedef struct handler_ctx {
    checker *c;
    const wf_state *s;
    const char *state; /* cut to size */
    const char *list;  /* "Retry" or "Catch" */
} handler_ctx;

static bool is_service_error(const char *name)
{
    for (const char *const *e = SERVICE_ERRORS; *e; e++)
        if (strcmp(*e, name) == 0)
            return true;
    return false;
}

/* Checks ErrorEquals of handler i; returns whether it holds States.ALL. */
static bool check_error_equals(handler_ctx *h, const value *handler, size_t i, bool last)
{
    const value *errors = value_get(handler, "ErrorEquals");
    if (!errors) {
        check_report(h->c, RULE_ERROR_EQUALS, handler->at, "state \"%s\": %s[%zu] has no ErrorEquals", h->state,
                     h->list, i);
        return false;
    }
    if (!value_is_seq(errors) || errors->count == 0) {
        check_report(h->c, RULE_ERROR_EQUALS, errors->at,
                     "state \"%s\": %s[%zu].ErrorEquals must be a non-empty list of error names", h->state, h->list,
                     i);
        return false;
    }
    bool all = false;
    for (size_t k = 0; k < errors->count; k++) {
        const value *e = errors->items[k];
        if (!value_str(e)) {
            check_report(h->c, RULE_ERROR_EQUALS, e->at, "state \"%s\": %s[%zu].ErrorEquals[%zu] must be a string, "
                                                         "not %s",
                         h->state, h->list, i, k, check_kind_name(e));
            continue;
        }
        if (strcmp(e->text, "States.ALL") == 0) {
            all = true;
            if (errors->count > 1)
                check_report(h->c, RULE_STATES_ALL, e->at,
                             "state \"%s\": States.ALL must be alone in its ErrorEquals (it matches every error)",
                             h->state);
        } else if (strncmp(e->text, "States.", 7) == 0 && !is_service_error(e->text)) {
            check_report(h->c, RULE_ERROR_NAME, e->at, "state \"%s\": \"%s\" is not an error Step Functions raises",
                         h->state, e->text);
        }
    }
    if (all && !last)
        check_report(h->c, RULE_STATES_ALL, handler->at,
                     "state \"%s\": the %s entry with States.ALL must be the last one (the ones after it never match)",
                     h->state, h->list);
    return all;
}

static void need_int(handler_ctx *h, const value *r, size_t i, const char *key, long long lo)
{
    const value *v = value_get(r, key);
    long long n;
    if (!v || (h->s->jsonata && check_is_jsonata_expr(v)))
        return;
    if (!value_int(v, &n))
        check_report(h->c, RULE_FIELD_TYPE, v->at, "state \"%s\": Retry[%zu].%s must be a whole number, not %s",
                     h->state, i, key, v->kind == VALUE_NUMBER ? v->text : check_kind_name(v));
    else if (n < lo || n > 99999999)
        check_report(h->c, RULE_FIELD_RANGE, v->at, "state \"%s\": Retry[%zu].%s must be from %lld to 99999999, "
                                                    "not %lld",
                     h->state, i, key, lo, n);
}

static void check_retrier(handler_ctx *h, const value *r, size_t i)
{
    static const char *const fields[] = {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                         "MaxDelaySeconds", "JitterStrategy", "Comment", NULL};
    for (size_t k = 0; k < r->count; k++) {
        const char *key = r->pairs[k].key;
        const char *const *f = fields;
        while (*f && strcmp(*f, key) != 0)
            f++;
        if (!*f)
            check_report(h->c, RULE_FIELD_UNKNOWN, r->pairs[k].key_mark,
                         "state \"%s\": a retrier does not take \"%s\" (it takes ErrorEquals, IntervalSeconds, "
                         "MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy, Comment)",
                         h->state, key);
    }
    need_int(h, r, i, "IntervalSeconds", 1);
    need_int(h, r, i, "MaxAttempts", 0);
    need_int(h, r, i, "MaxDelaySeconds", 1);
    const value *rate = value_get(r, "BackoffRate");
    if (rate && rate->kind != VALUE_NUMBER && !(h->s->jsonata && check_is_jsonata_expr(rate)))
        check_report(h->c, RULE_FIELD_TYPE, rate->at, "state \"%s\": Retry[%zu].BackoffRate must be a number, not %s",
                     h->state, i, check_kind_name(rate));
    else if (rate && rate->kind == VALUE_NUMBER && !(rate->number >= 1.0))
        check_report(h->c, RULE_FIELD_RANGE, rate->at, "state \"%s\": Retry[%zu].BackoffRate must be 1.0 or more, "
                                                       "not %s",
                     h->state, i, rate->text);
    const value *jitter = value_get(r, "JitterStrategy");
    if (jitter && !(value_str(jitter) && (!strcmp(jitter->text, "FULL") || !strcmp(jitter->text, "NONE"))))
        check_report(h->c, RULE_FIELD_RANGE, jitter->at, "state \"%s\": Retry[%zu].JitterStrategy must be FULL or "
                                                         "NONE",
                     h->state, i);
}

static void check_catcher(handler_ctx *h, const value *cat)
{
    for (size_t k = 0; k < cat->count; k++) {
        const char *key = cat->pairs[k].key;
        mark at = cat->pairs[k].key_mark;
        if (!strcmp(key, "ResultPath") && h->s->jsonata)
            check_report(h->c, RULE_FIELD_QUERY_LANGUAGE, at,
                         "state \"%s\": ResultPath in a catcher is JSONPath, and this state's QueryLanguage is "
                         "JSONata (use Output)",
                         h->state);
        else if (!strcmp(key, "Output") && !h->s->jsonata)
            check_report(h->c, RULE_FIELD_QUERY_LANGUAGE, at,
                         "state \"%s\": Output in a catcher is JSONata, and this state's QueryLanguage is JSONPath "
                         "(use ResultPath)",
                         h->state);
        else if (strcmp(key, "ErrorEquals") && strcmp(key, "Next") && strcmp(key, "ResultPath") &&
                 strcmp(key, "Output") && strcmp(key, "Assign") && strcmp(key, "Comment"))
            check_report(h->c, RULE_FIELD_UNKNOWN, at,
                         "state \"%s\": a catcher does not take \"%s\" (it takes ErrorEquals, Next, ResultPath or "
                         "Output, Assign, Comment)",
                         h->state, key);
    }
    const value *next = value_get(cat, "Next");
    if (!next)
        check_report(h->c, RULE_FIELD_REQUIRED, cat->at, "state \"%s\": a catcher needs a Next", h->state);
    else if (!value_str(next))
        check_report(h->c, RULE_FIELD_TYPE, next->at, "state \"%s\": a catcher's Next must be a state name, not %s",
                     h->state, check_kind_name(next));
}

static void check_list(handler_ctx *h, const char *list)
{
    h->list = list;
    const value *items = value_get(h->s->src, list);
    for (size_t i = 0; value_is_seq(items) && i < items->count; i++) {
        const value *item = items->items[i];
        if (!value_is_map(item)) {
            check_report(h->c, RULE_FIELD_TYPE, item->at, "state \"%s\": %s[%zu] must be a map, not %s", h->state,
                         list, i, check_kind_name(item));
            continue;
        }
        check_error_equals(h, item, i, i + 1 == items->count);
        if (list[0] == 'R')
            check_retrier(h, item, i);
        else
            check_catcher(h, item);
    }
}

void check_handlers(checker *c, const wf_state *s)
{
    if (s->type != STATE_TASK && s->type != STATE_PARALLEL && s->type != STATE_MAP)
        return;
    char buf[96];
    handler_ctx h = {c, s, check_short(s->name, buf, sizeof buf), NULL};
    check_list(&h, "Retry");
    check_list(&h, "Catch");
}
