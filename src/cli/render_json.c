/* render_json.c: `sfnviz render -f json FILE...` to one document; see render_json.h. */
#include "render_json.h"
#include "cli.h"
#include "output.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

/* One file's object; returns the file's exit code. */
static int put_file(FILE *out, const char *path, const options *o, const sfnviz_render_options *ro)
{
    sfnviz_doc *doc = load_doc(path, o);
    print_diagnostics(doc, false);
    int rc = EXIT_OK;
    char err[2048] = "";
    const char *file_error = NULL;
    char *data = NULL;
    size_t len = 0, n = sfnviz_doc_machine_count(doc);
    const sfnviz_machine **ms = calloc(n ? n : 1, sizeof *ms);
    for (size_t i = 0; ms && i < n; i++) {
        ms[i] = sfnviz_doc_machine(doc, i);
        if (!sfnviz_machine_drawable(ms[i])) {
            put_safe_line(stderr, sfnviz_machine_message(ms[i]));
            rc = EXIT_BAD_INPUT;
        }
    }
    if (sfnviz_doc_failed(doc) || !ms) {
        file_error = ms ? doc_error_text(doc, err, sizeof err) : "out of memory";
        rc = EXIT_BAD_INPUT;
    } else if (n && sfnviz_export(doc, ms, n, SFNVIZ_FORMAT_JSON, ro, &data, &len, err, sizeof err) != 0) {
        put_safe_line(stderr, err);
        file_error = err;
        rc = EXIT_BAD_INPUT;
    }
    put_json_file_entry(out, sfnviz_doc_path(doc), file_error, data, len);
    free(data);
    free(ms);
    sfnviz_doc_free(doc);
    return rc;
}

int render_json_files(const options *o, const sfnviz_render_options *ro)
{
    char *doc = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&doc, &len);
    if (!out) {
        fprintf(stderr, "sfnviz: error: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    int rc = EXIT_OK;
    fputs("{\"version\": 1, \"files\": [", out);
    for (size_t f = 0; f < o->file_count; f++) {
        fputs(f ? ",\n" : "\n", out);
        if (put_file(out, o->files[f], o, ro) != EXIT_OK)
            rc = EXIT_BAD_INPUT;
    }
    fputs("\n]}\n", out);
    fclose(out);
    int wrc = output_put(o->output, doc, len, o->check);
    free(doc);
    return wrc < 0 || rc == EXIT_BAD_INPUT ? EXIT_BAD_INPUT : wrc > 0 ? EXIT_STALE : rc;
}
