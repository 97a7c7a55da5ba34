/* template.c: state machines of a template or ASL file; see template.h. */
#include "template/template.h"
#include "template/string_origin.h"
#include "template/intrinsic.h"
#include "model/resolve.h"
#include "base/limits.h"
#include "template/substitute.h"
#include "template/definition_file.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char SAM_TYPE[] = "AWS::Serverless::StateMachine";
static const char CFN_TYPE[] = "AWS::StepFunctions::StateMachine";

typedef struct reader {
    arena *a;
    const char *path;      /* the template, as the user named it */
    const char *dir;       /* its folder, as the user would name it ("." when none) */
    const char *root;      /* absolute project root for DefinitionUri files */
    const char *text;      /* the template's text (may be NULL) */
    size_t len;
    const sfnviz_file_source *files; /* DefinitionUri files from elsewhere (git); NULL: the file system */
    template_ctx t;
    intrinsic_budget budget; /* t's: the Fn::Sub and Fn::Join text of the whole template */
    resolver res;
    diag_list *diags;
    definition_files uri_files; /* the DefinitionUri files read so far */
} reader;

/* ---- paths ---- */

static const char *dir_of(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    return slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *join_path(arena *a, const char *dir, const char *rel)
{
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    if (rel[0] == '/')
        return rel;
    if (strcmp(dir, ".") == 0)
        return rel;
    return arena_printf(a, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", rel);
}

/* An absolute path with `.`, `..` and repeated slashes folded away, without touching the file system
 * (the file may not exist). */
static const char *normalize(arena *a, const char *abs)
{
    char *out = arena_alloc(a, strlen(abs) + 2);
    size_t n = 0;
    for (const char *p = abs; *p;) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else {
            out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
        }
        p += len;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    return out;
}

static const char *absolute(arena *a, const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return arena_strdup(a, buf);
    if (path[0] == '/')
        return normalize(a, path);
    if (!getcwd(buf, sizeof buf))
        return normalize(a, path);
    return normalize(a, arena_printf(a, "%s/%s", buf, path));
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The nearest folder at or above dir holding `.git`, else dir itself. */
static const char *project_root(arena *a, const char *dir_abs)
{
    char *d = arena_strdup(a, dir_abs);
    for (;;) {
        if (exists(arena_printf(a, "%s/.git", strcmp(d, "/") == 0 ? "" : d)))
            return d;
        char *slash = strrchr(d, '/');
        if (!slash || slash == d)
            return dir_abs;
        *slash = '\0';
    }
}

static bool inside(const char *root, const char *path)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(root, path, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* ---- machines ---- */

static machine *new_machine(reader *r, machine *m, const char *id, machine_kind kind, mark at)
{
    memset(m, 0, sizeof *m);
    m->id = id;
    m->kind = kind;
    m->at = at;
    m->file = r->path;
    m->status = MACHINE_OK;
    return m;
}

/* Marks m as not drawable with a `file:line:col: error: message` text. The message stays with the machine
 * (not in the file's diagnostics), so a command shows it only for the machines it was asked about. */
static void fail_machine(reader *r, machine *m, machine_status status, mark at, const char *msg)
{
    m->status = status;
    m->message_at = at;
    m->message_plain = arena_strdup(r->a, msg);
    diag d = {DIAG_ERROR, at, (char *)msg, NULL};
    char buf[1024];
    diag_format(&d, buf, sizeof buf);
    m->message = arena_strdup(r->a, buf);
}

/* Keeps the first error of `from` as m's message (status error) and moves the warnings to the file's
 * diagnostics. */
static void take_diagnostics(reader *r, machine *m, diag_list *from, const char *context)
{
    diag_list warnings;
    diag_list_init(&warnings);
    for (size_t i = 0; i < from->count; i++) {
        diag *d = &from->items[i];
        if (d->level != DIAG_ERROR) {
            diag_add(&warnings, d->level, d->at, "%s", d->message);
            diag_set_rule(&warnings, d->rule);
        } else if (m->status == MACHINE_OK) {
            char buf[1024];
            diag_format(d, buf, sizeof buf);
            m->status = MACHINE_ERROR;
            m->message = context ? arena_printf(r->a, "%s (%s)", buf, context) : arena_strdup(r->a, buf);
            m->message_at = d->at;
            m->message_plain = context ? arena_printf(r->a, "%s (%s)", d->message, context)
                                       : arena_strdup(r->a, d->message);
        }
    }
    diag_list_free(from);
    diag_list_move(r->diags, &warnings);
}

/* Whether the template's intrinsics have made more text than its budget (then m fails, at `at`). */
static bool budget_spent(reader *r, machine *m, mark at)
{
    if (!r->budget.spent)
        return false;
    char limit[160];
    fail_machine(r, m, MACHINE_ERROR, at,
                 arena_printf(r->a, "Fn::Sub and Fn::Join make the template's text larger than %s",
                              limit_describe(limit, sizeof limit, r->t.limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE)));
    return true;
}

/* Builds the model from a parsed definition: intrinsics to text (in templates: an ASL file has none),
 * substitutions, then the graph. */
static void build_from(reader *r, machine *m, const value *def, const substitutions *subs)
{
    /* A DefinitionString's ${Name} may be Fn::Sub's; a standalone ASL file waits for its template. */
    if (m->kind != MACHINE_ASL && (!m->where || strcmp(m->where, "DefinitionString") != 0))
        substitute_unresolved(subs, def, r->diags);
    if (m->kind != MACHINE_ASL)
        def = intrinsic_replace(&r->t, def);
    if (budget_spent(r, m, def->at))
        return;
    diag_list local;
    diag_list_init(&local);
    const value *done = substitute_tree(r->a, subs, def, &local);
    if (done)
        workflow_build(r->a, m, done, &r->res, r->t.limits, &local);
    take_diagnostics(r, m, &local, NULL);
}

/* Parses definition text (a file, or a DefinitionString). A definition that only parses after
 * substitution (a placeholder where a number goes) is substituted as text first, as CloudFormation does. */
typedef value *(*read_fn)(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                          diag_list *diags);

/* JSON has no aliases, so nothing of the limits applies past the file's size. */
static value *read_json(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                        diag_list *diags)
{
    (void)limits;
    return json_read(a, path, text, len, diags);
}

/* Text that does not parse as written, substituted as whole text and parsed again (NULL when it still does
 * not, or when substituting fails: *problem then says why). The second reading's warnings go to
 * warnings. */
static const value *parse_substituted(reader *r, read_fn read, const char *path, const char *text, size_t len,
                                      const substitutions *subs, diag_list *warnings, substitute_problem *problem)
{
    *problem = SUBSTITUTE_OK;
    if (!subs->count)
        return NULL;
    size_t n = 0;
    const char *subst = substitute_text(r->a, subs, text, len, &n, problem);
    if (!subst)
        return NULL;
    diag_list second;
    diag_list_init(&second);
    const value *v = read(r->a, path, subst, n, r->t.limits, &second);
    if (v)
        diag_list_move(warnings, &second);
    diag_list_free(&second);
    return v;
}

/* A DefinitionString's text, parsed as written or else once substituted. *problem says why substituting
 * failed, when it was tried and failed: the definition is then named with that, not with the parse
 * error, which substitution might have cured. */
static const value *parse_definition(reader *r, read_fn read, const char *path, const char *text, size_t len,
                                     const substitutions *subs, diag_list *errors, diag_list *warnings,
                                     substitute_problem *problem)
{
    diag_list first;
    diag_list_init(&first);
    const value *v = read(r->a, path, text, len, r->t.limits, &first);
    *problem = SUBSTITUTE_OK;
    if (v) { /* it keeps its warnings (duplicate keys) */
        diag_list_move(warnings, &first);
        return v;
    }
    v = parse_substituted(r, read, path, text, len, subs, warnings, problem);
    if (v) /* the first reading's errors are moot */
        diag_list_free(&first);
    else
        diag_list_move(errors, &first);
    return v;
}

static void load_definition_file(reader *r, machine *m, const value *uri, const substitutions *subs)
{
    const char *rel = uri->text;
    const char *display = join_path(r->a, r->dir, rel);
    const char *resolved = absolute(r->a, display);
    m->where = rel;
    if (!inside(r->root, resolved)) {
        fail_machine(r, m, MACHINE_ERROR, uri->at,
                     arena_printf(r->a, "DefinitionUri \"%s\" resolves outside the project (%s); use --root to "
                                        "allow it",
                                  rel, r->root));
        return;
    }
    m->definition_file = display;
    definition_file *f = definition_files_get(&r->uri_files, display, r->diags);
    if (f->status != DEFINITION_FILE_READ) {
        fail_machine(r, m, f->status == DEFINITION_FILE_MISSING ? MACHINE_MISSING : MACHINE_ERROR, uri->at,
                     arena_printf(r->a, "DefinitionUri file %s: %s", display, f->problem));
        return;
    }
    substitute_problem problem = SUBSTITUTE_OK;
    const value *def = f->tree;
    if (!def) {
        diag_list warnings;
        diag_list_init(&warnings);
        def = parse_substituted(r, value_read, display, f->text, f->len, subs, &warnings, &problem);
        if (def && !f->substituted_warned)
            diag_list_move(r->diags, &warnings);
        f->substituted_warned |= def != NULL;
        diag_list_free(&warnings);
    }
    if (!def && problem != SUBSTITUTE_OK) {
        char why[256];
        fail_machine(r, m, MACHINE_ERROR, uri->at,
                     arena_printf(r->a, "DefinitionUri file %s does not parse as written, and substituting it "
                                        "fails: %s",
                                  display, substitute_problem_text(why, sizeof why, subs, problem)));
        return;
    }
    if (!def) {
        fail_machine(r, m, MACHINE_ERROR, f->error_at,
                     arena_printf(r->a, "%s (the DefinitionUri file does not parse)", f->error_message));
        return;
    }
    build_from(r, m, def, subs);
}

/* The byte offset of (line, column) in the template's text; columns count characters. */
static size_t offset_of(const reader *r, unsigned line, unsigned column)
{
    size_t i = 0;
    for (unsigned l = 1; l < line && i < r->len; i++)
        if (r->text[i] == '\n')
            l++;
    for (unsigned c = 1; c < column && i < r->len && r->text[i] != '\n'; c++)
        do
            i++;
        while (i < r->len && ((unsigned char)r->text[i] & 0xC0) == 0x80);
    return i;
}

/* For a DefinitionString written as a literal block (`DefinitionString: |` or `!Sub |`), the template line
 * just before its text and the text's indentation: text line k, column c is template line base + k,
 * column indent + c. Lines are exact; columns shift where a placeholder was replaced on that line. */
static bool block_origin(const reader *r, const value *v, unsigned *base, unsigned *indent)
{
    if (!r->text || !v->quoted || !v->at.line)
        return false;
    size_t i = offset_of(r, v->at.line, v->at.column);
    if (i < r->len && r->text[i] == '!')
        while (i < r->len && r->text[i] != ' ' && r->text[i] != '\n')
            i++;
    while (i < r->len && r->text[i] == ' ')
        i++;
    if (i >= r->len || r->text[i] != '|')
        return false;
    while (i < r->len && r->text[i] != '\n')
        i++;
    unsigned n = 0;
    for (i++; i < r->len && r->text[i] == ' '; i++)
        n++;
    *base = v->at.line;
    *indent = n;
    return true;
}

static void shift_mark(mark *m, const reader *r, unsigned base, unsigned indent)
{
    m->file = r->path;
    m->column += m->line == 0 ? 0 : indent;
    m->line += base;
}

/* The scalar a DefinitionString's text is written in: the string itself, or Fn::Sub's string. */
static const value *definition_scalar(const value *v)
{
    if (value_is_map(v) && v->count == 1 && strcmp(v->pairs[0].key, "Fn::Sub") == 0)
        return value_str(v->pairs[0].val) ? v->pairs[0].val : NULL;
    return value_str(v) ? v : NULL;
}

/* For a DefinitionString written on one line as a quoted string, the map of its characters onto the
 * template (string_origin.h); false otherwise. */
static bool line_origin(const reader *r, const value *v, const char *text, string_origin *o)
{
    const value *s = definition_scalar(v);
    if (!r->text || !s || !s->quoted || !s->at.line)
        return false;
    size_t i = offset_of(r, s->at.line, s->at.column);
    unsigned column = s->at.column;
    if (i < r->len && r->text[i] == '!') /* !Sub '...': the quote follows the tag */
        for (; i < r->len && r->text[i] != ' ' && r->text[i] != '\n'; i++)
            column++;
    for (; i < r->len && r->text[i] == ' '; i++)
        column++;
    return string_origin_read(r->text, r->len, i, r->path, s->at.line, column, text, strlen(text), o);
}

/* Where the marks of a parsed DefinitionString go: lines of a block, columns of one line, or (text made
 * by Fn::Join, or over several lines) the DefinitionString's own place, with the inner position kept. */
typedef enum origin_kind { ORIGIN_BLOCK, ORIGIN_LINE, ORIGIN_INSIDE } origin_kind;

typedef struct origin {
    const reader *r;
    origin_kind kind;
    unsigned base, indent;     /* ORIGIN_BLOCK */
    const string_origin *line; /* ORIGIN_LINE */
    mark at;                   /* ORIGIN_INSIDE: the DefinitionString */
} origin;

static void place_mark(mark *m, const origin *o)
{
    if (o->kind == ORIGIN_BLOCK) {
        shift_mark(m, o->r, o->base, o->indent);
    } else if (o->kind == ORIGIN_LINE) {
        string_origin_map(o->line, m);
    } else if (m->line) {
        mark inner = *m;
        *m = o->at;
        m->inner_line = inner.line;
        m->inner_column = inner.column;
    }
}

/* Moves every mark of a definition parsed from a DefinitionString onto the template. The tree is fresh
 * from the JSON reader: a tree, not a DAG, so each node is visited once. */
static void place_marks(value *v, const origin *o)
{
    place_mark(&v->at, o);
    for (size_t i = 0; i < v->count; i++) {
        if (v->kind == VALUE_SEQ) {
            place_marks(v->items[i], o);
        } else if (v->kind == VALUE_MAP) {
            place_mark(&v->pairs[i].key_mark, o);
            place_marks(v->pairs[i].val, o);
        }
    }
}

/* A warning of the DefinitionString's reading, moved as its marks are (and its inner position said). */
static void place_diag(diag *d, const origin *o)
{
    place_mark(&d->at, o);
    if (!d->at.inner_line)
        return;
    size_t n = strlen(d->message) + 64;
    char *longer = malloc(n);
    if (!longer)
        sfn_oom();
    snprintf(longer, n, "%s (line %u, column %u of the DefinitionString's text)", d->message, d->at.inner_line,
             d->at.inner_column);
    free(d->message);
    d->message = longer;
}

/* m fails at the DefinitionString that does not parse: at its first error, placed in the template, or,
 * when substituting it failed too, at the DefinitionString with why. */
static void fail_definition_string(reader *r, machine *m, const value *v, const origin *o, const diag_list *errors,
                                   const substitutions *subs, substitute_problem problem)
{
    if (problem != SUBSTITUTE_OK) {
        char why[256];
        fail_machine(r, m, MACHINE_ERROR, v->at,
                     arena_printf(r->a, "DefinitionString does not parse as written, and substituting it fails: %s",
                                  substitute_problem_text(why, sizeof why, subs, problem)));
        return;
    }
    mark at = errors->count ? errors->items[0].at : v->at, inner = at;
    place_mark(&at, o);
    if (!at.line || at.file != r->path)
        at = v->at;
    fail_machine(r, m, MACHINE_ERROR, at,
                 arena_printf(r->a, "DefinitionString is not valid JSON: %s (line %u, column %u of its text)",
                              errors->count ? errors->items[0].message : "it does not parse", inner.line,
                              inner.column));
}

static void load_definition_string(reader *r, machine *m, const value *v, const substitutions *subs)
{
    m->where = "DefinitionString";
    const char *text = intrinsic_is(v) ? intrinsic_text(&r->t, v) : value_scalar_text(v);
    if (budget_spent(r, m, v->at))
        return;
    if (!text) {
        fail_machine(r, m, MACHINE_ERROR, v->at, "DefinitionString should be a string, Fn::Sub or Fn::Join");
        return;
    }
    unsigned base = 0, indent = 0;
    string_origin line;
    bool block = block_origin(r, v, &base, &indent);
    bool one_line = !block && line_origin(r, v, text, &line);
    diag_list errors, warnings;
    diag_list_init(&errors);
    diag_list_init(&warnings);
    /* CloudFormation takes a DefinitionString as JSON only. Its text is read as if it were the template:
     * place_marks then moves every position onto the template's own lines. */
    substitute_problem problem;
    const value *def =
        parse_definition(r, read_json, r->path, text, strlen(text), subs, &errors, &warnings, &problem);
    origin o = {r, block ? ORIGIN_BLOCK : one_line ? ORIGIN_LINE : ORIGIN_INSIDE, base, indent, &line, v->at};
    if (!def) {
        fail_definition_string(r, m, v, &o, &errors, subs, problem);
        diag_list_free(&errors);
        diag_list_free(&warnings);
        if (one_line)
            string_origin_free(&line);
        return;
    }
    place_marks((value *)def, &o);
    for (size_t i = 0; i < warnings.count; i++)
        place_diag(&warnings.items[i], &o);
    diag_list_move(r->diags, &warnings);
    if (one_line)
        string_origin_free(&line);
    build_from(r, m, def, subs);
}

static const char *s3_where(reader *r, const value *loc)
{
    if (value_is_scalar(loc))
        return intrinsic_text(&r->t, loc);
    const value *bucket = value_get(loc, "Bucket"), *key = value_get(loc, "Key");
    if (bucket && key)
        return arena_printf(r->a, "s3://%s/%s", intrinsic_text(&r->t, bucket), intrinsic_text(&r->t, key));
    return "S3";
}

static bool is_local_uri(const value *uri)
{
    return value_str(uri) && strncmp(uri->text, "s3://", 5) != 0;
}

/* A DefinitionUri is a path, an s3:// URI, a Bucket/Key map, or an intrinsic computing one of them. */
static bool is_uri_shaped(const value *uri)
{
    return (value_str(uri) && uri->len > 0) || value_is_map(uri) || intrinsic_is(uri);
}

/* Which of Definition, DefinitionUri, DefinitionString, DefinitionS3Location is given: exactly one. */
static const value_pair *definition_source(reader *r, machine *m, const value *props)
{
    static const char *const keys[] = {"Definition", "DefinitionUri", "DefinitionString", "DefinitionS3Location"};
    const value_pair *found = NULL;
    for (size_t i = 0; i < 4; i++) {
        const value_pair *p = value_get_pair(props, keys[i]);
        if (p && found) {
            fail_machine(r, m, MACHINE_ERROR, p->key_mark,
                         arena_printf(r->a, "give either '%s' or '%s', not both", found->key, p->key));
            return NULL;
        }
        if (p)
            found = p;
    }
    if (!found) {
        fail_machine(r, m, MACHINE_ERROR, m->at,
                     "no definition: give Definition, DefinitionUri, DefinitionString or DefinitionS3Location");
        m->no_definition = true;
    }
    return found;
}

static void read_resource(reader *r, machine *m, const value *res)
{
    const value *props = value_get(res, "Properties");
    bool sam = m->kind == MACHINE_SAM;
    const value *name = value_get(props, sam ? "Name" : "StateMachineName");
    const value *type = value_get(props, sam ? "Type" : "StateMachineType");
    m->name = name ? intrinsic_text(&r->t, name) : NULL;
    m->type = type ? intrinsic_text(&r->t, type) : NULL;
    if (!value_is_map(props)) {
        fail_machine(r, m, MACHINE_ERROR, res->at, "the resource has no Properties map");
        m->no_definition = true;
        return;
    }
    substitutions subs;
    diag_list errors;
    diag_list_init(&errors);
    if (!substitutions_read(&r->t, value_get(props, "DefinitionSubstitutions"), &subs, &errors)) {
        take_diagnostics(r, m, &errors, NULL);
        return;
    }
    const value_pair *src = definition_source(r, m, props);
    if (!src)
        return;
    const value *v = src->val;
    if (strcmp(src->key, "Definition") == 0) {
        m->where = "inline";
        if (!value_is_map(v) || intrinsic_is(v))
            fail_machine(r, m, MACHINE_ERROR, v->at, "Property 'Definition' should be a map");
        else
            build_from(r, m, v, &subs);
    } else if (strcmp(src->key, "DefinitionString") == 0) {
        load_definition_string(r, m, v, &subs);
    } else if (strcmp(src->key, "DefinitionUri") == 0 && !is_uri_shaped(v)) {
        fail_machine(r, m, MACHINE_ERROR, v->at,
                     "DefinitionUri should be a local path, an s3:// URI, or a map with Bucket and Key");
    } else if (strcmp(src->key, "DefinitionUri") == 0 && is_local_uri(v)) {
        load_definition_file(r, m, v, &subs);
    } else {
        m->where = s3_where(r, v);
        fail_machine(r, m, MACHINE_S3, v->at,
                     arena_printf(r->a, "the definition lives in S3 (%s): nothing local to draw", m->where));
    }
}

static bool is_asl(const value *root) { return value_get(root, "StartAt") && value_get(root, "States"); }

static bool is_machine_resource(const value *res, machine_kind *kind)
{
    const char *type = value_str(value_get(res, "Type"));
    if (!type)
        return false;
    if (strcmp(type, SAM_TYPE) == 0)
        *kind = MACHINE_SAM;
    else if (strcmp(type, CFN_TYPE) == 0)
        *kind = MACHINE_CLOUDFORMATION;
    else
        return false;
    return true;
}

static void read_template(reader *r, const value *resources, machine **out, size_t *count)
{
    size_t n = 0;
    machine_kind kind;
    for (size_t i = 0; i < resources->count; i++)
        n += is_machine_resource(resources->pairs[i].val, &kind);
    *out = arena_calloc(r->a, n ? n : 1, sizeof **out);
    *count = 0;
    for (size_t i = 0; i < resources->count; i++) {
        const value_pair *p = &resources->pairs[i];
        if (!is_machine_resource(p->val, &kind))
            continue;
        machine *m = new_machine(r, &(*out)[(*count)++], p->key, kind, p->key_mark);
        read_resource(r, m, p->val);
    }
}

static void setup_reader(reader *r, arena *a, const char *path, const value *root, const template_options *opts,
                         diag_list *diags)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->path = path;
    r->dir = opts && opts->base_dir ? opts->base_dir : dir_of(a, path);
    r->root = opts && opts->root ? absolute(a, opts->root) : project_root(a, absolute(a, r->dir));
    r->diags = diags;
    r->text = opts ? opts->text : NULL;
    r->len = opts ? opts->len : 0;
    r->files = opts ? opts->files : NULL;
    r->t.a = a;
    r->t.limits = opts ? opts->limits : NULL;
    r->budget.left = limit_of(r->t.limits, SFNVIZ_LIMIT_SUBSTITUTION_SIZE);
    r->t.budget = &r->budget;
    r->t.resources = value_get(root, "Resources");
    r->t.parameters = value_get(root, "Parameters");
    r->t.mappings = value_get(root, "Mappings");
    r->res.ctx = &r->t;
    r->res.resource_type = template_resource_type;
}

bool template_read(arena *a, const char *path, const value *root, const template_options *opts, machine **out,
                   size_t *count, diag_list *diags)
{
    reader r;
    setup_reader(&r, a, path, root, opts, diags);
    *out = NULL;
    *count = 0;
    if (value_is_map(root) && is_asl(root)) {
        machine *m = new_machine(&r, arena_alloc(a, sizeof *m), base_of(path), MACHINE_ASL, root->at);
        m->where = "inline";
        build_from(&r, m, root, &(substitutions){0});
        *out = m;
        *count = 1;
        return true;
    }
    const value *resources = value_get(root, "Resources");
    if (!value_is_map(resources)) {
        mark at = root ? root->at : mark_at(path, 1, 1);
        diag_error(diags, at, "not a template or state machine definition: expected a Resources map (SAM or "
                              "CloudFormation) or StartAt and States (Amazon States Language)");
        return false;
    }
    definition_files_init(&r.uri_files, a, r.files, r.t.limits);
    read_template(&r, resources, out, count);
    definition_files_free(&r.uri_files);
    return true;
}
