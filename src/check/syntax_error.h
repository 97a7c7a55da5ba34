/* syntax_error.h: where an expression is wrong and why, for the syntax checkers of src/check/.
 *
 * An expression is a string inside a definition's value (`{% ... %}`, `$.a.b`, `States.Format(...)`), so the
 * checkers give a byte offset into that string; the caller turns it into a line and column of the file.
 * The message is short and names the token: "expected an expression after '+'". */
#ifndef SFNVIZ_SYNTAX_ERROR_H
#define SFNVIZ_SYNTAX_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct syntax_error {
    size_t offset;     /* 0-based byte offset in the checked text */
    char message[128]; /* without a trailing period */
} syntax_error;

/* Fills err (when not NULL) and returns false, so a failing check is one `return syntax_fail(...)`. */
bool syntax_fail(syntax_error *err, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Copies at most 24 bytes of s[0..n) into buf (of size >= 32) for a message: cut on a UTF-8 boundary, with
 * "..." when cut, control bytes shown as '?'. */
const char *syntax_excerpt(char *buf, size_t size, const char *s, size_t n);

#endif
