// The notes and documents tables on both engines: read back newest first a page at a time, their
// text and names sealed at rest and bound to their case, the files sealed and bound to theirs, a
// document found only through its own case, and what is shared with her apart.
#include "modules/cases/notes/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class NotesDocumentsStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        worker_ = world_->actor(policy::Role::kCaseWorker).user_id;
        folder_ = testing::MakeTempDirectory() / "documents";
        database().Transact([&](db::Connection& connection) {
            for (const char* name : {"Amina", "Bintou"}) {
                const std::int64_t woman = CreateWoman(connection, world_->own_organization, name, 0, 1);
                cases_.push_back(OpenCase(connection, woman, State::kActive, worker_, 1));
            }
        });
    }
    void TearDown() override {
        if (!folder_.empty()) std::filesystem::remove_all(folder_.parent_path());
        EngineTest::TearDown();
    }

    std::int64_t AddNote(std::int64_t case_id, std::string visibility, std::string text, std::int64_t at) {
        return database().Transact([&](db::Connection& connection) {
            return InsertNote(connection, *keyring_,
                              {.case_id = case_id, .visibility = visibility, .text = text, .author_id = worker_}, at);
        });
    }
    Document AddDocument(std::int64_t case_id, std::string name, std::string_view content, std::int64_t at,
                         std::string visibility = "team") {
        Document document{.case_id = case_id,
                          .visibility = std::move(visibility),
                          .name = std::move(name),
                          .media_type = "text/plain",
                          .size_bytes = static_cast<std::int64_t>(content.size()),
                          .stored_as = StoreSealed(folder_, *keyring_, case_id, content),
                          .uploaded_by = worker_};
        document.id = database().Transact(
            [&](db::Connection& connection) { return InsertDocument(connection, *keyring_, document, at); });
        document.created_at = at;
        return document;
    }
    static std::string Bytes(const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::unique_ptr<testing::Identities> world_;
    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::int64_t worker_ = 0;
    std::filesystem::path folder_;
    std::vector<std::int64_t> cases_;
};

TEST_P(NotesDocumentsStoreTest, Notes_NewestFirst_APageAtATime_SharedOnesApart) {
    const std::int64_t first = AddNote(cases_[0], "team", "She called.", 100);
    const std::int64_t second = AddNote(cases_[0], "her", "Bring the passport.\nAnd the letter.", 300);
    const std::int64_t third = AddNote(cases_[0], "team", "Same time as the second.", 300);
    AddNote(cases_[1], "her", "Another woman's note.", 400);
    auto connection = database().Acquire();
    const auto page = SelectNotes(*connection, *keyring_, cases_[0], {.limit = 2});
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].id, third);
    EXPECT_EQ(page.items[1].id, second);
    EXPECT_EQ(page.items[1].text, "Bring the passport.\nAnd the letter.");
    EXPECT_EQ(page.items[1].visibility, "her");
    EXPECT_EQ(page.items[1].author_id, worker_);
    EXPECT_EQ(page.items[1].created_at, 300);
    ASSERT_TRUE(page.next.has_value());
    const auto rest = SelectNotes(*connection, *keyring_, cases_[0], {.limit = 2, .after = page.next});
    ASSERT_EQ(rest.items.size(), 1u);
    EXPECT_EQ(rest.items[0].id, first);
    EXPECT_FALSE(rest.next.has_value());
    const auto shared = NotesOfCase(*connection, *keyring_, cases_[0], true);
    ASSERT_EQ(shared.size(), 1u);
    EXPECT_EQ(shared[0].id, second);
    EXPECT_EQ(NotesOfCase(*connection, *keyring_, cases_[0]).size(), 3u);
}

TEST_P(NotesDocumentsStoreTest, NoteText_IsSealedAtRest_BoundToItsCase) {
    const std::int64_t id = AddNote(cases_[0], "team", "She fears her brother.", 100);
    const auto stored = database().Acquire()->Execute("SELECT text FROM cases_notes WHERE id = $1", {id});
    EXPECT_EQ(stored.Text(0, 0).find("brother"), std::string::npos) << "sealed at rest";
    EXPECT_EQ(keyring_->Open(stored.Text(0, 0), CaseNoteContext(cases_[0])), "She fears her brother.");
    EXPECT_THROW(keyring_->Open(stored.Text(0, 0), CaseNoteContext(cases_[1])), crypto::SealError);
}

TEST_P(NotesDocumentsStoreTest, TheSchema_RefusesAnUnknownVisibility) {
    EXPECT_ANY_THROW(AddNote(cases_[0], "everyone", "x", 1));
    EXPECT_TRUE(NotesOfCase(*database().Acquire(), *keyring_, cases_[0]).empty());
}

TEST_P(NotesDocumentsStoreTest, DocumentFiles_SealedAtRest_ReadBack_BoundToTheirCaseAndName) {
    const std::string content = "Residence permit, renewal receipt.\n" + std::string(200'000, 'x');
    const Document document = AddDocument(cases_[0], "récépissé.txt", content, 100);
    const auto file = folder_ / document.stored_as;
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(Bytes(file).find("Residence"), std::string::npos) << "sealed at rest";
    EXPECT_EQ(ReadSealed(folder_, *keyring_, document), content);
    // Another document's file put in its place does not open.
    const Document other = AddDocument(cases_[0], "other.txt", "another", 200);
    std::filesystem::copy_file(folder_ / other.stored_as, file, std::filesystem::copy_options::overwrite_existing);
    EXPECT_THROW(ReadSealed(folder_, *keyring_, document), crypto::SealError);
    // Nor does it as another case's.
    Document moved = other;
    moved.case_id = cases_[1];
    EXPECT_THROW(ReadSealed(folder_, *keyring_, moved), crypto::SealError);
    RemoveStored(folder_, {other.stored_as, "never-stored"});
    EXPECT_FALSE(std::filesystem::exists(folder_ / other.stored_as));
}

// After a key rotation `ponte keys reseal` walks the files the documents' rows name: each moves
// to the new key, still bound to its case and name, and a second run finds nothing to do.
TEST_P(NotesDocumentsStoreTest, DocumentFiles_ResealedUnderANewKey_StillBoundToTheirCase) {
    const Document first = AddDocument(cases_[0], "permit.txt", "permit scan", 10);
    const Document second = AddDocument(cases_[1], "lease.txt", std::string(70000, 'l'), 11);
    const crypto::Keyring rotated =
        crypto::Keyring::Parse(testing::TestKeys() + "\n" + crypto::Keyring::NewKeyLine("k9"));
    const std::vector<crypto::SealedFiles> sources = {
        {.name = "case documents",
         .list = [this](db::Connection& connection) { return SealedDocumentFiles(connection, folder_); }}};
    const auto report = crypto::ResealFiles(database(), rotated, sources);
    EXPECT_EQ(report.resealed, 2);
    EXPECT_EQ(report.current, 0);
    for (const Document& document : {first, second}) {
        std::ifstream in(folder_ / document.stored_as, std::ios::binary);
        EXPECT_EQ(crypto::Keyring::KeyIdOfStream(in), "k9");
        EXPECT_THROW(ReadSealed(folder_, *keyring_, document), crypto::SealError) << "k9 is not in the old keys";
        Document moved = document;
        moved.case_id = document.case_id == cases_[0] ? cases_[1] : cases_[0];
        EXPECT_THROW(ReadSealed(folder_, rotated, moved), crypto::SealError);
    }
    EXPECT_EQ(ReadSealed(folder_, rotated, first), "permit scan");
    EXPECT_EQ(ReadSealed(folder_, rotated, second), std::string(70000, 'l'));
    EXPECT_FALSE(std::filesystem::exists(folder_ / (first.stored_as + ".reseal")));
    const auto again = crypto::ResealFiles(database(), rotated, sources);
    EXPECT_EQ(again.resealed, 0);
    EXPECT_EQ(again.current, 2);
}

TEST_P(NotesDocumentsStoreTest, Documents_FoundThroughTheirCaseOnly_NameSealed_NewestFirst) {
    const Document first = AddDocument(cases_[0], "passport.pdf", "a", 100, "her");
    const Document second = AddDocument(cases_[0], "letter.pdf", "b", 200);
    const Document foreign = AddDocument(cases_[1], "hers.pdf", "c", 300);
    auto connection = database().Acquire();
    const auto found = FindDocument(*connection, *keyring_, cases_[0], first.id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->name, "passport.pdf");
    EXPECT_EQ(found->visibility, "her");
    EXPECT_EQ(found->size_bytes, 1);
    EXPECT_EQ(found->uploaded_by, worker_);
    EXPECT_FALSE(FindDocument(*connection, *keyring_, cases_[0], foreign.id).has_value()) << "another case's";
    const auto stored = connection->Execute("SELECT name FROM cases_documents WHERE id = $1", {first.id});
    EXPECT_EQ(stored.Text(0, 0).find("passport"), std::string::npos) << "sealed at rest";
    EXPECT_THROW(keyring_->Open(stored.Text(0, 0), DocumentNameContext(cases_[1])), crypto::SealError);
    const auto page = SelectDocuments(*connection, *keyring_, cases_[0], {.limit = 1});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].id, second.id);
    const auto rest = SelectDocuments(*connection, *keyring_, cases_[0], {.limit = 1, .after = page.next});
    ASSERT_EQ(rest.items.size(), 1u);
    EXPECT_EQ(rest.items[0].id, first.id);
    EXPECT_FALSE(rest.next.has_value());
    const auto shared = DocumentsOfCase(*connection, *keyring_, cases_[0], true);
    ASSERT_EQ(shared.size(), 1u);
    EXPECT_EQ(shared[0].id, first.id);
}

TEST_P(NotesDocumentsStoreTest, StoredFilesOfAWoman_AreThoseOfHerCases) {
    const std::int64_t user = world_->actor(policy::Role::kParticipant).user_id;
    database().Transact([&](db::Connection& connection) {
        connection.Execute(
            "UPDATE cases_women SET user_id = $1 WHERE id = (SELECT woman_id FROM cases_cases "
            "WHERE id = $2)",
            {user, cases_[0]});
    });
    const Document hers = AddDocument(cases_[0], "a.pdf", "a", 100);
    AddDocument(cases_[1], "b.pdf", "b", 100);
    EXPECT_EQ(StoredFilesOfWoman(*database().Acquire(), user), std::vector<std::string>{hers.stored_as});
}

PONTE_INSTANTIATE_ENGINES(NotesDocumentsStoreTest);

}  // namespace
}  // namespace ponte::cases
