#include "core/pdf/text.hpp"

#include "core/pdf/document.hpp"

namespace ponte::pdf {
namespace {

// Latin, Cyrillic and Greek from Noto Sans; Arabic, Persian and Urdu from Noto Sans Arabic; Hebrew;
// DejaVu Sans and then fontconfig's own choice for any other script. Not Noto Naskh Arabic, the
// book style: poppler reads the alef of its lam-alef back on a line of its own, so that search,
// copy and paste and screen readers lose the word.
constexpr const char* kFamilies = "Noto Sans,Noto Sans Arabic,Noto Sans Hebrew,DejaVu Sans,sans-serif";

}  // namespace

std::string ValidUtf8(std::string_view text) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(valid);
    g_free(valid);
    return out;
}

// The Pango context for text in `language`: its direction, and the language by which Pango
// chooses shaping rules and fallback fonts.
PangoContext* Typesetter::Context(const std::string& language) {
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
    pango_context_set_base_dir(
        context.get(), DirectionOf(language) == Direction::kRightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    return contexts_.emplace(language, std::move(context)).first->second.get();
}

PangoLayout* Typesetter::Layout(std::string_view text, const Style& style, double width, const std::string& language,
                                bool centred) {
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

double Typesetter::Height(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

}  // namespace ponte::pdf
