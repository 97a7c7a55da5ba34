/* display.c: safe and measured text for the summary's formats; see display.h. */
#include "summary/display.h"

#include "base/utf8.h"

#include <string.h>

/* Code points that reorder or hide text (bidirectional embeddings, overrides and isolates, marks). */
static int is_bidi_control(long cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Printable ASCII: shown as it is (the common case, copied a run at a time). */
static int plain(unsigned char c) { return c >= 0x20 && c < 0x7F; }

void display_escape(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && plain(*p))
            p++;
        if (p > run)
            strbuf_put(out, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        size_t used;
        long cp = utf8_decode(p, (size_t)(end - p), &used);
        if (cp < 0)
            strbuf_printf(out, "\\x%02x", *p);
        else if (cp == '\n')
            strbuf_puts(out, "\\n");
        else if (cp == '\t')
            strbuf_puts(out, "\\t");
        else if (cp == '\r')
            strbuf_puts(out, "\\r");
        else if (cp < 0x20 || cp == 0x7F)
            strbuf_printf(out, "\\x%02lx", cp);
        else if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
            strbuf_printf(out, "\\u%04lx", cp);
        else
            strbuf_put(out, (const char *)p, used);
        p += used;
    }
}

typedef struct range {
    long lo, hi;
} range;

/* Wide (two columns): East Asian Wide and Fullwidth blocks, and the emoji blocks. */
static const range WIDE[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F5},   {0x26FA, 0x26FD},
    {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B55},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F2FF}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
};

/* Zero width: combining marks, zero-width spaces and joiners, variation selectors. */
static const range ZERO[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200D}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

static int in_ranges(long cp, const range *r, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

unsigned display_width(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    unsigned w = 0;
    while (p < end) {
        if (*p < 0x80) {
            w++, p++;
            continue;
        }
        size_t used;
        long cp = utf8_decode(p, (size_t)(end - p), &used);
        p += used;
        if (cp < 0x300)
            w += 1;
        else if (in_ranges(cp, ZERO, sizeof ZERO / sizeof ZERO[0]))
            continue;
        else
            w += 1 + (unsigned)in_ranges(cp, WIDE, sizeof WIDE / sizeof WIDE[0]);
    }
    return w;
}

/* Appends t, shown text, with Markdown's syntax characters escaped, and an `@` kept from mentioning: a
 * state named `@org/team` in a pull request comment posted by CI would notify that team (GitHub links
 * mentions in text, escaped or not; a zero-width space after the `@` breaks the link, not the look). */
static void markdown_put(strbuf *out, const char *t)
{
    static const char syntax[] = "\\`*_[]|~$#!{}<>&@";
    for (const char *p = t; *p;) {
        size_t run = strcspn(p, syntax);
        strbuf_put(out, p, run);
        p += run;
        if (!*p)
            break;
        if (*p == '<')
            strbuf_puts(out, "&lt;");
        else if (*p == '>')
            strbuf_puts(out, "&gt;");
        else if (*p == '&')
            strbuf_puts(out, "&amp;");
        else if (*p == '@')
            strbuf_puts(out, "@&#8203;");
        else {
            strbuf_putc(out, '\\');
            strbuf_putc(out, *p);
        }
        p++;
    }
}

void markdown_escape(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (plain(*p))
        p++;
    if (!*p) { /* printable ASCII: nothing to show differently */
        markdown_put(out, s);
        return;
    }
    strbuf shown;
    strbuf_init(&shown);
    display_escape(&shown, s);
    markdown_put(out, strbuf_cstr(&shown));
    strbuf_free(&shown);
}
