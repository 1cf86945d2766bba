#include "modules/directory/module.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "core/db/migrate.hpp"
#include "core/feature.hpp"
#include "modules/directory/actions.hpp"
#include "modules/directory/handlers.hpp"
#include "modules/directory/seed.hpp"

namespace ponte::directory {
namespace {

constexpr std::string_view kTableNames[] = {"organizations",        "services",   "locations",
                                            "service_at_locations", "taxonomies", "taxonomy_terms"};

// A problem report of an import, as a table: file, row, field, problem.
void Report(const std::string& what, const std::vector<Problem>& problems) {
    std::cerr << "file\trow\tfield\tproblem\n";
    for (const Problem& problem : problems)
        std::cerr << problem.file << '\t' << problem.row << '\t' << problem.field << '\t' << problem.code << '\n';
    std::cerr << what << ": not imported, " << problems.size() << " problem(s)\n";
}

std::optional<std::string> ReadWhole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

// Reads one import: a folder is a tabular data package (its CSV files), a file HSDS JSON.
ImportResult ImportOne(core::CommandContext& context, const std::string& what) {
    const std::filesystem::path path(what);
    if (std::filesystem::is_directory(path)) {
        std::vector<std::filesystem::path> names;
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.is_regular_file()) names.push_back(entry.path());
        std::ranges::sort(names);
        std::vector<TabularFile> files;
        for (const std::filesystem::path& name : names) {
            std::optional<std::string> text = ReadWhole(name);
            if (!text)
                return {.problems = {{.file = name.string(), .row = 0, .field = "", .code = "read"}}, .records = {}};
            files.push_back({.name = name.filename().string(), .text = std::move(*text)});
        }
        return ImportTabular(context.database(), *context.keyring(), what, files, core::NowMs());
    }
    std::optional<std::string> text = ReadWhole(path);
    Reading reading;
    boost::system::error_code error;
    const boost::json::value json = text ? boost::json::parse(*text, error) : boost::json::value();
    if (!text) {
        reading.problems.push_back({.file = what, .row = 0, .field = "", .code = "read"});
    } else if (error) {
        reading.problems.push_back({.file = what, .row = 0, .field = "", .code = "json"});
    } else {
        reading = ReadJsonImport(json, what);
    }
    return ImportDirectory(context.database(), *context.keyring(), std::move(reading), what, core::NowMs());
}

// Imports HSDS JSON files and tabular packages, each in one transaction: a validation report
// (file, row, field, problem) and nothing written for one with any problem.
int ImportFiles(core::CommandContext& context, const std::vector<std::string>& paths) {
    int status = 0;
    for (const std::string& what : paths) {
        const ImportResult result = ImportOne(context, what);
        if (!result.problems.empty()) {
            Report(what, result.problems);
            status = 1;
            continue;
        }
        std::cout << what << ": imported";
        for (std::size_t i = 0; i < result.records.size(); ++i)
            std::cout << ' ' << result.records[i] << ' ' << kTableNames[i];
        std::cout << '\n';
    }
    return status;
}

// Writes the public directory as HSDS JSON (one file) or as a tabular package (a folder of CSV
// files and datapackage.json, created if missing).
int ExportTo(core::CommandContext& context, const std::string& format, const std::string& out) {
    const boost::json::object exported = ExportDirectory(context.database(), *context.keyring());
    const auto write = [](const std::filesystem::path& path, std::string_view text) {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file) std::cerr << path.string() << ": cannot be written\n";
        return static_cast<bool>(file);
    };
    if (format == "json") return write(out, boost::json::serialize(exported) + "\n") ? 0 : 1;
    std::error_code error;
    std::filesystem::create_directories(out, error);
    if (error) {
        std::cerr << out << ": " << error.message() << '\n';
        return 1;
    }
    for (const TabularFile& file : WriteTabular(exported))
        if (!write(std::filesystem::path(out) / file.name, file.text)) return 1;
    return 0;
}

void RegisterDirectory(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("directory", "modules/directory/migrations/"));
    registry.AddSealedColumn({"directory_locations", "id", "place"});
    for (std::string_view table :
         {"directory_organizations", "directory_services", "directory_locations", "directory_service_at_locations",
          "directory_taxonomies", "directory_taxonomy_terms", "directory_service_terms", "directory_entries",
          "directory_entry_languages", "directory_entry_hours", "directory_time_zones"}) {
        registry.DeclareNoPersonalData(std::string(table),
                                       "The territory's services as organizations publish them; their contacts are the "
                                       "ones they publish. No data of the people they serve.");
    }
    registry.AddSeed("directory", &SeedDemo);
    AddRoutes(registry, std::make_shared<const Module>(
                            Module{registry.database_or_null(), registry.keyring_or_null(), registry.deployment()}));
}

class DirectoryModule : public core::Module {
  public:
    std::string_view word() const override { return "directory"; }
    void AddCommands(CLI::App& cli, core::Commands& commands) override {
        cli.add_subcommand("directory", "The service directory (Open Referral HSDS 3.0)")->require_subcommand(1);
        CLI::App* import =
            commands.Add(cli, {"directory", "import"},
                         "Import HSDS 3.0 JSON files (each all or nothing; the same ids update what they wrote before)",
                         [this](core::CommandContext& context) { return ImportFiles(context, files_); });
        import
            ->add_option("paths", files_,
                         R"(HSDS JSON files ({"organizations": [...], "services": [...], ...}) or folders of )"
                         R"(HSDS tabular data packages (organizations.csv, services.csv, ...))")
            ->required()
            ->check(CLI::ExistingPath);
        CLI::App* exporting = commands.Add(
            cli, {"directory", "export"},
            "Export the directory as the public sees it (no confidential address), as HSDS 3.0 JSON or tabular package",
            [this](core::CommandContext& context) { return ExportTo(context, format_, out_); });
        exporting
            ->add_option("--format", format_, "json: one file; tabular: a folder of CSV files and datapackage.json")
            ->check(CLI::IsMember({"json", "tabular"}));
        exporting->add_option("--out", out_, "The file (json) or folder (tabular) to write")->required();
    }
    void Register(core::Registry& registry) const override { RegisterDirectory(registry); }

  private:
    std::vector<std::string> files_;
    std::string format_ = "json";
    std::string out_;
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<DirectoryModule>(); }

}  // namespace ponte::directory
