/* list_states.c: lists every state of every state machine in a template, through libsfnviz's public API.
 *
 *   cc list_states.c $(pkg-config --cflags --libs sfnviz) -o list_states && ./list_states template.yml
 *
 * Each state prints as `file:line:col: Name (Type)` followed by where it goes, indented under the
 * Parallel branch or Map processor it belongs to. Exit 0, or 1 when the file cannot be read. */
#include <sfnviz.h>

#include <stdio.h>
#include <string.h>

static void print_location(sfnviz_location at)
{
    if (at.line)
        printf("%s:%u:%u: ", at.file, at.line, at.column);
}

static void print_edges(const sfnviz_state *s, int depth)
{
    for (size_t i = 0; i < sfnviz_state_edge_count(s); i++) {
        const sfnviz_edge *e = sfnviz_state_edge(s, i);
        sfnviz_edge_kind kind = sfnviz_edge_kind_of(e);
        printf("%*s  %s", depth * 4, "", sfnviz_edge_kind_name(kind));
        if (kind != SFNVIZ_EDGE_END)
            printf(" -> %s", sfnviz_edge_target_name(e));
        if (sfnviz_edge_label(e) && kind != SFNVIZ_EDGE_CATCH)
            printf(" [%s]", sfnviz_edge_label(e));
        for (size_t k = 0; k < sfnviz_edge_error_count(e); k++)
            printf("%s%s", k ? ", " : " on ", sfnviz_edge_error(e, k));
        sfnviz_retry_policy retry;
        if (sfnviz_edge_retry(e, &retry) == 0)
            printf(" (x%lld, %lld s, backoff %.1f)", retry.max_attempts, retry.interval_seconds, retry.backoff_rate);
        putchar('\n');
    }
}

/* A scope's states in source order; a Parallel or Map opens its scopes one level deeper. Scopes nest as a
 * tree (transitions do not, so this walk follows scopes, never edges). */
static void print_scope(const sfnviz_scope *scope, int depth)
{
    for (size_t i = 0; i < sfnviz_scope_state_count(scope); i++) {
        const sfnviz_state *s = sfnviz_scope_state(scope, i);
        printf("%*s", depth * 4, "");
        print_location(sfnviz_state_location(s));
        printf("%s (%s)", sfnviz_state_name(s), sfnviz_state_type_name(sfnviz_state_type_of(s)));
        if (sfnviz_state_resource_text(s))
            printf(" %s", sfnviz_state_resource_text(s));
        putchar('\n');
        print_edges(s, depth);
        for (size_t k = 0; k < sfnviz_state_child_scope_count(s); k++) {
            const sfnviz_scope *child = sfnviz_state_child_scope(s, k);
            if (sfnviz_scope_is_map_processor(child))
                printf("%*s  processor:\n", depth * 4, "");
            else
                printf("%*s  branch %d:\n", depth * 4, "", sfnviz_scope_branch(child) + 1);
            print_scope(child, depth + 1);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: list_states FILE\n");
        return 2;
    }
    /* The library the program runs with may be newer than the header it was built with. */
    if (strcmp(sfnviz_version(), SFNVIZ_VERSION) != 0)
        fprintf(stderr, "list_states: built with sfnviz %s, running with %s\n", SFNVIZ_VERSION, sfnviz_version());
    sfnviz_doc *doc = sfnviz_doc_load_file(argv[1], NULL);
    if (!doc)
        return 1;
    for (size_t i = 0; i < sfnviz_doc_diag_count(doc); i++) {
        sfnviz_diagnostic d;
        sfnviz_doc_diag(doc, i, &d);
        print_location(d.at);
        printf("%s: %s\n", sfnviz_severity_name(d.severity), d.message);
    }
    int failed = sfnviz_doc_failed(doc);
    for (size_t i = 0; i < sfnviz_doc_machine_count(doc); i++) {
        const sfnviz_machine *m = sfnviz_doc_machine(doc, i);
        printf("%s: %zu states, %s\n", sfnviz_machine_id(m), sfnviz_machine_state_count(m),
               sfnviz_machine_query_language(m));
        sfnviz_diagnostic problem;
        if (sfnviz_machine_problem(m, &problem) == 0) {
            print_location(problem.at);
            printf("error: %s\n", problem.message);
        } else if (sfnviz_machine_scope(m, 0)) {
            print_scope(sfnviz_machine_scope(m, 0), 1);
        }
    }
    sfnviz_doc_free(doc);
    return failed;
}
