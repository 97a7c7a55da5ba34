/* definition_file.c: DefinitionUri files, read once per template; see definition_file.h. */
#include "template/definition_file.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "read/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void definition_files_init(definition_files *fs, arena *a, const sfnviz_file_source *source,
                           const sfnviz_limits *limits)
{
    memset(fs, 0, sizeof *fs);
    fs->a = a;
    fs->source = source;
    fs->limits = limits;
    strmap_init(&fs->index);
}

void definition_files_free(definition_files *fs)
{
    strmap_free(&fs->index);
    free(fs->items);
    fs->items = NULL;
    fs->count = fs->cap = 0;
}

/* From the file system: a FIFO would block forever and a device never ends, so only a regular file (or
 * a folder, which source_read_file names as such) is opened. */
static definition_file_status read_from_disk(definition_files *fs, const char *path, definition_file *f)
{
    struct stat st;
    char err[256];
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        f->problem = "is not a regular file";
        return DEFINITION_FILE_UNREADABLE;
    }
    char *text = NULL;
    if (source_read_file(fs->a, path, fs->limits, &text, &f->len, err, sizeof err) == 0) {
        f->text = text;
        return DEFINITION_FILE_READ;
    }
    f->problem = arena_strdup(fs->a, err);
    return stat(path, &st) == 0 ? DEFINITION_FILE_UNREADABLE : DEFINITION_FILE_MISSING;
}

/* Through the caller's file source (sfnviz_doc_load_buffer_in: a template at a git revision), the text
 * copied into the arena and held to the input-size limit as a file is. */
static definition_file_status read_from_source(definition_files *fs, const char *path, definition_file *f)
{
    char *got = NULL, err[256];
    size_t n = 0;
    snprintf(err, sizeof err, "cannot be read");
    int rc = fs->source->read(fs->source->ctx, path, &got, &n, err, sizeof err);
    definition_file_status status = DEFINITION_FILE_UNREADABLE;
    if (rc == 0 && got && n > limit_of(fs->limits, SFNVIZ_LIMIT_INPUT_SIZE)) {
        char limit[160];
        snprintf(err, sizeof err, "larger than %s",
                 limit_describe(limit, sizeof limit, fs->limits, SFNVIZ_LIMIT_INPUT_SIZE));
    } else if (rc == 0 && got) {
        f->text = arena_strndup(fs->a, got, n);
        f->len = n;
        status = DEFINITION_FILE_READ;
    } else if (rc == 1) {
        snprintf(err, sizeof err, "no such file");
        status = DEFINITION_FILE_MISSING;
    }
    free(got);
    if (status != DEFINITION_FILE_READ)
        f->problem = arena_strdup(fs->a, err);
    return status;
}

/* UTF-16 with a byte order mark is decoded, as sfnviz_doc_load_file reads a template; other encodings
 * are named. */
static void decode(definition_files *fs, definition_file *f)
{
    size_t len = f->len;
    char *utf8 = utf8_from_utf16(fs->a, f->text, &len);
    if (utf8) {
        f->text = utf8;
        f->len = len;
        return;
    }
    const char *unread = utf8_unread_encoding(f->text, f->len);
    if (unread) {
        f->status = DEFINITION_FILE_UNREADABLE;
        f->problem = arena_printf(fs->a, "looks like %s: sfnviz reads UTF-8, or UTF-16 with a byte order mark",
                                  unread);
    }
}

static void parse(definition_files *fs, const char *path, definition_file *f, diag_list *warnings)
{
    diag_list diags;
    diag_list_init(&diags);
    f->tree = value_read(fs->a, path, f->text, f->len, fs->limits, &diags);
    for (size_t i = 0; i < diags.count; i++) {
        diag *d = &diags.items[i];
        if (d->level == DIAG_ERROR && !f->error_message) {
            f->error_at = d->at;
            f->error_message = arena_strdup(fs->a, d->message);
        } else if (d->level != DIAG_ERROR) {
            diag_add(warnings, d->level, d->at, "%s", d->message);
            diag_set_rule(warnings, d->rule);
        }
    }
    diag_list_free(&diags);
    if (!f->tree && !f->error_message) {
        f->error_at = mark_at(path, 1, 1);
        f->error_message = "it does not parse";
    }
}

static definition_file *read_file(definition_files *fs, const char *path, diag_list *warnings)
{
    definition_file *f = arena_calloc(fs->a, 1, sizeof *f);
    f->status = fs->source ? read_from_source(fs, path, f) : read_from_disk(fs, path, f);
    if (f->status == DEFINITION_FILE_READ)
        decode(fs, f);
    if (f->status == DEFINITION_FILE_READ)
        parse(fs, path, f, warnings);
    return f;
}

definition_file *definition_files_get(definition_files *fs, const char *path, diag_list *warnings)
{
    int at = strmap_get(&fs->index, 0, path);
    if (at >= 0)
        return fs->items[at];
    definition_file *f = read_file(fs, path, warnings);
    fs->items = sfn_grow(fs->items, &fs->cap, fs->count + 1, sizeof *fs->items);
    fs->items[fs->count] = f;
    strmap_put(&fs->index, 0, arena_strdup(fs->a, path), (int)fs->count++);
    return f;
}
