#include "core/pdf/render.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <new>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "core/pdf/flow.hpp"
#include "core/pdf/text.hpp"

namespace ponte::pdf {
namespace {

constexpr double kBulletIndent = 14;
constexpr double kLabelShare = 0.35;
constexpr double kColumnGap = 10;
constexpr double kCellPadding = 4;

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

// Cairo's output callback: the PDF grows in a string. No exception may cross Cairo's C frames.
cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::bad_alloc&) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

class Renderer {
  public:
    explicit Renderer(const Document& document) : document_(document) {}

    std::string Run() {
        std::string pdf;
        std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
            cairo_pdf_surface_create_for_stream(&Append, &pdf, kPageWidth, kPageHeight));
        const std::string title = ValidUtf8(document_.title);
        if (!title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Ponte");
        std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
        cr_ = cr.get();
        auto text = std::make_unique<Typesetter>(cr_);
        text_ = text.get();

        AddTitle();
        for (const auto& section : document_.sections) AddSection(section);
        const auto pages = Paginate(pieces_);
        for (std::size_t page = 0; page < pages.size(); ++page) {
            cairo_save(cr_);
            // A row taller than the page stops at the bottom margin, clear of the footer.
            cairo_rectangle(cr_, 0, 0, kPageWidth, kBodyBottom);
            cairo_clip(cr_);
            for (const auto& [index, top] : pages[page]) pieces_[index].draw(top);
            cairo_restore(cr_);
            DrawFooter(static_cast<int>(page) + 1, static_cast<int>(pages.size()));
            cairo_show_page(cr_);
        }

        pieces_.clear();
        text.reset();
        cr.reset();
        cairo_surface_finish(surface.get());
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
            throw std::runtime_error(std::string("PDF rendering failed: ") +
                                     cairo_status_to_string(cairo_surface_status(surface.get())));
        }
        return pdf;
    }

  private:
    PangoLayout* Layout(std::string_view text, const Style& style, double width, const std::string& language,
                        bool centred = false) {
        return text_->Layout(text, style, width, language, centred);
    }
    static double Height(PangoLayout* layout) { return Typesetter::Height(layout); }

    // The left edge of a box `width` wide whose inline start is `start` points into the body: from
    // the left margin in a left-to-right language, from the right margin in a right-to-left one.
    static double X(bool rtl, double start, double width) {
        return rtl ? kMargin + kBodyWidth - start - width : kMargin + start;
    }

    // One piece per line of `layout` (whose left edge is at `x`), so that a paragraph may break
    // across pages; `first_line` also draws on the first line (a bullet), given its baseline.
    void AddLines(PangoLayout* layout, double x, Colour colour, double space_before,
                  std::function<void(cairo_t*, double baseline)> first_line = {}) {
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        bool first = true;
        do {
            int top = 0;
            int bottom = 0;
            pango_layout_iter_get_line_yrange(iter, &top, &bottom);
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            const double ascent = static_cast<double>(pango_layout_iter_get_baseline(iter) - top) / PANGO_SCALE;
            const double left = x + static_cast<double>(logical.x) / PANGO_SCALE;
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
            std::function<void(cairo_t*, double)> extra = first ? first_line : nullptr;
            pieces_.push_back({.height = static_cast<double>(bottom - top) / PANGO_SCALE,
                               .space_before = first ? space_before : 0,
                               .draw = [=, cr = cr_](double y) {
                                   SetColour(cr, colour);
                                   cairo_move_to(cr, left, y + ascent);
                                   pango_cairo_show_layout_line(cr, line);
                                   if (extra) extra(cr, y + ascent);
                               }});
            first = false;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    void AddText(std::string_view text, const Style& style, double space_before, const std::string& language,
                 bool keep_with_next = false) {
        const bool rtl = DirectionOf(language) == Direction::kRightToLeft;
        PangoLayout* layout = Layout(text, style, kBodyWidth, language);
        const std::size_t first = pieces_.size();
        AddLines(layout, X(rtl, 0, kBodyWidth), style.colour, space_before);
        // A heading is kept whole, and with what follows it.
        for (std::size_t i = first; keep_with_next && i < pieces_.size(); ++i) pieces_[i].keep_with_next = true;
    }

    void AddTitle() {
        const std::string& language = document_.language;
        if (!document_.title.empty()) AddText(document_.title, kTitle, 0, language, true);
        if (!document_.subtitle.empty()) AddText(document_.subtitle, kSubtitle, 4, language, true);
        if (document_.title.empty() && document_.subtitle.empty()) return;
        pieces_.push_back({.height = 0.75, .space_before = 10, .draw = [cr = cr_](double y) {
                               SetColour(cr, kRule);
                               cairo_set_line_width(cr, 0.75);
                               cairo_move_to(cr, kMargin, y + 0.375);
                               cairo_line_to(cr, kMargin + kBodyWidth, y + 0.375);
                               cairo_stroke(cr);
                           }});
    }

    void AddSection(const Section& section) {
        const std::string& language = section.language.empty() ? document_.language : section.language;
        const std::size_t start = pieces_.size();
        if (!section.heading.empty()) AddText(section.heading, kSectionHeading, 18, language, true);
        bool first = true;
        for (const auto& block : section.blocks) {
            const double space = first && !section.heading.empty() ? 6 : 8;
            std::visit([&](const auto& value) { AddBlock(value, space, language); }, block);
            first = false;
        }
        if (section.new_page && start < pieces_.size()) pieces_[start].new_page = true;
    }

    void AddBlock(const Paragraph& paragraph, double space_before, const std::string& language) {
        AddText(paragraph.text, kBody, space_before, language);
    }

    void AddBlock(const BulletList& list, double space_before, const std::string& language) {
        const bool rtl = DirectionOf(language) == Direction::kRightToLeft;
        for (const auto& item : list.items) {
            PangoLayout* text = Layout(item, kBody, kBodyWidth - kBulletIndent, language);
            PangoLayout* bullet = Layout("\u2022", kBody, kBulletIndent, language);
            PangoLayoutLine* bullet_line = pango_layout_get_line_readonly(bullet, 0);
            PangoRectangle logical;
            pango_layout_line_get_extents(bullet_line, nullptr, &logical);
            // The bullet at the inline start of its indent, on the baseline of the item's first line.
            const double box = X(rtl, 0, kBulletIndent);
            const double bullet_x = rtl ? box + kBulletIndent - static_cast<double>(logical.width) / PANGO_SCALE : box;
            AddLines(text, X(rtl, kBulletIndent, kBodyWidth - kBulletIndent), kText, space_before,
                     [bullet_line, bullet_x](cairo_t* cr, double baseline) {
                         cairo_move_to(cr, bullet_x, baseline);
                         pango_cairo_show_layout_line(cr, bullet_line);
                     });
            space_before = 3;
        }
    }

    void AddBlock(const KeyValueList& list, double space_before, const std::string& language) {
        const bool rtl = DirectionOf(language) == Direction::kRightToLeft;
        const double label_width = kBodyWidth * kLabelShare - kColumnGap;
        const double value_width = kBodyWidth * (1 - kLabelShare);
        for (const auto& row : list.rows) {
            PangoLayout* label = Layout(row.label, kBodyBold, label_width, language);
            PangoLayout* value = Layout(row.value, kBody, value_width, language);
            const double label_x = X(rtl, 0, label_width);
            const double value_x = X(rtl, kBodyWidth * kLabelShare, value_width);
            pieces_.push_back({.height = std::max(Height(label), Height(value)),
                               .space_before = space_before,
                               .draw = [=, cr = cr_](double y) {
                                   SetColour(cr, kText);
                                   cairo_move_to(cr, label_x, y);
                                   pango_cairo_show_layout(cr, label);
                                   cairo_move_to(cr, value_x, y);
                                   pango_cairo_show_layout(cr, value);
                               }});
            space_before = 4;
        }
    }

    void AddBlock(const Table& table, double space_before, const std::string& language) {
        if (table.columns.empty()) throw std::invalid_argument("a table has no columns");
        double total = 0;
        for (const auto& column : table.columns) {
            if (!(column.width > 0)) throw std::invalid_argument("a table column's width is not positive");
            total += column.width;
        }
        for (const auto& row : table.rows) {
            if (row.size() != table.columns.size()) {
                throw std::invalid_argument("a table row has " + std::to_string(row.size()) + " cells for " +
                                            std::to_string(table.columns.size()) + " columns");
            }
        }
        const bool rtl = DirectionOf(language) == Direction::kRightToLeft;
        // Each column's box, from the inline start: the first column is on the right in a
        // right-to-left language.
        std::vector<std::pair<double, double>> boxes;  // (left edge, width)
        double start = 0;
        for (const auto& column : table.columns) {
            const double width = kBodyWidth * column.width / total;
            boxes.emplace_back(X(rtl, start, width), width);
            start += width;
        }
        auto add_row = [&](const std::vector<std::string>& cells, bool header, double space) {
            std::vector<PangoLayout*> layouts;
            double height = 0;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                layouts.push_back(
                    Layout(cells[i], header ? kBodyBold : kBody, boxes[i].second - 2 * kCellPadding, language));
                height = std::max(height, Height(layouts.back()));
            }
            height += 2 * kCellPadding;
            pieces_.push_back(
                {.height = height, .space_before = space, .keep_with_next = header, .draw = [=, cr = cr_](double y) {
                     cairo_set_line_width(cr, 0.5);
                     for (std::size_t i = 0; i < layouts.size(); ++i) {
                         const auto [left, width] = boxes[i];
                         cairo_rectangle(cr, left, y, width, height);
                         if (header) {
                             SetColour(cr, kHeaderFill);
                             cairo_fill_preserve(cr);
                         }
                         SetColour(cr, kRule);
                         cairo_stroke(cr);
                         SetColour(cr, kText);
                         cairo_move_to(cr, left + kCellPadding, y + kCellPadding);
                         pango_cairo_show_layout(cr, layouts[i]);
                     }
                 }});
        };
        std::vector<std::string> headers;
        for (const auto& column : table.columns) headers.push_back(column.header);
        const std::size_t header = pieces_.size();
        add_row(headers, true, space_before);
        for (const auto& row : table.rows) {
            add_row(row, false, 0);
            pieces_.back().header = header;
        }
        // A table without rows is its header alone: nothing to keep it with.
        if (table.rows.empty()) pieces_[header].keep_with_next = false;
    }

    void DrawFooter(int page, int pages) {
        if (document_.footer.empty()) return;
        PangoLayout* footer =
            Layout(FooterText(document_.footer, page, pages), kFooter, kBodyWidth, document_.language, true);
        SetColour(cr_, kFooter.colour);
        cairo_move_to(cr_, kMargin, kBodyBottom + (kMargin - Height(footer)) / 2);
        pango_cairo_show_layout(cr_, footer);
    }

    const Document& document_;
    cairo_t* cr_ = nullptr;
    Typesetter* text_ = nullptr;
    std::vector<Piece> pieces_;
};

}  // namespace

std::string Render(const Document& document) { return Renderer(document).Run(); }

}  // namespace ponte::pdf
