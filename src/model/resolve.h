/* resolve.h: what the template knows, offered to the model builder.
 *
 * Inside a template, intrinsics in a definition (`!GetAtt Fn.Arn`, `!Ref Table`, `!Sub ...`) are turned
 * into text in Fn::Sub's own placeholder syntax before the model is built: `!GetAtt Fn.Arn` becomes
 * `${Fn.Arn}`, `!Ref Fn` becomes `${Fn}`, and `!Sub` keeps its text with the pseudo parameters it can
 * resolve filled in. The model builder then asks the resolver what a placeholder names. */
#ifndef SFNVIZ_RESOLVE_H
#define SFNVIZ_RESOLVE_H

struct resolver {
    const void *ctx;
    /* The CloudFormation type of resource `logical_id` in the template ("AWS::Serverless::Function"), or
     * NULL when the template has no such resource (or there is no template). */
    const char *(*resource_type)(const void *ctx, const char *logical_id);
};

#endif
