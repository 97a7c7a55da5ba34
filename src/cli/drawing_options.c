/* drawing_options.c: see drawing_options.h. */
#include "drawing_options.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

static sfnviz_theme *load_theme(const char *name, sfnviz_theme **out)
{
    char err[1024];
    if (!(*out = sfnviz_theme_load(name, err, sizeof err)))
        fprintf(stderr, "%s\n", err);
    return *out;
}

int drawing_options_load(drawing_options *d, const options *o)
{
    memset(d, 0, sizeof *d);
    d->ro.direction = o->direction;
    d->ro.no_title = o->no_title;
    d->ro.title = o->title;
    d->ro.legend = o->legend;
    d->ro.png_dpi = o->dpi;
    d->ro.detail = o->detail;
    d->ro.warn = print_warning;
    bool automatic = o->theme && strcmp(o->theme, "auto") == 0;
    if (o->theme && !automatic && !load_theme(o->theme, &d->theme))
        return -1;
    const char *dark_name = o->dark_theme ? o->dark_theme : automatic ? "dark" : NULL;
    if (dark_name && !load_theme(dark_name, &d->dark)) {
        drawing_options_free(d);
        return -1;
    }
    d->ro.theme = d->theme;
    d->ro.dark_theme = d->dark;
    return 0;
}

void drawing_options_free(drawing_options *d)
{
    sfnviz_theme_free(d->theme);
    sfnviz_theme_free(d->dark);
    d->theme = d->dark = NULL;
}

int drawing_prepare(sfnviz_format format)
{
    char err[2048];
    if (sfnviz_export_prepare(format, err, sizeof err) == 0)
        return 0;
    fputs("sfnviz: error: ", stderr);
    put_safe_line(stderr, err);
    return -1;
}
