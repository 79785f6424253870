#!/usr/bin/env bash
# newsfacts against its peers and the floor, on the same articles and the same terms.
#
#   bench/run.sh [--runs N] [--no-peers] [--with-re] [--scale "100MB 1GB" | --no-scale]
#                [--corpus FILE.jsonl] [--rules DIR] [--no-nice]
#
# Builds newsfacts (release) and bench/floor, prepares the corpus (by default the dev set
# ../shared/dev/reuters21578-train.jsonl, else one generated from corpus/), extracts the
# term list from rules/*.toml, installs the peers (spaCy, flashtext) into bench/work/venv,
# runs every tool --runs times (default 3) and prints the medians: wall time, CPU time,
# MB/s, articles/s, peak RSS, matches found and speed relative to newsfacts; then the
# rule compilation time and, unless --no-scale, newsfacts and the floor on generated
# corpora of the --scale sizes. Everything it makes goes under bench/work/ (git-ignored);
# the table is also written to bench/work/results.md. --with-re adds a Python `re`
# alternation peer (slow with two thousand terms: minutes a run).
#
# The rule pack (rules/, or --rules DIR) is copied to bench/work/rules when the run
# starts, and every newsfacts run and the term list use that copy: edits to rules/
# during a run do not change what is measured.
#
# The machine may be shared (other builds running): as root, each measured command runs
# in a session of its own whose scheduler autogroup gets nice -10 (with autogroups, plain
# nice only ranks processes within one session), so that the wall times mean something;
# CPU times are printed too. --no-nice turns that off.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$HERE/work
RUNS=3
PEERS=1
WITH_RE=0
PRIO=1
[ "$(id -u)" = 0 ] || PRIO=0
SCALE="100MB 1GB"
CORPUS_JSONL=$ROOT/../shared/dev/reuters21578-train.jsonl
RULES_SRC=$ROOT/rules

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --no-peers) PEERS=0; shift ;;
        --with-re) WITH_RE=1; shift ;;
        --no-nice) PRIO=0; shift ;;
        --scale) SCALE=$2; shift 2 ;;
        --no-scale) SCALE=""; shift ;;
        --corpus) CORPUS_JSONL=$2; shift 2 ;;
        --rules) RULES_SRC=$(cd "$2" && pwd); shift 2 ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
mkdir -p "$WORK/bin" "$WORK/out"
cd "$ROOT"

# --- tools ---------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing GNU time (for peak memory)"
        apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    else
        echo "run.sh: /usr/bin/time (GNU time) is needed: apt-get install time" >&2; exit 1
    fi
fi

RULES=$WORK/rules
rm -rf "$RULES"
cp -r "$RULES_SRC" "$RULES"

say "building newsfacts (release)"
REV=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
cargo build --release --quiet
# A copy, so a rebuild in the tree during the run cannot change what is measured.
cp "${CARGO_TARGET_DIR:-$ROOT/target}/release/newsfacts" "$WORK/bin/newsfacts"
say "building bench/floor (floor scanner, gen-corpus)"
CARGO_TARGET_DIR=$WORK/floor-target cargo build --release --quiet --manifest-path "$HERE/floor/Cargo.toml"
cp "$WORK/floor-target/release/floor" "$WORK/floor-target/release/gen-corpus" "$WORK/bin/"
NF=$WORK/bin/newsfacts
FLOOR=$WORK/bin/floor
GEN=$WORK/bin/gen-corpus

# --- corpus --------------------------------------------------------------------------
FILES=$WORK/corpus-files
JSONL=$WORK/corpus.jsonl
if [ -f "$CORPUS_JSONL" ]; then
    source_desc="$(cd "$(dirname "$CORPUS_JSONL")" && pwd)/$(basename "$CORPUS_JSONL") $(stat -c '%s %Y' "$CORPUS_JSONL")"
    gen_args=(--from-jsonl "$CORPUS_JSONL" --verbatim)
else
    say "no $CORPUS_JSONL: generating 16 MB from corpus/"
    source_desc="corpus/ 16MB seed 7"
    gen_args=(--from corpus --size 16MB --seed 7)
fi
if [ "$(cat "$WORK/corpus.stamp" 2>/dev/null)" != "$source_desc" ]; then
    say "writing the corpus: one file per article, and one JSONL"
    rm -rf "$FILES" "$JSONL"
    "$GEN" "${gen_args[@]}" --as files --out "$FILES"
    "$GEN" "${gen_args[@]}" --as jsonl --out "$JSONL"
    echo "$source_desc" > "$WORK/corpus.stamp"
fi
BYTES=$(find "$FILES" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
ARTICLES=$(find "$FILES" -type f | wc -l)
say "corpus: $ARTICLES articles, $BYTES bytes of text"

python3 "$HERE/terms.py" "$RULES" > "$WORK/terms.txt"
TERMS=$WORK/terms.txt
say "terms: $(wc -l < "$TERMS") from rules/"

if [ "$PEERS" = 1 ]; then
    if ! "$WORK/venv/bin/python" -c 'import spacy, flashtext' 2>/dev/null; then
        say "installing the peers into bench/work/venv (spacy, flashtext)"
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install --quiet spacy flashtext
    fi
    PY=$WORK/venv/bin/python
fi

# --- measuring -----------------------------------------------------------------------
# Runs a command at raised priority (see the top of this file), or as it is.
prio() {
    if [ "$PRIO" = 1 ]; then
        setsid -w bash -c 'echo -10 > /proc/self/autogroup 2>/dev/null || true; exec nice -n -10 "$@"' prio "$@"
    else
        "$@"
    fi
}
RESULTS=$WORK/results.tsv
: > "$RESULTS"
# measure SECTION NAME RUNS BYTES ARTICLES OUTFILE OUTKIND -- COMMAND...
# Exit codes 0 and 1 count as finished (newsfacts says 1 when some input had problems).
measure() {
    local section=$1 name=$2 runs=$3 bytes=$4 articles=$5 out=$6 kind=$7
    shift 8
    local r rc
    for r in $(seq 1 "$runs"); do
        rc=0
        prio /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || rc=$?
        if [ "$rc" -gt 1 ]; then
            say "FAILED ($rc): $name"; tail -5 "$WORK/stderr.txt" >&2; return 0
        fi
        read -r wall rss user sys < <(tail -1 "$WORK/time.txt")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$name" "$r" "$wall" "$rss" \
            "$user" "$sys" "$bytes" "$articles" "$out" "$kind" >> "$RESULTS"
        say "$name: run $r: ${wall}s, $((rss / 1024)) MB"
    done
}

# How many articles newsfacts reads from a two-record JSONL: 2 once its JSONL reader works.
printf '%s\n' '{"id":"a","text":"Lithium."}' '{"id":"b","text":"Cobalt."}' > "$WORK/probe.jsonl"
"$NF" extract --rules "$RULES" "$WORK/probe.jsonl" --out "$WORK/out/probe.json" 2>"$WORK/probe.err" || true
NF_JSONL=0
grep -q '^newsfacts: 2 articles' "$WORK/probe.err" && NF_JSONL=1

O=$WORK/out
say "floor"
measure main "floor -j2 (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/floor-j2.jsonl" jsonl-matches -- \
    "$FLOOR" --terms "$TERMS" --jobs 2 --out "$O/floor-j2.jsonl" "$FILES"
measure main "floor -j1 (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/floor-j1.jsonl" jsonl-matches -- \
    "$FLOOR" --terms "$TERMS" --jobs 1 --out "$O/floor-j1.jsonl" "$FILES"
say "newsfacts"
measure main "newsfacts -j2 (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/newsfacts-j2.json" knowledge -- \
    "$NF" extract --rules "$RULES" --jobs 2 --out "$O/newsfacts-j2.json" "$FILES"
measure main "newsfacts -j1 (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/newsfacts-j1.json" knowledge -- \
    "$NF" extract --rules "$RULES" --jobs 1 --out "$O/newsfacts-j1.json" "$FILES"
if [ "$NF_JSONL" = 1 ]; then
    measure main "newsfacts -j2 (one JSONL)" "$RUNS" "$BYTES" "$ARTICLES" "$O/newsfacts-jsonl.json" knowledge -- \
        "$NF" extract --rules "$RULES" --jobs 2 --out "$O/newsfacts-jsonl.json" "$JSONL"
else
    say "newsfacts does not read JSONL input yet: skipping the JSONL run"
fi
measure main "newsfacts -j2 --format jsonl (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/newsfacts-lines.jsonl" knowledge-lines -- \
    "$NF" extract --rules "$RULES" --jobs 2 --format jsonl --out "$O/newsfacts-lines.jsonl" "$FILES"
# The pack without its pattern and relation rules: how far from the floor the rest of the
# pipeline (analysis, the gazetteer with its case policies and vetoes, the knowledge file)
# is on its own.
GAZ_RULES=$WORK/rules-gazetteer
rm -rf "$GAZ_RULES"
python3 "$HERE/gazetteer_only.py" "$RULES" "$GAZ_RULES"
if "$NF" check --rules "$GAZ_RULES" >/dev/null 2>"$WORK/gazetteer-check.err"; then
    measure main "newsfacts -j2, gazetteer only (files)" "$RUNS" "$BYTES" "$ARTICLES" "$O/newsfacts-gazetteer.json" knowledge -- \
        "$NF" extract --rules "$GAZ_RULES" --jobs 2 --out "$O/newsfacts-gazetteer.json" "$FILES"
else
    say "the pack without its pattern and relation rules does not check: skipping the gazetteer-only run"
fi
if [ "$PEERS" = 1 ]; then
    say "peers"
    measure main "flashtext, 2 processes" "$RUNS" "$BYTES" "$ARTICLES" "$O/flashtext.jsonl" jsonl-matches -- \
        "$PY" "$HERE/peers.py" --tool flashtext --procs 2 --terms "$TERMS" --out "$O/flashtext.jsonl" "$FILES"
    if [ "$WITH_RE" = 1 ]; then
        measure main "Python re alternation, 2 processes" "$RUNS" "$BYTES" "$ARTICLES" "$O/re.jsonl" jsonl-matches -- \
            "$PY" "$HERE/peers.py" --tool re --procs 2 --terms "$TERMS" --out "$O/re.jsonl" "$FILES"
    fi
    measure main "spaCy PhraseMatcher, 1 process" "$RUNS" "$BYTES" "$ARTICLES" "$O/spacy.jsonl" jsonl-matches -- \
        "$PY" "$HERE/peers.py" --tool spacy --procs 1 --terms "$TERMS" --out "$O/spacy.jsonl" "$FILES"
fi
say "rule compilation (newsfacts check, 5 runs)"
measure compile "newsfacts check" 5 0 0 - - -- "$NF" check --rules "$RULES"

# --- scaling -------------------------------------------------------------------------
for size in $SCALE; do
    if [ "$NF_JSONL" = 1 ]; then layout=jsonl; input=$WORK/scale-$size.jsonl
    else layout=files; input=$WORK/scale-$size; fi
    if [ ! -e "$WORK/scale-$size.meta" ] || [ ! -e "$input" ] \
        || [ "$(head -1 "$WORK/scale-$size.meta")" != "$source_desc $layout" ]; then
        say "generating $size ($layout)"
        rm -rf "$input"
        if [ -f "$CORPUS_JSONL" ]; then from=(--from-jsonl "$CORPUS_JSONL"); else from=(--from corpus); fi
        "$GEN" "${from[@]}" --size "$size" --seed 7 --as "$layout" --out "$input" 2>"$WORK/gen.err"
        # "gen-corpus: N articles, B bytes of text from ..."
        { echo "$source_desc $layout"; awk '{print $2, $4}' "$WORK/gen.err"; } > "$WORK/scale-$size.meta"
    fi
    read -r n b < <(sed -n 2p "$WORK/scale-$size.meta")
    measure scale "floor -j2, $size" 1 "$b" "$n" - - -- \
        "$FLOOR" --terms "$TERMS" --jobs 2 --out "$O/scale-floor.jsonl" "$input"
    measure scale "newsfacts -j2, $size, knowledge file" 1 "$b" "$n" - - -- \
        "$NF" extract --rules "$RULES" --jobs 2 --out "$O/scale-newsfacts.json" "$input"
    measure scale "newsfacts -j2, $size, --format jsonl" 1 "$b" "$n" - - -- \
        "$NF" extract --rules "$RULES" --jobs 2 --format jsonl --out "$O/scale-newsfacts.jsonl" "$input"
    rm -f "$O"/scale-*
done

# --- report --------------------------------------------------------------------------
{
    echo "newsfacts $REV (built at the start; rules from $RULES_SRC, $("$NF" check --rules "$RULES" 2>&1 | grep -o '[0-9]* entities, [0-9]* aliases, [0-9]* patterns, [0-9]* relation rules' || true)) on $(nproc) cores," \
        "$(date -u +%Y-%m-%d); corpus: $ARTICLES articles, $(awk "BEGIN {printf \"%.1f\", $BYTES / 1e6}") MB" \
        "($source_desc); $(wc -l < "$TERMS") terms; medians of $RUNS runs; load average at the start:" \
        "$LOAD_BEFORE, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    python3 "$HERE/report.py" "$RESULTS"
    echo
    echo "Total run time of bench/run.sh: $(( $(date +%s) - START )) s"
} | tee "$WORK/results.md"
