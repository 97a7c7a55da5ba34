/* check_payloads.c: the service's three warnings about paths written where they are not evaluated.
 *
 * NO_DOLLAR: in a payload template (Parameters, ResultSelector, ItemSelector, an ItemReader's or
 * ResultWriter's Parameters) a value that looks like a path or an intrinsic function under a key that does
 * not end in `.$` is passed on as a literal string. NO_PATH: a state field such as Error holding "$.x" is
 * a literal too (ErrorPath takes the path). PASS_RESULT_IS_STATIC: a Pass state's Result is never
 * evaluated. Templates nest without bound, so they are walked with an explicit stack. */
#include "check/check.h"

#include <stdlib.h>
#include <string.h>

/* Whether a string would be a path or an intrinsic call had its key ended in `.$`. */
static bool looks_like_path(const char *s)
{
    return strcmp(s, "$") == 0 || strncmp(s, "$.", 2) == 0 || strncmp(s, "$$.", 3) == 0 ||
           strncmp(s, "$[", 2) == 0 || (strncmp(s, "States.", 7) == 0 && strchr(s, '(') && s[strlen(s) - 1] == ')');
}

static bool ends_with_dollar(const value_pair *p) { return p->key_len >= 2 && !strcmp(p->key + p->key_len - 2, ".$"); }

static void no_dollar(checker *c, const wf_state *s, const char *field, const value_pair *p)
{
    char buf[96];
    if (!ends_with_dollar(p) && value_str(p->val) && looks_like_path(p->val->text))
        check_report(c, RULE_NO_DOLLAR, p->key_mark,
                     "state \"%s\": %s field \"%s\" holds \"%s\", which is passed on as text: name it \"%s.$\" to "
                     "evaluate it",
                     check_short(s->name, buf, sizeof buf), field, p->key, p->val->text, p->key);
}

static void static_result(checker *c, const wf_state *s, const char *field, const value_pair *p)
{
    char buf[96];
    if (ends_with_dollar(p) || (value_str(p->val) && looks_like_path(p->val->text)))
        check_report(c, RULE_PASS_RESULT_STATIC, p->key_mark,
                     "state \"%s\": %s is static, so \"%s\" is not evaluated (use Parameters for paths)",
                     check_short(s->name, buf, sizeof buf), field, p->key);
}

static void check_no_path(checker *c, const wf_state *s)
{
    static const char *const literal_twins[] = {"Error", "Cause", NULL};
    char buf[96];
    for (const char *const *f = literal_twins; *f; f++) {
        const value *v = value_get(s->src, *f);
        if (value_str(v) && looks_like_path(v->text) && strncmp(v->text, "States.", 7) != 0)
            check_report(c, RULE_NO_PATH, check_key_mark(s->src, *f),
                         "state \"%s\": %s holds \"%s\", which is used as text: %sPath takes a path",
                         check_short(s->name, buf, sizeof buf), *f, v->text, *f);
    }
}

void check_payloads(checker *c, const wf_state *s)
{
    static const char *const templates[] = {"Parameters", "ResultSelector", "ItemSelector", NULL};
    if (s->jsonata)
        return; /* JSONata has no .$ fields: {% %} marks its expressions */
    for (const char *const *t = templates; *t; t++)
        check_each_pair(c, s, *t, value_get(s->src, *t), no_dollar);
    check_each_pair(c, s, "ItemReader.Parameters", value_get(value_get(s->src, "ItemReader"), "Parameters"), no_dollar);
    check_each_pair(c, s, "ResultWriter.Parameters", value_get(value_get(s->src, "ResultWriter"), "Parameters"),
              no_dollar);
    if (s->type == STATE_PASS)
        check_each_pair(c, s, "Result", value_get(s->src, "Result"), static_result);
    if (s->type == STATE_FAIL)
        check_no_path(c, s);
}
