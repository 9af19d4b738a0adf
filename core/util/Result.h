// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace chasm {

// What kind of failure an Error is, for a front end that answers with a status (the REST API): what was asked is
// not there, the request itself is wrong, it clashes with what runs or exists, what it needs is not available
// now, the answer would be larger than allowed, or something failed while it was carried out (the default: a file
// or the database could not be read).
enum class ErrorKind
{
    Internal,
    NotFound,
    Invalid,
    Conflict,
    Unavailable,
    TooLarge,
};

// A failure a user can act on: the message names the file and, where known, the line or byte offset,
// e.g. "cannot read chatSessions/abc.jsonl: line 12 is not valid JSON (byte 4031)".
struct Error
{
    QString message;
    ErrorKind kind = ErrorKind::Internal;
};

// The value of an operation that can fail. Errors cross module boundaries as values, never as
// exceptions.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    // By value, so that `for (auto& x : f().value())` does not iterate a destroyed temporary.
    T value() && { return std::get<T>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace chasm
