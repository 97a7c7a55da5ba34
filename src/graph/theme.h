/* theme.h: colours, fonts and line styles the graph stage draws with.
 *
 * A theme is a YAML file (themes/default.yaml documents every key). The built-in default sets every key;
 * any other theme, built in or the user's, starts from a copy of the default and overrides some keys.
 * Colours are always "#rrggbb" (Graphviz rejects the 3-digit form), stored NUL-terminated in place, so a
 * theme is one flat struct with no pointers: copying it is a memcpy and freeing it one free(). */
#ifndef SFNVIZ_THEME_H
#define SFNVIZ_THEME_H

#include <stddef.h>

typedef char theme_colour[8]; /* "#rrggbb" */

/* How one kind of state box is painted. */
typedef struct theme_box {
    theme_colour fill, border, text; /* text: the state's name */
    theme_colour detail;             /* the line under the name (resource, wait time, error); empty for the
                                        boxes drawn without one (pass, choice, succeed, markers) */
} theme_box;

/* Line styles Graphviz knows for both edges and clusters. */
typedef enum theme_line { THEME_SOLID, THEME_DASHED, THEME_DOTTED, THEME_BOLD } theme_line;

typedef struct theme_edge {
    theme_colour color, text; /* the line and its label */
    theme_line style;
} theme_edge;

typedef struct theme_cluster {
    theme_colour border, fill;
    theme_colour text, detail; /* the name and the line describing it ("Map · INLINE"); empty for branches */
    theme_line style;
} theme_cluster;

struct sfnviz_theme {
    char description[160];
    theme_colour background;
    char font_family[64];
    double font_size;   /* state names */
    double detail_size; /* resource lines, wait times, errors */
    double edge_size;   /* edge labels */
    double small_size;  /* error names listed under retry and catch labels */
    double title_size;  /* the diagram's title */
    double node_line, edge_line, cluster_line; /* pen widths in points */
    theme_colour title_text, title_detail;
    theme_box task, pass, choice, wait, succeed, fail, unknown, missing;
    theme_box marker; /* Start and End */
    theme_edge next, choice_edge, default_edge, catch_edge, retry_edge;
    theme_cluster parallel, branch, map;
    theme_colour bar; /* Parallel fork/join bars and Map entry/exit points */
    /* The drawn diff (`sfnviz diff -f svg`): states added, changed, and removed (ghosts); detail: the line
     * naming what changed, and the colour of added and removed transitions is the border's. */
    theme_box diff_added, diff_changed, diff_removed;
};

typedef struct sfnviz_theme theme;

/* The built-in default, parsed once from themes/default.yaml as compiled in. Never NULL; not thread-safe
 * on its first call (neither is Graphviz). */
const theme *theme_default(void);

/* The keys, in the order of themes/default.yaml: how many, key i's path ("states.task.fill"), and where
 * key i's colour lives in t (NULL when key i is not a colour). For code that treats every colour alike: the
 * SVG that follows the page's colour scheme, and the tests. */
typedef enum theme_key_type { THEME_KEY_COLOUR, THEME_KEY_NUMBER, THEME_KEY_STRING, THEME_KEY_LINE } theme_key_type;

size_t theme_key_count(void);
const char *theme_key_path(size_t i);
theme_key_type theme_key_type_of(size_t i);
char *theme_key_colour(theme *t, size_t i);

/* Graphviz's name for a line style: "solid", "dashed", "dotted", "bold". */
const char *theme_line_name(theme_line l);

/* The same table for the parser (theme.c): theme_key_count() keys, in the order of themes/default.yaml,
 * which is the order hints list them in, with their place in the struct. The table and the functions above
 * are theme_keys.c's, apart from the YAML parser, because the drawing module (export/draw.h) needs them
 * and must not carry libyaml. */
typedef struct theme_key {
    const char *path;
    theme_key_type type;
    size_t offset, size;
    double min, max; /* THEME_KEY_NUMBER */
} theme_key;

extern const theme_key theme_keys[];

/* The line style named s ("solid", "dashed", "dotted", "bold"); -1 when s names none. */
int theme_line_from_name(const char *s);

/* Name of built-in theme i, NULL past the last: "default" first, then the others by file name. For
 * `sfnviz themes` and messages. */
const char *theme_builtin_name(size_t i);

/* The one-line description (the theme's "description" key) of built-in theme i, for `sfnviz themes`; NULL
 * past the last. Parsed from the compiled-in text on first use and cached; "" if that text is broken. */
const char *theme_builtin_description(size_t i);

#endif
