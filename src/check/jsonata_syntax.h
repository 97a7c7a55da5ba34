/* jsonata_syntax.h: is a string a well-formed JSONata expression, and is an ASL string a `{% %}` template?
 *
 * A syntax check only, for `sfnviz check`: it builds no tree and allocates nothing. It accepts what the
 * reference parser (jsonata-js src/parser.js, Pratt's top-down operator precedence) accepts, including the
 * checks the reference makes after parsing ("a literal cannot be a step of a path", "one group-by per
 * step", the variable rules of `:=`, `@`, `#` and lambda parameters). Step Functions runs JSONata 2.0.6;
 * the 2.1 operators `??` and `?:` are accepted too. */
#ifndef SFNVIZ_JSONATA_SYNTAX_H
#define SFNVIZ_JSONATA_SYNTAX_H

#include "check/syntax_error.h"

#include <stdbool.h>
#include <stddef.h>

typedef syntax_error jsonata_error;

/* Brackets, blocks and operators nested deeper than this are refused ("nested too deeply"), so hostile
 * input cannot exhaust the stack of the recursive parser. */
#define JSONATA_MAX_DEPTH 256

/* True when expr[0..len) is one JSONata expression. Otherwise false and, when err is not NULL, the byte
 * offset of the fault in expr and a message: "expected an expression after '+'", "unclosed '('". An
 * empty (or blank) expression is an error. expr need not be NUL-terminated. */
bool jsonata_syntax_ok(const char *expr, size_t len, jsonata_error *err);

/* What an ASL string is: Step Functions takes a string as JSONata only when it starts with `{%` and ends
 * with `%}`, with nothing (not even a blank) outside them. */
typedef enum jsonata_template {
    JSONATA_TEMPLATE_NONE,     /* neither delimiter: a plain string */
    JSONATA_TEMPLATE_OK,       /* `{% expr %}`: the expression is in *expr_start, *expr_len */
    JSONATA_TEMPLATE_NO_OPEN,  /* ends with `%}` but does not start with `{%` */
    JSONATA_TEMPLATE_NO_CLOSE, /* starts with `{%` but does not end with `%}` (`{%}` included) */
} jsonata_template;

/* Classifies s[0..len). On JSONATA_TEMPLATE_OK, the expression between the delimiters (blanks kept; the
 * parser skips them) is s[*expr_start .. *expr_start + *expr_len); add *expr_start to a jsonata_error's
 * offset to place it in s. The out-parameters may be NULL. */
jsonata_template jsonata_template_parse(const char *s, size_t len, size_t *expr_start, size_t *expr_len);

#endif
