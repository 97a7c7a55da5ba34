/* report.c: what the command line prints about files: diagnostics, warnings, user text made safe. */
#include "report.h"

#include <string.h>

sfnviz_load_options load_options_of(const options *o)
{
    sfnviz_load_options lo = {.root = o->root, .limits = o->limits};
    return lo;
}

sfnviz_doc *load_doc(const char *path, const options *o)
{
    sfnviz_load_options lo = load_options_of(o);
    if (strcmp(path, "-") != 0)
        return sfnviz_doc_load_file(path, &lo);
    return sfnviz_doc_load_stream("<stdin>", stdin, &lo);
}

const char *doc_error_text(const sfnviz_doc *doc, char *buf, size_t size)
{
    for (size_t i = 0; sfnviz_doc_failed(doc) && i < sfnviz_doc_diag_count(doc); i++)
        if (sfnviz_doc_diag_is_error(doc, i))
            return sfnviz_doc_diag_text(doc, i, buf, size);
    return sfnviz_doc_failed(doc) ? "cannot be read" : NULL;
}

/* Text from the user's files may hold control characters (a newline in a state name, an escape sequence):
 * shown as `\xNN` so a message stays one line and cannot drive the terminal. The C1 controls (U+0080 to
 * U+009F, written C2 80 to C2 9F) too: terminals take U+009B as CSI, the start of an escape sequence. */
void put_safe(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\x%02X", *p);
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            fprintf(out, "\\u%04X", *++p);
        else
            fputc(*p, out);
    }
}

/* The length of the well-formed UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *p)
{
    size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
             : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && p[0] == 0xE0 && p[1] < 0xA0) || (n == 3 && p[0] == 0xED && p[1] > 0x9F) ||
        (n == 4 && p[0] == 0xF0 && p[1] < 0x90) || (n == 4 && p[0] == 0xF4 && p[1] > 0x8F))
        return 0; /* overlong, a surrogate, or past U+10FFFF */
    return n;
}

/* Bytes that are not UTF-8 (a file name from the command line may hold any) become U+FFFD, so the
 * document stays valid JSON. */
void put_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    size_t n;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\u%04x", *p);
        else if ((n = utf8_sequence(p)) == 0)
            fputs("\\ufffd", out);
        else {
            fwrite(p, 1, n, out);
            p += n - 1;
        }
    }
    fputc('"', out);
}

void put_json_file_entry(FILE *out, const char *path, const char *error, const char *data, size_t len)
{
    static const char head[] = "{\"version\": 1, ";
    size_t n = sizeof head - 1;
    fputs("{\"path\": ", out);
    put_json_string(out, path);
    fputs(", \"error\": ", out);
    put_json_string(out, error);
    if (data && len > n && memcmp(data, head, n) == 0) {
        while (len > n && data[len - 1] == '\n')
            len--;
        fputs(", ", out);
        fwrite(data + n, 1, len - n, out);
    } else {
        fputs(", \"machines\": []}", out);
    }
}

void put_safe_line(FILE *out, const char *s)
{
    put_safe(out, s);
    fputc('\n', out);
}

/* A render's warnings go to standard error like the reader's. */
void print_warning(const char *message, void *ctx)
{
    (void)ctx;
    put_safe_line(stderr, message);
}

enum { WARNINGS_SHOWN = 100 }; /* per file; every error is shown */

void print_diagnostics(const sfnviz_doc *doc, bool errors_only)
{
    char buf[2048];
    size_t warnings = 0;
    for (size_t i = 0; i < sfnviz_doc_diag_count(doc); i++) {
        bool error = sfnviz_doc_diag_is_error(doc, i);
        if (errors_only && !error)
            continue;
        if (!error && ++warnings > WARNINGS_SHOWN)
            continue;
        put_safe_line(stderr, sfnviz_doc_diag_text(doc, i, buf, sizeof buf));
    }
    if (warnings > WARNINGS_SHOWN) {
        put_safe(stderr, sfnviz_doc_path(doc));
        fprintf(stderr, ": %zu more warnings not shown\n", warnings - WARNINGS_SHOWN);
    }
}

/* `sfnviz: timings: read 1.2 ms · model 0.4 ms · ...`, on standard error (for bench/scale.sh). */
void print_timings(void)
{
    fputs("sfnviz: timings:", stderr);
    for (size_t i = 0; sfnviz_stage_name(i); i++)
        fprintf(stderr, "%s %s %.3f ms", i ? " \u00b7" : "", sfnviz_stage_name(i), sfnviz_stage_seconds(i) * 1e3);
    fputc('\n', stderr);
}
