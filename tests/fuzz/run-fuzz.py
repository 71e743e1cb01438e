#!/usr/bin/env python3
# Runs one libFuzzer target for a bounded time on a fresh corpus seeded from
# the given folders (missing ones are skipped), as the 'fuzz' test suite does.
#
#   run-fuzz.py [--brat-pairs] [--artifacts DIR] SECONDS FUZZER SEED_DIR...
#
# --brat-pairs: NAME.txt + NAME.ann pairs in the seed folders become single
# seeds "text NUL annotations [NUL annotation.conf]", the input layout of
# fuzz-brat.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def brat_pair_seeds(seed_dirs, out_dir):
    n = 0
    for seed_dir in seed_dirs:
        for root, _dirs, files in os.walk(seed_dir):
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith(".ann"):
                    txt = path[:-4] + ".txt"
                    text = b""
                    if os.path.isfile(txt):
                        with open(txt, "rb") as f:
                            text = f.read()
                    with open(path, "rb") as f:
                        ann = f.read()
                    data = text + b"\0" + ann
                    conf = os.path.join(root, "annotation.conf")
                    if os.path.isfile(conf):
                        with open(conf, "rb") as f:
                            data += b"\0" + f.read()
                elif name.endswith(".txt") and os.path.isfile(path[:-4] + ".ann"):
                    continue
                else:
                    with open(path, "rb") as f:
                        data = f.read()
                n += 1
                with open(os.path.join(out_dir, "seed-%05d" % n), "wb") as f:
                    f.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brat-pairs", action="store_true")
    parser.add_argument("--artifacts", default=None)
    parser.add_argument("--max-len", type=int, default=16384)
    parser.add_argument("seconds", type=int)
    parser.add_argument("fuzzer")
    parser.add_argument("seeds", nargs="*")
    args = parser.parse_args()

    seeds = [d for d in args.seeds if os.path.isdir(d)]
    for d in args.seeds:
        if not os.path.isdir(d):
            print(f"skipping seeds {d}: not found", file=sys.stderr)

    work = tempfile.mkdtemp(prefix="gloss-fuzz-corpus-")
    try:
        corpus = os.path.join(work, "corpus")
        os.mkdir(corpus)
        if args.brat_pairs:
            paired = os.path.join(work, "seeds")
            os.mkdir(paired)
            brat_pair_seeds(seeds, paired)
            seeds = [paired]
        cmd = [args.fuzzer,
               f"-max_total_time={args.seconds}",
               "-timeout=10",
               "-rss_limit_mb=2048",
               f"-max_len={args.max_len}",
               "-print_final_stats=1"]
        if args.artifacts:
            os.makedirs(args.artifacts, exist_ok=True)
            cmd.append("-artifact_prefix=" + os.path.join(args.artifacts, ""))
        cmd += [corpus] + seeds
        print(" ".join(cmd), file=sys.stderr, flush=True)
        return subprocess.call(cmd)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
