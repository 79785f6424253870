#!/usr/bin/env python3
"""The benchmark's term list, read from the rule pack without newsfacts.

Prints one term a line: the names and aliases of every country, region, mineral and
organization entity in RULES/*.toml (with the aliases that `[[extend]]` tables add), and
the official and corporate titles the person patterns of patterns.toml look for. Terms
are unique ignoring case, sorted. The floor and the peers match these whole-word and
case-insensitively, whatever each alias's own case policy in the pack says.

    python3 bench/terms.py rules/ > terms.txt
"""

import pathlib
import re
import sys
import tomllib

TYPES = {"country", "region", "mineral", "organization"}


def alias_text(a):
    return a if isinstance(a, str) else a.get("text")


def main(rules_dir):
    files = sorted(pathlib.Path(rules_dir).rglob("*.toml"))
    docs = [tomllib.loads(f.read_text(encoding="utf-8")) for f in files]
    terms = {}

    def add(t):
        t = (t or "").strip()
        if t:
            terms.setdefault(t.lower(), t)

    kinds = {}
    for d in docs:
        for e in d.get("entity", []):
            kinds[e["id"]] = e.get("type") or e["id"].split(":", 1)[0]
    for d in docs:
        for e in d.get("entity", []):
            if kinds[e["id"]] in TYPES:
                add(e.get("name"))
                for a in e.get("aliases", []):
                    add(alias_text(a))
        for x in d.get("extend", []):
            if kinds.get(x["id"], x["id"].split(":", 1)[0]) in TYPES:
                for a in x.get("aliases", []):
                    add(alias_text(a))
    # Titles: the alternatives of each plain-word group in the person patterns' regexes
    # ("(?:Prime Minister|Minister|...)").
    for d in docs:
        for p in d.get("pattern", []):
            if p.get("type") != "person":
                continue
            for group in re.findall(r"\(\?:([^()]*)\)", p.get("regex", "")):
                alts = group.split("|")
                if len(alts) > 3 and all(re.fullmatch(r"[A-Za-z][A-Za-z -]*", a) for a in alts):
                    if any("inister" in a or "resident" in a for a in alts):
                        for a in alts:
                            add(a)
    for t in sorted(terms.values(), key=str.lower):
        print(t)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "rules")
