#include "core/pdf/flow.hpp"

namespace ponte::pdf {

std::vector<std::vector<Placed>> Paginate(const std::vector<Piece>& pieces) {
    constexpr double kBodyHeight = kBodyBottom - kMargin;
    std::vector<std::vector<Placed>> pages(1);
    double y = kMargin;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const Piece& piece = pieces[i];
        const double header = piece.header ? pieces[*piece.header].height : 0;
        double needed = piece.height;
        for (std::size_t j = i; pieces[j].keep_with_next && j + 1 < pieces.size(); ++j) {
            needed += pieces[j + 1].space_before + pieces[j + 1].height;
        }
        if (header + needed > kBodyHeight) needed = piece.height;
        double space = pages.back().empty() ? 0 : piece.space_before;
        const bool fits_here = y + space + needed <= kBodyBottom;
        const bool kept_with_previous = i > 0 && pieces[i - 1].keep_with_next;
        const bool fits_a_page = header + needed <= kBodyHeight;
        if (!pages.back().empty() && (piece.new_page || (!fits_here && (fits_a_page || !kept_with_previous)))) {
            pages.emplace_back();
            y = kMargin;
            space = 0;
            if (piece.header) {
                pages.back().emplace_back(*piece.header, y);
                y += header;
            }
        }
        y += space;
        pages.back().emplace_back(i, y);
        y += piece.height;
    }
    return pages;
}

}  // namespace ponte::pdf
