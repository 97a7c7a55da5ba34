/* test_paths.c: loops and longest paths over machines read from ASL text by the real reader and model. */
#include "model/paths.h"
#include "test.h"
#include "read/value.h"
#include "model/workflow.h"

#include <stdlib.h>
#include <string.h>

typedef struct model {
    arena a;
    diag_list d;
    machine m;
    bool *closes_loop;
    int *depth, *height;
} model;

static void model_read(model *t, const char *asl, bool flat)
{
    arena_init(&t->a);
    diag_list_init(&t->d);
    memset(&t->m, 0, sizeof t->m);
    value *root = json_read(&t->a, "t.asl.json", asl, strlen(asl), &t->d);
    CHECK(root != NULL);
    CHECK(root && workflow_build(&t->a, &t->m, root, NULL, NULL, &t->d));
    size_t n = t->m.state_count ? t->m.state_count : 1, e = t->m.edge_count ? t->m.edge_count : 1;
    t->closes_loop = calloc(e, sizeof *t->closes_loop);
    t->depth = calloc(n, sizeof *t->depth);
    t->height = calloc(n, sizeof *t->height);
    if (!t->closes_loop || !t->depth || !t->height)
        abort();
    paths_find_loops(&t->m, t->closes_loop);
    paths_depths(&t->m, t->closes_loop, flat, t->depth, t->height);
}

static void model_free(model *t)
{
    free(t->closes_loop);
    free(t->depth);
    free(t->height);
    diag_list_free(&t->d);
    arena_release(&t->a);
}

static int state(const model *t, const char *name)
{
    for (size_t i = 0; i < t->m.state_count; i++)
        if (strcmp(t->m.states[i].name, name) == 0)
            return (int)i;
    fprintf(stderr, "  no state %s\n", name);
    return 0;
}

/* The edges that close a loop, as "From>To" joined by spaces. */
static void loops_of(const model *t, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < t->m.edge_count; i++) {
        const wf_edge *e = &t->m.edges[i];
        if (!t->closes_loop[i])
            continue;
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s>%s", len ? " " : "", t->m.states[e->from].name,
                 t->m.states[e->to].name);
    }
}

/* A poll loop (Check -> Wait -> Poll -> Check) and a retry by Choice back to the start: the two edges
 * going back close loops, nothing else; depths are longest paths over the rest. */
static void test_loops_and_depths(void)
{
    static const char asl[] =
        "{\"StartAt\":\"Submit\",\"States\":{"
        "\"Submit\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:::function:f\",\"Next\":\"Poll\","
        "  \"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]}]},"
        "\"Poll\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:::function:g\",\"Next\":\"Check\"},"
        "\"Check\":{\"Type\":\"Choice\",\"Choices\":["
        "  {\"Variable\":\"$.s\",\"StringEquals\":\"RUNNING\",\"Next\":\"Wait\"},"
        "  {\"Variable\":\"$.s\",\"StringEquals\":\"LOST\",\"Next\":\"Submit\"},"
        "  {\"Variable\":\"$.s\",\"StringEquals\":\"DONE\",\"Next\":\"Done\"}],"
        "  \"Default\":\"Failed\"},"
        "\"Wait\":{\"Type\":\"Wait\",\"Seconds\":5,\"Next\":\"Poll\"},"
        "\"Done\":{\"Type\":\"Pass\",\"Next\":\"Succeeded\"},"
        "\"Succeeded\":{\"Type\":\"Succeed\"},"
        "\"Failed\":{\"Type\":\"Fail\"}}}";
    model t;
    model_read(&t, asl, false);
    char loops[200];
    loops_of(&t, loops, sizeof loops);
    CHECK_STR(loops, "Check>Submit Wait>Poll");
    CHECK_INT(t.depth[state(&t, "Submit")], 0);
    CHECK_INT(t.depth[state(&t, "Poll")], 1);
    CHECK_INT(t.depth[state(&t, "Check")], 2);
    CHECK_INT(t.depth[state(&t, "Wait")], 3);
    CHECK_INT(t.depth[state(&t, "Done")], 3);
    CHECK_INT(t.depth[state(&t, "Succeeded")], 4);
    CHECK_INT(t.depth[state(&t, "Failed")], 3);
    CHECK_INT(t.height[state(&t, "Check")], 1);
    model_free(&t);
}

/* A Parallel whose tallest branch has three steps takes five (with its bars); the state after it starts
 * five below it. A catch edge counts as a path like any other. Drawn flat, the Parallel takes one. */
static void test_containers(void)
{
    static const char asl[] =
        "{\"StartAt\":\"Fan\",\"States\":{"
        "\"Fan\":{\"Type\":\"Parallel\",\"Next\":\"After\","
        "  \"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Oops\"}],\"Branches\":["
        "  {\"StartAt\":\"A1\",\"States\":{\"A1\":{\"Type\":\"Pass\",\"End\":true}}},"
        "  {\"StartAt\":\"B1\",\"States\":{\"B1\":{\"Type\":\"Pass\",\"Next\":\"B2\"},"
        "    \"B2\":{\"Type\":\"Map\",\"Next\":\"B3\",\"ItemProcessor\":{\"StartAt\":\"M1\",\"States\":{"
        "      \"M1\":{\"Type\":\"Pass\",\"End\":true}}}},"
        "    \"B3\":{\"Type\":\"Pass\",\"End\":true}}}]},"
        "\"After\":{\"Type\":\"Pass\",\"Next\":\"Oops\"},"
        "\"Oops\":{\"Type\":\"Fail\"}}}";
    model t;
    model_read(&t, asl, false);
    CHECK_INT(t.height[state(&t, "B2")], 3);  /* M1 and the Map's entry and exit */
    CHECK_INT(t.depth[state(&t, "B3")], 4);   /* B1, then B2's three steps */
    CHECK_INT(t.height[state(&t, "Fan")], 7); /* branch B: 1 + 3 + 1, and the bars */
    CHECK_INT(t.depth[state(&t, "After")], 7);
    CHECK_INT(t.depth[state(&t, "Oops")], 8);
    model_free(&t);
    model_read(&t, asl, true);
    CHECK_INT(t.height[state(&t, "Fan")], 1);
    CHECK_INT(t.depth[state(&t, "After")], 1);
    CHECK_INT(t.depth[state(&t, "Oops")], 2);
    model_free(&t);
}

/* States nothing leads to, a state that is its own Next, a Next to a missing state: no loop is made up,
 * nothing hangs, every depth is set. */
static void test_odd_shapes(void)
{
    static const char asl[] =
        "{\"StartAt\":\"Self\",\"States\":{"
        "\"Self\":{\"Type\":\"Pass\",\"Next\":\"Self\"},"
        "\"Orphan\":{\"Type\":\"Pass\",\"Next\":\"Ghost\"},"
        "\"Island\":{\"Type\":\"Pass\",\"Next\":\"Orphan\"}}}";
    model t;
    model_read(&t, asl, false);
    char loops[200];
    loops_of(&t, loops, sizeof loops);
    CHECK_STR(loops, "");
    CHECK_INT(t.depth[state(&t, "Self")], 0);
    CHECK_INT(t.depth[state(&t, "Island")], 0);
    CHECK_INT(t.depth[state(&t, "Orphan")], 1);
    model_free(&t);
}

/* A chain of 20 000 states closed into one loop: iterative, one edge closes it. */
static void test_long_loop(void)
{
    enum { N = 20000 };
    size_t cap = (size_t)N * 64 + 64;
    char *asl = malloc(cap);
    if (!asl)
        abort();
    size_t len = (size_t)snprintf(asl, cap, "{\"StartAt\":\"S0\",\"States\":{");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(asl + len, cap - len, "%s\"S%d\":{\"Type\":\"Pass\",\"Next\":\"S%d\"}",
                                i ? "," : "", i, (i + 1) % N);
    snprintf(asl + len, cap - len, "}}");
    model t;
    model_read(&t, asl, false);
    size_t closing = 0;
    for (size_t i = 0; i < t.m.edge_count; i++)
        closing += t.closes_loop[i];
    CHECK_INT(closing, 1);
    CHECK_INT(t.depth[state(&t, "S19999")], N - 1);
    model_free(&t);
    free(asl);
}

int main(void)
{
    test_loops_and_depths();
    test_containers();
    test_odd_shapes();
    test_long_loop();
    return test_report();
}
