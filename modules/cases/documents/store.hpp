// The documents kept with a case: their rows (cases_documents, the name sealed) and their bytes,
// each sealed as a stream (crypto::Keyring::SealStream) in its own file of the files folder,
// bound to the case and the file's name, so that a file copied onto another document or case does
// not open. SQL is in store.cpp as named constants with bound parameters; every function taking a
// connection runs on the caller's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/crypto/reseal.hpp"
#include "core/db/database.hpp"
#include "core/page.hpp"

namespace ponte::cases {

struct Document {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string visibility;  // "team" or "her" (shared with her)
    std::string name;        // sealed
    std::string media_type;  // as read from its bytes
    std::int64_t size_bytes = 0;
    std::string stored_as;  // its file's name in the documents folder
    std::int64_t uploaded_by = 0;
    std::int64_t created_at = 0;
};

// The documents' folder under the files folder (config::FilesDirectory).
std::filesystem::path DocumentsFolder(const std::filesystem::path& files);

// Seals `content` into a new file of `folder` (created 0700, the file 0600) for the case; returns
// its stored name. The file is written before its row, outside any transaction: see RemoveStored.
std::string StoreSealed(const std::filesystem::path& folder, const crypto::Keyring& keyring, std::int64_t case_id,
                        std::string_view content);
// The bytes of the stored file. Throws crypto::SealError when it does not open (or is missing).
std::string ReadSealed(const std::filesystem::path& folder, const crypto::Keyring& keyring, const Document& document);
// Removes stored files (those missing already are no error).
void RemoveStored(const std::filesystem::path& folder, const std::vector<std::string>& stored_as);

// Adds the document's row (its name sealed); returns its id.
std::int64_t InsertDocument(db::Connection& connection, const crypto::Keyring& keyring, const Document& document,
                            std::int64_t now_ms);
// The document when it is of the case; nullopt for another case's, as for a missing one.
std::optional<Document> FindDocument(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                     std::int64_t document_id);
// A page of the case's documents, newest first.
core::Page<Document> SelectDocuments(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                     const core::PageRequest& page);
// Every document of the case, newest first; `shared_only`: those shared with her (her own view).
std::vector<Document> DocumentsOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                      bool shared_only = false);
// Every stored file with the context it is sealed under, for `ponte keys reseal`.
std::vector<crypto::SealedFile> SealedDocumentFiles(db::Connection& connection, const std::filesystem::path& folder);
// The stored names of the documents of every case of the woman whose account is `user_id`.
std::vector<std::string> StoredFilesOfWoman(db::Connection& connection, std::int64_t user_id);

// The context of the sealed name, bound to the case.
std::string DocumentNameContext(std::int64_t case_id);

}  // namespace ponte::cases
