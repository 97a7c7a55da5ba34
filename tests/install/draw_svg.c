/* draw_svg.c: an embedder that draws: the first state machine of FILE as SVG on standard output, through
 * the installed library's public API. With libsfnviz.so the drawing module is loaded from the library's
 * own <libdir>/sfnviz/; exit 0, or 1 with the reason on standard error. */
#include <sfnviz.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: draw_svg FILE\n");
        return 1;
    }
    sfnviz_doc *doc = sfnviz_doc_load_file(argv[1], NULL);
    const sfnviz_machine *m = doc && !sfnviz_doc_failed(doc) ? sfnviz_doc_machine(doc, 0) : NULL;
    char err[2048], *svg = NULL;
    size_t len = 0;
    int rc = 1;
    if (!m)
        fprintf(stderr, "draw_svg: %s: no state machine\n", argv[1]);
    else if (sfnviz_export(doc, &m, 1, SFNVIZ_FORMAT_SVG, NULL, &svg, &len, err, sizeof err) != 0)
        fprintf(stderr, "draw_svg: %s\n", err);
    else
        rc = fwrite(svg, 1, len, stdout) == len ? 0 : 1;
    free(svg);
    sfnviz_doc_free(doc);
    return rc;
}
