/* git_show.c: runs git for `diff --base`; see git_show.h. */
#include "git_show.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct captured {
    char *data;
    size_t len;
    size_t max; /* bytes kept at most; past them too_big */
    bool too_big;
    int status; /* git's exit status; -1 when it could not run or was killed */
} captured;

/* Reads fd to its end into c (stopping past the cap; the rest is drained so git can finish). */
static void read_all(int fd, captured *c)
{
    size_t cap = 0;
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        if (c->too_big || c->len + (size_t)n > c->max) {
            c->too_big = true;
            continue;
        }
        if (c->len + (size_t)n + 1 > cap) {
            cap = (c->len + (size_t)n + 1) * 2;
            char *grown = realloc(c->data, cap);
            if (!grown) {
                c->too_big = true;
                continue;
            }
            c->data = grown;
        }
        memcpy(c->data + c->len, chunk, (size_t)n);
        c->len += (size_t)n;
    }
}

/* Moves *fd above the standard streams (when sfnviz runs with one of them closed, pipe() hands out 0, 1 or
 * 2, and the child's dup2 onto its standard output would then be undone by closing the pipe's end), and
 * marks it close-on-exec. Returns 0, or -1 with errno. */
static int above_stdio(int *fd)
{
    if (*fd > STDERR_FILENO)
        return fcntl(*fd, F_SETFD, FD_CLOEXEC) == 0 ? 0 : -1;
    int moved = fcntl(*fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    if (moved < 0)
        return -1;
    close(*fd);
    *fd = moved;
    return 0;
}

/* Runs `git -C dir ARGS...` with up to max bytes of its standard output captured (none when max is 0) and
 * its standard error and input /dev/null; fills c. Returns 0, or -1 with errno when git could not be started. */
static int run_git(const char *dir, const char *const *args, size_t max, captured *c)
{
    memset(c, 0, sizeof *c);
    c->max = max;
    bool want_output = max > 0;
    c->status = -1;
    const char *argv[16] = {"git", "-C", dir};
    size_t n = 3;
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    if (above_stdio(&fds[0]) != 0 || above_stdio(&fds[1]) != 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    /* A parent that left SIGCHLD ignored (some CI runners do) makes the kernel reap git itself, and
     * waitpid would find no child: git's exit status is ours to read while it runs. */
    struct sigaction dfl = {.sa_handler = SIG_DFL}, old_chld;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGCHLD, &dfl, &old_chld);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t pid;
    int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        sigaction(SIGCHLD, &old_chld, NULL);
        errno = rc;
        return -1;
    }
    read_all(fds[0], c);
    close(fds[0]);
    if (!want_output) {
        free(c->data);
        c->data = NULL;
        c->len = 0;
    }
    int st = 0;
    pid_t waited;
    while ((waited = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {
    }
    sigaction(SIGCHLD, &old_chld, NULL);
    c->status = waited == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return 0;
}

/* The nearest existing folder of path ("." when it has none), malloc'd in *dir, and the rest of the path
 * below it in *rest (malloc'd): git runs in a folder that exists, even for a file whose folder is gone
 * since the revision. */
static void split_path(const char *path, char **dir, char **rest)
{
    const char *cut = strrchr(path, '/');
    struct stat st;
    while (cut) {
        char *d = strndup(path, cut == path ? 1 : (size_t)(cut - path));
        if (!d || (stat(d, &st) == 0 && S_ISDIR(st.st_mode))) {
            *dir = d;
            *rest = strdup(cut + 1);
            return;
        }
        free(d);
        const char *prev = cut;
        for (cut = NULL; prev > path;)
            if (*--prev == '/') {
                cut = prev;
                break;
            }
    }
    *dir = strdup(".");
    *rest = strdup(path);
}

/* Whether dir is in a work tree, and rev names a commit there; err says what is wrong otherwise. */
static bool rev_usable(const char *dir, const char *rev, char *err, size_t err_size)
{
    captured c;
    const char *inside[] = {"rev-parse", "--is-inside-work-tree", NULL};
    if (run_git(dir, inside, 0, &c) != 0) {
        snprintf(err, err_size, "cannot run git: %s", strerror(errno));
        return false;
    }
    if (c.status != 0) {
        snprintf(err, err_size, "%s is not in a git repository (--base needs one)", dir);
        return false;
    }
    char *commit = malloc(strlen(rev) + sizeof "^{commit}");
    if (!commit) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    sprintf(commit, "%s^{commit}", rev);
    const char *verify[] = {"rev-parse", "--verify", "--quiet", "--end-of-options", commit, NULL};
    int rc = run_git(dir, verify, 0, &c);
    free(commit);
    if (rc != 0 || c.status != 0) {
        snprintf(err, err_size, "unknown revision '%s'", rev);
        return false;
    }
    return true;
}

git_show_result git_show(const char *rev, const char *path, size_t max_bytes, char **text, size_t *len, char *err,
                         size_t err_size)
{
    *text = NULL;
    *len = 0;
    if (!*rev || *rev == '-') {
        snprintf(err, err_size, "'%s' is not a revision (a revision cannot start with '-')", rev);
        return GIT_SHOW_ERROR;
    }
    char *dir, *base;
    split_path(path, &dir, &base);
    char *spec = dir && base ? malloc(strlen(rev) + strlen(base) + 4) : NULL;
    git_show_result result = GIT_SHOW_ERROR;
    if (!spec) {
        snprintf(err, err_size, "out of memory");
    } else if (rev_usable(dir, rev, err, err_size)) {
        sprintf(spec, "%s:./%s", rev, base);
        const char *exists[] = {"cat-file", "-e", "--end-of-options", spec, NULL};
        const char *show[] = {"show", "--no-textconv", "--end-of-options", spec, NULL};
        captured c;
        if (run_git(dir, exists, 0, &c) == 0 && c.status != 0)
            result = GIT_SHOW_ABSENT;
        else if (run_git(dir, show, max_bytes, &c) != 0 || c.status != 0)
            snprintf(err, err_size, "git show %s failed", spec);
        else if (c.too_big)
            snprintf(err, err_size, "%s is larger than %zu bytes (the input-size limit; raise it with --limit "
                                    "input-size=N)",
                     spec, max_bytes);
        else {
            *text = c.data ? c.data : calloc(1, 1);
            if (*text)
                (*text)[c.len] = '\0';
            *len = c.len;
            c.data = NULL;
            result = GIT_SHOW_FOUND;
        }
        free(c.data);
    }
    free(spec);
    free(dir);
    free(base);
    return result;
}
