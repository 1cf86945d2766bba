// The feeds of core/calendar read back by another implementation: Debian's python3-icalendar,
// through core/calendar/read_ics.py (which also checks CR LF line ends and 75-octet lines).
// Without it the tests are skipped, unless PONTE_REQUIRE_TOOLS=1 (as `make test` sets) makes a
// missing tool a failure (core/testing/ics_reader.hpp).
#include "core/calendar/ics.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <string>
#include <thread>
#include <vector>

#include "core/testing/ics_reader.hpp"

namespace ponte::calendar {
namespace {

constexpr std::int64_t kStart = 1'767'261'600'000;  // 2026-01-01T10:00:00Z
constexpr std::int64_t kHour = 3'600'000;

Event Appointment(std::string uid) {
    return {.uid = std::move(uid),
            .start_ms = kStart,
            .end_ms = kStart + kHour,
            .summary = "Appointment",
            .location = "Via Roma 1",
            .description = "Bring the documents",
            .status = EventStatus::kConfirmed,
            .sequence = 0,
            .stamp_ms = kStart - 24 * kHour};
}

class IcsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!testing::IcsReader::Available()) GTEST_SKIP() << testing::IcsReader::kMissing;
    }

    // What read_ics.py reads in the document of `calendar`.
    static boost::json::object Read(const Calendar& calendar) {
        return testing::IcsReader::Read(WriteCalendar(calendar));
    }

    // The only event of what read_ics.py read.
    boost::json::object ReadOne(const Event& event) {
        auto read = Read({.name = "Agenda", .product_id = "-//Ponte//Ponte//EN", .events = {event}});
        if (!read.contains("events") || read.at("events").as_array().size() != 1) {
            ADD_FAILURE() << "not one event: " << boost::json::serialize(read);
            return {};
        }
        return read.at("events").at(0).as_object();
    }
};

TEST_F(IcsTest, EmptyCalendar_HasTheHeaderAndNoComponent) {
    auto read = Read({.name = "Agenda de Maria", .product_id = "-//Ponte//Ponte 0.1//EN"});
    EXPECT_EQ(read.at("version"), "2.0");
    EXPECT_EQ(read.at("prodid"), "-//Ponte//Ponte 0.1//EN");
    EXPECT_EQ(read.at("calscale"), "GREGORIAN");
    EXPECT_EQ(read.at("method"), "PUBLISH");
    EXPECT_EQ(read.at("name"), "Agenda de Maria");
    EXPECT_EQ(read.at("components"), boost::json::array());
}

TEST_F(IcsTest, EmptyName_WritesNoCalendarName) {
    auto read = Read({.product_id = "-//Ponte//Ponte 0.1//EN"});
    EXPECT_TRUE(read.at("name").is_null());
}

TEST_F(IcsTest, Event_HasEveryFieldInUtc) {
    Event event = Appointment("appointment-1@ponte.example.org");
    event.sequence = 3;
    event.start_ms += 999;  // iCalendar counts whole seconds: the milliseconds are dropped
    auto read = ReadOne(event);
    EXPECT_EQ(read.at("uid"), "appointment-1@ponte.example.org");
    EXPECT_EQ(read.at("dtstart").at("text"), "20260101T100000Z");
    EXPECT_EQ(read.at("dtstart").at("epoch"), kStart / 1000);
    EXPECT_EQ(read.at("dtstart").at("utc"), true);
    EXPECT_EQ(read.at("dtend").at("text"), "20260101T110000Z");
    EXPECT_EQ(read.at("dtend").at("utc"), true);
    EXPECT_EQ(read.at("dtstamp").at("text"), "20251231T100000Z");
    EXPECT_EQ(read.at("dtstamp").at("utc"), true);
    EXPECT_EQ(read.at("summary"), "Appointment");
    EXPECT_EQ(read.at("location"), "Via Roma 1");
    EXPECT_EQ(read.at("description"), "Bring the documents");
    EXPECT_EQ(read.at("status"), "CONFIRMED");
    EXPECT_EQ(read.at("sequence"), 3);
}

TEST_F(IcsTest, TimeBeforeTheEpoch_RoundsDown) {
    Event event = Appointment("old@ponte.example.org");
    event.start_ms = -1;  // 1969-12-31T23:59:59.999Z
    event.end_ms = 1000;
    auto read = ReadOne(event);
    EXPECT_EQ(read.at("dtstart").at("text"), "19691231T235959Z");
    EXPECT_EQ(read.at("dtend").at("text"), "19700101T000001Z");
}

TEST_F(IcsTest, CancelledAndTentativeEvents_SayIt) {
    Event cancelled = Appointment("cancelled@ponte.example.org");
    cancelled.status = EventStatus::kCancelled;
    cancelled.sequence = 1;
    Event tentative = Appointment("tentative@ponte.example.org");
    tentative.status = EventStatus::kTentative;
    auto read = Read({.product_id = "-//Ponte//Ponte//EN", .events = {cancelled, tentative}});
    ASSERT_EQ(read.at("events").as_array().size(), 2u);
    EXPECT_EQ(read.at("events").at(0).at("uid"), "cancelled@ponte.example.org");
    EXPECT_EQ(read.at("events").at(0).at("status"), "CANCELLED");
    EXPECT_EQ(read.at("events").at(0).at("sequence"), 1);
    EXPECT_EQ(read.at("events").at(1).at("status"), "TENTATIVE");
}

TEST_F(IcsTest, ArabicAndAccentedText_ReadBackUnchanged) {
    Event event = Appointment("arabic@ponte.example.org");
    event.summary = "موعد مع فاطمة حسن";
    event.location = "Çà et là, Plaça d’Espanya";
    event.description = "Señora Müller — لا تنسي جواز السفر";
    auto read = Read({.name = "أجندة مريم", .product_id = "-//Ponte//Ponte//EN", .events = {event}});
    EXPECT_EQ(read.at("name"), "أجندة مريم");
    const auto& one = read.at("events").at(0);
    EXPECT_EQ(one.at("summary"), "موعد مع فاطمة حسن");
    EXPECT_EQ(one.at("location"), "Çà et là, Plaça d’Espanya");
    EXPECT_EQ(one.at("description"), "Señora Müller — لا تنسي جواز السفر");
}

TEST_F(IcsTest, CommasSemicolonsBackslashesAndLineBreaks_AreEscaped) {
    Event event = Appointment("escaped@ponte.example.org");
    event.summary = "Interview; bring ID, photos \\ copies";
    event.location = "Room 2, floor 1; back entrance";
    event.description = "First line\nsecond line\r\nthird line\rfourth\tend";
    auto read = Read({.name = "Agenda; Ana, Luz", .product_id = "-//Ponte//Ponte//EN", .events = {event}});
    EXPECT_EQ(read.at("name"), "Agenda; Ana, Luz");
    const auto& one = read.at("events").at(0);
    EXPECT_EQ(one.at("summary"), "Interview; bring ID, photos \\ copies");
    EXPECT_EQ(one.at("location"), "Room 2, floor 1; back entrance");
    EXPECT_EQ(one.at("description"), "First line\nsecond line\nthird line\nfourth\tend");
}

TEST_F(IcsTest, ControlCharacters_AreDropped) {
    Event event = Appointment("control@ponte.example.org");
    event.summary = std::string("Bell\x07 and\x1b escape\x7f") + '\0' + "nul";
    auto read = ReadOne(event);
    EXPECT_EQ(read.at("summary"), "Bell and escapenul");
}

TEST_F(IcsTest, LongDescriptions_AreFoldedAndReadBackWhole) {
    std::string arabic;
    std::string latin;
    for (int i = 0; i < 40; ++i) {
        arabic += "موعدفيالبلديةمعفاطمة";  // no space to fold at: the fold falls inside a word
        latin += "Documents à apporter, s’il vous plaît; ";
    }
    Event event = Appointment("long@ponte.example.org");
    event.summary = arabic;
    event.description = latin + "\n" + arabic;
    const std::string document = WriteCalendar({.product_id = "-//Ponte//Ponte//EN", .events = {event}});
    EXPECT_NE(document.find("\r\n "), std::string::npos) << "folded";
    auto read = ReadOne(event);  // read_ics.py fails on a line over 75 octets
    EXPECT_EQ(read.at("summary").as_string(), arabic);
    EXPECT_EQ(read.at("description").as_string(), latin + "\n" + arabic);
}

TEST(WriteCalendar, OnManyThreadsAtOnce_GivesTheSameDocument) {
    const Calendar calendar{
        .name = "Agenda", .product_id = "-//Ponte//Ponte//EN", .events = {Appointment("a@x"), Appointment("b@x")}};
    const std::string expected = WriteCalendar(calendar);
    std::vector<std::thread> threads;
    std::vector<std::string> written(8);
    threads.reserve(written.size());
    for (auto& out : written) {
        threads.emplace_back([&calendar, &out] {
            for (int i = 0; i < 50; ++i) out = WriteCalendar(calendar);
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& out : written) EXPECT_EQ(out, expected);
}

}  // namespace
}  // namespace ponte::calendar
