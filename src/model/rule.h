/* rule.h: a Choice rule as readable text, for edge labels.
 *
 * JSONPath rules: `$.status == "ready"`, `$.n >= 20 and not ($.x is present)`; JSONata rules: the
 * Condition verbatim without its `{% %}` delimiters. */
#ifndef SFNVIZ_RULE_H
#define SFNVIZ_RULE_H

#include "base/arena.h"
#include "read/value.h"

/* The text of a top-level Choice rule (a map). Never NULL: a rule it cannot read renders as "?" plus
 * what it could read, so a broken rule still labels its edge. */
const char *rule_text(arena *a, const value *rule);

#endif
