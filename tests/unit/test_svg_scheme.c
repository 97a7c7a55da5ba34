/* test_svg_scheme.c: pairing a light and a dark theme's colours for the SVG that follows the page's
 * colour scheme, and the <style> it gets. */
#include "sfnviz.h"
#include "export/svg_scheme.h"
#include "test.h"
#include "graph/theme.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Sets every colour key of t to c. */
static void paint_all(theme *t, const char *c)
{
    for (size_t i = 0; i < theme_key_count(); i++) {
        char *slot = theme_key_colour(t, i);
        if (slot)
            snprintf(slot, sizeof(theme_colour), "%s", c);
    }
}

static const char *dark_of(const scheme *s, const char *light)
{
    for (size_t i = 0; i < s->pair_count; i++)
        if (strcmp(s->pairs[i].light, light) == 0)
            return s->pairs[i].dark;
    return NULL;
}

static long channel_distance(const char *a, const char *b)
{
    unsigned long x = strtoul(a + 1, NULL, 16), y = strtoul(b + 1, NULL, 16);
    long d = 0;
    for (int shift = 0; shift < 24; shift += 8)
        d += labs((long)(x >> shift & 0xff) - (long)(y >> shift & 0xff));
    return d;
}

/* Every key of the nudged light theme maps to the dark theme's colour for that key, and nudges are tiny. */
static void check_pairing(const theme *light, const theme *dark, long max_nudge)
{
    scheme s;
    scheme_pair_themes(&s, light, dark);
    theme l = *light, d = *dark;
    bool all_map = true, small = true;
    for (size_t i = 0; i < theme_key_count(); i++) {
        const char *nudged = theme_key_colour(&s.light, i);
        if (!nudged)
            continue;
        const char *want = theme_key_colour(&d, i), *got = dark_of(&s, nudged);
        if (!got || strcmp(got, want) != 0) {
            all_map = false;
            fprintf(stderr, "  key %s: %s -> %s, want %s\n", theme_key_path(i), nudged, got ? got : "?", want);
        }
        if (channel_distance(nudged, theme_key_colour(&l, i)) > max_nudge)
            small = false;
    }
    CHECK(all_map);
    CHECK(small);
    for (size_t i = 0; i < s.pair_count; i++)
        for (size_t j = i + 1; j < s.pair_count; j++)
            CHECK(strcmp(s.pairs[i].light, s.pairs[j].light) != 0);
    scheme_free(&s);
}

static void test_builtin_pairs(void)
{
    const theme *def = theme_default();
    const char *names[] = {"dark", "colourblind", "mono"};
    for (size_t i = 0; i < 3; i++) {
        sfnviz_theme *other = sfnviz_theme_load(names[i], NULL, 0);
        CHECK(other != NULL);
        if (other)
            check_pairing(def, other, 8);
        sfnviz_theme_free(other);
    }
}

/* The worst case: one light colour for every key, a different dark colour for each. */
static void test_every_key_shares_one_colour(void)
{
    theme light = *theme_default(), dark = *theme_default();
    paint_all(&light, "#ffffff");
    size_t n = 0;
    for (size_t i = 0; i < theme_key_count(); i++) {
        char *slot = theme_key_colour(&dark, i);
        if (slot)
            snprintf(slot, sizeof(theme_colour), "#%02x0000", (unsigned)(n++ & 0xff));
    }
    CHECK(n > 50);
    check_pairing(&light, &dark, 64);
    /* Near the edge of the range, nudges turn back inside it. */
    paint_all(&light, "#000000");
    check_pairing(&light, &dark, 64);
}

static void test_same_theme_needs_no_rules(void)
{
    scheme s;
    scheme_pair_themes(&s, theme_default(), theme_default());
    strbuf svg;
    strbuf_init(&svg);
    strbuf_puts(&svg, "<?xml?>\n<svg width=\"1\">\n<g/></svg>");
    CHECK_INT(scheme_style_svg(&s, &svg), 0);
    CHECK(strstr(strbuf_cstr(&svg), "{ fill:") == NULL);
    strbuf_free(&svg);
    scheme_free(&s);
}

static void test_style_goes_after_svg_tag(void)
{
    theme light = *theme_default(), dark = *theme_default();
    paint_all(&light, "#ffffff");
    paint_all(&dark, "#000000");
    scheme s;
    scheme_pair_themes(&s, &light, &dark);
    CHECK_INT(s.pair_count, 1);
    strbuf svg;
    strbuf_init(&svg);
    strbuf_puts(&svg, "<?xml version=\"1.0\"?>\n<svg width=\"1\" a=\"b\">\n<g fill=\"#ffffff\"/></svg>");
    CHECK_INT(scheme_style_svg(&s, &svg), 0);
    CHECK_STR(strbuf_cstr(&svg), "<?xml version=\"1.0\"?>\n<svg width=\"1\" a=\"b\">\n<style>\n"
                                 "@media (prefers-color-scheme: dark) {\n"
                                 "  [fill=\"#ffffff\"] { fill: #000000 }\n"
                                 "  [stroke=\"#ffffff\"] { stroke: #000000 }\n"
                                 "}\n</style>\n<g fill=\"#ffffff\"/></svg>");
    strbuf_free(&svg);
    strbuf_init(&svg);
    strbuf_puts(&svg, "not an svg");
    CHECK_INT(scheme_style_svg(&s, &svg), -1);
    CHECK_STR(strbuf_cstr(&svg), "not an svg");
    strbuf_free(&svg);
    scheme_free(&s);
}

int main(void)
{
    test_builtin_pairs();
    test_every_key_shares_one_colour();
    test_same_theme_needs_no_rules();
    test_style_goes_after_svg_tag();
    return test_report();
}
