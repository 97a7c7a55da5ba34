/* limits.c: the table of limits, their defaults and how they are named; see limits.h and sfnviz.h. */
#include "base/limits.h"

#include <stdio.h>
#include <string.h>

typedef struct limit_info {
    const char *name;
    size_t fallback;
    int is_size;
    const char *help;
} limit_info;

#define MIB ((size_t)1024 * 1024)

/* The defaults: far above what a real workflow needs (the service caps a definition at 1 MiB), low
 * enough that a hostile file is refused in well under a second and a few hundred megabytes. */
static const limit_info LIMITS[SFNVIZ_LIMIT_COUNT] = {
    [SFNVIZ_LIMIT_INPUT_SIZE] = {"input-size", 64 * MIB, 1,
                                 "bytes of a file, standard input, DefinitionUri file or git file"},
    [SFNVIZ_LIMIT_ALIAS_NODES] = {"alias-nodes", 4000000, 0,
                                  "YAML nodes, counting each alias as a copy of what it names"},
    [SFNVIZ_LIMIT_ALIAS_SIZE] = {"alias-size", 64 * MIB, 1, "bytes of YAML text, counting each alias as a copy"},
    [SFNVIZ_LIMIT_SUBSTITUTION_SIZE] = {"substitution-size", 16 * MIB, 1,
                                        "bytes a text may grow to by DefinitionSubstitutions"},
    [SFNVIZ_LIMIT_STATES] = {"states", 100000, 0, "states of one machine, in all its scopes"},
};

static const limit_info *info(sfnviz_limit l)
{
    return (unsigned)l < SFNVIZ_LIMIT_COUNT ? &LIMITS[l] : NULL;
}

const char *sfnviz_limit_name(sfnviz_limit l) { return info(l) ? info(l)->name : NULL; }
size_t sfnviz_limit_default(sfnviz_limit l) { return info(l) ? info(l)->fallback : 0; }
int sfnviz_limit_is_size(sfnviz_limit l) { return info(l) && info(l)->is_size; }
const char *sfnviz_limit_help(sfnviz_limit l) { return info(l) ? info(l)->help : NULL; }

int sfnviz_limit_from_name(const char *name)
{
    for (int i = 0; name && i < SFNVIZ_LIMIT_COUNT; i++)
        if (strcmp(LIMITS[i].name, name) == 0)
            return i;
    return -1;
}

size_t limit_of(const sfnviz_limits *l, sfnviz_limit which)
{
    size_t set = l && (unsigned)which < SFNVIZ_LIMIT_COUNT ? l->value[which] : 0;
    return set ? set : sfnviz_limit_default(which);
}

const char *limit_format_size(char *buf, size_t size, size_t bytes)
{
    if (bytes >= MIB && bytes % MIB == 0)
        snprintf(buf, size, "%zu MiB", bytes / MIB);
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(buf, size, "%zu KiB", bytes / 1024);
    else
        snprintf(buf, size, "%zu bytes", bytes);
    return buf;
}

const char *limit_describe(char *buf, size_t size, const sfnviz_limits *l, sfnviz_limit which)
{
    char amount[48];
    size_t v = limit_of(l, which);
    if (sfnviz_limit_is_size(which))
        limit_format_size(amount, sizeof amount, v);
    else
        snprintf(amount, sizeof amount, "%zu", v);
    const char *name = sfnviz_limit_name(which);
    snprintf(buf, size, "%s (the %s limit; raise it with --limit %s=N)", amount, name, name);
    return buf;
}
