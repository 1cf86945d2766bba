#include "core/accounts/passwords.hpp"

#include <algorithm>
#include <set>

#include "core/embed/embedded.hpp"

namespace ponte::accounts {
namespace {

std::size_t CodePoints(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// ASCII lower case; other scripts are compared as they are.
std::string Lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "Password123!" -> "password": trailing digits, symbols and spaces do not make a word uncommon.
std::string Stem(std::string_view text) {
    std::string out = Lower(text);
    while (!out.empty()) {
        auto last = static_cast<unsigned char>(out.back());
        if (last >= 0x80 || std::isalpha(last)) break;
        out.pop_back();
    }
    return out;
}

const std::set<std::string, std::less<>>& BlockList() {
    static const std::set<std::string, std::less<>> words = [] {
        std::set<std::string, std::less<>> out;
        std::string_view text = embed::Find("core/accounts/common_passwords.txt").value_or("");
        while (!text.empty()) {
            auto end = text.find('\n');
            std::string_view line = text.substr(0, end);
            text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
            if (line.empty() || line.front() == '#') continue;
            out.insert(Lower(line));
        }
        return out;
    }();
    return words;
}

}  // namespace

std::optional<std::string> CheckNewPassword(std::string_view password, std::string_view email,
                                            std::string_view display_name) {
    const std::size_t length = CodePoints(password);
    if (length < kMinPasswordLength) return "too_short";
    if (length > kMaxPasswordLength) return "too_long";
    const std::string lower = Lower(password);
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) return "common";
    const auto& blocked = BlockList();
    if (blocked.contains(lower) || blocked.contains(Stem(password))) return "common";
    // Digits only: a date of birth or a phone number, both easy to find out.
    if (std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; })) return "common";
    const std::string lower_email = Lower(email);
    if (!lower_email.empty() && (lower == lower_email || lower == lower_email.substr(0, lower_email.find('@')))) {
        return "common";
    }
    if (!display_name.empty() && Stem(password) == Lower(display_name)) return "common";
    return std::nullopt;
}

}  // namespace ponte::accounts
