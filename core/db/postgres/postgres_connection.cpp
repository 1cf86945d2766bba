#include "core/db/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <unordered_map>

namespace ponte::db {
namespace {

// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

[[noreturn]] void Throw(PGconn* conn, const PGresult* result, std::string_view context) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message = std::string(context) + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    if (sqlstate == "23505") throw UniqueViolation(message);
    if (sqlstate == "23503") throw ForeignKeyViolation(message);
    if (sqlstate == "23502") throw NotNullViolation(message);
    if (sqlstate == "23514") throw CheckViolation(message);
    if (sqlstate.starts_with("23")) throw ConstraintViolation(message);
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") throw TransientError(message);
    if (sqlstate.starts_with("08") || sqlstate.starts_with("57P") || PQstatus(conn) != CONNECTION_OK) {
        throw ConnectionError(message);
    }
    throw Error(message);
}

// Fills a Result from a PGresult, converting each column by its type.
Result Convert(const PGresult* pg) {
    Result result;
    const int columns = PQnfields(pg);
    const int rows = PQntuples(pg);
    std::vector<Oid> types(columns);
    for (int c = 0; c < columns; ++c) {
        result.columns.emplace_back(PQfname(pg, c));
        types[c] = PQftype(pg, c);
    }
    result.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        auto& row = result.rows.emplace_back();
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(pg, r, c)) {
                row.emplace_back(nullptr);
                continue;
            }
            std::string_view text(PQgetvalue(pg, r, c), static_cast<std::size_t>(PQgetlength(pg, r, c)));
            switch (types[c]) {
                case kBoolOid:
                    row.emplace_back(std::int64_t{text == "t" ? 1 : 0});
                    break;
                case kInt2Oid:
                case kInt4Oid:
                case kInt8Oid:
                case kOidOid: {
                    std::int64_t number = 0;
                    std::from_chars(text.data(), text.data() + text.size(), number);
                    row.emplace_back(number);
                    break;
                }
                case kFloat4Oid:
                case kFloat8Oid:
                    row.emplace_back(std::strtod(std::string(text).c_str(), nullptr));
                    break;
                default:
                    row.emplace_back(std::string(text));
            }
        }
    }
    const char* affected = PQcmdTuples(const_cast<PGresult*>(pg));
    if (affected && *affected) result.affected_rows = std::strtoll(affected, nullptr, 10);
    return result;
}

class PostgresConnection final : public Connection {
  public:
    explicit PostgresConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string message = std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn_);
            PQfinish(conn_);
            conn_ = nullptr;
            throw ConnectionError(message);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);  // NOTICEs are not errors
        ExecuteScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
    }

    ~PostgresConnection() override {
        if (conn_) PQfinish(conn_);
    }

    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Engine engine() const override { return Engine::kPostgres; }
    bool healthy() const override { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

    Result Execute(std::string_view sql, std::span<const Value> params) override {
        const std::string& name = Prepare(sql);
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>)
                        return;
                    else if constexpr (std::is_same_v<T, std::string>)
                        values[i] = v.c_str();
                    else {
                        texts[i] = ToText(v);
                        values[i] = texts[i].c_str();
                    }
                },
                params[i]);
        }
        ResultPtr result(
            PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
        auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(conn_, result.get(), "postgres execute");
        return Convert(result.get());
    }

    void ExecuteScript(std::string_view sql) override {
        std::string text(sql);
        ResultPtr result(PQexec(conn_, text.c_str()));
        auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(conn_, result.get(), "postgres script");
    }

  private:
    static std::string ToText(std::int64_t value) { return std::to_string(value); }
    static std::string ToText(double value) {
        char buffer[32];
        auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
        return {buffer, end};
    }

    // Returns the server-side name of the prepared statement for `sql`, preparing it once.
    const std::string& Prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
        std::string name = "ponte_" + std::to_string(prepared_.size() + 1);
        ResultPtr result(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
        if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) Throw(conn_, result.get(), "postgres prepare");
        return prepared_.emplace(std::move(key), std::move(name)).first->second;
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo) {
    return std::make_unique<PostgresConnection>(conninfo);
}

}  // namespace ponte::db
