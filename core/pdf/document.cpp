#include "core/pdf/document.hpp"

#include <unicode/locid.h>

namespace ponte::pdf {

Direction DirectionOf(std::string_view language) {
    if (language.empty()) return Direction::kLeftToRight;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale =
        icu::Locale::forLanguageTag(icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
    if (U_FAILURE(status) || locale.isBogus()) return Direction::kLeftToRight;
    return locale.isRightToLeft() ? Direction::kRightToLeft : Direction::kLeftToRight;
}

std::string FooterText(std::string_view footer, int page, int pages) {
    std::string out;
    out.reserve(footer.size());
    constexpr std::string_view kPage = "{page}";
    constexpr std::string_view kPages = "{pages}";
    for (std::size_t i = 0; i < footer.size();) {
        if (footer.substr(i).starts_with(kPages)) {
            out += std::to_string(pages);
            i += kPages.size();
        } else if (footer.substr(i).starts_with(kPage)) {
            out += std::to_string(page);
            i += kPage.size();
        } else {
            out += footer[i++];
        }
    }
    return out;
}

}  // namespace ponte::pdf
