// SPDX-License-Identifier: MIT
// A point's data for the runner: A, B and C allocated at their page offsets and filled, C
// verified against A and B, and the timed samples summarised into the result.
#pragma once

#include "results.h"

#include <matrix.h>

#include <QList>
#include <QString>

namespace headroom {

// Floating-point operations of one n x n product, in GFLOP.
double gflop(int n);

struct PointBuffers {
    kernels::PlacedMatrix a, b, c; // at distinct page offsets: see kernels/matrix.h
};

// Fills C with NaN, in parallel like the kernels' outer loops (first touch when C is new).
void fillNaN(double* c, int n, int threads);

// Allocates and first-touches A, B (values from the seed) and C (NaN). False with a one-line
// reason when they do not fit in memory or cannot be allocated.
bool preparePoint(int n, quint64 seed, int threads, PointBuffers* buf, QString* error);

// Verifies C: Freivalds always, plus the full comparison up to `fullMaxN`; sets p's status,
// check and (when it failed) message.
void verifyProduct(int n, const double* a, const double* b, const double* c, int fullMaxN,
                   quint64 seed, PointResult* p);

// Summarises the timed samples into p (median, interval, cv, repetitions, GFLOP/s).
void fillTimes(const QList<double>& samples, PointResult* p);

} // namespace headroom
