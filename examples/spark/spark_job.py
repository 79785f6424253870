#!/usr/bin/env python3
"""newsfacts under Apache Spark: JSONL articles in, one newsfacts JSONL line per article
out, through RDD.pipe, so every executor runs the unchanged binary in stream mode.

Usage:
  spark_job.py --binary PATH --rules PATH [--partitions N] [--master URL] INPUT OUTPUT

INPUT is a JSONL file (or folder, or glob: anything sc.textFile reads); OUTPUT a folder
of part-* files, ready for `newsfacts merge OUTPUT/part-* --out knowledge.json`.

On a cluster, ship the binary and the rules with spark-submit and give their names as
the executors see them (see README.md), e.g. --binary ./newsfacts --rules ./rules.
"""

import argparse
import shlex

from pyspark import SparkConf, SparkContext


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    ap.add_argument("input")
    ap.add_argument("output")
    args = ap.parse_args()

    conf = SparkConf().setAppName("newsfacts")
    if args.master:
        conf = conf.setMaster(args.master)
    if (args.master or "").startswith("local"):
        # A local check needs no web UI and no progress bars.
        conf = conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        # Stream mode answers every input line, in order, and exits 0 unless the run
        # itself failed (bad rules, I/O), which checkCode turns into a failed task.
        command = " ".join(
            shlex.quote(a)
            for a in [args.binary, "extract", "--format", "jsonl", "--rules", args.rules, "-"]
        )
        articles = sc.textFile(args.input, minPartitions=args.partitions)
        lines = articles.pipe(command, checkCode=True)
        lines.saveAsTextFile(args.output)
        print(
            f"newsfacts-spark: {articles.getNumPartitions()} partitions, "
            f"{articles.count()} articles in, {sc.textFile(args.output).count()} lines out"
        )
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
