/* arena.h: one allocation region per loaded document.
 *
 * Everything a document owns (values, strings, the model) is carved out of its arena and freed in one call.
 * Allocation never returns NULL: on exhaustion the program reports and aborts, as cmark's default allocator
 * does, so callers never check. */
#ifndef SFNVIZ_ARENA_H
#define SFNVIZ_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t next_size; /* bytes of the next block: they double as the arena grows */
} arena;

void arena_init(arena *a);
void arena_release(arena *a);

/* Zeroed, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* Zeroed bytes with no alignment, for text: a document holds a million strings. */
void *arena_bump_bytes(arena *a, size_t size);
/* An array of n elements of size each, zeroed; aborts on overflow. */
void *arena_calloc(arena *a, size_t n, size_t size);
/* Copy of s[0..len) with a terminating NUL. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Growable byte buffer on the heap (not the arena): used to build text of unknown length. */
typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

void strbuf_init(strbuf *b);
void strbuf_free(strbuf *b);
void strbuf_put(strbuf *b, const char *s, size_t len);
void strbuf_puts(strbuf *b, const char *s);
void strbuf_putc(strbuf *b, char c);
void strbuf_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* `1.5`, `2.0`, `1.0000001`: the shortest text that reads back as d, with one decimal at least (so it
 * reads as a rate, not a count). For the JSON export and the diagram's retry labels alike. */
void strbuf_put_shortest(strbuf *b, double d);
/* Always NUL-terminated (data may be NULL only before the first put). */
const char *strbuf_cstr(strbuf *b);
/* Empties b, keeping its memory. */
void strbuf_clear(strbuf *b);
/* Moves the text into the arena and empties the buffer. */
char *strbuf_to_arena(strbuf *b, arena *a);

/* Abort with a message: out of memory, size overflow. */
void sfn_oom(void);

/* Grows a heap array (of *cap elements of size elem) to hold at least need elements; returns the array,
 * possibly moved. Use as `p = sfn_grow(p, &cap, n + 1, sizeof *p);`. */
void *sfn_grow(void *data, size_t *cap, size_t need, size_t elem);

/* A zeroed heap array of n elements of size elem (at least one, so n may be 0); never NULL. */
void *sfn_calloc(size_t n, size_t elem);

#endif
