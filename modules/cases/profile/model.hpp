// What her workers know of her, as plain values, in three parts that are read and written apart:
// her profile (languages, children), her safe-contact rules, and her sensitive attributes
// (violence, health, legal status), which only the workers of her team read. No I/O.
//
// Safe-contact rules decide whether and how anyone may reach her: a woman who lives with the
// person she fears may be put at risk by a message left at the wrong hour or signed with the
// organization's name. Until her rules are recorded, nobody contacts her (no reminder is sent).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ponte::cases {

// A language she speaks, as a BCP 47 tag ("ar", "tir", "fr-CA"), and how well.
struct Language {
    std::string language;
    std::string level;  // kLanguageLevels
};
inline constexpr const char* kLanguageLevels[] = {"none", "basic", "intermediate", "fluent", "native"};

struct Child {
    int age = 0;
    std::string school;  // kSchools
    bool special_needs = false;
};
inline constexpr const char* kSchools[] = {"none", "nursery", "primary", "secondary", "vocational", "other"};

struct Profile {
    std::vector<Language> languages;
    std::vector<Child> children;
};

// Why `profile` cannot be kept ("languages": "duplicate" for a language given twice); nullopt
// when it can.
struct ProfileRefusal {
    std::string field;
    std::string code;
};
std::optional<ProfileRefusal> RefusedProfile(const Profile& profile);

// How she may be reached.
struct SafeContact {
    std::string channel;    // kChannels; "none": nobody contacts her
    std::string phone;      // for "phone_call" and "sms"
    std::string email;      // for "email"
    std::vector<int> days;  // ISO weekdays 1 (Monday) to 7 on which she may be reached; empty: any
    std::string from;       // "HH:MM" local time where she is received (the place's zone); empty with `to`: any time
    std::string to;
    bool leave_message = false;  // a message may be left (voicemail, a text that stays on her phone)
    bool name_sender = false;    // the message may name the organization
    std::string code_word;       // said first, so that she knows the caller is her worker
};
inline constexpr const char* kChannels[] = {"phone_call", "sms", "email", "in_person", "none"};

// Why `rules` cannot be kept, as a field and its code ("phone" or "email": "required" for the
// channel that needs it; "to": "before_start" for hours that end before they start, "required"
// when only one end is given); nullopt when they can.
std::optional<ProfileRefusal> RefusedSafeContact(const SafeContact& rules);

// True when her rules let a message reach her on ISO weekday `day` (1-7) at `minute` of the day
// (0-1439, local time where she is received) through a channel that is not "in_person" or "none".
bool MayContactAt(const SafeContact& rules, int day, int minute);

// What only her team reads.
struct Sensitive {
    std::string violence;       // kViolence
    std::string violence_note;  // in her worker's words
    std::string health_note;
    std::string legal_status;  // kLegalStatuses
    std::string legal_note;
};
inline constexpr const char* kViolence[] = {"not_asked", "none", "past", "ongoing"};
inline constexpr const char* kLegalStatuses[] = {
    "not_asked",    "eu_citizen", "residence_permit", "asylum_seeker", "international_protection",
    "undocumented", "other"};

// Each part as JSON (the API's and the sealed column's form), and back. The readers take JSON the
// route's schema (or this module's writer) has checked.
boost::json::object ToJson(const Profile& profile);
Profile ProfileFrom(const boost::json::object& json);
boost::json::object ToJson(const SafeContact& rules);
SafeContact SafeContactFrom(const boost::json::object& json);
boost::json::object ToJson(const Sensitive& sensitive);
Sensitive SensitiveFrom(const boost::json::object& json);

}  // namespace ponte::cases
