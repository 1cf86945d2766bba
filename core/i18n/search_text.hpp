// Text as search compares it: what a person types finds a name however it was written, with or
// without accents, in any case ("Zoë", "zoe" and "ZOE" are one; "Şükran" is found by "sukran").
#pragma once

#include <string>
#include <string_view>

namespace ponte::i18n {

// `text` (valid UTF-8) decomposed, without its combining marks, case-folded (Unicode full case
// folding, so "ß" is "ss") and recomposed (NFC). Letters of other scripts keep their letters:
// Arabic loses its short vowel marks (harakat), as readers type without them. Thread-safe.
std::string FoldForSearch(std::string_view text);

}  // namespace ponte::i18n
