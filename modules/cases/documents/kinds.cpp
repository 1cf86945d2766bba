#include "modules/cases/documents/kinds.hpp"

#include <algorithm>
#include <iterator>

namespace ponte::cases {
namespace {

// Names senders give a type besides its registered one.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"image/jpg", "image/jpeg"},
    {"image/pjpeg", "image/jpeg"},
    {"image/x-png", "image/png"},
    {"application/x-pdf", "application/pdf"},
};

}  // namespace

bool IsDocumentType(std::string_view detected) {
    return std::find(std::begin(kDocumentTypes), std::end(kDocumentTypes), detected) != std::end(kDocumentTypes);
}

bool DeclaredAgrees(std::string_view declared, std::string_view detected) {
    if (declared.empty() || declared == "application/octet-stream") return true;
    for (const auto& [alias, type] : kAliases) {
        if (declared == alias) declared = type;
    }
    // HEIF is HEIC's container: a phone's photo comes as either name.
    if ((declared == "image/heic" || declared == "image/heif") &&
        (detected == "image/heic" || detected == "image/heif"))
        return true;
    return declared == detected;
}

}  // namespace ponte::cases
