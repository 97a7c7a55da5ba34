/* jsonpath_syntax.c: whole paths, and what the value of a `.$` field holds. */
#include "check/jsonpath_syntax.h"

#include <string.h>

bool path_syntax_ok(const char *text, size_t len, path_kind kind, jsonpath_error *err)
{
    size_t end;
    return path_scan(text, len, 0, kind, false, &end, err);
}

dollar_value dollar_value_classify(const char *text, size_t len)
{
    if (len >= 1 && text[0] == '$')
        return DOLLAR_VALUE_PATH;
    if (len >= 7 && memcmp(text, "States.", 7) == 0)
        return DOLLAR_VALUE_INTRINSIC;
    return DOLLAR_VALUE_INVALID;
}

bool dollar_value_ok(const char *text, size_t len, jsonpath_error *err)
{
    switch (dollar_value_classify(text, len)) {
    case DOLLAR_VALUE_PATH: return path_syntax_ok(text, len, PATH_KIND_PATH, err);
    case DOLLAR_VALUE_INTRINSIC: return intrinsic_syntax_ok(text, len, err);
    case DOLLAR_VALUE_INVALID: break;
    }
    return syntax_fail(err, 0, "a '.$' field takes a path or an intrinsic function");
}
