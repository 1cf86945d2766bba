#include "modules/cases/deadlines/model.hpp"

namespace ponte::cases {

bool IsOverdue(const Deadline& deadline, std::string_view today) {
    // Days written "YYYY-MM-DD" sort as they fall.
    return deadline.done_at == 0 && deadline.due_on < today;
}

}  // namespace ponte::cases
