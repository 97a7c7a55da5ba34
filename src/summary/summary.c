/* summary.c: sfnviz_summary: each machine's outline and facts, written by the format's writer. */
#include "summary/summary.h"
#include "summary/display.h"
#include "base/json_text.h"
#include "base/timing.h"

#include <strings.h>

static const char *const FORMAT_NAMES[] = {
    [SFNVIZ_SUMMARY_TEXT] = "text",
    [SFNVIZ_SUMMARY_MARKDOWN] = "markdown",
    [SFNVIZ_SUMMARY_JSON] = "json",
};
enum { FORMAT_COUNT = sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] };

int sfnviz_summary_format_from_name(const char *name)
{
    for (int i = 0; name && i < FORMAT_COUNT; i++)
        if (strcasecmp(name, FORMAT_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *sfnviz_summary_format_name(sfnviz_summary_format f)
{
    return (unsigned)f < FORMAT_COUNT ? FORMAT_NAMES[f] : "?";
}

static void summarise(strbuf *out, const machine *m, const sfnviz_summary_options *opts)
{
    outline o;
    facts f;
    outline_build(m, &o);
    facts_gather(m, &o, &f);
    summary_input in = {m, m->status == MACHINE_OK ? &o : NULL, &f, opts};
    if (opts->format == SFNVIZ_SUMMARY_TEXT)
        summary_text(out, &in);
    else if (opts->format == SFNVIZ_SUMMARY_MARKDOWN)
        summary_markdown(out, &in);
    else
        summary_json(out, &in);
    facts_free(&f);
    outline_free(&o);
}

/* What a file without state machines gets instead. */
static void no_machines(strbuf *out, const sfnviz_doc *doc, sfnviz_summary_format format)
{
    const char *path = sfnviz_doc_path(doc);
    if (format == SFNVIZ_SUMMARY_MARKDOWN) {
        markdown_escape(out, path);
        strbuf_puts(out, ": no state machines\n");
    } else {
        display_escape(out, path);
        strbuf_puts(out, ": no state machines\n");
    }
}

int sfnviz_summary(const sfnviz_doc *doc, const sfnviz_machine *const *machines, size_t n,
                   const sfnviz_summary_options *opts, char **out, size_t *out_len, char *err, size_t err_size)
{
    static const sfnviz_summary_options defaults = {SFNVIZ_SUMMARY_TEXT, 0, 0, 0};
    *out = NULL;
    *out_len = 0;
    if (!opts)
        opts = &defaults;
    if ((unsigned)opts->format >= FORMAT_COUNT) {
        snprintf(err, err_size, "unknown summary format");
        return -1;
    }
    double start = timing_now();
    strbuf b;
    strbuf_init(&b);
    bool json = opts->format == SFNVIZ_SUMMARY_JSON;
    if (json)
        strbuf_puts(&b, "{\"version\": 1, \"machines\": [");
    else if (n == 0)
        no_machines(&b, doc, opts->format);
    for (size_t i = 0; i < n; i++) {
        if (json)
            strbuf_puts(&b, i ? ",\n" : "\n");
        else if (i)
            strbuf_putc(&b, '\n');
        summarise(&b, machines[i], opts);
    }
    if (json)
        strbuf_puts(&b, n ? "\n]}\n" : "]}\n");
    strbuf_cstr(&b);
    timing_add(STAGE_RENDER, start);
    *out = b.data;
    *out_len = b.len;
    return 0;
}
