/* theme_search.h: where a theme named on the command line (not built in, not a file) is looked for. */
#ifndef SFNVIZ_THEME_SEARCH_H
#define SFNVIZ_THEME_SEARCH_H

#include <stddef.h>

#include <limits.h>

/* The folders searched, in order, for NAME.yaml: $XDG_DATA_HOME/sfnviz/themes (default
 * ~/.local/share/sfnviz/themes), then <prefix>/share/sfnviz/themes of the running program
 * (/proc/self/exe/../../share), then the install prefix the library was built for; each once, and those
 * that cannot be known (no HOME) left out. */
typedef struct theme_dirs {
    char path[3][PATH_MAX];
    size_t count;
} theme_dirs;

void theme_search_dirs(theme_dirs *dirs);

/* The path of NAME.yaml (or NAME.yml) in the first folder holding it, malloc'd; NULL when none does. */
char *theme_search(const theme_dirs *dirs, const char *name);

#endif
