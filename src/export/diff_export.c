/* diff_export.c: the diff's writers by format (sfnviz_diff_write_all, sfnviz.h). Text and JSON come from
 * the diff stage (diff/writers.h); Markdown, which holds a Mermaid diagram, and the drawn formats, one
 * machine each, from this stage (diff_markdown.c, diff_draw.c). */
#include "base/timing.h"
#include "diff/diff.h"
#include "diff/writers.h"
#include "export/diff_draw.h"
#include "export/diff_markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const FORMAT_NAMES[] = {
    [SFNVIZ_DIFF_TEXT] = "text", [SFNVIZ_DIFF_MARKDOWN] = "markdown", [SFNVIZ_DIFF_JSON] = "json",
    [SFNVIZ_DIFF_SVG] = "svg",   [SFNVIZ_DIFF_PNG] = "png",           [SFNVIZ_DIFF_PDF] = "pdf",
    [SFNVIZ_DIFF_DOT] = "dot",
};
enum { FORMAT_COUNT = sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] };

int sfnviz_diff_format_from_name(const char *name)
{
    for (int i = 0; name && i < FORMAT_COUNT; i++)
        if (strcasecmp(name, FORMAT_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *sfnviz_diff_format_name(sfnviz_diff_format f)
{
    return (unsigned)f < FORMAT_COUNT ? FORMAT_NAMES[f] : "?";
}

int sfnviz_diff_drawn_format(sfnviz_diff_format f)
{
    switch (f) {
    case SFNVIZ_DIFF_SVG: return SFNVIZ_FORMAT_SVG;
    case SFNVIZ_DIFF_PNG: return SFNVIZ_FORMAT_PNG;
    case SFNVIZ_DIFF_PDF: return SFNVIZ_FORMAT_PDF;
    case SFNVIZ_DIFF_DOT: return SFNVIZ_FORMAT_DOT;
    default: return -1;
    }
}

/* The machine a drawn diff shows: the one named, else the only one that differs; NULL after saying in
 * err why there is none to pick (none differs, several do: named, so the caller can choose with -m). */
static const machine_diff *machine_to_draw(const sfnviz_diff *const *diffs, size_t n, const char *wanted,
                                           char *err, size_t err_size)
{
    const machine_diff *found = NULL;
    size_t differing = 0, used = 0;
    char names[512] = "";
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < diffs[i]->d.count; k++) {
            const machine_diff *md = &diffs[i]->d.machines[k];
            if (wanted ? strcmp(md->id, wanted) != 0 : !machine_diff_differs(md))
                continue;
            if (!found)
                found = md;
            differing++;
            if (used < sizeof names - 1)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", md->id);
        }
    if (wanted && !found)
        snprintf(err, err_size, "no state machine '%s' in either version", wanted);
    else if (!found)
        snprintf(err, err_size, "no state machine differs: there is no diff to draw");
    else if (differing > 1)
        snprintf(err, err_size, "%zu state machines %s (%s): choose the one to draw with -m ID", differing,
                 wanted ? "have that ID" : "differ", names);
    return found && differing == 1 ? found : NULL;
}

/* A side whose definition is in S3, missing or broken has no graph, and its states were not compared:
 * with nothing to draw in the new version the drawing is refused (the text formats say why), and a
 * definition drawable only now is drawn as a machine added, every state of it new to the reader. */
static int draw_machine_diff(const machine_diff *md, sfnviz_format format, const sfnviz_render_options *ro,
                             char **out, size_t *len, char *err, size_t err_size)
{
    const machine *shown = md->new_m ? md->new_m : md->old_m;
    if (shown->status != MACHINE_OK) {
        snprintf(err, err_size, "%s: the %s version has nothing to draw: %s", md->id, md->new_m ? "new" : "old",
                 shown->message_plain ? shown->message_plain : "no definition");
        return -1;
    }
    if (md->new_m && md->old_m && md->old_m->status != MACHINE_OK) {
        machine_diff added = {.id = md->id, .status = DIFF_ADDED, .new_m = md->new_m};
        return export_diff_drawing(&added, format, ro, out, len, err, err_size);
    }
    return export_diff_drawing(md, format, ro, out, len, err, err_size);
}

static void write_one(strbuf *b, const doc_diff *d, size_t i, sfnviz_diff_format format, const sfnviz_diff_options *o)
{
    if (format == SFNVIZ_DIFF_JSON) {
        if (i && d->count && b->len && b->data[b->len - 1] != '[')
            strbuf_puts(b, ",\n");
        else if (d->count)
            strbuf_putc(b, '\n');
        diff_write_json(b, d);
        return;
    }
    if (i)
        strbuf_putc(b, '\n');
    if (format == SFNVIZ_DIFF_TEXT)
        diff_write_text(b, d, o->color);
    else
        diff_write_markdown(b, d, o);
}

static int write_text_formats(const sfnviz_diff *const *diffs, size_t n, sfnviz_diff_format format,
                              const sfnviz_diff_options *opts, char **out, size_t *len)
{
    double start = timing_now();
    strbuf b;
    strbuf_init(&b);
    bool json = format == SFNVIZ_DIFF_JSON;
    if (json)
        strbuf_puts(&b, "{\"version\": 1, \"machines\": [");
    for (size_t i = 0; i < n; i++)
        write_one(&b, &diffs[i]->d, i, format, opts);
    if (json)
        strbuf_puts(&b, b.data[b.len - 1] == '[' ? "]}\n" : "\n]}\n");
    strbuf_cstr(&b);
    timing_add(STAGE_RENDER, start);
    *out = b.data;
    *len = b.len;
    return 0;
}

int sfnviz_diff_write_all(const sfnviz_diff *const *diffs, size_t n, sfnviz_diff_format format,
                          const sfnviz_diff_options *opts, char **out, size_t *len, char *err, size_t err_size)
{
    static const sfnviz_diff_options defaults = {0, NULL, NULL};
    *out = NULL;
    *len = 0;
    if (!opts)
        opts = &defaults;
    if ((unsigned)format >= FORMAT_COUNT) {
        snprintf(err, err_size, "unknown diff format");
        return -1;
    }
    int drawn = sfnviz_diff_drawn_format(format);
    if (drawn < 0)
        return write_text_formats(diffs, n, format, opts, out, len);
    const machine_diff *md = machine_to_draw(diffs, n, opts->machine, err, err_size);
    if (!md)
        return -1;
    return draw_machine_diff(md, (sfnviz_format)drawn, opts->render, out, len, err, err_size);
}

int sfnviz_diff_write(const sfnviz_diff *d, sfnviz_diff_format format, const sfnviz_diff_options *opts, char **out,
                      size_t *len, char *err, size_t err_size)
{
    return sfnviz_diff_write_all(&d, 1, format, opts, out, len, err, err_size);
}
