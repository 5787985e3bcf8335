// SPDX-License-Identifier: MIT
// Functions that explain a failure through an optional `QString* error` start with
//     const ErrorSink sink(&error);
// after which `error` is never null: it points at the caller's string, or at the sink's own
// when the caller did not ask why.
#pragma once

#include <QString>

namespace headroom {

class ErrorSink {
public:
    explicit ErrorSink(QString** error) {
        if (!*error)
            *error = &m_discarded;
    }
    ErrorSink(const ErrorSink&) = delete;
    ErrorSink& operator=(const ErrorSink&) = delete;

private:
    QString m_discarded;
};

} // namespace headroom
