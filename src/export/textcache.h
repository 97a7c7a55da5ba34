/* textcache.h: text sizes measured once per run, in front of Graphviz's pango text layout.
 *
 * Sizing node and edge labels with pango was 37 % of a 500-state render's instructions (callgrind), and
 * most labels repeat ("catch States.ALL", "→ HandleFailure", the same resource names); the boxes laid out
 * alone for the Parallel bars (bars.c) size their states' labels a second time. While a cache is on,
 * each (font, size, style, text) is measured by pango once. The spans it answers carry no pango layout,
 * which only the cairo renderer reads: turn it on for SVG and DOT output only. */
#ifndef SFNVIZ_TEXTCACHE_H
#define SFNVIZ_TEXTCACHE_H

#include <graphviz/gvplugin.h>

/* The plugin library to list among gvContextPlugins' built-ins (its text layout outranks pango's, and
 * passes every call through to it while no cache is on). */
extern gvplugin_library_t gvplugin_sfnviz_textcache_LTX_library;

/* Starts answering repeated texts from a cache; textcache_end forgets them. */
void textcache_begin(void);
void textcache_end(void);

#endif
