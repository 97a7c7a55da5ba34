/* output.c: atomic file writes; see output.h. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* mkstemp creates files readable by the owner only: give the result the mode the file it replaces had, or
 * the mode a plain creat() would. */
static void set_mode(int fd, const struct stat *old)
{
    if (old) {
        fchmod(fd, old->st_mode & 07777);
        return;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
}

/* Devices, FIFOs and the like (/dev/null, /dev/stdout) are written in place: renaming a file over them
 * would replace the device. */
static int write_in_place(const char *path, const char *data, size_t len, char *err, size_t err_size)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0 || write_all(fd, data, len) != 0) {
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int output_write_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size)
{
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode))
        return write_in_place(path, data, len, err, err_size);
    /* Through a symbolic link, the file it points to is what gets replaced, not the link. */
    char resolved[PATH_MAX];
    if (exists && realpath(path, resolved))
        path = resolved;
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    set_mode(fd, exists ? &st : NULL);
    int failed = write_all(fd, data, len) != 0;
    int saved = errno;
    if (close(fd) != 0 && !failed)
        failed = 1, saved = errno;
    if (!failed && rename(tmp, path) != 0)
        failed = 1, saved = errno;
    if (failed) {
        unlink(tmp);
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(saved));
    }
    free(tmp);
    return failed ? -1 : 0;
}

int output_write_stdout(const char *data, size_t len, char *err, size_t err_size)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        snprintf(err, err_size, "cannot write to standard output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

bool output_is_terminal(const char *path)
{
    if (!path)
        return isatty(STDOUT_FILENO);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode))
        return false;
    int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK);
    bool tty = fd >= 0 && isatty(fd);
    if (fd >= 0)
        close(fd);
    return tty;
}

bool output_is_dir(const char *path)
{
    size_t n = strlen(path);
    struct stat st;
    return (n > 0 && path[n - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

int output_make_dir(const char *path, char *err, size_t err_size)
{
    char *p = strdup(path);
    if (!p) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            snprintf(err, err_size, "cannot create folder %s: %s", p, strerror(errno));
            rc = -1;
            break;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return rc;
}

int output_write_or_say(const char *path, const char *data, size_t len)
{
    char err[512];
    int rc = path ? output_write_atomic(path, data, len, err, sizeof err)
                  : output_write_stdout(data, len, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "sfnviz: error: %s\n", err);
    return rc;
}

int output_compare(const char *path, const char *data, size_t len, char *err, size_t err_size)
{
    FILE *in = fopen(path, "rb");
    if (!in && (errno == ENOENT || errno == ENOTDIR))
        return 2;
    if (!in) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char buf[65536];
    size_t at = 0, n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        rc = n > len - at || memcmp(buf, data + at, n) != 0;
        at += n;
    }
    if (ferror(in)) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        rc = -1;
    } else if (rc == 0 && at != len) {
        rc = 1; /* the file is shorter */
    }
    fclose(in);
    return rc;
}

int output_put(const char *path, const char *data, size_t len, bool check)
{
    if (!check)
        return output_write_or_say(path, data, len);
    char err[512];
    int rc = output_compare(path, data, len, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "sfnviz: error: %s\n", err);
    else if (rc > 0)
        fprintf(stderr, "sfnviz: %s %s\n", path, rc == 1 ? "is out of date" : "does not exist");
    return rc < 0 ? -1 : rc > 0;
}
