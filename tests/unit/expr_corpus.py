#!/usr/bin/env python3
"""expr_corpus.py: the expressions of every valid corpus definition, one per line, for test_expr_corpus.

    python3 tests/unit/expr_corpus.py [CORPUS] > tests/unit/data/expr_corpus.tsv   (CORPUS: tests/corpus)

Walks every .json/.yaml/.yml file outside invalid/, finds the state machines in it (any object with
StartAt and States, and DefinitionString as a JSON string, Fn::Sub or Fn::Join), and prints each distinct
expression once as `kind<TAB>text` (text with \\, tab and newline escaped), sorted:

  jsonata  a string that starts with `{%` or ends with `%}` (the whole string, delimiters included)
  path     InputPath, OutputPath, ItemsPath and the other ...Path fields of a state (a Path)
  result   ResultPath of a state or a catcher (a reference path on `$` only)
  ref      Choice Variable and the ...Path comparison operators (a reference path, `$$` and `$var` allowed)
  dollar   the value of a `.$` key in a payload template (a path or an intrinsic)
  refint   ErrorPath and CausePath of a Fail state (a reference path or an intrinsic)

The corpus files are deployed AWS samples, so every line must pass the checkers (zero false alarms).
CloudFormation short tags (!Sub, !GetAtt...) are read as their plain value."""
import json
import os
import re
import sys

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_Loader.add_multi_constructor("!", _any_tag)

PAYLOADS = {"Parameters", "ResultSelector", "ItemSelector", "Assign", "Arguments", "Credentials", "BatchInput"}
RESULT_FIELDS = {"ResultPath"}
DOLLAR_FIELDS = {"ErrorPath", "CausePath"}
found = set()


def add(kind, text):
    if isinstance(text, str):
        found.add((kind, text))


def strings(v):
    """Every string under v, keys excluded: a `{% %}` string may be anywhere."""
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)


def payload(v):
    """`.$` keys at any depth of a payload template."""
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(k, str) and k.endswith(".$"):
                add("dollar", x)
            payload(x)
    elif isinstance(v, list):
        for x in v:
            payload(x)


def choice_rule(rule):
    if not isinstance(rule, dict):
        return
    for k, v in rule.items():
        if k == "Variable" or (k.endswith("Path") and k != "ResultPath"):
            add("ref", v)
        elif k in ("And", "Or") and isinstance(v, list):
            for r in v:
                choice_rule(r)
        elif k == "Not":
            choice_rule(v)
        elif k == "Assign":
            payload(v)


def state_fields(obj):
    """The fields of a state, a catcher, an ItemReader/ItemBatcher/ResultWriter or a ReaderConfig."""
    for k, v in obj.items():
        if not isinstance(k, str):
            continue
        if k in RESULT_FIELDS:
            add("result", v)
        elif k in DOLLAR_FIELDS:
            add("refint", v)
        elif k.endswith("Path"):
            add("path", v)
        elif k in PAYLOADS:
            payload(v)
        elif k == "Choices" and isinstance(v, list):
            for r in v:
                choice_rule(r)
        elif k == "Catch" and isinstance(v, list):
            for c in v:
                if isinstance(c, dict):
                    state_fields(c)
        elif k in ("ItemReader", "ItemBatcher", "ResultWriter", "ReaderConfig", "WriterConfig"):
            if isinstance(v, dict):
                state_fields(v)


def definition(d):
    for state in d["States"].values():
        if not isinstance(state, dict):
            continue
        state_fields(state)
        for s in strings({k: v for k, v in state.items() if k != "Result"}):
            if s.startswith("{%") or s.endswith("%}"):
                add("jsonata", s)


def definition_string(v):
    """The text of a DefinitionString: a string, Fn::Sub (string or list) or Fn::Join."""
    if isinstance(v, str):
        return v
    if isinstance(v, list) and v:  # !Sub [template, {Var: value}] read as its list
        return definition_string(v[0])
    if isinstance(v, dict) and len(v) == 1:
        (k, x), = v.items()
        if k == "Fn::Sub":
            return definition_string(x[0] if isinstance(x, list) else x)
        if k == "Fn::Join" and isinstance(x, list) and len(x) == 2 and isinstance(x[1], list):
            return x[0].join(p if isinstance(p, str) else "X" for p in x[1])
    return None


def walk(v, where):
    if isinstance(v, dict):
        if isinstance(v.get("States"), dict) and "StartAt" in v:
            definition(v)
        for k, x in v.items():
            if k == "DefinitionString":
                text = definition_string(x)
                try:
                    walk(json.loads(text), where)
                except (TypeError, ValueError) as e:
                    print(f"{where}: DefinitionString not read: {e}", file=sys.stderr)
            else:
                walk(x, where)
    elif isinstance(v, list):
        for x in v:
            walk(x, where)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    # `!GetAZs !Ref AWS::Region`: CloudFormation takes a tag on a tag, YAML does not; keep the inner one.
    text = re.sub(r"!\w+[ \t]+(?=!\w)", "", text)
    return yaml.load(text, Loader=_Loader)


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "corpus")
    files = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if os.path.join(dirpath, d) != os.path.join(root, "invalid"))
        for name in sorted(filenames):
            if not name.endswith((".json", ".yaml", ".yml")):
                continue
            path = os.path.join(dirpath, name)
            try:
                doc = load(path)
            except (ValueError, yaml.YAMLError) as e:
                print(f"{path}: not read: {e}", file=sys.stderr)
                continue
            files += 1
            walk(doc, path)
    for kind, text in sorted(found):
        print(f"{kind}\t{escape(text)}")
    counts = {}
    for kind, _ in found:
        counts[kind] = counts.get(kind, 0) + 1
    print(f"{files} files: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
