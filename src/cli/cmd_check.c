/* cmd_check.c: `sfnviz check FILE...` — every rule over every machine of each file, findings as
 * `file:line:col: level: message [rule]` (or JSON, GitHub annotations, SARIF: check_output.c).
 *
 * Files are read and reported one after another, so memory stays that of one file however many are named.
 * Exit status: 2 when a file cannot be read or parsed; else 1 when there is an error (or, with --strict,
 * any finding); else 0. */
#include "check_output.h"
#include "cli.h"
#include "commands.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>

/* --list-rules: one line per rule, in the table's order. */
static int list_rules(void)
{
    sfnviz_rule r;
    for (size_t i = 0; sfnviz_rule_at(i, &r) == 0; i++) {
        printf("%-24s %-8s %s", r.id, sfnviz_severity_name(r.severity), r.summary);
        if (r.service_code)
            printf(" (service: %s)", r.service_code);
        putchar('\n');
    }
    return EXIT_OK;
}

int run_check(const command *c, const options *o)
{
    if (o->list_rules)
        return list_rules();
    if (o->file_count == 0)
        return usage_error(c, "%s", "check needs at least one FILE");
    const check_writer *w = check_writer_for(o->check_format);
    check_totals totals = {0, 0, 0, o->file_count};
    sfnviz_check_options co = {o->ignores, o->ignore_count};
    w->begin(&totals);
    for (size_t f = 0; f < o->file_count; f++) {
        sfnviz_doc *doc = load_doc(o->files[f], o);
        sfnviz_findings *findings = sfnviz_doc_failed(doc) ? NULL : sfnviz_check(doc, &co);
        if (!findings)
            totals.failed_files++;
        else {
            totals.errors += sfnviz_findings_errors(findings);
            totals.warnings += sfnviz_findings_warnings(findings);
        }
        w->file(doc, findings, f);
        sfnviz_findings_free(findings);
        sfnviz_doc_free(doc);
    }
    w->end(&totals);
    if (totals.failed_files)
        return EXIT_BAD_INPUT;
    if (totals.errors || (o->strict && totals.warnings))
        return EXIT_FINDINGS;
    return EXIT_OK;
}
