/* json_text.h: JSON string literals, for every stage that writes JSON (the export, the summary). */
#ifndef SFNVIZ_JSON_TEXT_H
#define SFNVIZ_JSON_TEXT_H

#include "base/arena.h"

/* `s` as a JSON string literal: quotes and backslashes escaped, every control character (C0, DEL, C1) as
 * \u00XX or \n-style, invalid UTF-8 as U+FFFD: always valid UTF-8, and nothing in it can drive a terminal. */
void json_put_string(strbuf *out, const char *s);

#endif
