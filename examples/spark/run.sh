#!/usr/bin/env bash
# Runs newsfacts under Apache Spark in local mode over the bundled corpus (as JSONL),
# merges the per-article lines, and checks the result is byte for byte the knowledge
# file of a single-machine run over the same JSONL.
#
#   examples/spark/run.sh            # from anywhere; needs python3, Java 17+, cargo
#
# It installs pyspark into examples/spark/.venv (git-ignored) on first use, and works
# in examples/spark/work/ (git-ignored too).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$here/work"
start=$(date +%s)

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/newsfacts"

if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
fi
# pyspark 4 needs Java 17 or later.
"$here/.venv/bin/python" -c 'import pyspark' 2>/dev/null \
    || "$here/.venv/bin/pip" install --quiet 'pyspark>=4,<5'

# Local mode talks to itself only: keep it on the loopback interface.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

rm -rf "$work"
mkdir -p "$work"
python3 "$here/corpus_to_jsonl.py" "$repo/corpus" > "$work/articles.jsonl"

spark_start=$(date +%s)
"$here/.venv/bin/python" "$here/spark_job.py" \
    --master 'local[2]' --partitions 4 \
    --binary "$bin" --rules "$repo/rules" \
    "$work/articles.jsonl" "$work/lines"
spark_end=$(date +%s)

# One answer line per article, then one merge.
"$bin" merge "$work"/lines/part-* --out "$work/merged.json"
# The single-machine run reads the same JSONL the same way (stdin), so that
# `documents[].source` is "<stdin>" in both.
"$bin" extract - --rules "$repo/rules" --out "$work/single.json" < "$work/articles.jsonl"

in=$(wc -l < "$work/articles.jsonl")
out=$(cat "$work"/lines/part-* | wc -l)
if [ "$in" -ne "$out" ]; then
    echo "FAIL: $in articles in, $out lines out" >&2
    exit 1
fi
if ! cmp "$work/merged.json" "$work/single.json"; then
    echo "FAIL: the Spark result differs from the single-machine run" >&2
    exit 1
fi
end=$(date +%s)
echo "OK: Spark ($in articles, 4 partitions) == single run, byte for byte;" \
     "Spark job $((spark_end - spark_start)) s, whole script $((end - start)) s"
