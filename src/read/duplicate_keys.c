/* duplicate_keys.c: repeated keys in a JSON object; see duplicate_keys.h.
 *
 * Real templates repeat keys by mistake (a resource pasted twice); most parsers, and CloudFormation's
 * tooling, keep the last one. So a repeated key is a warning naming both places, and the last one wins.
 * Checked once an object is complete. A hash set would be linear on ordinary input but quadratic on keys
 * crafted to collide, so large objects are sorted instead: O(n log n) whatever the keys. */
#include "base/utf8.h"
#include "read/duplicate_keys.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


enum { KEY_SCAN_LIMIT = 16, DUPLICATE_WARNINGS_MAX = 20 };

typedef struct key_ref {
    const char *key;
    size_t len;
    size_t index; /* position among the object's members */
} key_ref;

static bool same_key(const value_pair *a, const value_pair *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

static bool same_key_ref(const key_ref *a, const key_ref *b)
{
    return a->len == b->len && memcmp(a->key, b->key, a->len) == 0;
}

/* Orders by key bytes, then by position, so equal keys are adjacent in source order. */
static int compare_key_refs(const void *pa, const void *pb)
{
    const key_ref *a = pa, *b = pb;
    int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
    if (c == 0 && a->len != b->len)
        c = a->len < b->len ? -1 : 1;
    if (c == 0 && a->index != b->index)
        c = a->index < b->index ? -1 : 1;
    return c;
}

/* Sets overridden[i] to the position of the next member with the same key, for every member that a later
 * one repeats; others stay SIZE_MAX. Returns whether any was found. */
static bool find_overridden_by_scan(const value_pair *pairs, size_t n, size_t *overridden)
{
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (same_key(&pairs[i], &pairs[j])) {
                overridden[i] = j;
                found = true;
                break;
            }
        }
    }
    return found;
}

static bool find_overridden_by_sorting(const value_pair *pairs, size_t n, size_t *overridden)
{
    key_ref *refs = malloc(n * sizeof *refs);
    if (!refs)
        sfn_oom();
    for (size_t i = 0; i < n; i++)
        refs[i] = (key_ref){pairs[i].key, pairs[i].key_len, i};
    qsort(refs, n, sizeof *refs, compare_key_refs);
    bool found = false;
    for (size_t k = 0; k + 1 < n; k++) {
        if (same_key_ref(&refs[k], &refs[k + 1])) {
            overridden[refs[k].index] = refs[k + 1].index;
            found = true;
        }
    }
    free(refs);
    return found;
}

/* A key as a duplicate-key message shows it: quotes, backslashes and control characters escaped, and a
 * long key cut (on a character boundary) so the message stays one readable line. */
static void describe_key(strbuf *out, const char *key, size_t len)
{
    enum { SHOWN_KEY_MAX = 64 };
    size_t shown = utf8_cut(key, len, SHOWN_KEY_MAX);
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)key[i];
        if (c == '"' || c == '\\')
            strbuf_printf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            strbuf_printf(out, "\\u%04X", c);
        else
            strbuf_putc(out, (char)c);
    }
    if (shown < len)
        strbuf_puts(out, "...");
}

static void warn_duplicate_key(diag_list *diags, unsigned *warnings, const value_pair *earlier,
                               const value_pair *later)
{
    if ((*warnings)++ >= DUPLICATE_WARNINGS_MAX)
        return;
    strbuf shown;
    strbuf_init(&shown);
    describe_key(&shown, later->key, later->key_len);
    diag_warning(diags, later->key_mark, "duplicate key \"%s\" (also at line %u, column %u); the last one is used",
                 strbuf_cstr(&shown), earlier->key_mark.line, earlier->key_mark.column);
    diag_set_rule(diags, "duplicate-key");
    strbuf_free(&shown);
}

size_t duplicate_keys_drop(value_pair *pairs, size_t n, diag_list *diags, unsigned *warnings)
{
    if (n < 2)
        return n;
    size_t *overridden = malloc(n * sizeof *overridden);
    if (!overridden)
        sfn_oom();
    for (size_t i = 0; i < n; i++)
        overridden[i] = SIZE_MAX;
    bool found = n < KEY_SCAN_LIMIT ? find_overridden_by_scan(pairs, n, overridden)
                                    : find_overridden_by_sorting(pairs, n, overridden);
    size_t kept = n;
    if (found) {
        kept = 0;
        for (size_t i = 0; i < n; i++) {
            if (overridden[i] != SIZE_MAX)
                warn_duplicate_key(diags, warnings, &pairs[i], &pairs[overridden[i]]);
            else
                pairs[kept++] = pairs[i];
        }
    }
    free(overridden);
    return kept;
}
