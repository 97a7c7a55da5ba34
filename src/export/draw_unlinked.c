/* draw_unlinked.c: for the binaries that load the drawing part as a module (libsfnviz.so and the sfnviz
 * program; draw.h): nothing is linked in, so draw_get looks for libsfnviz-draw.so. */
#include "export/draw.h"

const draw_api *draw_linked(void)
{
    return NULL;
}
