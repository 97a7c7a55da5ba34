/* diff_retriers.c: in a drawn diff, the retriers a state had in the old machine that it no longer has as
 * they were (edges.c draws them on the state's retry loop, under the ones it has, or on a ghost loop of
 * their own when it has none left).
 *
 * A retrier is lost when no retrier of the new state has the same errors and the same parameters: one
 * whose MaxAttempts changed shows as the old one lost beside the new one. This is by content, not by
 * position, so removing the first of two retriers shows the first as lost, whatever the edge matching of
 * the diff (by from, to and kind) paired with what. */
#include "graph/builder.h"

#include <string.h>

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_retrier(const wf_edge *a, const wf_edge *b)
{
    if (a->max_attempts != b->max_attempts || a->interval_seconds != b->interval_seconds ||
        a->max_delay_seconds != b->max_delay_seconds || a->backoff_rate != b->backoff_rate ||
        !same_text(a->jitter, b->jitter) || a->error_count != b->error_count)
        return false;
    for (size_t i = 0; i < a->error_count; i++)
        if (!same_text(a->errors[i], b->errors[i]))
            return false;
    return true;
}

void diff_retriers_begin(builder *b)
{
    const machine *o = b->diff->old_m;
    b->old_retry_first = sfn_calloc(o->state_count, sizeof *b->old_retry_first);
    b->old_retry_next = sfn_calloc(o->edge_count ? o->edge_count : 1, sizeof *b->old_retry_next);
    for (size_t i = 0; i < o->state_count; i++)
        strmap_put(&b->diff_names, DIFF_NS_OLD_STATE, o->states[i].name, (int)i);
    link_retriers(o, b->old_retry_first, b->old_retry_next, NULL);
}

void diff_retriers_end(builder *b)
{
    free(b->old_retry_first);
    free(b->old_retry_next);
    b->old_retry_first = b->old_retry_next = NULL;
}

/* Whether new state `state` has a retrier the same as e. */
static bool still_there(const builder *b, int state, const wf_edge *e)
{
    for (int i = b->retry_first[state]; i >= 0; i = b->retry_next[i])
        if (same_retrier(&b->m->edges[i], e))
            return true;
    return false;
}

size_t diff_lost_retriers(const builder *b, int state, const wf_edge **out, size_t max)
{
    if (!b->old_retry_first || diff_state_mark(b, state) != DIFF_CHANGED)
        return 0;
    int old = strmap_get(&b->diff_names, DIFF_NS_OLD_STATE, b->m->states[state].name);
    if (old < 0)
        return 0;
    size_t lost = 0;
    for (int i = b->old_retry_first[old]; i >= 0; i = b->old_retry_next[i]) {
        const wf_edge *e = &b->diff->old_m->edges[i];
        if (still_there(b, state, e))
            continue;
        if (lost < max)
            out[lost] = e;
        lost++;
    }
    return lost;
}
