/* arena.c: bump allocation in chained blocks; see arena.h.
 *
 * Blocks come zeroed from the system (calloc, or mmap for large ones), so an allocation is a pointer bump
 * with no memset of its own. Block sizes double as the arena grows, up to ARENA_BLOCK_MAX: a small template
 * costs one 64 KiB block, while a 15 MB definition is read into a few dozen large blocks. Large blocks are
 * mapped on 2 MiB boundaries and offered to the kernel for transparent huge pages: reading a 20 000-state
 * file touches about 60 MB, and faulting that in 4 KiB pages was a quarter of the run. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "base/arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#define ARENA_USE_MMAP 1
#endif

enum {
    ARENA_BLOCK_MIN = 64 * 1024,
    ARENA_BLOCK_MAX = 8 * 1024 * 1024,
    ARENA_MAP_FROM = 2 * 1024 * 1024, /* blocks of this size and more are mapped, on boundaries of it */
    ARENA_ALIGN = 16,
};

struct arena_block {
    arena_block *next;
    size_t used, size;
    size_t mapped; /* bytes mapped for the block, 0 when it came from calloc */
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

void arena_init(arena *a)
{
    a->head = NULL;
    a->next_size = ARENA_BLOCK_MIN;
}

static void free_block(arena_block *b)
{
#ifdef ARENA_USE_MMAP
    if (b->mapped) {
        munmap(b, b->mapped);
        return;
    }
#endif
    free(b);
}

void arena_release(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free_block(b);
        b = next;
    }
    arena_init(a);
}

#ifdef ARENA_USE_MMAP
/* total bytes (a multiple of ARENA_MAP_FROM), zeroed, starting on an ARENA_MAP_FROM boundary so that
 * whole huge pages fit; NULL when the system refuses. The unaligned ends of the mapping are given back. */
static void *map_aligned(size_t total)
{
    size_t align = ARENA_MAP_FROM;
    if (total > SIZE_MAX - align)
        return NULL;
    unsigned char *raw = mmap(NULL, total + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    unsigned char *start = (unsigned char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
    if (start > raw)
        munmap(raw, (size_t)(start - raw));
    size_t tail = (size_t)(raw + total + align - (start + total));
    if (tail)
        munmap(start + total, tail);
#ifdef MADV_HUGEPAGE
    madvise(start, total, MADV_HUGEPAGE); /* a hint: without huge pages the block still works */
#endif
    return start;
}
#endif

/* A zeroed block with room for at least need bytes. A block of its own (own: one large request, never
 * bumped again) is just that large; the others take the next size, which doubles. */
static arena_block *new_block(arena *a, size_t need, bool own)
{
    if (need > SIZE_MAX - sizeof(arena_block) - ARENA_MAP_FROM)
        sfn_oom();
    if (a->next_size < ARENA_BLOCK_MIN) /* an arena zeroed rather than initialised */
        a->next_size = ARENA_BLOCK_MIN;
    size_t size = own || need > a->next_size ? need : a->next_size;
    if (!own && a->next_size < ARENA_BLOCK_MAX)
        a->next_size *= 2;
    arena_block *b = NULL;
    size_t mapped = 0;
#ifdef ARENA_USE_MMAP
    if (size >= ARENA_MAP_FROM) {
        mapped = (sizeof(arena_block) + size + ARENA_MAP_FROM - 1) & ~(size_t)(ARENA_MAP_FROM - 1);
        b = map_aligned(mapped);
        size = mapped - sizeof(arena_block);
    }
#endif
    if (!b) {
        mapped = 0;
        b = calloc(1, sizeof(arena_block) + size);
    }
    if (!b)
        sfn_oom();
    b->next = NULL;
    b->used = 0;
    b->size = size;
    b->mapped = mapped;
    return b;
}

/* size bytes at the given alignment (a power of two), zeroed. */
static void *arena_bump(arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        sfn_oom();
    if (size == 0)
        size = 1;
    arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < size) {
        /* A large request gets a block of its own behind the head, so the head's free space is not wasted. */
        bool own = b && size > ARENA_BLOCK_MIN / 4;
        arena_block *nb = new_block(a, size, own);
        if (own) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        at = 0;
    }
    b->used = at + size;
    return b->data + at;
}

void *arena_alloc(arena *a, size_t size) { return arena_bump(a, size, ARENA_ALIGN); }

void *arena_bump_bytes(arena *a, size_t size) { return arena_bump(a, size, 1); }

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
    char *p = arena_bump_bytes(a, len + 1);
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
