#include "core/testing/pdf_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "core/testing/engine.hpp"

namespace ponte::testing {

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

bool HasPresentationForms(const std::string& text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (lead == 0xEF && next >= 0xAD && next <= 0xBB) return true;
    }
    return false;
}

bool PdfReader::Available() {
    if (std::system("{ command -v pdftotext && command -v pdftoppm && command -v pdfinfo && command -v pdffonts; } "
                    ">/dev/null 2>&1") == 0) {
        return true;
    }
    const char* require = std::getenv("PONTE_REQUIRE_TOOLS");
    EXPECT_FALSE(require != nullptr && std::string_view(require) == "1")
        << "poppler-utils not found (pdftotext, pdftoppm, pdfinfo, pdffonts)";
    return false;
}

PdfReader::PdfReader() : directory_(MakeTempDirectory()) {}

PdfReader::~PdfReader() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::string PdfReader::Write(const std::string& pdf, const std::string& name) {
    const auto path = directory_ / name;
    std::ofstream(path, std::ios::binary) << pdf;
    return path.string();
}

std::string PdfReader::RunTool(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command << "\n" << out;
    return out;
}

std::string PdfReader::Text(const std::string& path, const std::string& options) {
    return WithoutEmbeddingMarks(RunTool("pdftotext " + options + " '" + path + "' -"));
}

int PdfReader::Pages(const std::string& path) {
    std::smatch match;
    const std::string info = RunTool("pdfinfo '" + path + "'");
    if (!std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) return -1;
    return std::stoi(match[1]);
}

std::vector<PdfWord> PdfReader::Words(const std::string& path) {
    const std::string html = RunTool("pdftotext -bbox '" + path + "' -");
    std::vector<PdfWord> words;
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

const PdfWord& PdfReader::Find(const std::vector<PdfWord>& words, std::string_view text) {
    for (const auto& word : words) {
        if (word.text == text) return word;
    }
    throw std::runtime_error("no word " + std::string(text));
}

const PdfWord& PdfReader::FindBeside(const std::vector<PdfWord>& words, std::string_view text, const PdfWord& beside) {
    for (const auto& word : words) {
        const bool same_line = word.page == beside.page && word.top < beside.bottom && word.bottom > beside.top;
        if (word.text == text && same_line) return word;
    }
    throw std::runtime_error("no word " + std::string(text) + " beside " + beside.text);
}

// pdftoppm's PGM: a header, then a byte per pixel.
PdfImage PdfReader::FirstPage(const std::string& path) {
    const auto base = directory_ / "page";
    RunTool("pdftoppm -gray -r 50 -f 1 -l 1 -singlefile '" + path + "' '" + base.string() + "'");
    std::ifstream file(base.string() + ".pgm", std::ios::binary);
    std::string magic;
    int maximum = 0;
    PdfImage image;
    file >> magic >> image.width >> image.height >> maximum;
    file.get();
    EXPECT_EQ(magic, "P5");
    EXPECT_EQ(maximum, 255);
    image.gray.resize(static_cast<std::size_t>(image.width) * image.height);
    file.read(reinterpret_cast<char*>(image.gray.data()), static_cast<std::streamsize>(image.gray.size()));
    EXPECT_TRUE(file) << "a truncated image";
    return image;
}

std::pair<int, int> PdfReader::TopBandInk(const PdfImage& image) {
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

}  // namespace ponte::testing
