#include "core/pdf/render.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace ponte::pdf {
namespace {

// A4 in points (1/72 inch), the PDF's user unit, with 20 mm margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.693;
constexpr double kBodyWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin;

// Latin, Cyrillic and Greek from Noto Sans; Arabic, Persian and Urdu from Noto Sans Arabic; Hebrew;
// DejaVu Sans and then fontconfig's own choice for any other script. Not Noto Naskh Arabic, the
// book style: poppler reads the alef of its lam-alef back on a line of its own, so that search,
// copy and paste and screen readers lose the word.
constexpr const char* kFamilies = "Noto Sans,Noto Sans Arabic,Noto Sans Hebrew,DejaVu Sans,sans-serif";

constexpr double kBulletIndent = 14;
constexpr double kLabelShare = 0.35;
constexpr double kColumnGap = 10;
constexpr double kCellPadding = 4;

struct Colour {
    double red, green, blue;
};
constexpr Colour kText{0.10, 0.10, 0.10};
constexpr Colour kHeading{0.12, 0.23, 0.37};
constexpr Colour kQuiet{0.35, 0.35, 0.35};
constexpr Colour kRule{0.60, 0.60, 0.60};
constexpr Colour kHeaderFill{0.92, 0.93, 0.95};

struct Style {
    double size;
    bool bold;
    Colour colour;
};
constexpr Style kTitle{20, true, kHeading};
constexpr Style kSubtitle{12, false, kQuiet};
constexpr Style kSectionHeading{13, true, kHeading};
constexpr Style kBody{10.5, false, kText};
constexpr Style kBodyBold{10.5, true, kText};
constexpr Style kFooter{8.5, false, kQuiet};

struct GObjectUnref {
    void operator()(gpointer object) const { g_object_unref(object); }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

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

// Pango and Cairo take UTF-8 only: a stray byte becomes U+FFFD here instead of a warning there
// (Pango) or a failed document (Cairo's metadata).
std::string ValidUtf8(std::string_view text) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(valid);
    g_free(valid);
    return out;
}

void SetColour(cairo_t* cr, Colour colour) { cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue); }

// Something drawn in the flow of the page: a line of text, a table row, a rule. Pages break only
// between pieces.
struct Piece {
    double height = 0;
    // Space above the piece, dropped at the top of a page.
    double space_before = 0;
    // A heading or a table's header: on the same page as the piece after it.
    bool keep_with_next = false;
    // The piece drawn again above this one when this one opens a page (a table's header row).
    std::optional<std::size_t> header;
    std::function<void(cairo_t*, double top)> draw;
};

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

        AddTitle();
        for (const auto& section : document_.sections) AddSection(section);
        const auto pages = Paginate();
        for (std::size_t page = 0; page < pages.size(); ++page) {
            cairo_save(cr_);
            // A row taller than the page stops at the bottom margin, clear of the footer.
            cairo_rectangle(cr_, 0, 0, kPageWidth, kBodyBottom);
            cairo_clip(cr_);
            for (const auto& [index, top] : pages[page]) pieces_[index].draw(cr_, top);
            cairo_restore(cr_);
            DrawFooter(static_cast<int>(page) + 1, static_cast<int>(pages.size()));
            cairo_show_page(cr_);
        }

        layouts_.clear();
        contexts_.clear();
        cr.reset();
        cairo_surface_finish(surface.get());
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
            throw std::runtime_error(std::string("PDF rendering failed: ") +
                                     cairo_status_to_string(cairo_surface_status(surface.get())));
        }
        return pdf;
    }

  private:
    // The Pango context for text in `language`: its direction, and the language by which Pango
    // chooses shaping rules and fallback fonts.
    PangoContext* Context(const std::string& language) {
        auto found = contexts_.find(language);
        if (found != contexts_.end()) return found->second.get();
        // Pango's default font map is one per thread (since Pango 1.32.6), which is what makes
        // concurrent calls safe; the context is this call's own.
        GObjectPtr<PangoContext> context(pango_font_map_create_context(pango_cairo_font_map_get_default()));
        // Sizes in points: at 72 dpi one point is one unit of the PDF's user space.
        pango_cairo_context_set_resolution(context.get(), 72);
        // Outline glyphs at their exact advances: hinting and rounding are for screen pixels.
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context.get(), options);
        cairo_font_options_destroy(options);
        pango_context_set_round_glyph_positions(context.get(), FALSE);
        pango_cairo_update_context(cr_, context.get());
        if (!language.empty()) pango_context_set_language(context.get(), pango_language_from_string(language.c_str()));
        pango_context_set_base_dir(context.get(), DirectionOf(language) == Direction::kRightToLeft
                                                      ? PANGO_DIRECTION_RTL
                                                      : PANGO_DIRECTION_LTR);
        return contexts_.emplace(language, std::move(context)).first->second.get();
    }

    // A layout of plain `text` (never markup), `width` points wide, aligned to the start of lines
    // of `language`'s direction (PANGO_ALIGN_CENTER when `centred`).
    PangoLayout* Layout(std::string_view text, const Style& style, double width, const std::string& language,
                        bool centred = false) {
        PangoContext* context = Context(language);
        GObjectPtr<PangoLayout> layout(pango_layout_new(context));
        const std::string valid = ValidUtf8(text);
        pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family_static(font, kFamilies);
        pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        // Every paragraph takes the direction of its language, not of its first letter: in an
        // Arabic document a line that starts with a Latin name stays flush right. Pango swaps
        // left and right alignment only for auto-directed paragraphs, so the side is explicit.
        pango_layout_set_auto_dir(layout.get(), FALSE);
        const bool rtl = DirectionOf(language) == Direction::kRightToLeft;
        pango_layout_set_alignment(layout.get(),
                                   centred ? PANGO_ALIGN_CENTER : (rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
        layouts_.emplace_back(std::move(layout));
        return layouts_.back().get();
    }

    static double Height(PangoLayout* layout) {
        int width = 0;
        int height = 0;
        pango_layout_get_size(layout, &width, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

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
                               .draw = [=](cairo_t* cr, double y) {
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
        pieces_.push_back({.height = 0.75, .space_before = 10, .draw = [](cairo_t* cr, double y) {
                               SetColour(cr, kRule);
                               cairo_set_line_width(cr, 0.75);
                               cairo_move_to(cr, kMargin, y + 0.375);
                               cairo_line_to(cr, kMargin + kBodyWidth, y + 0.375);
                               cairo_stroke(cr);
                           }});
    }

    void AddSection(const Section& section) {
        const std::string& language = section.language.empty() ? document_.language : section.language;
        if (!section.heading.empty()) AddText(section.heading, kSectionHeading, 18, language, true);
        bool first = true;
        for (const auto& block : section.blocks) {
            const double space = first && !section.heading.empty() ? 6 : 8;
            std::visit([&](const auto& value) { AddBlock(value, space, language); }, block);
            first = false;
        }
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
                               .draw = [=](cairo_t* cr, double y) {
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
                {.height = height, .space_before = space, .keep_with_next = header, .draw = [=](cairo_t* cr, double y) {
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

    // The pieces of each page, with the top of each: a piece goes to the next page when it does
    // not fit, with the pieces it is kept with. What no page can hold is not moved in vain: a
    // chain of kept pieces taller than a page is placed piece by piece, and a piece taller than a
    // page stays where it is when the piece before it is kept with it (its heading or header),
    // else starts a page, where it is cut the least.
    std::vector<std::vector<std::pair<std::size_t, double>>> Paginate() const {
        constexpr double kBodyHeight = kBodyBottom - kMargin;
        std::vector<std::vector<std::pair<std::size_t, double>>> pages(1);
        double y = kMargin;
        for (std::size_t i = 0; i < pieces_.size(); ++i) {
            const Piece& piece = pieces_[i];
            const double header = piece.header ? pieces_[*piece.header].height : 0;
            double needed = piece.height;
            for (std::size_t j = i; pieces_[j].keep_with_next && j + 1 < pieces_.size(); ++j) {
                needed += pieces_[j + 1].space_before + pieces_[j + 1].height;
            }
            if (header + needed > kBodyHeight) needed = piece.height;
            double space = pages.back().empty() ? 0 : piece.space_before;
            const bool fits_here = y + space + needed <= kBodyBottom;
            const bool kept_with_previous = i > 0 && pieces_[i - 1].keep_with_next;
            const bool fits_a_page = header + needed <= kBodyHeight;
            if (!pages.back().empty() && !fits_here && (fits_a_page || !kept_with_previous)) {
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
    std::map<std::string, GObjectPtr<PangoContext>> contexts_;
    std::vector<GObjectPtr<PangoLayout>> layouts_;
    std::vector<Piece> pieces_;
};

}  // namespace

std::string Render(const Document& document) { return Renderer(document).Run(); }

}  // namespace ponte::pdf
