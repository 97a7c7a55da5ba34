/* rules.c: the rule table of rules.h. */
#include "check/rules.h"

#include <string.h>

static const rule_info RULES[RULE_COUNT] = {
#define RULE_ROW(e, id, sev, code, summary) [e] = {id, sev, code, summary},
    CHECK_RULES(RULE_ROW)
#undef RULE_ROW
};

const rule_info *rule_get(rule_id r) { return (unsigned)r < RULE_COUNT ? &RULES[r] : NULL; }

int rule_find(const char *id)
{
    for (int i = 0; i < RULE_COUNT; i++)
        if (strcmp(RULES[i].id, id) == 0)
            return i;
    return -1;
}
