/* value.h: a parsed YAML or JSON document.
 *
 * Both readers produce the same tree: maps (keys kept in source order, each with its own mark), sequences
 * and scalars. Scalars keep their source text, so `Yes` stays the string "Yes" and `1.50` prints as written;
 * the reader also records what the text means (null, bool, number, string) under YAML 1.2's core schema.
 * A CloudFormation short tag (`!GetAtt x.y`) is kept in `tag` without its `!`; the template stage turns it
 * into the long form. Everything lives in the document's arena. YAML aliases point at the anchored node
 * (the tree is then a DAG, never a cycle: readers refuse recursive aliases). */
#ifndef SFNVIZ_VALUE_H
#define SFNVIZ_VALUE_H

#include "base/arena.h"
#include "base/diag.h"
#include "sfnviz.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum value_kind {
    VALUE_NULL,
    VALUE_BOOL,
    VALUE_NUMBER,
    VALUE_STRING,
    VALUE_SEQ,
    VALUE_MAP,
} value_kind;

typedef struct value value;

typedef struct value_pair {
    const char *key; /* NUL-terminated; key_len bytes (a key may hold a NUL from `\u0000`) */
    size_t key_len;
    mark key_mark;
    value *val;
} value_pair;

struct value {
    value_kind kind;
    mark at;         /* where the node starts (for a map entry's value: the value itself) */
    const char *tag; /* short tag without '!' ("GetAtt", "Sub"), NULL when untagged or a core-schema tag */
    /* Scalars: the decoded text (escapes resolved), NUL-terminated, len bytes. */
    const char *text;
    size_t len;
    bool quoted;    /* YAML: written quoted or as a block scalar; JSON: a string */
    bool substituted; /* its text came from DefinitionSubstitutions: what kind it is, the deployment says */
    bool boolean;   /* VALUE_BOOL */
    double number;  /* VALUE_NUMBER */
    /* VALUE_SEQ: items[count]; VALUE_MAP: pairs[count] in source order. */
    size_t count;
    value **items;
    value_pair *pairs;
};

/* Nesting of maps and sequences past which readers refuse a document (fixed, see SFNVIZ_MAX_DEPTH: every
 * walk of a tree may recurse this deep). How far YAML aliases may expand a document is a limit of
 * sfnviz_limits. */
enum { VALUE_MAX_DEPTH = SFNVIZ_MAX_DEPTH };

/* Lookup in a map by key (first match; readers keep only the last of repeated keys, with a warning). NULL when absent or
 * when v is not a map. */
value *value_get(const value *v, const char *key);
const value_pair *value_get_pair(const value *v, const char *key);

/* Inline: the checks of `sfnviz check` ask these of every field of every state. */
static inline bool value_is_scalar(const value *v) { return v && v->kind != VALUE_SEQ && v->kind != VALUE_MAP; }
static inline bool value_is_map(const value *v) { return v && v->kind == VALUE_MAP; }
static inline bool value_is_seq(const value *v) { return v && v->kind == VALUE_SEQ; }

/* The text of a string scalar (value_str) or of any scalar (value_scalar_text), untagged; else NULL. */
static inline const char *value_str(const value *v)
{
    return v && v->kind == VALUE_STRING && !v->tag ? v->text : NULL;
}
static inline const char *value_scalar_text(const value *v) { return value_is_scalar(v) && !v->tag ? v->text : NULL; }

/* Integer value of a number scalar that holds an exact integer; false otherwise. */
bool value_int(const value *v, long long *out);

/* True for the boolean true, or the strings "true"/"True" (templates sometimes quote booleans). */
bool value_truthy(const value *v);

/* Constructors used by readers and by the template stage when it builds values. */
value *value_new(arena *a, value_kind kind, mark at);
value *value_new_string(arena *a, const char *s, size_t len, mark at);

/* Readers: parse text of len bytes (need not be NUL-terminated) from file `path` (used in marks; must
 * outlive the document, so pass an arena copy). Return the root value, or NULL after adding a
 * `path:line:col` error to diags. A repeated key in a map is a warning and the last one is kept (real
 * templates do this by mistake, and CloudFormation's tooling keeps the last). Never abort on bad input. */
value *json_read(arena *a, const char *path, const char *text, size_t len, diag_list *diags);
/* limits: how far aliases may expand the document (NULL: the defaults). */
value *yaml_read(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                 diag_list *diags);

/* Picks the reader: JSON when the text's first non-blank character (after a BOM) is '{' or '[' and it
 * parses as JSON, else YAML (which also reads most JSON). */
value *value_read(arena *a, const char *path, const char *text, size_t len, const sfnviz_limits *limits,
                  diag_list *diags);

#endif
