/* intrinsic.h: CloudFormation intrinsic functions shown as text.
 *
 * A definition cannot be evaluated without deploying the stack, so intrinsics become text in Fn::Sub's own
 * placeholder syntax: `!GetAtt Fn.Arn` -> `${Fn.Arn}`, `!Ref Table` -> `${Table}` (a parameter with a
 * Default shows the default; AWS::Partition shows `aws`), `!Sub` keeps its template with what it can fill
 * in, `!Join` joins the text of its parts, `!Select`/`!Split`/`!FindInMap` are evaluated when their
 * arguments are literal. Both the short tags (`!Ref`) and the long forms (`{"Fn::GetAtt": [...]}`) count. */
#ifndef SFNVIZ_INTRINSIC_H
#define SFNVIZ_INTRINSIC_H

#include "read/value.h"

typedef struct template_ctx {
    arena *a;
    const value *resources;  /* the template's Resources map, or NULL */
    const value *parameters; /* Parameters map, or NULL */
    const value *mappings;   /* Mappings map, or NULL */
    const sfnviz_limits *limits; /* the loader's (NULL: the defaults) */
    /* Bytes of Fn::Sub and Fn::Join text the template may still make (its substitution-size limit), and
     * whether it ran out: aliases can make one Fn::Sub run a million times. NULL: no bound. */
    struct intrinsic_budget *budget;
} template_ctx;

typedef struct intrinsic_budget {
    size_t left;
    bool spent;
} intrinsic_budget;

/* True for a tagged node or a one-key map whose key is `Ref`, `Condition` or `Fn::...`. */
bool intrinsic_is(const value *v);

/* The display text of any value: scalars as written, intrinsics as above, other maps and sequences
 * as a short `{…}` / `[…]`. Never NULL. */
const char *intrinsic_text(const template_ctx *t, const value *v);

/* v with every intrinsic inside it replaced by a string holding its text (same mark). Nodes without
 * intrinsics are shared, not copied. */
const value *intrinsic_replace(const template_ctx *t, const value *v);

/* The CloudFormation type of resource `logical_id`, NULL when there is none; usable as a resolver. */
const char *template_resource_type(const void *ctx, const char *logical_id);

#endif
