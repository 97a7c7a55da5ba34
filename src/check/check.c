/* check.c: `sfnviz check` as a library call (sfnviz.h: sfnviz_check and the findings it returns).
 *
 * The findings of a document are: what the reader and the template stage found that has a rule of its own
 * (duplicate keys, unresolved placeholders), each machine's status when it has no definition to check
 * (in S3, missing, broken), then the checks of each machine, in a fixed order. They are sorted by machine,
 * file and position at the end, so the output reads top to bottom like the file. */
#include "check/check.h"
#include "sfnviz.h"
#include "template/document.h"
#include "base/ptrmap.h"
#include "base/timing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One rule speaks at most this often per machine: a repeated YAML alias must not bury the rest. */
enum { FINDINGS_PER_RULE = 100 };

struct sfnviz_findings {
    finding_list list;
    size_t errors, warnings;
};

static void finding_add(finding_list *out, rule_id rule, int machine_index, mark at, const char *message)
{
    const rule_info *info = rule_get(rule);
    diag_add(&out->diags, info->level, at, "%s", message);
    out->diags.items[out->diags.count - 1].rule = info->id;
    out->machine = sfn_grow(out->machine, &out->cap, out->diags.count, sizeof *out->machine);
    out->machine[out->diags.count - 1] = machine_index;
}

void check_report(checker *c, rule_id rule, mark at, const char *fmt, ...)
{
    if (c->off[rule] || c->said[rule]++ >= FINDINGS_PER_RULE)
        return;
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (at.inner_line) /* in text Fn::Join assembled: where in that text */
        snprintf(message + strlen(message), sizeof message - strlen(message),
                 " (line %u, column %u of the DefinitionString's text)", at.inner_line, at.inner_column);
    if (c->said[rule] == FINDINGS_PER_RULE)
        strncat(message, " (and maybe more of this kind: only the first 100 are listed)",
                sizeof message - strlen(message) - 1);
    finding_add(c->out, rule, c->machine_index, at, message);
}

/* ---- what loading found ---- */

/* The machine a diagnostic of the file belongs to: the one whose definition file it is in, else -1. */
static int machine_of_mark(const sfnviz_doc *doc, mark at)
{
    for (size_t i = 0; at.file && i < doc->machine_count; i++)
        if (doc->machines[i].definition_file && strcmp(doc->machines[i].definition_file, at.file) == 0)
            return (int)i;
    return -1;
}

static void take_load_findings(const sfnviz_doc *doc, const bool *off, finding_list *out)
{
    for (size_t i = 0; i < doc->diags.count; i++) {
        const diag *d = &doc->diags.items[i];
        int rule = d->rule ? rule_find(d->rule) : -1;
        if (rule >= 0 && !off[rule])
            finding_add(out, (rule_id)rule, machine_of_mark(doc, d->at), d->at, d->message);
    }
}

static void take_status(const machine *m, int index, const bool *off, finding_list *out)
{
    rule_id rule = m->status == MACHINE_S3        ? RULE_DEFINITION_S3
                   : m->status == MACHINE_MISSING ? RULE_DEFINITION_MISSING
                   : m->no_definition             ? RULE_DEFINITION_NONE
                                                  : RULE_DEFINITION_INVALID;
    if (off[rule])
        return;
    char text[1024];
    if (rule == RULE_DEFINITION_S3)
        snprintf(text, sizeof text, "the definition lives in S3 (%s): it cannot be checked offline",
                 m->where ? m->where : "S3");
    else
        snprintf(text, sizeof text, "%s", m->message_plain ? m->message_plain : "the definition cannot be read");
    finding_add(out, rule, index, m->message_at.line ? m->message_at : m->at, text);
}

static void check_machine(const machine *m, int index, const bool *off, ptrmap *sizes, finding_list *out)
{
    if (m->status != MACHINE_OK) {
        take_status(m, index, off, out);
        return;
    }
    checker c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.machine_index = index;
    c.off = off;
    c.out = out;
    c.sizes = sizes;
    check_structure(&c);
    check_names(&c);
    check_scopes_fields(&c);
    check_size(&c);
    for (size_t i = 0; i < m->state_count; i++) {
        const wf_state *s = &m->states[i];
        if (!check_fields(&c, s))
            continue;
        check_state_language(&c, s);
        check_choice(&c, s);
        check_handlers(&c, s);
        check_payloads(&c, s);
        check_expressions(&c, s);
    }
}

/* ---- order ---- */

typedef struct order_item {
    size_t index;
    int machine;
    mark at;
} order_item;

static int compare_marks(const void *pa, const void *pb)
{
    const order_item *a = pa, *b = pb;
    if (a->machine != b->machine)
        return a->machine < b->machine ? -1 : 1;
    int files = strcmp(a->at.file ? a->at.file : "", b->at.file ? b->at.file : "");
    if (files)
        return files;
    if (a->at.line != b->at.line)
        return a->at.line < b->at.line ? -1 : 1;
    if (a->at.column != b->at.column)
        return a->at.column < b->at.column ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index; /* stable */
}

static void sort_findings(finding_list *list)
{
    size_t n = list->diags.count;
    order_item *order = sfn_calloc(n, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (order_item){i, list->machine[i], list->diags.items[i].at};
    qsort(order, n, sizeof *order, compare_marks);
    diag *items = sfn_calloc(n, sizeof *items);
    int *machines = sfn_calloc(n, sizeof *machines);
    for (size_t i = 0; i < n; i++) {
        items[i] = list->diags.items[order[i].index];
        machines[i] = order[i].machine;
    }
    free(list->diags.items);
    free(list->machine);
    free(order);
    list->diags.items = items;
    list->diags.cap = n;
    list->machine = machines;
    list->cap = n;
}

/* ---- the public face ---- */

static void rules_off(const sfnviz_check_options *opts, bool *off)
{
    memset(off, 0, RULE_COUNT * sizeof *off);
    for (size_t i = 0; opts && i < opts->ignore_count; i++) {
        int r = rule_find(opts->ignore[i]);
        if (r >= 0)
            off[r] = true;
    }
}

sfnviz_findings *sfnviz_check(const sfnviz_doc *doc, const sfnviz_check_options *opts)
{
    sfnviz_findings *f = calloc(1, sizeof *f);
    if (!f)
        sfn_oom();
    diag_list_init(&f->list.diags);
    bool off[RULE_COUNT];
    rules_off(opts, off);
    double start = timing_now();
    if (!doc->failed) {
        take_load_findings(doc, off, &f->list);
        ptrmap sizes;
        ptrmap_init(&sizes);
        for (size_t i = 0; i < doc->machine_count; i++)
            check_machine(&doc->machines[i], (int)i, off, &sizes, &f->list);
        ptrmap_free(&sizes);
    }
    sort_findings(&f->list);
    for (size_t i = 0; i < f->list.diags.count; i++)
        if (f->list.diags.items[i].level == DIAG_ERROR)
            f->errors++;
        else if (f->list.diags.items[i].level == DIAG_WARNING)
            f->warnings++;
    timing_add(STAGE_CHECK, start);
    return f;
}

void sfnviz_findings_free(sfnviz_findings *f)
{
    if (!f)
        return;
    diag_list_free(&f->list.diags);
    free(f->list.machine);
    free(f);
}

size_t sfnviz_findings_count(const sfnviz_findings *f) { return f->list.diags.count; }
size_t sfnviz_findings_errors(const sfnviz_findings *f) { return f->errors; }
size_t sfnviz_findings_warnings(const sfnviz_findings *f) { return f->warnings; }

int sfnviz_finding(const sfnviz_findings *f, size_t i, sfnviz_diagnostic *out)
{
    if (i >= f->list.diags.count)
        return -1;
    const diag *d = &f->list.diags.items[i];
    out->severity = d->level == DIAG_ERROR ? SFNVIZ_SEVERITY_ERROR
                    : d->level == DIAG_WARNING ? SFNVIZ_SEVERITY_WARNING
                                               : SFNVIZ_SEVERITY_NOTE;
    out->rule = d->rule;
    out->message = d->message;
    out->at = (sfnviz_location){d->at.file, d->at.line, d->at.column};
    return 0;
}

int sfnviz_finding_machine(const sfnviz_findings *f, size_t i)
{
    return i < f->list.diags.count ? f->list.machine[i] : -1;
}

/* The rule catalogue, for --ignore, docs/rules.md and SARIF's rule list. */
size_t sfnviz_rule_count(void) { return RULE_COUNT; }

int sfnviz_rule_at(size_t i, sfnviz_rule *out)
{
    const rule_info *r = rule_get((rule_id)i);
    if (i >= RULE_COUNT || !r)
        return -1;
    out->id = r->id;
    out->severity = r->level == DIAG_ERROR ? SFNVIZ_SEVERITY_ERROR : SFNVIZ_SEVERITY_WARNING;
    out->summary = r->summary;
    out->service_code = r->service_code;
    return 0;
}

int sfnviz_rule_find(const char *id) { return id ? rule_find(id) : -1; }
