/* test_arena.c: the arena (zeroed memory without a memset per allocation, growing blocks, mapped large
 * blocks, unaligned text), reading files into it, and the address map the DAG walks use. */
#include "base/arena.h"
#include "base/ptrmap.h"
#include "read/source.h"
#include "test.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Many allocations of mixed sizes cross many blocks, the mapped ones (2 MiB and more) among them: each is
 * zeroed, aligned, and does not overlap the one before (written whole, then checked). */
static void test_zeroed_and_aligned(void)
{
    arena a;
    arena_init(&a);
    size_t sizes[] = {1, 7, 16, 33, 100, 4096, 20000, 70000, 3 * 1024 * 1024, 24};
    unsigned char *prev = NULL;
    size_t prev_size = 0;
    int bad_zero = 0, bad_align = 0, bad_keep = 0;
    for (int round = 0; round < 400; round++) {
        size_t n = sizes[round % (sizeof sizes / sizeof *sizes)];
        unsigned char *p = arena_alloc(&a, n);
        bad_zero += !all_zero(p, n);
        bad_align += ((uintptr_t)p % 16) != 0;
        memset(p, 0xAB, n);
        if (prev)
            bad_keep += prev[0] != 0xAB || prev[prev_size - 1] != 0xAB;
        prev = p;
        prev_size = n;
    }
    CHECK_INT(bad_zero, 0);
    CHECK_INT(bad_align, 0);
    CHECK_INT(bad_keep, 0);
    arena_release(&a);
    CHECK(a.head == NULL);
}

/* Strings are packed with no alignment, yet what follows them is aligned again. */
static void test_strings(void)
{
    arena a;
    arena_init(&a);
    char *s = arena_strndup(&a, "abc", 3);
    char *t = arena_strndup(&a, "de\0f", 4);
    CHECK_STR(s, "abc");
    CHECK(t == s + 4);
    CHECK(memcmp(t, "de\0f", 5) == 0);
    void *v = arena_alloc(&a, 8);
    CHECK(((uintptr_t)v % 16) == 0);
    CHECK_STR(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
    arena_release(&a);
}

/* An arena zeroed instead of initialised still works (a struct holding one, made with calloc). */
static void test_zeroed_arena(void)
{
    arena a;
    memset(&a, 0, sizeof a);
    char *p = arena_alloc(&a, 100);
    CHECK(all_zero((unsigned char *)p, 100));
    arena_release(&a);
}

/* A file is read whole into the arena, NUL-terminated; a missing file and a directory are refused. */
static void test_source(void)
{
    char path[] = "/tmp/sfnviz-test-arena-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    size_t n = 200000;
    char *data = malloc(n);
    if (!data)
        abort();
    for (size_t i = 0; i < n; i++)
        data[i] = (char)('a' + i % 26);
    CHECK(write(fd, data, n) == (ssize_t)n);
    close(fd);

    arena a;
    arena_init(&a);
    char *text = NULL, err[128];
    size_t len = 0;
    CHECK_INT(source_read_file(&a, path, NULL, &text, &len, err, sizeof err), 0);
    CHECK_INT(len, n);
    CHECK(text && memcmp(text, data, n) == 0 && text[n] == '\0');

    FILE *f = fopen(path, "rb"); /* a stream of unknown size: its buffer grows */
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(source_read_stream(&a, f, NULL, &text, &len, err, sizeof err), 0);
        CHECK_INT(len, n);
        CHECK(text && memcmp(text, data, n) == 0 && text[n] == '\0');
        fclose(f);
    }
    unlink(path);
    CHECK_INT(source_read_file(&a, path, NULL, &text, &len, err, sizeof err), -1);
    CHECK_STR(err, "no such file");
    CHECK_INT(source_read_file(&a, "/tmp", NULL, &text, &len, err, sizeof err), -1);
    CHECK_STR(err, "is a directory, not a file");
    arena_release(&a);
    free(data);
}

/* Keys a few bytes apart, as nodes from one arena are, through many growths; replacing keeps the count. */
static void test_ptrmap(void)
{
    enum { N = 100000 };
    char *keys = malloc(N * 8);
    ptrmap m;
    ptrmap_init(&m);
    void *got = NULL;
    CHECK(!ptrmap_get(&m, keys, &got));
    for (size_t i = 0; i < N; i++)
        ptrmap_put(&m, keys + i * 8, (void *)(uintptr_t)(i + 1));
    CHECK_INT((long long)m.count, N);
    bool all = true;
    for (size_t i = 0; i < N && all; i++)
        all = ptrmap_get(&m, keys + i * 8, &got) && got == (void *)(uintptr_t)(i + 1);
    CHECK(all);
    CHECK(!ptrmap_get(&m, keys + 4, NULL)); /* between two keys */
    ptrmap_put(&m, keys, NULL);
    CHECK(ptrmap_get(&m, keys, &got) && got == NULL);
    CHECK_INT((long long)m.count, N);
    ptrmap_free(&m);
    CHECK(!ptrmap_get(&m, keys, NULL));
    free(keys);
}

int main(void)
{
    test_zeroed_and_aligned();
    test_strings();
    test_zeroed_arena();
    test_source();
    test_ptrmap();
    return test_report();
}
