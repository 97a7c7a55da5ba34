/* test_graph.c: machines built by hand, drawn as DOT, SVG, PNG and PDF.
 *
 * The DOT text is checked for structure (synthetic IDs, clusters, styles, labels) and for escaping: a name
 * full of markup characters, backslash escapes Graphviz would expand, a newline and a control character
 * must come out literally, and the DOT text must read back with the same attribute values. */
#include "graph/graph.h"
#include "export/render.h"
#include "sfnviz.h"
#include "test.h"
#include "graph/theme.h"
#include "model/workflow.h"

#include <graphviz/cgraph.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Graphviz 2.43 leaks inside layout (HTML label parser, cluster virtual edges, pango and fontconfig caches).
 * LeakSanitizer reads this list in the Asan build; allocations of ours are still checked, and cgraph
 * (where our graphs live) is not on the list. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgvc.so\nleak:libgvplugin_dot_layout.so\nleak:libgvplugin_pango.so\nleak:libpango\n"
           "leak:libfontconfig\nleak:libglib\n";
}

/* ---- Building machines by hand -------------------------------------------------------------------- */

enum { CAP = 64 };

typedef struct builder {
    arena a;
    machine m;
} builder;

static void start_machine(builder *b, const char *id, const char *name)
{
    arena_init(&b->a);
    memset(&b->m, 0, sizeof b->m);
    b->m.id = id;
    b->m.name = name;
    b->m.type = "STANDARD";
    b->m.file = "template.yaml";
    b->m.where = "inline";
    b->m.states = arena_calloc(&b->a, CAP, sizeof(wf_state));
    b->m.scopes = arena_calloc(&b->a, CAP, sizeof(wf_scope));
    b->m.edges = arena_calloc(&b->a, CAP * 2, sizeof(wf_edge));
}

static int add_scope(builder *b, int parent, int branch)
{
    wf_scope *s = &b->m.scopes[b->m.scope_count];
    s->parent = parent;
    s->branch = branch;
    s->map_processor = parent >= 0 && branch < 0;
    s->start = -1;
    s->first_state = (int)b->m.state_count;
    if (parent >= 0) {
        wf_state *p = &b->m.states[parent];
        if (p->first_child_scope < 0)
            p->first_child_scope = (int)b->m.scope_count;
        p->child_scope_count++;
    }
    return (int)b->m.scope_count++;
}

static int add_state(builder *b, int scope, const char *name, state_type type)
{
    wf_state *s = &b->m.states[b->m.state_count];
    s->name = name;
    s->type = type;
    s->scope = scope;
    s->first_child_scope = -1;
    s->map.max_concurrency = -1;
    s->map.max_items_per_batch = -1;
    b->m.scopes[scope].state_count++;
    return (int)b->m.state_count++;
}

static void set_lambda(builder *b, int state, const char *fn)
{
    resource *r = &b->m.states[state].res;
    r->kind = RESOURCE_LAMBDA;
    r->name = fn;
    r->text = arena_printf(&b->a, "\u03bb %s", fn);
    r->raw = arena_printf(&b->a, "arn:aws:lambda:us-east-1:123456789012:function:%s", fn);
}

static void set_service(builder *b, int state, const char *name, const char *pattern)
{
    resource *r = &b->m.states[state].res;
    r->kind = RESOURCE_SERVICE;
    r->name = name;
    r->pattern = pattern;
    r->text = arena_printf(&b->a, "%s%s%s", name, pattern ? " " : "", pattern ? pattern : "");
    r->raw = arena_printf(&b->a, "arn:aws:states:::%s%s", name, pattern ? pattern : "");
}

static wf_edge *add_edge(builder *b, edge_kind kind, int scope, int from, int to)
{
    wf_edge *e = &b->m.edges[b->m.edge_count++];
    e->kind = kind;
    e->scope = scope;
    e->from = from;
    e->to = to;
    e->max_delay_seconds = -1;
    if (to >= 0 && kind != EDGE_END)
        e->to_name = b->m.states[to].name;
    if (kind == EDGE_START)
        b->m.scopes[scope].start = to;
    return e;
}

static void set_errors(builder *b, wf_edge *e, size_t n, ...)
{
    const char **v = arena_calloc(&b->a, n, sizeof *v);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        v[i] = va_arg(ap, const char *);
    va_end(ap);
    e->errors = v;
    e->error_count = n;
}

static wf_edge *add_retry(builder *b, int state, long long attempts, long long interval, double rate)
{
    wf_edge *e = add_edge(b, EDGE_RETRY, b->m.states[state].scope, state, state);
    e->max_attempts = attempts;
    e->interval_seconds = interval;
    e->backoff_rate = rate;
    return e;
}

/* Start -> TaskOne (λ, retry) -> TaskTwo -> End, as in docs/reference/hello.dot. */
static void build_hello(builder *b)
{
    start_machine(b, "MyStateMachine", "MyWorkflow");
    int top = add_scope(b, -1, -1);
    int one = add_state(b, top, "TaskOne", STATE_TASK);
    int two = add_state(b, top, "TaskTwo", STATE_TASK);
    set_lambda(b, one, "TaskOneFunction");
    set_lambda(b, two, "TaskTwoFunction");
    b->m.states[two].end = true;
    add_edge(b, EDGE_START, top, -1, one);
    add_edge(b, EDGE_NEXT, top, one, two);
    wf_edge *r = add_retry(b, one, 3, 2, 2.0);
    set_errors(b, r, 2, "Lambda.ServiceException", "Lambda.AWSLambdaException");
    add_edge(b, EDGE_END, top, two, -1);
}

static const char WEIRD[] = "a<b>&\"c\"'d' \\N \\n\\G x\ny\x01z\\";

/* Choice (two rules and a default), Parallel (two branches), Map, Wait, a catch to a Fail, a target that
 * does not exist, and a state whose name is full of characters that need escaping. */
static void build_rich(builder *b)
{
    start_machine(b, "Order\\Machine", "Order \"flow\"");
    b->m.definition_file = "statemachine/order.asl.json";
    int top = add_scope(b, -1, -1);
    int check = add_state(b, top, "Check", STATE_CHOICE);                      /* 0 */
    int wait = add_state(b, top, "Wait a bit", STATE_WAIT);                    /* 1 */
    int par = add_state(b, top, "Fulfil", STATE_PARALLEL);                     /* 2 */
    int map = add_state(b, top, "Notify each", STATE_MAP);                     /* 3 */
    int weird = add_state(b, top, WEIRD, STATE_TASK);                          /* 4 */
    int failed = add_state(b, top, "Failed", STATE_FAIL);                      /* 5 */
    int long_name = add_state(b, top, "A state name that is much longer than forty characters", STATE_PASS);
    b->m.states[wait].wait_text = "30 s";
    b->m.states[long_name].comment = "ends with a backslash \\";
    b->m.states[failed].fail_error = "OrderError";
    b->m.states[failed].fail_cause = "could not <fulfil>";
    b->m.states[map].map.max_concurrency = 10;
    set_lambda(b, weird, "Fn");
    int b0 = add_scope(b, par, 0);
    int charge = add_state(b, b0, "Charge", STATE_TASK);
    set_service(b, charge, "dynamodb:putItem", NULL);
    int b1 = add_scope(b, par, 1);
    int ship = add_state(b, b1, "Ship", STATE_TASK);
    set_service(b, ship, "ecs:runTask", ".sync");
    int proc = add_scope(b, map, -1);
    int send = add_state(b, proc, "Send", STATE_TASK);
    set_service(b, send, "sns:publish", NULL);

    add_edge(b, EDGE_START, top, -1, check);
    add_edge(b, EDGE_CHOICE, top, check, par)->label = "$.stock > 0";
    add_edge(b, EDGE_CHOICE, top, check, weird)->label = "$.kind == \"odd\"";
    add_edge(b, EDGE_CHOICE, top, check, long_name)->label =
        "$.order.total >= 1000 and ($.customer.vip == true or $.customer.orders > 10 or $.flag is present)";
    add_edge(b, EDGE_DEFAULT, top, check, wait);
    add_edge(b, EDGE_NEXT, top, wait, check);
    add_edge(b, EDGE_NEXT, top, par, map);
    wf_edge *c = add_edge(b, EDGE_CATCH, top, par, failed);
    set_errors(b, c, 1, "States.ALL");
    c->label = "States.ALL";
    wf_edge *r = add_retry(b, par, 2, 1, 1.5);
    r->max_delay_seconds = 30;
    r->jitter = "FULL";
    set_errors(b, r, 1, "States.BranchFailed");
    add_edge(b, EDGE_NEXT, top, map, long_name);
    wf_edge *ghost = add_edge(b, EDGE_NEXT, top, weird, -1);
    ghost->to_name = "Nowhere <at> all";
    add_edge(b, EDGE_END, top, long_name, -1);
    add_edge(b, EDGE_END, top, failed, -1);
    add_edge(b, EDGE_START, b0, -1, charge);
    add_edge(b, EDGE_END, b0, charge, -1);
    add_edge(b, EDGE_START, b1, -1, ship);
    add_edge(b, EDGE_END, b1, ship, -1);
    add_edge(b, EDGE_START, proc, -1, send);
    add_edge(b, EDGE_END, proc, send, -1);
}

/* ---- Helpers -------------------------------------------------------------------------------------- */

static render_options options(bool left_right)
{
    render_options o = {.theme = theme_default(), .left_right = left_right};
    return o;
}

/* The DOT text of m (empty on failure); free() it. */
static char *dot_of(const machine *m, bool left_right, size_t *diag_count)
{
    strbuf out;
    strbuf_init(&out);
    diag_list d;
    diag_list_init(&d);
    render_options o = options(left_right);
    int rc = render_dot(m, &o, &out, &d);
    CHECK_INT(rc, 0);
    diag_print_all(stderr, &d);
    if (diag_count)
        *diag_count = d.count;
    diag_list_free(&d);
    char *text = strdup(strbuf_cstr(&out));
    strbuf_free(&out);
    return text;
}

static bool has(const char *text, const char *needle)
{
    bool found = text && strstr(text, needle) != NULL;
    if (!found)
        fprintf(stderr, "  not found: %s\n", needle);
    return found;
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ---- DOT ------------------------------------------------------------------------------------------ */

static void test_hello_dot(void)
{
    builder b;
    build_hello(&b);
    size_t diags = 99;
    char *dot = dot_of(&b.m, false, &diags);
    CHECK_INT(diags, 0);
    CHECK(strncmp(dot, "digraph MyStateMachine {", 24) == 0);
    CHECK(has(dot, "start0 -> s0"));
    CHECK(has(dot, "s0:s -> s1")); /* leaves from below, clear of the retry label */
    CHECK(has(dot, "s1 -> end0"));
    CHECK(has(dot, "s0 -> s0\t[class=retry"));
    CHECK(has(dot, "label=<<b>TaskOne</b><br/><font point-size=\"9\" color=\"#0972d3\">\u03bb TaskOneFunction"));
    CHECK(has(dot, "<tr><td rowspan=\"3\" width=\"4\"></td><td align=\"left\" balign=\"left\"><b>\u21bb retry \u00d73</b> \u00b7 2 s "
                   "\u00b7 backoff \u00d72.0</td><td rowspan=\"3\" width=\"14\"></td></tr>"));
    CHECK(has(dot, "<font point-size=\"8\">Lambda.ServiceException</font>"));
    CHECK(has(dot, "<font point-size=\"8\">Lambda.AWSLambdaException</font>"));
    CHECK(has(dot, "style=dashed"));
    CHECK(has(dot, "class=task"));
    CHECK(has(dot, "rankdir=TB"));
    CHECK(has(dot, "<b>MyWorkflow</b>"));
    CHECK(has(dot, "STANDARD \u00b7 MyStateMachine \u00b7 template.yaml"));
    CHECK(!strstr(dot, "TaskOne ->") && !strstr(dot, "\"TaskOne\""));
    CHECK(!strstr(dot, "pos=") && !strstr(dot, "bb="));
    free(dot);
    arena_release(&b.a);
}

static void test_rich_structure(void)
{
    builder b;
    build_rich(&b);
    size_t diags = 99;
    char *dot = dot_of(&b.m, false, &diags);
    CHECK_INT(diags, 0);
    /* Choice: a diamond with two labelled rules and a dotted default */
    CHECK(has(dot, "shape=diamond"));
    CHECK(has(dot, "<td align=\"left\" balign=\"left\">$.stock &gt; 0</td>"));
    CHECK(has(dot, "<td align=\"left\" balign=\"left\">$.kind == &quot;odd&quot;</td>"));
    CHECK(has(dot, "<td align=\"left\" balign=\"left\">default</td>"));
    /* a long rule wraps at spaces, three lines at most, then "…" */
    CHECK(has(dot, "balign=\"left\">$.order.total &gt;= 1000 and<br/>($.customer.vip == true or<br/>"
                   "$.customer.orders &gt; 10 or $.f\u2026</td>"));
    CHECK(has(dot, "style=dotted"));
    CHECK(has(dot, "s0 -> s2\t[class=choice,"));
    CHECK(has(dot, "s0 -> s4\t[class=choice,"));
    /* Parallel: a box with one box per branch; entered and left at the box; retry on its entry point */
    CHECK(has(dot, "subgraph cluster_p2 {"));
    CHECK(has(dot, "subgraph cluster_p2_b0 {"));
    CHECK(has(dot, "subgraph cluster_p2_b1 {"));
    CHECK(has(dot, "lhead=cluster_p2"));
    CHECK(has(dot, "ltail=cluster_p2"));
    /* each branch hangs from its own port of the fork and join bars */
    CHECK(has(dot, "s2_fork:b0:s -> s7"));
    CHECK(has(dot, "s2_fork:b1:s -> s8"));
    CHECK(has(dot, "s7 -> s2_join:b0:n"));
    CHECK(has(dot, "s8 -> s2_join:b1:n"));
    CHECK(has(dot, "<td port=\"b0\" width=\"8\" height=\"4\" fixedsize=\"true\" bgcolor=\"#5f6b7a\"></td>"));
    CHECK(has(dot, "s2 -> s2_fork"));
    CHECK(has(dot, "s2 -> s2\t[class=retry"));
    CHECK(has(dot, "arrowhead=none"));
    CHECK(has(dot, "Parallel \u00b7 2 branches"));
    CHECK(has(dot, "\u21bb retry \u00d72</b> \u00b7 1 s \u00b7 backoff \u00d71.5 \u00b7 max 30 s \u00b7 jitter FULL"));
    CHECK(has(dot, "ecs:runTask <b>.sync</b>"));
    /* Map: a dashed box with its facts */
    CHECK(has(dot, "subgraph cluster_m3 {"));
    CHECK(has(dot, "Map \u00b7 INLINE \u00b7 max 10 concurrent"));
    CHECK(has(dot, "style=\"rounded,filled,dashed\""));
    CHECK(has(dot, "s3_exit -> s6"));
    /* catch: dashed, red, labelled */
    CHECK(has(dot, "s2_join -> s5\t[class=catch"));
    CHECK(has(dot, "catch States.ALL"));
    CHECK(has(dot, "color=\"#d91515\""));
    /* Fail shows error and cause; Wait its time */
    CHECK(has(dot, "OrderError: could not &lt;fulfil&gt;"));
    CHECK(has(dot, "wait 30 s"));
    /* the missing target is a dashed ghost */
    CHECK(has(dot, "s4 -> missing0"));
    CHECK(has(dot, "<font color=\"#5f6b7a\"><i>missing:</i></font> Nowhere &lt;at&gt; all"));
    CHECK(has(dot, "class=missing"));
    /* long names are cut, the tooltip keeps them */
    CHECK(has(dot, "<b>A state name that is much longer<br/>than forty characters</b>"));
    CHECK(has(dot, "tooltip=\"A state name that is much longer than forty characters (Pass)\nComment: "));
    /* title */
    CHECK(has(dot, "<b>Order &quot;flow&quot;</b>"));
    CHECK(has(dot, "statemachine/order.asl.json"));
    free(dot);
    arena_release(&b.a);
}

/* Markup characters become entities, backslashes are doubled so Graphviz's \N \n \G come out literally,
 * the newline becomes a space and the control character U+FFFD. */
static void test_escaping(void)
{
    builder b;
    build_rich(&b);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK(has(dot, "<b>a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; \\\\N \\\\n\\\\G x y\xef\xbf\xbdz\\\\</b>"));
    /* tooltips: & as an entity, each backslash four times, the newline kept, a space after a final one */
    CHECK(has(dot, "tooltip=\"a<b>&amp;\\\"c\\\"'d' \\\\\\\\N \\\\\\\\n\\\\\\\\G x\ny\xef\xbf\xbdz\\\\\\\\ (Task)"));
    CHECK(has(dot, "digraph \"Order\\Machine\" {"));
    free(dot);
    arena_release(&b.a);
}

/* The DOT text reads back, and every attribute keeps its value. */
static void test_dot_reads_back(void)
{
    builder b;
    build_rich(&b);
    char *dot = dot_of(&b.m, false, NULL);
    Agraph_t *g = agmemread(dot);
    CHECK(g != NULL);
    if (g) {
        Agnode_t *n = agnode(g, "s4", 0);
        CHECK(n != NULL);
        const char *tip = n ? agget(n, "tooltip") : NULL;
        static const char want[] = "a<b>&amp;\"c\"'d' \\\\\\\\N \\\\\\\\n";
        CHECK(tip && strncmp(tip, want, strlen(want)) == 0);
        const char *label = n ? agget(n, "label") : NULL;
        CHECK(label && aghtmlstr((char *)label));
        CHECK(agnode(g, "s2_join", 0) != NULL);
        CHECK_STR(agnameof(g), "Order\\Machine");
        Agnode_t *pass = agnode(g, "s6", 0);
        const char *comment_tip = pass ? agget(pass, "tooltip") : NULL;
        CHECK(comment_tip && strstr(comment_tip, "\nComment: ends with a backslash \\\\\\\\ "));
        agclose(g);
    }
    free(dot);
    arena_release(&b.a);
}

/* A name ending in a backslash must not escape the closing quote agwrite puts after it. */
static void test_trailing_backslash(void)
{
    builder b;
    start_machine(&b, "Ends\\", NULL);
    int top = add_scope(&b, -1, -1);
    int s = add_state(&b, top, "Back\\", STATE_SUCCEED);
    add_edge(&b, EDGE_START, top, -1, s);
    add_edge(&b, EDGE_END, top, s, -1);
    char *dot = dot_of(&b.m, false, NULL);
    Agraph_t *g = agmemread(dot);
    CHECK(g != NULL);
    if (g) {
        CHECK(agnode(g, "s0", 0) && agnode(g, "end0", 0));
        agclose(g);
    }
    free(dot);
    arena_release(&b.a);
}

/* Same input, same bytes, whatever was drawn before. */
static void test_deterministic(void)
{
    builder a, b;
    build_rich(&a);
    build_hello(&b);
    char *first = dot_of(&a.m, false, NULL);
    char *other = dot_of(&b.m, false, NULL);
    char *second = dot_of(&a.m, false, NULL);
    CHECK(strcmp(first, second) == 0);
    free(first);
    free(other);
    free(second);
    arena_release(&a.a);
    arena_release(&b.a);
}

static void test_left_right(void)
{
    builder b;
    build_rich(&b);
    char *dot = dot_of(&b.m, true, NULL);
    CHECK(has(dot, "rankdir=LR"));
    free(dot);
    arena_release(&b.a);
}

/* Past a threshold, catch edges into one handler each get a small stand-in: dot's layout time explodes
 * when hundreds converge on one node. */
static void test_shared_handler(void)
{
    builder b;
    start_machine(&b, "Many", NULL);
    int top = add_scope(&b, -1, -1);
    int handler = add_state(&b, top, "Handler", STATE_FAIL);
    int prev = -1;
    for (int i = 0; i < 12; i++) {
        int s = add_state(&b, top, arena_printf(&b.a, "Step %d", i), STATE_TASK);
        add_edge(&b, prev < 0 ? EDGE_START : EDGE_NEXT, top, prev, s);
        wf_edge *c = add_edge(&b, EDGE_CATCH, top, s, handler);
        set_errors(&b, c, 1, "States.ALL");
        prev = s;
    }
    add_edge(&b, EDGE_END, top, prev, -1);
    add_edge(&b, EDGE_END, top, handler, -1);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK(has(dot, "ref0"));
    CHECK(has(dot, "ref11"));
    CHECK(has(dot, "\u2192 Handler"));
    CHECK(!strstr(dot, "-> s0\t[class=catch"));
    free(dot);
    arena_release(&b.a);
}

/* A chain of eight Tasks; the first catches into Early (a Fail far above the end), the seventh into Late
 * (near it): Early gets an End marker of its own, Late and the last state share the top level's. */
static void test_far_terminal_own_end(void)
{
    builder b;
    start_machine(&b, "Ends", NULL);
    int top = add_scope(&b, -1, -1);
    int prev = -1, steps[8];
    for (int i = 0; i < 8; i++) {
        steps[i] = add_state(&b, top, arena_printf(&b.a, "Step %d", i), STATE_TASK);
        add_edge(&b, prev < 0 ? EDGE_START : EDGE_NEXT, top, prev, steps[i]);
        prev = steps[i];
    }
    int early = add_state(&b, top, "Early", STATE_FAIL), late = add_state(&b, top, "Late", STATE_FAIL);
    set_errors(&b, add_edge(&b, EDGE_CATCH, top, steps[0], early), 1, "States.ALL");
    set_errors(&b, add_edge(&b, EDGE_CATCH, top, steps[6], late), 1, "States.ALL");
    add_edge(&b, EDGE_END, top, prev, -1);
    add_edge(&b, EDGE_END, top, early, -1);
    add_edge(&b, EDGE_END, top, late, -1);
    char *dot = dot_of(&b.m, false, NULL);
    char want[64];
    snprintf(want, sizeof want, "s%d -> end0_s%d	[class=end]", early, early);
    CHECK(has(dot, want));
    snprintf(want, sizeof want, "s%d -> end0	[class=end]", late);
    CHECK(has(dot, want));
    snprintf(want, sizeof want, "s%d -> end0	[class=end]", prev);
    CHECK(has(dot, want));
    CHECK_INT(count_of(dot, "label=End"), 2);
    free(dot);
    arena_release(&b.a);
}

/* The plan: a long chain is cheap (full); the same states with every second one jumping far back is
 * drawn compact, its far jumps going to references ("→ Step 3") that the legend explains. */
static void test_plan_and_references(void)
{
    enum { N = 200 };
    builder b;
    start_machine(&b, "Plan", NULL);
    b.m.states = arena_calloc(&b.a, N + 1, sizeof(wf_state));
    b.m.scopes = arena_calloc(&b.a, 1, sizeof(wf_scope));
    b.m.edges = arena_calloc(&b.a, 3 * N, sizeof(wf_edge));
    int top = add_scope(&b, -1, -1), prev = -1;
    for (int i = 0; i < N; i++) {
        int s = add_state(&b, top, arena_printf(&b.a, "Step %d", i), STATE_TASK);
        add_edge(&b, prev < 0 ? EDGE_START : EDGE_NEXT, top, prev, s);
        prev = s;
    }
    add_edge(&b, EDGE_END, top, prev, -1);
    CHECK_INT(graph_plan(&b.m), DETAIL_FULL);
    for (int i = 40; i < N; i += 2) /* catch edges back to far earlier states cross each other */
        set_errors(&b, add_edge(&b, EDGE_CATCH, top, i, i - 37 + (i * 7) % 11), 1, "States.ALL");
    render_detail d = graph_plan(&b.m);
    CHECK_INT(d, DETAIL_COMPACT);
    render_options o = options(false);
    o.detail = d;
    o.legend = true;
    strbuf out;
    strbuf_init(&out);
    diag_list diags;
    diag_list_init(&diags);
    CHECK_INT(render_dot(&b.m, &o, &out, &diags), 0);
    const char *dot = strbuf_cstr(&out);
    CHECK(count_of(dot, "class=ref") >= 70);
    CHECK(has(dot, "\u2192 Step "));
    CHECK(has(dot, "goes on at that state"));
    CHECK(has(dot, "s3 -> s4\t[class=next")); /* near edges stay edges */
    strbuf_free(&out);
    diag_list_free(&diags);
    arena_release(&b.a);
}

/* A -> B (two retriers, the second MaxAttempts 0) -> C -> back to B: one loop on B carrying both retriers;
 * A's edge into B arrives at B's top, clear of the loop; the edge from C back to B closes a loop and keeps
 * its free end; Next edges weigh more, except the one closing the loop. */
static void test_retries_share_a_loop(void)
{
    builder b;
    start_machine(&b, "Loops", NULL);
    int top = add_scope(&b, -1, -1);
    int a = add_state(&b, top, "A", STATE_PASS);
    int s = add_state(&b, top, "B", STATE_TASK);
    int c = add_state(&b, top, "C", STATE_PASS);
    add_edge(&b, EDGE_START, top, -1, a);
    add_edge(&b, EDGE_NEXT, top, a, s);
    wf_edge *r1 = add_retry(&b, s, 3, 2, 2.0);
    set_errors(&b, r1, 1, "Busy");
    wf_edge *r2 = add_retry(&b, s, 0, 1, 2.0);
    r2->index = 1;
    set_errors(&b, r2, 1, "Fatal");
    add_edge(&b, EDGE_NEXT, top, s, c);
    add_edge(&b, EDGE_NEXT, top, c, s);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK_INT(count_of(dot, "[class=retry"), 1);
    CHECK(has(dot, "<b>\u21bb retry \u00d73</b>"));
    CHECK(has(dot, "<b>no retry</b> \u00b7 MaxAttempts 0"));
    CHECK(has(dot, "<font point-size=\"8\">Fatal</font>"));
    CHECK(has(dot, "Retry 1: Busy"));
    CHECK(has(dot, "Retry 2: Fatal"));
    CHECK(has(dot, "s0 -> s1:n\t[class=next"));
    CHECK(has(dot, "s2 -> s1\t[class=next]"));
    CHECK(has(dot, "s0 -> s1:n\t[class=next,\n\t\tweight=5]"));
    free(dot);
    arena_release(&b.a);
}

/* Rules without spaces wrap after a separator, not inside a name; long names wrap in lines of about equal
 * length, Choice names narrower; names past their lines are cut. */
static void test_wrapping(void)
{
    builder b;
    start_machine(&b, "Wrap", NULL);
    int top = add_scope(&b, -1, -1);
    int c = add_state(&b, top, "Previous or concurrent execution SUCCEEDED, IN_PROGRESS, or FAILED?", STATE_CHOICE);
    int d = add_state(&b, top, "Done and dusted, with a name much longer than two lines of forty characters "
                               "allow for", STATE_SUCCEED);
    add_edge(&b, EDGE_START, top, -1, c);
    add_edge(&b, EDGE_CHOICE, top, c, d)->label = "$states.input.IngestionJob.Status=='COMPLETE'";
    add_edge(&b, EDGE_END, top, d, -1);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK(has(dot, ">$states.input.IngestionJob.<br/>Status==&#39;COMPLETE&#39;<"));
    /* a diamond's name wraps narrower, over three lines */
    CHECK(has(dot, "<b>Previous or concurrent<br/>execution SUCCEEDED,<br/>IN_PROGRESS, or FAILED?</b>"));
    CHECK(has(dot, "<b>Done and dusted, with a name much longer<br/>than two lines of forty characters allo\u2026</b>"));
    free(dot);
    arena_release(&b.a);
}

/* A rule and the default to the same state: one edge, solid, the rule then "or" then "default"; a rule to
 * a missing state and the default to the same missing name share the ghost's edge too. */
static void test_rules_merge_by_target(void)
{
    builder b;
    start_machine(&b, "Merge", NULL);
    int top = add_scope(&b, -1, -1);
    int c = add_state(&b, top, "Pick", STATE_CHOICE);
    int d = add_state(&b, top, "Done", STATE_SUCCEED);
    add_edge(&b, EDGE_START, top, -1, c);
    add_edge(&b, EDGE_CHOICE, top, c, d)->label = "$.a == 1";
    wf_edge *second = add_edge(&b, EDGE_CHOICE, top, c, -1);
    second->label = "$.b == 2";
    second->to_name = "Gone";
    second->index = 1;
    add_edge(&b, EDGE_DEFAULT, top, c, d);
    add_edge(&b, EDGE_END, top, d, -1);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK_INT(count_of(dot, "s0 -> s1\t"), 1);
    CHECK(has(dot, "$.a == 1</td></tr><tr><td align=\"left\"><font point-size=\"8\"><i>or</i></font></td></tr>"
                   "<tr><td align=\"left\" balign=\"left\">default</td>"));
    CHECK(has(dot, "tooltip=\"Rule 1: $.a == 1\nDefault \u2192 Done\""));
    CHECK(has(dot, "s0 -> missing0\t[class=choice"));
    CHECK(!strstr(dot, "style=dotted")); /* the merged edge is a rule's */
    free(dot);
    arena_release(&b.a);
}

/* Eight retriers on one state: six drawn, "+2 more retriers", all in the tooltip; eight rules to one target:
 * six drawn, "or 2 more". Compact: no edge label; the state says `↻ ×5 +7` (the first retrier that
 * retries: MaxAttempts 0 never does); rules are external labels. */
static void test_caps_and_compact(void)
{
    builder b;
    start_machine(&b, "Caps", NULL);
    int top = add_scope(&b, -1, -1);
    int c = add_state(&b, top, "Pick", STATE_CHOICE);
    int t = add_state(&b, top, "Work", STATE_TASK);
    add_edge(&b, EDGE_START, top, -1, c);
    for (int i = 0; i < 8; i++) {
        wf_edge *r = add_edge(&b, EDGE_CHOICE, top, c, t);
        r->label = arena_printf(&b.a, "$.n == %d", i);
        r->index = i;
    }
    for (int i = 0; i < 8; i++) {
        wf_edge *r = add_retry(&b, t, i == 0 ? 0 : 5, 1, 2.0);
        r->index = i;
        set_errors(&b, r, 1, arena_printf(&b.a, "E%d", i));
    }
    add_edge(&b, EDGE_END, top, t, -1);
    char *dot = dot_of(&b.m, false, NULL);
    CHECK(has(dot, "+2 more retriers"));
    CHECK(has(dot, "<i>or 2 more</i>"));
    /* in the tooltip: agwrite breaks long strings with a backslash-newline, which DOT readers join */
    char *joined = strdup(dot);
    size_t w = 0;
    for (size_t r = 0; joined[r]; r++) {
        if (joined[r] == '\\' && joined[r + 1] == '\n')
            r++;
        else
            joined[w++] = joined[r];
    }
    joined[w] = '\0';
    CHECK(has(joined, "Rule 8: $.n == 7"));
    CHECK(has(joined, "Retry 8: E7"));
    free(joined);
    CHECK_INT(count_of(dot, "<b>no retry</b>"), 1);
    free(dot);
    render_options o = {.theme = theme_default(), .detail = DETAIL_COMPACT};
    strbuf out;
    strbuf_init(&out);
    diag_list d;
    diag_list_init(&d);
    CHECK_INT(render_dot(&b.m, &o, &out, &d), 0);
    const char *text = strbuf_cstr(&out);
    CHECK(has(text, "\u21bb \u00d75 +7</font>"));
    CHECK(has(text, "xlabel=<<table"));
    CHECK(!strstr(text, "retry \u00d7"));
    CHECK_INT(count_of(text, "\tlabel=<<table"), 1); /* the title's: no edge has a label */
    strbuf_free(&out);
    diag_list_free(&d);
    arena_release(&b.a);
}

/* The theme in the options is the one drawn with. */
static void test_theme_applies(void)
{
    builder b;
    build_hello(&b);
    theme t = *theme_default();
    strcpy(t.task.fill, "#123456");
    strcpy(t.font_family, "DejaVu Serif");
    t.retry_edge.style = THEME_DOTTED;
    render_options o = {.theme = &t};
    strbuf out;
    strbuf_init(&out);
    diag_list d;
    diag_list_init(&d);
    CHECK_INT(render_dot(&b.m, &o, &out, &d), 0);
    const char *dot = strbuf_cstr(&out);
    CHECK(has(dot, "fillcolor=\"#123456\""));
    CHECK(has(dot, "fontname=\"DejaVu Serif\""));
    CHECK(has(dot, "style=dotted"));
    CHECK(!strstr(dot, "#f2f8fd"));
    strbuf_free(&out);
    diag_list_free(&d);
    arena_release(&b.a);
}

/* The DOT of m drawn with theme t (NULL: the default), with its title and legend. */
static char *themed_dot(const machine *m, const theme *t)
{
    render_options o = {.theme = t ? t : theme_default(), .legend = true};
    strbuf out;
    strbuf_init(&out);
    diag_list d;
    diag_list_init(&d);
    CHECK_INT(render_dot(m, &o, &out, &d), 0);
    diag_print_all(stderr, &d);
    diag_list_free(&d);
    char *text = strdup(strbuf_cstr(&out));
    strbuf_free(&out);
    return text;
}

/* Writes a theme file that sets only key i (nested as its dotted path says) to a value no built-in theme
 * uses; returns the value as it must reach the DOT, or NULL for a key the drawing does not use. */
static const char *write_one_key(const char *path, size_t i, char *text, size_t size)
{
    const char *key = theme_key_path(i);
    const theme *def = theme_default();
    switch (theme_key_type_of(i)) {
    case THEME_KEY_COLOUR: snprintf(text, size, "\"#123456\""); break;
    case THEME_KEY_NUMBER: snprintf(text, size, "7.25"); break;
    case THEME_KEY_LINE: snprintf(text, size, "%s", def->next.style == THEME_BOLD ? "dotted" : "bold"); break;
    case THEME_KEY_STRING:
        if (strcmp(key, "description") == 0) /* shown by `sfnviz themes`, not drawn */
            return NULL;
        snprintf(text, size, "DejaVu Serif");
        break;
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    size_t depth = 0;
    for (const char *p = key; *p; depth++) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        fprintf(f, "%*s%.*s:%s", (int)(2 * depth), "", (int)len, p, dot ? "\n" : " ");
        p += len + (dot != NULL);
    }
    fprintf(f, "%s\n", text);
    fclose(f);
    return text;
}

/* Every theme key changes the drawing, alone, read from a user theme that sets only it: a key documented in
 * themes/default.yaml but used nowhere would fail here. Drawn: a machine with every kind of state and edge,
 * its title and legend. */
static void test_every_theme_key_is_drawn(void)
{
    builder b;
    build_rich(&b);
    int top = 0;
    int ok = add_state(&b, top, "Ok", STATE_SUCCEED);
    int odd = add_state(&b, top, "Odd", STATE_UNKNOWN);
    b.m.states[odd].type_text = "Tusk";
    add_edge(&b, EDGE_NEXT, top, odd, ok);
    add_edge(&b, EDGE_CHOICE, top, 0, odd)->label = "$.odd";
    add_edge(&b, EDGE_END, top, ok, -1);
    char *base = themed_dot(&b.m, NULL);
    char path[64], text[64];
    snprintf(path, sizeof path, "/tmp/sfnviz-key-%ld.yaml", (long)getpid());
    size_t keys = 0;
    size_t diff_keys = 0; /* the drawn diff's colours: test_diff_draw.c holds them to the same */
    for (size_t i = 0; i < theme_key_count(); i++) {
        if (strncmp(theme_key_path(i), "diff.", 5) == 0) {
            diff_keys++;
            continue;
        }
        if (!write_one_key(path, i, text, sizeof text))
            continue;
        char err[256];
        sfnviz_theme *t = sfnviz_theme_load(path, err, sizeof err);
        CHECK(t != NULL);
        if (!t) {
            fprintf(stderr, "  %s: %s\n", theme_key_path(i), err);
            continue;
        }
        char *dot = themed_dot(&b.m, t);
        bool differs = strcmp(dot, base) != 0;
        bool shows = theme_key_type_of(i) != THEME_KEY_COLOUR || strstr(dot, "#123456");
        if (!differs || !shows)
            fprintf(stderr, "  theme key %s = %s does not change the drawing\n", theme_key_path(i), text);
        CHECK(differs && shows);
        keys++;
        free(dot);
        sfnviz_theme_free(t);
    }
    CHECK(keys + 1 + diff_keys == theme_key_count());
    remove(path);
    free(base);
    arena_release(&b.a);
}

/* A machine with nothing to draw still gets a diagram that says why. */
static void test_nothing_to_draw(void)
{
    builder b;
    start_machine(&b, "InS3", NULL);
    b.m.status = MACHINE_S3;
    b.m.where = "s3://bucket/key.asl.json";
    char *dot = dot_of(&b.m, false, NULL);
    CHECK(has(dot, "definition in S3"));
    CHECK(has(dot, "s3://bucket/key.asl.json"));
    free(dot);
    arena_release(&b.a);
}

/* ---- Images --------------------------------------------------------------------------------------- */

static int image_of(const machine *m, const char *format, strbuf *out, size_t *diag_count)
{
    diag_list d;
    diag_list_init(&d);
    render_options o = options(false);
    int rc = render_image(m, &o, format, out, &d);
    if (rc == 0)
        diag_print_all(stderr, &d);
    *diag_count = d.count;
    diag_list_free(&d);
    return rc;
}

/* xmllint when the machine has it, else a rough balance of tags. */
static bool well_formed_xml(const char *text, size_t len)
{
    if (system("command -v xmllint >/dev/null 2>&1") == 0) {
        char path[] = "/tmp/sfnviz-test-XXXXXX";
        int fd = mkstemp(path);
        if (fd < 0)
            return false;
        FILE *f = fdopen(fd, "wb");
        fwrite(text, 1, len, f);
        fclose(f);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
        int rc = system(cmd);
        remove(path);
        return rc == 0;
    }
    return count_of(text, "<g ") == count_of(text, "</g>") && strstr(text, "</svg>") != NULL;
}

static void test_svg(void)
{
    builder b;
    build_rich(&b);
    strbuf svg;
    strbuf_init(&svg);
    size_t diags = 99;
    CHECK_INT(image_of(&b.m, "svg", &svg, &diags), 0);
    CHECK_INT(diags, 0);
    const char *text = strbuf_cstr(&svg);
    CHECK(strncmp(text, "<?xml", 5) == 0);
    CHECK(well_formed_xml(text, svg.len));
    CHECK(has(text, ">a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; \\N \\n\\G x y\xef\xbf\xbdz\\</text>"));
    CHECK(has(text, ">Check</text>"));
    CHECK(has(text, "class=\"node task\""));
    CHECK(has(text, "class=\"node choice\""));
    CHECK(has(text, "class=\"edge retry\""));
    CHECK(has(text, "class=\"edge catch\""));
    CHECK(has(text, "class=\"cluster parallel\""));
    CHECK(has(text, "xlink:title=\"a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; \\N \\n\\G x&#10;y"));
    CHECK(has(text, "font-family=\"DejaVu Sans"));
    strbuf_free(&svg);
    arena_release(&b.a);
}

static void test_png_and_pdf(void)
{
    builder b;
    build_rich(&b);
    strbuf png, pdf;
    strbuf_init(&png);
    strbuf_init(&pdf);
    size_t diags = 99;
    CHECK_INT(image_of(&b.m, "png", &png, &diags), 0);
    CHECK_INT(diags, 0);
    CHECK(png.len > 8 && memcmp(png.data, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK_INT(image_of(&b.m, "pdf", &pdf, &diags), 0);
    CHECK_INT(diags, 0);
    CHECK(pdf.len > 5 && memcmp(pdf.data, "%PDF-", 5) == 0);
    strbuf_free(&png);
    strbuf_free(&pdf);
    arena_release(&b.a);
}

/* Graphviz's own messages become diagnostics, whole lines, and nothing goes to standard error. A colour
 * only Graphviz can refuse (themes are checked when loaded) makes it warn. */
static void test_graphviz_messages_captured(void)
{
    builder b;
    build_hello(&b);
    theme t = *theme_default();
    strcpy(t.task.fill, "#zzzzzz");
    render_options o = {.theme = &t};
    strbuf out;
    strbuf_init(&out);
    diag_list d;
    diag_list_init(&d);
    fflush(stderr);
    int saved = dup(2);
    FILE *sink = tmpfile();
    dup2(fileno(sink), 2);
    int rc = render_image(&b.m, &o, "svg", &out, &d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    CHECK_INT(rc, 0);
    fseek(sink, 0, SEEK_END);
    CHECK_INT(ftell(sink), 0);
    fclose(sink);
    CHECK(d.count >= 1);
    CHECK(d.count >= 1 && d.items[0].level == DIAG_WARNING);
    CHECK(d.count >= 1 && strcmp(d.items[0].message, "Graphviz: #zzzzzz is not a known color.") == 0);
    strbuf_free(&out);
    diag_list_free(&d);
    arena_release(&b.a);
}

static void test_bad_format(void)
{
    builder b;
    build_hello(&b);
    strbuf out;
    strbuf_init(&out);
    size_t diags = 0;
    CHECK_INT(image_of(&b.m, "gif", &out, &diags), -1);
    CHECK_INT(diags, 1);
    CHECK_INT(out.len, 0);
    strbuf_free(&out);
    arena_release(&b.a);
}

int main(void)
{
    test_hello_dot();
    test_rich_structure();
    test_escaping();
    test_dot_reads_back();
    test_trailing_backslash();
    test_deterministic();
    test_left_right();
    test_shared_handler();
    test_far_terminal_own_end();
    test_plan_and_references();
    test_retries_share_a_loop();
    test_wrapping();
    test_rules_merge_by_target();
    test_caps_and_compact();
    test_theme_applies();
    test_every_theme_key_is_drawn();
    test_nothing_to_draw();
    test_svg();
    test_png_and_pdf();
    test_graphviz_messages_captured();
    test_bad_format();
    return test_report();
}
