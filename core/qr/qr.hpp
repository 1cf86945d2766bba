// QR codes (libqrencode) drawn as SVG, for what a phone should scan: TOTP enrolment and
// invitation codes.
#pragma once

#include <string>
#include <string_view>

namespace ponte::qr {

// An SVG image of `text` as a QR code (error correction level M, a 4-module quiet zone), black on
// white, scaling to its container; `label` becomes its accessible name. Throws
// std::invalid_argument when the text is too long for a QR code.
std::string Svg(std::string_view text, std::string_view label);

}  // namespace ponte::qr
