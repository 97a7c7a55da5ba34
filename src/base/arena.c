/* arena.c: bump allocation in chained blocks; see arena.h. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_MIN = 64 * 1024, ARENA_ALIGN = 16 };

struct arena_block {
    arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void sfn_oom(void)
{
    fputs("sfnviz: out of memory\n", stderr);
    abort();
}

void *sfn_calloc(size_t n, size_t elem)
{
    void *p = calloc(n ? n : 1, elem);
    if (!p)
        sfn_oom();
    return p;
}

void arena_init(arena *a) { a->head = NULL; }

void arena_release(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

static arena_block *new_block(size_t need)
{
    size_t size = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
    if (size > SIZE_MAX - sizeof(arena_block))
        sfn_oom();
    arena_block *b = malloc(sizeof(arena_block) + size);
    if (!b)
        sfn_oom();
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

void *arena_alloc(arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        sfn_oom();
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* A large request gets a block of its own behind the head, so the head's free space is not wasted. */
        arena_block *nb = new_block(size);
        if (b && size > ARENA_BLOCK_MIN / 4) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        sfn_oom();
    return arena_alloc(a, n * size);
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        sfn_oom();
    char *p = arena_alloc(a, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        sfn_oom();
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void strbuf_init(strbuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void strbuf_free(strbuf *b)
{
    free(b->data);
    strbuf_init(b);
}

static void grow(strbuf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        sfn_oom();
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        sfn_oom();
    b->data = p;
    b->cap = cap;
}

void strbuf_put(strbuf *b, const char *s, size_t len)
{
    if (len >= b->cap - b->len) /* the call only when it must grow (cap > len + 1 once there is data) */
        grow(b, len);
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void strbuf_puts(strbuf *b, const char *s) { strbuf_put(b, s, strlen(s)); }

void strbuf_putc(strbuf *b, char c) { strbuf_put(b, &c, 1); }

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        sfn_oom();
    grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *strbuf_cstr(strbuf *b)
{
    if (!b->data)
        grow(b, 0), b->data[0] = '\0';
    return b->data;
}

void strbuf_clear(strbuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *strbuf_to_arena(strbuf *b, arena *a)
{
    char *p = arena_strndup(a, b->data ? b->data : "", b->len);
    strbuf_free(b);
    return p;
}

void *sfn_grow(void *data, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return data;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            sfn_oom();
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        sfn_oom();
    void *p = realloc(data, n * elem);
    if (!p)
        sfn_oom();
    *cap = n;
    return p;
}

void strbuf_put_shortest(strbuf *b, double d)
{
    char buf[48];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    strbuf_puts(b, buf);
    if (!strpbrk(buf, ".eEni"))
        strbuf_puts(b, ".0");
}
