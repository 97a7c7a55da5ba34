/* definition_file.h: the DefinitionUri files of one template, each read and parsed once.
 *
 * Several machines may name one file (one workflow deployed under several names). The file is read,
 * decoded and parsed the first time a machine asks for it, and every machine after that gets the same
 * tree: a file of a million nodes named by 400 machines is parsed once, not 400 times, and the walks of
 * the template stage (memoized by node) stay linear in the file as written. Nothing changes a tree once
 * parsed: substitutions and intrinsics make copies. */
#ifndef SFNVIZ_DEFINITION_FILE_H
#define SFNVIZ_DEFINITION_FILE_H

#include "base/strmap.h"
#include "read/value.h"

typedef enum definition_file_status {
    DEFINITION_FILE_READ,
    DEFINITION_FILE_MISSING,    /* no such file */
    DEFINITION_FILE_UNREADABLE, /* not a regular file, too large, in an encoding sfnviz does not read, ... */
} definition_file_status;

typedef struct definition_file {
    definition_file_status status;
    const char *problem; /* why it was not read: "no such file", "is not a regular file", ... */
    const char *text;    /* when read: its text in UTF-8, len bytes */
    size_t len;
    const value *tree;         /* parsed as written; NULL when it does not parse ... */
    mark error_at;             /* ... and then where the parse's first error is, */
    const char *error_message; /* and what it says */
    /* Whether a machine has parsed it once substituted (when it does not parse as written) and given that
     * reading's warnings: the next machines' readings, at the same places of the same file, do not repeat
     * them. */
    bool substituted_warned;
} definition_file;

typedef struct definition_files {
    arena *a;
    const sfnviz_file_source *source; /* NULL: the file system */
    const sfnviz_limits *limits;
    strmap index; /* path -> items[] */
    definition_file **items;
    size_t count, cap;
} definition_files;

void definition_files_init(definition_files *fs, arena *a, const sfnviz_file_source *source,
                           const sfnviz_limits *limits);
void definition_files_free(definition_files *fs);

/* The file at path (as shown to the user, inside the project: the caller has checked), read and parsed
 * the first time it is asked for; that parse's warnings (duplicate keys) go to warnings then, once,
 * whichever machines name the file. Only the caller's substituted_warned changes afterwards. */
definition_file *definition_files_get(definition_files *fs, const char *path, diag_list *warnings);

#endif
