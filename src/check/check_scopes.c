/* check_scopes.c: the fields of a definition's top level, of each Parallel branch and Map processor, and
 * QueryLanguage wherever it is written.
 *
 * The top level takes StartAt, States, Comment, Version, TimeoutSeconds and QueryLanguage; a branch or an
 * Iterator takes StartAt, States and Comment; an ItemProcessor also ProcessorConfig. QueryLanguage is the
 * machine's, or a state's own: a state may move to JSONata in a JSONPath machine, never the reverse, except
 * in a Distributed Map's processor, whose child executions are workflows of their own. */
#include "check/check.h"

#include <string.h>

static bool in_list(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return true;
    return false;
}

static const char *scope_kind(const machine *m, const wf_scope *s)
{
    if (s->parent < 0)
        return "the top level of a definition";
    if (!s->map_processor)
        return "a Parallel branch";
    return value_get(m->states[s->parent].src, "ItemProcessor") == s->src ? "an ItemProcessor" : "an Iterator";
}

static void check_scope_keys(checker *c, const wf_scope *s)
{
    static const char *const top[] = {"StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage",
                                      NULL};
    static const char *const branch[] = {"StartAt", "States", "Comment", NULL};
    static const char *const processor[] = {"StartAt", "States", "Comment", "ProcessorConfig", NULL};
    const char *const *allowed = s->parent < 0 ? top : s->map_processor ? processor : branch;
    if (!value_is_map(s->src)) {
        if (s->src)
            check_report(c, RULE_FIELD_TYPE, s->src->at, "%s must be a map with StartAt and States, not %s",
                         scope_kind(c->m, s), check_kind_name(s->src));
        return;
    }
    for (size_t i = 0; i < s->src->count; i++) {
        const value_pair *p = &s->src->pairs[i];
        if (!in_list(p->key, allowed))
            check_report(c, RULE_TOP_FIELD, p->key_mark, "field \"%s\" is not supported in %s", p->key,
                         scope_kind(c->m, s));
    }
}

static void check_top_values(checker *c, const wf_scope *top)
{
    const value *timeout = value_get(top->src, "TimeoutSeconds");
    long long n;
    if (timeout && !(value_int(timeout, &n) && n >= 1 && n <= 99999999) && !check_is_jsonata_expr(timeout))
        check_report(c, timeout->kind == VALUE_NUMBER ? RULE_FIELD_RANGE : RULE_FIELD_TYPE, timeout->at,
                     "TimeoutSeconds must be a whole number of seconds from 1 to 99999999");
    const value *version = value_get(top->src, "Version");
    if (version && !value_str(version))
        check_report(c, RULE_FIELD_TYPE, version->at, "Version must be a string (\"1.0\"), not %s",
                     check_kind_name(version));
    const value *comment = value_get(top->src, "Comment");
    if (comment && !value_str(comment))
        check_report(c, RULE_FIELD_TYPE, comment->at, "Comment must be a string, not %s", check_kind_name(comment));
}

/* Whether a state runs as a child execution of a Distributed Map, whose workflow has a query language of
 * its own. */
static bool in_distributed_map(const machine *m, const wf_state *s)
{
    for (int scope = s->scope; scope >= 0 && m->scopes[scope].parent >= 0; scope = m->states[m->scopes[scope].parent].scope)
        if (m->states[m->scopes[scope].parent].map.distributed)
            return true;
    return false;
}

/* QueryLanguage's value at `v`, for state `s` (NULL for the machine). */
static void check_language(checker *c, const value *v, const wf_state *s)
{
    const char *owner = s ? s->name : NULL;
    if (!v)
        return;
    const char *text = value_str(v);
    char buf[96];
    if (!text || (strcmp(text, "JSONPath") != 0 && strcmp(text, "JSONata") != 0))
        check_report(c, RULE_QUERY_LANGUAGE, v->at,
                     "QueryLanguage must be \"JSONPath\" or \"JSONata\" (case matters)%s%s%s",
                     owner ? " in state \"" : "", owner ? check_short(owner, buf, sizeof buf) : "", owner ? "\"" : "");
    else if (s && c->m->jsonata && strcmp(text, "JSONPath") == 0 && !in_distributed_map(c->m, s))
        check_report(c, RULE_QUERY_LANGUAGE, v->at,
                     "state \"%s\" asks for JSONPath in a JSONata machine: a state may move to JSONata, not back",
                     check_short(owner, buf, sizeof buf));
}

void check_scopes_fields(checker *c)
{
    for (size_t i = 0; i < c->m->scope_count; i++)
        check_scope_keys(c, &c->m->scopes[i]);
    if (c->m->scope_count) {
        check_top_values(c, &c->m->scopes[0]);
        check_language(c, value_get(c->m->scopes[0].src, "QueryLanguage"), NULL);
    }
}

void check_state_language(checker *c, const wf_state *s)
{
    check_language(c, value_get(s->src, "QueryLanguage"), s);
}
