// Standard formats checked against their official JSON Schemas: the reference data every
// developer and CI have beside the project (../shared: the HSDS 3.0 schemas, the Open Badges 3.0
// schemas), read from there and never copied in.
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace ponte::testing {

// The reference data's folder: $PONTE_SHARED_DIR, else ../shared beside the checkout. Throws
// std::runtime_error when it is missing, so that a test against it fails instead of passing.
std::filesystem::path SharedDir();

// The JSON of a file; throws std::runtime_error when it cannot be read or parsed.
boost::json::value ReadJsonFile(const std::filesystem::path& path);

// Every way `document` breaks the schema in the file `schema` (draft 7, through valijson), each
// as "<path>: <what>"; a $ref to another file ("organization.json") is read beside it. Empty
// when valid.
std::vector<std::string> SchemaErrors(const std::filesystem::path& schema, const boost::json::value& document);

// The same for a schema given as a value (one taken from an OpenAPI document), its $refs to
// other files read from `folder`.
std::vector<std::string> SchemaErrors(const boost::json::value& root, const std::filesystem::path& folder,
                                      const boost::json::value& document);

}  // namespace ponte::testing
