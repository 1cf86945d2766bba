// PDFs read back with poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts), as a reader of them
// would: their text, where their words and ink lie, how many pages they have. For the tests of
// core/pdf and of every module that prints one.
//
// Without those tools a test that needs them is skipped, unless PONTE_REQUIRE_TOOLS=1 (as
// `make test` sets) makes a missing tool a failure: a fixture derives from PdfTest, or checks
//
//   if (!testing::PdfReader::Available()) GTEST_SKIP() << testing::PdfReader::kMissing;
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ponte::testing {

struct PdfWord {
    int page;
    double left, top, right, bottom;  // points from the page's top left
    std::string text;
};

// A page drawn in gray, a byte per pixel.
struct PdfImage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> gray;
    bool Ink(int x, int y) const { return gray[static_cast<std::size_t>(y) * width + x] < 128; }
};

// `text` without the bidirectional embedding marks (U+202A to U+202E) pdftotext puts around runs.
std::string WithoutEmbeddingMarks(const std::string& text);
// Whether `text` holds a letter of the Arabic presentation forms (U+FB50 to U+FEFF).
bool HasPresentationForms(const std::string& text);

class PdfReader {
  public:
    static constexpr std::string_view kMissing = "poppler-utils not found (Debian package poppler-utils)";
    // Whether the tools are installed; a failure of the running test when they are not and
    // PONTE_REQUIRE_TOOLS=1.
    static bool Available();

    // Files in a new temporary directory, removed with the reader.
    PdfReader();
    ~PdfReader();
    PdfReader(const PdfReader&) = delete;
    PdfReader& operator=(const PdfReader&) = delete;

    // Writes `pdf` to a file of the temporary directory and returns its path.
    std::string Write(const std::string& pdf, const std::string& name = "document.pdf");
    // The standard output of `command`; a failure of the test when it does not exit with 0.
    static std::string RunTool(const std::string& command);
    // The text of the PDF at `path`, laid out as on the page by default.
    std::string Text(const std::string& path, const std::string& options = "-layout");
    int Pages(const std::string& path);
    // The words pdftotext finds, with their boxes.
    std::vector<PdfWord> Words(const std::string& path);
    static const PdfWord& Find(const std::vector<PdfWord>& words, std::string_view text);
    // The word `text` on the same line as `beside`.
    static const PdfWord& FindBeside(const std::vector<PdfWord>& words, std::string_view text, const PdfWord& beside);
    // The first page drawn in gray at 50 dpi.
    PdfImage FirstPage(const std::string& path);
    // The horizontal extent [left, right] of the ink of the topmost band of rows with ink (the
    // title), in pixels; {-1, -1} on a blank page.
    static std::pair<int, int> TopBandInk(const PdfImage& image);

  private:
    std::filesystem::path directory_;
};

// A test that reads PDFs: skipped (or failed, as above) without the tools.
class PdfTest : public ::testing::Test, public PdfReader {
  protected:
    void SetUp() override {
        if (!Available()) GTEST_SKIP() << kMissing;
    }
};

}  // namespace ponte::testing
