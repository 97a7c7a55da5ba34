/* document.h: a loaded file, the struct behind the public sfnviz_doc. */
#ifndef SFNVIZ_DOCUMENT_H
#define SFNVIZ_DOCUMENT_H

#include "sfnviz.h"
#include "read/value.h"
#include "model/workflow.h"

struct sfnviz_doc {
    arena arena;
    const char *path; /* as the user named it ("-" reads as "<stdin>") */
    value *root;      /* NULL when the file did not parse */
    bool failed;
    machine *machines;
    size_t machine_count;
    diag_list diags;
};

#endif
