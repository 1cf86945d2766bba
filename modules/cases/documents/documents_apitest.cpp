// Notes and documents over HTTP: her worker writes notes on her case and keeps her papers with
// it; a file is read for what its bytes are, kept sealed, and served back as an attachment that
// a browser neither shows inline nor runs. Reached like the rest of the case: what is out of
// reach, or of another case, is answered as missing; a broken glass reads but does not write.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/pdf/document.hpp"
#include "core/pdf/render.hpp"
#include "core/privacy/privacy.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

// A 2x2 PNG, its chunks and checksums whole.
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x06\x00"
    "\x00\x00\x72\xb6\x0d\x24\x00\x00\x00\x11\x49\x44\x41\x54\x78\x9c\x63\x38\x21\x17\xf5\x1f\x84\x19\x60\x0c\x00"
    "\x4f\x2c\x08\xfd\x40\xb1\xa9\x57\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    74);

class NotesDocumentsTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        case_path_ = Open("Hawa");
        other_path_ = Open("Leila");
        // Her mentor joins her team: she reads the case.
        auto joined =
            As(Role::kCaseWorker, "POST", case_path_ + "/team",
               R"({"user_id":)" + std::to_string(world_->actor(Role::kMentor).user_id) + R"(,"role":"member"})");
        ASSERT_EQ(joined.status, 200) << joined.body;
    }
    std::string Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
    }
    // The file as the body, as `actor` sends it.
    testing::HttpResult Upload(const testing::Actor& actor, const std::string& path, std::string_view query,
                               std::string_view content, std::string_view content_type) {
        auto headers = world_->SignIn(actor);
        if (!content_type.empty()) headers["Content-Type"] = std::string(content_type);
        return testing::HttpClient(server_->port())
            .Send("POST", path + "/documents?" + std::string(query), content, headers);
    }
    testing::HttpResult Upload(std::string_view query, std::string_view content, std::string_view content_type) {
        return Upload(world_->actor(Role::kCaseWorker), case_path_, query, content, content_type);
    }
    // A case worker of `organization` on none of its cases' teams.
    testing::Actor Worker(const std::string& name, std::int64_t organization) {
        testing::Actor worker{.name = name, .role = Role::kCaseWorker};
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            worker.user_id =
                accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
            tenancy::AddMembership(connection, worker.user_id,
                                   {.role = Role::kCaseWorker, .organization_id = organization}, 0, now);
        });
        return worker;
    }
    std::int64_t Count(std::string_view table) {
        return database_->Acquire()->Execute("SELECT COUNT(*) FROM " + std::string(table)).Int(0, 0);
    }
    static std::size_t StoredFiles() {
        const auto folder = testing::TestFilesDirectory() / "cases" / "documents";
        if (!std::filesystem::exists(folder)) return 0;
        return static_cast<std::size_t>(
            std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
    }
    static std::string Pdf() {
        pdf::Document document;
        document.language = "fr";
        document.title = "Récépissé de demande de titre de séjour";
        return pdf::Render(document);
    }

    std::string case_path_;
    std::string other_path_;
};

TEST_F(NotesDocumentsTest, Notes_WrittenByHerWorker_ReadNewestFirst_APageAtATime_Audited) {
    auto first = As(Role::kCaseWorker, "POST", case_path_ + "/notes",
                    R"({"text":"She called: the appointment suits her.","visibility":"team"})");
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.Json().at("author_user_id"), world_->actor(Role::kCaseWorker).user_id);
    auto second = As(Role::kCoordinator, "POST", case_path_ + "/notes",
                     R"({"text":"Bring:\n\t- the passport\n\t- the letter","visibility":"her"})");
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.Json().at("text"), "Bring:\n\t- the passport\n\t- the letter");

    auto page = As(Role::kMentor, "GET", case_path_ + "/notes?limit=1");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto body = page.Json();
    ASSERT_EQ(body.at("items").as_array().size(), 1u);
    EXPECT_EQ(body.at("items").at(0).at("id"), second.Json().at("id")) << "newest first";
    EXPECT_EQ(body.at("items").at(0).at("visibility"), "her");
    auto rest = As(Role::kMentor, "GET",
                   case_path_ + "/notes?limit=1&cursor=" + std::string(body.at("next_cursor").as_string()));
    ASSERT_EQ(rest.status, 200) << rest.body;
    EXPECT_EQ(rest.Json().at("items").at(0).at("id"), first.Json().at("id"));
    EXPECT_TRUE(rest.Json().at("next_cursor").is_null());
    EXPECT_TRUE(As(Role::kCaseWorker, "GET", other_path_ + "/notes").Json().at("items").as_array().empty());

    EXPECT_EQ(AuditCount("cases.note.write", "ok"), 2);
    const auto reads = database_->Acquire()->Execute(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'cases.case.read' AND outcome = 'ok' AND detail LIKE "
        "'%count%'");
    EXPECT_GE(reads.Int(0, 0), 3) << "each read audited";
    // On the timeline: that a note was written, not what it says.
    auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline");
    EXPECT_NE(timeline.body.find("note_added"), std::string::npos) << timeline.body;
    EXPECT_EQ(timeline.body.find("passport"), std::string::npos);
}

TEST_F(NotesDocumentsTest, BadNotes_NameTheFieldAndWriteNothing) {
    const std::pair<std::string, std::string> bad[] = {
        {R"({"text":"","visibility":"team"})", "text:required"},
        {R"({"text":" \n\t ","visibility":"team"})", "text:no_visible_character"},
        {R"({"text":"a\u0007b","visibility":"team"})", "text:control_characters"},
        {R"({"text":"Hello","visibility":"everyone"})", "visibility:"},
        {R"({"visibility":"team"})", "text:required"},
        {R"({"text":"Hello"})", "visibility:required"},
    };
    for (const auto& [body, error] : bad) {
        auto response = As(Role::kCaseWorker, "POST", case_path_ + "/notes", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        EXPECT_EQ(response.headers["content-type"], "application/problem+json") << body;
        EXPECT_EQ(FieldError(response).substr(0, error.size()), error) << body;
    }
    EXPECT_EQ(Count("cases_notes"), 0);
    EXPECT_EQ(AuditCount("cases.note.write", "ok"), 0);
}

TEST_F(NotesDocumentsTest, APngAndAPdf_KeptSealed_ReadBackByteForByte_AsSandboxedAttachments) {
    const std::string pdf = Pdf();
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    auto photo = Upload("name=photo%20du%20r%C3%A9c%C3%A9piss%C3%A9.png&visibility=her", kPng, "image/png");
    ASSERT_EQ(photo.status, 201) << photo.body;
    EXPECT_EQ(photo.Json().at("media_type"), "image/png");
    EXPECT_EQ(photo.Json().at("size_bytes"), static_cast<std::int64_t>(kPng.size()));
    EXPECT_EQ(photo.Json().at("name"), "photo du récépissé.png");
    EXPECT_EQ(photo.Json().at("visibility"), "her");
    // No declared type: read from the bytes all the same.
    auto paper = Upload("name=titre.pdf", pdf, "");
    ASSERT_EQ(paper.status, 201) << paper.body;
    EXPECT_EQ(paper.Json().at("media_type"), "application/pdf");
    EXPECT_EQ(paper.Json().at("visibility"), "team");

    auto list = As(Role::kMentor, "GET", case_path_ + "/documents");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.Json().at("items").as_array().size(), 2u);
    EXPECT_EQ(list.Json().at("items").at(0).at("name"), "titre.pdf") << "newest first";

    const std::string photo_path = case_path_ + "/documents/" + std::to_string(photo.Json().at("id").as_int64());
    auto download = As(Role::kMentor, "GET", photo_path);
    ASSERT_EQ(download.status, 200) << download.body;
    EXPECT_EQ(download.body, kPng);
    EXPECT_EQ(download.headers["content-type"], "image/png");
    EXPECT_EQ(download.headers["content-disposition"],
              "attachment; filename=\"photo du r_c_piss_.png\"; "
              "filename*=UTF-8''photo%20du%20r%C3%A9c%C3%A9piss%C3%A9.png");
    EXPECT_EQ(download.headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(download.headers["content-security-policy"], "sandbox; default-src 'none'; frame-ancestors 'none'");
    auto read_pdf =
        As(Role::kCoordinator, "GET", case_path_ + "/documents/" + std::to_string(paper.Json().at("id").as_int64()));
    ASSERT_EQ(read_pdf.status, 200);
    EXPECT_EQ(read_pdf.body, pdf);
    EXPECT_EQ(read_pdf.headers["content-type"], "application/pdf");

    // Sealed at rest: neither the file nor the row shows what she keeps.
    const auto stored = database_->Acquire()->Execute("SELECT name, stored_as FROM cases_documents ORDER BY id");
    EXPECT_EQ(stored.Text(0, 0).find("photo"), std::string::npos);
    const auto file = testing::TestFilesDirectory() / "cases" / "documents" / stored.Text(1, 1);
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_NE(std::filesystem::file_size(file), pdf.size());
    EXPECT_EQ(AuditCount("cases.document.write", "ok"), 2);
    EXPECT_NE(As(Role::kCaseWorker, "GET", case_path_ + "/timeline").body.find("document_added"), std::string::npos);
}

TEST_F(NotesDocumentsTest, BadUploads_NameTheFieldOrParameterAndKeepNothing) {
    struct Bad {
        std::string query;
        std::string content;
        std::string content_type;
        int status;
        std::string error;
    };
    const std::string pdf = Pdf();
    const Bad bad[] = {
        {"visibility=team", kPng, "image/png", 400, "name:required"},
        {"name=", kPng, "image/png", 400, "name:no_visible_character"},
        {"name=a%07b.png", kPng, "image/png", 400, "name:control_characters"},
        {"name=a%FF.png", kPng, "image/png", 400, "name:format"},
        {"name=" + std::string(201, 'a'), kPng, "image/png", 400, "name:too_long"},
        {"name=a.png&visibility=everyone", kPng, "image/png", 400, "visibility:invalid"},
        {"name=a.png&owner=1", kPng, "image/png", 400, "owner:unknown"},
        {"name=a.png", "", "image/png", 422, "body:required"},
        // A PDF said to be a photo, and a photo said to be a PDF.
        {"name=a.png", pdf, "image/png", 422, "Content-Type:mismatch"},
        {"name=a.pdf", kPng, "application/pdf", 422, "Content-Type:mismatch"},
        // What a browser would run, whatever it is said to be.
        {"name=a.html", "<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html", 422, "body:not_allowed"},
        {"name=a.txt", "<!DOCTYPE html><html><script>alert(1)</script></html>", "text/plain", 422,
         "Content-Type:mismatch"},
        {"name=a.bin",
         std::string("\x7f"
                     "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                     16) +
             std::string(64, '\0'),
         "application/octet-stream", 422, "body:not_allowed"},
    };
    for (const auto& [query, content, content_type, status, error] : bad) {
        auto response = Upload(query, content, content_type);
        EXPECT_EQ(response.status, status) << query << " " << response.body;
        EXPECT_EQ(response.headers["content-type"], "application/problem+json") << query;
        if (response.status == status) {
            EXPECT_EQ(FieldError(response), error) << query;
        }
    }
    auto mismatch = Upload("name=a.png", pdf, "image/png");
    EXPECT_NE(mismatch.Json().at("detail").as_string().find("Content-Type"), std::string::npos) << mismatch.body;

    // Over the limit (10 MiB by default): 413, before the body is read.
    auto big = Upload("name=big.txt", std::string(10 * 1024 * 1024 + 1, 'a'), "text/plain");
    EXPECT_EQ(big.status, 413) << big.body;
    EXPECT_EQ(big.headers["content-type"], "application/problem+json");
    // At the limit: kept.
    auto full = Upload("name=full.txt", std::string(std::size_t{10} * 1024 * 1024, 'a'), "text/plain; charset=utf-8");
    EXPECT_EQ(full.status, 201) << full.body;
    EXPECT_EQ(Count("cases_documents"), 1);
    EXPECT_EQ(AuditCount("cases.document.write", "ok"), 1);
    // Other routes keep the server's limit.
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Content-Type"] = "application/json";
    auto note = testing::HttpClient(server_->port())
                    .Send("POST", case_path_ + "/notes",
                          R"({"text":")" + std::string(std::size_t{2} * 1024 * 1024, 'a') + R"(","visibility":"team"})",
                          headers);
    EXPECT_EQ(note.status, 413);
}

TEST_F(NotesDocumentsTest, OutOfReach_OrOfAnotherCase_IsAnsweredAsMissing) {
    auto photo = Upload("name=a.png", kPng, "image/png");
    ASSERT_EQ(photo.status, 201) << photo.body;
    const std::string id = std::to_string(photo.Json().at("id").as_int64());
    auto missing = As(Role::kCaseWorker, "GET", case_path_ + "/documents/987654321");
    EXPECT_EQ(missing.status, 404);
    auto of_another = As(Role::kCaseWorker, "GET", other_path_ + "/documents/" + id);
    EXPECT_EQ(of_another.status, 404) << "a document of another case";
    EXPECT_EQ(of_another.Json().at("type"), missing.Json().at("type"));
    EXPECT_EQ(As(Role::kCaseWorker, "GET", case_path_ + "/documents/x").status, 404);
    // Another organization's worker: her case is missing to her, for every route.
    const auto stranger = Worker("stranger", world_->foreign_organization);
    for (const auto& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"GET", case_path_ + "/documents/" + id},
                                                          {"GET", case_path_ + "/documents"},
                                                          {"GET", case_path_ + "/notes"}}) {
        EXPECT_EQ(Send(method, path, "", world_->SignIn(stranger)).status, 404) << path;
    }
    EXPECT_EQ(Upload(stranger, case_path_, "name=a.png", kPng, "image/png").status, 404);
    EXPECT_EQ(
        Send("POST", case_path_ + "/notes", R"({"text":"x","visibility":"team"})", world_->SignIn(stranger)).status,
        404);
    // A mentor of her team reads, and writes nothing.
    EXPECT_EQ(Upload(world_->actor(Role::kMentor), case_path_, "name=a.png", kPng, "image/png").status, 403);
    EXPECT_EQ(Count("cases_documents"), 1);
}

TEST_F(NotesDocumentsTest, ABrokenGlass_ReadsNotesAndDocuments_ButWritesNone) {
    ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/notes", R"({"text":"Note","visibility":"team"})").status,
              201);
    auto photo = Upload("name=a.png", kPng, "image/png");
    ASSERT_EQ(photo.status, 201);
    const auto colleague = Worker("colleague", world_->own_organization);
    const std::string download = case_path_ + "/documents/" + std::to_string(photo.Json().at("id").as_int64());
    EXPECT_EQ(Send("GET", download, "", world_->SignIn(colleague)).status, 404);
    ASSERT_EQ(Send("POST", case_path_ + "/glass", R"({"reason":"She is at the desk and her worker is away"})",
                   world_->SignIn(colleague))
                  .status,
              201);
    EXPECT_EQ(Send("GET", case_path_ + "/notes", "", world_->SignIn(colleague)).status, 200);
    EXPECT_EQ(Send("GET", case_path_ + "/documents", "", world_->SignIn(colleague)).status, 200);
    auto read = Send("GET", download, "", world_->SignIn(colleague));
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(read.body, kPng);
    EXPECT_EQ(
        Send("POST", case_path_ + "/notes", R"({"text":"Mine","visibility":"team"})", world_->SignIn(colleague)).status,
        404);
    EXPECT_EQ(Upload(colleague, case_path_, "name=b.png", kPng, "image/png").status, 404);
    EXPECT_EQ(Count("cases_notes"), 1);
    EXPECT_EQ(Count("cases_documents"), 1);
}

TEST_F(NotesDocumentsTest, HerExportListsHerNotesAndDocuments_HerErasureRemovesTheFiles) {
    const std::int64_t her = world_->actor(Role::kParticipant).user_id;
    const std::int64_t case_id = std::stoll(case_path_.substr(case_path_.rfind('/') + 1));
    database_->Transact([&](db::Connection& connection) {
        connection.Execute(
            "UPDATE cases_women SET user_id = $1 WHERE id = (SELECT woman_id FROM cases_cases WHERE id = $2)",
            {her, case_id});
    });
    ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/notes", R"({"text":"She found a flat.","visibility":"her"})")
                  .status,
              201);
    ASSERT_EQ(Upload("name=lease.png", kPng, "image/png").status, 201);
    ASSERT_EQ(Upload(world_->actor(Role::kCaseWorker), other_path_, "name=other.png", kPng, "image/png").status, 201);
    const std::size_t files = StoredFiles();

    auto registry = testing::Application(*database_, testing::TestKeyring());
    const auto exported = privacy::ExportPerson(*database_, *registry, her, core::NowMs());
    boost::json::value hers;
    for (const auto& source : exported.at("sources").as_array()) {
        if (source.at("name") == "cases.cases") hers = source.at("data").at(0);
    }
    ASSERT_TRUE(hers.is_object()) << boost::json::serialize(exported);
    EXPECT_EQ(hers.at("notes").at(0).at("text"), "She found a flat.");
    const auto& document = hers.at("documents").at(0).as_object();
    EXPECT_EQ(document.at("name"), "lease.png");
    EXPECT_EQ(document.at("media_type"), "image/png");
    EXPECT_EQ(document.at("size_bytes"), static_cast<std::int64_t>(kPng.size()));
    EXPECT_TRUE(document.contains("created_at"));
    EXPECT_FALSE(document.contains("content")) << "what it is, not its bytes";

    privacy::ErasePerson(*database_, *registry, her, core::NowMs());
    EXPECT_EQ(Count("cases_notes"), 0);
    EXPECT_EQ(Count("cases_documents"), 1) << "the other woman's";
    EXPECT_EQ(StoredFiles(), files - 1) << "her file removed, the other kept";
}

}  // namespace
}  // namespace ponte::cases
