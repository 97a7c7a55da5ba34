/* resource.h: a Task's Resource shown short.
 *
 * `λ Name` for Lambda (function ARNs with alias/version, `${Fn.Arn}` / `${Fn}` placeholders naming a
 * function, `arn:...:states:::lambda:invoke` with FunctionName), `service:action` for optimised
 * integrations with `.sync` / `.waitForTaskToken` kept, `SDK service:action` for aws-sdk calls,
 * `HTTP METHOD endpoint` for HTTP tasks, `activity Name` for activities, the text itself otherwise. */
#ifndef SFNVIZ_RESOURCE_H
#define SFNVIZ_RESOURCE_H

#include "base/arena.h"
#include "model/resolve.h"
#include "read/value.h"
#include "model/workflow.h"

/* Classifies `raw` (the Resource string after substitution). `params` is the Task's Parameters or
 * Arguments map (may be NULL); `r` may be NULL (standalone ASL file). Fills every field of *out. */
void resource_classify(arena *a, resource *out, const char *raw, const value *params, const resolver *r);

#endif
