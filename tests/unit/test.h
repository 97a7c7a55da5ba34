/* test.h: a minimal harness. CHECK records a failure and goes on; main returns test_report(). */
#ifndef SFNVIZ_TEST_H
#define SFNVIZ_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond)                                                                                    \
    do {                                                                                               \
        if (cond) {                                                                                    \
            test_passed++;                                                                             \
        } else {                                                                                       \
            test_failed++;                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                                              \
    } while (0)

#define CHECK_STR(actual, expected)                                                                    \
    do {                                                                                               \
        const char *a_ = (actual), *e_ = (expected);                                                   \
        if (a_ && e_ && strcmp(a_, e_) == 0) {                                                         \
            test_passed++;                                                                             \
        } else {                                                                                       \
            test_failed++;                                                                             \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:      %s\n  expected: %s\n", __FILE__, \
                    __LINE__, #actual, a_ ? a_ : "(null)", e_ ? e_ : "(null)");                        \
        }                                                                                              \
    } while (0)

#define CHECK_INT(actual, expected)                                                                    \
    do {                                                                                               \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                                \
        if (a_ == e_) {                                                                                \
            test_passed++;                                                                             \
        } else {                                                                                       \
            test_failed++;                                                                             \
            fprintf(stderr, "%s:%d: CHECK_INT failed: %s\n  got:      %lld\n  expected: %lld\n",       \
                    __FILE__, __LINE__, #actual, a_, e_);                                              \
        }                                                                                              \
    } while (0)

static inline int test_report(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}

#endif
