/* theme_search.c: installed themes found by name; see theme_search.h. */
#include "graph/theme_search.h"
#include "base/arena.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SFNVIZ_INSTALL_THEMES_DIR
#define SFNVIZ_INSTALL_THEMES_DIR "/usr/local/share/sfnviz/themes"
#endif

/* <prefix>/share/sfnviz/themes for the program running now: its binary is <prefix>/bin/NAME. */
static const char *program_themes_dir(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0'; /* <prefix>/bin */
    slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0'; /* <prefix> */
    snprintf(buf, size, "%s/share/sfnviz/themes", exe);
    return buf;
}

/* Folder i before repeats are dropped; "" for one that cannot be known (no HOME). */
static const char *search_dir_raw(size_t i, char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    buf[0] = '\0';
    switch (i) {
    case 0:
        if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is to be ignored */
            snprintf(buf, size, "%s/sfnviz/themes", xdg);
        else if (home && home[0] == '/')
            snprintf(buf, size, "%s/.local/share/sfnviz/themes", home);
        return buf;
    case 1: program_themes_dir(buf, size); return buf;
    case 2: snprintf(buf, size, "%s", SFNVIZ_INSTALL_THEMES_DIR); return buf;
    default: return NULL;
    }
}

const char *theme_search_dir(size_t i, char *buf, size_t size)
{
    char earlier[PATH_MAX];
    for (size_t raw = 0, n = 0; search_dir_raw(raw, buf, size); raw++) {
        bool repeat = !buf[0];
        for (size_t k = 0; k < raw && !repeat; k++)
            repeat = strcmp(search_dir_raw(k, earlier, sizeof earlier), buf) == 0;
        if (!repeat && n++ == i)
            return buf;
    }
    return NULL;
}

static char *heap_copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p)
        sfn_oom();
    return memcpy(p, s, n);
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *theme_search(const char *name)
{
    static const char *const extensions[] = {".yaml", ".yml"};
    char dir[PATH_MAX], path[PATH_MAX + 256];
    for (size_t i = 0; theme_search_dir(i, dir, sizeof dir); i++) {
        for (size_t e = 0; e < 2; e++) {
            int n = snprintf(path, sizeof path, "%s/%s%s", dir, name, extensions[e]);
            if (n > 0 && (size_t)n < sizeof path && is_regular_file(path))
                return heap_copy(path);
        }
    }
    return NULL;
}
