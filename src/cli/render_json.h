/* render_json.h: several files' JSON export as one document, so jq can read a whole repository. */
#ifndef SFNVIZ_CLI_RENDER_JSON_H
#define SFNVIZ_CLI_RENDER_JSON_H

#include "options.h"

/* Writes {"version": 1, "files": [{"path", "error", "machines": [...]}]} for every FILE to -o FILE or
 * standard output; each file's machines are as its own JSON export has them. Returns the exit code: 2 when
 * a file does not parse or a machine has nothing to draw (the document is written all the same). */
int render_json_files(const options *o, const sfnviz_render_options *ro);

#endif
