/* rules.h: the rules of `sfnviz check`, one table (rules.c) that the checks, `--ignore`, the SARIF
 * export's rule list and docs/rules.md all follow.
 *
 * Each rule has a stable ID (kebab-case; never renamed once released), a severity, a one-line summary and,
 * where the Step Functions service reports the same finding under a code of its own, that code. The X-macro
 * keeps the enumeration and the table in step. Columns: enum name, ID, severity, service code, summary. */
#ifndef SFNVIZ_CHECK_RULES_H
#define SFNVIZ_CHECK_RULES_H

#include "base/diag.h"

#include <stddef.h>

#define SFN_SCHEMA "SCHEMA_VALIDATION_FAILED"
#define SFN_TARGET "MISSING_TRANSITION_TARGET"

#define CHECK_RULES(X)                                                                                          \
    /* the file and its definitions */                                                                         \
    X(RULE_DUPLICATE_KEY, "duplicate-key", DIAG_WARNING, NULL,                                                   \
      "a key is written twice in one map (the service and CloudFormation keep one of them silently)")          \
    X(RULE_DEFINITION_INVALID, "definition-invalid", DIAG_ERROR, "INVALID_JSON_DESCRIPTION",                   \
      "a state machine's definition does not parse, is not a map, or is refused")                              \
    X(RULE_DEFINITION_MISSING, "definition-missing", DIAG_ERROR, NULL,                                         \
      "a DefinitionUri names a local file that does not exist")                                                \
    X(RULE_DEFINITION_NONE, "definition-none", DIAG_WARNING, NULL,                                             \
      "a state machine resource gives no definition at all (no Properties, or none of the Definition fields)")  \
    X(RULE_DEFINITION_S3, "definition-in-s3", DIAG_WARNING, NULL,                                              \
      "the definition lives in S3, so it cannot be checked offline")                                           \
    X(RULE_DEFINITION_SIZE, "definition-size", DIAG_WARNING, NULL,                                             \
      "a definition larger than the service's 1 048 576 characters, measured as compact JSON")                 \
    X(RULE_SUBSTITUTION_UNRESOLVED, "substitution-unresolved", DIAG_WARNING, NULL,                             \
      "a ${Name} placeholder has no DefinitionSubstitutions entry, so it reaches the service as written")      \
    /* top level and scopes */                                                                                 \
    X(RULE_TOP_FIELD, "top-level-field", DIAG_ERROR, SFN_SCHEMA,                                               \
      "a field at the top of a definition, a Parallel branch or a Map processor that is not allowed there")    \
    X(RULE_START_AT_MISSING, "start-at-missing", DIAG_ERROR, SFN_SCHEMA,                                       \
      "a definition, branch or processor has no StartAt string")                                               \
    X(RULE_START_AT_TARGET, "start-at-target", DIAG_ERROR, SFN_TARGET,                                         \
      "StartAt names no state of its own States map")                                                          \
    X(RULE_STATES_MISSING, "states-missing", DIAG_ERROR, SFN_SCHEMA,                                           \
      "States is missing, not a map, or empty")                                                                \
    X(RULE_NO_TERMINAL, "no-terminal-state", DIAG_ERROR, "MISSING_END_STATE",                                  \
      "a States map has no terminal state (End: true, Succeed or Fail)")                                       \
    /* states */                                                                                               \
    X(RULE_STATE_NOT_MAP, "state-not-a-map", DIAG_ERROR, SFN_SCHEMA, "a state is not a map of fields")         \
    X(RULE_TYPE_MISSING, "type-missing", DIAG_ERROR, SFN_SCHEMA, "a state has no Type")                        \
    X(RULE_TYPE_UNKNOWN, "type-unknown", DIAG_ERROR, SFN_SCHEMA,                                               \
      "Type is not one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map (case matters)")              \
    X(RULE_STATE_NAME_DUPLICATE, "duplicate-state-name", DIAG_ERROR, "DUPLICATE_STATE_NAME",                   \
      "two states share a name; names are unique across the whole machine, branches included")                \
    X(RULE_STATE_NAME_LENGTH, "state-name-length", DIAG_ERROR, "INVALID_STATE_NAME",                           \
      "a state name is empty or longer than 80 characters")                                                    \
    X(RULE_STATE_NAME_INVISIBLE, "state-name-invisible", DIAG_WARNING, NULL,                                   \
      "a state name holds control, zero-width or other invisible characters, or starts or ends with a space")  \
    X(RULE_FIELD_UNKNOWN, "field-unknown", DIAG_ERROR, SFN_SCHEMA, "a field that no state type has")           \
    X(RULE_FIELD_NOT_ALLOWED, "field-not-allowed", DIAG_ERROR, SFN_SCHEMA,                                     \
      "a field this state type does not take (Retry on a Pass, Next on a Succeed, ...)")                       \
    X(RULE_FIELD_QUERY_LANGUAGE, "field-query-language", DIAG_ERROR, SFN_SCHEMA,                               \
      "a JSONPath-only field in a JSONata state, or a JSONata-only field in a JSONPath state")                  \
    X(RULE_FIELD_REQUIRED, "field-required", DIAG_ERROR, SFN_SCHEMA,                                           \
      "a field the state type needs is missing (Resource, Branches, ItemProcessor, Choices)")                  \
    X(RULE_FIELD_TYPE, "field-type", DIAG_ERROR, SFN_SCHEMA,                                                   \
      "a field holds the wrong kind of value (a string where a number goes, a map where a list goes)")         \
    X(RULE_FIELD_RANGE, "field-range", DIAG_ERROR, SFN_SCHEMA,                                                 \
      "a number outside what the field takes (TimeoutSeconds 0, BackoffRate below 1, ...)")                    \
    X(RULE_FIELD_EXCLUSIVE, "field-exclusive", DIAG_ERROR, SFN_SCHEMA,                                         \
      "two fields that exclude each other (TimeoutSeconds and TimeoutSecondsPath, Iterator and ItemProcessor)") \
    X(RULE_QUERY_LANGUAGE, "query-language", DIAG_ERROR, SFN_SCHEMA,                                           \
      "QueryLanguage is not JSONPath or JSONata, or a state asks for JSONPath in a JSONata machine")            \
    X(RULE_NEXT_AND_END, "next-and-end", DIAG_ERROR, SFN_SCHEMA, "a state has both Next and End: true")        \
    X(RULE_NEXT_MISSING, "next-missing", DIAG_ERROR, SFN_SCHEMA,                                               \
      "a state that is neither terminal nor a Choice has no Next and no End: true")                            \
    X(RULE_TRANSITION_TARGET, "transition-target", DIAG_ERROR, SFN_TARGET,                                     \
      "Next, Default, Choices[].Next or Catch[].Next names no state")                                          \
    X(RULE_TRANSITION_SCOPE, "transition-scope", DIAG_ERROR, SFN_TARGET,                                       \
      "a transition names a state of another States map (into or out of a Parallel branch or Map processor)")  \
    X(RULE_STATE_UNREFERENCED, "state-unreferenced", DIAG_ERROR, SFN_TARGET,                                   \
      "no transition in its States map leads to a state (the service: \"State is not reachable\")")            \
    X(RULE_STATE_UNREACHABLE, "state-unreachable", DIAG_WARNING, NULL,                                         \
      "a state is referenced, but only from states that StartAt never reaches (an island)")                    \
    X(RULE_NO_WAY_OUT, "no-way-out", DIAG_WARNING, NULL,                                                       \
      "states that StartAt reaches but from which no terminal state can be reached (an endless loop)")         \
    /* Task */                                                                                                 \
    X(RULE_RESOURCE_INVALID, "resource-invalid", DIAG_ERROR, "INVALID_RESOURCE",                               \
      "a Task's Resource is not a URI the service takes (a Lambda ARN with an empty or malformed qualifier)")   \
    X(RULE_HEARTBEAT_TIMEOUT, "heartbeat-timeout", DIAG_ERROR, SFN_SCHEMA,                                     \
      "HeartbeatSeconds is not smaller than TimeoutSeconds")                                                   \
    X(RULE_EXPRESS_INTEGRATION, "express-integration", DIAG_WARNING, NULL,                                     \
      "a .sync or .waitForTaskToken integration in an EXPRESS machine, which supports neither")                \
    /* Map */                                                                                                 \
    X(RULE_MAP_INLINE_FIELD, "map-inline-field", DIAG_WARNING, NULL,                                           \
      "a Distributed Map field (ItemReader, ItemBatcher, ResultWriter, ToleratedFailure..., Label) on an "     \
      "inline Map, which ignores or refuses it")                                                               \
    X(RULE_MAP_EXECUTION_TYPE, "map-execution-type", DIAG_WARNING, NULL,                                       \
      "a Distributed Map's ProcessorConfig has no ExecutionType (STANDARD or EXPRESS)")                         \
    /* Wait, Pass */                                                                                           \
    X(RULE_WAIT_TIME, "wait-time", DIAG_ERROR, SFN_SCHEMA,                                                     \
      "a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath")                            \
    X(RULE_TIMESTAMP_FORMAT, "timestamp-format", DIAG_ERROR, SFN_SCHEMA,                                       \
      "a timestamp that is not RFC 3339 (2016-03-14T01:59:00Z: uppercase T, Z or an offset)")                  \
    X(RULE_PASS_RESULT_STATIC, "pass-result-static", DIAG_WARNING, "PASS_RESULT_IS_STATIC",                    \
      "a Pass state's Result uses a path, but Result is never evaluated")                                      \
    /* Choice */                                                                                               \
    X(RULE_CHOICE_RULE, "choice-rule", DIAG_ERROR, SFN_SCHEMA,                                                 \
      "a Choice rule without exactly one comparison, with an unknown operator, or mixing Condition and "       \
      "Variable")                                                                                              \
    X(RULE_CHOICE_NEXT, "choice-next", DIAG_ERROR, SFN_SCHEMA,                                                 \
      "a top-level Choice rule has no Next, or a rule nested in And, Or or Not has one")                       \
    X(RULE_CHOICE_OPERAND, "choice-operand", DIAG_ERROR, SFN_SCHEMA,                                           \
      "a comparison's value has the wrong type (StringEquals takes a string, NumericEquals a number, ...)")     \
    X(RULE_CHOICE_NO_DEFAULT, "choice-no-default", DIAG_WARNING, NULL,                                         \
      "a Choice without Default fails with States.NoChoiceMatched when no rule matches")                       \
    /* Retry and Catch */                                                                                      \
    X(RULE_ERROR_EQUALS, "error-equals", DIAG_ERROR, SFN_SCHEMA,                                               \
      "ErrorEquals is missing, empty, or not a list of strings")                                              \
    X(RULE_STATES_ALL, "states-all-last", DIAG_ERROR, SFN_SCHEMA,                                              \
      "States.ALL is not alone in its ErrorEquals, or its retrier or catcher is not the last one")             \
    X(RULE_ERROR_NAME, "error-name-unknown", DIAG_WARNING, NULL,                                               \
      "an ErrorEquals name starts with States. but is no error the service raises (a typo never matches)")     \
    /* expressions */                                                                                          \
    X(RULE_PATH_SYNTAX, "path-syntax", DIAG_ERROR, SFN_SCHEMA,                                                 \
      "a JSONPath (InputPath, ResultPath, ...Path, a .$ field, Variable) is not well formed")                  \
    X(RULE_INTRINSIC_SYNTAX, "intrinsic-syntax", DIAG_ERROR, SFN_SCHEMA,                                       \
      "an intrinsic function call (States.Format(...)) is not well formed or names no intrinsic")              \
    X(RULE_JSONATA_SYNTAX, "jsonata-syntax", DIAG_ERROR, SFN_SCHEMA,                                           \
      "a {% %} JSONata expression does not parse, or its {% or %} is missing")                                 \
    X(RULE_NO_DOLLAR, "no-dollar", DIAG_WARNING, "NO_DOLLAR",                                                  \
      "a payload field's value looks like a path or an intrinsic function, but its name does not end in .$")   \
    X(RULE_NO_PATH, "no-path", DIAG_WARNING, "NO_PATH",                                                        \
      "a field's value looks like a path, but the field's name does not end in Path")

typedef enum rule_id {
#define RULE_ENUM(e, id, sev, code, summary) e,
    CHECK_RULES(RULE_ENUM)
#undef RULE_ENUM
        RULE_COUNT
} rule_id;

typedef struct rule_info {
    const char *id;
    diag_level level;
    const char *service_code; /* NULL when the service has no code of its own for it */
    const char *summary;
} rule_info;

const rule_info *rule_get(rule_id r);
/* The rule whose ID is `id`, or -1. */
int rule_find(const char *id);

#endif
