"""Copies a rule pack without its pattern and relation rules: the gazetteer alone.

    python3 gazetteer_only.py RULES_DIR OUT_DIR

Every `.toml` file under RULES_DIR is copied to the same place under OUT_DIR with its
`[[pattern]]` and `[[relation]]` tables taken out (each from its header line to the next
table header at the start of a line). Files left with nothing but comments are not
written. bench/run.sh checks the result with `newsfacts check` before it measures it.
"""

import pathlib
import sys

DROPPED = ("[[pattern]]", "[[relation]]")


def strip(text: str) -> str:
    out, dropping, in_string = [], False, False
    for line in text.splitlines(keepends=True):
        if not in_string and line.startswith("["):
            dropping = line.strip() in DROPPED
        # A multi-line literal string ('''...''' or \"\"\"...\"\"\") may hold lines that
        # start with "[": they are not table headers.
        if (line.count("'''") + line.count('"""')) % 2 == 1:
            in_string = not in_string
        if not dropping:
            out.append(line)
    return "".join(out)


def main() -> None:
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    for path in sorted(src.rglob("*.toml")):
        kept = strip(path.read_text(encoding="utf-8"))
        if not any(l.strip() and not l.lstrip().startswith("#") for l in kept.splitlines()):
            continue
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(kept, encoding="utf-8")


if __name__ == "__main__":
    main()
