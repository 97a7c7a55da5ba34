/* intrinsic.c: CloudFormation intrinsics as text; see intrinsic.h. */
#include "template/intrinsic.h"
#include "base/ptrmap.h"

#include <stdlib.h>
#include <string.h>

enum { INTRINSIC_TEXT_MAX = 16 * 1024 * 1024 };

/* Text of a scalar whatever its tag (an intrinsic's argument carries the intrinsic's own tag). */
static const char *raw_text(const value *v) { return value_is_scalar(v) ? v->text : NULL; }

/* The function of an intrinsic node: its name without `Fn::` and its argument. */
static bool intrinsic_parts(const value *v, const char **name, const value **arg)
{
    if (!v)
        return false;
    if (v->tag) {
        *name = v->tag;
        *arg = v;
        return true;
    }
    if (v->kind != VALUE_MAP || v->count != 1)
        return false;
    const char *key = v->pairs[0].key;
    const value *a = v->pairs[0].val;
    /* A States map holding one state named "Ref" is a one-key map too: the argument's shape tells them
     * apart (Ref and Condition take a name; the Fn:: functions a name or a list, Fn::Transform a map). */
    if (strcmp(key, "Ref") == 0 || strcmp(key, "Condition") == 0) {
        if (!value_is_scalar(a))
            return false;
        *name = key;
    } else if (strncmp(key, "Fn::", 4) == 0) {
        if (a->kind == VALUE_MAP && strcmp(key, "Fn::Transform") != 0)
            return false;
        *name = key + 4;
    } else {
        return false;
    }
    *arg = a;
    return true;
}

bool intrinsic_is(const value *v)
{
    const char *name;
    const value *arg;
    return intrinsic_parts(v, &name, &arg);
}

/* Arguments given as a list (`!Join [sep, parts]`); a tagged sequence is its own argument list. */
static const value *arg_item(const value *arg, size_t i)
{
    return arg && arg->kind == VALUE_SEQ && i < arg->count ? arg->items[i] : NULL;
}

static const char *pseudo_parameter(const char *name)
{
    if (strcmp(name, "AWS::Partition") == 0)
        return "aws";
    if (strcmp(name, "AWS::URLSuffix") == 0)
        return "amazonaws.com";
    if (strcmp(name, "AWS::NoValue") == 0)
        return "";
    return NULL;
}

/* What `${name}` (Ref or Sub variable) shows: a pseudo parameter's value, a parameter's Default, or the
 * placeholder itself. */
static const char *reference_text(const template_ctx *t, const char *name)
{
    const char *pseudo = pseudo_parameter(name);
    if (pseudo)
        return pseudo;
    const value *def = value_get(value_get(t->parameters, name), "Default");
    if (value_is_scalar(def) && !def->tag)
        return def->text;
    return arena_printf(t->a, "${%s}", name);
}

static const char *getatt_text(const template_ctx *t, const value *arg)
{
    if (value_is_scalar(arg))
        return arena_printf(t->a, "${%s}", arg->text);
    const value *res = arg_item(arg, 0), *attr = arg_item(arg, 1);
    return arena_printf(t->a, "${%s.%s}", res ? intrinsic_text(t, res) : "?", attr ? intrinsic_text(t, attr) : "?");
}

/* Whether text of len bytes is still within the template's budget. */
static bool within_budget(const template_ctx *t, size_t len) { return !t->budget || len <= t->budget->left; }

/* sb's text in the arena, charged to the budget (past it: spent, and the text dropped). */
static const char *charged(const template_ctx *t, strbuf *sb)
{
    if (t->budget && sb->len > t->budget->left) {
        t->budget->left = 0;
        t->budget->spent = true;
        strbuf_free(sb);
        return "";
    }
    if (t->budget)
        t->budget->left -= sb->len;
    return strbuf_to_arena(sb, t->a);
}

/* Fn::Sub: `${Var}` from the variable map, `${!x}` is the literal `${x}`, references as reference_text. */
static const char *sub_text(const template_ctx *t, const value *arg)
{
    const char *tpl = value_is_scalar(arg) ? raw_text(arg) : raw_text(arg_item(arg, 0));
    const value *vars = value_is_scalar(arg) ? NULL : arg_item(arg, 1);
    if (!tpl)
        return "${Sub}";
    strbuf sb;
    strbuf_init(&sb);
    bool closers_left = true; /* once no '}' follows, stop looking */
    const char *next_close = NULL; /* each '}' looked for once: keeps `${${${...}` linear */
    for (const char *p = tpl; *p && within_budget(t, sb.len);) {
        const char *close = NULL;
        if (closers_left && p[0] == '$' && p[1] == '{') {
            if (!next_close || next_close < p + 2)
                next_close = strchr(p + 2, '}');
            close = next_close;
            closers_left = close != NULL;
        }
        if (!close) {
            strbuf_putc(&sb, *p++);
            continue;
        }
        char *name = arena_strndup(t->a, p + 2, (size_t)(close - p - 2));
        const value *var = value_get(vars, name);
        if (name[0] == '!')
            strbuf_printf(&sb, "${%s}", name + 1);
        else if (var)
            strbuf_puts(&sb, intrinsic_text(t, var));
        else
            strbuf_puts(&sb, reference_text(t, name));
        p = close + 1;
    }
    return charged(t, &sb);
}

static const char *join_text(const template_ctx *t, const value *arg)
{
    const char *sep = raw_text(arg_item(arg, 0));
    const value *parts = arg_item(arg, 1);
    if (!parts)
        return "${Join}";
    if (parts->kind != VALUE_SEQ || intrinsic_is(parts))
        return intrinsic_text(t, parts);
    strbuf sb;
    strbuf_init(&sb);
    /* Aliases can repeat a large part many times: stop at a size no definition reaches. */
    for (size_t i = 0; i < parts->count && sb.len <= INTRINSIC_TEXT_MAX && within_budget(t, sb.len); i++) {
        if (i && sep)
            strbuf_puts(&sb, sep);
        strbuf_puts(&sb, intrinsic_text(t, parts->items[i]));
    }
    return charged(t, &sb);
}

/* Fn::Select over a literal list, or over Fn::Split of text. */
static const char *select_text(const template_ctx *t, const value *arg)
{
    const value *index = arg_item(arg, 0), *list = arg_item(arg, 1);
    long long i;
    const char *fname;
    const value *farg;
    if (!index || !list || !raw_text(index))
        return "${Select}";
    i = strtoll(raw_text(index), NULL, 10);
    if (list->kind == VALUE_SEQ && !list->tag)
        return i >= 0 && (size_t)i < list->count ? intrinsic_text(t, list->items[i]) : "${Select}";
    if (intrinsic_parts(list, &fname, &farg) && strcmp(fname, "Split") == 0) {
        const char *delim = raw_text(arg_item(farg, 0));
        const char *text = arg_item(farg, 1) ? intrinsic_text(t, arg_item(farg, 1)) : NULL;
        if (!delim || !*delim || !text)
            return "${Select}";
        for (; i > 0 && text; i--) {
            text = strstr(text, delim);
            text = text ? text + strlen(delim) : NULL;
        }
        if (!text)
            return "${Select}";
        const char *end = strstr(text, delim);
        return arena_strndup(t->a, text, end ? (size_t)(end - text) : strlen(text));
    }
    return arena_printf(t->a, "%s[%lld]", intrinsic_text(t, list), i);
}

static const char *find_in_map_text(const template_ctx *t, const value *arg)
{
    const char *keys[3];
    for (size_t i = 0; i < 3; i++)
        keys[i] = arg_item(arg, i) ? intrinsic_text(t, arg_item(arg, i)) : "?";
    const value *found = value_get(value_get(value_get(t->mappings, keys[0]), keys[1]), keys[2]);
    if (value_is_scalar(found))
        return intrinsic_text(t, found);
    return arena_printf(t->a, "%s[%s][%s]", keys[0], keys[1], keys[2]);
}

/* Any other function: `Name(arg, arg)`. */
static const char *generic_text(const template_ctx *t, const char *name, const value *arg)
{
    strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb, "%s(", name);
    if (arg && arg->kind == VALUE_SEQ) {
        for (size_t i = 0; i < arg->count; i++) {
            if (i)
                strbuf_puts(&sb, ", ");
            strbuf_puts(&sb, intrinsic_text(t, arg->items[i]));
        }
    } else if (arg) {
        strbuf_puts(&sb, value_is_scalar(arg) ? arg->text : "…");
    }
    strbuf_putc(&sb, ')');
    return strbuf_to_arena(&sb, t->a);
}

static const char *function_text(const template_ctx *t, const char *name, const value *arg)
{
    if (strcmp(name, "Ref") == 0)
        return raw_text(arg) ? reference_text(t, raw_text(arg)) : "${Ref}";
    if (strcmp(name, "GetAtt") == 0)
        return getatt_text(t, arg);
    if (strcmp(name, "Sub") == 0)
        return sub_text(t, arg);
    if (strcmp(name, "Join") == 0)
        return join_text(t, arg);
    if (strcmp(name, "Select") == 0)
        return select_text(t, arg);
    if (strcmp(name, "FindInMap") == 0)
        return find_in_map_text(t, arg);
    if (strcmp(name, "ImportValue") == 0)
        return arena_printf(t->a, "import:%s", value_is_scalar(arg) ? arg->text : intrinsic_text(t, arg));
    if (strcmp(name, "Base64") == 0)
        return value_is_scalar(arg) ? arg->text : intrinsic_text(t, arg);
    if (strcmp(name, "If") == 0 && arg_item(arg, 2))
        return arena_printf(t->a, "%s ? %s : %s", intrinsic_text(t, arg_item(arg, 0)),
                            intrinsic_text(t, arg_item(arg, 1)), intrinsic_text(t, arg_item(arg, 2)));
    return generic_text(t, name, arg);
}

const char *intrinsic_text(const template_ctx *t, const value *v)
{
    const char *name;
    const value *arg;
    if (!v)
        return "";
    if (intrinsic_parts(v, &name, &arg)) {
        /* A tagged node is its own argument: strip the tag so the argument reads as plain data. */
        if (arg == v && v->tag) {
            value *plain = arena_alloc(t->a, sizeof *plain);
            *plain = *v;
            plain->tag = NULL;
            arg = plain;
        }
        return function_text(t, name, arg);
    }
    if (value_is_scalar(v))
        return v->text;
    return v->kind == VALUE_MAP ? "{…}" : "[…]";
}

/* Each node's result by its address (ptrmap.h): a subtree that YAML aliases put in many places is
 * replaced once. */
static const value *replace_node(const template_ctx *t, ptrmap *memo, const value *v);

static const value *replace_children(const template_ctx *t, ptrmap *memo, const value *v)
{
    value *copy = NULL;
    for (size_t i = 0; i < v->count; i++) {
        const value *child = v->kind == VALUE_SEQ ? v->items[i] : v->pairs[i].val;
        const value *r = replace_node(t, memo, child);
        if (r == child)
            continue;
        if (!copy) {
            copy = arena_alloc(t->a, sizeof *copy);
            *copy = *v;
            if (v->kind == VALUE_SEQ) {
                copy->items = arena_calloc(t->a, v->count, sizeof *copy->items);
                memcpy(copy->items, v->items, v->count * sizeof *copy->items);
            } else {
                copy->pairs = arena_calloc(t->a, v->count, sizeof *copy->pairs);
                memcpy(copy->pairs, v->pairs, v->count * sizeof *copy->pairs);
            }
        }
        if (v->kind == VALUE_SEQ)
            copy->items[i] = (value *)r;
        else
            copy->pairs[i].val = (value *)r;
    }
    return copy ? copy : v;
}

static const value *replace_node(const template_ctx *t, ptrmap *memo, const value *v)
{
    if (!v)
        return v;
    if (intrinsic_is(v)) {
        const char *text = intrinsic_text(t, v);
        return value_new_string(t->a, text, strlen(text), v->at);
    }
    if (v->kind != VALUE_SEQ && v->kind != VALUE_MAP)
        return v;
    void *done;
    if (ptrmap_get(memo, v, &done))
        return done;
    const value *r = replace_children(t, memo, v);
    ptrmap_put(memo, v, (void *)r);
    return r;
}

const value *intrinsic_replace(const template_ctx *t, const value *v)
{
    ptrmap memo;
    ptrmap_init(&memo);
    const value *r = replace_node(t, &memo, v);
    ptrmap_free(&memo);
    return r;
}

const char *template_resource_type(const void *ctx, const char *logical_id)
{
    const template_ctx *t = ctx;
    return value_str(value_get(value_get(t->resources, logical_id), "Type"));
}
