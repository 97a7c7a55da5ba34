/* textcache.c: a text layout plugin that remembers sizes (see textcache.h). */
#include "export/textcache.h"

#include "base/arena.h"
#include "base/strmap.h"

#include <graphviz/gvplugin_textlayout.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern gvplugin_library_t gvplugin_pango_LTX_library;

/* What pango answered for one text: all a span needs besides its layout. */
typedef struct measured {
    pointf size;
    double yoffset_layout, yoffset_centerline;
} measured;

static struct {
    bool on;
    arena keys;      /* the keys strmap points at */
    strbuf scratch;  /* the key being looked up */
    strmap index;    /* key -> index in sizes */
    measured *sizes;
    size_t count, cap;
} cache;

/* Pango's own text layout engine, from its plugin library. */
static gvtextlayout_engine_t *pango_engine(void)
{
    static gvtextlayout_engine_t *engine;
    if (engine)
        return engine;
    for (gvplugin_api_t *api = gvplugin_pango_LTX_library.apis; api && api->types; api++)
        if (api->api == API_textlayout && api->types[0].engine)
            engine = api->types[0].engine;
    return engine;
}

/* The cache's key for a span, in scratch: font name, size, style flags and text (no NUL can occur). */
static const char *key_of(const textspan_t *span, strbuf *scratch)
{
    const textfont_t *f = span->font;
    scratch->len = 0;
    strbuf_printf(scratch, "%s\x1f%.17g\x1f%u\x1f%s", f->name ? f->name : "", f->size, (unsigned)f->flags,
                  span->str ? span->str : "");
    return strbuf_cstr(scratch);
}

static boolean cached_textlayout(textspan_t *span, char **fontpath)
{
    gvtextlayout_engine_t *pango = pango_engine();
    if (!cache.on || fontpath || !span->font) /* fontpath: Graphviz's verbose mode wants the font file */
        return pango ? pango->textlayout(span, fontpath) : FALSE;
    const char *key = key_of(span, &cache.scratch);
    int k = strmap_get(&cache.index, 0, key);
    if (k >= 0) {
        span->size = cache.sizes[k].size;
        span->yoffset_layout = cache.sizes[k].yoffset_layout;
        span->yoffset_centerline = cache.sizes[k].yoffset_centerline;
        span->layout = NULL;
        span->free_layout = NULL;
        return TRUE;
    }
    if (!pango || !pango->textlayout(span, fontpath))
        return FALSE;
    strmap_put(&cache.index, 0, arena_strdup(&cache.keys, key), (int)cache.count);
    cache.sizes = sfn_grow(cache.sizes, &cache.cap, cache.count + 1, sizeof *cache.sizes);
    cache.sizes[cache.count++] = (measured){span->size, span->yoffset_layout, span->yoffset_centerline};
    return TRUE;
}

static gvtextlayout_engine_t cached_engine = {cached_textlayout};

static gvplugin_installed_t cached_types[] = {
    {0, "textlayout", 20, &cached_engine, NULL}, /* pango's is 10 */
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_api_t cached_apis[] = {
    {API_textlayout, cached_types},
    {(api_t)0, NULL},
};

gvplugin_library_t gvplugin_sfnviz_textcache_LTX_library = {(char *)"sfnviz_textcache", cached_apis};

void textcache_begin(void)
{
    textcache_end();
    arena_init(&cache.keys);
    strmap_init(&cache.index);
    strbuf_init(&cache.scratch);
    cache.on = true;
}

void textcache_end(void)
{
    if (!cache.on)
        return;
    cache.on = false;
    strmap_free(&cache.index);
    arena_release(&cache.keys);
    strbuf_free(&cache.scratch);
    free(cache.sizes);
    cache.sizes = NULL;
    cache.count = cache.cap = 0;
}
