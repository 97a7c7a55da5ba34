/* git_show.h: a file's text at a git revision, for `sfnviz diff --base REV FILE`.
 *
 * git runs with an argument vector (posix_spawnp, never a shell), in the file's own folder (`git -C`),
 * and names the file as `REV:./NAME`, so a FILE anywhere (another folder, another repository) is found
 * in its own repository. A REV starting with '-' is refused; `--end-of-options` keeps anything else
 * from being read as an option. */
#ifndef SFNVIZ_CLI_GIT_SHOW_H
#define SFNVIZ_CLI_GIT_SHOW_H

#include <stddef.h>

typedef enum git_show_result {
    GIT_SHOW_FOUND,   /* *text holds the file's text at REV */
    GIT_SHOW_ABSENT,  /* REV has no such file: it is new */
    GIT_SHOW_ERROR,   /* not a repository, an unknown revision, git missing...: err says which */
} git_show_result;

/* The text of `path` at revision rev, malloc'd in *text (*len bytes, NUL-terminated; free() it). A file
 * larger than max_bytes (the input-size limit, as for any file sfnviz reads) is an error. */
git_show_result git_show(const char *rev, const char *path, size_t max_bytes, char **text, size_t *len, char *err,
                         size_t err_size);

#endif
