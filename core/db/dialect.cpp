#include "core/db/dialect.hpp"

namespace ponte::db::dialect {

std::string ExpandSchema(Engine engine, std::string_view sql) {
    constexpr std::string_view kToken = "{{identity}}";
    std::string out;
    out.reserve(sql.size());
    for (auto at = sql.find(kToken); at != std::string_view::npos; at = sql.find(kToken)) {
        out += sql.substr(0, at);
        out += IdentityPrimaryKey(engine);
        sql.remove_prefix(at + kToken.size());
    }
    out += sql;
    return out;
}

}  // namespace ponte::db::dialect
