/* path_scan.h: the kinds of path, and one path read at a position of a longer text, for path_syntax_ok and
 * for the paths among an intrinsic function's arguments. */
#ifndef SFNVIZ_PATH_SCAN_H
#define SFNVIZ_PATH_SCAN_H

#include "check/syntax_error.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum path_kind {
    /* A Path: InputPath, OutputPath, ItemsPath, `.$` values, TimeoutSecondsPath and the other state
     * fields named ...Path. Deep scan `..`, `*`, filters `[?(...)]`, slices `[1:]`, unions `[0,1]`,
     * `['a','b']`, and a trailing function such as `length()` are allowed. */
    PATH_KIND_PATH,
    /* A Reference Path, which names one node: Choice `Variable` and the comparisons named ...Path. Steps
     * are `.name`, `['name']` and `[n]` only; `$$` and `$var` roots are allowed. */
    PATH_KIND_REFERENCE,
    /* ResultPath: a Reference Path into the state's input, so on `$` alone, no `$$` and no variable. */
    PATH_KIND_RESULT,
} path_kind;

/* Reads a path of the kind from s[pos]; on success *end is the offset just after it. embedded: the path is
 * an intrinsic's argument, so a name also stops at ',', ')' and blanks, and no function may end it.
 * Otherwise the path runs to the end of s, trailing blanks allowed. */
bool path_scan(const char *s, size_t len, size_t pos, path_kind kind, bool embedded, size_t *end,
               syntax_error *err);

#endif
