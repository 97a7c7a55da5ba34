/* cmd_themes.c: `sfnviz themes`, the built-in themes with a line each. */
#include "cli.h"
#include "commands.h"

#include <stdio.h>
#include <string.h>

int run_themes(const command *c, const options *o)
{
    if (o->file_count != 0)
        return usage_error(c, "%s", "themes takes no FILE");
    size_t width = 0;
    for (size_t i = 0; sfnviz_theme_builtin_name(i); i++)
        if (strlen(sfnviz_theme_builtin_name(i)) > width)
            width = strlen(sfnviz_theme_builtin_name(i));
    for (size_t i = 0; sfnviz_theme_builtin_name(i); i++) {
        const char *d = sfnviz_theme_builtin_description(i);
        printf("%-*s  %s\n", (int)width, sfnviz_theme_builtin_name(i), d ? d : "");
    }
    printf("%-*s  %s\n", (int)width, "auto", "default, and in SVG dark when the page is dark (--dark-theme dark)");
    return EXIT_OK;
}
