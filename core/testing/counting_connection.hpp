// A connection that counts the statements run through it, for storage tests that show a list
// costs one statement a page, and keeps the parameters of the last one; the work is done by the
// connection it wraps.
#pragma once

#include <vector>

#include "core/db/database.hpp"

namespace ponte::testing {

class CountingConnection : public db::Connection {
  public:
    explicit CountingConnection(db::Connection& inner) : inner_(inner) {}
    using db::Connection::Execute;
    db::Engine engine() const override { return inner_.engine(); }
    db::Result Execute(std::string_view sql, std::span<const db::Value> params) override {
        ++statements;
        last_params.assign(params.begin(), params.end());
        return inner_.Execute(sql, params);
    }
    void ExecuteScript(std::string_view sql) override {
        ++statements;
        inner_.ExecuteScript(sql);
    }
    bool healthy() const override { return inner_.healthy(); }
    int statements = 0;
    std::vector<db::Value> last_params;

  private:
    db::Connection& inner_;
};

}  // namespace ponte::testing
