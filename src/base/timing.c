/* timing.c: stage totals (see timing.h). */
#define _POSIX_C_SOURCE 200809L
#include "base/timing.h"
#include "sfnviz.h"

#include <time.h>

static double totals[STAGE_COUNT];
static const char *const names[STAGE_COUNT] = {"read", "model", "check", "graph", "layout", "render", "free"};

double timing_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
