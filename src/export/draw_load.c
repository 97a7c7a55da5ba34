/* draw_load.c: the drawing table (draw.h), linked in or loaded from libsfnviz-draw.so on first use.
 *
 * Where the module is looked for, in order; the first file that exists is the one (a broken one is an
 * error, never a reason to take an older one further down):
 *   1. $SFNVIZ_DRAW_MODULE, a file, when set (and then nothing else): for tests and packagers;
 *   2. beside the code of the core, since the module must be of the same build: for the sfnviz program
 *      its own folder (the build tree) then <prefix>/<libdir>/sfnviz (installed, wherever the prefix was
 *      moved); for libsfnviz.so <its folder>/sfnviz (installed) then its own folder (the build tree);
 *   3. the folder this build installs it in (SFNVIZ_INSTALL_MODULE_DIR). */
#define _GNU_SOURCE /* dladdr1, secure_getenv */
#include "export/draw.h"
#include "base/timing.h"
#include "sfnviz_version.h"

#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SFNVIZ_DRAW_MODULE_NAME
#define SFNVIZ_DRAW_MODULE_NAME "libsfnviz-draw.so"
#endif
#ifndef SFNVIZ_MODULE_DIR_FROM_BIN /* <prefix>/bin to <prefix>/<libdir>/sfnviz */
#define SFNVIZ_MODULE_DIR_FROM_BIN "../lib/sfnviz"
#endif
#ifndef SFNVIZ_INSTALL_MODULE_DIR
#define SFNVIZ_INSTALL_MODULE_DIR "/usr/local/lib/sfnviz"
#endif

typedef struct places {
    char dir[3][PATH_MAX]; /* two beside the core, and the install folder */
    size_t count;
} places;

typedef const draw_api *entry_fn(void);

/* Adds dir/rel (rel may be NULL), each leading "../" of rel taken off dir, so that a message shows
 * /usr/lib/sfnviz and not /usr/bin/../lib/sfnviz; a folder already listed or too long is left out. */
static void add_place(places *p, const char *dir, const char *rel)
{
    char buf[PATH_MAX];
    size_t n = strlen(dir);
    while (rel && strncmp(rel, "../", 3) == 0 && n > 1) {
        while (n > 1 && dir[n - 1] != '/')
            n--;
        n -= n > 1; /* the slash, unless it is the root */
        rel += 3;
    }
    const char *slash = n == 1 && dir[0] == '/' ? "" : "/";
    int len = rel && *rel ? snprintf(buf, sizeof buf, "%.*s%s%s", (int)n, dir, slash, rel)
                          : snprintf(buf, sizeof buf, "%.*s", (int)n, dir);
    if (len <= 0 || (size_t)len >= sizeof buf || p->count == sizeof p->dir / sizeof p->dir[0])
        return;
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->dir[i], buf) == 0)
            return;
    memcpy(p->dir[p->count++], buf, (size_t)len + 1);
}

typedef enum core_file { CORE_UNKNOWN, CORE_PROGRAM, CORE_LIBRARY } core_file;

/* The folder of the file holding the core's code, in buf: libsfnviz.so, or the program (which
 * /proc/self/exe names: dladdr would say argv[0]). */
static core_file core_dir(char *buf, size_t size)
{
    Dl_info info;
    struct link_map *map = NULL;
    core_file kind = dladdr1((const void *)draw_get, &info, (void **)&map, RTLD_DL_LINKMAP) && map &&
                             map->l_name && map->l_name[0] == '/'
                         ? CORE_LIBRARY
                         : CORE_PROGRAM;
    ssize_t n = kind == CORE_LIBRARY ? snprintf(buf, size, "%s", map->l_name)
                                     : readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size)
        return CORE_UNKNOWN;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return CORE_UNKNOWN;
    slash[slash == buf] = '\0'; /* "/sfnviz" is in "/" */
    return kind;
}

static void search_places(places *p)
{
    char dir[PATH_MAX];
    p->count = 0;
    switch (core_dir(dir, sizeof dir)) {
    case CORE_LIBRARY:
        add_place(p, dir, "sfnviz");
        add_place(p, dir, NULL);
        break;
    case CORE_PROGRAM:
        add_place(p, dir, NULL);
        add_place(p, dir, SFNVIZ_MODULE_DIR_FROM_BIN);
        break;
    case CORE_UNKNOWN:
        break;
    }
    add_place(p, SFNVIZ_INSTALL_MODULE_DIR, NULL);
}

/* A module of another build would read the structs wrong: refused before anything of it is called. */
static bool fits(const draw_api *t, const char *path, char *err, size_t size)
{
    if (t && t->abi == DRAW_ABI && t->version && strcmp(t->version, SFNVIZ_VERSION) == 0 &&
        t->machine_size == sizeof(machine) && t->options_size == sizeof(render_options) &&
        t->theme_size == sizeof(theme))
        return true;
    snprintf(err, size, "the drawing module %s is of another build (sfnviz %s) than this library (sfnviz %s): "
             "install them together", path, t && t->version ? t->version : "?", SFNVIZ_VERSION);
    return false;
}

/* RTLD_LAZY: RTLD_NOW would bind every function of every library the module brings in (Graphviz, cairo,
 * pango, glib: 2300 more lookups, 1 to 2 ms a drawing), where the program linked to them directly used to
 * bind them as called. The module itself is linked with -z now, so what it calls is bound here, and a
 * missing symbol is an error of dlopen, not a crash in the middle of a drawing. RTLD_LOCAL: its copy of the
 * core's helpers stays its own. Never closed (draw.h). */
static const draw_api *load_file(const char *path, char *err, size_t size)
{
    void *handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
    if (!handle) {
        snprintf(err, size, "the drawing module %s cannot be loaded: %s", path, dlerror());
        return NULL;
    }
    entry_fn *entry = (entry_fn *)dlsym(handle, DRAW_ENTRY);
    if (!entry) {
        snprintf(err, size, "%s is not a drawing module of sfnviz (no %s)", path, DRAW_ENTRY);
        return NULL;
    }
    const draw_api *t = entry();
    return fits(t, path, err, size) ? t : NULL;
}

static const draw_api *load_module(char *err, size_t size)
{
    const char *forced = secure_getenv("SFNVIZ_DRAW_MODULE");
    if (forced && forced[0]) {
        if (access(forced, F_OK) == 0)
            return load_file(forced, err, size);
        snprintf(err, size, "the drawing module %s (SFNVIZ_DRAW_MODULE) was not found", forced);
        return NULL;
    }
    places p;
    search_places(&p);
    char path[PATH_MAX + sizeof SFNVIZ_DRAW_MODULE_NAME + 1];
    for (size_t i = 0; i < p.count; i++) {
        snprintf(path, sizeof path, "%s/%s", p.dir[i], SFNVIZ_DRAW_MODULE_NAME);
        if (access(path, F_OK) == 0)
            return load_file(path, err, size);
    }
    int n = snprintf(err, size, "the drawing module %s was not found (looked in", SFNVIZ_DRAW_MODULE_NAME);
    for (size_t i = 0; i < p.count && n > 0 && (size_t)n < size; i++)
        n += snprintf(err + n, size - (size_t)n, "%s %s", i ? "," : "", p.dir[i]);
    if (n > 0 && (size_t)n < size)
        snprintf(err + n, size - (size_t)n, "; SFNVIZ_DRAW_MODULE may name the file)");
    return NULL;
}

const draw_api *draw_get(char *err, size_t size)
{
    static const draw_api *table;
    static bool tried;
    static char why[2048];
    if (!tried) {
        tried = true;
        table = draw_linked();
        if (!table)
            table = load_module(why, sizeof why);
        if (table) {
            draw_host host = {timing_totals()};
            table->bind(&host);
        }
    }
    if (!table && err && size)
        snprintf(err, size, "%s", why);
    return table;
}
