#include "core/privacy/commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/privacy/privacy.hpp"

namespace ponte::privacy {
namespace {

struct PersonOptions {
    std::int64_t user_id = 0;
    std::string email;
    std::string out;       // export-person: the file to write; standard output when empty or "-"
    bool confirm = false;  // erase-person
};

constexpr std::string_view kSelectByEmail = "SELECT id FROM accounts_users WHERE email = $1";

// The person named by --user-id or --email; throws std::invalid_argument when there is none.
std::int64_t FindPerson(db::Database& database, const PersonOptions& person) {
    if (person.user_id > 0) return person.user_id;
    auto rows = database.Acquire()->Execute(kSelectByEmail, {accounts::NormalizeEmail(person.email)});
    if (rows.empty()) throw std::invalid_argument("no account with the email " + person.email);
    return rows.Int(0, 0);
}

bool Named(const PersonOptions& person) {
    if (person.user_id > 0 || !person.email.empty()) return true;
    std::cerr << "ponte: name the person with --user-id or --email\n";
    return false;
}

int Export(core::CommandContext& context, const PersonOptions& person) {
    if (!Named(person)) return 2;
    db::Database& database = context.database();
    const std::int64_t id = FindPerson(database, person);
    const std::string document = boost::json::serialize(ExportPerson(database, context.registry(), id, core::NowMs()));
    if (person.out.empty() || person.out == "-") {
        std::cout << document << "\n";
        return 0;
    }
    const int fd = ::open(person.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + person.out + " (it must not exist)");
    const bool written = ::write(fd, document.data(), document.size()) == static_cast<ssize_t>(document.size());
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + person.out);
    std::cerr << "export of person " << id << " written to " << person.out << " (readable by its owner only)\n";
    return 0;
}

int Erase(core::CommandContext& context, const PersonOptions& person) {
    if (!Named(person)) return 2;
    if (!person.confirm) {
        std::cerr << "ponte erase-person erases or anonymizes everything about the person, for good; run it again "
                     "with --confirm\n";
        return 2;
    }
    db::Database& database = context.database();
    const std::int64_t id = FindPerson(database, person);
    auto report = ErasePerson(database, context.registry(), id, core::NowMs());
    std::cout << "person " << id << " erased from:";
    for (const auto& name : report.erased) std::cout << " " << name;
    std::cout << "\nkept, without anything that identifies her:\n";
    for (const auto& kept : report.kept) std::cout << "  " << kept << "\n";
    return 0;
}

void AddPerson(CLI::App& command, PersonOptions& person) {
    auto* id = command.add_option("--user-id", person.user_id, "The person's account id");
    auto* email = command.add_option("--email", person.email, "The person's email");
    id->excludes(email);
}

}  // namespace

void AddPersonCommands(CLI::App& cli, core::Commands& commands) {
    auto person = std::make_shared<PersonOptions>();
    auto* exporting =
        commands.Add(cli, {"export-person"}, "Write everything Ponte holds about a person as one JSON document",
                     [person](core::CommandContext& context) { return Export(context, *person); });
    AddPerson(*exporting, *person);
    exporting->add_option("--out", person->out, "File to write (must not exist); standard output by default");
    auto* erasing = commands.Add(cli, {"erase-person"},
                                 "Erase or anonymize everything about a person, keeping only anonymous statistics",
                                 [person](core::CommandContext& context) { return Erase(context, *person); });
    AddPerson(*erasing, *person);
    erasing->add_flag("--confirm", person->confirm, "Really erase");
}

}  // namespace ponte::privacy
