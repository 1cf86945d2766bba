#include "modules/cases/search.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <optional>
#include <unordered_set>

#include "core/feature.hpp"
#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {
namespace {

// As often as retention's: each run queues the next, so a run failed for good ends the chain
// until the next start.
constexpr int kAttempts = 100;

constexpr std::string_view kSelectStatistics = "SELECT common_trigrams FROM cases_search_statistics WHERE id = 1";
constexpr std::string_view kCountWomen = "SELECT COUNT(*) FROM cases_women";
constexpr std::string_view kUpsertStatistics =
    "INSERT INTO cases_search_statistics (id, women, common_trigrams, counted_at) VALUES (1, $1, $2, $3) "
    "ON CONFLICT (id) DO UPDATE SET women = excluded.women, common_trigrams = excluded.common_trigrams, "
    "counted_at = excluded.counted_at";

// The statement that lists the trigrams held by more than $1 women: on SQLite from the index's own
// vocabulary; on PostgreSQL by cutting each woman's text into its distinct windows of three
// characters, as the SQLite index cuts it (a superset of the pieces pg_trgm is asked for).
std::string_view SelectCommonTrigrams(db::Engine engine) {
    if (engine == db::Engine::kSqlite) return "SELECT term FROM cases_women_search_vocabulary WHERE doc > $1";
    return "SELECT d.t FROM cases_women w CROSS JOIN LATERAL (SELECT DISTINCT substr(w.search_text, i, 3) AS t "
           "FROM generate_series(1, char_length(w.search_text) - 2) AS i) d GROUP BY d.t HAVING COUNT(*) > $1";
}

// Whether the engine's index cuts trigrams within words only (pg_trgm) rather than across any
// three characters (FTS5).
bool ByWords(db::Engine engine) { return engine == db::Engine::kPostgres; }

// Whether the character that starts with byte `lead` is one pg_trgm keeps in a word: an ASCII
// letter or digit, or any character past ASCII, which in a UTF-8 database is most often a letter.
// Where it is not (a typographic apostrophe, a non-breaking space), pg_trgm cuts the pattern
// '%abc%' into other pieces than the one counted, perhaps common ones: the search is slower then,
// its answer the same.
bool WordCharacter(unsigned char lead) { return lead >= 0x80U || std::isalnum(lead) != 0; }

// The common trigrams as last counted; none when they were never counted or cannot be read.
std::optional<std::unordered_set<std::string>> CommonTrigrams(db::Connection& connection) {
    auto rows = connection.Execute(kSelectStatistics, {});
    if (rows.empty()) return std::nullopt;
    boost::system::error_code error;
    const boost::json::value parsed = boost::json::parse(rows.Text(0, 0), error);
    if (error || !parsed.is_array()) {
        log::Warn("the caseload's search statistics cannot be read", {{"error", error.message()}});
        return std::nullopt;
    }
    std::unordered_set<std::string> common;
    for (const auto& trigram : parsed.get_array()) {
        if (trigram.is_string()) common.emplace(trigram.get_string());
    }
    return common;
}

}  // namespace

std::size_t CodePoints(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::vector<std::string> RareTrigrams(db::Connection& connection, std::string_view folded) {
    std::vector<std::size_t> starts;  // where each character of `folded` starts
    for (std::size_t at = 0; at < folded.size(); ++at) {
        if ((static_cast<unsigned char>(folded[at]) & 0xC0U) != 0x80U) starts.push_back(at);
    }
    if (starts.size() < 3) return {};
    starts.push_back(folded.size());
    // Read whenever the search is long enough for the index, on either engine: one statement more.
    const auto common = CommonTrigrams(connection);
    if (!common) return {};
    const bool by_words = ByWords(connection.engine());
    std::vector<std::string> candidates;
    for (std::size_t first = 0; first + 3 < starts.size(); ++first) {
        const bool in_one_word = std::all_of(starts.begin() + static_cast<std::ptrdiff_t>(first),
                                             starts.begin() + static_cast<std::ptrdiff_t>(first + 3),
                                             [&](std::size_t at) { return WordCharacter(folded[at]); });
        if (by_words && !in_one_word) continue;
        std::string trigram(folded.substr(starts[first], starts[first + 3] - starts[first]));
        if (std::find(candidates.begin(), candidates.end(), trigram) == candidates.end()) {
            candidates.push_back(std::move(trigram));
        }
    }
    std::erase_if(candidates, [&](const std::string& trigram) { return common->contains(trigram); });
    if (candidates.size() <= kMostTrigramsAsked) return candidates;
    // Spread over what was typed: pieces far apart are more nearly independent, and name fewer
    // women together than pieces side by side.
    std::vector<std::string> spread;
    spread.reserve(kMostTrigramsAsked);
    for (std::size_t i = 0; i < kMostTrigramsAsked; ++i) {
        spread.push_back(candidates[i * (candidates.size() - 1) / (kMostTrigramsAsked - 1)]);
    }
    return spread;
}

void CountSearchStatistics(db::Connection& connection, std::int64_t now_ms, std::int64_t floor) {
    const std::int64_t women = connection.Execute(kCountWomen, {}).Int(0, 0);
    const std::int64_t threshold = std::max(floor, women / 20);
    auto rows = connection.Execute(SelectCommonTrigrams(connection.engine()), {threshold});
    std::vector<std::string> common;
    common.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) common.push_back(rows.Text(row, 0));
    std::sort(common.begin(), common.end());
    boost::json::array list;
    list.reserve(common.size());
    for (auto& trigram : common) list.emplace_back(std::move(trigram));
    connection.Execute(kUpsertStatistics, {women, boost::json::serialize(list), now_ms});
}

void AddSearchStatistics(core::Registry& registry, std::shared_ptr<const Module> module) {
    registry.AddRecurringJob(std::string(kSearchStatisticsJobKind), [module](const std::string&) {
        const std::int64_t now = core::NowMs();
        CountSearchStatistics(*module->database().Acquire(), now);
        const std::int64_t next =
            std::chrono::duration_cast<std::chrono::milliseconds>(kSearchStatisticsInterval).count();
        jobs::EnqueueUnlessQueued(*module->database().Acquire(), kSearchStatisticsJobKind, "{}", now + next, kAttempts);
    });
}

}  // namespace ponte::cases
