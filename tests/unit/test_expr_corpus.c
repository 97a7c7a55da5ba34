/* test_expr_corpus.c: every expression of the valid corpus passes the syntax checkers (src/check/).
 *
 * The corpus holds deployed AWS samples, so a checker that refuses one of them is wrong. The expressions
 * are in unit/data/expr_corpus.tsv, one `kind<TAB>text` a line, made by unit/expr_corpus.py from
 * tests/corpus (rerun it when the corpus grows). */
#include "check/jsonata_syntax.h"
#include "check/jsonpath_syntax.h"
#include "test.h"

#include <stdbool.h>
#include <stdlib.h>

enum { KINDS = 6 };
static const char *const KIND_NAMES[KINDS] = {"jsonata", "path", "result", "ref", "dollar", "refint"};

/* Undoes the script's escapes (\\, \t, \n, \r) in place; the new length. */
static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1]) {
            i++;
            s[o++] = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

static bool jsonata_ok(const char *s, size_t n, syntax_error *err)
{
    size_t start, len;
    if (jsonata_template_parse(s, n, &start, &len) != JSONATA_TEMPLATE_OK) {
        err->offset = 0;
        snprintf(err->message, sizeof err->message, "not a {%% %%} template");
        return false;
    }
    return jsonata_syntax_ok(s + start, len, err);
}

/* ErrorPath and CausePath: a reference path or an intrinsic function. */
static bool refint_ok(const char *s, size_t n, syntax_error *err)
{
    if (dollar_value_classify(s, n) == DOLLAR_VALUE_INTRINSIC)
        return intrinsic_syntax_ok(s, n, err);
    return path_syntax_ok(s, n, PATH_KIND_REFERENCE, err);
}

static bool check_one(int kind, const char *s, size_t n, syntax_error *err)
{
    switch (kind) {
    case 0: return jsonata_ok(s, n, err);
    case 1: return path_syntax_ok(s, n, PATH_KIND_PATH, err);
    case 2: return path_syntax_ok(s, n, PATH_KIND_RESULT, err);
    case 3: return path_syntax_ok(s, n, PATH_KIND_REFERENCE, err);
    case 4: return dollar_value_ok(s, n, err);
    default: return refint_ok(s, n, err);
    }
}

static int kind_of(const char *name)
{
    for (int k = 0; k < KINDS; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0)
            return k;
    return -1;
}

int main(void)
{
    const char *path = TEST_DATA_DIR "/unit/data/expr_corpus.tsv";
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return test_report();
    int counts[KINDS] = {0};
    static char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        CHECK(tab != NULL);
        if (!tab)
            continue;
        *tab = '\0';
        int kind = kind_of(line);
        CHECK(kind >= 0);
        if (kind < 0)
            continue;
        char *text = tab + 1;
        size_t n = unescape(text);
        syntax_error err = {0, ""};
        bool ok = check_one(kind, text, n, &err);
        if (!ok)
            fprintf(stderr, "%s refused at %zu (%s): %s\n", line, err.offset, err.message, text);
        CHECK(ok);
        counts[kind]++;
    }
    fclose(f);
    for (int k = 0; k < KINDS; k++)
        printf("%s: %d\n", KIND_NAMES[k], counts[k]);
    /* The data file is all there: an empty or cut file must not pass quietly. */
    CHECK(counts[0] >= 50 && counts[1] >= 40 && counts[2] >= 90 && counts[3] >= 50 && counts[4] >= 200);
    return test_report();
}
