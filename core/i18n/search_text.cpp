#include "core/i18n/search_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace ponte::i18n {
namespace {

// ICU's rule: decompose, remove nonspacing marks, recompose. A transliterator is not safe to share
// between threads, so each thread builds its own once.
const icu::Transliterator& MarksRemover() {
    thread_local const std::unique_ptr<icu::Transliterator> remover = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("NFD; [:Nonspacing Mark:] Remove; NFC"), UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !made)
            throw std::runtime_error(std::string("ICU transliterator: ") + u_errorName(status));
        return made;
    }();
    return *remover;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
    icu::UnicodeString folded =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    MarksRemover().transliterate(folded);
    folded.foldCase();
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) folded = nfc->normalize(folded, status);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

}  // namespace ponte::i18n
