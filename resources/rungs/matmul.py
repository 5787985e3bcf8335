# SPDX-License-Identifier: MIT
# Headroom's "Python" rung: the pure-Python triple loop of Leiserson et al., Science 2020, Fig. 1.
# Protocol (text): run as `python3 matmul.py n offsetA offsetB`. It builds A and B itself from
# the ladder's portable formula (kernels/matrix.h: the app builds the same matrices to verify),
# prints "headroom-matmul 2", then answers each stdin line "rows FIRST COUNT REPS" with
# "times t1 ... tREPS" (seconds of the loop alone) and rows FIRST..FIRST+COUNT-1 of C, one per
# line, printed with repr() (exact round trip). Ends at end of input.
import sys
import time

PRIME = 65521


def portable_table(n):
    # The value of q = 0 .. PRIME - 1, repeated so that any row (start < 2 PRIME) is one slice.
    vals = []
    for q in range(PRIME):
        g = q * 40503 % PRIME
        mag = (64 + (g >> 1) % 961) / 1024.0
        vals.append(-mag if g & 1 else mag)
    return vals * ((2 * PRIME + n) // PRIME + 1)


def portable_row(table, offset, n, i):
    start = (i * n % PRIME) + offset
    # Fresh float objects, one per entry, as a matrix read from anywhere would hold: shared
    # objects would sit in the cache and hide the loop's real memory traffic.
    return list(map((1.0).__mul__, table[start:start + n]))


def main():
    try:
        n, off_a, off_b = (int(x) for x in sys.argv[1:4])
        if n < 0 or not (0 <= off_a < PRIME and 0 <= off_b < PRIME) or len(sys.argv) != 4:
            raise ValueError
    except ValueError:
        sys.stderr.write("matmul.py: usage: matmul.py n offsetA offsetB\n")
        return 2
    table = portable_table(n)
    B = [portable_row(table, off_b, n, k) for k in range(n)]
    A = [None] * n
    sys.stdout.write("headroom-matmul 2\n")
    sys.stdout.flush()
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if len(words) != 4 or words[0] != "rows":
            sys.stderr.write("matmul.py: malformed command\n")
            return 2
        first, count, reps = int(words[1]), int(words[2]), int(words[3])
        if first < 0 or count < 0 or first + count > n or reps < 1:
            sys.stderr.write("matmul.py: rows out of range\n")
            return 2
        rows = range(first, first + count)
        for i in rows:
            if A[i] is None:
                A[i] = portable_row(table, off_a, n, i)
        times = []
        for r in range(reps):
            C = [None] * n
            for i in rows:
                C[i] = [0.0] * n
            start = time.perf_counter()
            for i in rows:
                for j in range(n):
                    for k in range(n):
                        C[i][j] += A[i][k] * B[k][j]
            times.append(time.perf_counter() - start)
        out = ["times " + " ".join(repr(t) for t in times)]
        out.extend(" ".join(repr(x) for x in C[i]) for i in rows)
        sys.stdout.write("\n".join(out) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
