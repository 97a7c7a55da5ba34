/* json_text.c: JSON string literals; see json_text.h. */
#include "base/json_text.h"
#include "base/utf8.h"

#include <string.h>

void json_put_string(strbuf *out, const char *s)
{
    strbuf_putc(out, '"');
    const unsigned char *end = (const unsigned char *)s + strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const unsigned char *run = p; /* printable ASCII needs no escape: copied a run at a time */
        while (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            strbuf_put(out, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        size_t n = utf8_sequence_length(p, (size_t)(end - p));
        if (n == 0) {
            strbuf_puts(out, "\\ufffd");
            p++;
        } else if (*p == '"' || *p == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)*p++);
        } else if (*p < 0x20) {
            static const char short_escapes[] = "btn\0fr";
            if (*p >= 8 && *p <= 13 && *p != 11)
                strbuf_printf(out, "\\%c", short_escapes[*p - 8]);
            else
                strbuf_printf(out, "\\u%04x", *p);
            p++;
        } else if (*p == 0x7F || (n == 2 && p[0] == 0xC2 && p[1] < 0xA0)) {
            strbuf_printf(out, "\\u%04x", *p == 0x7F ? 0x7F : p[1]); /* DEL and the C1 controls */
            p += n;
        } else {
            strbuf_put(out, (const char *)p, n);
            p += n;
        }
    }
    strbuf_putc(out, '"');
}
