/* jsonata_lexer.h: JSONata's tokens, one at a time, for the syntax checker (jsonata_syntax.c).
 *
 * The tokens are those of the reference tokenizer (jsonata-js src/parser.js): names run to the next
 * blank or operator character, so `a-b` is three tokens and `café` one; `$name` is a variable and `$$` the
 * variable `$`; `and`, `or` and `in` come as operators (the parser may take them as names). A '/' is a
 * regex or a division depending on where it stands, which only the parser knows: it says so with `infix`. */
#ifndef SFNVIZ_JSONATA_LEXER_H
#define SFNVIZ_JSONATA_LEXER_H

#include "check/syntax_error.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum jsonata_tok_type {
    JT_END,      /* the end of the text */
    JT_NAME,     /* a field name, plain or in backticks */
    JT_VARIABLE, /* `$`, `$$`, `$name` */
    JT_STRING,   /* "..." or '...' */
    JT_NUMBER,
    JT_VALUE, /* true, false, null */
    JT_REGEX, /* /.../flags */
    JT_OP,    /* an operator or punctuation: see op */
} jsonata_tok_type;

/* Operators of one character are that character; longer ones have these codes. */
enum {
    JOP_DOTDOT = 256, /* .. */
    JOP_BIND,         /* := */
    JOP_NE,           /* != */
    JOP_GE,           /* >= */
    JOP_LE,           /* <= */
    JOP_DESCEND,      /* ** */
    JOP_CHAIN,        /* ~> */
    JOP_ELVIS,        /* ?: (JSONata 2.1) */
    JOP_COALESCE,     /* ?? (JSONata 2.1) */
    JOP_AND,
    JOP_OR,
    JOP_IN,
};

typedef struct jsonata_token {
    jsonata_tok_type type;
    int op;            /* JT_OP: a character or a JOP_ code */
    size_t start, len; /* the token's bytes in the text, quotes and backticks included */
} jsonata_token;

typedef struct jsonata_lexer {
    const char *s;
    size_t len, pos;
} jsonata_lexer;

void jsonata_lexer_init(jsonata_lexer *lx, const char *s, size_t len);

/* The next token. infix: it follows an operand, so a '/' is a division rather than the start of a regex.
 * False, with err filled, on an unclosed string, comment, regex or backtick name, a bad escape, a number
 * out of range or an unknown operator ('!' or '~' alone). */
bool jsonata_lex(jsonata_lexer *lx, bool infix, jsonata_token *out, syntax_error *err);

/* The text of an operator for messages: "+", "..", "and". */
const char *jsonata_op_text(int op);

#endif
