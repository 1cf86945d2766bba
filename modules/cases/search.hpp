// The caseload's search, a substring of her folded name and code, and the statistics that keep it
// fast. Both engines serve it by a trigram index (migrations 0013 and 0014), which finds the women
// who hold every three-letter piece of what was typed. A piece most women share (of a word in
// every name, or the " w-" before every code) has a list of every woman: asking for it reads that
// whole list, which made a search at 100,000 women 5 times slower on SQLite and 17 times on
// PostgreSQL than one by its rare pieces alone. So the search asks the index for a few of the
// pieces that are not common, when it has any, and then tests the whole substring on the few
// women they name; with none, or with no statistics yet, it asks for them all.
//
// Which pieces are common is counted by a recurring job (and by seed-demo) into one row
// (migration 0017): the trigrams held by more than 1/20 of the women and by more than
// kCommonFloor of them. A count out of date only makes a search slower, never its answer
// different. A trigram held by hundreds of women names none of them.
//
// Thread-safe: each call works on the connection it is given only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/registry.hpp"

namespace ponte::cases {

struct Module;

inline constexpr std::string_view kSearchStatisticsJobKind = "cases.search_statistics";
inline constexpr std::chrono::hours kSearchStatisticsInterval{6};
// Below this, a trigram's list is short enough to read whatever it holds.
inline constexpr std::int64_t kCommonFloor = 500;
// The most trigrams a search asks its index for: a few rare ones already name few women.
inline constexpr std::size_t kMostTrigramsAsked = 4;

// The number of characters (UTF-8 code points) of `text`.
std::size_t CodePoints(std::string_view text);

// The pieces of `folded` (FoldForSearch) to ask the index for on this connection's engine, among
// its trigrams that the statistics do not count common, at most kMostTrigramsAsked of them spread
// over it. Empty when the index is to be asked for them all: fewer than three characters, only
// common pieces, or no statistics (none counted yet, or unreadable). On SQLite a trigram is any
// three characters in a row, as FTS5's trigram tokenizer cuts them; on PostgreSQL three letters
// or digits of one word, as pg_trgm cuts a pattern '%abc%' (so "w-12" or "ab cd" has none). One
// statement (the statistics) for a search of three characters or more, none for a shorter one.
std::vector<std::string> RareTrigrams(db::Connection& connection, std::string_view folded);

// Counts the common trigrams of every woman's search text into the statistics: those held by more
// than max(floor, women / 20) women. About 0.1 s on SQLite and 1.1 s on PostgreSQL at 100,000.
void CountSearchStatistics(db::Connection& connection, std::int64_t now_ms, std::int64_t floor = kCommonFloor);

// The recurring job that counts them every kSearchStatisticsInterval.
void AddSearchStatistics(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases
