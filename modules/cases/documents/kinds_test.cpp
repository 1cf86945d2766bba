#include "modules/cases/documents/kinds.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

TEST(DocumentKinds, PapersAndPhotos_NotWhatABrowserRuns) {
    for (const auto* type : {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic", "text/plain",
                             "application/vnd.oasis.opendocument.text",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}) {
        EXPECT_TRUE(IsDocumentType(type)) << type;
    }
    for (const auto* type : {"text/html", "image/svg+xml", "application/javascript", "application/x-executable",
                             "application/zip", "application/octet-stream", ""}) {
        EXPECT_FALSE(IsDocumentType(type)) << type;
    }
}

TEST(DocumentKinds, DeclaredType_AgreesWhenSameOrAliasOrNoClaim) {
    EXPECT_TRUE(DeclaredAgrees("", "application/pdf"));
    EXPECT_TRUE(DeclaredAgrees("application/octet-stream", "image/png"));
    EXPECT_TRUE(DeclaredAgrees("image/png", "image/png"));
    EXPECT_TRUE(DeclaredAgrees("image/jpg", "image/jpeg"));
    EXPECT_TRUE(DeclaredAgrees("image/heif", "image/heic"));
    EXPECT_FALSE(DeclaredAgrees("application/pdf", "text/html"));
    EXPECT_FALSE(DeclaredAgrees("image/png", "image/jpeg"));
    EXPECT_FALSE(DeclaredAgrees("image/jpg", "image/png"));
}

}  // namespace
}  // namespace ponte::cases
