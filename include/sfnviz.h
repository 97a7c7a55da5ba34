/* sfnviz.h: the public face of libsfnviz.
 *
 * Load a SAM / CloudFormation template or a standalone Amazon States Language file, look at the state
 * machines it holds, and export them as DOT, SVG, PNG, PDF or JSON. Types are opaque; every object made by
 * a *_new / *_load function is released by its *_free. Functions never abort on bad input: they report
 * diagnostics (`file:line:col: error: ...`) and return an error code. */
#ifndef SFNVIZ_H
#define SFNVIZ_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "sfnviz_version.h"

/* The version of the library the program runs with ("0.1.0"), which may be newer than SFNVIZ_VERSION,
 * the version of the headers it was built with. */
const char *sfnviz_version(void);

typedef struct sfnviz_doc sfnviz_doc;
typedef struct sfnviz_machine sfnviz_machine;
typedef struct sfnviz_theme sfnviz_theme;

typedef enum sfnviz_format {
    SFNVIZ_FORMAT_DOT,
    SFNVIZ_FORMAT_SVG,
    SFNVIZ_FORMAT_PNG,
    SFNVIZ_FORMAT_PDF,
    SFNVIZ_FORMAT_JSON,
    SFNVIZ_FORMAT_MERMAID,  /* a Mermaid flowchart (.mmd), one machine */
    SFNVIZ_FORMAT_MARKDOWN, /* each machine as a title and a ```mermaid block (.md), ready to paste */
} sfnviz_format;

/* Format by name ("svg", "mermaid", any case) or file extension (".svg", ".SVG", ".mmd", ".md"); -1 when
 * unknown. */
int sfnviz_format_from_name(const char *name);
const char *sfnviz_format_name(sfnviz_format f);
/* The extension of the format's files, without the dot: "svg", "mmd" for Mermaid, "md" for Markdown. */
const char *sfnviz_format_extension(sfnviz_format f);
/* True for formats that are binary (PNG, PDF): never written to a terminal. */
int sfnviz_format_is_binary(sfnviz_format f);

/* Limits that keep hostile input from running away (sfnviz runs on templates nobody has reviewed yet).
 * Input past one is refused with an error that names the limit; each can be raised. Nesting depth is not
 * among them: it stays at SFNVIZ_MAX_DEPTH, which keeps every recursion over the document stack-safe. */
typedef enum sfnviz_limit {
    SFNVIZ_LIMIT_INPUT_SIZE,        /* bytes of a file, standard input, DefinitionUri file, file from git: 64 MiB */
    SFNVIZ_LIMIT_ALIAS_NODES,       /* YAML nodes, each alias counted as a copy of what it names: 4 000 000 */
    SFNVIZ_LIMIT_ALIAS_SIZE,        /* bytes of their text (keys and scalars), counted the same way: 64 MiB */
    SFNVIZ_LIMIT_SUBSTITUTION_SIZE, /* bytes a definition's text may grow to by DefinitionSubstitutions: 16 MiB */
    SFNVIZ_LIMIT_STATES,            /* states of one machine, in all its scopes: 100 000 */
    SFNVIZ_LIMIT_COUNT
} sfnviz_limit;

/* Nesting of maps and sequences in any file (a Parallel nested in a Parallel takes four levels). */
#define SFNVIZ_MAX_DEPTH 2048

typedef struct sfnviz_limits {
    size_t value[SFNVIZ_LIMIT_COUNT]; /* 0: the default */
} sfnviz_limits;

/* The limit's name as `--limit NAME=N` takes it ("input-size", "alias-nodes", "alias-size",
 * "substitution-size", "states"); NULL past the last. */
const char *sfnviz_limit_name(sfnviz_limit l);
/* The limit named (exact name), or -1. */
int sfnviz_limit_from_name(const char *name);
/* Its default, and whether it counts bytes (then it is written "64 MiB") rather than things. */
size_t sfnviz_limit_default(sfnviz_limit l);
int sfnviz_limit_is_size(sfnviz_limit l);
/* One line on what it bounds, for help text. */
const char *sfnviz_limit_help(sfnviz_limit l);

typedef struct sfnviz_load_options {
    /* DefinitionUri files must resolve inside this folder. NULL: the nearest folder above the template
     * holding `.git`, else the template's own folder. */
    const char *root;
    sfnviz_limits limits; /* all zero: the defaults */
} sfnviz_load_options;

/* Reads and interprets a file ("-" is not special here: use sfnviz_doc_load_buffer for standard input).
 * Never NULL except on out-of-memory; check sfnviz_doc_failed(). */
sfnviz_doc *sfnviz_doc_load_file(const char *path, const sfnviz_load_options *opts);
/* Reads a whole stream (standard input) the same way; name is used in messages. */
sfnviz_doc *sfnviz_doc_load_stream(const char *name, FILE *stream, const sfnviz_load_options *opts);

/* The same for text already in memory; name is used in messages and relative DefinitionUri paths
 * resolve against the current folder. */
sfnviz_doc *sfnviz_doc_load_buffer(const char *name, const char *text, size_t len,
                                   const sfnviz_load_options *opts);
/* Where a document's DefinitionUri files come from when not from the file system (an older version of a
 * template, from git). read(ctx, path, ...) returns 0 with the file's text in *text (malloc'd; the library
 * frees it) and its length in *len, 1 when there is no such file, or -1 with the reason in err. */
typedef struct sfnviz_file_source {
    int (*read)(void *ctx, const char *path, char **text, size_t *len, char *err, size_t err_size);
    void *ctx;
} sfnviz_file_source;

/* sfnviz_doc_load_buffer with relative DefinitionUri paths resolving against folder `dir` (NULL: the
 * current folder), and those files read through `files` (NULL: from the file system), so that an older
 * version of a template, whose text came from git, reads its DefinitionUri files at the same revision. */
sfnviz_doc *sfnviz_doc_load_buffer_in(const char *name, const char *text, size_t len, const char *dir,
                                      const sfnviz_file_source *files, const sfnviz_load_options *opts);
void sfnviz_doc_free(sfnviz_doc *doc);

/* Non-zero when the file itself could not be read or parsed (nothing in it can be drawn). */
int sfnviz_doc_failed(const sfnviz_doc *doc);
const char *sfnviz_doc_path(const sfnviz_doc *doc);

/* Where something was written: 1-based line and column (in characters) in `file`, the file the user edits
 * (the template, or the DefinitionUri file for what is written there). line 0 means no position (and file
 * may then be NULL). The strings belong to the document. */
typedef struct sfnviz_location {
    const char *file;
    unsigned line;
    unsigned column;
} sfnviz_location;

typedef enum sfnviz_severity { SFNVIZ_SEVERITY_ERROR, SFNVIZ_SEVERITY_WARNING, SFNVIZ_SEVERITY_NOTE } sfnviz_severity;

/* One diagnostic as data. `rule` is a stable ID for findings that have one (the rules of `sfnviz check`),
 * NULL otherwise; the strings belong to the document. */
typedef struct sfnviz_diagnostic {
    sfnviz_severity severity;
    const char *rule;
    const char *message; /* without the location or severity */
    sfnviz_location at;
} sfnviz_diagnostic;

/* Diagnostics found while loading, in order. sfnviz_doc_diag returns 0 and fills *out, or -1 when i is out
 * of range. sfnviz_doc_diag_text formats diagnostic i as `file:line:col: level: message` in buf. */
size_t sfnviz_doc_diag_count(const sfnviz_doc *doc);
int sfnviz_doc_diag(const sfnviz_doc *doc, size_t i, sfnviz_diagnostic *out);
const char *sfnviz_doc_diag_text(const sfnviz_doc *doc, size_t i, char *buf, size_t size);
int sfnviz_doc_diag_is_error(const sfnviz_doc *doc, size_t i);
const char *sfnviz_severity_name(sfnviz_severity s); /* "error", "warning", "note" */

size_t sfnviz_doc_machine_count(const sfnviz_doc *doc);
const sfnviz_machine *sfnviz_doc_machine(const sfnviz_doc *doc, size_t i);
/* By ID; NULL when there is none. */
const sfnviz_machine *sfnviz_doc_find_machine(const sfnviz_doc *doc, const char *id);

const char *sfnviz_machine_id(const sfnviz_machine *m);
const char *sfnviz_machine_name(const sfnviz_machine *m);       /* NULL when none */
const char *sfnviz_machine_kind(const sfnviz_machine *m);       /* "sam", "cloudformation", "asl" */
const char *sfnviz_machine_status(const sfnviz_machine *m);     /* "ok", "s3", "missing", "error" */
const char *sfnviz_machine_message(const sfnviz_machine *m);    /* NULL when status is "ok" */
/* The same as data: returns 0 and fills *out (an error) when status is not "ok", else -1. Declared below. */
const char *sfnviz_machine_where(const sfnviz_machine *m);      /* where the definition lives */
size_t sfnviz_machine_state_count(const sfnviz_machine *m);
int sfnviz_machine_drawable(const sfnviz_machine *m);
const char *sfnviz_machine_type(const sfnviz_machine *m);        /* "STANDARD", "EXPRESS" as written; NULL */
const char *sfnviz_machine_comment(const sfnviz_machine *m);     /* top-level Comment; NULL when none */
const char *sfnviz_machine_query_language(const sfnviz_machine *m); /* "JSONPath" or "JSONata" */
const char *sfnviz_machine_file(const sfnviz_machine *m);        /* the file the machine was found in */
const char *sfnviz_machine_definition_file(const sfnviz_machine *m); /* DefinitionUri file; NULL: inline */
sfnviz_location sfnviz_machine_location(const sfnviz_machine *m); /* the resource's key, or the file */

int sfnviz_machine_problem(const sfnviz_machine *m, sfnviz_diagnostic *out);

/* Walking a machine.
 *
 * A machine is a set of scopes: scope 0 is the top level, then one per Parallel branch and one per Map
 * processor, nested to any depth. Each state belongs to one scope, whose states are in source order; a
 * Parallel or Map state opens its child scopes. Transitions are edges, and they form a graph, not a tree:
 * loops, self-loops and several edges into one state are normal, so a walk must keep a visited set.
 * Handles are valid while the document lives; a machine whose status is not "ok" has no scopes. */
typedef struct sfnviz_scope sfnviz_scope;
typedef struct sfnviz_state sfnviz_state;
typedef struct sfnviz_edge sfnviz_edge;

typedef enum sfnviz_state_type {
    SFNVIZ_STATE_TASK,
    SFNVIZ_STATE_PASS,
    SFNVIZ_STATE_CHOICE,
    SFNVIZ_STATE_WAIT,
    SFNVIZ_STATE_SUCCEED,
    SFNVIZ_STATE_FAIL,
    SFNVIZ_STATE_PARALLEL,
    SFNVIZ_STATE_MAP,
    SFNVIZ_STATE_UNKNOWN, /* a Type that is missing or not one of the eight (case matters) */
} sfnviz_state_type;

typedef enum sfnviz_edge_kind {
    SFNVIZ_EDGE_START,   /* the scope's StartAt: from is NULL */
    SFNVIZ_EDGE_NEXT,
    SFNVIZ_EDGE_CHOICE,  /* a Choice rule; label: the rule as text */
    SFNVIZ_EDGE_DEFAULT, /* a Choice's Default */
    SFNVIZ_EDGE_CATCH,   /* a catcher; errors: its ErrorEquals, label: them joined */
    SFNVIZ_EDGE_RETRY,   /* a retrier, drawn as a self-edge: to is the state itself; see sfnviz_edge_retry */
    SFNVIZ_EDGE_END,     /* End: true, Succeed or Fail: to is NULL */
} sfnviz_edge_kind;

size_t sfnviz_machine_scope_count(const sfnviz_machine *m);
const sfnviz_scope *sfnviz_machine_scope(const sfnviz_machine *m, size_t i); /* NULL past the last */
const sfnviz_state *sfnviz_machine_state(const sfnviz_machine *m, size_t i); /* all states, scope by scope */
size_t sfnviz_machine_edge_count(const sfnviz_machine *m);
const sfnviz_edge *sfnviz_machine_edge(const sfnviz_machine *m, size_t i);
/* The first state named `name` in any scope (names are unique in a valid machine); NULL when none. */
const sfnviz_state *sfnviz_machine_find_state(const sfnviz_machine *m, const char *name);

/* A scope: the Parallel or Map state that opens it (NULL for the top level), its StartAt as written and
 * as resolved (NULL when missing or naming no state of the scope), and its states. */
const sfnviz_state *sfnviz_scope_parent(const sfnviz_scope *s);
int sfnviz_scope_branch(const sfnviz_scope *s);          /* Parallel branch index; -1 otherwise */
int sfnviz_scope_is_map_processor(const sfnviz_scope *s);
const char *sfnviz_scope_start_at(const sfnviz_scope *s);
const sfnviz_state *sfnviz_scope_start(const sfnviz_scope *s);
size_t sfnviz_scope_state_count(const sfnviz_scope *s);
const sfnviz_state *sfnviz_scope_state(const sfnviz_scope *s, size_t i);
sfnviz_location sfnviz_scope_location(const sfnviz_scope *s);

/* A state. Strings are as written, NULL when absent. */
const char *sfnviz_state_name(const sfnviz_state *s);
sfnviz_state_type sfnviz_state_type_of(const sfnviz_state *s);
const char *sfnviz_state_type_name(sfnviz_state_type t); /* "Task", ... "Map"; "Unknown" */
const char *sfnviz_state_type_text(const sfnviz_state *s); /* Type as written */
const char *sfnviz_state_comment(const sfnviz_state *s);
const char *sfnviz_state_resource(const sfnviz_state *s);      /* Resource after substitution */
const char *sfnviz_state_resource_text(const sfnviz_state *s); /* as a diagram shows it: "λ Fn", "sqs:sendMessage" */
const sfnviz_scope *sfnviz_state_scope(const sfnviz_state *s);
int sfnviz_state_is_end(const sfnviz_state *s);               /* End: true */
int sfnviz_state_is_jsonata(const sfnviz_state *s);           /* its effective QueryLanguage */
sfnviz_location sfnviz_state_location(const sfnviz_state *s); /* the state's key */
/* The scopes it opens: a Parallel's branches, a Map's processor. */
size_t sfnviz_state_child_scope_count(const sfnviz_state *s);
const sfnviz_scope *sfnviz_state_child_scope(const sfnviz_state *s, size_t i);
/* Its outgoing edges in order: Next or the Choice rules and Default, then Catch, Retry, End. */
size_t sfnviz_state_edge_count(const sfnviz_state *s);
const sfnviz_edge *sfnviz_state_edge(const sfnviz_state *s, size_t i);
/* The i-th outgoing edge of a kind (a Choice's rules, retriers, catchers, in the order written); NULL when
 * none. A rule or catcher without a Next makes no edge, so use sfnviz_edge_index for its place in the list. */
const sfnviz_edge *sfnviz_state_edge_of_kind(const sfnviz_state *s, sfnviz_edge_kind kind, size_t i);
size_t sfnviz_state_edge_count_of_kind(const sfnviz_state *s, sfnviz_edge_kind kind);

/* An edge. from is NULL for START, to is NULL for END and for a target that names no state of the scope
 * (target_name says what was written). */
sfnviz_edge_kind sfnviz_edge_kind_of(const sfnviz_edge *e);
const char *sfnviz_edge_kind_name(sfnviz_edge_kind k); /* "start", "next", "choice", ... */
const sfnviz_state *sfnviz_edge_from(const sfnviz_edge *e);
const sfnviz_state *sfnviz_edge_to(const sfnviz_edge *e);
const char *sfnviz_edge_target_name(const sfnviz_edge *e);
const char *sfnviz_edge_label(const sfnviz_edge *e);
const sfnviz_scope *sfnviz_edge_scope(const sfnviz_edge *e);
/* CHOICE, CATCH, RETRY: the index of its rule, catcher or retrier in the state's Choices, Catch or Retry. */
size_t sfnviz_edge_index(const sfnviz_edge *e);
sfnviz_location sfnviz_edge_location(const sfnviz_edge *e); /* where the transition (or retrier) is written */
/* CATCH and RETRY: the ErrorEquals names. */
size_t sfnviz_edge_error_count(const sfnviz_edge *e);
const char *sfnviz_edge_error(const sfnviz_edge *e, size_t i);

/* A retrier's effective policy, the service's defaults applied. */
typedef struct sfnviz_retry_policy {
    long long max_attempts;      /* MaxAttempts, default 3 */
    long long interval_seconds;  /* IntervalSeconds, default 1 */
    long long max_delay_seconds; /* MaxDelaySeconds, -1 when absent */
    double backoff_rate;         /* BackoffRate, default 2.0 */
    const char *jitter;          /* JitterStrategy as written, NULL when absent */
} sfnviz_retry_policy;

/* For a RETRY edge fills *out and returns 0; -1 for any other kind. */
int sfnviz_edge_retry(const sfnviz_edge *e, sfnviz_retry_policy *out);

/* Checking (`sfnviz check`).
 *
 * sfnviz_check runs every rule over every machine of a loaded document and returns its findings sorted
 * by machine, file and position: each an sfnviz_diagnostic whose `rule` is the rule's stable ID and whose
 * location is the key it is about, in the file the user edits (the template, or the DefinitionUri file).
 * What loading found that has a rule (a duplicate key, an unresolved placeholder) and each machine that
 * has no definition to check (in S3, missing, broken) are findings too. A document that failed to load
 * (sfnviz_doc_failed) has no findings: report its diagnostics instead. docs/rules.md lists the rules. */
typedef struct sfnviz_rule {
    const char *id;           /* "transition-target" */
    sfnviz_severity severity; /* what its findings are: error or warning */
    const char *summary;      /* what it catches, one line */
    const char *service_code; /* the Step Functions validator's code for the same finding; NULL when none */
} sfnviz_rule;

size_t sfnviz_rule_count(void);
int sfnviz_rule_at(size_t i, sfnviz_rule *out); /* 0, or -1 past the last */
int sfnviz_rule_find(const char *id);           /* its index, or -1 */

typedef struct sfnviz_check_options {
    const char *const *ignore; /* rule IDs turned off (unknown IDs are ignored: check with sfnviz_rule_find) */
    size_t ignore_count;
} sfnviz_check_options;

typedef struct sfnviz_findings sfnviz_findings;

/* Never NULL except on out-of-memory. opts may be NULL. */
sfnviz_findings *sfnviz_check(const sfnviz_doc *doc, const sfnviz_check_options *opts);
void sfnviz_findings_free(sfnviz_findings *f);
size_t sfnviz_findings_count(const sfnviz_findings *f);
size_t sfnviz_findings_errors(const sfnviz_findings *f);
size_t sfnviz_findings_warnings(const sfnviz_findings *f);
/* Finding i: 0 and *out filled (strings belong to the findings), or -1 out of range. */
int sfnviz_finding(const sfnviz_findings *f, size_t i, sfnviz_diagnostic *out);
/* The index (for sfnviz_doc_machine) of the machine finding i is about; -1 for the file itself. */
int sfnviz_finding_machine(const sfnviz_findings *f, size_t i);

/* The built-in themes, in order: name and one-line description of theme i; NULL past the last. */
const char *sfnviz_theme_builtin_name(size_t i);
const char *sfnviz_theme_builtin_description(size_t i);

/* Themes: the built-in "default", a name of a theme in the themes folder, or a YAML file. */
sfnviz_theme *sfnviz_theme_load(const char *name_or_file, char *err, size_t err_size);
void sfnviz_theme_free(sfnviz_theme *t);

typedef enum sfnviz_direction { SFNVIZ_TOP_BOTTOM, SFNVIZ_LEFT_RIGHT } sfnviz_direction;

/* How much a diagram shows. AUTO draws in full up to a size budget, then degrades step by step (and says
 * so through the warn callback), since Graphviz's layout time explodes on large graphs: COMPACT leaves the
 * retry, catch and default labels to the tooltips and puts rules on one line; COLLAPSED also draws each
 * top-level Parallel and Map as one node with a count. FULL draws everything whatever the size. */
typedef enum sfnviz_detail {
    SFNVIZ_DETAIL_AUTO,
    SFNVIZ_DETAIL_FULL,
    SFNVIZ_DETAIL_COMPACT,
    SFNVIZ_DETAIL_COLLAPSED
} sfnviz_detail;

/* What AUTO does with a typical workflow (bench/gen_workflow.py's; measured in bench/README.md): full up
 * to about SFNVIZ_AUTO_FULL_STATES states, compact up to about SFNVIZ_AUTO_COMPACT_STATES, collapsed up to
 * about SFNVIZ_AUTO_COLLAPSED_STATES, refused past that. The budgets are of layout work, not of states: a
 * long chain keeps full detail far longer, a dense graph loses it sooner. */
#define SFNVIZ_AUTO_FULL_STATES 1000
#define SFNVIZ_AUTO_COMPACT_STATES 2500
#define SFNVIZ_AUTO_COLLAPSED_STATES 5000

typedef struct sfnviz_render_options {
    const sfnviz_theme *theme; /* NULL: the built-in default */
    sfnviz_direction direction;
    int no_title;      /* leave out the title (name, type, ID, file) */
    double png_dpi;    /* PNG resolution; 0: the default, 110 */
    /* Called with each warning of a render that still succeeds (a PNG scaled down to fit, a Graphviz
     * warning, less detail for a large machine), formatted like a diagnostic; NULL: warnings are dropped. */
    void (*warn)(const char *message, void *ctx);
    void *warn_ctx;
    /* Zero is the default for each field below. */
    int legend;        /* add a key of the shapes and edge styles the diagram uses, before its Start */
    /* SVG only, NULL for none: the theme whose colours the SVG takes when the page is dark (CSS
     * prefers-color-scheme); fonts, sizes and line styles stay the light theme's. */
    const sfnviz_theme *dark_theme;
    sfnviz_detail detail; /* AUTO (zero): by size, see sfnviz_detail */
    /* The title's whole text, instead of the machine's name, type, ID and file; NULL: those. The file is
     * shown relative to the working folder. */
    const char *title;
} sfnviz_render_options;

/* Exports machines[0..n) of doc in one output: JSON, DOT and Markdown hold them all; SVG, PNG, PDF and
 * Mermaid take exactly one drawable machine. JSON, Mermaid and Markdown need no drawing module. On success returns 0 and a malloc'd buffer in *out (free() it); on failure
 * returns -1, *out is NULL and err holds the reason. */
int sfnviz_export(const sfnviz_doc *doc, const sfnviz_machine *const *machines, size_t n, sfnviz_format format,
                  const sfnviz_render_options *opts, char **out, size_t *out_len, char *err, size_t err_size);

/* A summary: a readable account of each machine without a picture (`sfnviz summary`). A header (ID, name,
 * type, query language, where the definition came from, states by type); the states as an outline in
 * execution order from StartAt, the states of each Parallel branch and Map processor indented under it,
 * each with its type, resource, transitions (Choice rules, default), retriers and catchers, every state
 * once (a state reached again is only named); then the terminal states, the states not reached from
 * StartAt, the Tasks with neither Retry nor Catch, and the Lambda functions and other resources the Tasks
 * use. A machine whose status is not "ok" gets its status and message instead. Text from the file never
 * reaches a terminal raw: control characters show as `\n`, `\x1b`. Needs no drawing library. */
typedef enum sfnviz_summary_format {
    SFNVIZ_SUMMARY_TEXT,     /* for a terminal: aligned, fitted to a width, colour and tree guides optional */
    SFNVIZ_SUMMARY_MARKDOWN, /* tables for a pull request comment, user text escaped */
    SFNVIZ_SUMMARY_JSON,     /* {"version": 1, "machines": [...]}, docs/json-schema.md */
} sfnviz_summary_format;

/* Format by name ("text", "markdown", "json", any case); -1 when unknown. */
int sfnviz_summary_format_from_name(const char *name);
const char *sfnviz_summary_format_name(sfnviz_summary_format f);

/* Zero is the default for each field. The caller decides what suits its output (a terminal or a pipe,
 * NO_COLOR); the library never looks at the environment. */
typedef struct sfnviz_summary_options {
    sfnviz_summary_format format;
    int color;      /* text: ANSI colours */
    int ascii;      /* text: ASCII tree guides and signs (`|-`, `->`, `x3`) instead of Unicode (`├─`, `→`, `×3`) */
    unsigned width; /* text: the columns to fit (long lines wrap; a state name is never cut); 0: 80 */
} sfnviz_summary_options;

/* Summarises machines[0..n) of doc, whatever their status, in one output (none: a line saying the file
 * holds no state machine). On success returns 0 and a malloc'd, NUL-terminated buffer in *out (free() it);
 * on failure returns -1, *out is NULL and err holds the reason. opts may be NULL. */
int sfnviz_summary(const sfnviz_doc *doc, const sfnviz_machine *const *machines, size_t n,
                   const sfnviz_summary_options *opts, char **out, size_t *out_len, char *err, size_t err_size);

/* A diff: what changed between two versions of a file's state machines (`sfnviz diff`). Machines are
 * matched by ID (two standalone ASL files, one machine each, are the same machine whatever their names),
 * states by name (a rename is a removal and an addition: never guessed), edges by (from, to, kind). A state
 * is changed when anything of its own differs (Type, Resource, Next, End, Choice rules, Default, Retry,
 * Catch, Parameters, ...: its fields, compared by meaning, so YAML and JSON, key order and `1.50` against
 * `1.5` are no change); the states inside a Parallel's branches or a Map's processor are states of their
 * own. The machine's own fields (Type, Name, status, StartAt, Comment, QueryLanguage, ...) count too, as
 * changes of the state "". The diff points into both documents, which must outlive it. Needs no drawing
 * library for text, Markdown and JSON. */
typedef struct sfnviz_diff sfnviz_diff;

/* Compares old and new_ (either may be NULL: the file was added or removed). Never NULL except on
 * out-of-memory. */
sfnviz_diff *sfnviz_diff_docs(const sfnviz_doc *old, const sfnviz_doc *new_);
void sfnviz_diff_free(sfnviz_diff *d);
/* Non-zero when anything differs. */
int sfnviz_diff_differs(const sfnviz_diff *d);

typedef enum sfnviz_diff_format {
    SFNVIZ_DIFF_TEXT,     /* like git diff: `+ State (Type)`, `- State`, `~ State` and `field: old -> new` */
    SFNVIZ_DIFF_MARKDOWN, /* a summary table for a pull request comment, then each changed machine's fields */
    SFNVIZ_DIFF_JSON,     /* {"version": 1, "machines": [...]}, docs/json-schema.md */
    /* The drawn diff of one machine: the new graph, added states and transitions marked "+" and bold,
     * changed ones "~" and dashed, removed ones as dotted ghosts "−" where they stood, with a key. These
     * take the drawing module (sfnviz_export_prepare with the matching sfnviz_format). */
    SFNVIZ_DIFF_SVG,
    SFNVIZ_DIFF_PNG,
    SFNVIZ_DIFF_PDF,
    SFNVIZ_DIFF_DOT,
} sfnviz_diff_format;

/* Format by name ("text", "markdown", "json", "svg", "png", "pdf", "dot", any case); -1 when unknown. */

int sfnviz_diff_format_from_name(const char *name);
const char *sfnviz_diff_format_name(sfnviz_diff_format f);
/* The export format a drawn diff format is written in (for sfnviz_export_prepare); -1 for text, Markdown, JSON. */
int sfnviz_diff_drawn_format(sfnviz_diff_format f);

/* Zero is the default for each field; the caller decides what suits its output, as for a summary. */
typedef struct sfnviz_diff_options {
    int color;                           /* text: ANSI colours */
    const sfnviz_render_options *render; /* the drawn formats and Markdown's diagram; NULL: defaults */
    const char *machine; /* the drawn formats: the ID of the machine to draw; NULL: the one that differs */
} sfnviz_diff_options;

/* Writes diffs[0..n) (one per file) in one output: text and Markdown one after another, JSON as one
 * document; a drawn format, one machine: opts->machine, or else the only machine that differs (more than
 * one, or none, is an error that names them). Returns 0 and a malloc'd, NUL-terminated buffer in *out
 * (free() it), or -1 with the reason in err. opts may be NULL. sfnviz_diff_write is the same for one diff. */
int sfnviz_diff_write_all(const sfnviz_diff *const *diffs, size_t n, sfnviz_diff_format format,
                          const sfnviz_diff_options *opts, char **out, size_t *len, char *err, size_t err_size);
int sfnviz_diff_write(const sfnviz_diff *d, sfnviz_diff_format format, const sfnviz_diff_options *opts, char **out,
                      size_t *len, char *err, size_t err_size);

/* Readies what exporting in `format` takes, which sfnviz_export would otherwise do on its first call. JSON
 * takes nothing; DOT, SVG, PNG and PDF take the drawing module, libsfnviz-draw.so (Graphviz, cairo, libpng),
 * which the shared library loads only then, so that a program which only reads never pays for it. It is
 * looked for in <the library's folder>/sfnviz/ (where it is installed), beside the library, then in the
 * folder it was built to be installed in; the environment variable SFNVIZ_DRAW_MODULE, when set, names the
 * file instead. Returns 0, or -1 with the reason in err ("cannot draw svg: the drawing module ... was not
 * found (looked in ...)"). Call it before forking workers, so that they share one load. libsfnviz.a has
 * the drawing linked in: there it always succeeds. */
int sfnviz_export_prepare(sfnviz_format format, char *err, size_t err_size);

/* Where the time of this process went so far, stage by stage: name of stage i ("read", "model", "check",
 * "graph", "layout", "render"; NULL past the last) and its total in seconds. For benchmarks and `--timings`. */
const char *sfnviz_stage_name(size_t i);
double sfnviz_stage_seconds(size_t i);

#ifdef __cplusplus
}
#endif

#endif
