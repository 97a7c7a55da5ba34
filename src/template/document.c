/* document.c: loading a file into machines, and the public accessors of sfnviz.h. */
#include "template/document.h"
#include "read/source.h"
#include "template/template.h"
#include "base/timing.h"
#include "base/utf8.h"
#include "base/limits.h"

#include <stdlib.h>
#include <string.h>

static sfnviz_doc *doc_new(const char *name)
{
    sfnviz_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        sfn_oom();
    arena_init(&doc->arena);
    diag_list_init(&doc->diags);
    doc->path = arena_strdup(&doc->arena, name);
    return doc;
}

static void doc_interpret(sfnviz_doc *doc, const char *text, size_t len, const sfnviz_load_options *opts,
                          const char *base_dir, const sfnviz_file_source *files)
{
    double start = timing_now();
    /* UTF-16 becomes UTF-8 here, for both readers (libyaml alone would read it) and for the template
     * stage, which finds positions in the text. */
    const char *utf8 = utf8_from_utf16(&doc->arena, text, &len);
    const char *unread = utf8 ? NULL : utf8_unread_encoding(text, len);
    if (utf8)
        text = utf8;
    if (unread) {
        diag_error(&doc->diags, mark_at(doc->path, 1, 1), "the file looks like %s: sfnviz reads UTF-8, or UTF-16 "
                                                          "with a byte order mark", unread);
        doc->failed = true;
        return;
    }
    const sfnviz_limits *limits = opts ? &opts->limits : NULL;
    doc->root = value_read(&doc->arena, doc->path, text, len, limits, &doc->diags);
    timing_add(STAGE_READ, start);
    if (!doc->root) {
        doc->failed = true;
        return;
    }
    start = timing_now();
    template_options t = {opts ? opts->root : NULL, base_dir, text, len, files, limits};
    if (!template_read(&doc->arena, doc->path, doc->root, &t, &doc->machines, &doc->machine_count, &doc->diags))
        doc->failed = true;
    timing_add(STAGE_MODEL, start);
}

sfnviz_doc *sfnviz_doc_load_file(const char *path, const sfnviz_load_options *opts)
{
    sfnviz_doc *doc = doc_new(path);
    char *text = NULL, err[256];
    size_t len = 0;
    double start = timing_now();
    int rc = source_read_file(&doc->arena, path, opts ? &opts->limits : NULL, &text, &len, err, sizeof err);
    timing_add(STAGE_READ, start);
    if (rc != 0) {
        diag_error(&doc->diags, mark_at(doc->path, 0, 0), "%s", err);
        doc->failed = true;
        return doc;
    }
    doc_interpret(doc, text, len, opts, NULL, NULL);
    return doc;
}

sfnviz_doc *sfnviz_doc_load_stream(const char *name, FILE *stream, const sfnviz_load_options *opts)
{
    sfnviz_doc *doc = doc_new(name);
    char *text = NULL, err[256];
    size_t len = 0;
    double start = timing_now();
    int rc = source_read_stream(&doc->arena, stream, opts ? &opts->limits : NULL, &text, &len, err, sizeof err);
    timing_add(STAGE_READ, start);
    if (rc != 0) {
        diag_error(&doc->diags, mark_at(doc->path, 0, 0), "%s", err);
        doc->failed = true;
        return doc;
    }
    doc_interpret(doc, text, len, opts, ".", NULL);
    return doc;
}

/* Text handed over in memory (standard input read by the caller, a file at a git revision) meets the same
 * input-size limit as a file that is opened here. */
static bool within_input_size(sfnviz_doc *doc, size_t len, const sfnviz_load_options *opts)
{
    const sfnviz_limits *limits = opts ? &opts->limits : NULL;
    if (len <= limit_of(limits, SFNVIZ_LIMIT_INPUT_SIZE))
        return true;
    char limit[160];
    diag_error(&doc->diags, mark_at(doc->path, 0, 0), "larger than %s",
               limit_describe(limit, sizeof limit, limits, SFNVIZ_LIMIT_INPUT_SIZE));
    doc->failed = true;
    return false;
}

sfnviz_doc *sfnviz_doc_load_buffer(const char *name, const char *text, size_t len, const sfnviz_load_options *opts)
{
    sfnviz_doc *doc = doc_new(name);
    if (within_input_size(doc, len, opts))
        doc_interpret(doc, text, len, opts, ".", NULL);
    return doc;
}

sfnviz_doc *sfnviz_doc_load_buffer_in(const char *name, const char *text, size_t len, const char *dir,
                                      const sfnviz_file_source *files, const sfnviz_load_options *opts)
{
    sfnviz_doc *doc = doc_new(name);
    if (within_input_size(doc, len, opts))
        doc_interpret(doc, text, len, opts, dir ? dir : ".", files && files->read ? files : NULL);
    return doc;
}

void sfnviz_doc_free(sfnviz_doc *doc)
{
    if (!doc)
        return;
    diag_list_free(&doc->diags);
    arena_release(&doc->arena);
    free(doc);
}

int sfnviz_doc_failed(const sfnviz_doc *doc) { return doc->failed; }
const char *sfnviz_doc_path(const sfnviz_doc *doc) { return doc->path; }
size_t sfnviz_doc_diag_count(const sfnviz_doc *doc) { return doc->diags.count; }

const char *sfnviz_doc_diag_text(const sfnviz_doc *doc, size_t i, char *buf, size_t size)
{
    diag_format(i < doc->diags.count ? &doc->diags.items[i] : NULL, buf, size);
    return buf;
}

int sfnviz_doc_diag(const sfnviz_doc *doc, size_t i, sfnviz_diagnostic *out)
{
    if (i >= doc->diags.count)
        return -1;
    const diag *d = &doc->diags.items[i];
    out->severity = (sfnviz_severity)d->level;
    out->rule = d->rule;
    out->message = d->message;
    out->at = (sfnviz_location){d->at.file, d->at.line, d->at.column};
    return 0;
}

const char *sfnviz_severity_name(sfnviz_severity s)
{
    return s == SFNVIZ_SEVERITY_ERROR ? "error" : s == SFNVIZ_SEVERITY_WARNING ? "warning" : "note";
}

int sfnviz_doc_diag_is_error(const sfnviz_doc *doc, size_t i)
{
    return i < doc->diags.count && doc->diags.items[i].level == DIAG_ERROR;
}

size_t sfnviz_doc_machine_count(const sfnviz_doc *doc) { return doc->machine_count; }

const sfnviz_machine *sfnviz_doc_machine(const sfnviz_doc *doc, size_t i)
{
    return i < doc->machine_count ? &doc->machines[i] : NULL;
}

const sfnviz_machine *sfnviz_doc_find_machine(const sfnviz_doc *doc, const char *id)
{
    for (size_t i = 0; i < doc->machine_count; i++)
        if (strcmp(doc->machines[i].id, id) == 0)
            return &doc->machines[i];
    return NULL;
}
