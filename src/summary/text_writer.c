/* text_writer.c: lines fitted to a width; see text_writer.h. */
#include "summary/text_writer.h"

#include "summary/display.h"

#include <string.h>

/* SGR parameters per style; NULL: no colour. */
static const char *const SGR[] = {
    [ST_PLAIN] = NULL,   [ST_ID] = "1",     [ST_NAME] = "1",     [ST_LABEL] = "2",   [ST_GUIDE] = "2",
    [ST_CATCH] = "31",   [ST_RETRY] = "33", [ST_MISSING] = "1;31", [ST_WARN] = "33", [ST_TASK] = "36",
    [ST_CHOICE] = "33",  [ST_GROUP] = "35", [ST_WAIT] = "34",    [ST_PASS] = "2",    [ST_SUCCEED] = "32",
    [ST_FAIL] = "31",
};

void tw_init(text_writer *w, strbuf *out, bool color, unsigned width)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->color = color;
    w->width = width;
    strbuf_init(&w->cont);
    strbuf_init(&w->unit);
    strbuf_init(&w->scratch);
}

void tw_free(text_writer *w)
{
    strbuf_free(&w->cont);
    strbuf_free(&w->unit);
    strbuf_free(&w->scratch);
}

void put_spaces(strbuf *buf, unsigned n)
{
    static const char spaces[] = "                                ";
    if (n == 1) {
        strbuf_putc(buf, ' ');
        return;
    }
    for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
        strbuf_put(buf, spaces, sizeof spaces - 1);
    strbuf_put(buf, spaces, n);
}

/* Appends s[0..n) in style st. */
static void put_styled(const text_writer *w, strbuf *buf, const char *s, size_t n, style st)
{
    if (!w->color || !SGR[st]) {
        strbuf_put(buf, s, n);
        return;
    }
    const char *sgr = strspn(s, " ") < n ? SGR[st] : NULL; /* spaces need no colour */
    if (sgr) {
        strbuf_puts(buf, "\033[");
        strbuf_puts(buf, sgr);
        strbuf_putc(buf, 'm');
    }
    strbuf_put(buf, s, n);
    if (sgr)
        strbuf_puts(buf, "\033[0m");
}

/* Switches the line's colour to st's (a reset, then st's sequence, only when it changes). */
static void set_style(text_writer *w, style st)
{
    if (!w->color || !SGR[st])
        st = ST_PLAIN;
    if (st == w->open)
        return;
    if (w->open != ST_PLAIN)
        strbuf_puts(w->out, "\033[0m");
    if (st != ST_PLAIN) {
        strbuf_puts(w->out, "\033[");
        strbuf_puts(w->out, SGR[st]);
        strbuf_putc(w->out, 'm');
    }
    w->open = st;
}

void tw_styled(const text_writer *w, strbuf *buf, const char *s, style st) { put_styled(w, buf, s, strlen(s), st); }

void tw_line(text_writer *w, const char *prefix, unsigned prefix_width, const char *cont, unsigned cont_width)
{
    strbuf_puts(w->out, prefix);
    w->col = prefix_width;
    w->pending = w->fallback = 0;
    w->fresh = true;
    strbuf_clear(&w->cont);
    strbuf_puts(&w->cont, cont);
    w->cont_width = cont_width;
}

void tw_end(text_writer *w)
{
    set_style(w, ST_PLAIN);
    strbuf_putc(w->out, '\n');
    w->pending = w->fallback = 0;
}

/* Text as it will be shown, its length in bytes and its width in columns. */
typedef struct shown_text {
    const char *s;
    size_t len;
    unsigned width;
} shown_text;

/* The text as shown: escaped when it comes from the user's file (into the scratch buffer, so valid until
 * the next call). Printable ASCII, nearly every name, is neither copied nor decoded. */
static shown_text shown(text_writer *w, const char *s, bool user)
{
    const char *p = s;
    while (*p >= 0x20 && *p < 0x7F)
        p++;
    if (!*p)
        return (shown_text){s, (size_t)(p - s), (unsigned)(p - s)};
    if (user) {
        strbuf_clear(&w->scratch);
        display_escape(&w->scratch, s);
        s = strbuf_cstr(&w->scratch);
    }
    size_t len = strlen(s);
    return (shown_text){s, len, display_width(s, len)};
}

unsigned tw_width(text_writer *w, const char *s, bool user) { return shown(w, s, user).width; }

static void piece_shown(text_writer *w, shown_text t, style st)
{
    w->unit_width += t.width;
    put_styled(w, &w->unit, t.s, t.len, st);
}

void tw_piece(text_writer *w, const char *s, style st, bool user) { piece_shown(w, shown(w, s, user), st); }

/* Makes room for `width` more columns: the line breaks first when they do not fit, then the spaces owed. */
static void make_room(text_writer *w, unsigned width)
{
    if (w->fallback && w->fallback < w->pending && w->col + w->pending + width > w->width)
        w->pending = w->fallback;
    w->fallback = 0;
    if (!w->fresh && w->col + w->pending + width > w->width) {
        set_style(w, ST_PLAIN);
        strbuf_putc(w->out, '\n');
        strbuf_put(w->out, w->cont.data, w->cont.len);
        w->col = w->cont_width;
        w->pending = 0;
    }
    put_spaces(w->out, w->pending);
    w->col += w->pending + width;
    w->pending = 0;
    w->fresh = false;
}

void tw_place(text_writer *w)
{
    set_style(w, ST_PLAIN); /* the unit carries its own sequences */
    make_room(w, w->unit_width);
    strbuf_put(w->out, w->unit.data, w->unit.len);
    strbuf_clear(&w->unit);
    w->unit_width = 0;
}

/* A unit of one piece, written straight out (the unit being made must be empty). */
static void place_shown(text_writer *w, shown_text t, style st)
{
    if (!w->color || !SGR[st] || st != w->open)
        set_style(w, ST_PLAIN); /* the spaces before it in no colour, unless it goes on in the same one */
    make_room(w, t.width);
    set_style(w, st);
    strbuf_put(w->out, t.s, t.len);
}

void tw_unit(text_writer *w, const char *s, style st, bool user)
{
    if (w->unit.len == 0) {
        place_shown(w, shown(w, s, user), st);
        return;
    }
    tw_piece(w, s, st, user);
    tw_place(w);
}

void tw_words(text_writer *w, const char *s, style st, bool user)
{
    shown_text all = shown(w, s, user); /* valid throughout: nothing below calls shown() again */
    const char *end = all.s + all.len;
    for (const char *p = all.s; p < end;) {
        const char *word = p;
        while (p < end && *p == ' ')
            p++;
        if (p == end)
            break;
        if (!w->fresh)
            w->pending += (unsigned)(p - word);
        word = p;
        while (p < end && *p != ' ')
            p++;
        place_shown(w, (shown_text){word, (size_t)(p - word), display_width(word, (size_t)(p - word))}, st);
    }
}

void tw_gap_to(text_writer *w, unsigned col, unsigned min)
{
    if (w->fresh)
        return;
    w->pending = w->col + min > col ? min : col - w->col;
    w->fallback = min;
}

void tw_space(text_writer *w, unsigned n)
{
    if (!w->fresh)
        w->pending = n;
}
