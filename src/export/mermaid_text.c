/* mermaid_text.c: user text made safe inside a quoted Mermaid label, and for a Markdown heading.
 *
 * Mermaid reads a quoted label up to the next `"`, then decodes entity codes (`#quot;`, `#35;`) and hands
 * the text to the browser as HTML. So every character that could end the label, open markup, start an
 * entity, a comment or a directive (`%%{...}%%`) or a Markdown string becomes an entity code, and the rest
 * stays as written (UTF-8). Mermaid also rewrites any line matching `style.*:\S*#.*;` or `classDef...`
 * before it decodes entities (it drops the line's last `;`, which would break the entity that ends there),
 * so the `s` of "style" and the `c` of "classDef" in user text are entity codes too. */
#include "export/mermaid_writer.h"
#include "base/utf8.h"

#include <string.h>

/* Characters that draw nothing or move text around (controls, invisible format characters, bidi
 * overrides, line separators): never raw in the output, so the source reads as what it draws. */
static bool invisible(long cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
           cp == 0xFEFF || cp == 0xAD;
}

static bool replaced(long cp)
{
    return cp < 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

static const char *entity(char c)
{
    switch (c) {
    case '"': return "#quot;";
    case '&': return "#amp;";
    case '<': return "#lt;";
    case '>': return "#gt;";
    case '#': return "#35;";
    case '%': return "#37;";
    case ';': return "#59;";
    case '[': return "#91;";
    case '\\': return "#92;";
    case ']': return "#93;";
    case '`': return "#96;";
    case '{': return "#123;";
    case '|': return "#124;";
    case '}': return "#125;";
    default: return NULL;
    }
}

/* Whether the text at p starts a word Mermaid's pre-pass looks for. */
static bool starts_trap(const char *p)
{
    return strncmp(p, "style", 5) == 0 || strncmp(p, "classDef", 8) == 0;
}

static void put_char(strbuf *out, const char *p, size_t used, long cp)
{
    const char *ent = used == 1 ? entity(*p) : NULL;
    if (ent)
        strbuf_puts(out, ent);
    else if (used == 1 && starts_trap(p))
        strbuf_printf(out, "#%d;", *p);
    else if (invisible(cp))
        strbuf_printf(out, "#%ld;", cp);
    else
        strbuf_put(out, p, used);
}

void mermaid_put_text(strbuf *out, const char *s, size_t max)
{
    const char *p = s ? s : "";
    size_t n = strlen(p), chars = 0;
    bool in_space = false;
    while (n) {
        size_t used;
        long cp = utf8_decode((const unsigned char *)p, n, &used);
        bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
        if (max && chars + 1 >= max && !(space && in_space)) {
            strbuf_puts(out, MM_ELLIPSIS);
            return;
        }
        if (space && !in_space)
            strbuf_putc(out, ' ');
        else if (!space && replaced(cp))
            strbuf_puts(out, MM_REPLACEMENT);
        else if (!space)
            put_char(out, p, used, cp);
        chars += !(space && in_space);
        in_space = space;
        p += used;
        n -= used;
    }
}

/* Markdown, for a heading's text: what could open emphasis, code, a link, an image, a table cell,
 * strikethrough or close the heading (`*_`[]!|~#`, and the backslash itself) is backslash-escaped (CommonMark
 * allows it before any ASCII punctuation), `<` and `&` are entities (a raw tag or entity would be HTML), and
 * line breaks are spaces, so the text stays one heading. List and block markers (`-`, `+`, `1.`, `>`) need
 * nothing: the text never starts a line. */
void mermaid_put_markdown(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    while (n) {
        size_t used;
        long cp = utf8_decode(p, n, &used);
        if (cp == '&')
            strbuf_puts(out, "&amp;");
        else if (cp == '<')
            strbuf_puts(out, "&lt;");
        else if (cp == '\n' || cp == '\r' || cp == '\t')
            strbuf_putc(out, ' ');
        else if (replaced(cp))
            strbuf_puts(out, MM_REPLACEMENT);
        else if (used == 1 && strchr("\\`*_[]!|~#", (int)cp))
            strbuf_printf(out, "\\%c", (int)cp);
        else
            strbuf_put(out, (const char *)p, used);
        p += used;
        n -= used;
    }
}
