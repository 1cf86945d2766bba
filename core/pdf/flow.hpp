// The flow of a document down its pages: what is drawn (lines of text, table rows, rules) as
// pieces of known height, and where pages break between them. Knows nothing of Cairo or Pango, so
// that the rules of page breaking are tested on their own (flow_test.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace ponte::pdf {

// A4 in points (1/72 inch), the PDF's user unit, with 20 mm margins.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.890;
inline constexpr double kMargin = 56.693;
inline constexpr double kBodyWidth = kPageWidth - 2 * kMargin;
inline constexpr double kBodyBottom = kPageHeight - kMargin;

// Something drawn in the flow of the page: a line of text, a table row, a rule. Pages break only
// between pieces.
struct Piece {
    double height = 0;
    // Space above the piece, dropped at the top of a page.
    double space_before = 0;
    // A heading or a table's header: on the same page as the piece after it.
    bool keep_with_next = false;
    // Opens a page, unless it would open one already (the start of a section on a page of its own).
    bool new_page = false;
    // The piece drawn again above this one when this one opens a page (a table's header row).
    std::optional<std::size_t> header;
    // Draws the piece with its top at `top` points from the top of the page.
    std::function<void(double top)> draw;
};

// A piece on a page: its index in the flow and the top it is drawn at.
using Placed = std::pair<std::size_t, double>;

// The pieces of each page between the margins, with the top of each: a piece goes to the next
// page when it does not fit, with the pieces it is kept with. What no page can hold is not moved
// in vain: a chain of kept pieces taller than a page is placed piece by piece, and a piece taller
// than a page stays where it is when the piece before it is kept with it (its heading or header),
// else starts a page, where it is cut the least. Always at least one page, empty for no pieces.
std::vector<std::vector<Placed>> Paginate(const std::vector<Piece>& pieces);

}  // namespace ponte::pdf
