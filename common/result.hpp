// Result<T>: a value or an error, for decoders and domain operations that must not throw.
// The error carries a stable machine code (snake_case, also used on the wire) and an English
// message for logs; user-facing wording comes from the i18n tables keyed by the code.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace hall {

struct Error {
    std::string code;     // stable snake_case code, e.g. "quota_reached"
    std::string message;  // English, for logs and developers
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(m_v); }
    const T& value() const { return std::get<0>(m_v); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For operations that return nothing on success.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

inline Error make_error(std::string code, std::string message) {
    return Error{std::move(code), std::move(message)};
}

}  // namespace hall
