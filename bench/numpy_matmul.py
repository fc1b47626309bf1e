#!/usr/bin/python3
"""Times float32 numpy matmul, the OpenBLAS reference the Java GEMM is measured against.

Run with Debian's interpreter (/usr/bin/python3), whose numpy links the system libblas.so.3:
    /usr/bin/python3 bench/numpy_matmul.py 1024 1024 1024 --warmup 5 --repeat 20
Method matches `fedcot bench matmul`: warm-up runs, then best (and median) of the timed repeats,
reported as 2*M*N*K / best seconds.
"""
import argparse
import statistics
import time

import numpy as np


def loaded_blas():
    """Shared objects mapped into this process whose names say BLAS, i.e. what numpy really calls."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path.lower() or "lapack" in path.lower():
                libs.add(path)
    return sorted(libs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("m", type=int, nargs="?", default=1024)
    parser.add_argument("n", type=int, nargs="?", default=1024)
    parser.add_argument("k", type=int, nargs="?", default=1024)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    a = rng.standard_normal((args.m, args.k), dtype=np.float32)
    b = rng.standard_normal((args.k, args.n), dtype=np.float32)
    c = np.empty((args.m, args.n), dtype=np.float32)
    for _ in range(args.warmup):
        np.matmul(a, b, out=c)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)

    flops = 2.0 * args.m * args.n * args.k
    best, median = min(times), statistics.median(times)
    print(f"numpy {np.__version__}, BLAS: {', '.join(loaded_blas()) or 'none found'}")
    print(f"best {best * 1e3:.3f} ms, median {median * 1e3:.3f} ms over {args.repeat} runs")
    print(f"numpy matmul {args.m}x{args.n}x{args.k}: {flops / best / 1e9:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
