#include "modules/directory/module.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <memory>
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

// Imports HSDS JSON files, each in one transaction: a validation report (file, row, field,
// problem) and nothing written for a file with any problem.
int ImportFiles(core::CommandContext& context, const std::vector<std::string>& files) {
    int status = 0;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << file << ": cannot be read\n";
            status = 1;
            continue;
        }
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code error;
        const boost::json::value json = boost::json::parse(text.str(), error);
        Reading reading;
        if (error) {
            reading.problems.push_back({.file = file, .row = 0, .field = "", .code = "json"});
        } else {
            reading = ReadJsonImport(json, file);
        }
        ImportResult result =
            ImportDirectory(context.database(), *context.keyring(), std::move(reading), file, core::NowMs());
        if (!result.problems.empty()) {
            std::cerr << "file\trow\tfield\tproblem\n";
            for (const Problem& problem : result.problems) {
                std::cerr << problem.file << '\t' << problem.row << '\t' << problem.field << '\t' << problem.code
                          << '\n';
            }
            std::cerr << file << ": not imported, " << result.problems.size() << " problem(s)\n";
            status = 1;
            continue;
        }
        std::cout << file << ": imported";
        for (std::size_t i = 0; i < result.records.size(); ++i)
            std::cout << ' ' << result.records[i] << ' ' << kTableNames[i];
        std::cout << '\n';
    }
    return status;
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
        import->add_option("files", files_, R"(HSDS JSON files: {"organizations": [...], "services": [...], ...})")
            ->required()
            ->check(CLI::ExistingFile);
    }
    void Register(core::Registry& registry) const override { RegisterDirectory(registry); }

  private:
    std::vector<std::string> files_;
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<DirectoryModule>(); }

}  // namespace ponte::directory
