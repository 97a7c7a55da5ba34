/* check_output.h: the four ways `sfnviz check` writes its findings, each as a writer that is told about
 * one file at a time (so findings stream out as files are read). */
#ifndef SFNVIZ_CLI_CHECK_OUTPUT_H
#define SFNVIZ_CLI_CHECK_OUTPUT_H

#include "options.h"
#include "sfnviz.h"

typedef struct check_totals {
    size_t errors, warnings, failed_files, files;
} check_totals;

typedef struct check_writer {
    void (*begin)(const check_totals *t);
    /* findings is NULL when the file failed to load: its diagnostics say why. */
    void (*file)(const sfnviz_doc *doc, const sfnviz_findings *findings, size_t index);
    void (*end)(const check_totals *t);
} check_writer;

const check_writer *check_writer_for(check_format format);
const check_writer *check_sarif_writer(void); /* check_sarif.c */

#endif
