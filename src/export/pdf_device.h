/* pdf_device.h: PDF output that is the same bytes for the same graph.
 *
 * cairo stamps every PDF with its creation date (the Info dictionary's /CreationDate, to the second), so
 * two renders of one workflow differed and `render --check` could never find a PDF current. The device
 * "pdf:sfnviz" is Graphviz's own cairo PDF output (pango's renderer, every function but one borrowed from
 * its plugin library) whose surface gets the date of SOURCE_DATE_EPOCH when that is set
 * (reproducible-builds.org), and else no date. */
#ifndef SFNVIZ_PDF_DEVICE_H
#define SFNVIZ_PDF_DEVICE_H

#include <graphviz/gvplugin.h>

/* The plugin library to list among gvContextPlugins' built-ins; pdf_device_init must fill it first. */
extern gvplugin_library_t gvplugin_sfnviz_pdf_LTX_library;

/* Copies what the device borrows from pango's plugin library; 0, or -1 when that library lacks it. */
int pdf_device_init(void);

#endif
