// A printable document as plain values: what a module fills in (a personalized project, a
// certificate, a guide, a report) before core/pdf/render.hpp lays it out on A4 pages.
//
// Every text is given already translated (ICU MessageFormat through core/i18n) and is plain UTF-8:
// nothing in it is read as markup. The layout follows the document's language: a right-to-left
// language mirrors it (text flush right, bullets and labels on the right, the first table column
// on the right). Within a line, runs of either direction are ordered by the Unicode bidirectional
// algorithm: a run that has no letters but must read left to right in a right-to-left text (a
// phone number, "+39 055 123456", which the algorithm would show as "123456 055 39+") is wrapped
// by the caller in U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ponte::pdf {

// A paragraph of running text, wrapped at word boundaries (within a word when one word is wider
// than the line). A line break ("\n") in the text starts a new line.
struct Paragraph {
    std::string text;
};

// A bulleted list, one item per string.
struct BulletList {
    std::vector<std::string> items;
};

// "label: value" rows, the labels in bold in a column of their own (the value wraps beside it).
struct KeyValue {
    std::string label;
    std::string value;
};
struct KeyValueList {
    std::vector<KeyValue> rows;
};

// A table column: its header text and its share of the table's width (any positive number; the
// shares of all columns are scaled to the full width).
struct Column {
    std::string header;
    double width = 1;
};

// A table: a bold header row, then rows of exactly one cell per column. A row is never split
// across pages; when a table continues on another page, its header row is drawn again above it.
struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
};

using Block = std::variant<Paragraph, BulletList, KeyValueList, Table>;

// A section: a bold heading (kept on the same page as the start of what follows it; none when
// empty) and its blocks in order.
struct Section {
    std::string heading;
    std::vector<Block> blocks;
    // The language of this section when it is not the document's (a plan in the woman's language
    // and then in the worker's, in one PDF): it sets the section's direction like
    // Document::language sets the document's. Empty: the document's.
    std::string language;
    // Starts on a page of its own (the plan in the worker's language after the one in hers), unless
    // nothing is on the page yet.
    bool new_page = false;
};

struct Document {
    // The language of the text as a BCP 47 tag ("ar", "fr", "pt-BR"): it chooses the base
    // direction (DirectionOf) and guides shaping and the choice of fonts.
    std::string language;
    // The document's title, drawn at the top of the first page and written into the PDF's
    // metadata; none when empty.
    std::string title;
    // A line under the title (a name, a date); none when empty.
    std::string subtitle;
    std::vector<Section> sections;
    // The text at the foot of every page, with "{page}" and "{pages}" replaced by the page's number
    // and the number of pages (FooterText); none when empty.
    std::string footer = "{page} / {pages}";
};

enum class Direction { kLeftToRight, kRightToLeft };

// The base direction of text in `language` (a BCP 47 tag), from its script as ICU's likely
// subtags give it: right to left for Arabic, Persian, Urdu, Hebrew and the others written in a
// right-to-left script (also when the script is named: "az-Arab"); left to right otherwise,
// including for an empty or malformed tag.
Direction DirectionOf(std::string_view language);

// `footer` with every "{page}" replaced by `page` and every "{pages}" by `pages`, in ASCII digits.
std::string FooterText(std::string_view footer, int page, int pages);

}  // namespace ponte::pdf
