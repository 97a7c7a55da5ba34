/* utf8.h: strict UTF-8, one definition for the readers and every exporter. */
#ifndef SFNVIZ_UTF8_H
#define SFNVIZ_UTF8_H

#include "base/arena.h"

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s (at most n bytes available), or 0 when it is ill-formed:
 * a stray continuation byte, an overlong form, a surrogate, a code point past U+10FFFF or a cut sequence. */
size_t utf8_sequence_length(const unsigned char *s, size_t n);

/* The code point at s, with *used set to its length; -1 (and *used = 1) when the bytes are ill-formed. */
long utf8_decode(const unsigned char *s, size_t n, size_t *used);

/* Text that starts with a UTF-16 byte order mark (FF FE little-endian, FE FF big-endian: what Windows
 * PowerShell 5 writes with `>` or Out-File), converted to UTF-8 in the arena without the mark and
 * NUL-terminated, its length in *len (which holds the input's). NULL when the text has no such mark, or has
 * the UTF-32 one (FF FE 00 00). A lone surrogate or a last odd byte become U+FFFD, as in JSON escapes. */
char *utf8_from_utf16(arena *a, const char *text, size_t *len);

/* How many of s's len bytes to keep to cut it at most max bytes long without ending inside a UTF-8
 * sequence (for text shown cut: messages, tables, tooltips). */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* The encoding text looks written in when it is one sfnviz does not read: "UTF-32" (with or without its
 * mark), "UTF-16 without a byte order mark"; NULL otherwise. Neither JSON nor YAML may hold a NUL, so a
 * NUL among the first four bytes tells. Call it on text utf8_from_utf16 left alone. */
const char *utf8_unread_encoding(const char *text, size_t len);

#endif
