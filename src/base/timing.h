/* timing.h: where a run's time goes, stage by stage, for `sfnviz render --timings` and the benchmark.
 *
 * Process-wide totals (the library is single-threaded: Graphviz is): each stage adds the time between a
 * timing_now() and its timing_add(). Reading the clock costs tens of nanoseconds, so it always runs. */
#ifndef SFNVIZ_TIMING_H
#define SFNVIZ_TIMING_H

typedef enum timing_stage {
    STAGE_READ,   /* file to value tree: reading and parsing YAML/JSON */
    STAGE_MODEL,  /* value tree to machines: template, definitions, substitutions, the workflow model */
    STAGE_CHECK,  /* the rules of sfnviz check over the model */
    STAGE_GRAPH,  /* model to cgraph graph: nodes, edges, labels */
    STAGE_LAYOUT, /* Graphviz layout (with the layouts of each Parallel's box alone, for its bars) */
    STAGE_RENDER, /* output: DOT text, SVG, PNG or PDF, the JSON export */
    STAGE_FREE,   /* freeing Graphviz's layout and graph (a one-shot `dot` leaves that to the system) */
    STAGE_COUNT
} timing_stage;

/* Seconds on a monotonic clock. */
double timing_now(void);

/* Adds the time since `start` (a timing_now() value) to stage s. */
void timing_add(timing_stage s, double start);

/* The totals, STAGE_COUNT of them; timing_share makes this copy of the file add to another's: the drawing
 * module's copy adds to the totals of the core that loaded it (export/draw.h). */
double *timing_totals(void);
void timing_share(double *shared);

#endif
