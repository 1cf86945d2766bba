// The PDFs of core/pdf read back with poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts):
// their text, where their ink lies, how many pages they have and which fonts they embed. Without
// those tools the tests that need them are skipped, unless PONTE_REQUIRE_TOOLS=1 (as `make test`
// sets) makes a missing tool a failure.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/pdf/document.hpp"
#include "core/pdf/render.hpp"
#include "core/testing/engine.hpp"

namespace ponte::pdf {
namespace {

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

// Removes the bidirectional embedding marks (U+202A to U+202E) that pdftotext puts around runs.
std::string WithoutEmbeddingMarks(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool mark = text.compare(i, 2, "\xE2\x80") == 0 && i + 2 < text.size() &&
                          static_cast<unsigned char>(text[i + 2]) >= 0xAA &&
                          static_cast<unsigned char>(text[i + 2]) <= 0xAE;
        if (mark) {
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Whether `text` holds a letter of the Arabic presentation forms (U+FB50 to U+FEFF: EF AD 90 to EF BB BF).
bool HasPresentationForms(const std::string& text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (lead == 0xEF && next >= 0xAD && next <= 0xBB) return true;
    }
    return false;
}

struct Word {
    int page;
    double left, top, right, bottom;
    std::string text;
};

struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> gray;
    bool Ink(int x, int y) const { return gray[static_cast<std::size_t>(y) * width + x] < 128; }
};

class PdfTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (std::system("{ command -v pdftotext && command -v pdftoppm && command -v pdfinfo && command -v pdffonts; } "
                        ">/dev/null 2>&1") != 0) {
            const char* require = std::getenv("PONTE_REQUIRE_TOOLS");
            ASSERT_FALSE(require != nullptr && std::string_view(require) == "1")
                << "poppler-utils not found (pdftotext, pdftoppm, pdfinfo, pdffonts)";
            GTEST_SKIP() << "poppler-utils not found (Debian package poppler-utils)";
        }
        directory_ = testing::MakeTempDirectory();
    }
    void TearDown() override {
        if (!directory_.empty()) std::filesystem::remove_all(directory_);
    }

    // Writes `pdf` to a file of the temporary directory and returns its path.
    std::string Write(const std::string& pdf, const std::string& name = "document.pdf") {
        const auto path = directory_ / name;
        std::ofstream(path, std::ios::binary) << pdf;
        return path.string();
    }

    // The standard output of `command`; a failure of the test when it does not exit with 0.
    static std::string Run(const std::string& command) {
        FILE* pipe = popen((command + " 2>&1").c_str(), "r");
        if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
        std::string out;
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
        EXPECT_EQ(pclose(pipe), 0) << command << "\n" << out;
        return out;
    }

    std::string Text(const std::string& path, const std::string& options = "-layout") {
        return WithoutEmbeddingMarks(Run("pdftotext " + options + " '" + path + "' -"));
    }

    int Pages(const std::string& path) {
        std::smatch match;
        const std::string info = Run("pdfinfo '" + path + "'");
        if (!std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) return -1;
        return std::stoi(match[1]);
    }

    // The words pdftotext finds, with their boxes in points from the page's top left.
    std::vector<Word> Words(const std::string& path) {
        const std::string html = Run("pdftotext -bbox '" + path + "' -");
        std::vector<Word> words;
        int page = 0;
        const std::regex token(
            R"re(<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
        for (std::sregex_iterator it(html.begin(), html.end(), token), end; it != end; ++it) {
            const auto& match = *it;
            if (match[0].str().starts_with("<page")) {
                ++page;
                continue;
            }
            words.push_back({page, std::stod(match[1]), std::stod(match[2]), std::stod(match[3]), std::stod(match[4]),
                             WithoutEmbeddingMarks(match[5])});
        }
        return words;
    }

    static const Word& Find(const std::vector<Word>& words, std::string_view text) {
        for (const auto& word : words) {
            if (word.text == text) return word;
        }
        throw std::runtime_error("no word " + std::string(text));
    }

    // The word `text` on the same line as `beside`.
    static const Word& FindBeside(const std::vector<Word>& words, std::string_view text, const Word& beside) {
        for (const auto& word : words) {
            const bool same_line = word.page == beside.page && word.top < beside.bottom && word.bottom > beside.top;
            if (word.text == text && same_line) return word;
        }
        throw std::runtime_error("no word " + std::string(text) + " beside " + beside.text);
    }

    // The first page drawn in gray at 50 dpi (pdftoppm's PGM: a header, then a byte per pixel).
    Image FirstPage(const std::string& path) {
        const auto base = directory_ / "page";
        Run("pdftoppm -gray -r 50 -f 1 -l 1 -singlefile '" + path + "' '" + base.string() + "'");
        std::ifstream file(base.string() + ".pgm", std::ios::binary);
        std::string magic;
        int maximum = 0;
        Image image;
        file >> magic >> image.width >> image.height >> maximum;
        file.get();
        EXPECT_EQ(magic, "P5");
        EXPECT_EQ(maximum, 255);
        image.gray.resize(static_cast<std::size_t>(image.width) * image.height);
        file.read(reinterpret_cast<char*>(image.gray.data()), static_cast<std::streamsize>(image.gray.size()));
        EXPECT_TRUE(file) << "a truncated image";
        return image;
    }

    // The horizontal extent [left, right] of the ink of the topmost band of rows with ink (the
    // title), in pixels; {-1, -1} on a blank page.
    static std::pair<int, int> TopBandInk(const Image& image) {
        int left = image.width;
        int right = -1;
        bool in_band = false;
        for (int y = 0; y < image.height; ++y) {
            bool row_has_ink = false;
            for (int x = 0; x < image.width; ++x) {
                if (!image.Ink(x, y)) continue;
                row_has_ink = true;
                left = std::min(left, x);
                right = std::max(right, x);
            }
            if (in_band && !row_has_ink) break;
            in_band = in_band || row_has_ink;
        }
        return right < 0 ? std::pair{-1, -1} : std::pair{left, right};
    }

    std::filesystem::path directory_;
};

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
    const std::string info = Run("pdfinfo '" + path + "'");
    EXPECT_NE(info.find("Title:           Personalized project\n"), std::string::npos) << info;
    EXPECT_NE(info.find("Creator:         Ponte\n"), std::string::npos) << info;
    EXPECT_EQ(Pages(path), 1);
    EXPECT_NE(Run("pdffonts '" + path + "'").find("+NotoSans-Regular"), std::string::npos) << "fonts-noto-core";
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
    EXPECT_NE(Run("pdffonts '" + path + "'").find("+NotoSansArabic-Regular"), std::string::npos);
    EXPECT_NE(Run("pdfinfo '" + path + "'").find("Title:           خطة المشروع الشخصي\n"), std::string::npos);
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

// A paragraph longer than a page goes on from line to line across pages, none of its words lost
// at a break.
TEST_F(PdfTest, LongParagraph_ContinuesOnTheNextPageWithNothingLost) {
    std::string text;
    for (int i = 1; i <= 1500; ++i) text += "w" + std::to_string(i) + " ";
    const std::string path = Write(Render(Document{.language = "en", .sections = {{.blocks = {Paragraph{text}}}}}));
    ASSERT_GE(Pages(path), 2);
    std::set<std::string> found;
    for (const auto& word : Words(path)) found.insert(word.text);
    for (int i = 1; i <= 1500; ++i) EXPECT_TRUE(found.contains("w" + std::to_string(i))) << i;
}

// A row taller than a page cannot move to a page where it fits: it is cut at the bottom margin,
// and what follows goes on.
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

// Every heading is on the page of the first line after it, however the sections fall.
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

// Rows of five lines each: the first and last line of a row are on one page, and a page that
// continues the table starts with its header row.
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
    EXPECT_NE(Run("pdfinfo '" + path + "'").find("Title:           <i>Title</i>\n"), std::string::npos);
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
