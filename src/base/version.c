/* version.c: the library's version at run time (sfnviz.h). */
#include "sfnviz.h"

const char *sfnviz_version(void) { return SFNVIZ_VERSION; }
