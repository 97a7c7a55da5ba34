#!/usr/bin/env python3
"""Synthetic Amazon States Language workflows for benchmarking sfnviz on large machines.

usage: bench/gen_workflow.py N [--seed S] [--shared-catch | --no-shared-catch]

Prints one ASL definition ({"Comment", "StartAt", "States"}) with N states in total, counting the states
inside Parallel branches and Map processors (exactly N, or 2 for N = 1). The same N, seed and
catch mode always give the same file.

Shape: each scope (the machine, a Parallel branch, a Map processor) is a sequence of blocks, each wired to
the next one:
  * chains of 1-5 Task states (Lambda ARNs, lambda:invoke with Parameters, DynamoDB, SQS, SNS, ECS/Glue/Batch
    .sync, Step Functions, EventBridge, AWS SDK integrations), most with a Retry policy;
  * Choice fan-outs: 2-5 rules (StringEquals, NumericGreaterThan, BooleanEquals, IsPresent, StringMatches,
    And/Not, ...) and a Default, each branch 0-3 Tasks, all merging again on the next block; now and then one
    rule ends the scope early on a Succeed;
  * Parallel states with 2-4 branches, each a small scope of its own (nested at most twice);
  * Map states over an ItemsPath, INLINE, or DISTRIBUTED (ExecutionType STANDARD, an S3 CSV ItemReader),
    whose processor is a small scope of its own;
  * "poll until done" loops: a Task starting a job, a Wait, a Task reading its status and a Choice looping
    back (to the Wait or to the status Task) until the job succeeded, or to a Fail state;
  * Pass states shaping the input.
With --shared-catch (the default), each scope that has one (always the machine, about half of the branches
and processors) gets ONE failure handler, a Fail or a notifying Task then a Fail, and nearly every Task,
Parallel and Map of that scope catches States.ALL into it: the common pattern, and the many-edges-into-one
node shape that is hardest for Graphviz's dot. --no-shared-catch generates the same kinds of blocks with no
Catch at all and no handlers (Retry policies stay). State names are unique in the whole machine.
"""

import argparse
import json
import random
import sys

ACCOUNT = "123456789012"
REGION = "us-east-1"

VERBS = ["Validate", "Fetch", "Enrich", "Transform", "Store", "Charge", "Reserve", "Publish", "Resize",
         "Index", "Archive", "Score", "Lookup", "Update", "Compute", "Aggregate", "Persist", "Sync",
         "Export", "Normalize", "Load", "Audit", "Tag", "Register"]
NOUNS = ["Order", "Payment", "Invoice", "Customer", "Inventory", "Image", "Document", "Report", "Shipment",
         "Account", "Record", "Batch", "Metrics", "Profile", "Ticket", "Claim", "Asset", "Session"]
STATUSES = ["APPROVED", "REJECTED", "PENDING", "EXPRESS", "STANDARD", "PRIORITY", "RETURNED", "ARCHIVED"]
FIELDS = ["status", "tier", "region", "kind", "channel", "source"]

LAMBDA_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                 "Lambda.TooManyRequestsException"]


class Generator:
    def __init__(self, rng, shared_catch):
        self.rng = rng
        self.shared = shared_catch
        self.serial = 0  # suffix of every state name: names are unique in the whole machine
        self.functions = 0
        self.total = 0  # states made so far

    # ---- names and small pieces ----

    def name(self, stem):
        self.serial += 1
        return "%s%d" % (stem, self.serial)

    def noun(self):
        return self.rng.choice(NOUNS)

    def new_state(self, states, stem, body):
        """Adds a state named stem<serial> to `states` and returns its name."""
        n = self.name(stem)
        states[n] = body
        self.total += 1
        return n

    def path(self):
        return "$.%s.%s" % (self.noun().lower(), self.rng.choice(FIELDS))

    def retry(self, errors):
        r = self.rng
        policy = [{"ErrorEquals": errors, "IntervalSeconds": r.choice([1, 2, 3, 5]),
                   "MaxAttempts": r.choice([2, 3, 5, 6]), "BackoffRate": r.choice([1.5, 2.0, 2.0, 3.0])}]
        if r.random() < 0.25:
            policy[0]["MaxDelaySeconds"] = r.choice([10, 30, 60])
            policy[0]["JitterStrategy"] = "FULL"
        if r.random() < 0.3:
            policy.append({"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 2,
                           "BackoffRate": 2.0})
        return policy

    def catch(self, body, handler, p=0.9):
        if handler and self.rng.random() < p:
            body["Catch"] = [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": handler}]

    def function_arn(self):
        self.functions += 1
        return "arn:aws:lambda:%s:%s:function:Fn%d" % (REGION, ACCOUNT, self.functions)

    def task_body(self, noun):
        """A Task's Type, Resource, Parameters and retry errors, of a kind picked with realistic odds."""
        r = self.rng
        k = r.random()
        table = noun + "Table"
        if k < 0.35:
            body = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": self.function_arn() + ":$LATEST", "Payload.$": "$"},
                    "OutputPath": "$.Payload"}
            errors = LAMBDA_ERRORS
        elif k < 0.55:
            body = {"Type": "Task", "Resource": self.function_arn()}
            errors = LAMBDA_ERRORS[:2]
        elif k < 0.67:
            op = r.choice(["getItem", "putItem", "updateItem"])
            params = {"TableName": table, "Key": {"pk": {"S.$": "$.id"}}}
            if op == "putItem":
                params = {"TableName": table, "Item": {"pk": {"S.$": "$.id"}, "data": {"S.$": "$.payload"}}}
            elif op == "updateItem":
                params["UpdateExpression"] = "SET #s = :s"
                params["ExpressionAttributeNames"] = {"#s": "status"}
                params["ExpressionAttributeValues"] = {":s": {"S": r.choice(STATUSES)}}
            body = {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:" + op, "Parameters": params,
                    "ResultPath": "$.db"}
            errors = ["DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.InternalServerErrorException"]
        elif k < 0.73:
            body = {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": "https://sqs.%s.amazonaws.com/%s/%s-queue" % (REGION, ACCOUNT,
                                                                                          noun.lower()),
                                   "MessageBody.$": "$"}, "ResultPath": None}
            errors = ["States.TaskFailed"]
        elif k < 0.79:
            body = {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {"TopicArn": "arn:aws:sns:%s:%s:%s-events" % (REGION, ACCOUNT, noun.lower()),
                                   "Message.$": "States.JsonToString($)"}, "ResultPath": None}
            errors = ["States.TaskFailed"]
        elif k < 0.85:
            which = r.choice(["ecs", "glue", "batch"])
            if which == "ecs":
                body = {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                        "Parameters": {"LaunchType": "FARGATE", "Cluster": "arn:aws:ecs:%s:%s:cluster/jobs"
                                       % (REGION, ACCOUNT), "TaskDefinition": noun.lower() + "-job:3"}}
            elif which == "glue":
                body = {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                        "Parameters": {"JobName": noun.lower() + "-etl"}}
            else:
                body = {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
                        "Parameters": {"JobName": noun.lower() + "-batch", "JobQueue": "default",
                                       "JobDefinition": noun.lower() + "-def"}}
            body["TimeoutSeconds"] = 3600
            errors = ["States.TaskFailed", "States.Timeout"]
        elif k < 0.88:
            body = {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                    "Parameters": {"StateMachineArn": "arn:aws:states:%s:%s:stateMachine:%sFlow"
                                   % (REGION, ACCOUNT, noun), "Input.$": "$"}}
            errors = ["StepFunctions.ExecutionLimitExceededException"]
        elif k < 0.91:
            body = {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                    "Parameters": {"Entries": [{"Source": "app." + noun.lower(), "DetailType": noun + "Changed",
                                                "Detail.$": "$", "EventBusName": "default"}]}}
            errors = ["States.TaskFailed"]
        elif k < 0.96:
            svc = r.choice([("s3", "getObject", {"Bucket": "data-bucket", "Key.$": "$.key"}),
                            ("dynamodb", "query", {"TableName": table, "KeyConditionExpression": "pk = :pk",
                                                   "ExpressionAttributeValues": {":pk": {"S.$": "$.id"}}}),
                            ("secretsmanager", "getSecretValue", {"SecretId": noun.lower() + "/api-key"})])
            body = {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:%s:%s" % (svc[0], svc[1]),
                    "Parameters": svc[2], "ResultPath": "$.sdk"}
            errors = ["States.TaskFailed"]
        else:
            body = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters": {"FunctionName": self.function_arn(),
                                   "Payload": {"token.$": "$$.Task.Token", "input.$": "$"}},
                    "HeartbeatSeconds": 600, "TimeoutSeconds": 86400}
            errors = ["States.HeartbeatTimeout"]
        return body, errors

    def task(self, states, handler, stem=None, retry_p=0.85):
        noun = self.noun()
        body, errors = self.task_body(noun)
        if self.rng.random() < retry_p:
            body["Retry"] = self.retry(errors)
        self.catch(body, handler)
        return self.new_state(states, stem or (self.rng.choice(VERBS) + noun), body)

    def condition(self):
        """One Choice rule's condition (without Next)."""
        r = self.rng
        k = r.random()
        if k < 0.35:
            return {"Variable": self.path(), "StringEquals": r.choice(STATUSES)}
        if k < 0.55:
            op = r.choice(["NumericGreaterThan", "NumericLessThan", "NumericGreaterThanEquals",
                           "NumericLessThanEquals", "NumericEquals"])
            return {"Variable": "$.%s.amount" % self.noun().lower(), op: r.choice([0, 10, 100, 1000, 5000])}
        if k < 0.65:
            return {"Variable": "$.%s.enabled" % self.noun().lower(), "BooleanEquals": r.random() < 0.5}
        if k < 0.72:
            return {"Variable": "$.%s.override" % self.noun().lower(), "IsPresent": True}
        if k < 0.8:
            return {"Variable": "$.%s.key" % self.noun().lower(), "StringMatches": r.choice(["*.csv", "*.json",
                                                                                             "archive/*"])}
        if k < 0.92:
            return {"And": [{"Variable": self.path(), "StringEquals": r.choice(STATUSES)},
                            {"Variable": "$.%s.retries" % self.noun().lower(), "NumericLessThan": 3}]}
        return {"Not": {"Variable": self.path(), "StringEquals": r.choice(STATUSES)}}

    # ---- blocks: each returns (entry name, exits); an exit is (dict, key) to point at the next block ----

    def chain(self, states, size, handler):
        names = [self.task(states, handler) for _ in range(size)]
        for a, b in zip(names, names[1:]):
            states[a]["Next"] = b
        return names[0], [(states[names[-1]], "Next")]

    def pass_state(self, states):
        noun = self.noun()
        body = {"Type": "Pass", "Parameters": {"id.$": "$.id", "kind": noun.lower(), "input.$": "$"}}
        if self.rng.random() < 0.5:
            body = {"Type": "Pass", "Result": {"attempt": 1, "source": "bench"}, "ResultPath": "$.meta"}
        n = self.new_state(states, "Prepare%sInput" % noun, body)
        return n, [(body, "Next")]

    def choice(self, states, cap, handler):
        """A Choice and its branches; at most `cap` states."""
        r = self.rng
        rules = r.randint(2, 5)
        sizes = [r.randint(0, 3) for _ in range(rules + 1)]  # the rules' branches, then the Default's
        room = cap - 1
        early_end = room >= 2 and r.random() < 0.15
        if early_end:
            room -= 1
        while sum(sizes) > room:
            i = max(range(len(sizes)), key=lambda j: sizes[j])
            sizes[i] -= 1
        if sum(sizes) == 0:
            sizes[0] = 1
        noun = self.noun()
        body = {"Type": "Choice", "Choices": []}
        c = self.new_state(states, "Route%s" % noun, body)
        exits = []
        for i, size in enumerate(sizes):
            if size:
                entry, ex = self.chain(states, size, handler)
                exits += ex
            else:
                entry = None
            if i < rules:
                rule = self.condition()
                if entry:
                    rule["Next"] = entry
                else:
                    exits.append((rule, "Next"))
                body["Choices"].append(rule)
            elif entry:
                body["Default"] = entry
            else:
                exits.append((body, "Default"))
        if early_end:
            done = self.new_state(states, "NothingToDo", {"Type": "Succeed"})
            rule = self.condition()
            rule["Next"] = done
            body["Choices"].insert(r.randrange(len(body["Choices"]) + 1), rule)
        return c, exits

    def poll_loop(self, states, handler):
        """Start a job, wait, read its status, loop until done (5 states)."""
        r = self.rng
        noun = self.noun()
        start = self.task(states, handler, "Start%sJob" % noun)
        wait_body = {"Type": "Wait", "Seconds": r.choice([5, 10, 30, 60])}
        if r.random() < 0.3:
            wait_body = {"Type": "Wait", "SecondsPath": "$.job.pollSeconds"}
        wait_first = r.random() < 0.6  # Start -> Wait -> Get -> Choice (-> Wait), or Start -> Get -> Choice (-> Wait -> Get)
        wait = self.new_state(states, "WaitFor%sJob" % noun, wait_body)
        get = self.task(states, handler, "Get%sJobStatus" % noun)
        cbody = {"Type": "Choice", "Choices": []}
        choice = self.new_state(states, "Is%sJobDone" % noun, cbody)
        failed = self.new_state(states, "%sJobFailed" % noun, {"Type": "Fail", "Error": noun + "JobFailed",
                                                                "Cause": "The %s job failed" % noun.lower()})
        if wait_first:
            states[start]["Next"] = wait
            wait_body["Next"] = get
            states[get]["Next"] = choice
            cbody["Default"] = wait
        else:
            states[start]["Next"] = get
            states[get]["Next"] = choice
            cbody["Default"] = wait
            wait_body["Next"] = get
        succeeded = {"Variable": "$.job.status", "StringEquals": "SUCCEEDED"}
        cbody["Choices"] = [succeeded,
                            {"Variable": "$.job.status", "StringEquals": "FAILED", "Next": failed}]
        return start, [(succeeded, "Next")]

    def parallel(self, states, cap, depth, handler):
        r = self.rng
        n = r.randint(2, 4)
        budgets = [r.randint(8, 14) if r.random() < 0.1 else r.randint(2, 6) for _ in range(n)]
        while sum(budgets) > cap - 1 and max(budgets) > 1:
            i = max(range(n), key=lambda j: budgets[j])
            budgets[i] -= 1
        noun = self.noun()
        body = {"Type": "Parallel", "Branches": []}
        p = self.new_state(states, "Process%sInParallel" % noun, body)
        body["Branches"] = [self.scope(b, depth + 1, False) for b in budgets]
        body["ResultPath"] = "$.branches"
        if r.random() < 0.5:
            body["Retry"] = self.retry(["States.TaskFailed"])
        self.catch(body, handler)
        return p, [(body, "Next")]

    def map_state(self, states, cap, depth, handler):
        r = self.rng
        budget = min(cap - 1, r.randint(8, 14) if r.random() < 0.1 else r.randint(2, 7))
        noun = self.noun()
        body = {"Type": "Map"}
        m = self.new_state(states, "ForEach%s" % noun, body)
        if r.random() < 0.25:
            body["ItemReader"] = {"Resource": "arn:aws:states:::s3:getObject",
                                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                                  "Parameters": {"Bucket": "input-bucket", "Key": noun.lower() + "s.csv"}}
            config = {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
            body["MaxConcurrency"] = r.choice([100, 500, 1000])
            body["ToleratedFailurePercentage"] = 5
        else:
            body["ItemsPath"] = "$.%ss" % noun.lower()
            config = {"Mode": "INLINE"}
            body["MaxConcurrency"] = r.choice([0, 5, 10, 40])
        processor = self.scope(budget, depth + 1, False)
        body["ItemProcessor"] = {"ProcessorConfig": config, "StartAt": processor["StartAt"],
                                 "States": processor["States"]}
        body["ResultPath"] = "$.%sResults" % noun.lower()
        self.catch(body, handler)
        return m, [(body, "Next")]

    # ---- scopes ----

    def pick(self, left, depth):
        """The next block's kind, given `left` states still to make in the scope (the last block is always a
        chain or a Pass, so that the scope can end on it)."""
        kinds = [("chain", 40), ("pass", 5)]
        if left >= 3:
            kinds.append(("choice", 15))
        if left >= 6:
            kinds.append(("poll", 8))
        if depth < 2 and left >= 4:
            kinds.append(("map", 9 if depth == 0 else 4))
        if depth < 2 and left >= 6:
            kinds.append(("parallel", 9 if depth == 0 else 3))
        x = self.rng.uniform(0, sum(w for _, w in kinds))
        for kind, w in kinds:
            x -= w
            if x < 0:
                return kind
        return "chain"

    def scope(self, budget, depth, top):
        """A scope of `budget` states (a Parallel branch or Map processor, or the machine when top)."""
        r = self.rng
        states = {}
        tail = {}
        handler = None
        left = budget - (1 if top else 0)  # the machine ends on a Succeed
        if self.shared and ((top and budget >= 6) or (not top and budget >= 5 and r.random() < 0.5)):
            noun = self.noun()
            fail = {"Type": "Fail", "Error": "WorkflowFailed", "CausePath": "$.error.Cause"}
            if left >= 4 and r.random() < (0.7 if top else 0.3):
                body, errors = self.task_body(noun)
                body["Retry"] = self.retry(errors)
                handler = self.new_state(tail, "Handle%sFailure" % noun, body)
                body["Next"] = self.new_state(tail, "%sFailed" % noun, fail)
                left -= 2
            else:
                handler = self.new_state(tail, "%sFailed" % noun, fail)
                left -= 1
        start, exits = None, []
        while left > 0 or start is None:
            before = self.total
            kind = self.pick(left, depth)
            if kind == "choice":
                entry, ex = self.choice(states, left - 1, handler)
            elif kind == "poll":
                entry, ex = self.poll_loop(states, handler)
            elif kind == "parallel":
                entry, ex = self.parallel(states, left - 1, depth, handler)
            elif kind == "map":
                entry, ex = self.map_state(states, left - 1, depth, handler)
            elif kind == "pass":
                entry, ex = self.pass_state(states)
            else:
                entry, ex = self.chain(states, max(1, min(left, r.randint(1, 5))), handler)
            for d, key in exits:
                d[key] = entry
            start = start or entry
            exits = ex
            left -= self.total - before
        if handler and not any(c.get("Next") == handler for st in states.values() for c in st.get("Catch", ())):
            catchers = [st for st in states.values() if st["Type"] in ("Task", "Parallel", "Map")]
            if catchers:  # the handler must be reachable
                self.catch(catchers[0], handler, 1)
            else:  # a scope of Pass states only: a chain instead of the handler
                self.total -= len(tail)
                entry, ex = self.chain(states, len(tail), None)
                for d, key in exits:
                    d[key] = entry
                exits, tail = ex, {}
        if top:
            done = self.new_state(states, "WorkflowSucceeded", {"Type": "Succeed"})
            for d, key in exits:
                d[key] = done
        else:
            for d, key in exits:  # the last block is a chain or a Pass: one state
                d["End"] = True
        states.update(tail)
        return {"StartAt": start, "States": states}


def main():
    ap = argparse.ArgumentParser(description="Prints a synthetic ASL workflow of about N states.")
    ap.add_argument("n", type=int, metavar="N", help="states in total, nested ones included")
    ap.add_argument("--seed", type=int, default=1)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--shared-catch", dest="shared", action="store_true", default=True,
                       help="one failure handler per scope, caught into by its Tasks (default)")
    group.add_argument("--no-shared-catch", dest="shared", action="store_false",
                       help="no Catch and no failure handlers (Retry policies stay)")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    gen = Generator(random.Random(args.seed), args.shared)
    machine = gen.scope(args.n, 0, True)
    doc = {"Comment": "Synthetic workflow: %d states, seed %d, %s (bench/gen_workflow.py)"
                      % (gen.total, args.seed, "shared catch handlers" if args.shared else "no Catch"),
           "StartAt": machine["StartAt"], "States": machine["States"]}
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
