/* theme_search.h: where a theme named on the command line (not built in, not a file) is looked for. */
#ifndef SFNVIZ_THEME_SEARCH_H
#define SFNVIZ_THEME_SEARCH_H

#include <stddef.h>

/* The folders searched, in order, for NAME.yaml: $XDG_DATA_HOME/sfnviz/themes (default
 * ~/.local/share/sfnviz/themes), then <prefix>/share/sfnviz/themes of the running program
 * (/proc/self/exe/../../share), then the install prefix the library was built for; each once, and those
 * that cannot be known (no HOME) left out. Folder i, or NULL past the last; written into buf. */
const char *theme_search_dir(size_t i, char *buf, size_t size);

/* The path of NAME.yaml (or NAME.yml) in the first folder holding it, malloc'd; NULL when none does. */
char *theme_search(const char *name);

#endif
