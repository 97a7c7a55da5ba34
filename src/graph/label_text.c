/* label_text.c: user text made safe for Graphviz labels and tooltips: valid UTF-8 without forbidden
 * characters, HTML-escaped, cut with "…" or wrapped over lines (see graph.c for the two escapings). */
#include "graph/builder.h"


/* Characters XML 1.0 allows and that draw as something: C0 controls other than tab, newline and carriage
 * return, DEL and the C1 controls, and the non-characters U+FFFE/U+FFFF become U+FFFD. */
static bool drawable(long cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return !(cp >= 0x7F && cp <= 0x9F) && cp != 0xFFFE && cp != 0xFFFF;
}

/* s as valid UTF-8 of drawable characters; with one_line, each run of tabs and line breaks is one space. */
void clean_text(strbuf *out, const char *s, bool one_line)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    bool in_space = false;
    while (n) {
        size_t used;
        long cp = utf8_decode(p, n, &used);
        bool space = one_line && (cp == '\t' || cp == '\n' || cp == '\r');
        if (space && !in_space)
            strbuf_putc(out, ' ');
        else if (!space && drawable(cp))
            strbuf_put(out, (const char *)p, used);
        else if (!space)
            strbuf_puts(out, REPLACEMENT_CHAR);
        in_space = space;
        p += used;
        n -= used;
    }
}

/* Marks that belong to the character before them (and the joiner that glues emoji): a cut never separates
 * them from their base. */
static bool extends_previous(long cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Where to cut clean text s so that at most max - 1 characters remain before an "…"; SIZE_MAX when s
 * has at most max characters and needs no cut. */
static size_t cut_point(const char *s, size_t max)
{
    size_t offsets[CUT_MAX + 2], count = 0, i = 0, n = strlen(s);
    long cps[CUT_MAX + 2];
    if (max + 1 > sizeof offsets / sizeof offsets[0])
        max = sizeof offsets / sizeof offsets[0] - 1;
    while (i < n && count <= max) {
        size_t used;
        offsets[count] = i;
        cps[count++] = utf8_decode((const unsigned char *)s + i, n - i, &used);
        i += used;
    }
    if (count <= max && i >= n)
        return SIZE_MAX;
    size_t keep = max - 1; /* characters kept before the ellipsis */
    while (keep > 1 && (extends_previous(cps[keep]) || cps[keep - 1] == 0x200D))
        keep--;
    return offsets[keep];
}

/* Appends s[0..len) escaped for an HTML-like label. */
static void put_html_escaped(strbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': strbuf_puts(out, "&amp;"); break;
        case '<': strbuf_puts(out, "&lt;"); break;
        case '>': strbuf_puts(out, "&gt;"); break;
        case '"': strbuf_puts(out, "&quot;"); break;
        case '\'': strbuf_puts(out, "&#39;"); break;
        case '\\': strbuf_puts(out, "\\\\"); break;
        default: strbuf_putc(out, s[i]);
        }
    }
}

/* Appends user text s to an HTML-like label on one line, cut to max characters (0: never). Returns true
 * when it was cut. */
bool put_html(strbuf *out, const char *s, size_t max)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", true);
    const char *c = strbuf_cstr(&clean);
    size_t cut = max ? cut_point(c, max) : SIZE_MAX;
    put_html_escaped(out, c, cut == SIZE_MAX ? clean.len : cut);
    if (cut != SIZE_MAX)
        strbuf_puts(out, ELLIPSIS);
    strbuf_free(&clean);
    return cut != SIZE_MAX;
}

/* Whether a line may break after character c when no space is at hand: after the separators of paths,
 * names and lists (`$.order.total`, `my_state-name`, `a,b`, `f(x)`). */
static bool breaks_after(char c)
{
    return c == '.' || c == '_' || c == '-' || c == ',' || c == ')' || c == '/' || c == ':';
}

/* Where the line that starts at c[start] ends, for at most width characters: at its last space, else
 * after its last separator (or before a `$`), else at width characters. */
static size_t line_end(const char *c, size_t n, size_t start, size_t width)
{
    size_t i = start, chars = 0, space = 0, soft = 0;
    while (i < n && chars < width) {
        size_t used;
        utf8_decode((const unsigned char *)c + i, n - i, &used);
        if (c[i] == ' ')
            space = i;
        else if (c[i] == '$' && i > start)
            soft = i;
        else if (breaks_after(c[i]))
            soft = i + used;
        i += used;
        chars++;
    }
    if (i >= n || c[i] == ' ')
        return i;
    return space > start ? space : soft > start ? soft : i;
}

/* Appends user text s to an HTML-like label in lines of at most width characters, broken at spaces (or
 * separators), and at most `lines` lines, the last cut with "…" when the text goes on. */
void put_wrapped(strbuf *out, const char *s, size_t width, size_t lines)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", true);
    const char *c = strbuf_cstr(&clean);
    size_t n = clean.len, start = 0;
    for (size_t line = 0; line < lines && start < n; line++) {
        if (line + 1 == lines) {
            put_html(out, c + start, width);
            break;
        }
        size_t end = line_end(c, n, start, width);
        put_html_escaped(out, c + start, end - start);
        for (start = end; start < n && c[start] == ' '; start++)
            ;
        if (start < n)
            strbuf_puts(out, "<br/>");
    }
    strbuf_free(&clean);
}

/* How many lines of at most width characters line_end breaks clean text c[0..n) into. */
static size_t lines_needed(const char *c, size_t n, size_t width)
{
    size_t lines = 0;
    for (size_t start = 0; start < n; lines++) {
        start = line_end(c, n, start, width);
        while (start < n && c[start] == ' ')
            start++;
    }
    return lines;
}

/* Appends a state's name: on one line up to `width` characters; longer, over up to `lines` lines of about
 * equal length (a lone last word under a long line reads badly) when that shows it whole, else lines of
 * `width`; cut with "…" past them. An empty name shows as "" (Graphviz refuses an empty <b>). */
void put_name_lines(strbuf *out, const char *name, size_t width, size_t lines)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, name ? name : "", true);
    size_t chars = 0;
    for (size_t i = 0; i < clean.len; i++)
        chars += ((unsigned char)clean.data[i] & 0xC0) != 0x80;
    if (chars == 0)
        strbuf_puts(out, "&quot;&quot;");
    size_t fit = chars <= width ? width : (chars + lines - 1) / lines + 6;
    if (fit > width || lines_needed(strbuf_cstr(&clean), clean.len, fit) > lines)
        fit = width;
    strbuf_free(&clean);
    put_wrapped(out, name, fit, lines);
}

/* Appends user text s to a tooltip, cut with "…" past TIP_TEXT_MAX bytes written (on a character
 * boundary): Graphviz cannot read back a DOT line of 16 384 bytes or more, and agwrite breaks a long
 * string only at a space, so a megabyte name or Comment would make the DOT unreadable. */
void put_tip(strbuf *out, const char *s)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", false);
    size_t start = out->len;
    for (const char *p = strbuf_cstr(&clean); *p; p++) {
        if (out->len - start >= TIP_TEXT_MAX && ((unsigned char)*p & 0xC0) != 0x80) {
            strbuf_puts(out, ELLIPSIS);
            break;
        }
        if (*p == '\\')
            strbuf_puts(out, "\\\\\\\\");
        else if (*p == '&')
            strbuf_puts(out, "&amp;");
        else
            strbuf_putc(out, *p);
    }
    strbuf_free(&clean);
}
