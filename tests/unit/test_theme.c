/* test_theme.c: the built-in default theme, user themes that inherit from it, and refused theme files. */
#include "sfnviz.h"
#include "test.h"
#include "graph/theme.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char theme_path[64];

/* Writes text to a fresh temporary .yaml file; its path is in theme_path. */
static const char *write_theme(const char *text)
{
    snprintf(theme_path, sizeof theme_path, "/tmp/sfnviz-theme-%ld.yaml", (long)getpid());
    FILE *f = fopen(theme_path, "wb");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return theme_path;
}

/* Loads text as a theme file and checks that it is refused with `<file>:<expected>`. */
static void check_refused(const char *text, const char *expected)
{
    char err[512], want[512];
    const char *path = write_theme(text);
    sfnviz_theme *t = sfnviz_theme_load(path, err, sizeof err);
    CHECK(t == NULL);
    snprintf(want, sizeof want, "%s:%s", path, expected);
    CHECK_STR(err, want);
    sfnviz_theme_free(t);
    remove(path);
}

static void test_default(void)
{
    const theme *t = theme_default();
    CHECK(t != NULL);
    CHECK_STR(t->font_family, "DejaVu Sans");
    CHECK_STR(t->task.fill, "#f2f8fd");
    CHECK_STR(t->task.border, "#0972d3");
    CHECK_STR(t->fail.border, "#d91515");
    CHECK_STR(t->succeed.text, "#037f0c");
    CHECK_STR(t->background, "#ffffff");
    CHECK_INT(t->default_edge.style, THEME_DOTTED);
    CHECK_INT(t->catch_edge.style, THEME_DASHED);
    CHECK_INT(t->next.style, THEME_SOLID);
    CHECK(t->font_size == 11);
    CHECK(t->edge_line > 1.1 && t->edge_line < 1.3);
    CHECK(theme_default() == t); /* parsed once */
    CHECK_STR(theme_line_name(THEME_DOTTED), "dotted");
    CHECK_STR(theme_builtin_name(0), "default");
}

static void test_load_builtin(void)
{
    char err[256] = "untouched";
    sfnviz_theme *t = sfnviz_theme_load("default", err, sizeof err);
    CHECK(t != NULL);
    CHECK_STR(err, "");
    CHECK(t && memcmp(t, theme_default(), sizeof *t) == 0);
    sfnviz_theme_free(t);
    t = sfnviz_theme_load("default", NULL, 0); /* no room for a message is fine */
    CHECK(t != NULL);
    sfnviz_theme_free(t);
}

/* Every colour of a theme, for checks that go over all of them. */
static size_t theme_colours(const theme *t, const char *out[], size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < theme_key_count() && n < cap; i++) {
        const char *c = theme_key_colour((theme *)t, i);
        if (c)
            out[n++] = c;
    }
    return n;
}

/* Every built-in theme loads, says what it is for, and looks different from the default. */
static void test_builtin_themes(void)
{
    const theme *d = theme_default();
    const char *names[] = {"default", "colourblind", "dark", "mono"};
    size_t count = 0;
    for (; theme_builtin_name(count); count++) {
        const char *name = theme_builtin_name(count), *desc = theme_builtin_description(count);
        char err[512] = "untouched";
        if (count < sizeof names / sizeof names[0])
            CHECK_STR(name, names[count]); /* default first, then by file name */
        CHECK(desc != NULL && desc[0] != '\0');
        CHECK(theme_builtin_description(count) == desc); /* cached */
        sfnviz_theme *t = sfnviz_theme_load(name, err, sizeof err);
        CHECK(t != NULL);
        CHECK_STR(err, "");
        if (!t)
            continue;
        CHECK_STR(t->description, desc);
        if (strcmp(name, "default") == 0) {
            CHECK(memcmp(t, d, sizeof *t) == 0);
        } else {
            CHECK(strcmp(t->description, d->description) != 0);
            bool differs = strcmp(t->background, d->background) != 0;
            const theme_box *tb[] = {&t->task, &t->choice, &t->succeed, &t->fail};
            const theme_box *db[] = {&d->task, &d->choice, &d->succeed, &d->fail};
            for (size_t i = 0; i < sizeof tb / sizeof tb[0]; i++)
                differs = differs || strcmp(tb[i]->fill, db[i]->fill) != 0 || strcmp(tb[i]->border, db[i]->border) != 0;
            CHECK(differs);
            /* Succeed and Fail stay told apart by their fill or border. */
            CHECK(strcmp(t->succeed.fill, t->fail.fill) != 0 || strcmp(t->succeed.border, t->fail.border) != 0);
            /* Text is not drawn in the background's colour. */
            CHECK(strcmp(t->task.text, t->background) != 0 && strcmp(t->title_text, t->background) != 0);
        }
        sfnviz_theme_free(t);
    }
    CHECK(count == sizeof names / sizeof names[0]);
    CHECK(theme_builtin_name(count) == NULL);
    CHECK(theme_builtin_description(count) == NULL);
    CHECK(theme_builtin_description(count + 100) == NULL);
    CHECK_STR(theme_builtin_description(0), d->description);
    CHECK_STR(sfnviz_theme_builtin_name(1), theme_builtin_name(1));
    CHECK(sfnviz_theme_builtin_description(1) == theme_builtin_description(1));
}

/* The mono theme is greys only: every colour it ends up with, set or inherited, has r == g == b. */
static void test_mono_is_grey(void)
{
    char err[512];
    sfnviz_theme *t = sfnviz_theme_load("mono", err, sizeof err);
    CHECK(t != NULL);
    if (!t)
        return;
    const char *colours[96];
    size_t n = theme_colours(t, colours, sizeof colours / sizeof colours[0]);
    /* boxes with and without detail (and the diff's three); branch: 2 */
    CHECK(n == 4 + 5 * 4 + 4 * 3 + 5 * 2 + 2 * 4 + 2 + 3 * 4);
    for (size_t i = 0; i < n; i++) {
        const char *c = colours[i];
        CHECK(strlen(c) == 7 && c[0] == '#');
        if (strncmp(c + 1, c + 3, 2) != 0 || strncmp(c + 1, c + 5, 2) != 0) {
            fprintf(stderr, "mono colour %zu is not a grey: %s\n", i, c);
            CHECK(0);
        }
    }
    /* ...and the default is not, so the check above can fail. */
    n = theme_colours(theme_default(), colours, sizeof colours / sizeof colours[0]);
    bool coloured = false;
    for (size_t i = 0; i < n; i++)
        coloured = coloured || strncmp(colours[i] + 1, colours[i] + 3, 2) != 0 ||
                   strncmp(colours[i] + 1, colours[i] + 5, 2) != 0;
    CHECK(coloured);
    sfnviz_theme_free(t);
}

static void test_partial_theme_inherits(void)
{
    char err[256];
    const char *path = write_theme("# only what differs\n"
                                   "states:\n"
                                   "  task:\n"
                                   "    fill: \"#12AB34\"\n"
                                   "font:\n"
                                   "  size: 12.5\n"
                                   "edges:\n"
                                   "  next: {style: bold}\n");
    sfnviz_theme *t = sfnviz_theme_load(path, err, sizeof err);
    CHECK(t != NULL);
    CHECK_STR(err, "");
    if (t) {
        const theme *d = theme_default();
        CHECK_STR(t->task.fill, "#12ab34"); /* normalised to lower case */
        CHECK_STR(t->task.border, d->task.border);
        CHECK(t->font_size == 12.5);
        CHECK(t->detail_size == d->detail_size);
        CHECK_INT(t->next.style, THEME_BOLD);
        CHECK_STR(t->next.color, d->next.color);
        CHECK_STR(t->fail.fill, d->fail.fill);
        CHECK_STR(t->font_family, d->font_family);
    }
    sfnviz_theme_free(t);
    remove(path);

    path = write_theme("");
    t = sfnviz_theme_load(path, err, sizeof err); /* an empty theme changes nothing */
    CHECK(t && memcmp(t, theme_default(), sizeof *t) == 0);
    sfnviz_theme_free(t);
    remove(path);
}

static void test_refused(void)
{
    check_refused("states:\n  task:\n    fill: \"#12345\"\n",
                  "3:11: error: \"states.task.fill\" must be a colour \"#rrggbb\", not \"#12345\"");
    check_refused("states:\n  task:\n    fill: \"#fff\"\n",
                  "3:11: error: \"states.task.fill\" must be a colour \"#rrggbb\", not \"#fff\"");
    check_refused("states:\n  task:\n    border: blue\n",
                  "3:13: error: \"states.task.border\" must be a colour \"#rrggbb\", not \"blue\"");
    check_refused("background: #ffffff\n",
                  "1:12: error: \"background\" must be a colour \"#rrggbb\" (quote it: an unquoted # starts a "
                  "YAML comment)");
    check_refused("states:\n  tsk:\n    fill: \"#123456\"\n",
                  "2:3: error: unknown theme key \"states.tsk\" (known under states: task, pass, choice, wait, "
                  "succeed, fail, unknown, missing)");
    check_refused("colour: \"#123456\"\n",
                  "1:1: error: unknown theme key \"colour\" (known here: description, background, font, line, "
                  "title, states, markers, edges, clusters, bar, diff)");
    check_refused("font:\n  size: big\n", "2:9: error: \"font.size\" must be a number");
    check_refused("font:\n  size: \"11\"\n", "2:9: error: \"font.size\" must be a number");
    check_refused("font:\n  size: 500\n", "2:9: error: \"font.size\" must be between 4 and 72");
    check_refused("states: 3\n", "1:9: error: \"states\" must be a map of keys");
    check_refused("font:\n  family: [a, b]\n", "2:11: error: \"font.family\" must be a string");
    check_refused("edges:\n  next:\n    style: wavy\n",
                  "3:12: error: \"edges.next.style\" must be one of solid, dashed, dotted, bold");
    check_refused("- a\n- b\n", "1:1: error: a theme must be a map of keys");
}

/* A YAML syntax error is refused at its position; the wording is the YAML reader's. */
static void test_syntax_error(void)
{
    char err[512], prefix[128];
    const char *path = write_theme("font:\n  size: [11\nbar: \"#000000\"\n");
    sfnviz_theme *t = sfnviz_theme_load(path, err, sizeof err);
    CHECK(t == NULL);
    snprintf(prefix, sizeof prefix, "%s:", path);
    CHECK(strncmp(err, prefix, strlen(prefix)) == 0);
    const char *rest = err + strlen(prefix);
    unsigned line = 0, col = 0;
    int used = 0;
    CHECK(sscanf(rest, "%u:%u: %n", &line, &col, &used) == 2 && used > 0);
    CHECK(line >= 2 && col >= 1);
    CHECK(strncmp(rest + used, "error: ", 7) == 0);
    sfnviz_theme_free(t);
    remove(path);
}

static void test_not_found(void)
{
    char err[1024];
    setenv("XDG_DATA_HOME", "/tmp/sfnviz-no-such-dir", 1);
    sfnviz_theme *t = sfnviz_theme_load("nosuchtheme", err, sizeof err);
    CHECK(t == NULL);
    static const char head[] = "sfnviz: error: unknown theme \"nosuchtheme\" (built-in themes: default, colourblind, "
                               "dark, mono; no nosuchtheme.yaml in /tmp/sfnviz-no-such-dir/sfnviz/themes, ";
    CHECK(strncmp(err, head, sizeof head - 1) == 0);
    CHECK(strstr(err, "/share/sfnviz/themes; or give a .yaml file)") != NULL);
    t = sfnviz_theme_load("/tmp/sfnviz-no-such-dir/theme.yaml", err, sizeof err);
    CHECK(t == NULL);
    CHECK_STR(err, "/tmp/sfnviz-no-such-dir/theme.yaml: error: cannot read theme file: No such file or directory");
}

int main(void)
{
    test_default();
    test_load_builtin();
    test_builtin_themes();
    test_mono_is_grey();
    test_partial_theme_inherits();
    test_refused();
    test_syntax_error();
    test_not_found();
    return test_report();
}
