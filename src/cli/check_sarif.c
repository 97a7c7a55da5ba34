/* check_sarif.c: `sfnviz check -f sarif`, SARIF 2.1.0 for code scanning (GitHub's upload-sarif and
 * others).
 *
 * One run: the driver lists every rule (ID, summary, default level, and the service's code where it has
 * one), each result names its rule by ID and index, and points at the file as a relative URI reference
 * with its line and column. A file that does not load is a tool execution notification, not a result:
 * it is no finding of a rule. */
#include "check_output.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static bool first_result, first_notification;

/* A path as a URI reference: unreserved characters and / as they are, every other byte %XX. */
static void put_uri(const char *path)
{
    fputc('"', stdout);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            fputc(*p, stdout);
        else
            printf("%%%02X", *p);
    }
    fputc('"', stdout);
}

static const char *sarif_level(sfnviz_severity s)
{
    return s == SFNVIZ_SEVERITY_ERROR ? "error" : s == SFNVIZ_SEVERITY_WARNING ? "warning" : "note";
}

static void put_rule(size_t i)
{
    sfnviz_rule r;
    sfnviz_rule_at(i, &r);
    printf("%s\n          {\"id\": ", i ? "," : "");
    put_json_string(stdout, r.id);
    fputs(", \"shortDescription\": {\"text\": ", stdout);
    put_json_string(stdout, r.summary);
    printf("}, \"defaultConfiguration\": {\"level\": \"%s\"}", sarif_level(r.severity));
    if (r.service_code) {
        fputs(", \"properties\": {\"serviceCode\": ", stdout);
        put_json_string(stdout, r.service_code);
        fputc('}', stdout);
    }
    fputc('}', stdout);
}

static void sarif_begin(const check_totals *t)
{
    (void)t;
    first_result = first_notification = true;
    printf("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
           "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"sfnviz\", \"version\": \"%s\","
           "\n        \"rules\": [",
           sfnviz_version());
    for (size_t i = 0; i < sfnviz_rule_count(); i++)
        put_rule(i);
    fputs("]}},\n    \"results\": [", stdout);
}

static void put_location(const char *file, const sfnviz_diagnostic *d)
{
    fputs("\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", stdout);
    put_uri(file);
    fputc('}', stdout);
    if (d->at.line)
        printf(", \"region\": {\"startLine\": %u, \"startColumn\": %u}", d->at.line, d->at.column ? d->at.column : 1);
    fputs("}}]", stdout);
}

/* Files that did not load, told at the end as notifications of the invocation. */
static char **failed;
static size_t failed_count;

static void remember_failure(const sfnviz_doc *doc)
{
    char buf[2048];
    const char *text = doc_error_text(doc, buf, sizeof buf);
    char **grown = realloc(failed, (failed_count + 1) * sizeof *failed);
    char *copy = strdup(text ? text : "cannot be read");
    if (!grown || !copy) {
        free(copy);
        if (grown)
            failed = grown;
        return;
    }
    failed = grown;
    failed[failed_count++] = copy;
}

static void sarif_file(const sfnviz_doc *doc, const sfnviz_findings *f, size_t index)
{
    (void)index;
    if (!f) {
        print_diagnostics(doc, true);
        remember_failure(doc);
        return;
    }
    sfnviz_diagnostic d;
    for (size_t i = 0; sfnviz_finding(f, i, &d) == 0; i++) {
        printf("%s\n      {\"ruleId\": ", first_result ? "" : ",");
        first_result = false;
        put_json_string(stdout, d.rule);
        printf(", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ", sfnviz_rule_find(d.rule),
               sarif_level(d.severity));
        put_json_string(stdout, d.message);
        fputs("}, ", stdout);
        put_location(d.at.file ? d.at.file : sfnviz_doc_path(doc), &d);
        fputc('}', stdout);
    }
}

static void sarif_end(const check_totals *t)
{
    printf("\n    ],\n    \"invocations\": [{\"executionSuccessful\": %s, \"toolExecutionNotifications\": [",
           t->failed_files ? "false" : "true");
    for (size_t i = 0; i < failed_count; i++) {
        fputs(i ? ",\n      " : "\n      ", stdout);
        fputs("{\"level\": \"error\", \"message\": {\"text\": ", stdout);
        put_json_string(stdout, failed[i]);
        fputs("}}", stdout);
        free(failed[i]);
    }
    free(failed);
    failed = NULL;
    failed_count = 0;
    fputs("]}]\n  }]\n}\n", stdout);
}

static const check_writer SARIF = {sarif_begin, sarif_file, sarif_end};

const check_writer *check_sarif_writer(void) { return &SARIF; }
