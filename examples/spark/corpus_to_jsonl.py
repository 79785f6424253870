#!/usr/bin/env python3
"""Writes the bundled corpus as JSONL articles on stdout, one object a line:
{"id", "title", "date", "url", "text"}. This is the shape a cluster job reads from a
data lake; the corpus folder (txt, md, html) is only where our sample happens to live.

Usage: corpus_to_jsonl.py CORPUS_DIR > articles.jsonl

Deliberately simple readers (a first-line title for .txt, front matter for .md, the
<title> and <article> text for .html): the Spark check compares two newsfacts runs over
this same JSONL, so it needs plausible articles, not newsfacts' own readers.
"""

import json
import sys
from html.parser import HTMLParser
from pathlib import Path


def decode(data: bytes) -> str:
    # One corpus file is Windows-1252 on purpose.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def from_txt(text):
    lines = text.split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        return {"title": lines[0].strip(), "text": "\n".join(lines[2:]).strip()}
    return {"text": text.strip()}


def from_md(text):
    article = {}
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("title", "date", "url") and value.strip():
                article[key.strip()] = value.strip()
    body = [l for l in text.strip().split("\n") if not l.startswith("# ")]
    article["text"] = "\n".join(body).replace("**", "").strip()
    return article


class ArticleText(HTMLParser):
    """Collects <title> and the paragraphs inside <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.title, self.paragraphs = [], "", []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "p" and "article" in self.stack:
            self.paragraphs.append("")

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif "article" in self.stack and "p" in self.stack and self.paragraphs:
            self.paragraphs[-1] += data


def from_html(text):
    p = ArticleText()
    p.feed(text)
    title = p.title.split(" | ")[0].strip()
    body = "\n\n".join(" ".join(par.split()) for par in p.paragraphs if par.strip())
    return {"title": title, "text": body}


def main(corpus: Path):
    readers = {".txt": from_txt, ".md": from_md, ".html": from_html, ".htm": from_html}
    for path in sorted(corpus.iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    print(json.dumps(json.loads(line), ensure_ascii=False))
        elif path.suffix in readers:
            article = {"id": path.name, **readers[path.suffix](decode(path.read_bytes()))}
            print(json.dumps(article, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
