// Lays out a Document (core/pdf/document.hpp) on A4 pages and writes it as PDF, with Cairo and
// Pango: text is shaped by HarfBuzz (Arabic letters joined, marks placed), runs of both directions
// are ordered by the Unicode bidirectional algorithm, and a script the main font lacks falls back
// to another installed font.
//
// Fonts are found by family through fontconfig: Noto Sans, Noto Sans Arabic and Noto Sans Hebrew
// (Debian's fonts-noto-core), then DejaVu Sans (fonts-dejavu-core), then whatever fontconfig
// offers for the script; the glyphs used are embedded, as subsets, in the PDF.
#pragma once

#include <string>

#include "core/pdf/document.hpp"

namespace ponte::pdf {

// The PDF of `document`: A4 pages with 20 mm margins; the title and subtitle at the
// top of the first page, then each section. A page break comes between lines of a paragraph or
// list item, between rows of a table or list of labels, never inside a row, and never right after
// a heading. A row taller than a whole page is cut at the bottom margin. The footer, when there
// is one, is centred in the bottom margin of every page. A document with nothing in it is one
// blank page. The PDF's metadata carry the title and "Ponte" as the creator; its structure is
// not tagged, and the language is not declared in it (Cairo 1.16 cannot write /Lang).
//
// Throws std::invalid_argument when a table has no columns, a column's width is not positive, or
// a row has not one cell per column; std::runtime_error when Cairo fails (out of memory).
//
// Thread-safe: calls on several threads at once share nothing but fontconfig's and Cairo's
// internally locked caches (each thread lays out with its own font map, which it keeps with the
// fonts it loaded until it ends). A call costs a few milliseconds of CPU per page, more on a
// thread's first call: run it where it holds up no connection (the heavy pool).
std::string Render(const Document& document);

}  // namespace ponte::pdf
