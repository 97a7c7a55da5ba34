/* test_resource.c: a Task's Resource shown short (resource.c).
 *
 * Parameters are built by hand with value_new / value_new_string, and the template is stood in for by a
 * resolver over a fixed table of logical IDs, so each case reads as input next to the expected fields. */
#include "model/resource.h"
#include "test.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

#define LAMBDA "\xCE\xBB"

static arena A;

#include "values.h"

static value *fn_param(value *v) { return map("FunctionName", v, "Payload.$", str("$"), NULL); }

/* ---- a template stand-in ---- */

static const char *const TEMPLATE[][2] = {
    {"ProcessOrder", "AWS::Serverless::Function"},
    {"LegacyHandler", "AWS::Lambda::Function"},
    {"OrdersTable", "AWS::DynamoDB::Table"},
    {"FnQueue", "AWS::SQS::Queue"},
    {"Approval", "AWS::StepFunctions::Activity"},
};

static const char *table_type(const void *ctx, const char *logical_id)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof TEMPLATE / sizeof TEMPLATE[0]; i++)
        if (strcmp(TEMPLATE[i][0], logical_id) == 0)
            return TEMPLATE[i][1];
    return NULL;
}

static const resolver TABLE = {NULL, table_type};

/* ---- checking ---- */

static resource classify(const char *raw, const value *params, const resolver *r)
{
    resource out;
    memset(&out, 0xA5, sizeof out); /* garbage in: every field must be written */
    resource_classify(&A, &out, raw, params, r);
    return out;
}

#define CHECK_PATTERN(actual, expected)                                                                \
    do {                                                                                               \
        const char *want_ = (expected);                                                                \
        if (want_)                                                                                     \
            CHECK_STR((actual), want_);                                                                \
        else                                                                                           \
            CHECK((actual) == NULL);                                                                   \
    } while (0)

#define CHECK_RES(res, k, nm, pat, txt)                                                                \
    do {                                                                                               \
        resource r_ = (res);                                                                           \
        CHECK_INT(r_.kind, k);                                                                         \
        CHECK_STR(r_.name, nm);                                                                        \
        CHECK_PATTERN(r_.pattern, pat);                                                                \
        CHECK_STR(r_.text, txt);                                                                       \
    } while (0)

/* ---- cases ---- */

static void test_none_and_other(void)
{
    resource r = classify(NULL, NULL, NULL);
    CHECK_INT(r.kind, RESOURCE_NONE);
    CHECK(r.name == NULL && r.pattern == NULL && r.text == NULL && r.raw == NULL);

    CHECK_RES(classify("", NULL, NULL), RESOURCE_OTHER, "", NULL, "");
    CHECK_RES(classify("hello", NULL, NULL), RESOURCE_OTHER, "hello", NULL, "hello");
    CHECK_RES(classify("arn:aws:sqs:us-east-1:123456789012:queue", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:sqs:us-east-1:123456789012:queue", NULL, "arn:aws:sqs:us-east-1:123456789012:queue");
    CHECK_RES(classify("arn:aws:states:us-east-1:123456789012:stateMachine:Child", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:states:us-east-1:123456789012:stateMachine:Child", NULL,
              "arn:aws:states:us-east-1:123456789012:stateMachine:Child");
    CHECK_RES(classify("arn:aws:lambda:us-east-1:123456789012:layer:deps:3", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:lambda:us-east-1:123456789012:layer:deps:3", NULL,
              "arn:aws:lambda:us-east-1:123456789012:layer:deps:3");
    CHECK_RES(classify("arn:aws:lambda:us-east-1:123456789012:function:", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:lambda:us-east-1:123456789012:function:", NULL,
              "arn:aws:lambda:us-east-1:123456789012:function:");
    CHECK_RES(classify("arn:aws:states:::", NULL, NULL), RESOURCE_OTHER, "arn:aws:states:::", NULL,
              "arn:aws:states:::");
    CHECK_RES(classify("arn:aws:states:::foo", NULL, NULL), RESOURCE_OTHER, "arn:aws:states:::foo", NULL,
              "arn:aws:states:::foo");
    CHECK_RES(classify("arn:aws:states:::foo:", NULL, NULL), RESOURCE_OTHER, "arn:aws:states:::foo:", NULL,
              "arn:aws:states:::foo:");
    CHECK_RES(classify("arn:aws", NULL, NULL), RESOURCE_OTHER, "arn:aws", NULL, "arn:aws");
    CHECK_RES(classify("ARN:aws:lambda:r:a:function:F", NULL, NULL), RESOURCE_OTHER, "ARN:aws:lambda:r:a:function:F",
              NULL, "ARN:aws:lambda:r:a:function:F");

    /* raw is the arena's own copy. */
    char buf[] = "arn:aws:states:::sns:publish";
    r = classify(buf, NULL, NULL);
    CHECK(r.raw != buf);
    CHECK_STR(r.raw, "arn:aws:states:::sns:publish");
}

static void test_lambda_arns(void)
{
    const char *base = "arn:aws:lambda:us-east-1:123456789012:function:";
    static const char *const tails[] = {"", ":live", ":7", ":$LATEST"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char raw[128];
        snprintf(raw, sizeof raw, "%sOrderHandler%s", base, tails[i]);
        resource r = classify(raw, NULL, NULL);
        CHECK_RES(r, RESOURCE_LAMBDA, "OrderHandler", NULL, LAMBDA " OrderHandler");
        CHECK_STR(r.raw, raw);
    }
    CHECK_RES(classify("arn:aws-cn:lambda:cn-north-1:123456789012:function:Fn", NULL, NULL), RESOURCE_LAMBDA, "Fn",
              NULL, LAMBDA " Fn");
    CHECK_RES(classify("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Fn:prod", NULL, NULL),
              RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    /* Placeholders in any field, the function's name among them. */
    const char *sub = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${MyFn}";
    CHECK_RES(classify(sub, NULL, NULL), RESOURCE_LAMBDA, "MyFn", NULL, LAMBDA " MyFn");
    CHECK_RES(classify(sub, NULL, &TABLE), RESOURCE_LAMBDA, "MyFn", NULL, LAMBDA " MyFn");
    CHECK_RES(classify("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ProcessOrder}:live",
                       NULL, &TABLE),
              RESOURCE_LAMBDA, "ProcessOrder", NULL, LAMBDA " ProcessOrder");
    CHECK_RES(classify("arn:aws:lambda:us-east-1:123456789012:function:${Stage}-orders", NULL, NULL),
              RESOURCE_LAMBDA, "${Stage}-orders", NULL, LAMBDA " ${Stage}-orders");
}

static void test_placeholders_with_resolver(void)
{
    CHECK_RES(classify("${ProcessOrder.Arn}", NULL, &TABLE), RESOURCE_LAMBDA, "ProcessOrder", NULL,
              LAMBDA " ProcessOrder");
    CHECK_RES(classify("${ProcessOrder}", NULL, &TABLE), RESOURCE_LAMBDA, "ProcessOrder", NULL, LAMBDA " ProcessOrder");
    CHECK_RES(classify("${LegacyHandler.Arn}", NULL, &TABLE), RESOURCE_LAMBDA, "LegacyHandler", NULL,
              LAMBDA " LegacyHandler");
    /* The template knows better than the name: a queue named like a function is not one. */
    CHECK_RES(classify("${FnQueue.Arn}", NULL, &TABLE), RESOURCE_OTHER, "${FnQueue.Arn}", NULL, "${FnQueue.Arn}");
    CHECK_RES(classify("${OrdersTable}", NULL, &TABLE), RESOURCE_OTHER, "${OrdersTable}", NULL, "${OrdersTable}");
    CHECK_RES(classify("${Approval}", NULL, &TABLE), RESOURCE_ACTIVITY, "Approval", NULL, "activity Approval");
    /* A name the template does not hold falls back to the name's own look. */
    CHECK_RES(classify("${ProcessOrderFunctionArn}", NULL, &TABLE), RESOURCE_LAMBDA, "ProcessOrderFunction", NULL,
              LAMBDA " ProcessOrderFunction");
    /* A resolver without a callback is no resolver. */
    resolver empty = {NULL, NULL};
    CHECK_RES(classify("${ProcessOrder}", NULL, &empty), RESOURCE_OTHER, "${ProcessOrder}", NULL, "${ProcessOrder}");
}

static void test_placeholders_without_resolver(void)
{
    CHECK_RES(classify("${ProcessOrder}", NULL, NULL), RESOURCE_OTHER, "${ProcessOrder}", NULL, "${ProcessOrder}");
    CHECK_RES(classify("${ProcessOrder.Arn}", NULL, NULL), RESOURCE_OTHER, "${ProcessOrder.Arn}", NULL,
              "${ProcessOrder.Arn}");
    CHECK_RES(classify("${CheckFn.Arn}", NULL, NULL), RESOURCE_LAMBDA, "CheckFn", NULL, LAMBDA " CheckFn");
    CHECK_RES(classify("${ResizeLambda.Arn}", NULL, NULL), RESOURCE_LAMBDA, "ResizeLambda", NULL,
              LAMBDA " ResizeLambda");
    CHECK_RES(classify("${notifyfunction.Arn}", NULL, NULL), RESOURCE_LAMBDA, "notifyfunction", NULL,
              LAMBDA " notifyfunction");
    CHECK_RES(classify("${ProcessOrderFunctionArn}", NULL, NULL), RESOURCE_LAMBDA, "ProcessOrderFunction", NULL,
              LAMBDA " ProcessOrderFunction");
    CHECK_RES(classify("${NotifyLambdaArn}", NULL, NULL), RESOURCE_LAMBDA, "NotifyLambda", NULL,
              LAMBDA " NotifyLambda");
    CHECK_RES(classify("${ResizeFuncName}", NULL, NULL), RESOURCE_LAMBDA, "ResizeFunc", NULL, LAMBDA " ResizeFunc");
    CHECK_RES(classify("${CheckFunctionName}", NULL, NULL), RESOURCE_LAMBDA, "CheckFunction", NULL,
              LAMBDA " CheckFunction");
    /* Stripping the suffix would leave a bare word, so the name stays whole. */
    CHECK_RES(classify("${FunctionName}", NULL, NULL), RESOURCE_LAMBDA, "FunctionName", NULL, LAMBDA " FunctionName");
    CHECK_RES(classify("${LambdaArn}", NULL, NULL), RESOURCE_LAMBDA, "LambdaArn", NULL, LAMBDA " LambdaArn");
    /* Not function-like. */
    CHECK_RES(classify("${TableArn}", NULL, NULL), RESOURCE_OTHER, "${TableArn}", NULL, "${TableArn}");
    CHECK_RES(classify("${MyFnArn}", NULL, NULL), RESOURCE_OTHER, "${MyFnArn}", NULL, "${MyFnArn}");
    CHECK_RES(classify("${FunctionQueue}", NULL, NULL), RESOURCE_OTHER, "${FunctionQueue}", NULL, "${FunctionQueue}");
    CHECK_RES(classify("${AWS::Region}", NULL, NULL), RESOURCE_OTHER, "${AWS::Region}", NULL, "${AWS::Region}");
    CHECK_RES(classify("${}", NULL, NULL), RESOURCE_OTHER, "${}", NULL, "${}");
    CHECK_RES(classify("${.Arn}", NULL, NULL), RESOURCE_OTHER, "${.Arn}", NULL, "${.Arn}");
    CHECK_RES(classify("${AFn}${BFn}", NULL, NULL), RESOURCE_OTHER, "${AFn}${BFn}", NULL, "${AFn}${BFn}");
    CHECK_RES(classify("${MyFn.Arn", NULL, NULL), RESOURCE_OTHER, "${MyFn.Arn", NULL, "${MyFn.Arn");
    CHECK_RES(classify("prefix-${MyFn.Arn}", NULL, NULL), RESOURCE_OTHER, "prefix-${MyFn.Arn}", NULL,
              "prefix-${MyFn.Arn}");
}

static void test_service_integrations(void)
{
    CHECK_RES(classify("arn:aws:states:::dynamodb:putItem", NULL, NULL), RESOURCE_SERVICE, "dynamodb:putItem", NULL,
              "dynamodb:putItem");
    CHECK_RES(classify("arn:aws:states:::ecs:runTask.sync", NULL, NULL), RESOURCE_SERVICE, "ecs:runTask", ".sync",
              "ecs:runTask .sync");
    CHECK_RES(classify("arn:aws:states:::states:startExecution.sync:2", NULL, NULL), RESOURCE_SERVICE,
              "states:startExecution", ".sync:2", "states:startExecution .sync:2");
    CHECK_RES(classify("arn:aws:states:::sqs:sendMessage.waitForTaskToken", NULL, NULL), RESOURCE_SERVICE,
              "sqs:sendMessage", ".waitForTaskToken", "sqs:sendMessage .waitForTaskToken");
    CHECK_RES(classify("arn:aws-cn:states:::sns:publish", NULL, NULL), RESOURCE_SERVICE, "sns:publish", NULL,
              "sns:publish");
    CHECK_RES(classify("arn:${AWS::Partition}:states:::glue:startJobRun.sync", NULL, NULL), RESOURCE_SERVICE,
              "glue:startJobRun", ".sync", "glue:startJobRun .sync");
    /* An integration we have never heard of still reads as service:action. */
    CHECK_RES(classify("arn:aws:states:::newservice:doThing", NULL, NULL), RESOURCE_SERVICE, "newservice:doThing",
              NULL, "newservice:doThing");
    /* A dot with nothing after it is not a pattern. */
    CHECK_RES(classify("arn:aws:states:::sns:publish.", NULL, NULL), RESOURCE_SERVICE, "sns:publish.", NULL,
              "sns:publish.");
}

static void test_lambda_invoke(void)
{
    const char *invoke = "arn:aws:states:::lambda:invoke";
    /* Without a FunctionName it is the integration itself. */
    CHECK_RES(classify(invoke, NULL, NULL), RESOURCE_SERVICE, "lambda:invoke", NULL, "lambda:invoke");
    CHECK_RES(classify(invoke, map("Payload.$", str("$"), NULL), NULL), RESOURCE_SERVICE, "lambda:invoke", NULL,
              "lambda:invoke");
    CHECK_RES(classify(invoke, fn_param(null_value()), NULL), RESOURCE_SERVICE, "lambda:invoke", NULL,
              "lambda:invoke");
    CHECK_RES(classify("arn:aws:states:::lambda:invoke.waitForTaskToken", NULL, NULL), RESOURCE_SERVICE,
              "lambda:invoke", ".waitForTaskToken", "lambda:invoke .waitForTaskToken");

    CHECK_RES(classify(invoke, fn_param(str("arn:aws:lambda:us-east-1:123456789012:function:Resize")), NULL),
              RESOURCE_LAMBDA, "Resize", NULL, LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("arn:aws:lambda:us-east-1:123456789012:function:Resize:$LATEST")), NULL),
              RESOURCE_LAMBDA, "Resize", NULL, LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("123456789012:function:Resize:live")), NULL), RESOURCE_LAMBDA, "Resize",
              NULL, LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("Resize")), NULL), RESOURCE_LAMBDA, "Resize", NULL, LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("Resize:live")), NULL), RESOURCE_LAMBDA, "Resize", NULL, LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("function:live")), NULL), RESOURCE_LAMBDA, "function", NULL,
              LAMBDA " function");
    CHECK_RES(classify(invoke, fn_param(str("${Resize.Arn}")), NULL), RESOURCE_LAMBDA, "Resize", NULL,
              LAMBDA " Resize");
    CHECK_RES(classify(invoke, fn_param(str("${ProcessOrder}")), &TABLE), RESOURCE_LAMBDA, "ProcessOrder", NULL,
              LAMBDA " ProcessOrder");
    /* FunctionName names a function whatever the placeholder looks like. */
    CHECK_RES(classify(invoke, fn_param(str("${Handler}")), NULL), RESOURCE_LAMBDA, "Handler", NULL, LAMBDA " Handler");
    CHECK_RES(classify(invoke, fn_param(str("${ProcessOrderFunctionArn}")), NULL), RESOURCE_LAMBDA,
              "ProcessOrderFunction", NULL, LAMBDA " ProcessOrderFunction");
    CHECK_RES(classify(invoke, fn_param(str("${ProcessOrderFunctionArn}:live")), NULL), RESOURCE_LAMBDA,
              "ProcessOrderFunction", NULL, LAMBDA " ProcessOrderFunction");
    CHECK_RES(classify(invoke,
                       fn_param(str("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${MyFn}")),
                       NULL),
              RESOURCE_LAMBDA, "MyFn", NULL, LAMBDA " MyFn");
    /* A path chosen at run time shows as the path. */
    CHECK_RES(classify(invoke, map("FunctionName.$", str("$.fn"), NULL), NULL), RESOURCE_LAMBDA, "$.fn", NULL,
              LAMBDA " $.fn");
    /* JSONata Arguments. */
    CHECK_RES(classify(invoke, fn_param(str("{% $states.input.fn %}")), NULL), RESOURCE_LAMBDA, "$states.input.fn",
              NULL, LAMBDA " $states.input.fn");
    /* The pattern is kept for the function too. */
    CHECK_RES(classify("arn:aws:states:::lambda:invoke.waitForTaskToken", fn_param(str("Approve")), NULL),
              RESOURCE_LAMBDA, "Approve", ".waitForTaskToken", LAMBDA " Approve .waitForTaskToken");
    CHECK_RES(classify("arn:aws-cn:states:::lambda:invoke", fn_param(str("Cn")), NULL), RESOURCE_LAMBDA, "Cn", NULL,
              LAMBDA " Cn");
}

static void test_lambda_invoke_odd_function_names(void)
{
    const char *invoke = "arn:aws:states:::lambda:invoke";
    CHECK_RES(classify(invoke, fn_param(num("42")), NULL), RESOURCE_LAMBDA, "42", NULL, LAMBDA " 42");
    CHECK_RES(classify(invoke, fn_param(map("Ref", str("Fn"), NULL)), NULL), RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(map("Fn::GetAtt", seq(str("Fn"), str("Arn"), NULL), NULL)), NULL),
              RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(map("Fn::GetAtt", str("Fn.Arn"), NULL)), NULL), RESOURCE_LAMBDA, "Fn", NULL,
              LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(map("Fn::Sub", str("arn:aws:lambda:r:1:function:${Fn}"), NULL)), NULL),
              RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(map("Other", num("1"), NULL)), NULL), RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(map(NULL)), NULL), RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(seq(str("a"), NULL)), NULL), RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(tagged("GetAtt", str("Fn.Arn"))), NULL), RESOURCE_LAMBDA, "Fn", NULL,
              LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(tagged("GetAtt", seq(str("Fn"), str("Arn"), NULL))), NULL), RESOURCE_LAMBDA,
              "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(tagged("GetAtt", seq(NULL))), NULL), RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(tagged("Ref", str("Fn"))), NULL), RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(tagged("Sub", str("arn:${AWS::Partition}:lambda:r:1:function:${Fn}:live"))),
                       NULL),
              RESOURCE_LAMBDA, "Fn", NULL, LAMBDA " Fn");
    CHECK_RES(classify(invoke, fn_param(tagged("Join", seq(str(""), seq(str("a"), NULL), NULL))), NULL),
              RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(str("arn:aws:lambda:us-east-1:123456789012:function:")), NULL),
              RESOURCE_LAMBDA, "arn:aws:lambda:us-east-1:123456789012:function:", NULL,
              LAMBDA " arn:aws:lambda:us-east-1:123456789012:function:");
    /* Values built without text, or missing, do not crash. */
    CHECK_RES(classify(invoke, fn_param(NULL), NULL), RESOURCE_SERVICE, "lambda:invoke", NULL, "lambda:invoke");
    CHECK_RES(classify(invoke, fn_param(value_new(&A, VALUE_STRING, mark_none())), NULL), RESOURCE_LAMBDA, "?", NULL,
              LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(tagged("Ref", value_new(&A, VALUE_STRING, mark_none()))), NULL),
              RESOURCE_LAMBDA, "?", NULL, LAMBDA " ?");
    CHECK_RES(classify(invoke, fn_param(map("Fn::GetAtt", seq(NULL), NULL)), NULL), RESOURCE_LAMBDA, "?", NULL,
              LAMBDA " ?");
    CHECK_RES(classify("arn:aws:states:::http:invoke", map("Method", value_new(&A, VALUE_STRING, mark_none()), NULL),
                       NULL),
              RESOURCE_HTTP, "HTTP", NULL, "HTTP");
    /* Parameters that are not a map name nothing. */
    CHECK_RES(classify(invoke, str("FunctionName"), NULL), RESOURCE_SERVICE, "lambda:invoke", NULL, "lambda:invoke");
    CHECK_RES(classify(invoke, map("FunctionName.$", map(NULL), NULL), NULL), RESOURCE_SERVICE, "lambda:invoke", NULL,
              "lambda:invoke");
}

static void test_sdk(void)
{
    CHECK_RES(classify("arn:aws:states:::aws-sdk:s3:listBuckets", NULL, NULL), RESOURCE_SDK, "s3:listBuckets", NULL,
              "SDK s3:listBuckets");
    CHECK_RES(classify("arn:aws-us-gov:states:::aws-sdk:dynamodb:describeTable", NULL, NULL), RESOURCE_SDK,
              "dynamodb:describeTable", NULL, "SDK dynamodb:describeTable");
    CHECK_RES(classify("arn:aws:states:::aws-sdk:sfn:sendTaskSuccess.waitForTaskToken", NULL, NULL), RESOURCE_SDK,
              "sfn:sendTaskSuccess", ".waitForTaskToken", "SDK sfn:sendTaskSuccess .waitForTaskToken");
    CHECK_RES(classify("arn:aws:states:::aws-sdk:s3", NULL, NULL), RESOURCE_OTHER, "arn:aws:states:::aws-sdk:s3", NULL,
              "arn:aws:states:::aws-sdk:s3");
    CHECK_RES(classify("arn:aws:states:::aws-sdk::listBuckets", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:states:::aws-sdk::listBuckets", NULL, "arn:aws:states:::aws-sdk::listBuckets");
}

static void test_http(void)
{
    const char *http = "arn:aws:states:::http:invoke";
    CHECK_RES(classify(http, NULL, NULL), RESOURCE_HTTP, "HTTP", NULL, "HTTP");
    CHECK_RES(classify(http, map("Method", str("GET"), NULL), NULL), RESOURCE_HTTP, "HTTP GET", NULL, "HTTP GET");
    CHECK_RES(classify(http, map("ApiEndpoint", str("https://api.example.com/v1/orders"), "Method", str("POST"), NULL),
                       NULL),
              RESOURCE_HTTP, "HTTP POST api.example.com/v1/orders", NULL, "HTTP POST api.example.com/v1/orders");
    CHECK_RES(classify(http, map("ApiEndpoint", str("https://api.example.com/search?q=1#top"), NULL), NULL),
              RESOURCE_HTTP, "HTTP api.example.com/search", NULL, "HTTP api.example.com/search");
    CHECK_RES(classify(http, map("Method", str("GET"), "ApiEndpoint", str("http://user:pw@host.example:8080/x"), NULL),
                       NULL),
              RESOURCE_HTTP, "HTTP GET host.example:8080/x", NULL, "HTTP GET host.example:8080/x");
    CHECK_RES(classify(http, map("Method", str("GET"), "ApiEndpoint", str("api.example.com/p"), NULL), NULL),
              RESOURCE_HTTP, "HTTP GET api.example.com/p", NULL, "HTTP GET api.example.com/p");
    CHECK_RES(classify(http, map("Method", str("GET"), "ApiEndpoint", str("${ApiUrl}/orders"), NULL), NULL),
              RESOURCE_HTTP, "HTTP GET ${ApiUrl}/orders", NULL, "HTTP GET ${ApiUrl}/orders");
    CHECK_RES(classify(http, map("Method.$", str("$.method"), "ApiEndpoint", tagged("Ref", str("Url")), NULL), NULL),
              RESOURCE_HTTP, "HTTP $.method Url", NULL, "HTTP $.method Url");
    /* Values of the wrong type are left out. */
    CHECK_RES(classify(http, map("Method", num("1"), "ApiEndpoint", map(NULL), NULL), NULL), RESOURCE_HTTP, "HTTP",
              NULL, "HTTP");
    CHECK_RES(classify("arn:aws:states:::http:invoke.waitForTaskToken", map("Method", str("PUT"), NULL), NULL),
              RESOURCE_HTTP, "HTTP PUT", ".waitForTaskToken", "HTTP PUT .waitForTaskToken");
}

static void test_activity(void)
{
    CHECK_RES(classify("arn:aws:states:us-east-1:123456789012:activity:ManualApproval", NULL, NULL), RESOURCE_ACTIVITY,
              "ManualApproval", NULL, "activity ManualApproval");
    CHECK_RES(classify("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:activity:${Name}", NULL, NULL),
              RESOURCE_ACTIVITY, "${Name}", NULL, "activity ${Name}");
    CHECK_RES(classify("arn:aws:states:us-east-1:123456789012:activity:", NULL, NULL), RESOURCE_OTHER,
              "arn:aws:states:us-east-1:123456789012:activity:", NULL, "arn:aws:states:us-east-1:123456789012:activity:");
}

/* Random strings over the characters the parser cares about: whatever comes in, every field is set,
 * raw is kept, and what is not recognised is shown as written. */
static void test_random_strings(void)
{
    static const char alphabet[] = "arn:aws${}.:Arnlambdafunctionstates-sdkhttpinvokeactivity:$LATESTsync:2Fn";
    static const char *const prefixes[] = {"", "arn:", "arn:aws:states:::", "arn:aws:lambda:r:1:function:", "${"};
    unsigned long seed = 12345;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        char raw[48];
        size_t n = 0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        const char *prefix = prefixes[(seed >> 33) % (sizeof prefixes / sizeof prefixes[0])];
        n = strlen(prefix);
        memcpy(raw, prefix, n);
        size_t len = n + (seed >> 40) % 16;
        while (n < len) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            raw[n++] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
        }
        raw[n] = '\0';
        resource r = classify(raw, (seed >> 20) & 1 ? fn_param(str(raw)) : NULL, (seed >> 21) & 1 ? &TABLE : NULL);
        bool ok = r.kind != RESOURCE_NONE && r.name && r.text && r.raw && strcmp(r.raw, raw) == 0 &&
                  (r.kind != RESOURCE_OTHER || (strcmp(r.name, raw) == 0 && strcmp(r.text, raw) == 0 && !r.pattern));
        if (!ok && bad++ < 5)
            fprintf(stderr, "random case failed: %s\n", raw);
    }
    CHECK_INT(bad, 0);
}

int main(void)
{
    arena_init(&A);
    test_none_and_other();
    test_lambda_arns();
    test_placeholders_with_resolver();
    test_placeholders_without_resolver();
    test_service_integrations();
    test_lambda_invoke();
    test_lambda_invoke_odd_function_names();
    test_sdk();
    test_http();
    test_activity();
    test_random_strings();
    arena_release(&A);
    return test_report();
}
