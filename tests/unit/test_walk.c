/* test_walk.c: the public API's walk of a machine (sfnviz.h): scopes, states, edges and diagnostics as
 * data, on definitions in memory. Uses only the public header, as an embedder does. */
#include "sfnviz.h"
#include "test.h"

static sfnviz_doc *load(const char *name, const char *text)
{
    return sfnviz_doc_load_buffer(name, text, strlen(text), NULL);
}

/* A loop (Check -> Work -> Check), a Choice with a rule and a Default, a Catch and a Retry, a Parallel. */
static const char LOOP[] =
    "StartAt: Work\n"
    "States:\n"
    "  Work:\n"
    "    Type: Task\n"
    "    Resource: arn:aws:states:::lambda:invoke\n"
    "    Next: Check\n"
    "    Retry: [{ErrorEquals: [States.Timeout], MaxAttempts: 5}]\n"
    "    Catch: [{ErrorEquals: [States.ALL], Next: Fail}]\n"
    "  Check:\n"
    "    Type: Choice\n"
    "    Choices: [{Variable: $.again, BooleanEquals: true, Next: Work}]\n"
    "    Default: Both\n"
    "  Both:\n"
    "    Type: Parallel\n"
    "    Branches:\n"
    "      - {StartAt: L, States: {L: {Type: Pass, End: true}}}\n"
    "      - {StartAt: R, States: {R: {Type: Succeed}}}\n"
    "    End: true\n"
    "  Fail: {Type: Fail}\n";

static void test_scopes(const sfnviz_machine *m)
{
    CHECK_INT(sfnviz_machine_scope_count(m), 3);
    const sfnviz_scope *top = sfnviz_machine_scope(m, 0);
    CHECK(sfnviz_scope_parent(top) == NULL);
    CHECK_STR(sfnviz_scope_start_at(top), "Work");
    CHECK(sfnviz_scope_start(top) == sfnviz_machine_find_state(m, "Work"));
    CHECK_INT(sfnviz_scope_state_count(top), 4);
    const sfnviz_state *both = sfnviz_machine_find_state(m, "Both");
    CHECK_INT(sfnviz_state_child_scope_count(both), 2);
    const sfnviz_scope *right = sfnviz_state_child_scope(both, 1);
    CHECK(sfnviz_scope_parent(right) == both);
    CHECK_INT(sfnviz_scope_branch(right), 1);
    CHECK(!sfnviz_scope_is_map_processor(right));
    CHECK(sfnviz_state_scope(sfnviz_machine_find_state(m, "R")) == right);
    CHECK(sfnviz_machine_scope(m, 3) == NULL);
}

static void test_states(const sfnviz_machine *m)
{
    const sfnviz_state *work = sfnviz_machine_find_state(m, "Work");
    CHECK_INT(sfnviz_state_type_of(work), SFNVIZ_STATE_TASK);
    CHECK_STR(sfnviz_state_type_name(sfnviz_state_type_of(work)), "Task");
    CHECK_STR(sfnviz_state_resource(work), "arn:aws:states:::lambda:invoke");
    sfnviz_location at = sfnviz_state_location(work);
    CHECK_STR(at.file, "loop.asl.yaml");
    CHECK_INT(at.line, 3);
    CHECK_INT(at.column, 3);
    CHECK(!sfnviz_state_is_end(work));
    CHECK(sfnviz_state_is_end(sfnviz_machine_find_state(m, "Both")));
    CHECK(sfnviz_state_resource(sfnviz_machine_find_state(m, "Fail")) == NULL);
    CHECK(sfnviz_machine_find_state(m, "Nowhere") == NULL);
}

static void test_edges(const sfnviz_machine *m)
{
    const sfnviz_state *work = sfnviz_machine_find_state(m, "Work");
    const sfnviz_state *check = sfnviz_machine_find_state(m, "Check");
    const sfnviz_edge *next = sfnviz_state_edge_of_kind(work, SFNVIZ_EDGE_NEXT, 0);
    CHECK(next && sfnviz_edge_from(next) == work && sfnviz_edge_to(next) == check);
    CHECK_INT(sfnviz_edge_location(next).line, 6);
    /* the loop back: a Choice rule into an earlier state */
    const sfnviz_edge *rule = sfnviz_state_edge_of_kind(check, SFNVIZ_EDGE_CHOICE, 0);
    CHECK(rule && sfnviz_edge_to(rule) == work);
    CHECK_STR(sfnviz_edge_label(rule), "$.again == true");
    CHECK(sfnviz_state_edge_of_kind(check, SFNVIZ_EDGE_CHOICE, 1) == NULL);
    CHECK_STR(sfnviz_edge_target_name(sfnviz_state_edge_of_kind(check, SFNVIZ_EDGE_DEFAULT, 0)), "Both");
    const sfnviz_edge *retry = sfnviz_state_edge_of_kind(work, SFNVIZ_EDGE_RETRY, 0);
    sfnviz_retry_policy p;
    CHECK(retry && sfnviz_edge_retry(retry, &p) == 0);
    CHECK_INT(p.max_attempts, 5);
    CHECK_INT(p.interval_seconds, 1);
    CHECK(p.backoff_rate == 2.0 && p.jitter == NULL && p.max_delay_seconds == -1);
    CHECK_INT(sfnviz_edge_retry(next, &p), -1);
    const sfnviz_edge *catcher = sfnviz_state_edge_of_kind(work, SFNVIZ_EDGE_CATCH, 0);
    CHECK_INT(sfnviz_edge_error_count(catcher), 1);
    CHECK_STR(sfnviz_edge_error(catcher, 0), "States.ALL");
    CHECK(sfnviz_edge_error(catcher, 1) == NULL);
    CHECK_INT(sfnviz_state_edge_count_of_kind(work, SFNVIZ_EDGE_RETRY), 1);
    /* every edge of the machine is one of its states' own, or a scope's start */
    size_t owned = 0, starts = 0;
    for (size_t i = 0; i < sfnviz_machine_state_count(m); i++)
        owned += sfnviz_state_edge_count(sfnviz_machine_state(m, i));
    for (size_t i = 0; i < sfnviz_machine_edge_count(m); i++)
        starts += sfnviz_edge_kind_of(sfnviz_machine_edge(m, i)) == SFNVIZ_EDGE_START;
    CHECK_INT(owned + starts, sfnviz_machine_edge_count(m));
    CHECK_INT(starts, 3);
    CHECK_STR(sfnviz_edge_kind_name(SFNVIZ_EDGE_DEFAULT), "default");
}

static void test_diagnostics(void)
{
    sfnviz_doc *doc = load("dangling.asl.yaml", "StartAt: A\nStates:\n  A: {Type: Pass, Next: B}\n");
    CHECK_INT(sfnviz_doc_diag_count(doc), 1);
    sfnviz_diagnostic d;
    CHECK_INT(sfnviz_doc_diag(doc, 0, &d), 0);
    CHECK_INT(d.severity, SFNVIZ_SEVERITY_WARNING);
    CHECK_STR(d.at.file, "dangling.asl.yaml");
    CHECK_INT(d.at.line, 3);
    CHECK(strstr(d.message, "\"B\" does not exist") != NULL);
    CHECK(strstr(d.message, "dangling.asl.yaml") == NULL); /* the location is data, not in the text */
    CHECK_INT(sfnviz_doc_diag(doc, 1, &d), -1);
    sfnviz_doc_free(doc);

    doc = load("broken.yaml", "StartAt: A\nStates: [\n");
    CHECK(sfnviz_doc_failed(doc));
    CHECK_INT(sfnviz_doc_diag(doc, 0, &d), 0);
    CHECK_INT(d.severity, SFNVIZ_SEVERITY_ERROR);
    CHECK(d.at.line >= 2);
    sfnviz_doc_free(doc);
}

static void test_machine_problem(void)
{
    sfnviz_doc *doc = load("t.yaml", "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n"
                                     "    Properties: {DefinitionUri: s3://bucket/key.json}\n");
    const sfnviz_machine *m = sfnviz_doc_machine(doc, 0);
    sfnviz_diagnostic d;
    CHECK(m && sfnviz_machine_problem(m, &d) == 0);
    CHECK_INT(d.at.line, 4);
    CHECK(sfnviz_machine_scope_count(m) == 0 && sfnviz_machine_scope(m, 0) == NULL);
    sfnviz_doc_free(doc);
}

int main(void)
{
    sfnviz_doc *doc = load("loop.asl.yaml", LOOP);
    CHECK(!sfnviz_doc_failed(doc));
    const sfnviz_machine *m = sfnviz_doc_machine(doc, 0);
    sfnviz_diagnostic d;
    CHECK(m && sfnviz_machine_problem(m, &d) == -1);
    CHECK_STR(sfnviz_machine_query_language(m), "JSONPath");
    test_scopes(m);
    test_states(m);
    test_edges(m);
    sfnviz_doc_free(doc);
    test_diagnostics();
    test_machine_problem();
    return test_report();
}
