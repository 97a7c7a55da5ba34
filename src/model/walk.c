/* walk.c: the public face of the model (sfnviz.h's machines, scopes, states and edges).
 *
 * The handles are the model's own structs (their tags are the public names), so walking costs no copy:
 * each accessor reads a field, and indices become pointers through the owning machine. */
#include "sfnviz.h"
#include "model/workflow.h"

#include <string.h>

/* The public enumerations mirror the model's, value for value. */
_Static_assert((int)SFNVIZ_STATE_UNKNOWN == (int)STATE_UNKNOWN, "state types out of step");
_Static_assert((int)SFNVIZ_STATE_MAP == (int)STATE_MAP, "state types out of step");
_Static_assert((int)SFNVIZ_EDGE_END == (int)EDGE_END, "edge kinds out of step");
_Static_assert((int)SFNVIZ_EDGE_RETRY == (int)EDGE_RETRY, "edge kinds out of step");

static sfnviz_location location_of(mark at) { return (sfnviz_location){at.file, at.line, at.column}; }

static const sfnviz_state *state_at(const machine *m, int i)
{
    return i >= 0 && (size_t)i < m->state_count ? &m->states[i] : NULL;
}

static const sfnviz_scope *scope_at(const machine *m, int i)
{
    return i >= 0 && (size_t)i < m->scope_count ? &m->scopes[i] : NULL;
}

/* Machines */

const char *sfnviz_machine_id(const sfnviz_machine *m) { return m->id; }
const char *sfnviz_machine_name(const sfnviz_machine *m) { return m->name; }
const char *sfnviz_machine_kind(const sfnviz_machine *m) { return machine_kind_name(m->kind); }
const char *sfnviz_machine_status(const sfnviz_machine *m) { return machine_status_name(m->status); }
const char *sfnviz_machine_message(const sfnviz_machine *m) { return m->message; }
const char *sfnviz_machine_where(const sfnviz_machine *m) { return m->where ? m->where : "-"; }
size_t sfnviz_machine_state_count(const sfnviz_machine *m) { return m->state_count; }
int sfnviz_machine_drawable(const sfnviz_machine *m) { return m->status == MACHINE_OK; }
const char *sfnviz_machine_type(const sfnviz_machine *m) { return m->type; }
const char *sfnviz_machine_comment(const sfnviz_machine *m) { return m->comment; }
const char *sfnviz_machine_query_language(const sfnviz_machine *m) { return m->jsonata ? "JSONata" : "JSONPath"; }
const char *sfnviz_machine_file(const sfnviz_machine *m) { return m->file; }
const char *sfnviz_machine_definition_file(const sfnviz_machine *m) { return m->definition_file; }
sfnviz_location sfnviz_machine_location(const sfnviz_machine *m) { return location_of(m->at); }

int sfnviz_machine_problem(const sfnviz_machine *m, sfnviz_diagnostic *out)
{
    if (m->status == MACHINE_OK || !m->message)
        return -1;
    out->severity = SFNVIZ_SEVERITY_ERROR;
    out->rule = NULL;
    out->message = m->message_plain ? m->message_plain : m->message;
    out->at = location_of(m->message_at);
    return 0;
}

size_t sfnviz_machine_scope_count(const sfnviz_machine *m) { return m->scope_count; }
const sfnviz_scope *sfnviz_machine_scope(const sfnviz_machine *m, size_t i)
{
    return i < m->scope_count ? &m->scopes[i] : NULL;
}
const sfnviz_state *sfnviz_machine_state(const sfnviz_machine *m, size_t i)
{
    return i < m->state_count ? &m->states[i] : NULL;
}
size_t sfnviz_machine_edge_count(const sfnviz_machine *m) { return m->edge_count; }
const sfnviz_edge *sfnviz_machine_edge(const sfnviz_machine *m, size_t i)
{
    return i < m->edge_count ? &m->edges[i] : NULL;
}

const sfnviz_state *sfnviz_machine_find_state(const sfnviz_machine *m, const char *name)
{
    for (size_t i = 0; name && i < m->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return &m->states[i];
    return NULL;
}

/* Scopes */

const sfnviz_state *sfnviz_scope_parent(const sfnviz_scope *s) { return state_at(s->owner, s->parent); }
int sfnviz_scope_branch(const sfnviz_scope *s) { return s->branch; }
int sfnviz_scope_is_map_processor(const sfnviz_scope *s) { return s->map_processor; }
const char *sfnviz_scope_start_at(const sfnviz_scope *s) { return s->start_name; }
const sfnviz_state *sfnviz_scope_start(const sfnviz_scope *s) { return state_at(s->owner, s->start); }
size_t sfnviz_scope_state_count(const sfnviz_scope *s) { return (size_t)s->state_count; }
sfnviz_location sfnviz_scope_location(const sfnviz_scope *s) { return location_of(s->at); }

const sfnviz_state *sfnviz_scope_state(const sfnviz_scope *s, size_t i)
{
    return i < (size_t)s->state_count ? state_at(s->owner, s->first_state + (int)i) : NULL;
}

/* States */

const char *sfnviz_state_name(const sfnviz_state *s) { return s->name; }
sfnviz_state_type sfnviz_state_type_of(const sfnviz_state *s) { return (sfnviz_state_type)s->type; }
const char *sfnviz_state_type_text(const sfnviz_state *s) { return s->type_text; }
const char *sfnviz_state_comment(const sfnviz_state *s) { return s->comment; }
const char *sfnviz_state_resource(const sfnviz_state *s) { return s->res.kind == RESOURCE_NONE ? NULL : s->res.raw; }
const char *sfnviz_state_resource_text(const sfnviz_state *s)
{
    return s->res.kind == RESOURCE_NONE ? NULL : s->res.text;
}
const sfnviz_scope *sfnviz_state_scope(const sfnviz_state *s) { return scope_at(s->owner, s->scope); }
int sfnviz_state_is_end(const sfnviz_state *s) { return s->end; }
int sfnviz_state_is_jsonata(const sfnviz_state *s) { return s->jsonata; }
sfnviz_location sfnviz_state_location(const sfnviz_state *s) { return location_of(s->at); }
size_t sfnviz_state_child_scope_count(const sfnviz_state *s) { return (size_t)s->child_scope_count; }
size_t sfnviz_state_edge_count(const sfnviz_state *s) { return (size_t)s->edge_count; }

const char *sfnviz_state_type_name(sfnviz_state_type t)
{
    return (unsigned)t <= SFNVIZ_STATE_UNKNOWN ? state_type_name((state_type)t) : "Unknown";
}

const sfnviz_scope *sfnviz_state_child_scope(const sfnviz_state *s, size_t i)
{
    return i < (size_t)s->child_scope_count ? scope_at(s->owner, s->first_child_scope + (int)i) : NULL;
}

const sfnviz_edge *sfnviz_state_edge(const sfnviz_state *s, size_t i)
{
    return i < (size_t)s->edge_count ? &s->owner->edges[s->first_edge + (int)i] : NULL;
}

const sfnviz_edge *sfnviz_state_edge_of_kind(const sfnviz_state *s, sfnviz_edge_kind kind, size_t i)
{
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &s->owner->edges[s->first_edge + k];
        if ((int)e->kind == (int)kind && i-- == 0)
            return e;
    }
    return NULL;
}

size_t sfnviz_state_edge_count_of_kind(const sfnviz_state *s, sfnviz_edge_kind kind)
{
    size_t n = 0;
    for (int k = 0; k < s->edge_count; k++)
        n += (int)s->owner->edges[s->first_edge + k].kind == (int)kind;
    return n;
}

/* Edges */

sfnviz_edge_kind sfnviz_edge_kind_of(const sfnviz_edge *e) { return (sfnviz_edge_kind)e->kind; }
const sfnviz_state *sfnviz_edge_from(const sfnviz_edge *e) { return state_at(e->owner, e->from); }
const sfnviz_state *sfnviz_edge_to(const sfnviz_edge *e) { return state_at(e->owner, e->to); }
const char *sfnviz_edge_target_name(const sfnviz_edge *e) { return e->to_name; }
const char *sfnviz_edge_label(const sfnviz_edge *e) { return e->label; }
const sfnviz_scope *sfnviz_edge_scope(const sfnviz_edge *e) { return scope_at(e->owner, e->scope); }
size_t sfnviz_edge_index(const sfnviz_edge *e) { return e->index > 0 ? (size_t)e->index : 0; }
sfnviz_location sfnviz_edge_location(const sfnviz_edge *e) { return location_of(e->at); }
size_t sfnviz_edge_error_count(const sfnviz_edge *e) { return e->error_count; }
const char *sfnviz_edge_error(const sfnviz_edge *e, size_t i) { return i < e->error_count ? e->errors[i] : NULL; }

const char *sfnviz_edge_kind_name(sfnviz_edge_kind k)
{
    return (unsigned)k <= SFNVIZ_EDGE_END ? edge_kind_name((edge_kind)k) : "unknown";
}

int sfnviz_edge_retry(const sfnviz_edge *e, sfnviz_retry_policy *out)
{
    if (e->kind != EDGE_RETRY)
        return -1;
    out->max_attempts = e->max_attempts;
    out->interval_seconds = e->interval_seconds;
    out->max_delay_seconds = e->max_delay_seconds;
    out->backoff_rate = e->backoff_rate;
    out->jitter = e->jitter;
    return 0;
}
