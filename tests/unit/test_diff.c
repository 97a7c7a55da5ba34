/* test_diff.c: the diff model (diff/diff.h): values compared by meaning and written as JSON
 * (value_text.h), field changes where two trees part (fields.h), states matched by name and edges by
 * (from, to, kind) as a multiset, machines by ID, and the public API's formats. */
#include "sfnviz.h"
#include "diff/diff.h"
#include "diff/fields.h"
#include "diff/value_text.h"
#include "template/document.h"
#include "test.h"

#include <stdlib.h>

static sfnviz_doc *load(const char *name, const char *text)
{
    return sfnviz_doc_load_buffer(name, text, strlen(text), NULL);
}

/* The documents tree() read, freed at the end. */
static sfnviz_doc *kept[64];
static size_t kept_count;

/* The root value of text read as YAML or JSON, in a document kept for the test's life. */
static const value *tree(const char *text)
{
    sfnviz_doc *doc = load("v.yaml", text);
    if (kept_count < 64)
        kept[kept_count++] = doc;
    return doc->root;
}

static const char *as_json(const value *v, value_skip skip)
{
    static char buf[512];
    strbuf b;
    strbuf_init(&b);
    value_put_json(&b, v, skip);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    return buf;
}

static void test_values(void)
{
    CHECK(value_same(tree("{a: 1, b: [x, true]}"), tree("{\"b\": [\"x\", true], \"a\": 1.0}"), SKIP_NOTHING));
    CHECK(value_same(tree("{r: 1.50}"), tree("{\"r\": 1.5}"), SKIP_NOTHING));
    CHECK(!value_same(tree("{a: 1}"), tree("{a: \"1\"}"), SKIP_NOTHING));
    CHECK(!value_same(tree("{a: 1}"), tree("{a: 1, b: null}"), SKIP_NOTHING));
    CHECK(!value_same(tree("[1, 2]"), tree("[2, 1]"), SKIP_NOTHING));
    /* a scope's States are another state's business */
    CHECK(value_same(tree("{StartAt: A, States: {A: {Type: Pass}}}"), tree("{StartAt: A, States: {}}"), SKIP_STATES));
    CHECK(!value_same(tree("{StartAt: A, States: {}}"), tree("{StartAt: B, States: {}}"), SKIP_STATES));
    CHECK_STR(as_json(tree("{a: 1, b: [x, true, null], c: 2.5}"), SKIP_NOTHING), "{\"a\": 1, \"b\": [\"x\", true, null], \"c\": 2.5}");
    CHECK_STR(as_json(tree("[{StartAt: A, States: {A: 1}}]"), SKIP_ITEMS_STATES), "[{\"StartAt\": \"A\"}]");
    CHECK_STR(as_json(tree("{k: !GetAtt Fn.Arn}"), SKIP_NOTHING), "{\"k\": {\"Fn::GetAtt\": \"Fn.Arn\"}}");
    CHECK_STR(as_json(tree("{k: \"q\\\"\\n\"}"), SKIP_NOTHING), "{\"k\": \"q\\\"\\n\"}");
    /* a map of many keys in another order: looked up, not walked pairwise */
    char a[4096] = "{", b[4096] = "{";
    for (int i = 0; i < 100; i++) {
        snprintf(a + strlen(a), sizeof a - strlen(a), "k%d: %d, ", i, i);
        snprintf(b + strlen(b), sizeof b - strlen(b), "k%d: %d, ", 99 - i, 99 - i);
    }
    strcat(a, "z: 0}");
    strcat(b, "z: 0}");
    CHECK(value_same(tree(a), tree(b), SKIP_NOTHING));
}

static void test_fields(void)
{
    arena ar;
    arena_init(&ar);
    change_list l;
    change_list_init(&l, &ar);
    fields_compare(&l, "S", tree("{Type: Task, Retry: [{ErrorEquals: [A], MaxAttempts: 3}], Parameters: {x: 1, y.$: $.y}}"),
                   tree("{Type: Task, Retry: [{ErrorEquals: [A], MaxAttempts: 5}], Parameters: {x: 1, z: [1]}, End: true}"),
                   SKIP_NOTHING, true);
    CHECK_INT(l.count, 4);
    if (l.count == 4) {
        CHECK_STR(l.items[0].field, "Retry[0].MaxAttempts");
        CHECK_STR(l.items[0].old_value, "3");
        CHECK_STR(l.items[0].new_value, "5");
        CHECK_STR(l.items[1].field, "Parameters.y.$");
        CHECK(l.items[1].new_value == NULL);
        CHECK_STR(l.items[2].field, "Parameters.z");
        CHECK(l.items[2].old_value == NULL);
        CHECK_STR(l.items[3].field, "End");
        CHECK_STR(l.items[3].state, "S");
    }
    l.count = 0;
    /* a list of another length is one change; a key that is no plain word is quoted */
    fields_compare(&l, "S", tree("{Catch: [{Next: A}], \"odd key\": 1}"), tree("{Catch: [{Next: A}, {Next: B}], \"odd key\": 2}"),
                   SKIP_NOTHING, true);
    CHECK_INT(l.count, 2);
    if (l.count == 2) {
        CHECK_STR(l.items[0].field, "Catch");
        CHECK_STR(l.items[0].new_value, "[{\"Next\": \"A\"}, {\"Next\": \"B\"}]");
        CHECK_STR(l.items[1].field, "[\"odd key\"]");
    }
    l.count = 0;
    /* a branch's states are not the Parallel's, its StartAt is */
    fields_compare(&l, "P", tree("{Branches: [{StartAt: A, States: {A: {Type: Pass}}}]}"),
                   tree("{Branches: [{StartAt: B, States: {B: {Type: Pass}}}]}"), SKIP_NOTHING, true);
    CHECK_INT(l.count, 1);
    if (l.count == 1)
        CHECK_STR(l.items[0].field, "Branches[0].StartAt");
    l.count = 0;
    fields_compare(&l, "P", tree("{Branches: [{StartAt: A, States: {A: {Type: Pass}}}]}"),
                   tree("{Branches: [{StartAt: A, States: {A: {Type: Pass, Comment: c}}}]}"), SKIP_NOTHING, true);
    CHECK_INT(l.count, 0);
    change_list_free(&l);
    arena_release(&ar);
}

static const char OLD_FLOW[] = "StartAt: A\n"
                               "States:\n"
                               "  A: {Type: Choice, Choices: [{Variable: $.x, IsPresent: true, Next: B},\n"
                               "      {Variable: $.y, IsPresent: true, Next: B}], Default: C}\n"
                               "  B: {Type: Pass, End: true}\n"
                               "  C: {Type: Pass, Next: B}\n";
static const char NEW_FLOW[] = "StartAt: A\n"
                               "States:\n"
                               "  A: {Type: Choice, Choices: [{Variable: $.x, IsPresent: true, Next: B}], Default: D}\n"
                               "  B: {Type: Pass, End: true}\n"
                               "  D: {Type: Pass, Next: B}\n";

static size_t count_of(const diff_status *s, size_t n, diff_status want) { return diff_count(s, n, want); }

static void test_matching(void)
{
    sfnviz_doc *o = load("old.asl.yaml", OLD_FLOW), *n = load("new.asl.yaml", NEW_FLOW);
    doc_diff d;
    diff_docs(&d, o, n);
    CHECK_INT(d.count, 1); /* two ASL files: one machine, whatever their names */
    machine_diff *md = &d.machines[0];
    CHECK_INT(md->status, DIFF_CHANGED);
    CHECK_STR(md->id, "new.asl.yaml");
    /* C renamed D: removed and added, never guessed */
    CHECK_INT(md->new_states[2], DIFF_ADDED);
    CHECK_INT(md->old_states[2], DIFF_REMOVED);
    CHECK_INT(md->new_states[0], DIFF_CHANGED);
    CHECK_INT(md->new_states[1], DIFF_SAME);
    /* two rules of A go to B: one of them is gone (a multiset, not a set) */
    CHECK_INT(count_of(md->old_edges, md->old_m->edge_count, DIFF_REMOVED), 3); /* A->B rule, A->C, C->B */
    CHECK_INT(count_of(md->new_edges, md->new_m->edge_count, DIFF_ADDED), 2);   /* A->D, D->B */
    CHECK(doc_diff_differs(&d));
    doc_diff_free(&d);
    /* the same file against itself */
    diff_docs(&d, o, o);
    CHECK_INT(d.machines[0].status, DIFF_SAME);
    CHECK_INT(d.machines[0].change_count, 0);
    CHECK(!doc_diff_differs(&d));
    doc_diff_free(&d);
    /* a file added: every machine added */
    diff_docs(&d, NULL, n);
    CHECK_INT(d.count, 1);
    CHECK_INT(d.machines[0].status, DIFF_ADDED);
    CHECK(d.machines[0].old_m == NULL);
    doc_diff_free(&d);
    sfnviz_doc_free(o);
    sfnviz_doc_free(n);
}

/* A state name written twice (in a branch and at the top: the duplicate-state-name finding) matches by
 * occurrence: the file is the same as itself, and a third Done is the one added. */
static const char REPEATED[] = "StartAt: P\n"
                               "States:\n"
                               "  P: {Type: Parallel, Next: Done, Branches: [{StartAt: Done, States: {Done: {Type: Succeed}}}]}\n"
                               "  Done: {Type: Succeed}\n";
static const char REPEATED_MORE[] = "StartAt: P\n"
                                    "States:\n"
                                    "  P: {Type: Parallel, Next: Done, Branches: [{StartAt: Done, States: {Done: {Type: Succeed}}},\n"
                                    "      {StartAt: Done, States: {Done: {Type: Succeed}}}]}\n"
                                    "  Done: {Type: Succeed}\n";

static void test_repeated_names(void)
{
    sfnviz_doc *versions[2] = {load("old.asl.yaml", REPEATED), load("new.asl.yaml", REPEATED_MORE)};
    sfnviz_diff *self = sfnviz_diff_docs(versions[0], versions[0]);
    CHECK(!sfnviz_diff_differs(self));
    sfnviz_diff_free(self);
    doc_diff d;
    diff_docs(&d, versions[0], versions[1]);
    const machine_diff *md = &d.machines[0];
    CHECK_INT(count_of(md->new_states, md->new_m->state_count, DIFF_ADDED), 1);
    CHECK_INT(count_of(md->old_states, md->old_m->state_count, DIFF_REMOVED), 0);
    doc_diff_free(&d);
    for (int i = 0; i < 2; i++)
        sfnviz_doc_free(versions[i]);
}

static const char TEMPLATE_OLD[] = "Resources:\n"
                                   "  A: {Type: AWS::Serverless::StateMachine, Properties: {Definition: {StartAt: X, States: {X: {Type: Pass, End: true}}}}}\n"
                                   "  B: {Type: AWS::Serverless::StateMachine, Properties: {Definition: {StartAt: X, States: {X: {Type: Pass, End: true}}}}}\n";
static const char TEMPLATE_NEW[] = "Resources:\n"
                                   "  C: {Type: AWS::Serverless::StateMachine, Properties: {Definition: {StartAt: X, States: {X: {Type: Pass, End: true}}}}}\n"
                                   "  A: {Type: AWS::Serverless::StateMachine, Properties: {Type: EXPRESS, Definition: {StartAt: X, States: {X: {Type: Pass, End: true}}}}}\n";

static void test_machines(void)
{
    sfnviz_doc *o = load("t.yaml", TEMPLATE_OLD), *n = load("t.yaml", TEMPLATE_NEW);
    doc_diff d;
    diff_docs(&d, o, n);
    CHECK_INT(d.count, 3);
    if (d.count == 3) {
        CHECK_STR(d.machines[0].id, "C");
        CHECK_INT(d.machines[0].status, DIFF_ADDED);
        CHECK_STR(d.machines[1].id, "A");
        CHECK_INT(d.machines[1].status, DIFF_CHANGED);
        CHECK_INT(d.machines[1].change_count, 1);
        CHECK_STR(d.machines[1].changes[0].state, DIFF_MACHINE_STATE);
        CHECK_STR(d.machines[1].changes[0].field, "Type");
        CHECK(d.machines[1].changes[0].old_value == NULL);
        CHECK_STR(d.machines[1].changes[0].new_value, "\"EXPRESS\"");
        CHECK_STR(d.machines[2].id, "B");
        CHECK_INT(d.machines[2].status, DIFF_REMOVED);
    }
    doc_diff_free(&d);
    /* the public API */
    sfnviz_diff *pd = sfnviz_diff_docs(o, n);
    CHECK(sfnviz_diff_differs(pd));
    char *out, err[256];
    size_t len;
    CHECK_INT(sfnviz_diff_write(pd, SFNVIZ_DIFF_JSON, NULL, &out, &len, err, sizeof err), 0);
    CHECK(out && strncmp(out, "{\"version\": 1, \"machines\": [", 28) == 0 && len == strlen(out));
    free(out);
    CHECK_INT(sfnviz_diff_write(pd, SFNVIZ_DIFF_TEXT, NULL, &out, &len, err, sizeof err), 0);
    CHECK(out && strstr(out, "- B removed") && strstr(out, "+ C added"));
    free(out);
    CHECK_INT(sfnviz_diff_write(pd, SFNVIZ_DIFF_DOT, NULL, &out, &len, err, sizeof err), -1);
    CHECK(out == NULL && strstr(err, "choose the one to draw with -m ID"));
    sfnviz_diff_options pick = {0, NULL, "C"};
    CHECK_INT(sfnviz_diff_write(pd, SFNVIZ_DIFF_DOT, &pick, &out, &len, err, sizeof err), 0);
    CHECK(out && strstr(out, "digraph") && strstr(out, "Diff: "));
    free(out);
    pick.machine = "nothing-of-that-name";
    CHECK_INT(sfnviz_diff_write(pd, SFNVIZ_DIFF_DOT, &pick, &out, &len, err, sizeof err), -1);
    CHECK(out == NULL && strstr(err, "no state machine 'nothing-of-that-name'"));
    CHECK_INT(sfnviz_diff_format_from_name("Markdown"), SFNVIZ_DIFF_MARKDOWN);
    CHECK_INT(sfnviz_diff_format_from_name("md"), -1);
    sfnviz_diff_free(pd);
    sfnviz_doc_free(o);
    sfnviz_doc_free(n);
}

int main(void)
{
    test_values();
    test_fields();
    test_matching();
    test_repeated_names();
    test_machines();
    for (size_t i = 0; i < kept_count; i++)
        sfnviz_doc_free(kept[i]);
    return test_report();
}
