/* jsonpath_syntax.h: the JSONPath side of ASL: paths, reference paths and intrinsic functions.
 *
 * Syntax checks for `sfnviz check`, allocation-free, reading what the Step Functions service accepts rather
 * than a stricter reading of the spec: paths follow Jayway JsonPath, which the service uses, so `$.[0]` and
 * `$.Items.[0].Id` are paths (asl-validator wrongly refuses them), names after a dot may hold any character
 * but blanks, '.', '[' and '(' (`$.detail-type`, `$.${Placeholder}`), and trailing blanks are trimmed.
 * A path starts with `$` (the state's input), `$$` (the context object) or `$name` (a variable); the kinds
 * of path (path_kind: a Path, a Reference Path, a ResultPath) are in check/path_scan.h. */
#ifndef SFNVIZ_JSONPATH_SYNTAX_H
#define SFNVIZ_JSONPATH_SYNTAX_H

#include "check/path_scan.h" /* path_kind */
#include "check/syntax_error.h"

#include <stdbool.h>
#include <stddef.h>

typedef syntax_error jsonpath_error;

/* True when text[0..len) is a path of the kind. Otherwise false and, when err is not NULL, the byte offset
 * of the fault and a message ("'..' is not allowed in a reference path", "a path starts with '$'"). */
bool path_syntax_ok(const char *text, size_t len, path_kind kind, jsonpath_error *err);

/* Intrinsic functions nest at most this deep: the Step Functions limit, and the bound of the recursion. */
#define INTRINSIC_MAX_DEPTH 10

/* True when text[0..len) is one intrinsic call, `States.Format('{} and {}', $.a, 'lit')`: a known function
 * name (an unknown `States.Foo` is named in the message), balanced parentheses, arguments that are
 * single-quoted strings (escapes \' \{ \} \\ only), numbers, true, false, null, paths (checked as
 * PATH_KIND_PATH) or nested calls, and the arity where it is fixed (UUID 0, ArrayLength 1, MathAdd 2,
 * ArrayRange 3, MathRandom 2 or 3...). A literal format string of States.Format must have one `{}` per
 * remaining argument. */
bool intrinsic_syntax_ok(const char *text, size_t len, jsonpath_error *err);

/* What the value of a `.$` field (and of ErrorPath or CausePath) holds, by its first characters. */
typedef enum dollar_value {
    DOLLAR_VALUE_PATH,      /* starts with '$' */
    DOLLAR_VALUE_INTRINSIC, /* starts with "States." */
    DOLLAR_VALUE_INVALID,   /* anything else */
} dollar_value;

dollar_value dollar_value_classify(const char *text, size_t len);

/* A `.$` value: a PATH_KIND_PATH path or an intrinsic function; anything else fails with "a '.$' field
 * takes a path or an intrinsic function". */
bool dollar_value_ok(const char *text, size_t len, jsonpath_error *err);

#endif
