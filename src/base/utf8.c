/* utf8.c: strict UTF-8; see utf8.h. */
#include "base/utf8.h"

#include <stdbool.h>

size_t utf8_sequence_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

long utf8_decode(const unsigned char *s, size_t n, size_t *used)
{
    size_t len = n ? utf8_sequence_length(s, n) : 0;
    if (len == 0) {
        *used = 1;
        return -1;
    }
    *used = len;
    if (len == 1)
        return s[0];
    long cp = s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

/* One code point as UTF-8 at out; returns the bytes written. */
static size_t utf8_encode(long cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

const char *utf8_unread_encoding(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len < 4 || (s[0] && s[1] && s[2] && s[3]))
        return NULL;
    bool utf32 = (s[1] == 0 && s[2] == 0 && s[3] == 0) || (s[0] == 0 && s[1] == 0) ||
                 (s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0);
    if (utf32)
        return "UTF-32";
    if ((s[0] && !s[1] && s[2] && !s[3]) || (!s[0] && s[1] && !s[2] && s[3]))
        return "UTF-16 without a byte order mark";
    return NULL;
}

char *utf8_from_utf16(arena *a, const char *text, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = *len;
    bool little = n >= 2 && s[0] == 0xFF && s[1] == 0xFE, big = n >= 2 && s[0] == 0xFE && s[1] == 0xFF;
    if ((!little && !big) || (little && n >= 4 && s[2] == 0 && s[3] == 0))
        return NULL;
    /* A unit gives at most 3 bytes (a surrogate pair: 4 from two units); an odd last byte, 3. */
    unsigned char *out = arena_bump_bytes(a, n / 2 * 3 + 4), *o = out;
    size_t i = 2;
    while (i + 1 < n) {
        long u = little ? s[i] | s[i + 1] << 8 : s[i] << 8 | s[i + 1];
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            long low = little ? s[i] | s[i + 1] << 8 : s[i] << 8 | s[i + 1];
            if (low >= 0xDC00 && low <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            u = 0xFFFD;
        o += utf8_encode(u, o);
    }
    if (i < n)
        o += utf8_encode(0xFFFD, o);
    *o = 0;
    *len = (size_t)(o - out);
    return (char *)out;
}
