/* substitute.h: DefinitionSubstitutions, applied as CloudFormation applies them.
 *
 * CloudFormation replaces every literal `${Key}` in the definition's text by the key's value, again and
 * again until nothing changes. We do the same inside each string and key of the parsed definition, so
 * every value keeps its position; only a definition that does not parse before substitution (a
 * placeholder in a number position) is substituted as whole text and parsed again. Values that are
 * intrinsics are final text (`${Fn.Arn}`): they are put in after the plain values settle, in one pass,
 * so a display placeholder is never expanded again. */
#ifndef SFNVIZ_SUBSTITUTE_H
#define SFNVIZ_SUBSTITUTE_H

#include "template/intrinsic.h"
#include "read/value.h"

typedef struct substitutions {
    size_t count;
    const char **keys;
    const char **values;
    bool *final; /* the value came from an intrinsic: substitute once */
    mark at;     /* the DefinitionSubstitutions map */
    const sfnviz_limits *limits; /* the substitution-size limit (NULL: the default) */
    size_t longest;              /* bytes of the longest key (keys are sorted, for lookups) */
} substitutions;

/* Reads the DefinitionSubstitutions map (values: strings, numbers, booleans or intrinsics). Returns false
 * with an error for anything else. A NULL map gives an empty set. */
bool substitutions_read(const template_ctx *t, const value *map, substitutions *out, diag_list *diags);

typedef enum substitute_problem {
    SUBSTITUTE_OK,
    SUBSTITUTE_CYCLE,     /* replacing does not settle */
    SUBSTITUTE_TOO_LARGE, /* the text would pass the substitution-size limit */
} substitute_problem;

/* What a problem means, as the end of a sentence ("DefinitionSubstitutions do not settle here: ..."),
 * written into buf. */
const char *substitute_problem_text(char *buf, size_t size, const substitutions *s, substitute_problem problem);

/* The text with every `${Key}` replaced (NULL: unchanged, or a problem, said in *problem). */
const char *substitute_text(arena *a, const substitutions *s, const char *text, size_t len, size_t *out_len,
                            substitute_problem *problem);

/* The definition with substitutions applied to every string and key; NULL after an error in diags. */
const value *substitute_tree(arena *a, const substitutions *s, const value *v, diag_list *diags);

/* Warns (rule substitution-unresolved) of each `${Name}` in the definition's strings that no key of s
 * fills, outside intrinsics: CloudFormation passes it on as written. */
void substitute_unresolved(const substitutions *s, const value *definition, diag_list *diags);

#endif
