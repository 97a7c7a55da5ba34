/* theme_keys.c: the table of theme keys and the functions that read it (theme.h), without the parser. */
#include "graph/theme.h"

#include <stddef.h>
#include <string.h>

#define COLOUR(p, f) {p, THEME_KEY_COLOUR, offsetof(theme, f), sizeof(theme_colour), 0, 0}
#define NUMBER(p, f, lo, hi) {p, THEME_KEY_NUMBER, offsetof(theme, f), sizeof(double), lo, hi}
#define STRING(p, f) {p, THEME_KEY_STRING, offsetof(theme, f), sizeof(((theme *)0)->f), 0, 0}
#define LINE(p, f) {p, THEME_KEY_LINE, offsetof(theme, f), sizeof(theme_line), 0, 0}
#define BOX(p, f) COLOUR(p ".fill", f.fill), COLOUR(p ".border", f.border), COLOUR(p ".text", f.text), \
                  COLOUR(p ".detail", f.detail)
#define PLAIN_BOX(p, f) COLOUR(p ".fill", f.fill), COLOUR(p ".border", f.border), COLOUR(p ".text", f.text)
#define EDGE(p, f) COLOUR(p ".color", f.color), COLOUR(p ".text", f.text), LINE(p ".style", f.style)
#define CLUSTER(p, f) COLOUR(p ".border", f.border), COLOUR(p ".fill", f.fill), COLOUR(p ".text", f.text), \
                      COLOUR(p ".detail", f.detail), LINE(p ".style", f.style)
#define PLAIN_CLUSTER(p, f) COLOUR(p ".border", f.border), COLOUR(p ".fill", f.fill), LINE(p ".style", f.style)

const theme_key theme_keys[] = {
    STRING("description", description),
    COLOUR("background", background),
    STRING("font.family", font_family),
    NUMBER("font.size", font_size, 4, 72),
    NUMBER("font.detail_size", detail_size, 4, 72),
    NUMBER("font.edge_size", edge_size, 4, 72),
    NUMBER("font.small_size", small_size, 4, 72),
    NUMBER("font.title_size", title_size, 4, 72),
    NUMBER("line.node", node_line, 0, 10),
    NUMBER("line.edge", edge_line, 0, 10),
    NUMBER("line.cluster", cluster_line, 0, 10),
    COLOUR("title.text", title_text),
    COLOUR("title.detail", title_detail),
    BOX("states.task", task),
    PLAIN_BOX("states.pass", pass),
    PLAIN_BOX("states.choice", choice),
    BOX("states.wait", wait),
    PLAIN_BOX("states.succeed", succeed),
    BOX("states.fail", fail),
    BOX("states.unknown", unknown),
    BOX("states.missing", missing),
    PLAIN_BOX("markers", marker),
    EDGE("edges.next", next),
    EDGE("edges.choice", choice_edge),
    EDGE("edges.default", default_edge),
    EDGE("edges.catch", catch_edge),
    EDGE("edges.retry", retry_edge),
    CLUSTER("clusters.parallel", parallel),
    PLAIN_CLUSTER("clusters.branch", branch),
    CLUSTER("clusters.map", map),
    COLOUR("bar", bar),
    BOX("diff.added", diff_added),
    BOX("diff.changed", diff_changed),
    BOX("diff.removed", diff_removed),
};

enum { THEME_KEY_COUNT = sizeof theme_keys / sizeof theme_keys[0] };

static const char *const line_names[] = {"solid", "dashed", "dotted", "bold"};
enum { LINE_COUNT = sizeof line_names / sizeof line_names[0] };

const char *theme_line_name(theme_line l)
{
    return (unsigned)l < LINE_COUNT ? line_names[l] : "solid";
}

int theme_line_from_name(const char *s)
{
    for (size_t i = 0; s && i < LINE_COUNT; i++)
        if (strcmp(s, line_names[i]) == 0)
            return (int)i;
    return -1;
}

size_t theme_key_count(void)
{
    return THEME_KEY_COUNT;
}

const char *theme_key_path(size_t i)
{
    return i < THEME_KEY_COUNT ? theme_keys[i].path : NULL;
}

theme_key_type theme_key_type_of(size_t i)
{
    return i < THEME_KEY_COUNT ? theme_keys[i].type : THEME_KEY_STRING;
}

char *theme_key_colour(theme *t, size_t i)
{
    if (i >= THEME_KEY_COUNT || theme_keys[i].type != THEME_KEY_COLOUR)
        return NULL;
    return (char *)t + theme_keys[i].offset;
}
