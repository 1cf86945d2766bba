#include "modules/cases/documents/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/media/media_type.hpp"
#include "modules/cases/documents/kinds.hpp"

namespace ponte::cases {

core::Outcome<Document> UploadDocument(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const Reached& reached, const Upload& upload) {
    if (upload.content.empty()) return core::Failure::Invalid("body", "required");
    const std::string detected = media::DetectMediaType(upload.content);
    if (!DeclaredAgrees(upload.declared, detected)) {
        core::Failure failure = core::Failure::Invalid("Content-Type", "mismatch");
        failure.detail_key = "cases.detail.document_type_mismatch";
        return failure;
    }
    if (!IsDocumentType(detected)) {
        core::Failure failure = core::Failure::Invalid("body", "not_allowed");
        failure.detail_key = "cases.detail.document_type_not_allowed";
        return failure;
    }
    if (reached.record.state == State::kClosed) return core::Failure::Invalid("case", "closed");
    Document document{.case_id = reached.record.id,
                      .visibility = upload.visibility,
                      .name = upload.name,
                      .media_type = detected,
                      .size_bytes = static_cast<std::int64_t>(upload.content.size()),
                      .uploaded_by = caller.user_id};
    // Sealed into its file before the transaction, which then holds no lock while it is written;
    // a transaction that does not commit leaves no file behind.
    document.stored_as = StoreSealed(module.documents, module.keyring(), document.case_id, upload.content);
    try {
        module.database().Transact([&](db::Connection& connection) {
            document.created_at = core::NowMs();
            document.id = InsertDocument(connection, module.keyring(), document, document.created_at);
            AppendEvent(connection, module.keyring(), document.case_id,
                        {.kind = "document_added",
                         .by_user_id = caller.user_id,
                         .at = document.created_at,
                         .detail = {{"document_id", document.id},
                                    {"media_type", document.media_type},
                                    {"size_bytes", document.size_bytes},
                                    {"visibility", document.visibility}}});
            request.outcome = "ok";
            request.detail = boost::json::serialize(
                boost::json::object{{"document_id", document.id}, {"media_type", document.media_type}});
            audit::Append(connection, request, document.created_at);
        });
    } catch (...) {
        RemoveStored(module.documents, {document.stored_as});
        throw;
    }
    return document;
}

core::Page<Document> ReadDocuments(const Module& module, audit::Entry request, const Reached& reached,
                                   const core::PageRequest& page) {
    auto documents = SelectDocuments(*module.database().Acquire(), module.keyring(), reached.record.id, page);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"count", documents.items.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return documents;
}

core::Outcome<DocumentFile> ReadDocumentFile(const Module& module, audit::Entry request, const Reached& reached,
                                             std::int64_t document_id, bool shared_only) {
    std::optional<Document> found;
    if (document_id > 0)
        found = FindDocument(*module.database().Acquire(), module.keyring(), reached.record.id, document_id);
    request.detail = boost::json::serialize(boost::json::object{{"document_id", document_id}});
    if (!found || (shared_only && found->visibility != "her")) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    DocumentFile file{.document = std::move(*found), .content = ""};
    file.content = ReadSealed(module.documents, module.keyring(), file.document);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return file;
}

}  // namespace ponte::cases
