/* check.h: what the checks of `sfnviz check` share.
 *
 * check.c runs every check over every machine of a document and collects findings, each with its rule
 * (rules.h) and the mark of the key it is about. A check is a function of one machine: it reads the model
 * (scopes, states and edges, which keep their source values) and reports through check_report, which
 * drops rules turned off and caps how often one rule speaks per machine (a YAML alias can repeat a
 * mistake thousands of times). Checks never assume the transitions form a tree. */
#ifndef SFNVIZ_CHECK_H
#define SFNVIZ_CHECK_H

#include "check/rules.h"
#include "model/workflow.h"
#include "read/value.h"

#include <stdbool.h>

typedef struct finding_list {
    diag_list diags;   /* rule and level set from the rule table */
    int *machine;      /* machine index of each diagnostic; -1 for the file itself */
    size_t cap;
} finding_list;

typedef struct checker {
    const machine *m;
    int machine_index;
    const bool *off;                /* [RULE_COUNT]: rules turned off */
    unsigned said[RULE_COUNT];      /* findings of each rule for this machine */
    finding_list *out;
    struct ptrmap *sizes;           /* the document's: definition node -> its size as JSON (check_size.c) */
} checker;

void check_report(checker *c, rule_id rule, mark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* What a state field holds (check_fields.c says it per field; check_field_values.c checks it). */
typedef enum value_need {
    NEED_ANY,         /* any JSON value (Parameters, Result, Output, ...) */
    NEED_STRING,
    NEED_PATH,        /* a string, or null (which discards) */
    NEED_BOOL,
    NEED_MAP,
    NEED_MAP_OR_EXPR, /* a map, or (JSONata) an expression */
    NEED_LIST,
    NEED_LIST_OR_EXPR,
    NEED_SECONDS,     /* a positive integer */
    NEED_COUNT,       /* a non-negative integer */
    NEED_PERCENT,     /* 0 to 100 */
    NEED_TIMESTAMP,
} value_need;

/* The checks, one file each. Those of the machine as a whole: */
void check_structure(checker *c);     /* check_structure.c: StartAt, transitions, terminals, reachability */
void check_names(checker *c);         /* check_names.c: unique, length, invisible characters */
void check_scopes_fields(checker *c); /* check_scopes.c: the top level, branches, processors */
void check_size(checker *c);           /* check_size.c: the service's 1 MiB limit on a definition */
/* Those of one state, run one state after the other so that its values are read while they are at hand
 * (a large definition does not fit in the caches). check_fields returns false when the state is no map or
 * of no known type: the others then have nothing to go on. */
bool check_fields(checker *c, const wf_state *s);      /* check_fields.c: which fields each state takes */
void check_state_language(checker *c, const wf_state *s); /* check_scopes.c: its QueryLanguage */
void check_choice(checker *c, const wf_state *s);      /* check_choice.c: Choice rules */
void check_handlers(checker *c, const wf_state *s);    /* check_handlers.c: Retry and Catch */
/* check_payloads.c: the service's warnings NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC */
void check_payloads(checker *c, const wf_state *s);
void check_expressions(checker *c, const wf_state *s); /* check_expressions.c: JSONPath, intrinsics, JSONata */
/* check_field_values.c: what one field holds, and the facts across a state's fields. */
void check_field_value(checker *c, const wf_state *s, const value_pair *p, value_need need);
void check_values_of(checker *c, const wf_state *s);

/* Shared helpers (check_values.c). */
/* Calls fn for every map entry inside `root` (a payload template), at any depth. */
typedef void (*check_pair_fn)(checker *c, const wf_state *s, const char *field, const value_pair *p);
void check_each_pair(checker *c, const wf_state *s, const char *field, const value *root, check_pair_fn fn);
/* The mark of `key` in map v: the key itself when present, else the map's own mark. */
mark check_key_mark(const value *v, const char *key);
/* A short type name for messages: "a string", "a number", "a list", "a map", "true or false", "null". */
const char *check_kind_name(const value *v);
/* State name for messages, cut to a readable length (the full name is in the file, at the mark). */
const char *check_short(const char *name, char *buf, size_t size);
/* Whether a string holds a JSONata expression "{% ... %}" (spaces around allowed). */
bool check_is_jsonata_expr(const value *v);
/* RFC 3339 as the service takes it: 2016-03-14T01:59:00Z, fractions and +hh:mm offsets allowed. */
bool check_is_timestamp(const char *s);
/* Why a Task's Resource cannot be right (a Lambda function ARN with a malformed name or qualifier), or
 * NULL. Resources that still hold a placeholder or an intrinsic are taken as they are. */
const char *check_resource_problem(const char *resource);

#endif
