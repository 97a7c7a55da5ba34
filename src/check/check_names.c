/* check_names.c: state names — unique across the whole machine (branches and processors included),
 * 1 to 80 characters (code points, as the service counts), and nothing a reader cannot see. */
#include "check/check.h"
#include "base/strmap.h"
#include "base/utf8.h"

#include <string.h>

enum { NAME_MAX_CHARS = 80 };

/* Characters that print as nothing or move the text: C0 and C1 controls, zero-width spaces and joiners,
 * bidirectional overrides, the byte-order mark. A name holding one looks like another name. */
static bool is_invisible(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF || cp == 0xFFFD;
}

static void check_name_text(checker *c, const wf_state *s)
{
    const unsigned char *p = (const unsigned char *)s->name;
    size_t n = strlen(s->name), chars = 0, used;
    bool invisible = false;
    for (size_t i = 0; i < n; i += used, chars++) {
        long cp = utf8_decode(p + i, n - i, &used);
        invisible |= is_invisible(cp);
    }
    char buf[96];
    if (chars == 0)
        check_report(c, RULE_STATE_NAME_LENGTH, s->at, "a state name must not be empty");
    else if (chars > NAME_MAX_CHARS)
        check_report(c, RULE_STATE_NAME_LENGTH, s->at, "state name \"%s\" is %zu characters long; the limit is %d",
                     check_short(s->name, buf, sizeof buf), chars, NAME_MAX_CHARS);
    if (invisible)
        check_report(c, RULE_STATE_NAME_INVISIBLE, s->at,
                     "state name \"%s\" holds a control or invisible character (U+FFFD stands for a NUL byte)",
                     check_short(s->name, buf, sizeof buf));
    else if (chars && (p[0] == ' ' || p[n - 1] == ' '))
        check_report(c, RULE_STATE_NAME_INVISIBLE, s->at, "state name \"%s\" starts or ends with a space",
                     check_short(s->name, buf, sizeof buf));
}

void check_names(checker *c)
{
    strmap seen;
    strmap_init(&seen);
    for (size_t i = 0; i < c->m->state_count; i++) {
        const wf_state *s = &c->m->states[i];
        int first = strmap_put(&seen, 0, s->name, (int)i);
        char buf[96];
        if (first != (int)i)
            check_report(c, RULE_STATE_NAME_DUPLICATE, s->at,
                         "state name \"%s\" is also used at line %u, column %u: names are unique across the whole "
                         "machine, Parallel branches and Map processors included",
                         check_short(s->name, buf, sizeof buf), c->m->states[first].at.line,
                         c->m->states[first].at.column);
        check_name_text(c, s);
    }
    strmap_free(&seen);
}
