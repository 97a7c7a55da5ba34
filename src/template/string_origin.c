/* string_origin.c: decoded characters of a one-line quoted string -> template columns (string_origin.h).
 *
 * The source is decoded again here, escape by escape, recording the column each decoded character
 * starts at; the result must equal the text the reader produced, byte for byte, or the map is refused, so
 * a wrong map can never be made (an escape this decoder does not know just means no map). */
#include "template/string_origin.h"
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

typedef struct decoder {
    char *bytes;            /* what the source decodes to */
    size_t len, cap;
    unsigned *column;       /* per decoded character */
    size_t chars, cap_chars;
} decoder;

static void put_char(decoder *d, const char *utf8, size_t n, unsigned column)
{
    d->bytes = sfn_grow(d->bytes, &d->cap, d->len + n + 1, 1);
    memcpy(d->bytes + d->len, utf8, n);
    d->len += n;
    d->column = sfn_grow(d->column, &d->cap_chars, d->chars + 1, sizeof *d->column);
    d->column[d->chars++] = column;
}

static int hex4(const char *s, const char *end)
{
    if (end - s < 4)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int h = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t encode_utf8(unsigned long cp, char *out)
{
    if (cp < 0x80)
        return out[0] = (char)cp, 1;
    if (cp < 0x800)
        return out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        return out[2] = (char)(0x80 | (cp & 0x3F)), 3;
    }
    out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One backslash escape of a double-quoted string at *p (just past the backslash); false when unknown. */
static bool decode_escape(const char **p, const char *end, decoder *d, unsigned column)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (*p >= end)
        return false;
    const char *hit = **p ? strchr(from, **p) : NULL;
    if (hit) {
        put_char(d, &to[hit - from], 1, column);
        (*p)++;
        return true;
    }
    if (**p != 'u')
        return false;
    int cp = hex4(*p + 1, end);
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
        return false;
    *p += 5;
    unsigned long full = (unsigned long)cp;
    if (cp >= 0xD800 && cp <= 0xDBFF) { /* a surrogate pair: \uD83D\uDE00 */
        int low = end - *p >= 6 && (*p)[0] == '\\' && (*p)[1] == 'u' ? hex4(*p + 2, end) : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return false;
        full = 0x10000 + (((unsigned long)cp - 0xD800) << 10) + ((unsigned long)low - 0xDC00);
        *p += 6;
    }
    char utf8[4];
    put_char(d, utf8, encode_utf8(full, utf8), column);
    return true;
}

/* Decodes the quoted scalar at p (its quote) on one line; false when it spans lines or cannot be read. */
static bool decode_line(const char *p, const char *end, unsigned column, decoder *d)
{
    char quote = *p++;
    column++;
    while (p < end && *p != '\n' && *p != '\r') {
        if (*p == quote && !(quote == '\'' && p + 1 < end && p[1] == '\''))
            return true;
        unsigned at = column;
        if (quote == '\'' && *p == '\'') { /* '' stands for ' */
            put_char(d, "'", 1, at);
            p += 2, column += 2;
            continue;
        }
        if (quote == '"' && *p == '\\') {
            const char *start = p++;
            if (!decode_escape(&p, end, d, at))
                return false;
            column += (unsigned)(p - start); /* escapes are ASCII: bytes are columns */
            continue;
        }
        size_t n = 1;
        while (p + n < end && ((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        put_char(d, p, n, at);
        p += n, column++;
    }
    return false;
}

bool string_origin_read(const char *text, size_t len, size_t at, const char *file, unsigned line, unsigned column,
                        const char *decoded, size_t decoded_len, string_origin *out)
{
    memset(out, 0, sizeof *out);
    if (!text || at >= len || (text[at] != '"' && text[at] != '\''))
        return false;
    decoder d = {0};
    bool ok = decode_line(text + at, text + len, column, &d) && d.len == decoded_len &&
              memcmp(d.bytes, decoded, decoded_len) == 0;
    free(d.bytes);
    if (!ok) {
        free(d.column);
        return false;
    }
    out->file = file;
    out->line = line;
    out->column = d.column;
    out->chars = d.chars;
    size_t cap = 0;
    out->line_start = sfn_grow(NULL, &cap, 1, sizeof *out->line_start);
    out->line_start[out->lines++] = 0;
    size_t k = 0; /* character index while walking the decoded bytes */
    for (size_t i = 0; i < decoded_len; i++) {
        if (((unsigned char)decoded[i] & 0xC0) == 0x80)
            continue;
        if (decoded[i] == '\n') {
            out->line_start = sfn_grow(out->line_start, &cap, out->lines + 1, sizeof *out->line_start);
            out->line_start[out->lines++] = k + 1;
        }
        k++;
    }
    return true;
}

bool string_origin_map(const string_origin *o, mark *m)
{
    if (m->line == 0 || m->line > o->lines || m->column == 0)
        return false;
    size_t k = o->line_start[m->line - 1] + (m->column - 1);
    /* A mark just past the last character (an error at the end of the text) sits on the closing quote. */
    unsigned column = k < o->chars ? o->column[k] : k == o->chars && o->chars ? o->column[o->chars - 1] + 1 : 0;
    if (!column)
        return false;
    m->file = o->file;
    m->line = o->line;
    m->column = column;
    return true;
}

void string_origin_free(string_origin *o)
{
    free(o->column);
    free(o->line_start);
    memset(o, 0, sizeof *o);
}
