#!/usr/bin/env python3
"""A reviewer's large change to an ASL workflow, for bench/diff.sh.

usage: bench/diff_mutate.py FILE [--seed S]

Prints FILE's definition with about 2 % of its Task states changed in one field (a Retry's MaxAttempts, a
Parameters value, a new Comment), 1 % of its Pass states removed (their predecessors' Next re-pointed at
what followed them) and 1 % of new Pass states inserted after existing ones. The same FILE and seed always
give the same result.
"""

import argparse
import json
import random


def scopes(definition):
    """Every States map of the definition, nested ones included."""
    found = [definition["States"]]
    for state in list(definition["States"].values()):
        for branch in state.get("Branches", []):
            found += scopes(branch)
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                found += scopes(state[key])
    return found


def change_task(state, rng):
    kind = rng.randrange(3)
    if kind == 0 and state.get("Retry"):
        state["Retry"][0]["MaxAttempts"] = state["Retry"][0].get("MaxAttempts", 3) + 1
    elif kind == 1 and isinstance(state.get("Parameters"), dict):
        state["Parameters"]["Changed"] = "yes"
    else:
        state["Comment"] = "changed in review"


def remove_pass(states, name):
    after = states[name].get("Next")
    if after is None:
        return
    for other in states.values():
        if other.get("Next") == name:
            other["Next"] = after
        if other.get("Default") == name:
            other["Default"] = after
        for rule in other.get("Choices", []):
            if rule.get("Next") == name:
                rule["Next"] = after
    if any(other.get("Next") == name for other in states.values()):
        return
    del states[name]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.file, encoding="utf-8") as f:
        definition = json.load(f)
    added = 0
    for states in scopes(definition):
        for name in list(states):
            state = states[name]
            roll = rng.random()
            if state.get("Type") == "Task" and roll < 0.02:
                change_task(state, rng)
            elif state.get("Type") == "Pass" and roll < 0.05 and states.get(state.get("Next"), {}).get("Type"):
                remove_pass(states, name)
            elif "Next" in state and roll > 0.99:
                added += 1
                new = "Inserted%d" % added
                states[new] = {"Type": "Pass", "Next": state["Next"]}
                state["Next"] = new
    json.dump(definition, __import__("sys").stdout, indent=1)


if __name__ == "__main__":
    main()
