// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QStringList>

#include <algorithm>
#include <vector>

// What the benchmarks share: reading "--name value" options, taking medians and percentiles.
namespace chasm::bench {

inline QString option(const QStringList& arguments, const QString& name, const QString& fallback)
{
    const qsizetype i = arguments.indexOf(name);
    return i >= 0 && i + 1 < arguments.size() ? arguments.at(i + 1) : fallback;
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The value below which a fraction `p` of the values lie (0.95: the p95), the largest for p = 1.
inline double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

} // namespace chasm::bench
