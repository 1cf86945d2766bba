// HSDS 3.0 as a tabular data package (https://docs.openreferral.org/en/v3.0/hsds/tabular/): a
// CSV file per kind of object (organizations.csv, services.csv, phones.csv, ...) whose rows name
// what they belong to by its id (a phone's service_id), and a datapackage.json that describes
// them. Reading turns the tables into the nested JSON an import reads (ReadJsonImport) and keeps
// where each object came from, so that a problem is reported at its file, row and column. Writing
// does the reverse from a JSON export (ExportJson). Pure: the caller reads and writes the files.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/directory/model.hpp"

namespace ponte::directory {

struct TabularFile {
    std::string name;  // "services.csv", as in the package's folder
    std::string text;
};

// The tables of the package, each a kind and its file, in the order of the HSDS reference.
struct TabularTable {
    std::string_view kind;
    std::string_view path;
};
std::vector<TabularTable> TabularTables();

// What a package reads as: the import (as ReadJsonImport reads it, with its problems already
// at their file, row and column) and where each of its objects came from, for the problems the
// import finds later against the directory (RowsOf).
struct TabularReading {
    Reading reading;
    std::map<std::string, std::pair<std::string, std::int64_t>> origins;  // JSON path: file and row
};

// Reads the files of a package: the CSV files of its tables (any of them; datapackage.json and
// files that are not CSV are passed over). A file with a byte-order mark ("byte_order_mark"),
// that is not UTF-8 ("encoding") or not CSV ("csv"), a header with a column the table does not
// have ("unknown") or without one it requires ("missing"; a column left out reads as empty), a row
// of too few or too many cells ("columns"), a cell not of its column's type ("type"), a row whose
// parent none of its ids names ("not_found"), a CSV file of no table ("unknown"): each a problem
// at its file, row (1 for the first row under the header, 0 for the file or its header) and
// column; a problem the import finds of no row is reported at `package`. Rows of
// meta_table_descriptions.csv describe the tables and are not kept.
TabularReading ReadTabular(std::string_view package, const std::vector<TabularFile>& files);

// `problems` of an import read by ReadTabular at the file, row and column their JSON path came
// from; a problem of no object as it was.
std::vector<Problem> RowsOf(const TabularReading& reading, std::vector<Problem> problems);

// A JSON export (ExportJson) as a package: every table with every column, the rows of what each
// record holds under it with its parent's id (a phone of a service with its service_id, an
// attribute with its link_id and link_entity), each object once, and datapackage.json. Cells as
// the Table Schema types read them: a time with its seconds ("09:00:00"; a day that closes at
// midnight closes at "23:59:59"), a date and time in UTC without fractions of a second.
std::vector<TabularFile> WriteTabular(const boost::json::object& exported);

}  // namespace ponte::directory
