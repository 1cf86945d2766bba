// The HTTP face of a case's documents: the upload takes the raw file as its body (its name and
// visibility in the query), the download answers it as an attachment that a browser neither
// shows inline nor runs.
#pragma once

#include <cstddef>
#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/documents/actions.hpp"

namespace ponte::cases {

inline constexpr std::size_t kDefaultDocumentMaxBytes = 10 * 1024 * 1024;

// Adds the routes of documents, bound to `module`; an upload takes files of `max_bytes` at most.
void AddDocumentRoutes(core::Registry& registry, std::shared_ptr<const Module> module, std::size_t max_bytes);

// The answer to a download of the document: its bytes as an attachment, of the type read from
// them, sandboxed, never cached.
http::Response DocumentDownload(DocumentFile file);

// The Content-Disposition of a download of a file named `name`: an attachment, with an ASCII
// fallback name and the name itself in UTF-8 (RFC 6266, RFC 8187).
std::string AttachmentDisposition(std::string_view name);

}  // namespace ponte::cases
