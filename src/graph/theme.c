/* theme.c: themes read from YAML into the flat struct of theme.h.
 *
 * One table lists every key a theme may set, by dotted path ("states.task.fill"), with its type and where
 * it lands in the struct (theme_keys.c); parsing walks the YAML maps, builds each key's path and looks it
 * up, so adding a key is one table line plus its line in themes/default.yaml. The first problem stops the
 * parse and is reported at the key's or the value's mark, as `file:line:col: error: ...`. */
#include "graph/theme.h"
#include "base/diag.h"
#include "sfnviz.h"
#include "graph/theme_builtin.h"
#include "graph/theme_search.h"
#include "read/value.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THEME_FILE_MAX = 1 << 20 }; /* a theme is a few kB; anything this large is a wrong file */

typedef struct theme_parser {
    theme *t;
    diag_list *diags;
    bool *seen; /* theme_key_count() flags, or NULL when nobody asks */
} theme_parser;

/* Built-in theme i as listed: "default" first, then the others in the table's (file name) order. */
static const builtin_theme *builtin_at(size_t i)
{
    size_t listed = 0;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t k = 0; builtin_themes[k].name; k++)
            if ((strcmp(builtin_themes[k].name, "default") == 0) == (pass == 0) && listed++ == i)
                return &builtin_themes[k];
    return NULL;
}

const char *theme_builtin_name(size_t i)
{
    const builtin_theme *b = builtin_at(i);
    return b ? b->name : NULL;
}

/* ---- Keys ----------------------------------------------------------------------------------------- */

static const theme_key *find_key(const char *path)
{
    for (size_t i = 0; i < theme_key_count(); i++)
        if (strcmp(theme_keys[i].path, path) == 0)
            return &theme_keys[i];
    return NULL;
}

/* True when some key lives under `path.` (the path names a section, whose value is a map). */
static bool is_section(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < theme_key_count(); i++)
        if (strncmp(theme_keys[i].path, path, n) == 0 && theme_keys[i].path[n] == '.')
            return true;
    return false;
}

/* The distinct names that may follow `prefix` ("" for the top level), comma-separated, for hints. */
static void list_keys_under(const char *prefix, strbuf *out)
{
    size_t n = strlen(prefix), listed = 0;
    for (size_t i = 0; i < theme_key_count(); i++) {
        const char *p = theme_keys[i].path;
        if (n && (strncmp(p, prefix, n) != 0 || p[n] != '.'))
            continue;
        const char *name = n ? p + n + 1 : p;
        size_t len = strcspn(name, ".");
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++) {
            const char *q = theme_keys[j].path;
            dup = (!n || (strncmp(q, prefix, n) == 0 && q[n] == '.')) &&
                  strncmp(n ? q + n + 1 : q, name, len) == 0 && strcspn(n ? q + n + 1 : q, ".") == len;
        }
        if (dup)
            continue;
        strbuf_puts(out, listed++ ? ", " : "");
        strbuf_put(out, name, len);
    }
}

/* ---- Values --------------------------------------------------------------------------------------- */

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!is_hex(s[i]))
            return false;
    return true;
}

static bool set_colour(theme_parser *p, const theme_key *k, const value *v)
{
    const char *s = value_str(v);
    if (!s && v->kind == VALUE_NULL && !v->quoted) {
        diag_error(p->diags, v->at, "\"%s\" must be a colour \"#rrggbb\" (quote it: an unquoted # starts a "
                   "YAML comment)", k->path);
        return false;
    }
    if (!s || !is_colour(s)) {
        diag_error(p->diags, v->at, "\"%s\" must be a colour \"#rrggbb\"%s%s%s", k->path, s ? ", not \"" : "",
                   s ? s : "", s ? "\"" : "");
        return false;
    }
    char *dst = (char *)p->t + k->offset;
    for (int i = 0; i < 8; i++)
        dst[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a' : s[i]);
    return true;
}

static bool set_number(theme_parser *p, const theme_key *k, const value *v)
{
    if (v->kind != VALUE_NUMBER || v->tag || !isfinite(v->number)) {
        diag_error(p->diags, v->at, "\"%s\" must be a number", k->path);
        return false;
    }
    if (v->number < k->min || v->number > k->max) {
        diag_error(p->diags, v->at, "\"%s\" must be between %g and %g", k->path, k->min, k->max);
        return false;
    }
    memcpy((char *)p->t + k->offset, &v->number, sizeof v->number);
    return true;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

static bool set_string(theme_parser *p, const theme_key *k, const value *v)
{
    const char *s = value_str(v);
    if (!s) {
        diag_error(p->diags, v->at, "\"%s\" must be a string", k->path);
        return false;
    }
    if (strlen(s) != v->len || has_control(s) || !*s) {
        diag_error(p->diags, v->at, "\"%s\" must be a non-empty string without control characters", k->path);
        return false;
    }
    if (v->len >= k->size) {
        diag_error(p->diags, v->at, "\"%s\" is longer than %zu bytes", k->path, k->size - 1);
        return false;
    }
    /* Graphviz writes the font family into SVG attributes unescaped: allow only what font names use. */
    if (strcmp(k->path, "font.family") == 0 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                         "0123456789 ,-_.") != v->len) {
        diag_error(p->diags, v->at, "\"font.family\" may hold only letters, digits, spaces and , - _ .");
        return false;
    }
    memcpy((char *)p->t + k->offset, s, v->len + 1);
    return true;
}

static bool set_line(theme_parser *p, const theme_key *k, const value *v)
{
    int line = theme_line_from_name(value_str(v));
    if (line < 0) {
        diag_error(p->diags, v->at, "\"%s\" must be one of solid, dashed, dotted, bold", k->path);
        return false;
    }
    theme_line l = (theme_line)line;
    memcpy((char *)p->t + k->offset, &l, sizeof l);
    return true;
}

static bool set_value(theme_parser *p, const theme_key *k, const value *v)
{
    bool ok = false;
    switch (k->type) {
    case THEME_KEY_COLOUR: ok = set_colour(p, k, v); break;
    case THEME_KEY_NUMBER: ok = set_number(p, k, v); break;
    case THEME_KEY_STRING: ok = set_string(p, k, v); break;
    case THEME_KEY_LINE: ok = set_line(p, k, v); break;
    }
    if (ok && p->seen)
        p->seen[k - theme_keys] = true;
    return ok;
}

/* ---- Maps ----------------------------------------------------------------------------------------- */

static bool parse_map(theme_parser *p, const value *map, const char *prefix);

static void unknown_key(theme_parser *p, const value_pair *pair, const char *path, const char *prefix)
{
    strbuf hint;
    strbuf_init(&hint);
    list_keys_under(prefix, &hint);
    diag_error(p->diags, pair->key_mark, "unknown theme key \"%s\" (known %s%s: %s)", path,
               *prefix ? "under " : "here", prefix, strbuf_cstr(&hint));
    strbuf_free(&hint);
}

static bool parse_pair(theme_parser *p, const value_pair *pair, const char *prefix)
{
    strbuf path;
    strbuf_init(&path);
    strbuf_printf(&path, "%s%s%s", prefix, *prefix ? "." : "", pair->key);
    const char *full = strbuf_cstr(&path);
    const theme_key *k = strlen(pair->key) == pair->key_len ? find_key(full) : NULL;
    bool ok;
    if (k) {
        ok = set_value(p, k, pair->val);
    } else if (strlen(pair->key) == pair->key_len && is_section(full)) {
        ok = value_is_map(pair->val) && !pair->val->tag;
        if (!ok)
            diag_error(p->diags, pair->val->at, "\"%s\" must be a map of keys", full);
        else
            ok = parse_map(p, pair->val, full);
    } else {
        unknown_key(p, pair, full, prefix);
        ok = false;
    }
    strbuf_free(&path);
    return ok;
}

static bool parse_map(theme_parser *p, const value *map, const char *prefix)
{
    for (size_t i = 0; i < map->count; i++)
        if (!parse_pair(p, &map->pairs[i], prefix))
            return false;
    return true;
}

/* Overrides the keys the YAML text sets in t. */
static bool parse_theme(theme *t, const char *path, const char *text, size_t len, diag_list *diags, bool *seen)
{
    arena a;
    arena_init(&a);
    theme_parser p = {t, diags, seen};
    value *root = yaml_read(&a, path, text, len, NULL, diags);
    bool ok = root != NULL;
    if (ok && root->kind == VALUE_NULL && !root->quoted) {
        /* an empty file: a theme that changes nothing */
    } else if (ok && (!value_is_map(root) || root->tag)) {
        diag_error(diags, root->at, "a theme must be a map of keys");
        ok = false;
    } else if (ok) {
        ok = parse_map(&p, root, "");
    }
    arena_release(&a);
    return ok;
}

/* ---- Built-in and file themes --------------------------------------------------------------------- */

static const builtin_theme *find_builtin(const char *name)
{
    for (size_t i = 0; builtin_themes[i].name; i++)
        if (strcmp(builtin_themes[i].name, name) == 0)
            return &builtin_themes[i];
    return NULL;
}

static const diag *first_error(const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].level == DIAG_ERROR)
            return &d->items[i];
    return NULL;
}

/* The default must set every key, since every other theme inherits from it: a gap is a build defect. */
static void load_default(theme *t)
{
    const builtin_theme *b = find_builtin("default");
    bool *seen = sfn_calloc(theme_key_count(), sizeof *seen);
    diag_list d;
    diag_list_init(&d);
    memset(t, 0, sizeof *t);
    if (!b || !parse_theme(t, "themes/default.yaml", b->text, b->len, &d, seen)) {
        char msg[512];
        diag_format(first_error(&d), msg, sizeof msg);
        fprintf(stderr, "sfnviz: the built-in default theme is broken: %s\n", b ? msg : "missing");
        abort();
    }
    for (size_t i = 0; i < theme_key_count(); i++) {
        if (!seen[i]) {
            fprintf(stderr, "sfnviz: the built-in default theme lacks \"%s\"\n", theme_keys[i].path);
            abort();
        }
    }
    free(seen);
    diag_list_free(&d);
}

const theme *theme_default(void)
{
    static theme default_theme;
    static bool ready;
    if (!ready) {
        load_default(&default_theme);
        ready = true;
    }
    return &default_theme;
}

/* Reads a whole file into a malloc'd buffer; NULL after adding an error to diags. */
static char *read_theme_file(const char *path, size_t *len, diag_list *diags)
{
    mark at = mark_at(path, 0, 0);
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(diags, at, "cannot read theme file: %s", strerror(errno));
        return NULL;
    }
    char *buf = malloc(THEME_FILE_MAX + 1);
    if (!buf)
        sfn_oom();
    errno = 0;
    *len = fread(buf, 1, THEME_FILE_MAX + 1, f);
    int failed = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (failed || *len > THEME_FILE_MAX) {
        if (failed)
            diag_error(diags, at, "cannot read theme file: %s", strerror(failed));
        else
            diag_error(diags, at, "theme file is larger than 1 MiB");
        free(buf);
        return NULL;
    }
    return buf;
}

static bool looks_like_name(const char *s)
{
    size_t n = strlen(s);
    bool yaml = (n > 5 && strcmp(s + n - 5, ".yaml") == 0) || (n > 4 && strcmp(s + n - 4, ".yml") == 0);
    return !yaml && !strchr(s, '/');
}

static void unknown_theme(const char *name, const theme_dirs *searched, diag_list *diags)
{
    strbuf names, dirs;
    strbuf_init(&names);
    strbuf_init(&dirs);
    for (size_t i = 0; theme_builtin_name(i); i++)
        strbuf_printf(&names, "%s%s", i ? ", " : "", theme_builtin_name(i));
    for (size_t i = 0; i < searched->count; i++)
        strbuf_printf(&dirs, "%s%s", i ? ", " : "", searched->path[i]);
    diag_error(diags, mark_none(),
               "unknown theme \"%s\" (built-in themes: %s; no %s.yaml in %s; or give a .yaml file)", name,
               strbuf_cstr(&names), name, strbuf_cstr(&dirs));
    strbuf_free(&names);
    strbuf_free(&dirs);
}

static bool load_theme_path(theme *t, const char *path, diag_list *diags)
{
    size_t len = 0;
    char *text = read_theme_file(path, &len, diags);
    if (!text)
        return false;
    bool ok = parse_theme(t, path, text, len, diags, NULL);
    free(text);
    return ok;
}

/* A name that is neither built in nor a file: an installed theme (theme_search.h), else unknown. */
static bool load_installed_theme(theme *t, const char *name, diag_list *diags)
{
    theme_dirs dirs;
    theme_search_dirs(&dirs);
    char *path = theme_search(&dirs, name);
    if (!path) {
        unknown_theme(name, &dirs, diags);
        return false;
    }
    bool ok = load_theme_path(t, path, diags);
    free(path);
    return ok;
}

static bool load_theme_file(theme *t, const char *path, diag_list *diags)
{
    FILE *probe = fopen(path, "rb");
    if (!probe && looks_like_name(path))
        return load_installed_theme(t, path, diags);
    if (probe)
        fclose(probe);
    return load_theme_path(t, path, diags);
}

/* Built-in theme i's description, parsed from its text over a copy of the default (so a theme without the
 * key shows the default's). Cached per theme: the pointers stay valid for the life of the program. */
const char *theme_builtin_description(size_t i)
{
    enum { CACHED = 32 };
    typedef char description[sizeof ((theme *)0)->description];
    static description cache[CACHED], scratch;
    static bool ready[CACHED];
    const builtin_theme *b = builtin_at(i);
    if (!b)
        return NULL;
    if (i < CACHED && ready[i])
        return cache[i];
    theme t = *theme_default();
    diag_list d;
    diag_list_init(&d);
    char where[96];
    snprintf(where, sizeof where, "themes/%s.yaml", b->name);
    bool ok = parse_theme(&t, where, b->text, b->len, &d, NULL);
    diag_list_free(&d);
    char *out = i < CACHED ? cache[i] : scratch; /* past CACHED themes: valid until the next call */
    snprintf(out, sizeof(description), "%s", ok ? t.description : "");
    if (i < CACHED)
        ready[i] = true;
    return out;
}

const char *sfnviz_theme_builtin_name(size_t i)
{
    return theme_builtin_name(i);
}

const char *sfnviz_theme_builtin_description(size_t i)
{
    return theme_builtin_description(i);
}

sfnviz_theme *sfnviz_theme_load(const char *name_or_file, char *err, size_t err_size)
{
    diag_list d;
    diag_list_init(&d);
    theme *t = malloc(sizeof *t);
    if (!t)
        sfn_oom();
    *t = *theme_default();
    const builtin_theme *b = name_or_file ? find_builtin(name_or_file) : NULL;
    bool ok;
    if (!name_or_file) {
        diag_error(&d, mark_none(), "no theme given");
        ok = false;
    } else {
        char where[96];
        snprintf(where, sizeof where, "themes/%s.yaml", b ? b->name : "");
        ok = b ? parse_theme(t, where, b->text, b->len, &d, NULL) : load_theme_file(t, name_or_file, &d);
    }
    if (err && err_size)
        diag_format(ok ? NULL : first_error(&d), err, err_size);
    if (!ok) {
        free(t);
        t = NULL;
    }
    diag_list_free(&d);
    return t;
}

void sfnviz_theme_free(sfnviz_theme *t)
{
    free(t);
}
