#include "core/testing/json_schema.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace ponte::testing {

std::filesystem::path SharedDir() {
    const char* from_environment = std::getenv("PONTE_SHARED_DIR");
    std::filesystem::path dir = from_environment != nullptr && *from_environment != '\0'
                                    ? std::filesystem::path(from_environment)
                                    : std::filesystem::path(PONTE_SHARED_DIR);
    if (!std::filesystem::is_directory(dir / "hsds-3.0")) {
        throw std::runtime_error("the reference data is not at " + dir.string() +
                                 " (set PONTE_SHARED_DIR to the folder that holds hsds-3.0/)");
    }
    return dir;
}

boost::json::value ReadJsonFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(text.str(), error);
    if (error) throw std::runtime_error(path.string() + " is not JSON: " + error.message());
    return value;
}

std::vector<std::string> SchemaErrors(const std::filesystem::path& schema, const boost::json::value& document) {
    return SchemaErrors(ReadJsonFile(schema), schema.parent_path(), document);
}

std::vector<std::string> SchemaErrors(const boost::json::value& root, const std::filesystem::path& folder,
                                      const boost::json::value& document) {
    auto fetch = [&](const std::string& uri) -> const boost::json::value* {
        const std::string file = uri.substr(0, uri.find('#'));
        return new boost::json::value(ReadJsonFile(folder / file));
    };
    auto release = [](const boost::json::value* fetched) { delete fetched; };
    valijson::Schema compiled;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::BoostJsonAdapter schema_adapter(root);
    parser.populateSchema(schema_adapter, compiled, fetch, release);
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter document_adapter(document);
    std::vector<std::string> errors;
    if (validator.validate(compiled, document_adapter, &results)) return errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        std::string at;
        for (const std::string& step : error.context) at += step;
        errors.push_back(at + ": " + error.description);
    }
    return errors;
}

}  // namespace ponte::testing
