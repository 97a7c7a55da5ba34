/* test_summary.c: the summary's outline walk (summary/outline.h) and facts: execution order, loops, states
 * reached again, nesting levels and guides, states not reached, and inputs too deep or too long for a
 * recursive walk; then sfnviz_summary's formats on a small machine. */
#include "sfnviz.h"
#include "summary/display.h"
#include "summary/facts.h"
#include "template/document.h"
#include "test.h"

#include <stdlib.h>

static sfnviz_doc *load(const char *text)
{
    return sfnviz_doc_load_buffer("t.asl.yaml", text, strlen(text), NULL);
}

static const machine *first_machine(const sfnviz_doc *doc) { return doc->machine_count ? &doc->machines[0] : NULL; }

/* The outline's rows as text: states by name, `[b1]` for a branch header, `?` for the not-reached line,
 * each after its level in dots; separated by spaces. */
static void rows_text(const machine *m, const outline *o, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < o->count && at < size; i++) {
        const outline_row *r = &o->rows[i];
        for (unsigned l = 0; l < r->level && at + 1 < size; l++)
            buf[at++] = '.';
        int n;
        if (r->kind == ROW_STATE)
            n = snprintf(buf + at, size - at, "%s ", m->states[r->state].name);
        else if (r->kind == ROW_BRANCH)
            n = snprintf(buf + at, size - at, "[b%d] ", r->scope - m->states[r->state].first_child_scope + 1);
        else
            n = snprintf(buf + at, size - at, "? ");
        at += n > 0 ? (size_t)n : 0;
    }
    if (at && at < size)
        buf[at - 1] = '\0';
}

static int state_named(const machine *m, const char *name)
{
    for (size_t i = 0; i < m->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const wf_edge *edge_from(const machine *m, const char *from, edge_kind kind)
{
    const wf_state *s = &m->states[state_named(m, from)];
    for (int k = 0; k < s->edge_count; k++)
        if (m->edges[s->first_edge + k].kind == kind)
            return &m->edges[s->first_edge + k];
    return NULL;
}

/* A Choice whose branches merge, a poll loop, a handler two states catch into, states nothing reaches. */
static const char FLOW[] = "StartAt: Submit\n"
                           "States:\n"
                           "  Submit: {Type: Task, Resource: arn:aws:states:::sns:publish, Next: Route,\n"
                           "           Catch: [{ErrorEquals: [States.ALL], Next: Handle}]}\n"
                           "  Route:\n"
                           "    Type: Choice\n"
                           "    Choices:\n"
                           "      - {Variable: $.a, BooleanEquals: true, Next: Left}\n"
                           "      - {Variable: $.b, BooleanEquals: true, Next: Right}\n"
                           "      - {Variable: $.c, BooleanEquals: true, Next: Left}\n"
                           "    Default: Merge\n"
                           "  Merge: {Type: Wait, Seconds: 5, Next: Poll}\n"
                           "  Left: {Type: Task, Resource: arn:aws:states:::sqs:sendMessage, Next: Merge,\n"
                           "         Catch: [{ErrorEquals: [States.ALL], Next: Handle}]}\n"
                           "  Right: {Type: Pass, Next: Merge}\n"
                           "  Poll:\n"
                           "    Type: Choice\n"
                           "    Choices: [{Variable: $.done, BooleanEquals: true, Next: Done}]\n"
                           "    Default: Merge\n"
                           "  Done: {Type: Succeed}\n"
                           "  Handle: {Type: Task, Resource: arn:aws:lambda:us-east-1:1:function:Alert, Next: Failed}\n"
                           "  Failed: {Type: Fail}\n"
                           "  Tail: {Type: Pass, End: true}\n"
                           "  Orphan: {Type: Pass, Next: Tail}\n";

static void test_order(void)
{
    sfnviz_doc *doc = load(FLOW);
    const machine *m = first_machine(doc);
    CHECK(m && m->status == MACHINE_OK);
    if (!m)
        return;
    outline o;
    outline_build(m, &o);
    char buf[512];
    rows_text(m, &o, buf, sizeof buf);
    /* branches in rule order (Left first: where it is first named), then the merge and the loop, the
     * shared handler after every state that catches into it, then what StartAt does not reach, from the
     * state nothing leads to */
    CHECK_STR(buf, "Submit Route Left Right Merge Poll Done Handle Failed ? Orphan Tail");
    CHECK(o.reachable[state_named(m, "Failed")]);
    CHECK(!o.reachable[state_named(m, "Orphan")]);
    CHECK(!o.reachable[state_named(m, "Tail")]);
    CHECK(outline_is_back_edge(&o, edge_from(m, "Poll", EDGE_DEFAULT)));  /* Poll -> Merge: a loop */
    CHECK(!outline_is_back_edge(&o, edge_from(m, "Left", EDGE_NEXT)));    /* Left -> Merge: on down */
    CHECK(!outline_is_back_edge(&o, edge_from(m, "Submit", EDGE_CATCH))); /* to the shared handler */
    facts f;
    facts_gather(m, &o, &f);
    CHECK_INT(f.by_type[STATE_TASK], 3);
    CHECK_INT(f.by_type[STATE_CHOICE], 2);
    CHECK_INT(f.terminal.count, 3); /* Done, Failed, Tail */
    CHECK_INT(f.unreachable.count, 2);
    CHECK_INT(f.unguarded.count, 1); /* Handle */
    CHECK_STR(m->states[f.unguarded.items[0]].name, "Handle");
    CHECK_INT(f.lambda_count, 1);
    CHECK_STR(f.lambdas[0].name, "Alert");
    CHECK_INT(f.resource_count, 2);
    facts_free(&f);
    outline_free(&o);
    sfnviz_doc_free(doc);
}

/* A Map whose processor holds a Parallel of two branches, one with a state its StartAt misses; a
 * Parallel nothing reaches. */
static const char NESTED[] =
    "StartAt: Each\n"
    "States:\n"
    "  Each:\n"
    "    Type: Map\n"
    "    Next: After\n"
    "    ItemProcessor:\n"
    "      StartAt: Fan\n"
    "      States:\n"
    "        Fan:\n"
    "          Type: Parallel\n"
    "          End: true\n"
    "          Branches:\n"
    "            - {StartAt: A, States: {A: {Type: Pass, End: true}}}\n"
    "            - {StartAt: B, States: {B: {Type: Pass, End: true}, Stray: {Type: Pass, End: true}}}\n"
    "  After: {Type: Succeed}\n"
    "  Dead: {Type: Parallel, End: true, Branches: [{StartAt: In, States: {In: {Type: Succeed}}}]}\n";

static void test_nesting(void)
{
    sfnviz_doc *doc = load(NESTED);
    const machine *m = first_machine(doc);
    CHECK(m != NULL);
    if (!m)
        return;
    outline o;
    outline_build(m, &o);
    char buf[512];
    rows_text(m, &o, buf, sizeof buf);
    /* a Map's states one level under it, a Parallel's branch headers one level and their states two */
    CHECK_STR(buf, "Each .Fan ..[b1] ...A ..[b2] ...B ...? ...Stray After ? Dead .[b1] ..In");
    CHECK_INT(o.depth[state_named(m, "Each")], 0);
    CHECK_INT(o.depth[state_named(m, "Fan")], 1);
    CHECK_INT(o.depth[state_named(m, "Stray")], 2);
    CHECK(!o.reachable[state_named(m, "Stray")]);
    CHECK(!o.reachable[state_named(m, "In")]); /* inside a Parallel nothing reaches */
    CHECK(o.reachable[state_named(m, "B")]);
    /* guides: the last of its siblings ends its branch of the tree */
    const outline_row *fan = &o.rows[o.row_of[state_named(m, "Fan")]];
    CHECK(fan->last && fan->has_children);
    const outline_row *b1 = fan + 1, *b2 = fan + 3;
    CHECK(b1->kind == ROW_BRANCH && !b1->last);
    CHECK(b2->kind == ROW_BRANCH && b2->last);
    CHECK(o.rows[o.row_of[state_named(m, "Stray")]].last);
    CHECK(!o.rows[o.row_of[state_named(m, "B")]].last);
    CHECK(!o.rows[o.row_of[state_named(m, "Each")]].last);
    CHECK(o.rows[o.row_of[state_named(m, "Dead")]].last);
    outline_free(&o);
    sfnviz_doc_free(doc);
}

/* Every state is one row, whatever the input. */
static void check_every_state_once(const machine *m, const outline *o)
{
    size_t states = 0;
    int *seen = calloc(m->state_count ? m->state_count : 1, sizeof *seen);
    for (size_t i = 0; i < o->count; i++)
        if (o->rows[i].kind == ROW_STATE) {
            states++;
            seen[o->rows[i].state]++;
        }
    CHECK_INT(states, m->state_count);
    size_t once = 0;
    for (size_t i = 0; i < m->state_count; i++)
        once += seen[i] == 1;
    CHECK_INT(once, m->state_count);
    free(seen);
}

/* 120 nested Parallels (what the reader's nesting limit allows) and a loop of 50 000 states: no
 * recursion follows the input. */
static void test_large(void)
{
    enum { DEPTH = 120, CHAIN = 50000 };
    char *text = malloc(100 * DEPTH + 200);
    size_t at = 0;
    for (int d = DEPTH; d > 0; d--)
        at += (size_t)sprintf(text + at, "{\"StartAt\":\"P%d\",\"States\":{\"P%d\":{\"Type\":\"Parallel\",\"End\":true,"
                                         "\"Branches\":[",
                              d, d);
    at += (size_t)sprintf(text + at, "{\"StartAt\":\"L\",\"States\":{\"L\":{\"Type\":\"Pass\",\"End\":true}}}");
    for (int d = 0; d < DEPTH; d++)
        at += (size_t)sprintf(text + at, "]}}}");
    sfnviz_doc *doc = sfnviz_doc_load_buffer("deep.asl.json", text, at, NULL);
    const machine *m = first_machine(doc);
    CHECK(m && m->status == MACHINE_OK);
    if (m) {
        outline o;
        outline_build(m, &o);
        CHECK_INT(o.depth[state_named(m, "L")], DEPTH);
        CHECK_INT(o.rows[o.row_of[state_named(m, "L")]].level, 2 * DEPTH);
        check_every_state_once(m, &o);
        outline_free(&o);
    }
    sfnviz_doc_free(doc);
    free(text);

    text = malloc((size_t)CHAIN * 48 + 200);
    at = (size_t)sprintf(text, "{\"StartAt\":\"S0\",\"States\":{");
    for (int i = 0; i < CHAIN; i++)
        at += (size_t)sprintf(text + at, "\"S%d\":{\"Type\":\"Pass\",\"Next\":\"S%d\"},", i, (i + 1) % CHAIN);
    at += (size_t)sprintf(text + at - 1, "}}") - 1;
    doc = sfnviz_doc_load_buffer("chain.asl.json", text, at, NULL);
    m = first_machine(doc);
    CHECK(m && m->state_count == CHAIN);
    if (m) {
        outline o;
        outline_build(m, &o);
        check_every_state_once(m, &o);
        CHECK_STR(m->states[o.rows[CHAIN - 1].state].name, "S49999");
        CHECK(outline_is_back_edge(&o, edge_from(m, "S49999", EDGE_NEXT)));
        outline_free(&o);
    }
    sfnviz_doc_free(doc);
    free(text);
}

static void test_display(void)
{
    strbuf b;
    strbuf_init(&b);
    display_escape(&b, "a\x1b[2Jb\nc\td\x7f\xc2\x9b\xe2\x80\xae\xff");
    CHECK_STR(strbuf_cstr(&b), "a\\x1b[2Jb\\nc\\td\\x7f\\u009b\\u202e\\xff");
    strbuf_clear(&b);
    markdown_escape(&b, "a|b `c` <d> & *e* _f_ $g \\ [h] #\n");
    CHECK_STR(strbuf_cstr(&b), "a\\|b \\`c\\` &lt;d&gt; &amp; \\*e\\* \\_f\\_ \\$g \\\\ \\[h\\] \\#\\\\n");
    strbuf_free(&b);
    CHECK_INT(display_width("abc", 3), 3);
    CHECK_INT(display_width("\xe6\xbc\xa2\xe5\xad\x97", 6), 4);  /* two CJK characters */
    CHECK_INT(display_width("e\xcc\x81", 3), 1);                 /* e and a combining accent */
    CHECK_INT(display_width("\xf0\x9f\x98\x80", 4), 2);          /* an emoji */
}

static char *summary_of(const char *text, sfnviz_summary_format format, int ascii, unsigned width)
{
    sfnviz_doc *doc = load(text);
    const sfnviz_machine *ms[] = {sfnviz_doc_machine(doc, 0)};
    sfnviz_summary_options so = {format, 0, ascii, width};
    char *out = NULL, err[256];
    size_t len;
    int rc = sfnviz_summary(doc, ms, 1, &so, &out, &len, err, sizeof err);
    CHECK_INT(rc, 0);
    CHECK(out && strlen(out) == len);
    sfnviz_doc_free(doc);
    return out;
}

static void test_formats(void)
{
    char *text = summary_of(FLOW, SFNVIZ_SUMMARY_TEXT, 1, 0);
    CHECK(text && strstr(text, "  Poll    Choice"));
    CHECK(text && strstr(text, "default -> Merge (loop)"));
    CHECK(text && strstr(text, "(not reached from StartAt)"));
    free(text);
    text = summary_of(FLOW, SFNVIZ_SUMMARY_TEXT, 0, 0);
    CHECK(text && strstr(text, "default \u2192 Merge (loop)"));
    free(text);
    /* every line within the width, at the narrowest */
    text = summary_of(FLOW, SFNVIZ_SUMMARY_TEXT, 1, 40);
    size_t longest = 0, run = 0;
    for (const char *p = text; p && *p; p++)
        run = *p == '\n' ? (longest = run > longest ? run : longest, 0) : run + 1;
    CHECK(longest <= 40);
    free(text);
    text = summary_of(FLOW, SFNVIZ_SUMMARY_MARKDOWN, 0, 0);
    CHECK(text && strstr(text, "| State | Type |"));
    free(text);
    text = summary_of(FLOW, SFNVIZ_SUMMARY_JSON, 0, 0);
    CHECK(text && strncmp(text, "{\"version\": 1, \"machines\": [", 28) == 0);
    free(text);
    CHECK_INT(sfnviz_summary_format_from_name("Markdown"), SFNVIZ_SUMMARY_MARKDOWN);
    CHECK_INT(sfnviz_summary_format_from_name("md"), -1);
    CHECK_STR(sfnviz_summary_format_name(SFNVIZ_SUMMARY_JSON), "json");
}

int main(void)
{
    test_order();
    test_nesting();
    test_large();
    test_display();
    test_formats();
    return test_report();
}
