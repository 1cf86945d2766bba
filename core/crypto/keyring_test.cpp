#include "core/crypto/keyring.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace ponte::crypto {
namespace {

TEST(KeyringTest, SealedValuesOpenOnlyUnderTheirContext) {
    Keyring keyring = Keyring::Parse(Keyring::NewKeyLine("k1"));
    const std::string sealed = keyring.Seal("JBSWY3DPEHPK3PXP", "authentication_totp.secret:7");
    EXPECT_TRUE(sealed.starts_with("v1:k1:"));
    EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
    EXPECT_EQ(keyring.Open(sealed, "authentication_totp.secret:7"), "JBSWY3DPEHPK3PXP");
    // Copied into another record or field, it does not open.
    EXPECT_THROW(keyring.Open(sealed, "authentication_totp.secret:8"), SealError);
    EXPECT_THROW(keyring.Open(sealed, "cases_note.body:7"), SealError);
    // Each seal uses a fresh nonce.
    EXPECT_NE(keyring.Seal("same", "c"), keyring.Seal("same", "c"));
    EXPECT_EQ(keyring.Open(keyring.Seal("", "c"), "c"), "");
}

TEST(KeyringTest, TamperedOrMalformedValuesDoNotOpen) {
    Keyring keyring = Keyring::Parse(Keyring::NewKeyLine("k1"));
    std::string sealed = keyring.Seal("a note about a person", "note:1");
    std::string flipped = sealed;
    flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
    EXPECT_THROW(keyring.Open(flipped, "note:1"), SealError);
    EXPECT_THROW(keyring.Open(sealed.substr(0, 20), "note:1"), SealError);
    EXPECT_THROW(keyring.Open("plain text", "note:1"), SealError);
    EXPECT_THROW(keyring.Open("v1:k1:!!!", "note:1"), SealError);
    EXPECT_THROW(keyring.Open("v1:k9:" + sealed.substr(6), "note:1"), SealError);
}

TEST(KeyringTest, RotationSealsWithTheLastKeyAndStillOpensOlderOnes) {
    const std::string first = Keyring::NewKeyLine("k1");
    Keyring before = Keyring::Parse(first);
    const std::string old_value = before.Seal("secret", "c:1");

    Keyring after = Keyring::Parse("# rotated\n" + first + "\n" + Keyring::NewKeyLine("k2") + "\n");
    EXPECT_EQ(after.current_id(), "k2");
    EXPECT_EQ(after.ids(), (std::vector<std::string>{"k1", "k2"}));
    EXPECT_EQ(after.Open(old_value, "c:1"), "secret");
    const std::string new_value = after.Seal("secret", "c:1");
    EXPECT_EQ(Keyring::KeyIdOf(new_value), "k2");
    EXPECT_EQ(Keyring::KeyIdOf(old_value), "k1");
    // The old key alone cannot open what the new one sealed.
    EXPECT_THROW(before.Open(new_value, "c:1"), SealError);
}

TEST(KeyringTest, DerivedKeysDependOnKeyAndPurpose) {
    Keyring keyring = Keyring::Parse(Keyring::NewKeyLine("k1") + "\n" + Keyring::NewKeyLine("k2"));
    EXPECT_EQ(keyring.DeriveKey("k1", "auditmac"), keyring.DeriveKey("k1", "auditmac"));
    EXPECT_NE(keyring.DeriveKey("k1", "auditmac"), keyring.DeriveKey("k2", "auditmac"));
    EXPECT_NE(keyring.DeriveKey("k1", "auditmac"), keyring.DeriveKey("k1", "other___"));
    EXPECT_THROW(keyring.DeriveKey("k3", "auditmac"), SealError);
}

TEST(KeyringTest, BadKeyFilesAreRefusedWithTheLine) {
    auto message = [](std::string_view text) {
        try {
            Keyring::Parse(text);
        } catch (const KeyringError& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(message("").find("no key"), std::string::npos);
    EXPECT_NE(message("# only a comment\n").find("no key"), std::string::npos);
    EXPECT_NE(message("k1").find("key line 1"), std::string::npos);
    EXPECT_NE(message("\nk1 c2hvcnQ=").find("key line 2: the key must be 32 bytes"), std::string::npos);
    EXPECT_NE(message("k/1 " + Keyring::NewKeyLine("x").substr(2)).find("the id must be"), std::string::npos);
    const std::string line = Keyring::NewKeyLine("k1");
    EXPECT_NE(message(line + "\n" + line).find("duplicate key id k1"), std::string::npos);
    EXPECT_EQ(message(line + "   # the first key\n"), "accepted");
}

std::string SealString(const Keyring& keyring, const std::string& plain, std::string_view context) {
    std::istringstream in(plain);
    std::ostringstream out;
    keyring.SealStream(in, out, context);
    return out.str();
}

std::string OpenString(const Keyring& keyring, const std::string& sealed, std::string_view context) {
    std::istringstream in(sealed);
    std::ostringstream out;
    keyring.OpenStream(in, out, context);
    return out.str();
}

TEST(KeyringTest, Streams_RoundTripAtEverySize) {
    const Keyring keyring = Keyring::Parse(Keyring::NewKeyLine("k1"));
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{65535}, std::size_t{65536}, std::size_t{65537},
                             std::size_t{200000}}) {
        std::string plain(size, '\0');
        for (std::size_t i = 0; i < size; ++i) plain[i] = static_cast<char>(i * 7 + 3);
        const std::string sealed = SealString(keyring, plain, "cases_document.file:9");
        EXPECT_EQ(sealed.find(plain.substr(0, std::min<std::size_t>(size, 64))) == std::string::npos || size < 8, true);
        EXPECT_EQ(OpenString(keyring, sealed, "cases_document.file:9"), plain) << size;
    }
}

TEST(KeyringTest, Streams_CutEditedOrMovedFilesDoNotOpen) {
    const std::string key_line = Keyring::NewKeyLine("k1");
    const Keyring keyring = Keyring::Parse(key_line);
    const std::string plain(150000, 'x');
    const std::string sealed = SealString(keyring, plain, "doc:1");
    EXPECT_THROW(OpenString(keyring, sealed, "doc:2"), SealError);
    // Cut at the boundary of a whole chunk: the FINAL tag is missing.
    const std::size_t first_chunk_end = 4 + 1 + 2 + 24 + 4 + 65536 + 17;
    EXPECT_THROW(OpenString(keyring, sealed.substr(0, first_chunk_end), "doc:1"), SealError);
    EXPECT_THROW(OpenString(keyring, sealed.substr(0, sealed.size() - 1), "doc:1"), SealError);
    std::string edited = sealed;
    edited[first_chunk_end + 100] ^= 1;
    EXPECT_THROW(OpenString(keyring, edited, "doc:1"), SealError);
    EXPECT_THROW(OpenString(keyring, sealed + "tail", "doc:1"), SealError);
    EXPECT_THROW(OpenString(keyring, "not sealed at all", "doc:1"), SealError);
    // After a rotation the old file still opens; another key under the same id does not open it.
    const Keyring rotated = Keyring::Parse(key_line + "\n" + Keyring::NewKeyLine("k2"));
    EXPECT_EQ(OpenString(rotated, sealed, "doc:1"), plain);
    EXPECT_THROW(OpenString(Keyring::Parse(Keyring::NewKeyLine("k1")), sealed, "doc:1"), SealError);
}

TEST(KeyringTest, Streams_ResealMovesAFileToTheCurrentKeyWithItsChunksUnchanged) {
    const std::string old_line = Keyring::NewKeyLine("k1");
    const Keyring before = Keyring::Parse(old_line);
    const Keyring rotated = Keyring::Parse(old_line + "\n" + Keyring::NewKeyLine("k2"));
    for (std::size_t size : {std::size_t{0}, std::size_t{65536}, std::size_t{150000}}) {
        std::string plain(size, '\0');
        for (std::size_t i = 0; i < size; ++i) plain[i] = static_cast<char>(i * 13 + 1);
        const std::string sealed = SealString(before, plain, "doc:4");
        std::istringstream in(sealed);
        std::ostringstream out;
        rotated.ResealStream(in, out, "doc:4");
        const std::string resealed = out.str();
        std::istringstream header(resealed);
        EXPECT_EQ(Keyring::KeyIdOfStream(header), "k2") << size;
        EXPECT_EQ(resealed.size(), sealed.size()) << size;  // the same chunks, so the same framing
        EXPECT_EQ(OpenString(rotated, resealed, "doc:4"), plain) << size;
        EXPECT_THROW(OpenString(before, resealed, "doc:4"), SealError) << size;  // k2 is not in the old file
        EXPECT_THROW(OpenString(rotated, resealed, "doc:5"), SealError) << size;
    }
    std::istringstream old_header(SealString(before, "x", "doc:4"));
    EXPECT_EQ(Keyring::KeyIdOfStream(old_header), "k1");
    std::istringstream garbage("PSF1\x03k/1");
    EXPECT_EQ(Keyring::KeyIdOfStream(garbage), std::nullopt);
    std::istringstream empty("");
    EXPECT_EQ(Keyring::KeyIdOfStream(empty), std::nullopt);
    std::string edited = SealString(before, std::string(1000, 'y'), "doc:4");
    edited[edited.size() - 3] ^= 1;
    std::istringstream tampered(edited);
    std::ostringstream discarded;
    EXPECT_THROW(rotated.ResealStream(tampered, discarded, "doc:4"), SealError);
}

TEST(KeyringTest, KeyFilesReadableByOthersAreRefused) {
    char directory[] = "/tmp/ponte-keys-XXXXXX";
    ASSERT_NE(mkdtemp(directory), nullptr);
    const std::string path = std::string(directory) + "/ponte.keys";
    EXPECT_THROW(Keyring::Load(path), KeyringError);  // missing
    std::ofstream(path) << Keyring::NewKeyLine("k1") << "\n";
    chmod(path.c_str(), 0644);
    EXPECT_THROW(Keyring::Load(path), KeyringError);
    chmod(path.c_str(), 0600);
    EXPECT_EQ(Keyring::Load(path).current_id(), "k1");
    unlink(path.c_str());
    rmdir(directory);
}

}  // namespace
}  // namespace ponte::crypto
