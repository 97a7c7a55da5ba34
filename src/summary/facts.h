/* facts.h: what a summary says after the outline: states by type, terminal states, states not reached,
 * Tasks with neither Retry nor Catch, the Lambda functions and other resources the Tasks use. Lists are
 * in outline order; resources are named once each, with the number of Tasks that use them. */
#ifndef SFNVIZ_SUMMARY_FACTS_H
#define SFNVIZ_SUMMARY_FACTS_H

#include "summary/outline.h"

typedef struct name_count {
    const char *name;
    size_t tasks;
} name_count;

typedef struct state_list {
    int *items; /* state indices */
    size_t count;
} state_list;

typedef struct facts {
    size_t by_type[STATE_UNKNOWN + 1];
    state_list terminal;    /* top-level states that end an execution: End, Succeed, Fail */
    state_list unreachable; /* states the walk from StartAt does not reach */
    state_list unguarded;   /* Tasks with neither Retry nor Catch */
    name_count *lambdas;    /* the functions of Lambda Tasks */
    size_t lambda_count;
    name_count *resources;  /* the other Tasks' resources, as shown (`dynamodb:putItem`) */
    size_t resource_count;
} facts;

void facts_gather(const machine *m, const outline *o, facts *out);
void facts_free(facts *f);

#endif
