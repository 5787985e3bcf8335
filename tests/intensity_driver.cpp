// SPDX-License-Identifier: MIT
// Runs one native rung CALLS times on n x n matrices, on one thread, and prints a checksum of C:
// the program tst_intensity runs under valgrind to count the bytes a rung's loads and stores
// move. No Qt, so that valgrind sees the kernel and little else.
#include <matrix.h>
#include <registry.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    using namespace headroom::kernels;
    if (argc != 4) {
        std::fprintf(stderr, "usage: intensity_driver RUNG N CALLS\n");
        return 2;
    }
    const RungInfo* rung = findRung(argv[1]);
    const int n = std::atoi(argv[2]);
    const int calls = std::atoi(argv[3]);
    if (!rung || !rung->fn || n < 1 || n > 4096 || calls < 0 || calls > 100) {
        std::fprintf(stderr, "intensity_driver: need a native rung, 1 <= N <= 4096, "
                             "0 <= CALLS <= 100\n");
        return 2;
    }
    const std::size_t un = static_cast<std::size_t>(n);
    MatrixBuffer a = allocateMatrix(un, un), b = allocateMatrix(un, un), c = allocateMatrix(un, un);
    if (!a || !b || !c) {
        std::fprintf(stderr, "intensity_driver: out of memory\n");
        return 1;
    }
    fillMatrix(a.get(), un, un, 1, 1);
    fillMatrix(b.get(), un, un, 2, 1);
    GemmArgs args;
    args.n = n;
    args.a = a.get();
    args.b = b.get();
    args.c = c.get();
    args.threads = 1;
    for (int i = 0; i < calls; ++i)
        rung->fn(args);
    double sum = 0;
    for (std::size_t i = 0; calls > 0 && i < un * un; ++i)
        sum += c[i];
    std::printf("%.17g\n", sum);
    return 0;
}
