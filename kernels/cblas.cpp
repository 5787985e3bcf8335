// SPDX-License-Identifier: MIT
#include "cblas.h"

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#endif

namespace headroom::kernels {

namespace {
constexpr int kCblasRowMajor = 101;
constexpr int kCblasNoTrans = 111;
} // namespace

void* openLibrary(std::initializer_list<const char*> names,
                  std::initializer_list<const char*> symbols) {
#if defined(__unix__) || defined(__APPLE__)
    for (const char* name : names) {
        void* h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (!h)
            continue;
        bool complete = true;
        for (const char* s : symbols)
            complete = complete && dlsym(h, s) != nullptr;
        if (complete)
            return h;
        dlclose(h);
    }
#endif
    return nullptr;
}

void* librarySymbol(void* library, const char* name) {
#if defined(__unix__) || defined(__APPLE__)
    return library ? dlsym(library, name) : nullptr;
#else
    return nullptr;
#endif
}

void callDgemm(CblasDgemmFn dgemm, const GemmArgs& args) {
    const int n = args.n;
    if (n <= 0)
        return; // nothing to compute, and a leading dimension of 0 is refused with a message
    dgemm(kCblasRowMajor, kCblasNoTrans, kCblasNoTrans, n, n, n, 1.0, args.a, n, args.b, n, 0.0,
          args.c, n);
}

} // namespace headroom::kernels
