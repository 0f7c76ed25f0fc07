#!/usr/bin/python3
"""Runs a per-line selfcrm command over a partitioned NDJSON input on Dask distributed.

  /usr/bin/python3 scripts/cluster/run_dask.py -i IN.ndjson -o OUTDIR --partitions 7 \
      -- score --as-of 2026-11-01T00:00:00Z --rejects inline -j 1

Each partition (dask.bag.read_text with a blocksize) goes on the command's stdin on a worker; its
stdout lines become OUTDIR/part-NNNNN.ndjson (to_textfiles with last_endline=True, so the parts
concatenate to a single run's bytes) with OUTDIR/part-NNNNN.manifest.json: lines in, results,
rejects, blank, sha256. Without --scheduler, a LocalCluster of --workers processes on 127.0.0.1;
with --scheduler tcp://HOST:8786, the cluster there (each worker needs the selfcrm CLI and the input
path readable, e.g. on shared storage). Exit status: 0 when every part has one line per input line,
1 otherwise, 2 on a usage error. With --plan, several commands run over the same partitions on one
cluster, so its start-up is paid once.

With --summaries the command is a whole-population step run with --partial (report, nps): each
part file holds that partition's partial summary (one line), and the result is one merge away:
  run_dask.py -i IN.ndjson -o OUT --summaries -- report --partial --as-of 2026-11-01T00:00:00Z -j 1
  selfcrm report --merge OUT/part-*.ndjson
"""
import argparse
import contextlib
import glob
import hashlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CLI = f"node {shlex.quote(os.path.join(REPO, 'dist', 'cli', 'main.js'))}"


def run_partition(lines, cli, args, kill_marker):
    """The worker's side: the partition on the CLI's stdin, its stdout lines back (without '\\n')."""
    data = "".join(lines).encode()
    proc = subprocess.run(cli + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"selfcrm exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    # Fault drill for the tests: the first worker to get here dies as a crash would (no cleanup);
    # the scheduler must then run this partition again on another worker.
    if kill_marker:
        try:
            os.close(os.open(kill_marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            os.kill(os.getpid(), signal.SIGKILL)
        except FileExistsError:
            pass
    text = proc.stdout.decode()
    if text and not text.endswith("\n"):
        raise RuntimeError("selfcrm output does not end with a newline")
    return text.split("\n")[:-1] if text else []


def start_client(stack, scheduler, workers):
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers` processes on 127.0.0.1."""
    from distributed import Client, LocalCluster
    if scheduler:
        client = stack.enter_context(Client(scheduler))
    else:
        client = stack.enter_context(Client(stack.enter_context(LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None))))
    client.wait_for_workers(1)
    return client


def count_lines(lines):
    return [len(lines)]


def manifest(part, lines_in):
    with open(part, "rb") as f:
        data = f.read()
    out = data.split(b"\n")[:-1] if data else []
    rejects = sum(1 for l in out if l.startswith(b'{"error":'))
    blank = sum(1 for l in out if not l.strip())
    return {
        "part": os.path.basename(part), "linesIn": lines_in, "linesOut": len(out),
        "results": len(out) - rejects - blank, "rejects": rejects, "blank": blank,
        "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
    }


def run_one(bag, lines_in, cli, out_dir, args, summaries, kill_marker):
    """One command over every partition of `bag` into out_dir; False when a part's lines are off."""
    os.makedirs(out_dir, exist_ok=True)
    if glob.glob(os.path.join(out_dir, "part-*")):
        raise SystemExit(f"run_dask: {out_dir} already holds part files: refusing to mix two runs")
    out = bag.map_partitions(run_partition, cli, args, kill_marker)
    parts = out.to_textfiles(os.path.join(out_dir, "part-*.ndjson"), last_endline=True,
                             name_function=lambda i: f"{i:05d}")
    ok = True
    for part, n in zip(sorted(parts), lines_in):
        m = manifest(part, n)
        ok = ok and (m["linesOut"] == 1 if summaries else m["linesIn"] == m["linesOut"])
        with open(part[: -len(".ndjson")] + ".manifest.json", "w") as f:
            f.write(json.dumps(m, sort_keys=True) + "\n")
    if not ok:
        print(f"run_dask: {out_dir}: " + ("a part's output is not one summary line" if summaries else
              "a part's output lines differ from its input lines (is --rejects inline set?)"), file=sys.stderr)
    return ok, len(parts)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--input", required=True, help="NDJSON input (a path every worker can read)")
    p.add_argument("-o", "--out", help="output directory (must not hold parts already)")
    p.add_argument("--partitions", type=int, help="about this many partitions (sets the blocksize)")
    p.add_argument("--blocksize", type=int, help="bytes per partition (default 64 MiB)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler instead of a LocalCluster")
    p.add_argument("--selfcrm", default=DEFAULT_CLI, help="the command that runs the CLI on a worker")
    p.add_argument("--summaries", action="store_true",
                   help="each partition's output is one partial summary (a --partial command), not one line per input line")
    p.add_argument("--plan", metavar="JSON",
                   help='several runs over the same partitions on one cluster (its start-up paid once): a file of '
                        '[{"out": DIR, "args": [...], "summaries": false}, ...] instead of -o and the command')
    p.add_argument("--kill-worker-once", metavar="MARKER", help=argparse.SUPPRESS)
    p.add_argument("args", nargs=argparse.REMAINDER, help="-- then the selfcrm command and its options")
    o = p.parse_args()
    args = o.args[1:] if o.args[:1] == ["--"] else o.args
    if o.plan:
        if args or o.out:
            p.error("--plan replaces -o and the command")
        with open(o.plan) as f:
            plan = json.load(f)
    else:
        if not args or not o.out:
            p.error("give -o and the selfcrm command after --, e.g. -- score --rejects inline -j 1")
        plan = [{"out": o.out, "args": args, "summaries": o.summaries, "killWorkerOnce": o.kill_worker_once}]
    if not os.path.isfile(o.input):
        p.error(f"cannot read --input {o.input}")
    size = os.path.getsize(o.input)
    # read_text makes size // blocksize partitions (the remainder joins them), so round down.
    blocksize = o.blocksize or (max(1, size // o.partitions) if o.partitions else 64 << 20)

    import dask.bag as db

    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        start_client(stack, o.scheduler, o.workers)
        ready = time.monotonic()
        # "\n", not the default universal newlines, which would turn CRLF into LF and split at a bare CR.
        bag = db.read_text(o.input, blocksize=blocksize, linedelimiter="\n")
        lines_in = bag.map_partitions(count_lines).compute()
        ok = True
        for run in plan:
            t0 = time.monotonic()
            good, parts = run_one(bag, lines_in, shlex.split(o.selfcrm), run["out"], run["args"], run.get("summaries", False),
                                  run.get("killWorkerOnce"))
            ok = ok and good
            t1 = time.monotonic()
            print(f"run_dask: {parts} parts, {sum(lines_in)} lines in {run['out']}; cluster ready in "
                  f"{ready - started:.1f} s, run {t1 - t0:.1f} s ({sum(lines_in) / (t1 - t0):.0f} lines/s)", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
