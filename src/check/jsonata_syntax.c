/* jsonata_syntax.c: a JSONata syntax check, Pratt's top-down operator precedence as in jsonata-js.
 *
 * The reference parses in two passes: a Pratt parser builds a tree, then processAST flattens paths and
 * refuses what the first pass let through (a number as a path step, two group-bys on a step, `@` after a
 * predicate). Here nothing is built: each sub-expression comes back as a `shape`, the little that
 * processAST would know of its result, and the second pass's checks are made as the first pass goes.
 *
 * Every nud and led that descends goes through expression(), which counts the depth: hostile input
 * cannot nest more than JSONATA_MAX_DEPTH levels, so the recursion is bounded. */
#include "check/jsonata_syntax.h"

#include "check/jsonata_lexer.h"

#include <stdint.h>
#include <string.h>

/* The parser's own node type, where the reference looks at it: `:=`, `@`, `#` and lambda parameters want a
 * variable; a call is a lambda when what is called is the name `function` or `λ`. */
typedef enum raw_kind { RAW_OTHER, RAW_NAME, RAW_LAMBDA, RAW_VARIABLE } raw_kind;

/* What processAST makes of the expression: a path, a literal (number, true, false, null), or other. */
typedef enum result_kind { K_OTHER, K_PATH, K_LITERAL } result_kind;

typedef struct shape {
    raw_kind raw;
    result_kind kind;
    bool number; /* a K_LITERAL that is a number: unary minus folds into it */
    bool group;  /* the result carries a group-by */
    /* Its step: a path's last step, else the result itself (then step_group == group). */
    bool step_group, step_staged, step_sort;
    bool literal_step; /* a path with a number or true/false/null among its steps */
    size_t pos, literal_pos;
} shape;

typedef struct parser {
    jsonata_lexer lx;
    jsonata_token node; /* the current token, the reference's `node` */
    jsonata_token prev; /* the token before it, for messages */
    int depth;
    syntax_error *err;
} parser;

static bool expression(parser *p, int rbp, shape *out);

/* ---- tokens ---- */

static bool is_op(const jsonata_token *t, int op) { return t->type == JT_OP && t->op == op; }

static const char *text(const parser *p, const jsonata_token *t, char *buf, size_t size)
{
    if (t->type == JT_END)
        return "the end";
    return syntax_excerpt(buf, size, p->lx.s + t->start, t->len);
}

/* The next token; infix says it follows an operand (a '/' divides). */
static bool advance(parser *p, bool infix)
{
    p->prev = p->node;
    return jsonata_lex(&p->lx, infix, &p->node, p->err);
}

static bool expect(parser *p, int op, bool infix)
{
    if (is_op(&p->node, op))
        return advance(p, infix);
    char buf[32];
    if (p->node.type == JT_END) /* placed just after the last token, not after trailing blanks */
        return syntax_fail(p->err, p->prev.start + p->prev.len, "expected '%s' before the end", jsonata_op_text(op));
    return syntax_fail(p->err, p->node.start, "expected '%s', got '%s'", jsonata_op_text(op),
                       text(p, &p->node, buf, sizeof buf));
}

/* The closer of a bracket opened at open_pos: at the end, the opener is what is wrong. */
static bool expect_close(parser *p, int op, int open_op, size_t open_pos, bool infix)
{
    if (p->node.type == JT_END)
        return syntax_fail(p->err, open_pos, "unclosed '%s'", jsonata_op_text(open_op));
    return expect(p, op, infix);
}

/* Binding powers, from the reference's operator table; 0 for what never continues an expression. */
static int lbp(const jsonata_token *t)
{
    if (t->type != JT_OP)
        return 0;
    switch (t->op) {
    case '[': case '(': case '@': case '#': return 80;
    case '.': return 75;
    case '{': return 70;
    case '*': case '/': case '%': return 60;
    case '+': case '-': case '&': return 50;
    case '=': case '<': case '>': case '^': case JOP_NE: case JOP_LE: case JOP_GE: case JOP_CHAIN: case JOP_IN:
    case JOP_ELVIS: case JOP_COALESCE: return 40;
    case JOP_AND: return 30;
    case JOP_OR: return 25;
    case '?': return 20;
    case JOP_BIND: return 10;
    default: return 0;
    }
}

/* ---- shapes ---- */

static shape other(size_t pos)
{
    shape s;
    memset(&s, 0, sizeof s);
    s.pos = s.literal_pos = pos;
    return s;
}

static shape leaf(const jsonata_token *t, raw_kind raw, result_kind kind)
{
    shape s = other(t->start);
    s.raw = raw;
    s.kind = kind;
    return s;
}

/* A name, in backticks or not, that is `function` or `λ`: calling it defines a lambda. */
static bool is_lambda_name(const parser *p, const jsonata_token *t)
{
    const char *s = p->lx.s + t->start;
    size_t n = t->len;
    if (n >= 2 && s[0] == '`')
        s++, n -= 2;
    return (n == 8 && memcmp(s, "function", 8) == 0) || (n == 2 && memcmp(s, "\xCE\xBB", 2) == 0);
}

static shape name_shape(const parser *p, const jsonata_token *t)
{
    return leaf(t, is_lambda_name(p, t) ? RAW_LAMBDA : RAW_NAME, K_PATH);
}

/* ---- prefix forms (nud) ---- */

/* `( a; b; ... )`: a block, possibly empty. */
static bool nud_block(parser *p, const jsonata_token *t, shape *out)
{
    shape part;
    while (!is_op(&p->node, ')')) {
        if (!expression(p, 0, &part))
            return false;
        if (!is_op(&p->node, ';'))
            break;
        if (!advance(p, false))
            return false;
    }
    *out = other(t->start);
    return expect_close(p, ')', '(', t->start, true);
}

/* `[a, b, 1..5]`: an array constructor; `..` makes a range of an item. */
static bool nud_array(parser *p, const jsonata_token *t, shape *out)
{
    shape item;
    if (!is_op(&p->node, ']')) {
        for (;;) {
            if (!expression(p, 0, &item))
                return false;
            if (is_op(&p->node, JOP_DOTDOT) && (!advance(p, false) || !expression(p, 0, &item)))
                return false;
            if (!is_op(&p->node, ','))
                break;
            if (!advance(p, false))
                return false;
        }
    }
    *out = other(t->start);
    return expect_close(p, ']', '[', t->start, true);
}

/* `{k: v, ...}`: an object constructor (prefix) or a group-by (after a path). */
static bool object_pairs(parser *p, const jsonata_token *t)
{
    shape part;
    if (!is_op(&p->node, '}')) {
        for (;;) {
            if (!expression(p, 0, &part) || !expect(p, ':', false) || !expression(p, 0, &part))
                return false;
            if (!is_op(&p->node, ','))
                break;
            if (!advance(p, false))
                return false;
        }
    }
    return expect_close(p, '}', '{', t->start, true);
}

/* `| pattern | update [, delete] |`: a transform. */
static bool nud_transform(parser *p, const jsonata_token *t, shape *out)
{
    shape part;
    if (!expression(p, 0, &part) || !expect(p, '|', false) || !expression(p, 0, &part))
        return false;
    if (is_op(&p->node, ',') && (!advance(p, false) || !expression(p, 0, &part)))
        return false;
    *out = other(t->start);
    return expect_close(p, '|', '|', t->start, false);
}

/* Unary minus; on a number, processAST folds it into a negative number (still no path step). */
static bool nud_minus(parser *p, const jsonata_token *t, shape *out)
{
    shape operand;
    if (!expression(p, 70, &operand))
        return false;
    if (operand.kind == K_LITERAL && operand.number) {
        *out = operand;
        out->raw = RAW_OTHER;
    } else {
        *out = other(t->start);
    }
    return true;
}

/* A token that cannot start an expression. */
static bool nud_error(parser *p, const jsonata_token *t, const jsonata_token *before)
{
    char a[32], b[32];
    if (t->type == JT_END) {
        if (before->type == JT_END)
            return syntax_fail(p->err, 0, "empty expression");
        if (is_op(before, '(') || is_op(before, '[') || is_op(before, '{'))
            return syntax_fail(p->err, before->start, "unclosed '%s'", jsonata_op_text(before->op));
        return syntax_fail(p->err, before->start + before->len, "expected an expression after '%s'",
                           text(p, before, b, sizeof b));
    }
    if (before->type == JT_END)
        return syntax_fail(p->err, t->start, "an expression cannot start with '%s'", text(p, t, a, sizeof a));
    const char *hint = is_op(t, '?') && is_op(before, '[') ? " (a JSONPath filter? JSONata writes [condition])" : "";
    return syntax_fail(p->err, t->start, "expected an expression after '%s', got '%s'%s", text(p, before, b, sizeof b),
                       text(p, t, a, sizeof a), hint);
}

static bool nud_op(parser *p, const jsonata_token *t, const jsonata_token *before, shape *out)
{
    switch (t->op) {
    case JOP_AND: case JOP_OR: case JOP_IN: /* keywords double as field names */
        *out = leaf(t, RAW_NAME, K_PATH);
        return true;
    case '*': case JOP_DESCEND: case '%': /* wildcard, descendants, parent */
        *out = leaf(t, RAW_OTHER, K_OTHER);
        return true;
    case '-': return nud_minus(p, t, out);
    case '(': return nud_block(p, t, out);
    case '[': return nud_array(p, t, out);
    case '{': *out = other(t->start); return object_pairs(p, t);
    case '|': return nud_transform(p, t, out);
    default: return nud_error(p, t, before);
    }
}

static bool nud(parser *p, const jsonata_token *t, const jsonata_token *before, shape *out)
{
    switch (t->type) {
    case JT_NAME: *out = name_shape(p, t); return true;
    case JT_VARIABLE: *out = leaf(t, RAW_VARIABLE, K_OTHER); return true;
    case JT_STRING: case JT_REGEX: *out = leaf(t, RAW_OTHER, K_OTHER); return true;
    case JT_NUMBER: *out = leaf(t, RAW_OTHER, K_LITERAL); out->number = true; return true;
    case JT_VALUE: *out = leaf(t, RAW_OTHER, K_LITERAL); return true;
    case JT_OP: return nud_op(p, t, before, out);
    case JT_END: break;
    }
    return nud_error(p, t, before);
}

/* ---- infix forms (led) ---- */

/* `a.b`: the steps of both sides make one path, where no step may be a number, true, false or null. */
static bool led_map(parser *p, shape *left)
{
    shape rhs;
    if (!expression(p, 75, &rhs))
        return false;
    shape out = other(left->pos);
    out.kind = K_PATH;
    if (left->kind == K_PATH) {
        out.group = left->group;
        out.literal_step = left->literal_step;
        out.literal_pos = left->literal_pos;
    } else if (left->kind == K_LITERAL) {
        out.literal_step = true;
        out.literal_pos = left->pos;
    }
    bool rhs_literal = rhs.kind == K_PATH ? rhs.literal_step : rhs.kind == K_LITERAL;
    if (!out.literal_step && rhs_literal) {
        out.literal_step = true;
        out.literal_pos = rhs.kind == K_PATH ? rhs.literal_pos : rhs.pos;
    }
    if (out.literal_step)
        return syntax_fail(p->err, out.literal_pos, "a number, true, false or null cannot be a step of a path");
    out.step_group = rhs.step_group; /* the right side's last step is now the path's */
    out.step_staged = rhs.step_staged;
    out.step_sort = rhs.step_sort;
    *left = out;
    return true;
}

/* `a[p]`: a predicate (`a[]` keeps singleton arrays and changes nothing). */
static bool led_predicate(parser *p, const jsonata_token *t, shape *left)
{
    if (is_op(&p->node, ']'))
        return advance(p, false);
    shape pred;
    if (!expression(p, 0, &pred) || !expect_close(p, ']', '[', t->start, true))
        return false;
    if (left->step_group)
        return syntax_fail(p->err, t->start, "a predicate cannot follow a group-by in the same step");
    left->step_staged = true;
    left->raw = RAW_OTHER;
    return true;
}

/* `a{k: v}`: a group-by, one per step. */
static bool led_group(parser *p, const jsonata_token *t, shape *left)
{
    if (!object_pairs(p, t))
        return false;
    if (left->group)
        return syntax_fail(p->err, t->start, "a step can have only one group-by");
    left->group = true;
    if (left->kind != K_PATH)
        left->step_group = true;
    left->raw = RAW_OTHER;
    return true;
}

/* `a^(<b, >c)`: order-by, a step of its own at the end of the path. */
static bool led_order(parser *p, shape *left)
{
    size_t open = p->node.start;
    shape term;
    if (!expect(p, '(', false))
        return false;
    for (;;) {
        if ((is_op(&p->node, '<') || is_op(&p->node, '>')) && !advance(p, false))
            return false;
        if (!expression(p, 0, &term))
            return false;
        if (!is_op(&p->node, ','))
            break;
        if (!advance(p, false))
            return false;
    }
    if (!expect_close(p, ')', '(', open, false))
        return false;
    if (left->kind != K_PATH) {
        left->literal_step = left->kind == K_LITERAL;
        left->literal_pos = left->pos;
        left->kind = K_PATH;
        left->group = false;
    }
    left->step_group = left->step_staged = false;
    left->step_sort = true;
    left->raw = RAW_OTHER;
    return true;
}

/* `a@$x` binds the focus, `a#$i` the position: both take a variable. */
static bool led_binding(parser *p, const jsonata_token *t, shape *left)
{
    shape var;
    if (!expression(p, 80, &var))
        return false;
    if (var.raw != RAW_VARIABLE)
        return syntax_fail(p->err, var.pos, "'%c' must be followed by a variable", t->op);
    if (t->op == '@') {
        if (left->step_staged)
            return syntax_fail(p->err, t->start, "'@' must come before the step's predicates");
        if (left->step_sort)
            return syntax_fail(p->err, t->start, "'@' must come before the step's order-by");
    } else if (left->kind != K_PATH) { /* `#` makes a path of its left side */
        left->literal_step = left->kind == K_LITERAL;
        left->literal_pos = left->pos;
        left->kind = K_PATH;
        left->group = false;
    }
    left->raw = RAW_OTHER;
    return true;
}

/* `$x := value`: the target is a variable; right-associative. */
static bool led_bind(parser *p, shape *left)
{
    if (left->raw != RAW_VARIABLE)
        return syntax_fail(p->err, left->pos, "the left side of ':=' must be a variable");
    shape rhs;
    *left = other(left->pos);
    return expression(p, 9, &rhs);
}

/* `cond ? a : b`, the else part optional. */
static bool led_condition(parser *p, shape *left)
{
    shape part;
    if (!expression(p, 0, &part))
        return false;
    if (is_op(&p->node, ':') && (!advance(p, false) || !expression(p, 0, &part)))
        return false;
    *left = other(left->pos);
    return true;
}

/* A lambda's signature `<n-n:n>`: skipped to its matching '>' as the reference does. */
static bool skip_signature(parser *p)
{
    size_t open = p->node.start;
    int depth = 1;
    while (depth > 0 && !is_op(&p->node, '{') && p->node.type != JT_END) {
        if (!advance(p, false))
            return false;
        depth += is_op(&p->node, '<') - is_op(&p->node, '>');
    }
    return expect_close(p, '>', '<', open, false);
}

/* `function($a, $b)<sig>{ body }` once the parameters are read. */
static bool lambda_body(parser *p, size_t bad_param)
{
    if (bad_param != SIZE_MAX)
        return syntax_fail(p->err, bad_param, "a function's parameters must be variables");
    if (is_op(&p->node, '<') && !skip_signature(p))
        return false;
    size_t open = p->node.start;
    shape body;
    if (!expect(p, '{', false) || !expression(p, 0, &body))
        return false;
    return expect_close(p, '}', '{', open, false);
}

/* `f(a, ?, b)`: a call, a partial application, or (on `function`/`λ`) a lambda definition. */
static bool led_call(parser *p, const jsonata_token *t, shape *left)
{
    size_t bad_param = SIZE_MAX;
    shape arg;
    if (!is_op(&p->node, ')')) {
        for (;;) {
            if (is_op(&p->node, '?')) { /* a placeholder of partial application */
                bad_param = bad_param == SIZE_MAX ? p->node.start : bad_param;
                if (!advance(p, false))
                    return false;
            } else {
                if (!expression(p, 0, &arg))
                    return false;
                if (arg.raw != RAW_VARIABLE && bad_param == SIZE_MAX)
                    bad_param = arg.pos;
            }
            if (!is_op(&p->node, ','))
                break;
            if (!advance(p, false))
                return false;
        }
    }
    if (!expect_close(p, ')', '(', t->start, true))
        return false;
    bool lambda = left->raw == RAW_LAMBDA;
    *left = other(left->pos);
    return lambda ? lambda_body(p, bad_param) : true;
}

static bool led(parser *p, const jsonata_token *t, shape *left)
{
    shape rhs;
    switch (t->op) {
    case '.': return led_map(p, left);
    case '[': return led_predicate(p, t, left);
    case '{': return led_group(p, t, left);
    case '(': return led_call(p, t, left);
    case '^': return led_order(p, left);
    case '@': case '#': return led_binding(p, t, left);
    case JOP_BIND: return led_bind(p, left);
    case '?': return led_condition(p, left);
    default: /* arithmetic, comparison, and/or/in, &, ~>, ??, ?: */
        *left = other(left->pos);
        return expression(p, lbp(t), &rhs);
    }
}

/* ---- Pratt's loop ---- */

static bool expression(parser *p, int rbp, shape *out)
{
    if (++p->depth > JSONATA_MAX_DEPTH)
        return syntax_fail(p->err, p->node.start, "nested too deeply (more than %d levels)", JSONATA_MAX_DEPTH);
    jsonata_token before = p->prev, t = p->node;
    /* The token after t follows an operand when t is one; the reference lexes it as infix in every case. */
    if (!advance(p, true) || !nud(p, &t, &before, out))
        return false;
    while (rbp < lbp(&p->node)) {
        t = p->node;
        if (!advance(p, false) || !led(p, &t, out))
            return false;
    }
    p->depth--;
    return true;
}

/* Tokens left after a whole expression: a closer without an opener, or two operands in a row. */
static bool trailing_error(parser *p)
{
    char a[32];
    const jsonata_token *t = &p->node;
    if (is_op(t, ')') || is_op(t, ']') || is_op(t, '}'))
        return syntax_fail(p->err, t->start, "'%s' closes nothing", jsonata_op_text(t->op));
    const char *hint = is_op(&p->prev, '*') ? " ('*' before it was read as a wildcard)" : "";
    return syntax_fail(p->err, t->start, "unexpected '%s' after a complete expression%s", text(p, t, a, sizeof a),
                       hint);
}

bool jsonata_syntax_ok(const char *expr, size_t len, jsonata_error *err)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.err = err;
    p.node.type = JT_END; /* before the first token: "empty expression" when there is none */
    jsonata_lexer_init(&p.lx, expr, len);
    shape s;
    if (!advance(&p, false) || !expression(&p, 0, &s))
        return false;
    return p.node.type == JT_END || trailing_error(&p);
}

jsonata_template jsonata_template_parse(const char *s, size_t len, size_t *expr_start, size_t *expr_len)
{
    bool open = len >= 2 && s[0] == '{' && s[1] == '%';
    bool close = len >= 2 && s[len - 2] == '%' && s[len - 1] == '}';
    if (open && close && len >= 4) {
        if (expr_start)
            *expr_start = 2;
        if (expr_len)
            *expr_len = len - 4;
        return JSONATA_TEMPLATE_OK;
    }
    return open ? JSONATA_TEMPLATE_NO_CLOSE : close ? JSONATA_TEMPLATE_NO_OPEN : JSONATA_TEMPLATE_NONE;
}
