#include "modules/cases/profile/model.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace ponte::cases {
namespace {

// Minutes of the day of "HH:MM"; -1 for anything else.
int MinuteOf(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return -1;
    auto digit = [&](std::size_t at) { return text[at] >= '0' && text[at] <= '9' ? text[at] - '0' : -100; };
    const int hours = digit(0) * 10 + digit(1);
    const int minutes = digit(3) * 10 + digit(4);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return -1;
    return hours * 60 + minutes;
}

std::string Text(const boost::json::object& json, std::string_view key) {
    const auto* value = json.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool Flag(const boost::json::object& json, std::string_view key) {
    const auto* value = json.if_contains(key);
    return value != nullptr && value->is_bool() && value->get_bool();
}

const boost::json::array& List(const boost::json::object& json, std::string_view key) {
    static const boost::json::array kNone;
    const auto* value = json.if_contains(key);
    return value != nullptr && value->is_array() ? value->get_array() : kNone;
}

}  // namespace

std::optional<ProfileRefusal> RefusedProfile(const Profile& profile) {
    for (std::size_t i = 0; i < profile.languages.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (profile.languages[i].language == profile.languages[j].language)
                return ProfileRefusal{"languages", "duplicate"};
        }
    }
    return std::nullopt;
}

std::optional<ProfileRefusal> RefusedSafeContact(const SafeContact& rules) {
    const bool by_phone = rules.channel == "phone_call" || rules.channel == "sms";
    if (by_phone && rules.phone.empty()) return ProfileRefusal{"phone", "required"};
    if (rules.channel == "email" && rules.email.empty()) return ProfileRefusal{"email", "required"};
    if (rules.from.empty() != rules.to.empty()) {
        return ProfileRefusal{rules.from.empty() ? "from" : "to", "required"};
    }
    if (!rules.from.empty() && MinuteOf(rules.to) <= MinuteOf(rules.from)) return ProfileRefusal{"to", "before_start"};
    return std::nullopt;
}

bool MayContactAt(const SafeContact& rules, int day, int minute) {
    if (rules.channel.empty() || rules.channel == "none" || rules.channel == "in_person") return false;
    if (!rules.days.empty() && std::find(rules.days.begin(), rules.days.end(), day) == rules.days.end()) return false;
    if (rules.from.empty()) return true;
    return minute >= MinuteOf(rules.from) && minute < MinuteOf(rules.to);
}

boost::json::object ToJson(const Profile& profile) {
    boost::json::array languages;
    for (const auto& language : profile.languages)
        languages.push_back({{"language", language.language}, {"level", language.level}});
    boost::json::array children;
    for (const auto& child : profile.children) {
        children.push_back({{"age", child.age}, {"school", child.school}, {"special_needs", child.special_needs}});
    }
    return {{"languages", std::move(languages)}, {"children", std::move(children)}};
}

Profile ProfileFrom(const boost::json::object& json) {
    Profile profile;
    for (const auto& item : List(json, "languages")) {
        const auto& language = item.as_object();
        profile.languages.push_back({Text(language, "language"), Text(language, "level")});
    }
    for (const auto& item : List(json, "children")) {
        const auto& child = item.as_object();
        profile.children.push_back({.age = static_cast<int>(child.at("age").to_number<std::int64_t>()),
                                    .school = Text(child, "school"),
                                    .special_needs = Flag(child, "special_needs")});
    }
    return profile;
}

boost::json::object ToJson(const SafeContact& rules) {
    boost::json::array days;
    for (int day : rules.days) days.push_back(day);
    return {{"channel", rules.channel},
            {"phone", rules.phone},
            {"email", rules.email},
            {"days", std::move(days)},
            {"from", rules.from},
            {"to", rules.to},
            {"leave_message", rules.leave_message},
            {"name_sender", rules.name_sender},
            {"code_word", rules.code_word}};
}

SafeContact SafeContactFrom(const boost::json::object& json) {
    SafeContact rules{.channel = Text(json, "channel"),
                      .phone = Text(json, "phone"),
                      .email = Text(json, "email"),
                      .from = Text(json, "from"),
                      .to = Text(json, "to"),
                      .leave_message = Flag(json, "leave_message"),
                      .name_sender = Flag(json, "name_sender"),
                      .code_word = Text(json, "code_word")};
    for (const auto& day : List(json, "days")) rules.days.push_back(static_cast<int>(day.to_number<std::int64_t>()));
    return rules;
}

boost::json::object ToJson(const Sensitive& sensitive) {
    return {{"violence", sensitive.violence},
            {"violence_note", sensitive.violence_note},
            {"health_note", sensitive.health_note},
            {"legal_status", sensitive.legal_status},
            {"legal_note", sensitive.legal_note}};
}

Sensitive SensitiveFrom(const boost::json::object& json) {
    return {.violence = Text(json, "violence"),
            .violence_note = Text(json, "violence_note"),
            .health_note = Text(json, "health_note"),
            .legal_status = Text(json, "legal_status"),
            .legal_note = Text(json, "legal_note")};
}

}  // namespace ponte::cases
