/* diag.h: positions and diagnostics.
 *
 * A mark is where something stands in a source file (1-based line and column, columns counted in
 * characters). Every value read from a file carries one, and every message about it names it, so the
 * user reads `file:line:col: error: what is wrong`. A diag_list collects messages in order; the first
 * error is what a command reports. */
#ifndef SFNVIZ_DIAG_H
#define SFNVIZ_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct mark {
    const char *file; /* display path; NULL for "no position" */
    unsigned line, column;
    /* Inside text assembled from pieces (a DefinitionString made by Fn::Join), which has no place of its
     * own in the file: the position in that text, while line and column are the DefinitionString's.
     * 0 otherwise. */
    unsigned inner_line, inner_column;
} mark;

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag {
    diag_level level;
    mark at;
    char *message;    /* heap */
    const char *rule; /* a stable rule ID (static text), NULL for findings without one */
} diag;

typedef struct diag_list {
    diag *items;
    size_t count, cap;
    size_t errors;
} diag_list;

void diag_list_init(diag_list *d);
void diag_list_free(diag_list *d);

void diag_add(diag_list *d, diag_level level, mark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
#define diag_error(d, at, ...) diag_add((d), DIAG_ERROR, (at), __VA_ARGS__)
#define diag_warning(d, at, ...) diag_add((d), DIAG_WARNING, (at), __VA_ARGS__)

/* Gives the last diagnostic added a rule ID (static text: `sfnviz check` reports it under that rule). */
void diag_set_rule(diag_list *d, const char *rule);

/* Moves every diagnostic of src to the end of dst. */
void diag_list_move(diag_list *dst, diag_list *src);

/* `file:line:col: error: message` (parts without a value are left out). */
void diag_print(FILE *out, const diag *d);
void diag_print_all(FILE *out, const diag_list *d);

/* The first error's text formatted as diag_print does, in buf; "" when there is none. */
void diag_format(const diag *d, char *buf, size_t size);

static inline mark mark_at(const char *file, unsigned line, unsigned column)
{
    mark m = {file, line, column, 0, 0};
    return m;
}

static inline mark mark_none(void)
{
    mark m = {NULL, 0, 0, 0, 0};
    return m;
}

#endif
