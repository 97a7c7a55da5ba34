/* test_diff_draw.c: the drawn diff (export/diff_draw.h, graph/diff_marks.c) on machine_diff values made by
 * hand from two versions of a workflow: states matched by name, edges by (from, to, kind), and the states
 * named as changed marked so (the diff computation is not what is tested here). The DOT text is checked
 * for the marks (class, outline, pen, badge, the changed fields), the ghosts of removed states (in the
 * scope they were in, joined by their removed transitions) and the title; three cases against golden files
 * in tests/golden/expected/diff/ (UPDATE_GOLDEN=1 rewrites them). DIFF_DRAW_PICTURES=DIR writes a PNG of
 * every case in the default, dark and mono themes there, to look at. */
#include "diff/diff.h"
#include "export/diff_draw.h"
#include "graph/theme.h"
#include "sfnviz.h"
#include "template/document.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Graphviz leaks inside layout (test_graph.c has the list). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgvc.so\nleak:libgvplugin_dot_layout.so\nleak:libgvplugin_pango.so\nleak:libpango\n"
           "leak:libfontconfig\nleak:libglib\n";
}

enum { MAX_ITEMS = 128 };

typedef struct pair {
    sfnviz_doc *old_doc, *new_doc;
    machine_diff md;
    diff_status os[MAX_ITEMS], ns[MAX_ITEMS], oe[MAX_ITEMS], ne[MAX_ITEMS];
} pair;

static const machine *only_machine(const sfnviz_doc *doc)
{
    return doc && doc->machine_count ? &doc->machines[0] : NULL;
}

static int state_named(const machine *m, const char *name)
{
    for (size_t i = 0; name && i < m->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const char *end_name(const machine *m, int i, const char *none)
{
    return i >= 0 && (size_t)i < m->state_count ? m->states[i].name : none;
}

/* Whether machine `in` has an edge with e's (from name, to name, kind). */
static bool has_edge(const machine *in, const machine *of, const wf_edge *e)
{
    for (size_t i = 0; i < in->edge_count; i++) {
        const wf_edge *x = &in->edges[i];
        const char *x_to = end_name(in, x->to, x->to_name ? x->to_name : "");
        const char *e_to = end_name(of, e->to, e->to_name ? e->to_name : "");
        if (x->kind == e->kind && strcmp(end_name(in, x->from, ""), end_name(of, e->from, "")) == 0 &&
            strcmp(x_to, e_to) == 0)
            return true;
    }
    return false;
}

static bool listed(const char *const *names, const char *name)
{
    for (size_t i = 0; names && names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* Marks one side's states and edges against the other side: `gone` for what the other lacks. */
static bool mark_side(const machine *m, const machine *other, const char *const *changed, diff_status gone,
                      diff_status *states, diff_status *edges)
{
    bool differs = false;
    for (size_t i = 0; i < m->state_count && i < MAX_ITEMS; i++) {
        const char *name = m->states[i].name;
        states[i] = state_named(other, name) < 0 ? gone : listed(changed, name) ? DIFF_CHANGED : DIFF_SAME;
        differs = differs || states[i] != DIFF_SAME;
    }
    for (size_t i = 0; i < m->edge_count && i < MAX_ITEMS; i++) {
        edges[i] = has_edge(other, m, &m->edges[i]) ? DIFF_SAME : gone;
        differs = differs || edges[i] != DIFF_SAME;
    }
    return differs;
}

/* old_text or new_text NULL: the machine was added or removed. */
static void make_pair(pair *p, const char *old_text, const char *new_text, const char *const *changed,
                      diff_change *changes, size_t change_count)
{
    memset(p, 0, sizeof *p);
    if (old_text)
        p->old_doc = sfnviz_doc_load_buffer("flow.asl.yaml", old_text, strlen(old_text), NULL);
    if (new_text)
        p->new_doc = sfnviz_doc_load_buffer("flow.asl.yaml", new_text, strlen(new_text), NULL);
    const machine *o = only_machine(p->old_doc), *n = only_machine(p->new_doc);
    p->md = (machine_diff){.id = "flow.asl.yaml", .old_m = o, .new_m = n, .changes = changes,
                           .change_count = change_count};
    if (o && n) {
        bool a = mark_side(n, o, changed, DIFF_ADDED, p->ns, p->ne);
        bool r = mark_side(o, n, changed, DIFF_REMOVED, p->os, p->oe);
        p->md.status = a || r ? DIFF_CHANGED : DIFF_SAME;
        p->md.old_states = p->os;
        p->md.new_states = p->ns;
        p->md.old_edges = p->oe;
        p->md.new_edges = p->ne;
    } else {
        p->md.status = n ? DIFF_ADDED : DIFF_REMOVED;
    }
}

static void free_pair(pair *p)
{
    sfnviz_doc_free(p->old_doc);
    sfnviz_doc_free(p->new_doc);
}

/* The drawing in format with options o, malloc'd; NULL on failure (reported). */
static char *draw_with(const pair *p, sfnviz_format format, const sfnviz_render_options *o, size_t *len)
{
    char *out = NULL, err[512] = "";
    size_t n = 0;
    int rc = export_diff_drawing(&p->md, format, o, &out, &n, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc != 0)
        fprintf(stderr, "export_diff_drawing: %s\n", err);
    if (len)
        *len = n;
    return out;
}

/* The drawing in format with theme (NULL: default), in full detail. */
static char *draw(const pair *p, sfnviz_format format, const sfnviz_theme *th, int legend, size_t *len)
{
    sfnviz_render_options o = {.theme = th, .legend = legend, .detail = SFNVIZ_DETAIL_FULL};
    return draw_with(p, format, &o, len);
}

/* The DOT statement of node `id` (from its name to the end of its attribute list), or "". */
static const char *node_text(const char *dot, const char *id, char *buf, size_t size)
{
    char key[64];
    snprintf(key, sizeof key, "\t%s\t[", id);
    const char *at = strstr(dot, key);
    buf[0] = '\0';
    if (!at)
        return buf;
    const char *end = strstr(at, "];");
    size_t n = end ? (size_t)(end - at) : strlen(at);
    snprintf(buf, size, "%.*s", (int)(n < size - 1 ? n : size - 1), at);
    return buf;
}

static bool has(const char *text, const char *part)
{
    bool ok = text && strstr(text, part) != NULL;
    if (!ok)
        fprintf(stderr, "  missing %s in:\n%.600s\n", part, text ? text : "(null)");
    return ok;
}

/* Compares text with the golden file expected/diff/NAME, or writes it with UPDATE_GOLDEN=1. */
static void check_golden(const char *name, const char *text, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/golden/expected/diff/%s", TEST_DATA_DIR, name);
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (f) {
            fwrite(text, 1, len, f);
            fclose(f);
        }
    }
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    char *want = malloc(len + 2);
    size_t got = want ? fread(want, 1, len + 1, f) : 0;
    fclose(f);
    bool same = want && got == len && memcmp(want, text, len) == 0;
    if (!same)
        fprintf(stderr, "%s differs from the drawing (UPDATE_GOLDEN=1 rewrites it)\n", path);
    CHECK(same);
    free(want);
}

/* PNGs of a case in three themes, when DIFF_DRAW_PICTURES names a folder. */
static void pictures(const pair *p, const char *name)
{
    const char *dir = getenv("DIFF_DRAW_PICTURES");
    static const char *const themes[] = {"default", "dark", "mono", "colourblind"};
    for (size_t i = 0; dir && i < sizeof themes / sizeof themes[0]; i++) {
        char err[256], path[512];
        sfnviz_theme *t = sfnviz_theme_load(themes[i], err, sizeof err);
        size_t len = 0;
        char *png = draw(p, SFNVIZ_FORMAT_PNG, t, 0, &len);
        snprintf(path, sizeof path, "%s/%s-%s.png", dir, name, themes[i]);
        FILE *f = png ? fopen(path, "wb") : NULL;
        if (f) {
            fwrite(png, 1, len, f);
            fclose(f);
        }
        free(png);
        sfnviz_theme_free(t);
    }
}

/* ---- Cases ----------------------------------------------------------------------------------------- */

static const char CHAIN_OLD[] = "StartAt: Validate\n"
                                "States:\n"
                                "  Validate: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:validate', Next: Charge}\n"
                                "  Charge: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:charge', Next: Audit}\n"
                                "  Audit: {Type: Pass, Next: Done}\n"
                                "  Done: {Type: Succeed}\n";
static const char CHAIN_NEW[] = "StartAt: Validate\n"
                                "States:\n"
                                "  Validate: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:validate', Next: Reserve}\n"
                                "  Reserve: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:reserve', Next: Charge}\n"
                                "  Charge: {Type: Task, Resource: 'arn:aws:lambda:us-east-1:1:function:charge2', Next: Done,\n"
                                "           Catch: [{ErrorEquals: [States.ALL], Next: Failed}]}\n"
                                "  Failed: {Type: Fail, Error: ChargeFailed}\n"
                                "  Done: {Type: Succeed}\n";

/* Added (Reserve, Failed), changed (Charge: Resource, Next, Catch), removed (Audit, between two states
 * still there), edges added and removed. */
static void test_chain(void)
{
    static const char *const changed[] = {"Validate", "Charge", NULL};
    diff_change changes[] = {
        {"Validate", "Next", "\"Charge\"", "\"Reserve\""},
        {"Charge", "Resource", "\"arn:aws:lambda:us-east-1:1:function:charge\"",
         "\"arn:aws:lambda:us-east-1:1:function:charge2\""},
        {"Charge", "Next", "\"Audit\"", "\"Done\""},
        {"Charge", "Catch", NULL, "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Failed\"}]"},
    };
    pair p;
    make_pair(&p, CHAIN_OLD, CHAIN_NEW, changed, changes, sizeof changes / sizeof changes[0]);
    size_t len;
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, &len);
    char buf[4096];
    /* new states: Validate s0, Reserve s1, Charge s2, Failed s3, Done s4; old Audit is state 2 */
    CHECK(has(node_text(dot, "s1", buf, sizeof buf), "class=\"task added\""));
    CHECK(has(buf, "penwidth=2.4"));
    CHECK(has(buf, "<b>+</b>"));
    CHECK(has(node_text(dot, "s2", buf, sizeof buf), "class=\"task changed\""));
    CHECK(has(buf, "style=\"rounded,filled,dashed\""));
    CHECK(has(buf, "<b>~</b>"));
    CHECK(has(buf, "~ Resource, Next, Catch"));
    CHECK(has(buf, "Catch: (absent) \u2192 [{"));
    CHECK(has(node_text(dot, "s3", buf, sizeof buf), "class=\"fail added\""));
    CHECK(has(node_text(dot, "s4", buf, sizeof buf), "class=succeed"));
    CHECK(!strstr(buf, "penwidth"));
    CHECK(has(node_text(dot, "gone2", buf, sizeof buf), "class=\"pass removed\""));
    CHECK(has(buf, "style=\"rounded,filled,dotted\""));
    CHECK(has(buf, "<b>\u2212</b>"));
    CHECK(has(buf, "Audit"));
    /* Audit's ghost joined to Charge above it and Done below it, by its removed transitions */
    CHECK(has(dot, "s2 -> gone2\t[arrowhead=empty,\n\t\tclass=\"next removed\""));
    CHECK(has(dot, "gone2 -> s4\t[arrowhead=empty,\n\t\tclass=\"next removed\""));
    CHECK(has(dot, "s0 -> s2\t[arrowhead=empty,\n\t\tclass=\"next removed\""));
    CHECK(has(dot, "s0 -> s1\t[class=\"next added\""));
    CHECK(has(dot, "s2 -> s3\t[class=\"catch added\""));
    CHECK(has(dot, "Diff: flow.asl.yaml"));
    CHECK(has(dot, "2 states added, 1 removed, 2 changed"));
    CHECK(has(dot, "5 transitions added, 3 removed"));
    CHECK(has(node_text(dot, "legend0", buf, sizeof buf), "transition removed"));
    CHECK(has(buf, "changed: what, in its label"));
    CHECK(!strstr(buf, "Choice")); /* the kinds only with --legend */
    check_golden("chain.dot", dot, len);
    free(dot);
    char *svg = draw(&p, SFNVIZ_FORMAT_SVG, NULL, 0, &len);
    CHECK(has(svg, "class=\"node task added\""));
    check_golden("chain.svg", svg, len);
    free(svg);
    dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 1, &len);
    CHECK(has(node_text(dot, "legend0", buf, sizeof buf), "Succeed"));
    CHECK(has(buf, "transition added"));
    free(dot);
    pictures(&p, "chain");
    free_pair(&p);
}

static const char PAR_OLD[] = "StartAt: Fan\n"
                              "States:\n"
                              "  Fan:\n"
                              "    Type: Parallel\n"
                              "    End: true\n"
                              "    Branches:\n"
                              "      - StartAt: Resize\n"
                              "        States:\n"
                              "          Resize: {Type: Task, Resource: 'arn:aws:states:::lambda:invoke', Next: Tag}\n"
                              "          Tag: {Type: Task, Resource: 'arn:aws:states:::lambda:invoke', End: true}\n"
                              "      - StartAt: Index\n"
                              "        States:\n"
                              "          Index: {Type: Wait, Seconds: 5, End: true}\n";
static const char PAR_NEW[] = "StartAt: Fan\n"
                              "States:\n"
                              "  Fan:\n"
                              "    Type: Parallel\n"
                              "    End: true\n"
                              "    Branches:\n"
                              "      - StartAt: Resize\n"
                              "        States:\n"
                              "          Resize: {Type: Task, Resource: 'arn:aws:states:::lambda:invoke', End: true}\n"
                              "      - StartAt: Index\n"
                              "        States:\n"
                              "          Index: {Type: Wait, Seconds: 5, Next: Notify}\n"
                              "          Notify: {Type: Task, Resource: 'arn:aws:states:::sns:publish', End: true}\n";

/* A state removed inside a Parallel branch stays a ghost in that branch's box, joined to the branch's end;
 * one added in the other branch is marked there. */
static void test_parallel(void)
{
    static const char *const changed[] = {"Resize", "Index", NULL};
    diff_change changes[] = {{"Resize", "Next", "\"Tag\"", NULL}, {"Resize", "End", NULL, "true"},
                             {"Index", "End", "true", NULL}, {"Index", "Next", NULL, "\"Notify\""}};
    pair p;
    make_pair(&p, PAR_OLD, PAR_NEW, changed, changes, sizeof changes / sizeof changes[0]);
    size_t len;
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, &len);
    char buf[4096];
    /* new: Fan s0, Resize s1, Index s2, Notify s3; old Tag is state 2 */
    const char *branch = strstr(dot, "subgraph cluster_p0_b0");
    const char *other = strstr(dot, "subgraph cluster_p0_b1");
    const char *ghost = strstr(dot, "\tgone2\t[");
    CHECK(branch && other && ghost && ghost > branch && ghost < other); /* declared in the first branch's box */
    CHECK(has(node_text(dot, "gone2", buf, sizeof buf), "Tag"));
    CHECK(has(dot, "s1 -> gone2\t[arrowhead=empty"));
    CHECK(has(dot, "gone2 -> s0_join\t[arrowhead=empty"));
    CHECK(has(node_text(dot, "s3", buf, sizeof buf), "class=\"task added\""));
    CHECK(has(node_text(dot, "s1", buf, sizeof buf), "~ Next, End"));
    CHECK(has(dot, "1 state added, 1 removed, 2 changed"));
    check_golden("parallel.dot", dot, len);
    free(dot);
    pictures(&p, "parallel");
    free_pair(&p);
}

static const char CHOICE_OLD[] = "StartAt: Route\n"
                                 "States:\n"
                                 "  Route:\n"
                                 "    Type: Choice\n"
                                 "    Choices:\n"
                                 "      - {Variable: $.kind, StringEquals: small, Next: Quick}\n"
                                 "    Default: Slow\n"
                                 "  Quick: {Type: Pass, End: true}\n"
                                 "  Slow: {Type: Wait, Seconds: 60, End: true}\n";
static const char CHOICE_NEW[] = "StartAt: Route\n"
                                 "States:\n"
                                 "  Route:\n"
                                 "    Type: Choice\n"
                                 "    Choices:\n"
                                 "      - {Variable: $.kind, StringEquals: small, Next: Quick}\n"
                                 "      - {Variable: $.kind, StringEquals: huge, Next: Quick}\n"
                                 "    Default: Quick\n"
                                 "  Quick: {Type: Pass, End: true}\n";

/* A rule added to a target that had one, the default moved: the removed default keeps its label. */
static void test_choice(void)
{
    static const char *const changed[] = {"Route", NULL};
    diff_change changes[] = {{"Route", "Choices[1]", NULL, "{}"}, {"Route", "Default", "\"Slow\"", "\"Quick\""}};
    pair p;
    make_pair(&p, CHOICE_OLD, CHOICE_NEW, changed, changes, sizeof changes / sizeof changes[0]);
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    char buf[4096];
    CHECK(has(node_text(dot, "s0", buf, sizeof buf), "style=\"filled,dashed\"")); /* the diamond stays one */
    CHECK(has(buf, "~ Choices, Default"));
    CHECK(has(node_text(dot, "gone2", buf, sizeof buf), "class=\"wait removed\""));
    CHECK(has(dot, "\u2212 default"));
    CHECK(has(dot, "s0 -> gone2"));
    free(dot);
    pictures(&p, "choice");
    free_pair(&p);
}

static const char BOX_OLD[] = "StartAt: Load\n"
                              "States:\n"
                              "  Load: {Type: Pass, Next: Fan}\n"
                              "  Fan:\n"
                              "    Type: Parallel\n"
                              "    Next: Save\n"
                              "    Branches:\n"
                              "      - StartAt: Thumb\n"
                              "        States:\n"
                              "          Thumb: {Type: Pass, End: true}\n"
                              "  Save: {Type: Pass, End: true}\n";
static const char BOX_NEW[] = "StartAt: Load\n"
                              "States:\n"
                              "  Load: {Type: Pass, Next: Each}\n"
                              "  Each:\n"
                              "    Type: Map\n"
                              "    Next: Save\n"
                              "    ItemProcessor:\n"
                              "      StartAt: Resize\n"
                              "      States:\n"
                              "        Resize: {Type: Pass, End: true}\n"
                              "  Save: {Type: Pass, End: true}\n";

/* The chain backwards: a catch edge removed keeps its errors, its handler a ghost beside its state. */
static void test_removed_catch(void)
{
    static const char *const changed[] = {"Validate", "Charge", NULL};
    pair p;
    make_pair(&p, CHAIN_NEW, CHAIN_OLD, changed, NULL, 0);
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    char buf[4096];
    CHECK(has(node_text(dot, "gone3", buf, sizeof buf), "class=\"fail removed\"")); /* Failed */
    CHECK(has(dot, "s1 -> gone3\t[arrowhead=empty,\n\t\tclass=\"catch removed\""));
    CHECK(has(dot, "\u2212 catch States.ALL"));
    CHECK(has(dot, "gone3 -> end0\t[arrowhead=empty"));
    CHECK(has(node_text(dot, "s2", buf, sizeof buf), "class=\"pass added\"")); /* Audit */
    free(dot);
    pictures(&p, "backwards");
    free_pair(&p);
}

/* A Parallel removed is one ghost, what it held gone with it; a Map added is an added box. */
static void test_boxes(void)
{
    static const char *const changed[] = {"Load", NULL};
    diff_change changes[] = {{"Load", "Next", "\"Fan\"", "\"Each\""}};
    pair p;
    make_pair(&p, BOX_OLD, BOX_NEW, changed, changes, 1);
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    char buf[4096];
    CHECK(has(dot, "class=\"map added\""));
    CHECK(has(node_text(dot, "s3", buf, sizeof buf), "class=\"pass added\"")); /* Resize, in the Map */
    CHECK(has(node_text(dot, "gone1", buf, sizeof buf), "class=\"parallel removed\""));
    CHECK(has(buf, "Parallel \u00b7 1 branch"));
    CHECK(!strstr(dot, "gone2")); /* Thumb went with Fan */
    CHECK(has(dot, "s0 -> gone1"));
    CHECK(has(dot, "gone1 -> s2")); /* Save: the top level is numbered before the insides */
    free(dot);
    pictures(&p, "boxes");
    free_pair(&p);
}

/* Collapsed, a ghost of a state inside a box is left out with the box's insides; an SVG for light and
 * dark pages takes the diff's colours too; names and fields from the input are escaped. */
static void test_options_and_escaping(void)
{
    static const char *const changed[] = {"Resize", NULL};
    diff_change changes[] = {{"Resize", "Parameters.<x>&\\N", "{\"a\":\"<\\\\\"}", NULL}};
    pair p;
    make_pair(&p, PAR_OLD, PAR_NEW, changed, changes, 1);
    sfnviz_render_options o = {.detail = SFNVIZ_DETAIL_COLLAPSED};
    char *dot = draw_with(&p, SFNVIZ_FORMAT_DOT, &o, NULL);
    CHECK(dot && !strstr(dot, "gone"));
    CHECK(has(dot, "class=\"parallel collapsed\""));
    free(dot);
    char err[256];
    sfnviz_theme *dark = sfnviz_theme_load("dark", err, sizeof err);
    o = (sfnviz_render_options){.dark_theme = dark, .detail = SFNVIZ_DETAIL_FULL};
    char *svg = draw_with(&p, SFNVIZ_FORMAT_SVG, &o, NULL);
    CHECK(has(svg, "prefers-color-scheme: dark"));
    CHECK(has(svg, dark ? dark->diff_changed.border : "?"));
    free(svg);
    sfnviz_theme_free(dark);
    dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    char buf[4096];
    CHECK(has(node_text(dot, "s1", buf, sizeof buf), "~ Parameters</font>")); /* the top of the path */
    CHECK(has(buf, "Parameters.<x>&amp;\\\\\\\\N: {")); /* the tooltip: & and each backslash escaped */
    free(dot);
    free_pair(&p);

    static const char odd_old[] = "StartAt: A\nStates:\n  A: {Type: Pass, Next: '<b>&\"x\\N'}\n"
                                  "  '<b>&\"x\\N': {Type: Succeed}\n";
    static const char odd_new[] = "StartAt: A\nStates:\n  A: {Type: Succeed}\n";
    make_pair(&p, odd_old, odd_new, NULL, NULL, 0);
    dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    CHECK(has(node_text(dot, "gone1", buf, sizeof buf), "&lt;b&gt;&amp;&quot;x\\\\N"));
    CHECK(has(dot, "s0 -> gone1"));
    free(dot);
    free_pair(&p);
}

/* A machine added is all added; one removed is its old graph all removed. */
static void test_whole_machines(void)
{
    pair p;
    make_pair(&p, NULL, CHAIN_NEW, NULL, NULL, 0);
    char *dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, NULL);
    char buf[4096];
    CHECK(has(node_text(dot, "s0", buf, sizeof buf), "class=\"task added\""));
    CHECK(has(node_text(dot, "s4", buf, sizeof buf), "class=\"succeed added\""));
    CHECK(has(dot, "class=\"start added\"") || has(dot, "start0 -> s0\t[class=\"start added\""));
    CHECK(has(dot, "new machine \u00b7 5 states"));
    free(dot);
    pictures(&p, "added");
    free_pair(&p);

    make_pair(&p, PAR_OLD, NULL, NULL, NULL, 0);
    size_t len;
    dot = draw(&p, SFNVIZ_FORMAT_DOT, NULL, 0, &len);
    CHECK(has(dot, "subgraph cluster_p0"));
    CHECK(has(dot, "class=\"parallel removed\""));
    CHECK(has(node_text(dot, "s2", buf, sizeof buf), "class=\"task removed\""));
    CHECK(has(buf, "rounded,filled,dotted"));
    CHECK(has(dot, "machine removed \u00b7 4 states"));
    CHECK(!strstr(dot, "gone"));
    check_golden("removed-machine.dot", dot, len);
    free(dot);
    pictures(&p, "removed");
    free_pair(&p);
}

/* Every diff.* key of a theme shows in a drawing that has every mark. */
static void test_theme_keys(void)
{
    static const char *const marks[] = {"added", "changed", "removed"};
    static const char *const parts[] = {"fill", "border", "text", "detail"};
    static const char *const changed[] = {"Validate", "Charge", NULL};
    diff_change changes[] = {{"Charge", "Resource", "\"a\"", "\"b\""}};
    pair p;
    make_pair(&p, CHAIN_OLD, CHAIN_NEW, changed, changes, 1);
    char path[64];
    snprintf(path, sizeof path, "/tmp/sfnviz-diff-key-%ld.yaml", (long)getpid());
    for (size_t m = 0; m < 3; m++)
        for (size_t k = 0; k < 4; k++) {
            FILE *f = fopen(path, "wb");
            CHECK(f != NULL);
            if (!f)
                continue;
            fprintf(f, "diff:\n  %s:\n    %s: \"#123456\"\n", marks[m], parts[k]);
            fclose(f);
            char err[256];
            sfnviz_theme *t = sfnviz_theme_load(path, err, sizeof err);
            CHECK(t != NULL);
            char *dot = t ? draw(&p, SFNVIZ_FORMAT_DOT, t, 0, NULL) : NULL;
            if (!dot || !strstr(dot, "#123456"))
                fprintf(stderr, "  theme key diff.%s.%s does not show\n", marks[m], parts[k]);
            CHECK(dot && strstr(dot, "#123456"));
            free(dot);
            sfnviz_theme_free(t);
        }
    remove(path);
    free_pair(&p);
}

/* Formats: PNG and PDF are drawn, JSON refused, nothing to draw refused. */
static void test_formats(void)
{
    pair p;
    make_pair(&p, CHAIN_OLD, CHAIN_NEW, NULL, NULL, 0);
    size_t len = 0;
    char *png = draw(&p, SFNVIZ_FORMAT_PNG, NULL, 0, &len);
    CHECK(png && len > 8 && memcmp(png, "\x89PNG", 4) == 0);
    free(png);
    char *pdf = draw(&p, SFNVIZ_FORMAT_PDF, NULL, 0, &len);
    CHECK(pdf && len > 4 && memcmp(pdf, "%PDF", 4) == 0);
    free(pdf);
    char *out = NULL, err[256];
    CHECK_INT(export_diff_drawing(&p.md, SFNVIZ_FORMAT_JSON, NULL, &out, &len, err, sizeof err), -1);
    CHECK(out == NULL);
    machine_diff none = {.id = "x"};
    CHECK_INT(export_diff_drawing(&none, SFNVIZ_FORMAT_SVG, NULL, &out, &len, err, sizeof err), -1);
    CHECK_STR(err, "no state machine to draw the diff of");
    free_pair(&p);
}

int main(void)
{
    test_chain();
    test_parallel();
    test_choice();
    test_removed_catch();
    test_boxes();
    test_options_and_escaping();
    test_whole_machines();
    test_theme_keys();
    test_formats();
    return test_report();
}
