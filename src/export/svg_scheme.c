/* svg_scheme.c: the light/dark SVG (see svg_scheme.h). */
#include "export/svg_scheme.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The pair whose light colour is c, or NULL. Themes have under a hundred colour keys: a linear scan. */
static const scheme_pair *find_light(const scheme *s, const char *c)
{
    for (size_t i = 0; i < s->pair_count; i++)
        if (strcmp(s->pairs[i].light, c) == 0)
            return &s->pairs[i];
    return NULL;
}

/* Writes into out the colour c moved by `step` units of one channel: blue first, then green, each way. The
 * steps tried stay within a few units, far below what a viewer notices. */
static void nudge(const char *c, int step, theme_colour out)
{
    unsigned long rgb = strtoul(c + 1, NULL, 16);
    int channel_shift = (step / 2) % 2 == 0 ? 0 : 8; /* blue, then green */
    int delta = (step / 4 + 1) * (step % 2 ? -1 : 1);
    int v = (int)(rgb >> channel_shift & 0xff) + delta;
    if (v < 0 || v > 255)
        v = (int)(rgb >> channel_shift & 0xff) - delta;
    rgb = (rgb & ~(0xfful << channel_shift)) | ((unsigned long)v << channel_shift);
    snprintf(out, sizeof(theme_colour), "#%06lx", rgb & 0xffffff);
}

/* Makes key colour `light` (in s->light) stand for `dark` alone, nudging it when another key already
 * uses it for a different dark colour, and records the pair. */
static void pair_colour(scheme *s, char *light, const char *dark, size_t *cap)
{
    theme_colour candidate;
    snprintf(candidate, sizeof candidate, "%s", light);
    for (int step = 0;; step++) {
        const scheme_pair *p = find_light(s, candidate);
        if (!p)
            break;
        if (strcmp(p->dark, dark) == 0) {
            memcpy(light, candidate, sizeof candidate);
            return;
        }
        nudge(light, step, candidate);
    }
    memcpy(light, candidate, sizeof candidate);
    s->pairs = sfn_grow(s->pairs, cap, s->pair_count + 1, sizeof *s->pairs);
    scheme_pair *p = &s->pairs[s->pair_count++];
    memcpy(p->light, candidate, sizeof candidate);
    snprintf(p->dark, sizeof p->dark, "%s", dark);
}

void scheme_pair_themes(scheme *s, const theme *light, const theme *dark)
{
    memset(s, 0, sizeof *s);
    s->light = *light;
    theme dark_copy = *dark; /* theme_key_colour takes a writable theme */
    size_t cap = 0;
    for (size_t i = 0; i < theme_key_count(); i++) {
        char *l = theme_key_colour(&s->light, i);
        const char *d = theme_key_colour(&dark_copy, i);
        if (l && d)
            pair_colour(s, l, d, &cap);
    }
}

void scheme_free(scheme *s)
{
    free(s->pairs);
    s->pairs = NULL;
    s->pair_count = 0;
}

/* Presentation attributes (fill="#...") weigh less than any CSS rule, so a rule per colour and attribute
 * repaints them. */
static void put_rules(const scheme *s, strbuf *css)
{
    strbuf_puts(css, "\n<style>\n@media (prefers-color-scheme: dark) {\n");
    static const char *const attrs[] = {"fill", "stroke"};
    for (size_t a = 0; a < 2; a++)
        for (size_t i = 0; i < s->pair_count; i++)
            if (strcmp(s->pairs[i].light, s->pairs[i].dark) != 0)
                strbuf_printf(css, "  [%s=\"%s\"] { %s: %s }\n", attrs[a], s->pairs[i].light, attrs[a],
                              s->pairs[i].dark);
    strbuf_puts(css, "}\n</style>");
}

int scheme_style_svg(const scheme *s, strbuf *svg)
{
    const char *text = strbuf_cstr(svg);
    const char *open = strstr(text, "<svg");
    const char *end = open ? strchr(open, '>') : NULL;
    if (!end)
        return -1;
    size_t at = (size_t)(end + 1 - text);
    strbuf css;
    strbuf_init(&css);
    put_rules(s, &css);
    strbuf out;
    strbuf_init(&out);
    strbuf_put(&out, svg->data, at);
    strbuf_put(&out, css.data, css.len);
    strbuf_put(&out, svg->data + at, svg->len - at);
    strbuf_free(&css);
    strbuf_free(svg);
    *svg = out;
    return 0;
}
