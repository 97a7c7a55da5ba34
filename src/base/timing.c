/* timing.c: stage totals (see timing.h). */
#define _POSIX_C_SOURCE 200809L
#include "base/timing.h"
#include "sfnviz.h"

#include <time.h>

static double own_totals[STAGE_COUNT];
/* The drawing module has a copy of this file (export/draw.h); it adds to the totals of the core that
 * loaded it, through this pointer. */
static double *totals = own_totals;
static const char *const names[STAGE_COUNT] = {"read", "model", "check", "graph", "layout", "render", "free"};

double timing_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double *timing_totals(void)
{
    return totals;
}

void timing_share(double *shared)
{
    totals = shared;
}

void timing_add(timing_stage s, double start)
{
    if ((unsigned)s < STAGE_COUNT)
        totals[s] += timing_now() - start;
}

const char *sfnviz_stage_name(size_t i)
{
    return i < STAGE_COUNT ? names[i] : NULL;
}

double sfnviz_stage_seconds(size_t i)
{
    return i < STAGE_COUNT ? totals[i] : 0;
}
