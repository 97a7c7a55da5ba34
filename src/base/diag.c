/* diag.c: collecting and printing diagnostics; see diag.h. */
#include "base/diag.h"
#include "base/arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list *d)
{
    d->items = NULL;
    d->count = d->cap = d->errors = 0;
}

void diag_list_free(diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->items[i].message);
    free(d->items);
    diag_list_init(d);
}

static void push(diag_list *d, diag item)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        diag *p = realloc(d->items, cap * sizeof *p);
        if (!p)
            sfn_oom();
        d->items = p;
        d->cap = cap;
    }
    d->items[d->count++] = item;
    if (item.level == DIAG_ERROR)
        d->errors++;
}

void diag_add(diag_list *d, diag_level level, mark at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *msg = malloc((size_t)n + 1);
    if (!msg)
        sfn_oom();
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    diag item = {level, at, msg, NULL};
    push(d, item);
}

void diag_set_rule(diag_list *d, const char *rule)
{
    if (d->count)
        d->items[d->count - 1].rule = rule;
}

void diag_list_move(diag_list *dst, diag_list *src)
{
    for (size_t i = 0; i < src->count; i++)
        push(dst, src->items[i]);
    free(src->items);
    diag_list_init(src);
}

static const char *level_name(diag_level l)
{
    switch (l) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

void diag_format(const diag *d, char *buf, size_t size)
{
    if (!d) {
        if (size)
            buf[0] = '\0';
        return;
    }
    if (d->at.file && d->at.line)
        snprintf(buf, size, "%s:%u:%u: %s: %s", d->at.file, d->at.line, d->at.column, level_name(d->level),
                 d->message);
    else if (d->at.file)
        snprintf(buf, size, "%s: %s: %s", d->at.file, level_name(d->level), d->message);
    else
        snprintf(buf, size, "sfnviz: %s: %s", level_name(d->level), d->message);
}

void diag_print(FILE *out, const diag *d)
{
    char buf[4096];
    diag_format(d, buf, sizeof buf);
    fprintf(out, "%s\n", buf);
}

void diag_print_all(FILE *out, const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        diag_print(out, &d->items[i]);
}
