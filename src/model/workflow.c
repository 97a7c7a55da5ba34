/* workflow.c: names of the model's enumerations, and lookups; the builder is asl.c. */
#include "model/workflow.h"

#include <string.h>

static const char *const STATE_TYPE_NAMES[] = {"Task", "Pass",     "Choice", "Wait",   "Succeed",
                                               "Fail", "Parallel", "Map",    "Unknown"};
static const char *const EDGE_KIND_NAMES[] = {"start", "next", "choice", "default", "catch", "retry", "end"};
static const char *const RESOURCE_KIND_NAMES[] = {"none", "lambda", "service", "sdk", "http", "activity", "other"};
static const char *const MACHINE_KIND_NAMES[] = {"sam", "cloudformation", "asl"};
static const char *const MACHINE_STATUS_NAMES[] = {"ok", "s3", "missing", "error"};

const char *state_type_name(state_type t) { return STATE_TYPE_NAMES[t]; }
const char *edge_kind_name(edge_kind k) { return EDGE_KIND_NAMES[k]; }
const char *resource_kind_name(resource_kind k) { return RESOURCE_KIND_NAMES[k]; }
const char *machine_kind_name(machine_kind k) { return MACHINE_KIND_NAMES[k]; }
const char *machine_status_name(machine_status s) { return MACHINE_STATUS_NAMES[s]; }

state_type state_type_from_name(const char *name)
{
    for (int t = STATE_TASK; t < STATE_UNKNOWN; t++)
        if (name && strcmp(name, STATE_TYPE_NAMES[t]) == 0)
            return (state_type)t;
    return STATE_UNKNOWN;
}

bool workflow_scope_is_top(const machine *m, int scope)
{
    return scope >= 0 && (size_t)scope < m->scope_count && m->scopes[scope].parent < 0;
}

int workflow_find_state(const machine *m, int scope, const char *name)
{
    if (scope < 0 || (size_t)scope >= m->scope_count)
        return -1;
    const wf_scope *sc = &m->scopes[scope];
    for (int i = sc->first_state; i < sc->first_state + sc->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return i;
    return -1;
}
