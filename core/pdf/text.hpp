// Text laid out by Pango for core/pdf/render.cpp: the styles of a document, and the layouts of
// plain text in a language, shaped by HarfBuzz with fallback fonts for other scripts.
//
// Included by core/pdf's own sources only: it brings Pango's and glib's headers with it.
#pragma once

#include <pango/pangocairo.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::pdf {

struct Colour {
    double red, green, blue;
};
inline constexpr Colour kText{0.10, 0.10, 0.10};
inline constexpr Colour kHeading{0.12, 0.23, 0.37};
inline constexpr Colour kQuiet{0.35, 0.35, 0.35};
inline constexpr Colour kRule{0.60, 0.60, 0.60};
inline constexpr Colour kHeaderFill{0.92, 0.93, 0.95};

struct Style {
    double size;
    bool bold;
    Colour colour;
};
inline constexpr Style kTitle{20, true, kHeading};
inline constexpr Style kSubtitle{12, false, kQuiet};
inline constexpr Style kSectionHeading{13, true, kHeading};
inline constexpr Style kBody{10.5, false, kText};
inline constexpr Style kBodyBold{10.5, true, kText};
inline constexpr Style kFooter{8.5, false, kQuiet};

inline void SetColour(cairo_t* cr, Colour colour) { cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue); }

// Pango and Cairo take UTF-8 only: a stray byte becomes U+FFFD here instead of a warning there
// (Pango) or a failed document (Cairo's metadata).
std::string ValidUtf8(std::string_view text);

// The layouts of one document: they live as long as it does, as the pieces that draw them.
class Typesetter {
  public:
    // Layouts for drawing on `cr`, which must outlive the typesetter.
    explicit Typesetter(cairo_t* cr) : cr_(cr) {}
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    // A layout of plain `text` (never markup), `width` points wide, aligned to the start of lines
    // of `language`'s direction (centred when `centred`).
    PangoLayout* Layout(std::string_view text, const Style& style, double width, const std::string& language,
                        bool centred = false);

    // The height of `layout`, in points.
    static double Height(PangoLayout* layout);

  private:
    struct GObjectUnref {
        void operator()(gpointer object) const { g_object_unref(object); }
    };
    template <class T>
    using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

    PangoContext* Context(const std::string& language);

    cairo_t* cr_;
    std::map<std::string, GObjectPtr<PangoContext>> contexts_;
    std::vector<GObjectPtr<PangoLayout>> layouts_;
};

}  // namespace ponte::pdf
