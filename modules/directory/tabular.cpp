#include "modules/directory/tabular.hpp"

#include <csv.h>

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/http/json_body.hpp"
#include "modules/directory/hsds.hpp"

namespace ponte::directory {
namespace {

constexpr TabularTable kTables[] = {
    {"organization", "organizations.csv"},
    {"program", "programs.csv"},
    {"service", "services.csv"},
    {"attribute", "attributes.csv"},
    {"service_at_location", "service_at_location.csv"},
    {"location", "locations.csv"},
    {"phone", "phones.csv"},
    {"contact", "contacts.csv"},
    {"address", "addresses.csv"},
    {"schedule", "schedules.csv"},
    {"funding", "funding.csv"},
    {"service_area", "service_areas.csv"},
    {"required_document", "required_documents.csv"},
    {"language", "languages.csv"},
    {"accessibility", "accessibility.csv"},
    {"taxonomy_term", "taxonomy_terms.csv"},
    {"metadata", "metadata.csv"},
    {"meta_table_description", "meta_table_descriptions.csv"},
    {"cost_option", "cost_options.csv"},
    {"organization_identifier", "organization_identifiers.csv"},
    {"taxonomy", "taxonomies.csv"},
};

// The kinds with rows of their own in the directory, each the list of an import that holds them.
constexpr std::pair<std::string_view, std::string_view> kListed[] = {
    {"organization", "organizations"}, {"service", "services"},
    {"location", "locations"},         {"service_at_location", "service_at_locations"},
    {"taxonomy", "taxonomies"},        {"taxonomy_term", "taxonomy_terms"}};

std::string_view ListOf(std::string_view kind) {
    for (const auto& [listed, list] : kListed) {
        if (listed == kind) return list;
    }
    return {};
}

// The column that names the parent of a row of `child` held under `parent`: an attribute's
// link_id, a metadata's resource_id, else the parent's id column ("service_id"); empty when the
// child has none.
std::string ParentColumn(const Kind& child, const Kind& parent) {
    if (child.name == "attribute") return "link_id";
    if (child.name == "metadata") return "resource_id";
    std::string column = parent.name + "_id";
    return child.FindField(column) != nullptr ? column : std::string();
}

// The column that says of which kind the parent of an attribute or a metadata is.
std::string_view ParentKindColumn(std::string_view child) {
    if (child == "attribute") return "link_entity";
    if (child == "metadata") return "resource_type";
    return {};
}

// Where a row goes: under every parent its columns name that the package holds, as HSDS JSON
// nests it (a phone of a contact of a service under the contact and under the service); a row
// whose parents are all missing is reported at the most specific of them.
constexpr std::string_view kParentOrder[] = {"contact", "phone",    "service_at_location",
                                             "service", "location", "organization"};

std::size_t ParentRank(std::string_view kind) {
    const auto* it = std::ranges::find(kParentOrder, kind);
    return static_cast<std::size_t>(it - std::begin(kParentOrder));
}

struct Parent {
    const Kind* kind;
    std::string child;   // the name of the array it holds the row in ("phones")
    std::string column;  // the row's column that names it
};

std::vector<Parent> ParentsOf(const Kind& child) {
    std::vector<Parent> parents;
    for (const Kind& kind : Kinds()) {
        for (const Child& held : kind.children) {
            if (held.kind != child.name || !held.many) continue;
            std::string column = ParentColumn(child, kind);
            if (!column.empty()) parents.push_back({&kind, held.name, std::move(column)});
        }
    }
    std::ranges::stable_sort(parents, {}, [](const Parent& p) { return ParentRank(p.kind->name); });
    return parents;
}

std::string Text(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// ------------------------------------------------------------------------------------- reading --

struct Csv {
    std::vector<std::vector<std::string>> rows;  // the header first
    bool complete = true;                        // false: not CSV from the row after the last one
};

Csv ParseCsv(std::string_view text) {
    struct State {
        Csv csv;
        std::vector<std::string> row;
    } state;
    auto on_field = [](void* data, std::size_t size, void* user) {
        auto* s = static_cast<State*>(user);
        s->row.emplace_back(data == nullptr ? "" : std::string(static_cast<const char*>(data), size));
    };
    auto on_row = [](int /*terminator*/, void* user) {
        auto* s = static_cast<State*>(user);
        s->csv.rows.push_back(std::move(s->row));
        s->row.clear();
    };
    csv_parser parser{};
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &state) != text.size() ||
        csv_fini(&parser, on_field, on_row, &state) != 0)
        state.csv.complete = false;
    csv_free(&parser);
    return std::move(state.csv);
}

// A cell as its column's type reads it; nullopt when it is not of that type.
std::optional<boost::json::value> Cell(const Field& field, const std::string& cell) {
    switch (field.type) {
        case FieldType::kNumber: {
            std::int64_t whole = 0;
            const char* end = cell.data() + cell.size();
            if (auto [at, error] = std::from_chars(cell.data(), end, whole); error == std::errc() && at == end)
                return boost::json::value(whole);
            double number = 0;
            if (auto [at, error] = std::from_chars(cell.data(), end, number);
                error == std::errc() && at == end && std::isfinite(number))
                return boost::json::value(number);
            return std::nullopt;
        }
        case FieldType::kBoolean:
            if (cell == "true" || cell == "True" || cell == "TRUE" || cell == "1") return boost::json::value(true);
            if (cell == "false" || cell == "False" || cell == "FALSE" || cell == "0") return boost::json::value(false);
            return std::nullopt;
        default:
            return boost::json::value(cell);
    }
}

struct Node {
    const Kind* kind;
    std::string file;
    std::int64_t row;
    boost::json::object object;
    std::vector<std::pair<std::string, std::size_t>> children;  // the array's name, the node
};

class PackageReader {
  public:
    void ReadFile(const TabularFile& file) {
        const TabularTable* table = nullptr;
        for (const TabularTable& candidate : kTables) {
            if (candidate.path == file.name) table = &candidate;
        }
        if (table == nullptr) {
            Report(file.name, 0, "", "unknown");
            return;
        }
        if (file.text.starts_with("\xEF\xBB\xBF")) {
            Report(file.name, 0, "", "byte_order_mark");
            return;
        }
        const Kind& kind = KindNamed(table->kind);
        Csv csv = ParseCsv(file.text);
        if (csv.rows.empty()) {
            if (!csv.complete)
                Report(file.name, 0, "", "csv");
            else
                Report(file.name, 0, "", "missing");
            return;
        }
        const std::vector<std::string>& header = csv.rows.front();
        if (!Header(file.name, kind, header)) return;
        for (std::size_t r = 1; r < csv.rows.size(); ++r) ReadRow(file.name, kind, header, csv.rows[r], r);
        if (!csv.complete) Report(file.name, static_cast<std::int64_t>(csv.rows.size()), "", "csv");
    }

    TabularReading Finish(std::string_view package) && {
        for (std::size_t n = 0; n < nodes_.size(); ++n) Attach(n);
        boost::json::object input;
        for (const auto& [kind, list] : kListed) {
            boost::json::array items;
            for (std::size_t n = 0; n < nodes_.size(); ++n) {
                if (nodes_[n].kind->name != kind) continue;
                items.push_back(Compose(n, std::string(list) + "." + std::to_string(items.size())));
            }
            if (!items.empty()) input[list] = std::move(items);
        }
        TabularReading out;
        out.reading = ReadJsonImport(input, package);
        out.origins = std::move(origins_);
        out.reading.problems = RowsOf(out, std::move(out.reading.problems));
        for (Problem& problem : problems_) out.reading.problems.push_back(std::move(problem));
        std::ranges::stable_sort(out.reading.problems, {}, [](const Problem& p) {
            return std::pair<const std::string&, std::int64_t>(p.file, p.row);
        });
        return out;
    }

  private:
    bool Header(const std::string& file, const Kind& kind, const std::vector<std::string>& header) {
        bool fine = true;
        std::set<std::string> seen;
        for (const std::string& column : header) {
            const Field* field = kind.FindField(column);
            if (field == nullptr) {
                Report(file, 0, column, "unknown");
                fine = false;
            } else if (!seen.insert(column).second) {
                Report(file, 0, column, "duplicate");
                fine = false;
            }
        }
        for (const Field& field : kind.fields) {
            if (field.required && !seen.contains(field.name)) {
                Report(file, 0, field.name, "missing");
                fine = false;
            }
        }
        return fine;
    }

    void ReadRow(const std::string& file, const Kind& kind, const std::vector<std::string>& header,
                 const std::vector<std::string>& cells, std::size_t r) {
        const auto row = static_cast<std::int64_t>(r);
        if (cells.size() != header.size()) {
            Report(file, row, "", "columns");
            return;
        }
        Node node{.kind = &kind, .file = file, .row = row, .object = {}, .children = {}};
        bool fine = true;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            std::string code;
            if (!http::CheckText(cells[c], http::Text::kSecret, code)) {
                Report(file, row, header[c], code == "format" ? "encoding" : code);
                fine = false;
                continue;
            }
            auto value = Cell(*kind.FindField(header[c]), cells[c]);
            if (!value) {
                Report(file, row, header[c], "type");
                fine = false;
                continue;
            }
            node.object[header[c]] = std::move(*value);
        }
        if (!fine) return;
        const std::string id = Text(node.object, "id");
        if (!id.empty()) {
            by_id_[id].push_back(nodes_.size());
            by_kind_and_id_.try_emplace({kind.name, id}, nodes_.size());
        }
        nodes_.push_back(std::move(node));
    }

    // Puts node `n` under the parent its columns name, unless it has a list of its own.
    void Attach(std::size_t n) {
        Node& node = nodes_[n];
        if (!ListOf(node.kind->name).empty() || node.kind->name == "meta_table_description") return;
        const std::vector<Parent> parents = ParentsOf(*node.kind);
        const std::string_view kind_column = ParentKindColumn(node.kind->name);
        if (!kind_column.empty()) {
            // An attribute or a metadata names its parent by id alone: of the kind it says when
            // it holds such, else of any kind that holds it.
            const std::string column = parents.front().column;
            const std::string id = Text(node.object, column);
            if (id.empty()) return Report(node.file, node.row, column, "required");
            const std::string said = Text(node.object, kind_column);
            std::optional<std::pair<std::size_t, const Parent*>> found;
            for (std::size_t candidate : by_id_[id]) {
                for (const Parent& parent : parents) {
                    if (parent.kind != nodes_[candidate].kind) continue;
                    if (!found || parent.kind->name == said) found = {candidate, &parent};
                }
            }
            if (!found) return Report(node.file, node.row, column, "not_found");
            nodes_[found->first].children.emplace_back(found->second->child, n);
            return;
        }
        std::string first_named;
        bool attached = false;
        for (const Parent& parent : parents) {
            const std::string id = Text(node.object, parent.column);
            if (id.empty()) continue;
            if (first_named.empty()) first_named = parent.column;
            if (auto it = by_kind_and_id_.find({parent.kind->name, id}); it != by_kind_and_id_.end()) {
                nodes_[it->second].children.emplace_back(parent.child, n);
                attached = true;
            }
        }
        if (attached || parents.empty()) return;
        Report(node.file, node.row, first_named.empty() ? parents.front().column : first_named,
               first_named.empty() ? "required" : "not_found");
    }

    boost::json::object Compose(std::size_t n, const std::string& path) {
        const Node& node = nodes_[n];
        origins_[path] = {node.file, node.row};
        boost::json::object object = node.object;
        std::map<std::string, std::size_t> counts;
        for (const auto& [child, index] : node.children) {
            boost::json::value& list = object[child];
            if (!list.is_array()) list = boost::json::array();
            const std::string at = fmt::format("{}.{}.{}", path, child, counts[child]++);
            list.as_array().push_back(Compose(index, at));
        }
        return object;
    }

    void Report(const std::string& file, std::int64_t row, const std::string& field, const std::string& code) {
        problems_.push_back({.file = file, .row = row, .field = field, .code = code});
    }

    std::vector<Node> nodes_;
    std::map<std::string, std::vector<std::size_t>> by_id_;
    std::map<std::pair<std::string, std::string>, std::size_t> by_kind_and_id_;
    std::map<std::string, std::pair<std::string, std::int64_t>> origins_;
    std::vector<Problem> problems_;
};

// ------------------------------------------------------------------------------------- writing --

// "09:00" as a Table Schema time, "09:00:00"; the midnight a day closes at as its last second.
std::string TimeCell(const std::string& text) {
    if (text == "24:00" || text == "24:00:00") return "23:59:59";
    return text.size() == 5 ? text + ":00" : text;
}

// An RFC 3339 date and time as a Table Schema datetime: its fraction of a second left out, UTC as Z.
std::string DateTimeCell(std::string text) {
    if (text.ends_with("+00:00")) text.replace(text.size() - 6, 6, "Z");
    if (const auto dot = text.find('.'); dot != std::string::npos) {
        auto end = dot + 1;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        text.erase(dot, end - dot);
    }
    return text;
}

std::string CellText(const Field& field, const boost::json::value* value) {
    if (value == nullptr || value->is_null()) return {};
    if (value->is_bool()) return value->get_bool() ? "true" : "false";
    if (value->is_int64()) return std::to_string(value->get_int64());
    if (value->is_uint64()) return std::to_string(value->get_uint64());
    if (value->is_double()) {
        const double number = value->get_double();
        if (std::trunc(number) == number && std::fabs(number) < 1e15)
            return std::to_string(static_cast<std::int64_t>(number));
        return fmt::format("{}", number);  // the shortest decimal that reads back as the same number
    }
    if (!value->is_string()) return boost::json::serialize(*value);
    std::string text(value->get_string());
    if (field.type == FieldType::kTime) return TimeCell(text);
    if (field.type == FieldType::kDateTime) return DateTimeCell(text);
    return text;
}

// A cell as CSV writes it: quoted (by libcsv) when it holds a separator, a quote, a line break or
// spaces at its ends.
void AppendCell(std::string& out, const std::string& cell) {
    const bool quote =
        cell.find_first_of(",\"\r\n") != std::string::npos ||
        (!cell.empty() && (cell.front() == ' ' || cell.back() == ' ' || cell.front() == '\t' || cell.back() == '\t'));
    if (!quote) {
        out += cell;
        return;
    }
    std::string quoted(csv_write(nullptr, 0, cell.data(), cell.size()), '\0');
    csv_write(quoted.data(), quoted.size(), cell.data(), cell.size());
    out += quoted;
}

void AppendLine(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c > 0) out += ',';
        AppendCell(out, cells[c]);
    }
    out += "\r\n";
}

class PackageWriter {
  public:
    // Writes `given` of `kind` held by `parent` (null: held one to one) and what it holds. An
    // object held by several parents (a contact of its service and of its organization) is one
    // row that names each of them, as far as it has a column for each.
    void Write(const Kind& kind, const boost::json::object& given, const Kind* parent, const std::string& parent_id) {
        const std::string id = Text(given, "id");
        auto [at, first] = index_.try_emplace({std::string(kind.name), id}, rows_[kind.name].size());
        if (first) rows_[kind.name].push_back(given);
        boost::json::object& object = rows_[kind.name][at->second];
        if (parent != nullptr) {
            const std::string column = ParentColumn(kind, *parent);
            if (!column.empty() && Text(object, column).empty()) object[column] = parent_id;
            const std::string_view kind_column = ParentKindColumn(kind.name);
            if (!kind_column.empty() && Text(object, kind_column).empty()) object[kind_column] = parent->name;
        }
        if (!first) return;
        for (const Child& child : kind.children) {
            const auto* value = given.if_contains(child.name);
            if (value == nullptr) continue;
            const Kind& child_kind = KindNamed(child.kind);
            if (const auto* many = value->if_array()) {
                for (const auto& item : *many) {
                    if (item.is_object()) Write(child_kind, item.as_object(), &kind, id);
                }
            } else if (const auto* one = value->if_object()) {
                // It names this one (a service its program by program_id), or this one names it.
                const std::string named = std::string(child_kind.name) + "_id";
                const bool names = std::ranges::any_of(kind.fields, [&](const Field& f) { return f.name == named; });
                if (names && Text(rows_[kind.name][at->second], named).empty())
                    rows_[kind.name][at->second][named] = Text(*one, "id");
                Write(child_kind, *one, nullptr, "");
            }
        }
    }

    std::vector<TabularFile> Files() const {
        std::vector<TabularFile> files;
        boost::json::array resources;
        for (const TabularTable& table : kTables) {
            const Kind& kind = KindNamed(table.kind);
            std::vector<std::string> header;
            boost::json::array fields;
            for (const Field& field : kind.fields) {
                if (field.ponte) continue;
                header.push_back(field.name);
                fields.push_back(FieldDescriptor(field));
            }
            std::string text;
            AppendLine(text, header);
            if (auto it = rows_.find(std::string(table.kind)); it != rows_.end()) {
                for (const boost::json::object& object : it->second) {
                    std::vector<std::string> cells;
                    for (const Field& field : kind.fields) {
                        if (!field.ponte) cells.push_back(CellText(field, object.if_contains(field.name)));
                    }
                    AppendLine(text, cells);
                }
            }
            files.push_back({std::string(table.path), std::move(text)});
            resources.push_back({{"name", table.kind},
                                 {"path", table.path},
                                 {"profile", "tabular-data-resource"},
                                 {"format", "csv"},
                                 {"mediatype", "text/csv"},
                                 {"encoding", "utf-8"},
                                 {"schema", {{"fields", std::move(fields)}, {"primaryKey", "id"}}}});
        }
        const boost::json::object package{{"name", "ponte-directory"},
                                          {"title", "Ponte service directory (Open Referral HSDS 3.0)"},
                                          {"profile", "tabular-data-package"},
                                          {"version", "3.0.0"},
                                          {"resources", std::move(resources)}};
        files.push_back({"datapackage.json", boost::json::serialize(package) + "\n"});
        return files;
    }

  private:
    static boost::json::object FieldDescriptor(const Field& field) {
        boost::json::object descriptor{{"name", field.name}, {"type", "string"}};
        switch (field.type) {
            case FieldType::kNumber:
                descriptor["type"] = "number";
                break;
            case FieldType::kBoolean:
                descriptor["type"] = "boolean";
                break;
            case FieldType::kUuid:
                descriptor["format"] = "uuid";
                break;
            case FieldType::kUri:
                descriptor["format"] = "uri";
                break;
            case FieldType::kEmail:
                descriptor["format"] = "email";
                break;
            case FieldType::kDateTime:
                descriptor["type"] = "datetime";
                break;
            case FieldType::kDate:
                descriptor["type"] = "date";
                break;
            case FieldType::kTime:
                descriptor["type"] = "time";
                break;
            case FieldType::kString:
                break;
        }
        boost::json::object constraints;
        if (field.required) constraints["required"] = true;
        if (!field.values.empty()) {
            boost::json::array values;
            for (const std::string& value : field.values) values.emplace_back(value);
            constraints["enum"] = std::move(values);
        }
        if (field.bounded) {
            constraints["minimum"] = field.minimum;
            constraints["maximum"] = field.maximum;
        }
        if (!constraints.empty()) descriptor["constraints"] = std::move(constraints);
        return descriptor;
    }

    std::map<std::pair<std::string, std::string>, std::size_t> index_;  // kind and id: its row
    std::map<std::string, std::vector<boost::json::object>> rows_;      // by kind
};

}  // namespace

std::vector<TabularTable> TabularTables() { return {std::begin(kTables), std::end(kTables)}; }

TabularReading ReadTabular(std::string_view package, const std::vector<TabularFile>& files) {
    PackageReader reader;
    for (const TabularFile& file : files) {
        if (file.name.ends_with(".csv")) reader.ReadFile(file);
    }
    return std::move(reader).Finish(package);
}

std::vector<Problem> RowsOf(const TabularReading& reading, std::vector<Problem> problems) {
    for (Problem& problem : problems) {
        // The longest path an object came from that the field starts with.
        std::string prefix = problem.field;
        while (!prefix.empty()) {
            if (auto it = reading.origins.find(prefix); it != reading.origins.end()) {
                problem.file = it->second.first;
                problem.row = it->second.second;
                problem.field = problem.field.size() > prefix.size() ? problem.field.substr(prefix.size() + 1) : "";
                break;
            }
            const auto dot = prefix.rfind('.');
            prefix.resize(dot == std::string::npos ? 0 : dot);
        }
    }
    return problems;
}

std::vector<TabularFile> WriteTabular(const boost::json::object& exported) {
    PackageWriter writer;
    for (const auto& [kind, list] : kListed) {
        const auto* items = exported.if_contains(list);
        if (items == nullptr || !items->is_array()) continue;
        for (const auto& item : items->as_array()) {
            if (item.is_object()) writer.Write(KindNamed(kind), item.as_object(), nullptr, "");
        }
    }
    return writer.Files();
}

}  // namespace ponte::directory
