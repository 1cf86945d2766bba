#include "modules/cases/documents/store.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "core/crypto/random.hpp"
#include "core/db/files.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertDocument =
    "INSERT INTO cases_documents (case_id, visibility, name, media_type, size_bytes, stored_as, uploaded_by, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
// The columns of a Document, in its order.
constexpr std::string_view kSelectDocument =
    "SELECT id, case_id, visibility, name, media_type, size_bytes, stored_as, COALESCE(uploaded_by, 0), created_at "
    "FROM cases_documents ";
constexpr std::string_view kSelectStoredFiles = "SELECT case_id, stored_as FROM cases_documents ORDER BY id";
constexpr std::string_view kSelectStoredOfWoman =
    "SELECT d.stored_as FROM cases_documents d JOIN cases_cases c ON c.id = d.case_id "
    "JOIN cases_women w ON w.id = c.woman_id WHERE w.user_id = $1";

// The context of a stored file: its case and its own name.
std::string ContentContext(std::int64_t case_id, std::string_view stored_as) {
    return crypto::FieldContext("cases_documents", "content", case_id) + ":" + std::string(stored_as);
}

Document ReadDocument(const crypto::Keyring& keyring, const db::Result& rows, std::size_t row) {
    const std::int64_t case_id = rows.Int(row, 1);
    return {.id = rows.Int(row, 0),
            .case_id = case_id,
            .visibility = rows.Text(row, 2),
            .name = keyring.Open(rows.Text(row, 3), DocumentNameContext(case_id)),
            .media_type = rows.Text(row, 4),
            .size_bytes = rows.Int(row, 5),
            .stored_as = rows.Text(row, 6),
            .uploaded_by = rows.Int(row, 7),
            .created_at = rows.Int(row, 8)};
}

std::vector<Document> ReadDocuments(const crypto::Keyring& keyring, const db::Result& rows) {
    std::vector<Document> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadDocument(keyring, rows, row));
    return out;
}

}  // namespace

std::string DocumentNameContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_documents", "name", case_id);
}

std::filesystem::path DocumentsFolder(const std::filesystem::path& files) { return files / "cases" / "documents"; }

std::string StoreSealed(const std::filesystem::path& folder, const crypto::Keyring& keyring, std::int64_t case_id,
                        std::string_view content) {
    // A random name: nothing about her or her case shows in the folder's listing.
    std::string stored_as = crypto::RandomToken(18);
    const std::filesystem::path file = folder / stored_as;
    if (!db::CreatePrivateFile(file)) throw std::runtime_error("stored file exists already: " + file.string());
    try {
        std::istringstream in{std::string(content)};
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        keyring.SealStream(in, out, ContentContext(case_id, stored_as));
        out.close();
        if (!out) throw std::runtime_error("cannot write " + file.string());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        throw;
    }
    return stored_as;
}

std::string ReadSealed(const std::filesystem::path& folder, const crypto::Keyring& keyring, const Document& document) {
    std::ifstream in(folder / document.stored_as, std::ios::binary);
    if (!in) throw crypto::SealError("stored file missing: " + document.stored_as);
    std::ostringstream out;
    keyring.OpenStream(in, out, ContentContext(document.case_id, document.stored_as));
    return std::move(out).str();
}

void RemoveStored(const std::filesystem::path& folder, const std::vector<std::string>& stored_as) {
    for (const auto& name : stored_as) {
        std::error_code ignored;
        std::filesystem::remove(folder / name, ignored);
    }
}

std::int64_t InsertDocument(db::Connection& connection, const crypto::Keyring& keyring, const Document& document,
                            std::int64_t now_ms) {
    return connection
        .Execute(kInsertDocument,
                 {document.case_id, document.visibility,
                  keyring.Seal(document.name, DocumentNameContext(document.case_id)), document.media_type,
                  document.size_bytes, document.stored_as, db::NullIfZero(document.uploaded_by), now_ms})
        .Int(0, 0);
}

std::optional<Document> FindDocument(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                     std::int64_t document_id) {
    auto rows =
        connection.Execute(std::string(kSelectDocument) + "WHERE id = $1 AND case_id = $2", {document_id, case_id});
    if (rows.empty()) return std::nullopt;
    return ReadDocument(keyring, rows, 0);
}

core::Page<Document> SelectDocuments(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                     const core::PageRequest& page) {
    std::vector<db::Value> params = {case_id};
    const std::string sql = std::string(kSelectDocument) + "WHERE case_id = $1 AND " +
                            core::Before(page, "created_at", "id", params) +
                            " ORDER BY created_at DESC, id DESC LIMIT " + core::FetchLimit(page, params);
    core::Page<Document> out{.items = ReadDocuments(keyring, connection.Execute(sql, params))};
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().created_at, .id = out.items.back().id};
    }
    return out;
}

std::vector<Document> DocumentsOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                      bool shared_only) {
    const std::string sql = std::string(kSelectDocument) + "WHERE case_id = $1" +
                            (shared_only ? " AND visibility = 'her'" : "") + " ORDER BY created_at DESC, id DESC";
    return ReadDocuments(keyring, connection.Execute(sql, {case_id}));
}

std::vector<crypto::SealedFile> SealedDocumentFiles(db::Connection& connection, const std::filesystem::path& folder) {
    auto rows = connection.Execute(kSelectStoredFiles);
    std::vector<crypto::SealedFile> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back(
            {.path = folder / rows.Text(row, 1), .context = ContentContext(rows.Int(row, 0), rows.Text(row, 1))});
    }
    return out;
}

std::vector<std::string> StoredFilesOfWoman(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectStoredOfWoman, {user_id});
    std::vector<std::string> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(rows.Text(row, 0));
    return out;
}

}  // namespace ponte::cases
