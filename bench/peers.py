#!/usr/bin/env python3
"""The peers newsfacts is measured against, each doing the floor's job in Python.

    peers.py --tool spacy|flashtext|re --terms FILE --out FILE [--procs N] INPUT...

Every file under the INPUT folders is one article (its id is the file name without the
extension). Each tool finds the terms whole-word and case-insensitively and writes one
JSON line per article, {"id": ..., "matches": [[start, end, text], ...]}, offsets in code
points, leftmost-longest where matches overlap:

- spacy: spaCy's blank English tokenizer and a PhraseMatcher on the LOWER attribute (no
  model: blank English needs none); overlaps resolved with spacy.util.filter_spans.
- flashtext: a case-insensitive KeywordProcessor.
- re: one alternation of the escaped terms, longest first, between word boundaries.

With --procs above 1 the articles are spread over that many processes (multiprocessing,
results kept in input order); with 1 everything runs in this process.
"""

import argparse
import json
import os
import re
import sys

_scan = None


def walk(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        else:
            out.append(p)
    return out


def make_scanner(tool, terms):
    if tool == "spacy":
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.util import filter_spans

        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("TERM", list(nlp.tokenizer.pipe(terms)))

        def scan(text):
            doc = nlp.make_doc(text)
            spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
            return [[s.start_char, s.end_char, s.text] for s in spans]

    elif tool == "flashtext":
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        for t in terms:
            kp.add_keyword(t)

        def scan(text):
            return [[s, e, text[s:e]] for _, s, e in kp.extract_keywords(text, span_info=True)]

    elif tool == "re":
        alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        rx = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)", re.IGNORECASE)

        def scan(text):
            return [[m.start(), m.end(), m.group()] for m in rx.finditer(text)]

    else:
        raise SystemExit(f"peers.py: unknown tool {tool}")
    return scan


def init(tool, terms):
    global _scan
    _scan = make_scanner(tool, terms)


def process(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    article_id = os.path.splitext(os.path.basename(path))[0]
    return json.dumps({"id": article_id, "matches": _scan(text)}, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tool", required=True, choices=["spacy", "flashtext", "re"])
    ap.add_argument("--terms", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--procs", type=int, default=1)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    with open(args.terms, encoding="utf-8") as f:
        terms = [line.strip() for line in f if line.strip()]
    files = walk(args.inputs)
    with open(args.out, "w", encoding="utf-8") as out:
        if args.procs <= 1:
            init(args.tool, terms)
            for path in files:
                out.write(process(path))
        else:
            import multiprocessing

            with multiprocessing.Pool(args.procs, initializer=init, initargs=(args.tool, terms)) as pool:
                for line in pool.imap(process, files, chunksize=64):
                    out.write(line)
    print(f"peers.py: {args.tool}: {len(files)} articles -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
