/* describe.h: the words of a summary that every format shares: a state's type and what goes beside it,
 * a retry policy in short, where a machine came from. They are the library's words, written in Unicode or,
 * with ascii, in ASCII; the user's text inside them is as written (each format escapes it). */
#ifndef SFNVIZ_SUMMARY_DESCRIBE_H
#define SFNVIZ_SUMMARY_DESCRIBE_H

#include "base/arena.h"
#include "model/workflow.h"

#include <stdbool.h>

/* The signs of the outline, in Unicode or ASCII. */
typedef struct signs {
    const char *arrow;   /* "→" or "->" */
    const char *retry;   /* "↻" or "retry" */
    const char *times;   /* "×" or "x" */
    const char *dot;     /* " · " or ", " */
    const char *lambda;  /* "λ" or "Lambda" */
} signs;

const signs *signs_for(bool ascii);

/* The types in the order a summary counts them: Task, Choice, Parallel, Map, Pass, Wait, Succeed, Fail,
 * then unknown types. */
enum { TYPE_COUNT = STATE_UNKNOWN + 1 };
extern const state_type TYPE_ORDER[TYPE_COUNT];

/* The Type as shown: its name, or as written when it is not one of the eight ("?" when missing). */
const char *describe_type(const wf_state *s);

/* What the outline shows beside the type: a Task's resource (`λ Fn`, `dynamodb:putItem`), a Wait's time, a
 * Fail's error and cause, a Parallel's branches, a Map's mode, concurrency and item reader; nothing (an
 * empty buffer) for the others. */
void describe_detail(strbuf *out, const wf_state *s, const signs *g);

/* A retrier in short: `↻ ×3 · 2 s · ×2.0` plus ` · max 30 s` and ` · jitter FULL` when given, or
 * `no retry (MaxAttempts 0)`. Without its errors. */
void describe_retry(strbuf *out, const wf_edge *e, const signs *g);

/* n in decimal, and a rate as strbuf_put_shortest writes it (2.0, 1.5): without printf, which a summary
 * of thousands of states would otherwise spend most of its time in. */
void put_integer(strbuf *out, long long n);
void put_rate(strbuf *out, double d);

/* Where a transition goes, as written: the target state's own name when it names one (the same text,
 * kept beside the other states' names, where a walk over all states finds it in the cache), else the
 * name written, "?" when none. */
const char *describe_target(const machine *m, const wf_edge *e);

/* "SAM", "CloudFormation", "ASL". */
const char *describe_kind(const machine *m);

/* The machine's type: as written, else `STANDARD (default)` in a template, `not set (ASL file)`. */
const char *describe_machine_type(const machine *m);

#endif
