/* check_output.c: `sfnviz check` as text, JSON and GitHub workflow commands (SARIF: check_sarif.c).
 *
 * Text is what compilers print, `file:line:col: level: message [rule]`, which editors and CI problem
 * matchers follow. A file that does not load gets its reader's error, the same line render gives. */
#include "check_output.h"
#include "report.h"

#include <string.h>

/* Where a finding points: its own file (the template, or the DefinitionUri file), else the document. */
static const char *finding_file(const sfnviz_doc *doc, const sfnviz_diagnostic *d)
{
    return d->at.file ? d->at.file : sfnviz_doc_path(doc);
}

/* ---- text ---- */

static void text_begin(const check_totals *t) { (void)t; }

static void text_file(const sfnviz_doc *doc, const sfnviz_findings *f, size_t index)
{
    (void)index;
    if (!f) {
        print_diagnostics(doc, true);
        return;
    }
    sfnviz_diagnostic d;
    for (size_t i = 0; sfnviz_finding(f, i, &d) == 0; i++) {
        put_safe(stdout, finding_file(doc, &d));
        if (d.at.line)
            printf(":%u:%u", d.at.line, d.at.column);
        printf(": %s: ", sfnviz_severity_name(d.severity));
        put_safe(stdout, d.message);
        printf(" [%s]\n", d.rule ? d.rule : "-");
    }
}

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

static void text_end(const check_totals *t)
{
    if (!t->errors && !t->warnings && !t->failed_files)
        return;
    fflush(stdout);
    fprintf(stderr, "sfnviz: %zu %s and %zu %s in %zu %s", t->errors, plural(t->errors, "error", "errors"),
            t->warnings, plural(t->warnings, "warning", "warnings"), t->files, plural(t->files, "file", "files"));
    if (t->failed_files)
        fprintf(stderr, "; %zu %s could not be read", t->failed_files, plural(t->failed_files, "file", "files"));
    fputc('\n', stderr);
}

/* ---- GitHub workflow commands ---- */

/* A workflow command's text: %, CR and LF escaped, and in a property also : and , (GitHub's toolkit
 * rules); control characters as \xNN so a name cannot end the command early. */
static void put_github(const char *s, bool property)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '%')
            fputs("%25", stdout);
        else if (*p == '\r')
            fputs("%0D", stdout);
        else if (*p == '\n')
            fputs("%0A", stdout);
        else if (property && *p == ':')
            fputs("%3A", stdout);
        else if (property && *p == ',')
            fputs("%2C", stdout);
        else if (*p < 0x20 || *p == 0x7F)
            printf("\\x%02X", *p);
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* a C1 control, as put_safe shows it */
            printf("\\u%04X", *++p);
        else
            fputc(*p, stdout);
    }
}

static void github_annotation(const char *level, const char *file, const sfnviz_diagnostic *d)
{
    printf("::%s file=", level);
    put_github(file, true);
    if (d->at.line)
        printf(",line=%u,col=%u", d->at.line, d->at.column);
    fputs(",title=", stdout);
    put_github(d->rule ? d->rule : "sfnviz", true);
    fputs("::", stdout);
    put_github(d->message, false);
    fputc('\n', stdout);
}

static void github_file(const sfnviz_doc *doc, const sfnviz_findings *f, size_t index)
{
    (void)index;
    sfnviz_diagnostic d;
    if (!f) {
        print_diagnostics(doc, true);
        for (size_t i = 0; sfnviz_doc_diag(doc, i, &d) == 0; i++)
            if (d.severity == SFNVIZ_SEVERITY_ERROR)
                github_annotation("error", finding_file(doc, &d), &d);
        return;
    }
    for (size_t i = 0; sfnviz_finding(f, i, &d) == 0; i++) {
        const char *level = d.severity == SFNVIZ_SEVERITY_ERROR     ? "error"
                            : d.severity == SFNVIZ_SEVERITY_WARNING ? "warning"
                                                                    : "notice";
        github_annotation(level, finding_file(doc, &d), &d);
    }
}

/* ---- JSON ---- */

static void json_begin(const check_totals *t)
{
    (void)t;
    fputs("{\"version\": 1, \"files\": [", stdout);
}

static void json_finding(const sfnviz_doc *doc, const sfnviz_findings *f, size_t i, const sfnviz_diagnostic *d)
{
    int m = sfnviz_finding_machine(f, i);
    fputs("{\"rule\": ", stdout);
    put_json_string(stdout, d->rule);
    printf(", \"severity\": \"%s\", \"machine\": ", sfnviz_severity_name(d->severity));
    put_json_string(stdout, m >= 0 ? sfnviz_machine_id(sfnviz_doc_machine(doc, (size_t)m)) : NULL);
    fputs(", \"file\": ", stdout);
    put_json_string(stdout, finding_file(doc, d));
    if (d->at.line)
        printf(", \"line\": %u, \"column\": %u", d->at.line, d->at.column);
    else
        fputs(", \"line\": null, \"column\": null", stdout);
    fputs(", \"message\": ", stdout);
    put_json_string(stdout, d->message);
    fputc('}', stdout);
}

static void json_file(const sfnviz_doc *doc, const sfnviz_findings *f, size_t index)
{
    char buf[2048];
    if (!f)
        print_diagnostics(doc, true);
    fputs(index ? ",\n  {\"path\": " : "\n  {\"path\": ", stdout);
    put_json_string(stdout, sfnviz_doc_path(doc));
    fputs(", \"error\": ", stdout);
    put_json_string(stdout, doc_error_text(doc, buf, sizeof buf));
    fputs(", \"findings\": [", stdout);
    sfnviz_diagnostic d;
    for (size_t i = 0; f && sfnviz_finding(f, i, &d) == 0; i++) {
        fputs(i ? ",\n    " : "\n    ", stdout);
        json_finding(doc, f, i, &d);
    }
    fputs("]}", stdout);
}

static void json_end(const check_totals *t)
{
    printf("\n], \"errors\": %zu, \"warnings\": %zu, \"unreadable_files\": %zu}\n", t->errors, t->warnings,
           t->failed_files);
}

static const check_writer TEXT = {text_begin, text_file, text_end};
static const check_writer GITHUB = {text_begin, github_file, text_end};
static const check_writer JSON = {json_begin, json_file, json_end};

const check_writer *check_writer_for(check_format format)
{
    switch (format) {
    case CHECK_JSON: return &JSON;
    case CHECK_GITHUB: return &GITHUB;
    case CHECK_SARIF: return check_sarif_writer();
    case CHECK_TEXT: break;
    }
    return &TEXT;
}
