/* test_template.c: the template stage and the model, from real YAML / JSON text to machines, states and
 * edges: definition sources, substitutions, intrinsics, scopes, transitions and retry policies. */
#include "template/document.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static sfnviz_doc *load_text(const char *name, const char *text)
{
    return sfnviz_doc_load_buffer(name, text, strlen(text), NULL);
}

static const wf_state *state(const machine *m, const char *name)
{
    for (size_t i = 0; i < m->state_count; i++)
        if (strcmp(m->states[i].name, name) == 0)
            return &m->states[i];
    return NULL;
}

/* The n-th edge of a kind leaving state `from` (NULL: the scope start). */
static const wf_edge *edge(const machine *m, const char *from, edge_kind kind, int n)
{
    for (size_t i = 0; i < m->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        const char *f = e->from >= 0 ? m->states[e->from].name : NULL;
        if (e->kind == kind && ((!f && !from) || (f && from && strcmp(f, from) == 0)) && n-- == 0)
            return e;
    }
    return NULL;
}

static bool has_diag(const sfnviz_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->diags.count; i++)
        if (strstr(doc->diags.items[i].message, needle))
            return true;
    return false;
}

static const char HELLO[] =
    "Resources:\n"
    "  TaskOneFunction: {Type: AWS::Serverless::Function, Properties: {Handler: a.handler}}\n"
    "  TaskTwoFunction: {Type: AWS::Serverless::Function, Properties: {Handler: b.handler}}\n"
    "  MyStateMachine:\n"
    "    Type: AWS::Serverless::StateMachine\n"
    "    Properties:\n"
    "      Name: MyWorkflow\n"
    "      Definition:\n"
    "        StartAt: TaskOne\n"
    "        States:\n"
    "          TaskOne:\n"
    "            Type: Task\n"
    "            Resource: !GetAtt TaskOneFunction.Arn\n"
    "            Next: TaskTwo\n"
    "            Retry:\n"
    "              - ErrorEquals: [\"Lambda.ServiceException\", \"Lambda.AWSLambdaException\"]\n"
    "                IntervalSeconds: 2\n"
    "                MaxAttempts: 3\n"
    "          TaskTwo: {Type: Task, Resource: !GetAtt TaskTwoFunction.Arn, End: true}\n";

static void test_hello(void)
{
    sfnviz_doc *doc = load_text("template.yml", HELLO);
    CHECK(!doc->failed);
    CHECK_INT(doc->machine_count, 1);
    const machine *m = &doc->machines[0];
    CHECK_STR(m->id, "MyStateMachine");
    CHECK_STR(m->name, "MyWorkflow");
    CHECK_INT(m->kind, MACHINE_SAM);
    CHECK_INT(m->status, MACHINE_OK);
    CHECK_STR(m->where, "inline");
    CHECK_INT(m->state_count, 2);
    const wf_state *one = state(m, "TaskOne");
    CHECK(one && one->res.kind == RESOURCE_LAMBDA);
    CHECK_STR(one ? one->res.text : NULL, "λ TaskOneFunction");
    CHECK_INT(one ? one->at.line : 0, 11);
    CHECK_INT(one ? one->at.column : 0, 11);
    const wf_edge *start = edge(m, NULL, EDGE_START, 0);
    CHECK(start && start->to >= 0 && strcmp(m->states[start->to].name, "TaskOne") == 0);
    const wf_edge *next = edge(m, "TaskOne", EDGE_NEXT, 0);
    CHECK(next && strcmp(next->to_name, "TaskTwo") == 0 && next->to == 1);
    const wf_edge *retry = edge(m, "TaskOne", EDGE_RETRY, 0);
    CHECK(retry != NULL);
    if (retry) {
        CHECK_INT(retry->to, retry->from);
        CHECK_INT(retry->error_count, 2);
        CHECK_STR(retry->errors[1], "Lambda.AWSLambdaException");
        CHECK_INT(retry->max_attempts, 3);
        CHECK_INT(retry->interval_seconds, 2);
        CHECK(retry->backoff_rate == 2.0);
        CHECK_INT(retry->max_delay_seconds, -1);
        CHECK_INT(retry->at.line, 16);
    }
    CHECK(edge(m, "TaskTwo", EDGE_END, 0) != NULL);
    CHECK(edge(m, "TaskOne", EDGE_END, 0) == NULL);
    sfnviz_doc_free(doc);
}

static void test_yaml_1_2_names(void)
{
    sfnviz_doc *doc = load_text("flow.asl.yaml", "StartAt: Yes\n"
                                                 "States:\n"
                                                 "  Yes: {Type: Pass, Next: No}\n"
                                                 "  No: {Type: Succeed}\n");
    CHECK(!doc->failed);
    const machine *m = &doc->machines[0];
    CHECK_STR(m->id, "flow.asl.yaml");
    CHECK_INT(m->kind, MACHINE_ASL);
    CHECK(state(m, "Yes") && state(m, "No"));
    const wf_edge *e = edge(m, "Yes", EDGE_NEXT, 0);
    CHECK(e && e->to >= 0);
    sfnviz_doc_free(doc);
}

static void test_choice_and_scopes(void)
{
    const char *json =
        "{\"StartAt\": \"Check\", \"States\": {\n"
        " \"Check\": {\"Type\": \"Choice\", \"Choices\": [\n"
        "   {\"Variable\": \"$.status\", \"StringEquals\": \"ready\", \"Next\": \"Fan\"},\n"
        "   {\"And\": [{\"Variable\": \"$.n\", \"NumericGreaterThanEquals\": 20},\n"
        "             {\"Not\": {\"Variable\": \"$.x\", \"IsPresent\": true}}], \"Next\": \"Each\"}],\n"
        "  \"Default\": \"Nope\"},\n"
        " \"Fan\": {\"Type\": \"Parallel\", \"Next\": \"Done\", \"Branches\": [\n"
        "   {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}},\n"
        "   {\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Wait\", \"Seconds\": 30, \"End\": true}}}],\n"
        "  \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Nope\"}]},\n"
        " \"Each\": {\"Type\": \"Map\", \"MaxConcurrency\": 10, \"End\": true,\n"
        "   \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"},\n"
        "     \"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\",\n"
        "       \"Resource\": \"arn:aws:states:::dynamodb:putItem\", \"Next\": \"Out\"}}}},\n"
        " \"Nope\": {\"Type\": \"Fail\", \"Error\": \"E\", \"Cause\": \"because\"},\n"
        " \"Done\": {\"Type\": \"Succeed\"}}}\n";
    sfnviz_doc *doc = load_text("flow.asl.json", json);
    const machine *m = &doc->machines[0];
    CHECK_INT(m->status, MACHINE_OK);
    CHECK_INT(m->state_count, 8);
    CHECK_INT(m->scope_count, 4);
    const wf_edge *c0 = edge(m, "Check", EDGE_CHOICE, 0), *c1 = edge(m, "Check", EDGE_CHOICE, 1);
    CHECK_STR(c0 ? c0->label : NULL, "$.status == \"ready\"");
    CHECK_STR(c1 ? c1->label : NULL, "$.n >= 20 and not ($.x is present)");
    CHECK(edge(m, "Check", EDGE_DEFAULT, 0) != NULL);
    const wf_edge *catch0 = edge(m, "Fan", EDGE_CATCH, 0);
    CHECK_STR(catch0 ? catch0->label : NULL, "States.ALL");
    const wf_state *fan = state(m, "Fan"), *b = state(m, "B"), *work = state(m, "Work");
    CHECK(fan && fan->child_scope_count == 2);
    CHECK(b && m->scopes[b->scope].parent == (int)(fan - m->states) && m->scopes[b->scope].branch == 1);
    CHECK_STR(b ? b->wait_text : NULL, "30 s");
    CHECK(work && m->scopes[work->scope].map_processor);
    CHECK_STR(work ? work->res.text : NULL, "dynamodb:putItem");
    const wf_state *each = state(m, "Each");
    CHECK(each && each->map.distributed && each->map.max_concurrency == 10);
    const wf_state *nope = state(m, "Nope");
    CHECK_STR(nope ? nope->fail_cause : NULL, "because");
    /* Work's Next names a state that does not exist: drawn as missing, reported as a warning. */
    const wf_edge *out = edge(m, "Work", EDGE_NEXT, 0);
    CHECK(out && out->to == -1 && strcmp(out->to_name, "Out") == 0);
    CHECK(has_diag(doc, "Next target \"Out\" does not exist"));
    sfnviz_doc_free(doc);
}

static void test_cross_scope_and_loops(void)
{
    sfnviz_doc *doc = load_text("loop.asl.yaml", "StartAt: Poll\n"
                                                 "States:\n"
                                                 "  Poll: {Type: Wait, SecondsPath: $.delay, Next: Check}\n"
                                                 "  Check: {Type: Choice, Choices: [{Variable: $.done, BooleanEquals: "
                                                 "true, Next: Inner}], Default: Poll}\n"
                                                 "  Par:\n"
                                                 "    Type: Parallel\n"
                                                 "    End: true\n"
                                                 "    Branches:\n"
                                                 "      - StartAt: Inner\n"
                                                 "        States: {Inner: {Type: Pass, Next: Poll}}\n");
    const machine *m = &doc->machines[0];
    const wf_edge *def = edge(m, "Check", EDGE_DEFAULT, 0);
    CHECK(def && def->to == 0);
    CHECK(has_diag(doc, "is in another scope"));
    CHECK_STR(state(m, "Poll") ? state(m, "Poll")->wait_text : NULL, "$.delay");
    sfnviz_doc_free(doc);
}

static const char SUBST[] =
    "Transform: AWS::Serverless-2016-10-31\n"
    "Resources:\n"
    "  Fn: {Type: AWS::Lambda::Function}\n"
    "  Machine:\n"
    "    Type: AWS::Serverless::StateMachine\n"
    "    Properties:\n"
    "      DefinitionSubstitutions:\n"
    "        my_state_var_1: Pass\n"
    "        FnArn: !GetAtt Fn.Arn\n"
    "        Chain: ${my_state_var_1}\n"
    "      Definition:\n"
    "        StartAt: ${Chain}Start\n"
    "        States:\n"
    "          ${Chain}Start: {Type: '${my_state_var_1}', Next: Call}\n"
    "          Call: {Type: Task, Resource: '${FnArn}', End: true}\n";

static void test_substitutions(void)
{
    sfnviz_doc *doc = load_text("t.yaml", SUBST);
    const machine *m = &doc->machines[0];
    CHECK_INT(m->status, MACHINE_OK);
    const wf_state *start = state(m, "PassStart");
    CHECK(start && start->type == STATE_PASS);
    CHECK_INT(start ? start->at.line : 0, 14);
    CHECK(m->scopes[0].start >= 0);
    const wf_state *call = state(m, "Call");
    CHECK_STR(call ? call->res.text : NULL, "λ Fn");
    sfnviz_doc_free(doc);

    doc = load_text("t.yaml", "Resources:\n"
                              "  M:\n"
                              "    Type: AWS::StepFunctions::StateMachine\n"
                              "    Properties:\n"
                              "      DefinitionSubstitutions: {A: '${B}', B: '${A}'}\n"
                              "      Definition: {StartAt: X, States: {X: {Type: Pass, Comment: '${A}', End: true}}}\n");
    CHECK_INT(doc->machines[0].status, MACHINE_ERROR);
    CHECK(doc->machines[0].message && strstr(doc->machines[0].message, "t.yaml:6:"));
    CHECK(doc->machines[0].message && strstr(doc->machines[0].message, "do not settle"));
    sfnviz_doc_free(doc);
}

static void test_definition_string(void)
{
    sfnviz_doc *doc = load_text(
        "cfn.yaml", "Parameters:\n"
                    "  Stage: {Type: String, Default: prod}\n"
                    "Resources:\n"
                    "  Worker: {Type: AWS::Lambda::Function}\n"
                    "  Sub:\n"
                    "    Type: AWS::StepFunctions::StateMachine\n"
                    "    Properties:\n"
                    "      StateMachineName: !Sub 'flow-${Stage}'\n"
                    "      DefinitionString: !Sub |\n"
                    "        {\"StartAt\": \"Go\", \"States\": {\"Go\": {\"Type\": \"Task\",\n"
                    "         \"Resource\": \"${Worker.Arn}\", \"Comment\": \"${!Literal}\", \"End\": true}}}\n"
                    "  Join:\n"
                    "    Type: AWS::StepFunctions::StateMachine\n"
                    "    Properties:\n"
                    "      DefinitionString: !Join ['', ['{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
                    "\"Task\", \"Resource\": \"', !GetAtt Worker.Arn, '\", \"End\": true}}}']]\n"
                    "  Broken:\n"
                    "    Type: AWS::StepFunctions::StateMachine\n"
                    "    Properties:\n"
                    "      DefinitionString: '{\"StartAt\": \"A\", \"States\": {'\n");
    CHECK_INT(doc->machine_count, 3);
    const machine *sub = &doc->machines[0], *join = &doc->machines[1], *broken = &doc->machines[2];
    CHECK_STR(sub->name, "flow-prod");
    CHECK_INT(sub->kind, MACHINE_CLOUDFORMATION);
    CHECK_STR(state(sub, "Go") ? state(sub, "Go")->res.text : NULL, "λ Worker");
    CHECK_STR(state(sub, "Go") ? state(sub, "Go")->comment : NULL, "${Literal}");
    /* A `!Sub |` block keeps the template's own lines and columns. */
    CHECK_INT(state(sub, "Go") ? state(sub, "Go")->at.line : 0, 10);
    CHECK_INT(state(sub, "Go") ? state(sub, "Go")->at.column : 0, 38);
    CHECK_STR(state(sub, "Go") ? state(sub, "Go")->at.file : NULL, "cfn.yaml");
    CHECK_STR(state(join, "A") ? state(join, "A")->res.text : NULL, "λ Worker");
    CHECK_INT(broken->status, MACHINE_ERROR);
    /* Cut short: the error is at the string's end, its closing quote, and the message says where in the text. */
    CHECK(broken->message && strstr(broken->message, "cfn.yaml:19:54: error: "));
    CHECK(broken->message && strstr(broken->message, "(line 1, column 29 of its text)"));
    sfnviz_doc_free(doc);
}

static void test_definition_string_error_position(void)
{
    sfnviz_doc *doc = load_text("cfn.yaml", "Resources:\n"
                                            "  M:\n"
                                            "    Type: AWS::StepFunctions::StateMachine\n"
                                            "    Properties:\n"
                                            "      DefinitionString: |\n"
                                            "        {\"StartAt\": \"A\",\n"
                                            "         \"States\": {\"A\": {\"Type\": \"Pass\" \"End\": true}}}\n");
    CHECK_INT(doc->machines[0].status, MACHINE_ERROR);
    CHECK_STR(doc->machines[0].message, "cfn.yaml:7:42: error: DefinitionString is not valid JSON: expected ',' or "
                                        "'}' after an object member (line 2, column 34 of its text)");
    sfnviz_doc_free(doc);
}

/* JSON inside a one-line JSON string: each position of the definition lands on the template's line, at
 * the column of the escaped text (\" takes two columns, \\u00e9 seven). */
static void test_definition_string_one_line(void)
{
    sfnviz_doc *doc = load_text("t.json", "{\"Resources\": {\"M\": {\"Type\": \"AWS::StepFunctions::StateMachine\",\n"
                                          "  \"Properties\": {\"DefinitionString\":\n"
                                          "    \"{\\\"Comment\\\": \\\"caf\\\\u00e9\\\", \\\"StartAt\\\": \\\"A\\\", \\\"States\\\": "
                                          "{\\\"A\\\": {\\\"Type\\\": \\\"Succeed\\\"}}}\"}}}}\n");
    CHECK_INT(doc->machine_count, 1);
    const wf_state *a = doc->machine_count ? state(&doc->machines[0], "A") : NULL;
    CHECK_STR(a ? a->at.file : NULL, "t.json");
    CHECK_INT(a ? a->at.line : 0, 3);
    CHECK_INT(a ? a->at.column : 0, 69); /* the backslash of the \\" that opens "A" */
    sfnviz_doc_free(doc);
}

/* Text that Fn::Join assembles has no columns in the template: its marks are the DefinitionString's, with
 * the position inside the text kept. */
static void test_definition_string_joined(void)
{
    sfnviz_doc *doc = load_text("j.yaml", "Resources:\n"
                                          "  M:\n"
                                          "    Type: AWS::StepFunctions::StateMachine\n"
                                          "    Properties:\n"
                                          "      DefinitionString: !Join\n"
                                          "        - \"\\n\"\n"
                                          "        - ['{\"StartAt\": \"A\",', '\"States\": {\"A\": {\"Type\": \"Succeed\"}}}']\n");
    const wf_state *a = doc->machine_count ? state(&doc->machines[0], "A") : NULL;
    CHECK_STR(a ? a->at.file : NULL, "j.yaml");
    CHECK_INT(a ? a->at.line : 0, 5);
    CHECK_INT(a ? a->at.inner_line : 0, 2);
    CHECK_INT(a ? a->at.inner_column : 0, 12);
    sfnviz_doc_free(doc);
}

static void test_definition_sources(void)
{
    sfnviz_doc *doc = load_text(
        "t.yaml", "Resources:\n"
                  "  Url: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: s3://b/k.json}}\n"
                  "  Loc: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: {Bucket: b, Key: k}}}\n"
                  "  Cfn: {Type: AWS::StepFunctions::StateMachine, Properties: {DefinitionS3Location: {Bucket: b, "
                  "Key: k}}}\n"
                  "  Gone: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: no/such.asl.json}}\n"
                  "  Str: {Type: AWS::Serverless::StateMachine, Properties: {Definition: '{}'}}\n"
                  "  Both: {Type: AWS::Serverless::StateMachine, Properties: {Definition: {}, DefinitionUri: x}}\n"
                  "  None: {Type: AWS::Serverless::StateMachine, Properties: {Name: n}}\n"
                  "  Out: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: /etc/passwd}}\n"
                  "  Fn: {Type: AWS::Serverless::Function}\n");
    CHECK(!doc->failed);
    CHECK_INT(doc->machine_count, 8);
    const machine *ms = doc->machines;
    CHECK_INT(ms[0].status, MACHINE_S3);
    CHECK_STR(ms[0].where, "s3://b/k.json");
    CHECK_INT(ms[1].status, MACHINE_S3);
    CHECK_STR(ms[1].where, "s3://b/k");
    CHECK_INT(ms[2].status, MACHINE_S3);
    CHECK_INT(ms[3].status, MACHINE_MISSING);
    CHECK(ms[3].message && strstr(ms[3].message, "t.yaml:5:") && strstr(ms[3].message, "no/such.asl.json"));
    CHECK_INT(ms[4].status, MACHINE_ERROR);
    CHECK(ms[4].message && strstr(ms[4].message, "should be a map"));
    CHECK_INT(ms[5].status, MACHINE_ERROR);
    CHECK(ms[5].message && strstr(ms[5].message, "not both"));
    CHECK_INT(ms[6].status, MACHINE_ERROR);
    CHECK_INT(ms[7].status, MACHINE_ERROR);
    CHECK(ms[7].message && strstr(ms[7].message, "outside the project"));
    sfnviz_doc_free(doc);
}

static void test_definition_uri_file(void)
{
    char dir[] = "/tmp/sfnviz-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[512], tpl[512];
    snprintf(path, sizeof path, "%s/sm", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/sm/flow.asl.json", dir);
    FILE *f = fopen(path, "w");
    /* A placeholder in a number position: the file parses only after substitution. */
    fputs("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"${FnArn}\",\n"
          "  \"TimeoutSeconds\": ${Timeout}, \"End\": true}}}\n",
          f);
    fclose(f);
    snprintf(tpl, sizeof tpl, "%s/template.yaml", dir);
    f = fopen(tpl, "w");
    fputs("Resources:\n"
          "  Fn: {Type: AWS::Serverless::Function}\n"
          "  M:\n"
          "    Type: AWS::Serverless::StateMachine\n"
          "    Properties:\n"
          "      DefinitionUri: sm/flow.asl.json\n"
          "      DefinitionSubstitutions: {FnArn: !GetAtt Fn.Arn, Timeout: 30}\n"
          "  Up:\n"
          "    Type: AWS::Serverless::StateMachine\n"
          "    Properties: {DefinitionUri: ../outside.json}\n",
          f);
    fclose(f);
    sfnviz_doc *doc = sfnviz_doc_load_file(tpl, NULL);
    CHECK_INT(doc->machine_count, 2);
    const machine *m = &doc->machines[0];
    CHECK_INT(m->status, MACHINE_OK);
    CHECK(m->definition_file && strstr(m->definition_file, "sm/flow.asl.json"));
    CHECK_STR(state(m, "T") ? state(m, "T")->res.text : NULL, "λ Fn");
    CHECK_INT(doc->machines[1].status, MACHINE_ERROR);
    CHECK(doc->machines[1].message && strstr(doc->machines[1].message, "--root"));
    sfnviz_doc_free(doc);
    /* --root widens the project: the file is then merely missing. */
    sfnviz_load_options lo = {.root = "/tmp"};
    doc = sfnviz_doc_load_file(tpl, &lo);
    CHECK_INT(doc->machines[1].status, MACHINE_MISSING);
    sfnviz_doc_free(doc);
    unlink(path);
    unlink(tpl);
    snprintf(path, sizeof path, "%s/sm", dir);
    rmdir(path);
    rmdir(dir);
}

static void test_not_a_template(void)
{
    sfnviz_doc *doc = load_text("x.yaml", "hello: world\n");
    CHECK(doc->failed);
    CHECK(has_diag(doc, "not a template"));
    sfnviz_doc_free(doc);
    doc = load_text("x.yaml", "a: [1, 2\n");
    CHECK(doc->failed);
    CHECK(doc->diags.count && doc->diags.items[0].at.line >= 1);
    sfnviz_doc_free(doc);
}

static void test_retry_defaults(void)
{
    sfnviz_doc *doc = load_text("r.asl.yaml", "StartAt: T\n"
                                              "States:\n"
                                              "  T:\n"
                                              "    Type: Task\n"
                                              "    Resource: arn:aws:lambda:us-east-1:1:function:Worker:live\n"
                                              "    End: true\n"
                                              "    Retry:\n"
                                              "      - ErrorEquals: [States.ALL]\n"
                                              "      - ErrorEquals: [X]\n"
                                              "        BackoffRate: 1.5\n"
                                              "        MaxDelaySeconds: 30\n"
                                              "        JitterStrategy: FULL\n");
    const machine *m = &doc->machines[0];
    const wf_edge *r0 = edge(m, "T", EDGE_RETRY, 0), *r1 = edge(m, "T", EDGE_RETRY, 1);
    CHECK(r0 && r0->max_attempts == 3 && r0->interval_seconds == 1 && r0->backoff_rate == 2.0);
    CHECK(r1 && r1->backoff_rate == 1.5 && r1->max_delay_seconds == 30);
    CHECK_STR(r1 ? r1->jitter : NULL, "FULL");
    CHECK_STR(m->states[0].res.text, "λ Worker");
    sfnviz_doc_free(doc);
}

int main(void)
{
    test_hello();
    test_yaml_1_2_names();
    test_choice_and_scopes();
    test_cross_scope_and_loops();
    test_substitutions();
    test_definition_string();
    test_definition_string_error_position();
    test_definition_string_one_line();
    test_definition_string_joined();
    test_definition_sources();
    test_definition_uri_file();
    test_not_a_template();
    test_retry_defaults();
    return test_report();
}
