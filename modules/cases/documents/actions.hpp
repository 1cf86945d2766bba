// The use cases of documents, free of HTTP. A document belongs to a case (reached with
// ReachCase): uploaded by its workers, read with the case. What a file is comes from its bytes;
// only the types of kDocumentTypes are kept, sealed. Every upload, list and download is audited;
// a new document is on the case's timeline (its type and size, not its name).
#pragma once

#include <cstdint>
#include <string>

#include "modules/cases/actions.hpp"
#include "modules/cases/documents/store.hpp"

namespace ponte::cases {

struct Upload {
    std::string name;
    std::string visibility;    // "team" or "her"
    std::string declared;      // the essence of the request's Content-Type; empty when none
    std::string_view content;  // the file's bytes
};

// Keeps the file on the case. kInvalidFields naming body ("required": no bytes; "not_allowed":
// not a type of kDocumentTypes), Content-Type ("mismatch": declared as another type than its
// bytes are) or case ("closed"). Audited.
core::Outcome<Document> UploadDocument(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const Reached& reached, const Upload& upload);

// A page of the case's documents, newest first. Audited.
core::Page<Document> ReadDocuments(const Module& module, audit::Entry request, const Reached& reached,
                                   const core::PageRequest& page);

// The document and its bytes, when it is of the case (and, `shared_only`, shared with her);
// kNotFound for another case's (or one her team keeps for itself), as for a missing one. Audited.
struct DocumentFile {
    Document document;
    std::string content;
};
core::Outcome<DocumentFile> ReadDocumentFile(const Module& module, audit::Entry request, const Reached& reached,
                                             std::int64_t document_id, bool shared_only = false);

}  // namespace ponte::cases
