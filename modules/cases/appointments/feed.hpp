// A worker's calendar feed: the secret address her phone's or computer's calendar program
// subscribes to, which lists her appointments of the listening space as iCalendar events. She
// issues it for herself (issuing again revokes the former address), revokes it, and reads whether
// she has one; the address itself opens the feed without a session, so it is the credential
// (core/calendar/feeds.hpp keeps only its digest).
//
// What the feed shows is read on a lock screen by whoever holds her phone: each event names the
// woman only by her case's pseudonymous code and says the kind of visit and the place, never her
// name, her story or a cancellation's reason.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/ics.hpp"
#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/store.hpp"

namespace ponte::cases {

// The scope of a worker's feed in calendar_feeds.
inline constexpr std::string_view kFeedScope = "cases.worker";
// The feed shows appointments that ended at most this long ago, and at most kFeedLimit of them:
// enough for a calendar program to keep the recent past, bounded for a worker with many.
inline constexpr std::int64_t kFeedPastMs = 30LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kFeedLimit = 500;

// The feed's address of `token`, as the API answers it.
std::string FeedPath(std::string_view token);

// The domain of the events' UIDs: the host of `public_url` ("https://ponte.example.org" gives
// "ponte.example.org"), or "ponte" without one. Stable as long as the address is.
std::string UidDomain(std::string_view public_url);

// The calendar of `appointments` in `locale` (the kinds of visit translated), written at `now_ms`.
// Pure but for the catalogue.
calendar::Calendar WorkerCalendar(const std::vector<FeedAppointment>& appointments, std::string_view locale,
                                  std::string_view uid_domain, std::int64_t now_ms);

// Adds the routes of the worker's feed (issue, revoke, read its state; the public .ics), bound to
// `module`, with the UIDs' domain taken from the registry's deployment.
void AddCalendarFeed(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases
