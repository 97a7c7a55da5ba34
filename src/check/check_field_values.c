/* check_field_values.c: what each state field holds — its kind of value, its range — and the facts
 * that tie fields together (a Wait's one time field, a heartbeat below the timeout, a Map's processor
 * mode). Fields the state type does not take were reported by check_fields; they are not looked at here.
 * In a JSONata state a number or timestamp may be a {% %} expression, evaluated at run time. */
#include "check/check.h"

#include <string.h>

/* The service's upper bound on a number of seconds (statelint's; the service says "too large"). */
static const long long SECONDS_MAX = 99999999;

static const char *need_text(value_need n)
{
    switch (n) {
    case NEED_STRING: return "a string";
    case NEED_PATH: return "a path (a string) or null";
    case NEED_BOOL: return "true or false";
    case NEED_MAP: return "a map";
    case NEED_MAP_OR_EXPR: return "a map or a {% %} expression";
    case NEED_LIST: return "a list";
    case NEED_LIST_OR_EXPR: return "a list or a {% %} expression";
    case NEED_SECONDS: return "a positive whole number of seconds";
    case NEED_COUNT: return "a whole number, 0 or more";
    case NEED_PERCENT: return "a number from 0 to 100";
    case NEED_TIMESTAMP: return "an RFC 3339 timestamp string";
    case NEED_ANY: break;
    }
    return "a value";
}

/* Whether v has the kind `n` asks for (ranges are checked apart). */
static bool kind_fits(const value *v, value_need n, bool jsonata)
{
    /* A placeholder that stayed (an intrinsic's value, say) stands for a value only the deployment knows. */
    if (v->substituted || (value_str(v) && strstr(v->text, "${")))
        return true;
    if (jsonata && check_is_jsonata_expr(v))
        return n != NEED_MAP && n != NEED_BOOL;
    switch (n) {
    case NEED_STRING: return v->kind == VALUE_STRING;
    case NEED_PATH: return v->kind == VALUE_STRING || v->kind == VALUE_NULL;
    case NEED_BOOL: return v->kind == VALUE_BOOL;
    case NEED_MAP:
    case NEED_MAP_OR_EXPR: return v->kind == VALUE_MAP;
    case NEED_LIST:
    case NEED_LIST_OR_EXPR: return v->kind == VALUE_SEQ;
    case NEED_SECONDS:
    case NEED_COUNT:
    case NEED_PERCENT: return v->kind == VALUE_NUMBER;
    case NEED_TIMESTAMP: return v->kind == VALUE_STRING;
    case NEED_ANY: break;
    }
    return true;
}

static void check_range(checker *c, const wf_state *s, const value_pair *p, value_need n)
{
    const value *v = p->val;
    char buf[96];
    const char *who = check_short(s->name, buf, sizeof buf);
    if (v->kind == VALUE_STRING && (n != NEED_TIMESTAMP || v->substituted || strstr(v->text, "${")))
        return; /* a JSONata expression, or a placeholder */
    long long i = 0;
    bool whole = value_int(v, &i);
    if ((n == NEED_SECONDS || n == NEED_COUNT) && !whole)
        check_report(c, RULE_FIELD_TYPE, v->at, "state \"%s\": %s must be %s, not %s", who, p->key, need_text(n),
                     v->text);
    else if (n == NEED_SECONDS && (i < 1 || i > SECONDS_MAX))
        check_report(c, RULE_FIELD_RANGE, v->at, "state \"%s\": %s must be from 1 to %lld, not %lld", who, p->key,
                     SECONDS_MAX, i);
    else if (n == NEED_COUNT && (i < 0 || i > SECONDS_MAX))
        check_report(c, RULE_FIELD_RANGE, v->at, "state \"%s\": %s must be from 0 to %lld, not %lld", who, p->key,
                     SECONDS_MAX, i);
    else if (n == NEED_PERCENT && !(v->number >= 0 && v->number <= 100))
        check_report(c, RULE_FIELD_RANGE, v->at, "state \"%s\": %s must be from 0 to 100, not %s", who, p->key,
                     v->text);
    else if (n == NEED_TIMESTAMP && !check_is_timestamp(v->text))
        check_report(c, RULE_TIMESTAMP_FORMAT, v->at,
                     "state \"%s\": %s \"%s\" is not an RFC 3339 timestamp like 2016-03-14T01:59:00Z", who, p->key,
                     v->text);
}

void check_field_value(checker *c, const wf_state *s, const value_pair *p, value_need need)
{
    char buf[96];
    if (need == NEED_ANY)
        return;
    if (!kind_fits(p->val, need, s->jsonata))
        check_report(c, RULE_FIELD_TYPE, p->val->at, "state \"%s\": %s must be %s, not %s",
                     check_short(s->name, buf, sizeof buf), p->key, need_text(need), check_kind_name(p->val));
    else if (need >= NEED_SECONDS)
        check_range(c, s, p, need);
}

/* ---- facts across fields ---- */

static void check_wait(checker *c, const wf_state *s)
{
    static const char *const keys[] = {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"};
    const value_pair *second = NULL;
    int n = 0;
    for (size_t i = 0; i < 4; i++) {
        const value_pair *p = value_get_pair(s->src, keys[i]);
        if (p && n++ == 1)
            second = p;
    }
    char buf[96];
    if (n == 0)
        check_report(c, RULE_WAIT_TIME, s->at, "Wait state \"%s\" needs one of Seconds, Timestamp, SecondsPath, "
                                               "TimestampPath",
                     check_short(s->name, buf, sizeof buf));
    else if (n > 1)
        check_report(c, RULE_WAIT_TIME, second->key_mark,
                     "Wait state \"%s\" has %d of Seconds, Timestamp, SecondsPath, TimestampPath: give exactly one",
                     check_short(s->name, buf, sizeof buf), n);
}

static void check_task(checker *c, const wf_state *s)
{
    long long timeout, heartbeat;
    const value *h = value_get(s->src, "HeartbeatSeconds");
    char buf[96];
    if (value_int(value_get(s->src, "TimeoutSeconds"), &timeout) && value_int(h, &heartbeat) &&
        heartbeat >= timeout)
        check_report(c, RULE_HEARTBEAT_TIMEOUT, h->at,
                     "state \"%s\": HeartbeatSeconds (%lld) must be smaller than TimeoutSeconds (%lld)",
                     check_short(s->name, buf, sizeof buf), heartbeat, timeout);
    const value *res = value_get(s->src, "Resource");
    const char *why = value_str(res) ? check_resource_problem(res->text) : NULL;
    if (why)
        check_report(c, RULE_RESOURCE_INVALID, res->at, "state \"%s\": Resource \"%s\" %s",
                     check_short(s->name, buf, sizeof buf), res->text, why);
    if (value_str(res) && c->m->type && strcmp(c->m->type, "EXPRESS") == 0 && s->res.pattern)
        check_report(c, RULE_EXPRESS_INTEGRATION, res->at,
                     "state \"%s\": the %s integration pattern is not supported by EXPRESS state machines",
                     check_short(s->name, buf, sizeof buf), s->res.pattern);
}

static void exclusive_in(checker *c, const wf_state *s, const value *map, const char *where, const char *a,
                         const char *b)
{
    const value_pair *pb = value_get_pair(map, b);
    char buf[96];
    if (value_get(map, a) && pb)
        check_report(c, RULE_FIELD_EXCLUSIVE, pb->key_mark, "state \"%s\": %s has both %s and %s: give one",
                     check_short(s->name, buf, sizeof buf), where, a, b);
}

static void check_map(checker *c, const wf_state *s)
{
    static const char *const distributed_only[] = {"ItemReader", "ItemBatcher", "ResultWriter",
                                                   "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                                                   "ToleratedFailureCount", "ToleratedFailureCountPath", "Label"};
    char buf[96];
    const char *who = check_short(s->name, buf, sizeof buf);
    const value *config = value_get(value_get(s->src, "ItemProcessor"), "ProcessorConfig");
    const value *mode = value_get(config, "Mode");
    if (mode && (!value_str(mode) || (strcmp(mode->text, "INLINE") != 0 && strcmp(mode->text, "DISTRIBUTED") != 0)))
        check_report(c, RULE_FIELD_TYPE, mode->at, "state \"%s\": ProcessorConfig Mode must be INLINE or DISTRIBUTED",
                     who);
    const value *exec = value_get(config, "ExecutionType");
    if (exec && (!value_str(exec) || (strcmp(exec->text, "STANDARD") != 0 && strcmp(exec->text, "EXPRESS") != 0)))
        check_report(c, RULE_FIELD_TYPE, exec->at,
                     "state \"%s\": ProcessorConfig ExecutionType must be STANDARD or EXPRESS", who);
    if (s->map.distributed && !exec)
        check_report(c, RULE_MAP_EXECUTION_TYPE, check_key_mark(config, "Mode"),
                     "state \"%s\": a DISTRIBUTED Map needs an ExecutionType (STANDARD or EXPRESS)", who);
    for (size_t i = 0; !s->map.distributed && i < sizeof distributed_only / sizeof *distributed_only; i++)
        if (value_get(s->src, distributed_only[i]))
            check_report(c, RULE_MAP_INLINE_FIELD, check_key_mark(s->src, distributed_only[i]),
                         "state \"%s\": %s belongs to a Distributed Map, and this Map is inline (set "
                         "ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED)",
                         who, distributed_only[i]);
    const value *reader = value_get(value_get(s->src, "ItemReader"), "ReaderConfig");
    exclusive_in(c, s, reader, "ItemReader.ReaderConfig", "MaxItems", "MaxItemsPath");
    const value *batcher = value_get(s->src, "ItemBatcher");
    exclusive_in(c, s, batcher, "ItemBatcher", "MaxItemsPerBatch", "MaxItemsPerBatchPath");
    exclusive_in(c, s, batcher, "ItemBatcher", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
}

static void check_parallel(checker *c, const wf_state *s)
{
    const value *branches = value_get(s->src, "Branches");
    char buf[96];
    if (value_is_seq(branches) && branches->count == 0)
        check_report(c, RULE_FIELD_REQUIRED, branches->at, "state \"%s\": Branches must not be empty",
                     check_short(s->name, buf, sizeof buf));
    for (size_t i = 0; value_is_seq(branches) && i < branches->count; i++)
        if (!value_is_map(branches->items[i]))
            check_report(c, RULE_FIELD_TYPE, branches->items[i]->at,
                         "state \"%s\": Branches[%zu] must be a map with StartAt and States, not %s",
                         check_short(s->name, buf, sizeof buf), i, check_kind_name(branches->items[i]));
}

void check_values_of(checker *c, const wf_state *s)
{
    switch (s->type) {
    case STATE_WAIT: check_wait(c, s); break;
    case STATE_TASK: check_task(c, s); break;
    case STATE_MAP: check_map(c, s); break;
    case STATE_PARALLEL: check_parallel(c, s); break;
    default: break;
    }
}
