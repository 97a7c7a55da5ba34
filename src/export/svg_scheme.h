/* svg_scheme.h: one SVG for light and dark pages.
 *
 * The SVG is drawn in the light theme; a <style> block then repaints each of its colours as the dark
 * theme's colour for the same key when the page asks for a dark scheme (CSS `prefers-color-scheme`), so
 * the same file reads well in GitHub's light and dark views. CSS finds the colours by value (attribute
 * selectors on Graphviz's fill and stroke attributes), which works only when each light colour stands for
 * one dark colour: scheme_pair_themes makes it so by nudging light colours that two keys share, but whose
 * dark colours differ, by a step of the blue or green channel, which no eye tells apart. Only colours
 * switch: fonts, sizes and line styles stay the light theme's. */
#ifndef SFNVIZ_SVG_SCHEME_H
#define SFNVIZ_SVG_SCHEME_H

#include "base/arena.h"
#include "graph/theme.h"

#include <stddef.h>

typedef struct scheme_pair {
    theme_colour light, dark;
} scheme_pair;

typedef struct scheme {
    theme light;              /* the light theme, its colours nudged apart where needed: draw with this */
    scheme_pair *pairs;       /* each distinct colour of `light` with its dark counterpart */
    size_t pair_count;
} scheme;

/* Pairs the colours of light and dark key by key. Free with scheme_free. */
void scheme_pair_themes(scheme *s, const theme *light, const theme *dark);
void scheme_free(scheme *s);

/* Inserts the <style> of s right after the opening <svg ...> tag of the SVG text in svg. Returns 0, or -1
 * when svg holds no <svg> tag (then it is left as it was). */
int scheme_style_svg(const scheme *s, strbuf *svg);

#endif
