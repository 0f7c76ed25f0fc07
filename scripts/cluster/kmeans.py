#!/usr/bin/python3
"""Distributed k-means with the selfcrm CLI on Dask distributed or GNU parallel, to convergence.

  /usr/bin/python3 scripts/cluster/kmeans.py -i rows.ndjson -o OUTDIR -k 4 --seed 7 \
      --columns recency,frequency,monetary --partitions 7 [--engine parallel] [--assign]

1. Every partition writes its bottom-m hash sample (cluster --init sample --partial); one merge
   (cluster --merge -k K --seed S) runs k-means++ and Lloyd on the merged sample: OUTDIR/centroids-0000.json.
2. Every partition runs one Lloyd step against the last centroids (cluster --centroids C --partial:
   exact per-cluster sums); one merge gives the next centroids, until a step converges or
   --max-iterations steps ran. OUTDIR/centroids.json is the last: byte-identical to
   `selfcrm cluster --init sample --centroids-out FILE` over the whole input, whatever the split.
3. With --assign, every partition is assigned (cluster --assign, a per-line filter):
   OUTDIR/assign/part-NNNNN.ndjson, one line per input line.
The centroids files must be readable by every worker (shared storage on a real cluster). One Dask
cluster serves every step, so its start-up is paid once. Exit status 0 when the run converged, 1
when it did not within --max-iterations (the last centroids are still written), 2 on a usage error.
"""
import argparse
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_dask import DEFAULT_CLI, run_partition, start_client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--input", required=True, help="NDJSON feature rows (a path every worker can read)")
    p.add_argument("-o", "--out", required=True, help="output directory (created; must not hold centroids already)")
    p.add_argument("-k", "--k", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sample-size", type=int, default=10000)
    p.add_argument("--max-iterations", type=int, default=100)
    p.add_argument("--tolerance", default="1e-6")
    p.add_argument("--columns", help="features (dotted paths for objects; needed for object rows)")
    p.add_argument("--engine", choices=["dask", "parallel"], default="dask")
    p.add_argument("--partitions", type=int, default=7)
    p.add_argument("--workers", type=int, default=2, help="LocalCluster processes, or parallel's jobs")
    p.add_argument("--scheduler", help="a running Dask scheduler instead of a LocalCluster")
    p.add_argument("--selfcrm", default=DEFAULT_CLI, help="the command that runs the CLI")
    p.add_argument("--assign", action="store_true", help="also write every row's cluster")
    p.add_argument("--kill-worker-once", metavar="MARKER", help=argparse.SUPPRESS)
    o = p.parse_args()
    if not os.path.isfile(o.input):
        p.error(f"cannot read --input {o.input}")
    os.makedirs(o.out, exist_ok=True)
    if os.path.exists(os.path.join(o.out, "centroids-0000.json")):
        p.error(f"{o.out} holds centroids already: refusing to mix two runs")
    cli = shlex.split(o.selfcrm)
    columns = ["--columns", o.columns] if o.columns else []
    size = os.path.getsize(o.input)

    def merge(args, out):
        proc = subprocess.run(cli + ["cluster", "--merge"] + args + ["-o", out], stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise SystemExit(f"kmeans: cluster --merge failed: {proc.stderr.decode(errors='replace')}")

    with contextlib.ExitStack() as stack:
        started = time.monotonic()
        if o.engine == "dask":
            import dask.bag as db
            start_client(stack, o.scheduler, o.workers)
            bag = db.read_text(o.input, blocksize=max(1, size // o.partitions), linedelimiter="\n")

            def summaries(args, kill=None):
                return bag.map_partitions(run_partition, cli, args, kill).compute()
        else:
            block = f"-{max(1, o.partitions // o.workers)}"  # -N: N blocks per job slot

            def summaries(args, kill=None):
                proc = subprocess.run(["parallel", "--pipepart", "-a", o.input, "--block", block, "-j", str(o.workers), "--keep-order"]
                                      + cli + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                if proc.returncode not in (0, 1):
                    raise SystemExit(f"kmeans: parallel failed: {proc.stderr.decode(errors='replace')[-2000:]}")
                return proc.stdout.decode().split("\n")[:-1]
        ready = time.monotonic()

        def write_parts(name, lines):
            path = os.path.join(o.out, name)
            with open(path, "w") as f:
                f.write("".join(line + "\n" for line in lines))
            return path

        parts = write_parts("sample-parts.ndjson", summaries(
            ["cluster", "--init", "sample", "--partial", "--sample-size", str(o.sample_size)] + columns))
        current = os.path.join(o.out, "centroids-0000.json")
        merge([parts, "-k", str(o.k), "--seed", str(o.seed), "--max-iterations", str(o.max_iterations),
               "--tolerance", o.tolerance], current)
        converged = False
        iteration = 0
        while not converged and iteration < o.max_iterations:
            iteration += 1
            parts = write_parts(f"step-{iteration:04d}.ndjson", summaries(
                ["cluster", "--centroids", os.path.abspath(current), "--partial"] + columns,
                o.kill_worker_once if iteration == 1 else None))
            current = os.path.join(o.out, f"centroids-{iteration:04d}.json")
            merge([parts, "--tolerance", o.tolerance], current)
            with open(current) as f:
                doc = json.load(f)
            converged = doc["converged"]
            print(f"kmeans: iteration {iteration}: moved {doc['moved']:.3g}, inertia {doc['inertia']:.6g}", file=sys.stderr)
        shutil.copyfile(current, os.path.join(o.out, "centroids.json"))
        if o.assign:
            assign = ["cluster", "--centroids", os.path.abspath(current), "--assign"] + columns
            os.makedirs(os.path.join(o.out, "assign"), exist_ok=True)
            if o.engine == "dask":
                bag.map_partitions(run_partition, cli, assign, None).to_textfiles(
                    os.path.join(o.out, "assign", "part-*.ndjson"), last_endline=True, name_function=lambda i: f"{i:05d}")
            else:
                write_parts(os.path.join("assign", "part-00000.ndjson"), summaries(assign))
        done = time.monotonic()
    print(f"kmeans: {'converged' if converged else 'not converged'} after {iteration} steps; engine ready in "
          f"{ready - started:.1f} s, run {done - ready:.1f} s; {os.path.join(o.out, 'centroids.json')}", file=sys.stderr)
    return 0 if converged else 1


if __name__ == "__main__":
    sys.exit(main())
