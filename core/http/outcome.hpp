// The result of a use case: a value, or the Problem that says why not (not found, conflict,
// invalid fields, forbidden...). Exceptions are kept for bugs and infrastructure failures.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/http/problem.hpp"

namespace ponte::http {

template <typename T>
class Outcome {
  public:
    Outcome(T value) : state_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Outcome(Problem problem) : state_(std::move(problem)) {}  // NOLINT(google-explicit-constructor)

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
    const Problem& problem() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Problem> state_;
};

}  // namespace ponte::http
