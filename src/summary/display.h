/* display.h: the user's text made safe to show, and how wide it shows.
 *
 * A state name may hold anything: an escape sequence that would drive the terminal, a newline that would
 * break a line or a table row, a bidirectional override that would show a line reordered, bytes that are
 * not UTF-8. Shown, these become visible escapes (`\n`, `\t`, `\x1b`, `\u202e`); the rest stays as written. */
#ifndef SFNVIZ_SUMMARY_DISPLAY_H
#define SFNVIZ_SUMMARY_DISPLAY_H

#include "base/arena.h"

#include <stddef.h>

/* Appends s with C0 and C1 controls, DEL, bidirectional controls and bytes that are not UTF-8 escaped. */
void display_escape(strbuf *out, const char *s);

/* The columns UTF-8 text takes on a terminal: East Asian wide characters and emoji take two, combining
 * marks none. */
unsigned display_width(const char *s, size_t len);

/* Appends s for Markdown (a table cell, a list item, a heading): escaped as display_escape, then the
 * characters Markdown would read as syntax (`|`, backticks, `*`, `_`, `[`, `$`, backslashes, ...) escaped
 * with a backslash and `<`, `>`, `&` as entities, so the text shows exactly as written. */
void markdown_escape(strbuf *out, const char *s);

#endif
