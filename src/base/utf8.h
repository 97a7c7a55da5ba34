/* utf8.h: strict UTF-8, one definition for the readers and every exporter. */
#ifndef SFNVIZ_UTF8_H
#define SFNVIZ_UTF8_H

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s (at most n bytes available), or 0 when it is ill-formed:
 * a stray continuation byte, an overlong form, a surrogate, a code point past U+10FFFF or a cut sequence. */
size_t utf8_sequence_length(const unsigned char *s, size_t n);

/* The code point at s, with *used set to its length; -1 (and *used = 1) when the bytes are ill-formed. */
long utf8_decode(const unsigned char *s, size_t n, size_t *used);

#endif
