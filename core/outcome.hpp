// The result of a use case: a value, or the Failure that says why not, in the domain's words (not
// found, invalid fields, conflict...). Every action and every handler returns one; the HTTP edge
// alone turns a Failure into problem+json (http::ProblemFor). Exceptions are kept for bugs and
// infrastructure failures.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/i18n/arguments.hpp"

namespace ponte::core {

enum class Fault {
    kUnreadable,       // the input could not be read at all (malformed JSON, a file that is no CSV)
    kInvalidFields,    // readable, but fields are missing, unknown or invalid: see Failure::errors
    kBadParameter,     // a query parameter is malformed or was not issued for this request: see errors
    kNotSignedIn,      // no caller, or her credentials are wrong
    kForbidden,        // the caller is known and may not do this (to a record she may see)
    kNotFound,         // no such record, or one the caller may not know exists
    kConflict,         // the record's state forbids it (a duplicate, the last administrator)
    kStale,            // the caller's version of the record is not the current one
    kVersionRequired,  // an update that does not say which version it changes
    kThrottled,        // tried too often: see Failure::retry_after_ms
    kUnavailable,      // a service it needs is down or busy; worth retrying later
};

// One invalid field: its dotted name and a stable code ("required", "unknown", "type",
// "too_long", "too_short", "too_small", "too_large", "format", "not_found", ...).
struct FieldError {
    std::string field;
    std::string code;
};

struct Failure {
    Fault fault = Fault::kUnavailable;
    std::string detail_key;  // optional message key of a translated detail
    std::string internal;    // for the log only; never shown to the caller
    std::vector<FieldError> errors;
    std::int64_t retry_after_ms = 0;   // for kThrottled and kUnavailable: when trying again may work
    i18n::Arguments detail_arguments;  // the values the detail's message is formatted with

    // kInvalidFields naming one field.
    static Failure Invalid(std::string field, std::string code) {
        Failure failure{Fault::kInvalidFields};
        failure.errors.push_back({std::move(field), std::move(code)});
        return failure;
    }
    // kBadParameter naming the query parameter `name` and what is wrong with it (400).
    static Failure BadParameter(std::string name, std::string code) {
        Failure failure = Invalid(std::move(name), std::move(code));
        failure.fault = Fault::kBadParameter;
        return failure;
    }
};

template <typename T>
class Outcome {
  public:
    Outcome(T value) : state_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Outcome(Failure failure) : state_(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const {
        assert(ok());
        return std::get<0>(state_);
    }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Failure& failure() const {
        assert(!ok());
        return std::get<1>(state_);
    }
    Failure& failure() {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Failure> state_;
};

}  // namespace ponte::core
