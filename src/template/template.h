/* template.h: the state machines of a template or ASL file, with their definitions resolved.
 *
 * A standalone ASL file (a map with StartAt and States) is one machine named after the file. A SAM or
 * CloudFormation template gives one machine per `AWS::Serverless::StateMachine` or
 * `AWS::StepFunctions::StateMachine` resource, whose definition may be inline (`Definition`), in a local
 * file (`DefinitionUri`), a string (`DefinitionString`, plain, `Fn::Sub` or `Fn::Join`) or in S3 (status
 * s3: nothing to draw). `DefinitionSubstitutions` are applied; intrinsics become text (intrinsic.h). A
 * machine whose definition cannot be had gets a status and a message instead of a model. */
#ifndef SFNVIZ_TEMPLATE_H
#define SFNVIZ_TEMPLATE_H

#include "sfnviz.h"
#include "read/value.h"
#include "model/workflow.h"

typedef struct template_options {
    /* DefinitionUri files must resolve inside this folder; NULL: the nearest folder above the template
     * holding `.git`, else the template's folder. */
    const char *root;
    /* The folder relative DefinitionUri paths start from; NULL: the template's folder. */
    const char *base_dir;
    /* The template's text, so positions inside a DefinitionString written as a `|` block can be mapped
     * back to the template's own lines; NULL: they are reported at the DefinitionString. */
    const char *text;
    size_t len;
    /* Where DefinitionUri files are read from; NULL: the file system. */
    const sfnviz_file_source *files;
    /* How large the files and what they expand to may be (NULL: the defaults). */
    const sfnviz_limits *limits;
} template_options;

/* Finds the machines of a parsed file. Returns false with an error in diags when the file is neither a
 * template nor an ASL file; otherwise *out holds *count machines (possibly none), each with its status,
 * and warnings about each definition are in diags. */
bool template_read(arena *a, const char *path, const value *root, const template_options *opts, machine **out,
                   size_t *count, diag_list *diags);

#endif
