/* pdf_device.c: Graphviz's cairo PDF output with a creation date that does not change (see pdf_device.h). */
#include "export/pdf_device.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin_render.h>

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern gvplugin_library_t gvplugin_pango_LTX_library;

/* The type of api in pango's library named name: its entry, or NULL. */
static gvplugin_installed_t *pango_type(api_t api, const char *name)
{
    for (gvplugin_api_t *a = gvplugin_pango_LTX_library.apis; a && a->types; a++)
        for (gvplugin_installed_t *t = a->types; a->api == api && t->type; t++)
            if (strcmp(t->type, name) == 0)
                return t;
    return NULL;
}

static gvrender_engine_t pdf_engine;   /* pango's cairo renderer, begin_page wrapped */
static void (*pango_begin_page)(GVJ_t *job);

/* SOURCE_DATE_EPOCH (reproducible-builds.org) as an ISO 8601 date in UTC, in buf; false when it is not
 * set or not a whole number of seconds. */
static bool source_date(char *buf, size_t size)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long secs = strtoull(s, &end, 10);
    time_t t = (time_t)secs;
    struct tm tm;
    if (*end || errno || (unsigned long long)t != secs || !gmtime_r(&t, &tm))
        return false;
    return strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* Pango's begin_page makes the PDF surface (for "pdf", on its first page); the creation date cairo gave
 * it, the time of day, is replaced before anything is written: by SOURCE_DATE_EPOCH, or by none at all
 * (cairo leaves out a date it cannot read). */
static void pdf_begin_page(GVJ_t *job)
{
    pango_begin_page(job);
    cairo_t *cr = job->context;
    cairo_surface_t *s = cr ? cairo_get_target(cr) : NULL;
    if (!s || cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_PDF)
        return;
    char date[32] = "";
    source_date(date, sizeof date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static gvplugin_installed_t pdf_renders[] = {
    {0, "sfnviz", 0, &pdf_engine, NULL},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_installed_t pdf_devices[] = {
    {0, "pdf:sfnviz", 0, NULL, NULL},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_api_t pdf_apis[] = {
    {API_render, pdf_renders},
    {API_device, pdf_devices},
    {(api_t)0, NULL},
};

gvplugin_library_t gvplugin_sfnviz_pdf_LTX_library = {(char *)"sfnviz_pdf", pdf_apis};

int pdf_device_init(void)
{
    if (pango_begin_page)
        return 0;
    gvplugin_installed_t *render = pango_type(API_render, "cairo");
    gvplugin_installed_t *device = pango_type(API_device, "pdf:cairo");
    if (!render || !render->engine || !device)
        return -1;
    pdf_engine = *(gvrender_engine_t *)render->engine;
    pango_begin_page = pdf_engine.begin_page;
    if (!pango_begin_page)
        return -1;
    pdf_engine.begin_page = pdf_begin_page;
    /* Pango's renderer tells PDF from PNG by these ids: a device without an engine of its own lends its id
     * to the renderer. */
    pdf_renders[0].id = render->id;
    pdf_renders[0].features = render->features;
    pdf_devices[0].id = device->id;
    pdf_devices[0].features = device->features;
    return 0;
}
