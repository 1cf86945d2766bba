// The PDFs of core/pdf read back with poppler-utils (core/testing/pdf_reader.hpp): their text, its
// direction and fonts, and rendering on several threads at once. Page breaks: pdf_pages_test.cpp.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <barrier>
#include <chrono>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <thread>

#include "core/pdf/document.hpp"
#include "core/pdf/render.hpp"
#include "core/testing/pdf_reader.hpp"

namespace ponte::pdf {
namespace {

using testing::HasPresentationForms;
using testing::PdfTest;
using Image = testing::PdfImage;
using Word = testing::PdfWord;

// A plan as the cases module would print it, in Arabic.
Document ArabicPlan() {
    return {.language = "ar",
            .title = "خطة المشروع الشخصي",
            .subtitle = "فاطمة حسن",
            .sections = {
                {.heading = "الأهداف",
                 .blocks = {BulletList{{"تعلم اللغة الإيطالية", "إيجاد عمل في مطعم", "تسجيل الأطفال في المدرسة"}},
                            Paragraph{"ستحضر فاطمة دروس اللغة مرتين في الأسبوع في مركز الحي."}}},
                {.heading = "الخطوات",
                 .blocks = {
                     Table{.columns = {{"ColA", 3}, {"ColB", 2}, {"ColC", 1}},
                           .rows = {{"التسجيل في دورة اللغة", "ماريا", "10/1"}, {"موعد في البلدية", "فاطمة", "15/1"}}},
                     KeyValueList{{{"الهاتف", "\u2066+39 055 123456\u2069"}}}}}}};
}

Document EnglishPlan() {
    return {.language = "en",
            .title = "Personalized project",
            .subtitle = "Fatima Hassan",
            .sections = {{.heading = "Goals",
                          .blocks = {BulletList{{"Learn Italian", "Find work in a restaurant"}},
                                     Paragraph{"Fatima attends Italian lessons twice a week at the district centre."}}},
                         {.heading = "Steps",
                          .blocks = {Table{.columns = {{"ColA", 3}, {"ColB", 2}, {"ColC", 1}},
                                           .rows = {{"Enrol in a language course", "Maria", "10/1"}}},
                                     KeyValueList{{{"Case worker", "Maria Rossi"}, {"Phone", "+39 055 123456"}}}}}}};
}

TEST(PdfDirectionTest, DirectionOf_RightToLeftScripts_AreRtl) {
    for (const char* tag : {"ar", "fa", "ur", "he", "ar-EG", "fa-IR", "ckb", "ps", "yi", "az-Arab"}) {
        EXPECT_EQ(DirectionOf(tag), Direction::kRightToLeft) << tag;
    }
    for (const char* tag : {"en", "fr", "it", "es", "ca", "pt-BR", "az", "tr", "uk", "zh-Hans", "", "not a tag!"}) {
        EXPECT_EQ(DirectionOf(tag), Direction::kLeftToRight) << tag;
    }
}

TEST(PdfDirectionTest, FooterText_ReplacesPageAndPagesEverywhere) {
    EXPECT_EQ(FooterText("{page} / {pages}", 2, 13), "2 / 13");
    EXPECT_EQ(FooterText("Pagina {page} di {pages} — {page}", 3, 4), "Pagina 3 di 4 — 3");
    EXPECT_EQ(FooterText("{pag} {pages", 1, 2), "{pag} {pages");
    EXPECT_EQ(FooterText("", 1, 1), "");
}

TEST(PdfDirectionTest, Render_MalformedTable_Throws) {
    auto with = [](Table table) {
        return Document{.language = "en", .sections = {{.heading = "Steps", .blocks = {std::move(table)}}}};
    };
    EXPECT_THROW(Render(with(Table{})), std::invalid_argument);
    EXPECT_THROW(Render(with(Table{.columns = {{"A", 1}, {"B", 0}}})), std::invalid_argument);
    EXPECT_THROW(Render(with(Table{.columns = {{"A", 1}, {"B", 1}}, .rows = {{"only one"}}})), std::invalid_argument);
    EXPECT_NO_THROW(Render(with(Table{.columns = {{"A", 1}, {"B", 1}}, .rows = {{"one", "two"}}})));
}

TEST_F(PdfTest, EnglishDocument_TextAndMetadataComeBack) {
    const std::string pdf = Render(EnglishPlan());
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    const std::string path = Write(pdf);
    const std::string text = Text(path);
    for (const char* expected :
         {"Personalized project", "Fatima Hassan", "Goals", "Learn Italian", "Find work in a restaurant",
          "Fatima attends Italian lessons twice a week at the district centre.", "Enrol in a language course",
          "Case worker", "Maria Rossi", "+39 055 123456"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    const std::string info = RunTool("pdfinfo '" + path + "'");
    EXPECT_NE(info.find("Title:           Personalized project\n"), std::string::npos) << info;
    EXPECT_NE(info.find("Creator:         Ponte\n"), std::string::npos) << info;
    EXPECT_EQ(Pages(path), 1);
    EXPECT_NE(RunTool("pdffonts '" + path + "'").find("+NotoSans-Regular"), std::string::npos) << "fonts-noto-core";
}

// pdftotext reads Cairo's ToUnicode maps back into logical order. Words are chosen without the
// lam-alef and lam-yeh ligatures: poppler reverses the letters of a ligature glyph in
// right-to-left text ("الأهداف" comes back as "األهداف").
TEST_F(PdfTest, ArabicDocument_ComesBackInLogicalOrderWithAnArabicFont) {
    const std::string path = Write(Render(ArabicPlan()));
    const std::string text = Text(path);
    for (const char* expected : {"خطة المشروع الشخصي", "فاطمة حسن", "تعلم اللغة", "إيجاد عمل في مطعم",
                                 "التسجيل في دورة اللغة", "موعد في البلدية", "+39 055 123456"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    // Shaped glyphs map back to the letters, not to the presentation forms (U+FB50 to U+FEFF).
    EXPECT_FALSE(HasPresentationForms(text)) << text;
    EXPECT_NE(RunTool("pdffonts '" + path + "'").find("+NotoSansArabic-Regular"), std::string::npos);
    EXPECT_NE(RunTool("pdfinfo '" + path + "'").find("Title:           خطة المشروع الشخصي\n"), std::string::npos);
}

TEST_F(PdfTest, RightToLeftDocument_IsMirrored) {
    const std::string path = Write(Render(ArabicPlan()));
    const Image page = FirstPage(path);
    ASSERT_GT(page.width, 0);
    const auto [left, right] = TopBandInk(page);
    const int margin = static_cast<int>(56.693 * 50 / 72);
    EXPECT_GT(left, page.width / 2) << "the title is flush right";
    EXPECT_GE(right, page.width - margin - 3);
    // The first column on the right, the bullets right of their items.
    const auto words = Words(path);
    EXPECT_GT(Find(words, "ColA").left, Find(words, "ColB").right);
    EXPECT_GT(Find(words, "ColB").left, Find(words, "ColC").right);
    std::vector<Word> bullets;
    for (const auto& word : words) {
        if (word.text == "\u2022") bullets.push_back(word);
    }
    ASSERT_EQ(bullets.size(), 3U);
    for (const auto& bullet : bullets) {
        for (const auto& word : words) {
            const bool same_line = word.text != "\u2022" && word.top < bullet.bottom && word.bottom > bullet.top;
            if (same_line) {
                EXPECT_LT(word.right, bullet.left) << word.text;
            }
        }
    }
}

TEST_F(PdfTest, LeftToRightDocument_IsNot) {
    const std::string path = Write(Render(EnglishPlan()));
    const Image page = FirstPage(path);
    ASSERT_GT(page.width, 0);
    const auto [left, right] = TopBandInk(page);
    const int margin = static_cast<int>(56.693 * 50 / 72);
    EXPECT_LE(left, margin + 3);
    EXPECT_LT(right, page.width / 2);
    const auto words = Words(path);
    EXPECT_LT(Find(words, "ColA").right, Find(words, "ColB").left);
    const Word& item = Find(words, "Learn");
    EXPECT_LT(FindBeside(words, "\u2022", item).right, item.left);
}

TEST_F(PdfTest, BilingualDocument_EachSectionTakesItsLanguagesDirection) {
    Document document = ArabicPlan();
    document.sections.push_back(
        {.heading = "Obiettivi", .blocks = {BulletList{{"Imparare l'italiano", "Trovare lavoro"}}}, .language = "it"});
    const auto words = Words(Write(Render(document)));
    EXPECT_LT(Find(words, "Obiettivi").left, 100) << "flush left";
    const Word& item = Find(words, "Imparare");
    EXPECT_LT(FindBeside(words, "\u2022", item).right, item.left);
    EXPECT_GT(Find(words, "ColA").left, Find(words, "ColB").right) << "the Arabic sections stay mirrored";
}

// A paragraph longer than a page goes on from line to line across pages, none of its words lost
// at a break.
// A row taller than a page cannot move to a page where it fits: it is cut at the bottom margin,
// and what follows goes on.
// Every heading is on the page of the first line after it, however the sections fall.
// Rows of five lines each: the first and last line of a row are on one page, and a page that
// continues the table starts with its header row.
TEST_F(PdfTest, MarkupCharacters_AppearLiterally) {
    const std::string markup = "<b>bold</b> &amp; <span foreground=\"red\">x</span> & <";
    Document document{
        .language = "en",
        .title = "<i>Title</i>",
        .sections = {
            {.heading = "A & B", .blocks = {Paragraph{markup}, Table{.columns = {{"<u>", 1}}, .rows = {{"&lt;"}}}}}}};
    const std::string path = Write(Render(document));
    const std::string text = Text(path, "-raw");
    for (const std::string& expected :
         {markup, std::string("<i>Title</i>"), std::string("A & B"), std::string("<u>"), std::string("&lt;")}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_NE(RunTool("pdfinfo '" + path + "'").find("Title:           <i>Title</i>\n"), std::string::npos);
}

TEST_F(PdfTest, EmptyDocument_IsOneValidPage) {
    const std::string with_footer = Write(Render(Document{}), "footer.pdf");
    EXPECT_EQ(Pages(with_footer), 1);
    EXPECT_NE(Text(with_footer, "-raw").find("1 / 1"), std::string::npos);
    const std::string blank = Write(Render(Document{.footer = ""}), "blank.pdf");
    EXPECT_EQ(Pages(blank), 1);
    EXPECT_EQ(TopBandInk(FirstPage(blank)), (std::pair{-1, -1}));
}

// Bytes that differ only in the creation date, which Cairo writes from the clock.
std::string WithoutDate(std::string pdf) {
    return std::regex_replace(pdf, std::regex(R"(/CreationDate \(D:[^)]*\))"), "");
}

TEST_F(PdfTest, TwoThreadsAtOnce_RenderWhatOneThreadRenders) {
    const std::string arabic = WithoutDate(Render(ArabicPlan()));
    const std::string english = WithoutDate(Render(EnglishPlan()));
    constexpr int kRounds = 8;
    std::barrier start(2);
    std::vector<std::string> outputs[2];
    auto work = [&](int thread) {
        start.arrive_and_wait();
        for (int i = 0; i < kRounds; ++i) {
            outputs[thread].push_back(WithoutDate(Render((i + thread) % 2 == 0 ? ArabicPlan() : EnglishPlan())));
        }
    };
    std::thread first(work, 0);
    std::thread second(work, 1);
    first.join();
    second.join();
    for (int thread = 0; thread < 2; ++thread) {
        ASSERT_EQ(outputs[thread].size(), static_cast<std::size_t>(kRounds));
        for (int i = 0; i < kRounds; ++i) {
            EXPECT_EQ(outputs[thread][i], (i + thread) % 2 == 0 ? arabic : english) << thread << " " << i;
        }
    }
    EXPECT_NE(Text(Write(outputs[0][0])).find("تعلم اللغة"), std::string::npos) << "Arabic first on thread 0";
}

// A plan of two pages; the time a render takes is printed for the record, not asserted.
TEST_F(PdfTest, TwoPagePlan_IsTwoPages) {
    Document document = ArabicPlan();
    auto& table = std::get<Table>(document.sections[1].blocks[0]);
    for (int i = 0; i < 26; ++i) table.rows.push_back({"حضور دروس اللغة في مركز الحي", "ماريا", "1/2"});
    Render(document);  // fonts loaded, caches warm
    constexpr int kRuns = 20;
    const auto begin = std::chrono::steady_clock::now();
    std::string pdf;
    for (int i = 0; i < kRuns; ++i) pdf = Render(document);
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - begin;
    std::cout << "[ render   ] a 2-page Arabic plan in " << elapsed.count() / kRuns << " ms, " << pdf.size()
              << " bytes\n";
    EXPECT_EQ(Pages(Write(pdf)), 2);
}

}  // namespace
}  // namespace ponte::pdf
