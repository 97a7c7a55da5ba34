/* test_mermaid.c: the Mermaid writer's escaping (mermaid_text.c), and mermaid_write_diff on machine_diff
 * values built by hand from two versions of one machine: badges and classes for added and changed states,
 * ghosts of removed states in the scope they stood in (the top level, a Parallel's branch), removed and
 * added edges, the legend; and a removed machine drawn whole as removed. MERMAID_DIFF_OUT=DIR writes the
 * diagrams there (DIR/diff.mmd, DIR/removed.mmd), to give to tests/tools/mermaid-parse.mjs. */
#include "export/mermaid.h"
#include "export/mermaid_writer.h"
#include "sfnviz.h"
#include "template/document.h"
#include "test.h"

#include <stdlib.h>

static const char OLD[] = "StartAt: A\n"
                          "States:\n"
                          "  A: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:Old', Next: B}\n"
                          "  B: {Type: Pass, Next: P}\n"
                          "  P:\n"
                          "    Type: Parallel\n"
                          "    Next: Done\n"
                          "    Branches:\n"
                          "      - StartAt: X\n"
                          "        States:\n"
                          "          X: {Type: Pass, Next: Y}\n"
                          "          Y: {Type: Pass, End: true}\n"
                          "  Done: {Type: Succeed}\n";

static const char NEW[] = "StartAt: A\n"
                          "States:\n"
                          "  A: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:New',\n"
                          "      Next: \"N \\\"1\\\"\"}\n"
                          "  \"N \\\"1\\\"\": {Type: Pass, Next: P}\n"
                          "  P:\n"
                          "    Type: Parallel\n"
                          "    Next: Done\n"
                          "    Branches:\n"
                          "      - StartAt: X\n"
                          "        States:\n"
                          "          X: {Type: Pass, End: true}\n"
                          "  Done: {Type: Succeed}\n";

static sfnviz_doc *load(const char *text)
{
    return sfnviz_doc_load_buffer("t.asl.yaml", text, strlen(text), NULL);
}

static int state_named(const machine *m, const char *name)
{
    for (size_t i = 0; i < m->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The edge of `kind` out of state `from` (EDGE_START: of the top level). */
static int edge_of(const machine *m, const char *from, edge_kind kind)
{
    int f = from ? state_named(m, from) : -1;
    for (size_t i = 0; i < m->edge_count; i++)
        if (m->edges[i].kind == kind && m->edges[i].from == f)
            return (int)i;
    return -1;
}

static void save(const char *name, const char *text)
{
    const char *dir = getenv("MERMAID_DIFF_OUT");
    if (!dir)
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_escaping(void)
{
    strbuf b;
    strbuf_init(&b);
    mermaid_put_text(&b, "a\"b<c>&d#e;f[g]{h}|i`j%k\\l\nm", 0);
    CHECK_STR(strbuf_cstr(&b), "a#quot;b#lt;c#gt;#amp;d#35;e#59;f#91;g#93;#123;h#125;#124;i#96;j#37;k#92;l m");
    strbuf_clear(&b);
    mermaid_put_text(&b, "lifestyle: x classDef", 0); /* Mermaid's pre-pass would eat a `;` after these */
    CHECK_STR(strbuf_cstr(&b), "life#115;tyle: x #99;lassDef");
    strbuf_clear(&b);
    mermaid_put_text(&b, "bidi\xe2\x80\xaeok \xff end", 0); /* U+202E override, an invalid byte */
    CHECK_STR(strbuf_cstr(&b), "bidi#8238;ok \xef\xbf\xbd end");
    strbuf_clear(&b);
    mermaid_put_text(&b, "abcdefghij", 5);
    CHECK_STR(strbuf_cstr(&b), "abcd\xe2\x80\xa6");
    strbuf_clear(&b);
    mermaid_put_markdown(&b, "# *a* <b> & [c](d) my-flow.asl.json");
    CHECK_STR(strbuf_cstr(&b), "\\# \\*a\\* &lt;b> &amp; \\[c\\](d) my-flow.asl.json");
    strbuf_free(&b);
}

static void test_diff(void)
{
    sfnviz_doc *od = load(OLD), *nd = load(NEW);
    const machine *o = &od->machines[0], *n = &nd->machines[0];
    diff_status *os = calloc(o->state_count, sizeof *os), *ns = calloc(n->state_count, sizeof *ns);
    diff_status *oe = calloc(o->edge_count, sizeof *oe), *ne = calloc(n->edge_count, sizeof *ne);
    os[state_named(o, "A")] = ns[state_named(n, "A")] = DIFF_CHANGED;
    os[state_named(o, "X")] = ns[state_named(n, "X")] = DIFF_CHANGED;
    os[state_named(o, "B")] = os[state_named(o, "Y")] = DIFF_REMOVED;
    ns[state_named(n, "N \"1\"")] = DIFF_ADDED;
    oe[edge_of(o, "A", EDGE_NEXT)] = oe[edge_of(o, "B", EDGE_NEXT)] = oe[edge_of(o, "X", EDGE_NEXT)] = DIFF_REMOVED;
    ne[edge_of(n, "A", EDGE_NEXT)] = ne[edge_of(n, "N \"1\"", EDGE_NEXT)] = DIFF_ADDED;
    machine_diff md = {.id = "t.asl.yaml", .status = DIFF_CHANGED, .old_m = o, .new_m = n, .old_states = os,
                       .new_states = ns, .old_edges = oe, .new_edges = ne};
    strbuf out;
    strbuf_init(&out);
    mermaid_write_diff(&out, &md, NULL);
    const char *t = strbuf_cstr(&out);
    save("diff.mmd", t);
    char want[256];
    snprintf(want, sizeof want, "s%d(\"<b>~ A</b>", state_named(n, "A"));
    CHECK(strstr(t, want) != NULL);
    snprintf(want, sizeof want, "s%d[\"<b>+ N #quot;1#quot;</b>\"]", state_named(n, "N \"1\""));
    CHECK(strstr(t, want) != NULL);
    snprintf(want, sizeof want, "    r%d[\"<b>\u2212 B</b>\"]\n", state_named(o, "B"));
    CHECK(strstr(t, want) != NULL); /* a ghost at the top level */
    /* Y's ghost in the branch it stood in: after X, before the branch's end. */
    snprintf(want, sizeof want, "[\"<b>~ X</b>\"]\n            r%d[\"<b>\u2212 Y</b>\"]\n        end\n",
             state_named(o, "Y"));
    CHECK(strstr(t, want) != NULL);
    snprintf(want, sizeof want, "s%d -.->|\"\u2212\"| r%d\n", state_named(n, "A"), state_named(o, "B"));
    CHECK(strstr(t, want) != NULL);
    snprintf(want, sizeof want, "s%d ==>|\"+\"| s%d\n", state_named(n, "A"), state_named(n, "N \"1\""));
    CHECK(strstr(t, want) != NULL);
    CHECK(strstr(t, "subgraph legend0 [\"Legend\"]") != NULL);
    CHECK(strstr(t, "classDef added ") && strstr(t, "classDef changed ") && strstr(t, "classDef removed "));
    CHECK(strstr(t, "stroke-dasharray") != NULL);
    CHECK(strstr(t, "N \"1\"") == NULL); /* the name's quotes never reach Mermaid raw */

    machine_diff gone = {.id = "t.asl.yaml", .status = DIFF_REMOVED, .old_m = o};
    strbuf_clear(&out);
    mermaid_write_diff(&out, &gone, NULL);
    t = strbuf_cstr(&out);
    save("removed.mmd", t);
    CHECK(strstr(t, "\u2212 A</b>") && strstr(t, "\u2212 Y</b>"));
    CHECK(strstr(t, "class ") && strstr(t, " removed\n"));
    CHECK(strstr(t, "classDef added") == NULL);
    strbuf_free(&out);
    free(os);
    free(ns);
    free(oe);
    free(ne);
    sfnviz_doc_free(od);
    sfnviz_doc_free(nd);
}

/* Compact drops the retriers' details; collapsed draws the Parallel as one node with its count. */
static void test_detail(void)
{
    sfnviz_doc *d = load(OLD);
    const sfnviz_machine *m = sfnviz_doc_machine(d, 0);
    sfnviz_render_options ro = {.detail = SFNVIZ_DETAIL_COLLAPSED, .no_title = 1};
    char *out = NULL, err[256];
    size_t len = 0;
    CHECK_INT(sfnviz_export(d, &m, 1, SFNVIZ_FORMAT_MERMAID, &ro, &out, &len, err, sizeof err), 0);
    CHECK(out && strstr(out, "[[\"<b>P</b><br>Parallel \u00b7 1 branch \u00b7 2 states\"]]") != NULL);
    CHECK(out && strstr(out, "subgraph") == NULL);
    CHECK(out && strncmp(out, "flowchart TD\n", 13) == 0);
    free(out);
    sfnviz_doc_free(d);
}

int main(void)
{
    test_escaping();
    test_diff();
    test_detail();
    return test_report();
}
