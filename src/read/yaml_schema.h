/* yaml_schema.h: what a YAML scalar means under YAML 1.2's core schema (so `No` and `on` stay strings,
 * unlike YAML 1.1), and which kind of tag a node carries: a core tag (`!!int`), a CloudFormation short
 * form (`!Ref`) or another. */
#ifndef SFNVIZ_YAML_SCHEMA_H
#define SFNVIZ_YAML_SCHEMA_H

#include "read/value.h"

#include <stdbool.h>

typedef enum yaml_tag_class {
    YAML_TAG_NONE,  /* no tag, or the non-specific `!` */
    YAML_TAG_CORE,  /* !!str !!int !!float !!bool !!null !!map !!seq */
    YAML_TAG_LOCAL, /* !Name: CloudFormation short forms */
    YAML_TAG_OTHER, /* any other URI, kept as libyaml resolved it */
} yaml_tag_class;

/* The class of a tag as libyaml resolved it (NULL: none); *name is the tag without its prefix
 * ("int" for !!int, "Ref" for !Ref). */
yaml_tag_class yaml_classify_tag(const char *tag, const char **name);

/* A plain, untagged scalar: v is a string scalar with its text set; it becomes null, bool or number when
 * its text says so. */
void yaml_resolve_plain(value *v);

/* Whether v's text can be a scalar of core type `name` ("str", "int", ...); sets v's kind and meaning
 * when it can. */
bool yaml_resolve_as_core(value *v, const char *name);

#endif
