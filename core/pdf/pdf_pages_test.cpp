// Page breaks of core/pdf, read back with poppler-utils (core/testing/pdf_reader.hpp): every word
// on a page, headings with what follows them, table rows whole with their header repeated.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/pdf/document.hpp"
#include "core/pdf/render.hpp"
#include "core/testing/pdf_reader.hpp"

namespace ponte::pdf {
namespace {

using testing::PdfTest;
using Image = testing::PdfImage;
using Word = testing::PdfWord;

TEST_F(PdfTest, LongDocument_BreaksOntoPagesWithNumberedFooters) {
    Document document{.language = "it", .title = "Progetto personalizzato", .footer = "Pagina {page} di {pages}"};
    const Paragraph paragraph{
        "Frequenta il corso di lingua italiana al centro del quartiere, due volte alla settimana, e prepara con "
        "l'operatrice i documenti per il permesso di soggiorno e l'iscrizione dei figli."};
    for (int i = 1; i <= 12; ++i) {
        document.sections.push_back(
            {.heading = "Sezione " + std::to_string(i), .blocks = {paragraph, paragraph, paragraph}});
    }
    const std::string path = Write(Render(document));
    const int pages = Pages(path);
    ASSERT_GE(pages, 3);
    for (int page = 1; page <= pages; ++page) {
        const std::string text = Text(path, "-raw -f " + std::to_string(page) + " -l " + std::to_string(page));
        const std::string footer = "Pagina " + std::to_string(page) + " di " + std::to_string(pages);
        EXPECT_NE(text.find(footer), std::string::npos) << footer << "\n" << text;
    }
}

TEST_F(PdfTest, LongParagraph_ContinuesOnTheNextPageWithNothingLost) {
    std::string text;
    for (int i = 1; i <= 1500; ++i) text += "w" + std::to_string(i) + " ";
    const std::string path = Write(Render(Document{.language = "en", .sections = {{.blocks = {Paragraph{text}}}}}));
    ASSERT_GE(Pages(path), 2);
    std::set<std::string> found;
    for (const auto& word : Words(path)) found.insert(word.text);
    for (int i = 1; i <= 1500; ++i) EXPECT_TRUE(found.contains("w" + std::to_string(i))) << i;
}

TEST_F(PdfTest, TableRowTallerThanAPage_IsCutAndTheDocumentGoesOn) {
    std::string tall = "Top";
    for (int i = 0; i < 120; ++i) tall += "\nline";
    Document document{
        .language = "en",
        .sections = {{.heading = "Steps",
                      .blocks = {Table{.columns = {{"Action", 1}}, .rows = {{tall}}}, Paragraph{"After the table."}}}}};
    const std::string path = Write(Render(document));
    EXPECT_EQ(Pages(path), 2);
    const auto words = Words(path);
    EXPECT_EQ(Find(words, "Top").page, 1);
    EXPECT_EQ(Find(words, "After").page, 2);
    // No ink between the bottom margin's edge (786 pt) and the footer (808 pt down to 819 pt).
    const Image page = FirstPage(path);
    for (int y = 786 * 50 / 72 + 1; y < 806 * 50 / 72; ++y) {
        for (int x = 0; x < page.width; ++x) ASSERT_FALSE(page.Ink(x, y)) << x << "," << y;
    }
}

TEST_F(PdfTest, Headings_StayWithWhatFollows) {
    Document document{.language = "en"};
    for (int i = 1; i <= 40; ++i) {
        std::string body = "Body" + std::to_string(i);
        for (int w = 0; w < (i * 7) % 40; ++w) body += " words";
        document.sections.push_back({.heading = "Head" + std::to_string(i), .blocks = {Paragraph{body}}});
    }
    const std::string path = Write(Render(document));
    ASSERT_GE(Pages(path), 3);
    const auto words = Words(path);
    for (int i = 1; i <= 40; ++i) {
        EXPECT_EQ(Find(words, "Head" + std::to_string(i)).page, Find(words, "Body" + std::to_string(i)).page) << i;
    }
}

TEST_F(PdfTest, TableRows_NeverSplitAcrossPages) {
    Table table{.columns = {{"Action", 2}, {"Who", 1}}};
    for (int i = 1; i <= 40; ++i) {
        const std::string n = std::to_string(i);
        table.rows.push_back({fmt::format("First{0}\nsecond\nthird\nfourth\nLast{0}", n), "Worker" + n});
    }
    Document document{.language = "en",
                      .title = "Actions",
                      .sections = {{.heading = "Steps", .blocks = {Paragraph{"Before the table."}, std::move(table)}}}};
    const std::string path = Write(Render(document));
    const int pages = Pages(path);
    ASSERT_GE(pages, 3);
    const auto words = Words(path);
    for (int i = 1; i <= 40; ++i) {
        const std::string n = std::to_string(i);
        EXPECT_EQ(Find(words, "First" + n).page, Find(words, "Last" + n).page) << "row " << i;
    }
    for (int page = 1; page <= pages; ++page) {
        const Word* header = nullptr;
        const Word* first_row = nullptr;
        for (const auto& word : words) {
            if (word.page != page) continue;
            if (word.text == "Action" && header == nullptr) header = &word;
            if (word.text.starts_with("First") && first_row == nullptr) first_row = &word;
        }
        ASSERT_NE(header, nullptr) << "page " << page;
        ASSERT_NE(first_row, nullptr) << "page " << page;
        EXPECT_LT(header->bottom, first_row->top) << "page " << page;
    }
}

// A section on a page of its own starts the next page, however little is above it.
TEST_F(PdfTest, SectionOnANewPage_StartsTheNextPage) {
    Document document{.language = "en",
                      .title = "Plan",
                      .sections = {{.heading = "First", .blocks = {Paragraph{"Short."}}},
                                   {.heading = "Second", .blocks = {Paragraph{"Also short."}}, .new_page = true}}};
    const std::string path = Write(Render(document));
    EXPECT_EQ(Pages(path), 2);
    const auto words = Words(path);
    EXPECT_EQ(Find(words, "First").page, 1);
    EXPECT_EQ(Find(words, "Second").page, 2);
}

}  // namespace
}  // namespace ponte::pdf
