/* string_origin.h: where each character of a quoted one-line string stands in the template.
 *
 * A DefinitionString is often JSON inside a JSON string: `"DefinitionString": "{\"StartAt\": ...}"`. Its
 * definition is parsed from the decoded text, so its positions are in that text (line 1, column 52); the
 * user edits the template. When the string is written on one line, as a double-quoted (JSON or YAML) or
 * single-quoted (YAML) scalar, every decoded character comes from a known column of that line, escapes
 * included, so positions map back exactly. */
#ifndef SFNVIZ_STRING_ORIGIN_H
#define SFNVIZ_STRING_ORIGIN_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct string_origin {
    const char *file;    /* the template */
    unsigned line;       /* the template line the string is on */
    unsigned *column;    /* column[k]: the template column of the decoded text's character k */
    size_t chars;
    size_t *line_start;  /* the index of the first character of each line of the decoded text */
    size_t lines;
} string_origin;

/* Reads the quoted scalar that starts at byte `at` (its opening quote, at template column `column`) of the
 * template's text and checks that it decodes to exactly `decoded`. Returns false (and nothing to free)
 * when it does not: the string spans lines, uses an escape we do not decode, or is not the text given. */
bool string_origin_read(const char *text, size_t len, size_t at, const char *file, unsigned line, unsigned column,
                        const char *decoded, size_t decoded_len, string_origin *out);

/* Moves a mark in the decoded text (1-based line and column in characters) onto the template. False when
 * it lies outside the text (the mark is then left as it was). */
bool string_origin_map(const string_origin *o, mark *m);

void string_origin_free(string_origin *o);

#endif
