#!/usr/bin/env python3
"""Turns bench/run.sh's raw timings into the table and the target checks.

    report.py RESULTS.tsv

RESULTS.tsv has one row per run: section, tool, run, wall s, max RSS KB, user s, sys s,
bytes of article text, articles, output file, output kind. Each tool's figures are the
medians of its runs; MB are 10^6 bytes of article text.
"""

import json
import statistics
import sys
from collections import OrderedDict

REFERENCE = "newsfacts -j2 (files)"


def count_matches(path, kind):
    """Matches in a tool's output: JSONL lines with "matches", or newsfacts' mentions."""
    try:
        if kind == "jsonl-matches":
            with open(path, encoding="utf-8") as f:
                return sum(len(json.loads(line)["matches"]) for line in f if line.strip())
        if kind == "knowledge":
            with open(path, encoding="utf-8") as f:
                k = json.load(f)
            return sum(len(e.get("mentions", [])) for e in k.get("entities", []))
        if kind == "knowledge-lines":
            with open(path, encoding="utf-8") as f:
                return sum(len(json.loads(line).get("mentions") or []) for line in f if line.strip())
    except (OSError, ValueError, KeyError):
        return None
    return None


def main(path):
    rows = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            section, tool, _run, wall, rss, user, sys_, nbytes, articles, out, kind = line.rstrip("\n").split("\t")
            r = rows.setdefault((section, tool), {"wall": [], "rss": [], "cpu": [], "bytes": int(nbytes),
                                                  "articles": int(articles), "out": out, "kind": kind})
            r["wall"].append(float(wall))
            r["rss"].append(int(rss) / 1024)
            r["cpu"].append(float(user) + float(sys_))
    med = {k: {"wall": statistics.median(v["wall"]), "rss": max(v["rss"]), "cpu": statistics.median(v["cpu"]),
               "bytes": v["bytes"], "articles": v["articles"], "out": v["out"], "kind": v["kind"],
               "runs": len(v["wall"])} for k, v in rows.items()}

    ref = med.get(("main", REFERENCE))
    ref_mbs = ref["bytes"] / 1e6 / ref["wall"] if ref else None

    def mbs(r):
        return r["bytes"] / 1e6 / r["wall"]

    def cpu_mbs(r):
        return r["bytes"] / 1e6 / max(r["cpu"], 1e-9)

    print("| tool | runs | wall s | CPU s | MB/s | MB per CPU-s | articles/s | peak RSS MB | matches | speed vs newsfacts |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (section, tool), r in med.items():
        if section != "main":
            continue
        n = count_matches(r["out"], r["kind"]) if r["out"] != "-" else None
        ratio = f"{mbs(r) / ref_mbs:.2f}x" if ref_mbs else "-"
        print(f"| {tool} | {r['runs']} | {r['wall']:.2f} | {r['cpu']:.2f} | {mbs(r):.2f} | {cpu_mbs(r):.2f} | "
              f"{r['articles'] / r['wall']:.0f} | {r['rss']:.0f} | {n if n is not None else '-'} | {ratio} |")

    scale = [(t, r) for (s, t), r in med.items() if s == "scale"]
    if scale:
        print()
        print("| scaling run | input MB | articles | wall s | CPU s | MB/s | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for t, r in scale:
            print(f"| {t} | {r['bytes'] / 1e6:.0f} | {r['articles']} | {r['wall']:.1f} | {r['cpu']:.1f} | "
                  f"{mbs(r):.2f} | {r['rss']:.0f} |")

    compile_ = med.get(("compile", "newsfacts check"))
    print()
    print("Targets (figures from the medians above):")

    def check(label, value, ok):
        print(f"- {label}: {value} -> {'met' if ok else 'NOT met'}")

    floor = med.get(("main", "floor -j2 (files)"))
    spacy = med.get(("main", "spaCy PhraseMatcher, 1 process"))
    j1 = med.get(("main", "newsfacts -j1 (files)"))
    if ref and floor:
        x = mbs(ref) / mbs(floor)
        check("newsfacts -j2 at >= 50% of the floor's throughput", f"{100 * x:.1f}%", x >= 0.5)
        y = cpu_mbs(ref) / cpu_mbs(floor)
        print(f"  (per CPU-second, which a busy machine disturbs less: {100 * y:.1f}%)")
        gaz = med.get(("main", "newsfacts -j2, gazetteer only (files)"))
        if gaz:
            z = mbs(gaz) / mbs(floor)
            print(f"  (the pack without its pattern and relation rules: {100 * z:.1f}% of the floor)")
    if ref and spacy:
        x = mbs(ref) / mbs(spacy)
        check("newsfacts -j2 >= 50x spaCy PhraseMatcher", f"{x:.1f}x", x >= 50)
        print(f"  (per CPU-second: {cpu_mbs(ref) / cpu_mbs(spacy):.1f}x)")
    if ref and j1:
        x = j1["wall"] / ref["wall"]
        check("2 threads >= 1.8x one (wall)", f"{x:.2f}x", x >= 1.8)
    if compile_:
        ms = compile_["wall"] * 1000
        check("default rule pack compiles in <= 100 ms (`newsfacts check`, whole process)", f"{ms:.0f} ms", ms <= 100)
        print(f"  (CPU: {compile_['cpu'] * 1000:.0f} ms; `cargo bench --bench stages -- rules` times the compile alone)")
    big = [r for t, r in scale if t.startswith("newsfacts") and r["bytes"] >= 1e9]
    if big:
        check("peak memory <= 300 MB on 1 GB input", f"{big[0]['rss']:.0f} MB", big[0]["rss"] <= 300)


if __name__ == "__main__":
    main(sys.argv[1])
