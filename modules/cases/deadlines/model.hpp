// Deadlines as plain values: what falls due on which day, with the documents it needs. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::cases {

inline constexpr const char* kDeadlineKinds[] = {"residence_permit", "asylum_step", "benefit_renewal",
                                                 "school_enrolment", "other"};

struct Deadline {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string kind;
    std::string title;                   // sealed
    std::string due_on;                  // "YYYY-MM-DD"
    std::vector<std::string> documents;  // sealed
    std::int64_t done_at = 0;            // 0: open
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::int64_t version = 1;
    // Read with the organization's list: her case as it is shown there.
    std::string case_code;
    std::string chosen_name;
};

// True when the deadline is open and its day is before `today` ("YYYY-MM-DD").
bool IsOverdue(const Deadline& deadline, std::string_view today);

}  // namespace ponte::cases
