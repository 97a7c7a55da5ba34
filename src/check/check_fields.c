/* check_fields.c: which fields each state type takes, in which query language, and the fields that
 * exclude or need each other.
 *
 * One table says, for every field of the Amazon States Language, the state types that take it and the
 * query language it belongs to; a field in no row is unknown (with the nearest known name suggested, as
 * a typo usually is). The values themselves are check_values_of's (check_field_values.c). */
#include "check/check.h"

#include <string.h>
#include <strings.h>

#define TASK (1u << STATE_TASK)
#define PASS (1u << STATE_PASS)
#define CHOICE (1u << STATE_CHOICE)
#define WAIT (1u << STATE_WAIT)
#define SUCCEED (1u << STATE_SUCCEED)
#define FAIL (1u << STATE_FAIL)
#define PARALLEL (1u << STATE_PARALLEL)
#define MAP (1u << STATE_MAP)
#define ALL (TASK | PASS | CHOICE | WAIT | SUCCEED | FAIL | PARALLEL | MAP)
#define FLOWING (TASK | PASS | WAIT | PARALLEL | MAP) /* the types that take Next and End */

typedef enum field_language { ANY_LANGUAGE, JSONPATH_ONLY, JSONATA_ONLY } field_language;

typedef struct field_spec {
    const char *name;
    unsigned types;
    field_language language;
    value_need need;
    const char *excludes; /* the field a state cannot have with this one (TimeoutSeconds for ...Path) */
} field_spec;

static const field_spec FIELDS[] = {
    {"Type", ALL, ANY_LANGUAGE, NEED_ANY, NULL},
    {"Comment", ALL, ANY_LANGUAGE, NEED_STRING, NULL},
    {"QueryLanguage", ALL, ANY_LANGUAGE, NEED_ANY, NULL},
    {"Next", FLOWING, ANY_LANGUAGE, NEED_STRING, NULL},
    {"End", FLOWING, ANY_LANGUAGE, NEED_BOOL, NULL},
    {"InputPath", ALL & ~FAIL, JSONPATH_ONLY, NEED_PATH, NULL},
    {"OutputPath", ALL & ~FAIL, JSONPATH_ONLY, NEED_PATH, NULL},
    {"Parameters", TASK | PASS | PARALLEL | MAP, JSONPATH_ONLY, NEED_ANY, NULL},
    {"ResultSelector", TASK | PARALLEL | MAP, JSONPATH_ONLY, NEED_MAP, NULL},
    {"ResultPath", TASK | PASS | PARALLEL | MAP, JSONPATH_ONLY, NEED_PATH, NULL},
    {"Retry", TASK | PARALLEL | MAP, ANY_LANGUAGE, NEED_LIST, NULL},
    {"Catch", TASK | PARALLEL | MAP, ANY_LANGUAGE, NEED_LIST, NULL},
    {"Assign", ALL & ~(SUCCEED | FAIL), ANY_LANGUAGE, NEED_MAP, NULL},
    {"Arguments", TASK | PARALLEL, JSONATA_ONLY, NEED_MAP_OR_EXPR, NULL},
    {"Output", ALL & ~FAIL, JSONATA_ONLY, NEED_ANY, NULL},
    {"Resource", TASK, ANY_LANGUAGE, NEED_STRING, NULL},
    {"TimeoutSeconds", TASK, ANY_LANGUAGE, NEED_SECONDS, NULL},
    {"TimeoutSecondsPath", TASK, JSONPATH_ONLY, NEED_STRING, "TimeoutSeconds"},
    {"HeartbeatSeconds", TASK, ANY_LANGUAGE, NEED_SECONDS, NULL},
    {"HeartbeatSecondsPath", TASK, JSONPATH_ONLY, NEED_STRING, "HeartbeatSeconds"},
    {"Credentials", TASK, ANY_LANGUAGE, NEED_MAP, NULL},
    {"Result", PASS, JSONPATH_ONLY, NEED_ANY, NULL},
    {"Choices", CHOICE, ANY_LANGUAGE, NEED_LIST, NULL},
    {"Default", CHOICE, ANY_LANGUAGE, NEED_STRING, NULL},
    {"Seconds", WAIT, ANY_LANGUAGE, NEED_COUNT, NULL},
    {"Timestamp", WAIT, ANY_LANGUAGE, NEED_TIMESTAMP, NULL},
    {"SecondsPath", WAIT, JSONPATH_ONLY, NEED_STRING, NULL},
    {"TimestampPath", WAIT, JSONPATH_ONLY, NEED_STRING, NULL},
    {"Error", FAIL, ANY_LANGUAGE, NEED_STRING, NULL},
    {"Cause", FAIL, ANY_LANGUAGE, NEED_STRING, NULL},
    {"ErrorPath", FAIL, JSONPATH_ONLY, NEED_STRING, "Error"},
    {"CausePath", FAIL, JSONPATH_ONLY, NEED_STRING, "Cause"},
    {"Branches", PARALLEL, ANY_LANGUAGE, NEED_LIST, NULL},
    {"Iterator", MAP, ANY_LANGUAGE, NEED_MAP, NULL},
    {"ItemProcessor", MAP, ANY_LANGUAGE, NEED_MAP, "Iterator"},
    {"ItemsPath", MAP, JSONPATH_ONLY, NEED_STRING, NULL},
    {"Items", MAP, JSONATA_ONLY, NEED_LIST_OR_EXPR, NULL},
    {"ItemSelector", MAP, ANY_LANGUAGE, NEED_MAP_OR_EXPR, "Parameters"},
    {"ItemReader", MAP, ANY_LANGUAGE, NEED_MAP, NULL},
    {"ItemBatcher", MAP, ANY_LANGUAGE, NEED_MAP, NULL},
    {"ResultWriter", MAP, ANY_LANGUAGE, NEED_MAP, NULL},
    {"MaxConcurrency", MAP, ANY_LANGUAGE, NEED_COUNT, NULL},
    {"MaxConcurrencyPath", MAP, JSONPATH_ONLY, NEED_STRING, "MaxConcurrency"},
    {"ToleratedFailurePercentage", MAP, ANY_LANGUAGE, NEED_PERCENT, NULL},
    {"ToleratedFailurePercentagePath", MAP, JSONPATH_ONLY, NEED_STRING, "ToleratedFailurePercentage"},
    {"ToleratedFailureCount", MAP, ANY_LANGUAGE, NEED_COUNT, NULL},
    {"ToleratedFailureCountPath", MAP, JSONPATH_ONLY, NEED_STRING, "ToleratedFailureCount"},
    {"Label", MAP, ANY_LANGUAGE, NEED_STRING, NULL},
};
enum { FIELD_COUNT = sizeof FIELDS / sizeof FIELDS[0] };

static const field_spec *field_find(const char *name)
{
    for (size_t i = 0; i < FIELD_COUNT; i++)
        if (FIELDS[i].name[0] == name[0] && strcmp(FIELDS[i].name, name) == 0)
            return &FIELDS[i];
    return NULL;
}

/* Edit distance with a small bound, for "did you mean": field names are short. */
static size_t distance(const char *a, const char *b)
{
    enum { LONGEST = 40 };
    size_t n = strlen(a), m = strlen(b);
    if (n >= LONGEST || m >= LONGEST)
        return LONGEST;
    size_t row[LONGEST + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j], best = diagonal + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = up;
        }
    }
    return row[m];
}

static const char *nearest_field(const char *name)
{
    const char *best = NULL;
    size_t best_d = 3; /* two edits at most */
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        size_t d = distance(name, FIELDS[i].name);
        if (d < best_d)
            best = FIELDS[i].name, best_d = d;
    }
    return best;
}

static const char *type_names(unsigned types, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int t = STATE_TASK; t <= STATE_MAP; t++)
        if (types & (1u << t)) {
            if (buf[0])
                strncat(buf, ", ", size - strlen(buf) - 1);
            strncat(buf, state_type_name((state_type)t), size - strlen(buf) - 1);
        }
    return buf;
}

/* Reports a field the state cannot have; returns its row when the state may have it. */
static const field_spec *check_one_field(checker *c, const wf_state *s, const value_pair *p)
{
    const field_spec *f = field_find(p->key);
    char buf[96], types[128];
    const char *who = check_short(s->name, buf, sizeof buf);
    bool ok = false;
    if (!f) {
        const char *near = nearest_field(p->key);
        check_report(c, RULE_FIELD_UNKNOWN, p->key_mark, "state \"%s\": unknown field \"%s\"%s%s%s", who, p->key,
                     near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    } else if (!(f->types & (1u << s->type))) {
        check_report(c, RULE_FIELD_NOT_ALLOWED, p->key_mark,
                     "state \"%s\": a %s state does not take %s (only %s do)", who, state_type_name(s->type), p->key,
                     type_names(f->types, types, sizeof types));
    } else if (f->language == JSONPATH_ONLY && s->jsonata) {
        check_report(c, RULE_FIELD_QUERY_LANGUAGE, p->key_mark,
                     "state \"%s\": %s is a JSONPath field, and this state's QueryLanguage is JSONata", who, p->key);
    } else if (f->language == JSONATA_ONLY && !s->jsonata) {
        check_report(c, RULE_FIELD_QUERY_LANGUAGE, p->key_mark,
                     "state \"%s\": %s is a JSONata field, and this state's QueryLanguage is JSONPath (set "
                     "QueryLanguage: JSONata)",
                     who, p->key);
    } else {
        ok = true;
    }
    return ok ? f : NULL;
}

/* present[i]: the state's entry for FIELDS[i], when it may have that field. */
static void check_exclusive(checker *c, const wf_state *s, const value_pair *const *present)
{
    char buf[96];
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        if (!present[i] || !FIELDS[i].excludes)
            continue;
        const value_pair *other = present[field_find(FIELDS[i].excludes) - FIELDS];
        if (!other)
            continue;
        const value_pair *later = present[i]->key_mark.line > other->key_mark.line ? present[i] : other;
        check_report(c, RULE_FIELD_EXCLUSIVE, later->key_mark, "state \"%s\" has both %s and %s: give one",
                     check_short(s->name, buf, sizeof buf), FIELDS[i].excludes, FIELDS[i].name);
    }
}

static void require(checker *c, const wf_state *s, const char *field, const char *why)
{
    char buf[96];
    if (!value_get(s->src, field))
        check_report(c, RULE_FIELD_REQUIRED, s->at, "state \"%s\": %s", check_short(s->name, buf, sizeof buf), why);
}

static void check_required(checker *c, const wf_state *s)
{
    switch (s->type) {
    case STATE_TASK: require(c, s, "Resource", "a Task needs a Resource"); break;
    case STATE_PARALLEL: require(c, s, "Branches", "a Parallel needs Branches"); break;
    case STATE_CHOICE: require(c, s, "Choices", "a Choice needs Choices"); break;
    case STATE_MAP:
        if (!value_get(s->src, "Iterator"))
            require(c, s, "ItemProcessor", "a Map needs an ItemProcessor");
        break;
    default: break;
    }
}

static void check_type(checker *c, const wf_state *s)
{
    const value *type = value_get(s->src, "Type");
    char buf[96];
    const char *who = check_short(s->name, buf, sizeof buf);
    if (!type) {
        check_report(c, RULE_TYPE_MISSING, s->at, "state \"%s\" has no Type", who);
        return;
    }
    if (s->type != STATE_UNKNOWN)
        return;
    const char *text = value_str(type);
    const char *near = NULL;
    for (int t = STATE_TASK; text && t <= STATE_MAP; t++)
        if (strcasecmp(text, state_type_name((state_type)t)) == 0)
            near = state_type_name((state_type)t);
    if (!text)
        check_report(c, RULE_TYPE_UNKNOWN, type->at, "state \"%s\": Type must be a string, not %s", who,
                     check_kind_name(type));
    else
        check_report(c, RULE_TYPE_UNKNOWN, type->at,
                     "state \"%s\": unknown Type \"%s\"%s%s%s (Task, Pass, Choice, Wait, Succeed, Fail, Parallel, "
                     "Map; case matters)",
                     who, text, near ? ", did you mean \"" : "", near ? near : "", near ? "\"?" : "");
}

bool check_fields(checker *c, const wf_state *s)
{
    if (!value_is_map(s->src)) {
        char buf[96];
        check_report(c, RULE_STATE_NOT_MAP, s->src->at, "state \"%s\" must be a map of fields, not %s",
                     check_short(s->name, buf, sizeof buf), check_kind_name(s->src));
        return false;
    }
    check_type(c, s);
    if (s->type == STATE_UNKNOWN)
        return false; /* which fields it may take is unknown */
    const value_pair *present[FIELD_COUNT] = {0};
    for (size_t k = 0; k < s->src->count; k++) {
        const field_spec *f = check_one_field(c, s, &s->src->pairs[k]);
        if (f) {
            present[f - FIELDS] = &s->src->pairs[k];
            check_field_value(c, s, &s->src->pairs[k], f->need);
        }
    }
    check_exclusive(c, s, present);
    check_required(c, s);
    check_values_of(c, s);
    return true;
}
