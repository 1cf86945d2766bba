#include "core/calendar/module.hpp"

#include "core/calendar/feeds.hpp"
#include "core/db/migrate.hpp"

namespace ponte::calendar {
namespace {

class CalendarModule : public core::Module {
  public:
    std::string_view word() const override { return "calendar"; }
    void Register(core::Registry& registry) const override { calendar::Register(registry); }
};

}  // namespace

void Register(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("calendar", "core/calendar/migrations/"));
    // A feed's address is hers: it opens what she sees of her calendar.
    registry.AddPersonalData(
        {.name = "calendar.feeds",
         .description = "The secret calendar addresses she made for her calendar program: what each one shows "
                        "(its scope), when it was made and when it was revoked. The addresses themselves are not "
                        "kept, only a digest that recognizes them.",
         .tables = {"calendar_feeds"},
         .exporter = [](db::Connection& connection, std::int64_t person,
                        const privacy::Context&) -> boost::json::value { return ExportFeeds(connection, person); },
         .eraser = [](db::Connection& connection, std::int64_t person,
                      const privacy::Context&) { EraseFeeds(connection, person); }});
}

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<CalendarModule>(); }

}  // namespace ponte::calendar
