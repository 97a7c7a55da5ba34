/* workflow.h: the workflow model, what every exporter reads.
 *
 * A machine holds scopes (the top level, each Parallel branch, each Map processor), states and edges in flat
 * arrays linked by index, as libyaml stores its nodes. A state belongs to exactly one scope; a scope's
 * states are contiguous (first_state .. first_state + state_count) and in source order. Edges are not a
 * tree: loops, self-loops and several edges into one state are normal, so traversals must not assume one.
 * Every state and edge keeps the mark it came from and a pointer to its source value. All memory belongs
 * to the document's arena. */
#ifndef SFNVIZ_WORKFLOW_H
#define SFNVIZ_WORKFLOW_H

#include "base/diag.h"
#include "read/value.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum state_type {
    STATE_TASK,
    STATE_PASS,
    STATE_CHOICE,
    STATE_WAIT,
    STATE_SUCCEED,
    STATE_FAIL,
    STATE_PARALLEL,
    STATE_MAP,
    STATE_UNKNOWN, /* a Type we do not know (or wrong case): drawn as a plain box */
} state_type;

typedef enum edge_kind {
    EDGE_START,   /* scope start -> StartAt state (from = -1) */
    EDGE_NEXT,
    EDGE_CHOICE,  /* label: the rule as text */
    EDGE_DEFAULT,
    EDGE_CATCH,   /* errors: the catcher's ErrorEquals; label: them joined */
    EDGE_RETRY,   /* self-edge, one per retrier, with the effective policy */
    EDGE_END,     /* terminal state -> scope end (to = -1) */
} edge_kind;

typedef enum resource_kind {
    RESOURCE_NONE,
    RESOURCE_LAMBDA,      /* name: function (logical ID, function name or ARN tail) */
    RESOURCE_SERVICE,     /* arn:...:states:::service:action[.pattern]; name "service:action" */
    RESOURCE_SDK,         /* arn:...:states:::aws-sdk:service:action; name "service:action" */
    RESOURCE_HTTP,        /* arn:...:states:::http:invoke; name "HTTP METHOD endpoint", or "HTTP" */
    RESOURCE_ACTIVITY,    /* arn:...:states:region:account:activity:name */
    RESOURCE_OTHER,       /* anything else, shown as written */
} resource_kind;

typedef struct resource {
    resource_kind kind;
    const char *name;    /* see resource_kind; never NULL when kind != RESOURCE_NONE */
    const char *pattern; /* what follows the action: ".sync", ".sync:2", ".waitForTaskToken"; or NULL */
    const char *text;    /* what the diagram shows: "λ Name", "dynamodb:putItem", "SDK s3:listBuckets" */
    const char *raw;     /* the Resource as written, after substitution (tooltips) */
} resource;

/* Map facts worth drawing (absent values are NULL / -1). */
typedef struct map_info {
    bool distributed;             /* ProcessorConfig.Mode == DISTRIBUTED */
    const char *execution_type;   /* ProcessorConfig.ExecutionType */
    long long max_concurrency;    /* -1 when absent; 0 = unlimited */
    const char *max_concurrency_path;
    const char *item_reader;      /* ItemReader resource as text ("s3:getObject"), with input type */
    const char *items_path;       /* ItemsPath or Items */
    bool has_item_batcher;
    long long max_items_per_batch; /* -1 when absent */
    const char *tolerated_failure; /* "10%" or "5" */
    const char *label;
    bool legacy_iterator;         /* written as Iterator */
} map_info;

struct sfnviz_machine;

/* The struct tags are the public header's handles (sfnviz.h: sfnviz_state, sfnviz_scope, sfnviz_edge). */
typedef struct sfnviz_state {
    const char *name;      /* the state's key, exactly as written (a NUL in it shows as U+FFFD) */
    state_type type;
    const char *type_text; /* Type as written; NULL when missing */
    int scope;             /* owning scope */
    int first_child_scope; /* Parallel: its branches; Map: its processor; -1 otherwise */
    int child_scope_count;
    mark at;               /* the state's key */
    const value *src;      /* the state's map */
    const char *comment;
    bool end;              /* End: true */
    resource res;          /* Task */
    const char *wait_text; /* Wait: "30 s", "until 2016-03-14T01:59:00Z", "$.delay", JSONata verbatim */
    const char *fail_error, *fail_cause; /* Fail: Error/Cause (or their paths, as written) */
    map_info map;          /* Map */
    bool jsonata;          /* the state's effective QueryLanguage is JSONata */
    int first_edge, edge_count; /* its outgoing edges, contiguous in the machine's edges */
    const struct sfnviz_machine *owner;
} wf_state;

typedef struct sfnviz_scope {
    int parent;            /* owning Parallel/Map state; -1 for the top level */
    int branch;            /* Parallel branch index; -1 otherwise */
    bool map_processor;
    const char *start_name;/* StartAt as written, NULL when missing */
    int start;             /* resolved StartAt, -1 when missing or unknown */
    int first_state, state_count;
    mark at;
    const value *src;
    const struct sfnviz_machine *owner;
} wf_scope;

typedef struct sfnviz_edge {
    edge_kind kind;
    int scope;
    int from;              /* state index; -1 for EDGE_START */
    int to;                /* state index; -1 for EDGE_END or a target that does not exist in the scope */
    const char *to_name;   /* target as written (NULL for EDGE_END) */
    const char *label;     /* EDGE_CHOICE: rule text; EDGE_CATCH: errors joined with ", "; else NULL */
    mark at;               /* where the transition is written */
    int index;             /* position among its kind in the state (rule, catcher, retrier index) */
    const char **errors;   /* EDGE_CATCH / EDGE_RETRY: ErrorEquals */
    size_t error_count;
    /* EDGE_RETRY, effective values (defaults applied) */
    long long max_attempts, interval_seconds, max_delay_seconds; /* max_delay_seconds: -1 when absent */
    double backoff_rate;
    const char *jitter;    /* JitterStrategy, NULL when absent */
    const struct sfnviz_machine *owner;
} wf_edge;

typedef enum machine_kind { MACHINE_SAM, MACHINE_CLOUDFORMATION, MACHINE_ASL } machine_kind;

typedef enum machine_status {
    MACHINE_OK,
    MACHINE_S3,      /* the definition lives in S3: nothing local to draw */
    MACHINE_MISSING, /* a local DefinitionUri file is absent */
    MACHINE_ERROR,   /* the definition does not parse, is refused, or is absent */
} machine_status;

typedef struct sfnviz_machine { /* the tag is the public header's (sfnviz.h) */
    const char *id;              /* logical ID, or the file's name for a standalone ASL file */
    const char *name;            /* Name / StateMachineName, NULL when absent (or not a plain string) */
    const char *type;            /* STANDARD / EXPRESS as written, NULL when absent */
    machine_kind kind;
    machine_status status;
    const char *message;         /* for a status other than OK: `file:line:col: what is wrong` */
    bool no_definition;          /* status ERROR because the resource gives no definition at all */
    const char *message_plain;   /* the same without the location, which is message_at */
    mark message_at;
    const char *file;            /* the file the machine was found in */
    const char *definition_file; /* DefinitionUri file, NULL when the definition is inline */
    const char *where;           /* where the definition lives: "inline", "DefinitionString", a path, an S3 URI */
    mark at;                     /* the resource's key, or the ASL document's start */
    const char *comment;         /* top-level Comment */
    bool jsonata;                /* top-level QueryLanguage is JSONata */
    wf_state *states;
    size_t state_count;
    wf_scope *scopes;
    size_t scope_count;
    wf_edge *edges;
    size_t edge_count;
} machine;

const char *state_type_name(state_type t);
/* The type named exactly (case matters, as in ASL); STATE_UNKNOWN otherwise or for NULL. */
state_type state_type_from_name(const char *name);
const char *edge_kind_name(edge_kind k);
const char *resource_kind_name(resource_kind k);
const char *machine_kind_name(machine_kind k);
const char *machine_status_name(machine_status s);

/* Builds the model of one definition (a map with StartAt and States) into m: states, scopes, edges.
 * Problems that still leave a graph (a missing Next target, an unknown Type) are warnings or errors in
 * diags but the model is built; returns false only when there is nothing to draw (no States map).
 * `resolve` lets the template stage show substituted intrinsics (e.g. a Resource of `${FnArn}` whose
 * value is `!GetAtt Fn.Arn`); it may be NULL. */
typedef struct resolver resolver;
/* A definition with more states than the states limit of `limits` (NULL: the defaults) is refused. */
bool workflow_build(arena *a, machine *m, const value *definition, const resolver *resolve,
                    const sfnviz_limits *limits, diag_list *diags);

/* Whether `scope` is the top level (a valid scope with no Parallel or Map around it). */
bool workflow_scope_is_top(const machine *m, int scope);

/* The state of scope `scope` named `name`, or -1. */
int workflow_find_state(const machine *m, int scope, const char *name);

#endif
