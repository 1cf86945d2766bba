// Which files a case keeps: papers and photos of papers, read for what their bytes are. No I/O.
#pragma once

#include <string_view>

namespace ponte::cases {

// The media types a document may be: PDF, JPEG, PNG, WebP, HEIC (a phone's photo), plain text,
// OpenDocument and Word texts. Nothing a browser would run (HTML, SVG, scripts).
inline constexpr std::string_view kDocumentTypes[] = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heic",
    "image/heif",
    "text/plain",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

// True for a type of kDocumentTypes.
bool IsDocumentType(std::string_view detected);

// True when the type a sender declared (a Content-Type's essence) agrees with the one read from
// the bytes: the same (or a common alias of it, such as image/jpg), or no claim at all (none, or
// application/octet-stream).
bool DeclaredAgrees(std::string_view declared, std::string_view detected);

}  // namespace ponte::cases
