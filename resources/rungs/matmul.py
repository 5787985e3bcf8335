# SPDX-License-Identifier: MIT
# Headroom's "Python" rung: the pure-Python triple loop of Leiserson et al., Science 2020, Fig. 1.
# Protocol (stdin -> stdout, text): "n repetitions warmups", then the n*n entries of A and of B
# (row-major). Prints "headroom-matmul 1", "times t1 t2 ..." (seconds of the loop alone, no I/O),
# then C, one row per line. Floats are printed with repr(): exact round trip.
import sys
import time


def main():
    data = sys.stdin.buffer.read().split()
    n, reps, warmups = int(data[0]), int(data[1]), int(data[2])
    if n < 0 or reps < 1 or warmups < 0 or len(data) != 3 + 2 * n * n:
        sys.stderr.write("matmul.py: malformed input\n")
        return 2
    vals = [float(x) for x in data[3:]]
    A = [vals[i * n:(i + 1) * n] for i in range(n)]
    off = n * n
    B = [vals[off + i * n:off + (i + 1) * n] for i in range(n)]
    times = []
    C = None
    for r in range(warmups + reps):
        C = [[0.0] * n for _ in range(n)]
        start = time.perf_counter()
        for i in range(n):
            for j in range(n):
                for k in range(n):
                    C[i][j] += A[i][k] * B[k][j]
        elapsed = time.perf_counter() - start
        if r >= warmups:
            times.append(elapsed)
    out = ["headroom-matmul 1", "times " + " ".join(repr(t) for t in times)]
    out.extend(" ".join(repr(x) for x in row) for row in C)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
