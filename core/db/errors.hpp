// Typed database errors. Engines translate their codes (SQLite extended result codes, PostgreSQL
// SQLSTATE) into these types, so that callers turn a unique violation into a 409 by type, never
// by matching message text. The message is internal: it may hold SQL and must not reach clients.
#pragma once

#include <stdexcept>
#include <string>

namespace ponte::db {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A constraint rejected the statement; nothing was written by it.
class ConstraintViolation : public Error {
  public:
    using Error::Error;
};
class UniqueViolation : public ConstraintViolation {
  public:
    using ConstraintViolation::ConstraintViolation;
};
class ForeignKeyViolation : public ConstraintViolation {
  public:
    using ConstraintViolation::ConstraintViolation;
};
class NotNullViolation : public ConstraintViolation {
  public:
    using ConstraintViolation::ConstraintViolation;
};
class CheckViolation : public ConstraintViolation {
  public:
    using ConstraintViolation::ConstraintViolation;
};

// The statement may succeed if the whole transaction is tried again: SQLite busy/locked after the
// busy timeout, PostgreSQL serialization failure or deadlock.
class TransientError : public Error {
  public:
    using Error::Error;
};

// The connection to the server is lost or cannot be made. The connection is discarded.
class ConnectionError : public Error {
  public:
    using Error::Error;
};

}  // namespace ponte::db
