// SPDX-License-Identifier: MIT
#include "plan.h"

#include "jsonread.h"

#include <QJsonArray>

#include <algorithm>

namespace headroom {

QJsonObject Plan::toJson() const {
    QJsonObject o;
    o[QStringLiteral("rungs")] = QJsonArray::fromStringList(rungs);
    QJsonArray s;
    for (int n : sizes)
        s.append(n);
    o[QStringLiteral("sizes")] = s;
    o[QStringLiteral("threads")] = threads;
    o[QStringLiteral("budget_seconds")] = budgetSeconds;
    o[QStringLiteral("repetitions")] = repetitions;
    o[QStringLiteral("min_seconds")] = minSeconds;
    o[QStringLiteral("full_check_max_n")] = fullCheckMaxN;
    o[QStringLiteral("seed")] = QString::number(seed); // 64-bit: a JSON number would lose bits
    if (extrapolate)
        o[QStringLiteral("extrapolate")] = true;
    return o;
}

std::optional<Plan> Plan::fromJson(const QJsonObject& o, QString* error) {
    JsonReader r(o, QStringLiteral("plan"));
    Plan p;
    const QJsonArray rungs = r.array(QStringLiteral("rungs"));
    const QJsonArray sizes = r.array(QStringLiteral("sizes"));
    p.threads = r.integer(QStringLiteral("threads"), 0, 1 << 16, 0);
    p.budgetSeconds = r.number(QStringLiteral("budget_seconds"), 0, 1e7, 2.0);
    p.repetitions = r.integer(QStringLiteral("repetitions"), 1, 1 << 20, 3);
    p.minSeconds = r.number(QStringLiteral("min_seconds"), 0, 1e7, 0.2);
    p.fullCheckMaxN = r.integer(QStringLiteral("full_check_max_n"), 0, 1 << 20, 256);
    const QString seed = r.string(QStringLiteral("seed"), QStringLiteral("42"));
    p.extrapolate = r.boolean(QStringLiteral("extrapolate"), false);
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    bool seedOk = false;
    p.seed = seed.toULongLong(&seedOk);
    if (!seedOk) {
        *error = QStringLiteral("plan: \"seed\" must be a whole number in a string");
        return std::nullopt;
    }
    if (rungs.size() > 64 || sizes.size() > 1024) {
        *error = QStringLiteral("plan: too many rungs or sizes");
        return std::nullopt;
    }
    for (const auto& v : rungs) {
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 64) {
            *error = QStringLiteral("plan: \"rungs\" must hold rung ids");
            return std::nullopt;
        }
        p.rungs.append(v.toString());
    }
    for (const auto& v : sizes) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > (1 << 20) || d != static_cast<int>(d)) {
            *error = QStringLiteral("plan: every size must be a whole number from 1 to 1048576");
            return std::nullopt;
        }
        p.sizes.append(static_cast<int>(d));
    }
    return p;
}

int Plan::largestSizeFor(const EffectiveCaches& caches) {
    constexpr int kSmallest = 1024, kLargest = 4096;
    if (caches.l3 <= 0)
        return kFallbackLargestN;
    int n = kSmallest;
    while (n < kLargest && 24.0 * n * n <= static_cast<double>(caches.l3))
        n *= 2;
    return n;
}

Plan Plan::preset(const QString& name, const EffectiveCaches& caches) {
    Plan p;
    // All rungs; the runner skips the unavailable ones and says why.
    p.rungs = {
        QStringLiteral("python"),      QStringLiteral("java"),     QStringLiteral("naive"),
        QStringLiteral("interchange"), QStringLiteral("optflags"), QStringLiteral("parallel"),
        QStringLiteral("tiled"),       QStringLiteral("dac"),      QStringLiteral("vectorized"),
        QStringLiteral("microkernel"), QStringLiteral("openblas"), QStringLiteral("blis")};
    if (name == QLatin1String("quick")) {
        // A complete picture in about 30 s on 2 cores, up to a size past L2: the slow rungs are
        // extrapolated or sampled by rows within the small budget.
        p.sizes = {128, 256, 512, 1024};
        p.budgetSeconds = 0.5;
        p.repetitions = 3;
        p.minSeconds = 0.05;
    } else if (name == QLatin1String("paper")) {
        // The seed tables' size: every rung at n = 4096, the slow ones sampled by rows.
        p.sizes = {4096};
        p.budgetSeconds = 3;
        p.repetitions = 3;
        p.minSeconds = 0.2;
    } else if (name == QLatin1String("thorough")) {
        p.sizes = {128, 256, 512, 1024, 2048, 4096};
        p.budgetSeconds = 10;
        p.repetitions = 5;
        p.minSeconds = 0.5;
    } else { // "standard": up to where the matrices outgrow the last-level cache
        for (int n = 128; n <= largestSizeFor(caches); n *= 2)
            p.sizes.append(n);
        p.budgetSeconds = 2;
        p.repetitions = 3;
        p.minSeconds = 0.2;
    }
    return p;
}

} // namespace headroom
