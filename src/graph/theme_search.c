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
    int written = snprintf(buf, size, "%s/share/sfnviz/themes", exe);
    return written > 0 && (size_t)written < size ? buf : NULL;
}

/* Adds dir unless it is empty (cannot be known) or already listed. */
static void add_dir(theme_dirs *dirs, const char *dir)
{
    if (!dir || !dir[0])
        return;
    for (size_t k = 0; k < dirs->count; k++)
        if (strcmp(dirs->path[k], dir) == 0)
            return;
    snprintf(dirs->path[dirs->count++], sizeof dirs->path[0], "%s", dir);
}

void theme_search_dirs(theme_dirs *dirs)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char buf[PATH_MAX];
    dirs->count = 0;
    buf[0] = '\0';
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is to be ignored */
        snprintf(buf, sizeof buf, "%s/sfnviz/themes", xdg);
    else if (home && home[0] == '/')
        snprintf(buf, sizeof buf, "%s/.local/share/sfnviz/themes", home);
    add_dir(dirs, buf);
    add_dir(dirs, program_themes_dir(buf, sizeof buf));
    add_dir(dirs, SFNVIZ_INSTALL_THEMES_DIR);
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *theme_search(const theme_dirs *dirs, const char *name)
{
    static const char *const extensions[] = {".yaml", ".yml"};
    char path[PATH_MAX + 256];
    for (size_t i = 0; i < dirs->count; i++) {
        for (size_t e = 0; e < 2; e++) {
            int n = snprintf(path, sizeof path, "%s/%s%s", dirs->path[i], name, extensions[e]);
            if (n > 0 && (size_t)n < sizeof path && is_regular_file(path)) {
                char *found = strdup(path);
                if (!found)
                    sfn_oom();
                return found;
            }
        }
    }
    return NULL;
}
