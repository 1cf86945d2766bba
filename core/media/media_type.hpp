// What a file is, read from its bytes (libmagic, as file(1) reads it) rather than from its name or
// the type its sender declares: either may lie, and a file served back is trusted for what it is.
#pragma once

#include <string>
#include <string_view>

namespace ponte::media {

// The media type of `content` ("application/pdf", "image/png", "text/plain", ...), without
// parameters; "application/octet-stream" when libmagic knows no better (and for no bytes at all).
// Thread-safe: each thread keeps its own libmagic handle, loaded on first use.
std::string DetectMediaType(std::string_view content);

// The media type of a Content-Type value, lower-cased, without parameters or spaces:
// "Image/JPEG; charset=x" -> "image/jpeg".
std::string EssenceOf(std::string_view content_type);

}  // namespace ponte::media
