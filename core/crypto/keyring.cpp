#include "core/crypto/keyring.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/crypto/random.hpp"
#include "core/db/files.hpp"

namespace ponte::crypto {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::string ToBase64(const unsigned char* data, std::size_t size, int variant) {
    std::string out(sodium_base64_ENCODED_LEN(size, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, variant);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::vector<unsigned char>> FromBase64(std::string_view text, int variant) {
    std::vector<unsigned char> out(text.size());
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr, variant) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string FieldContext(std::string_view table, std::string_view column, std::int64_t row_id) {
    return std::string(table) + "." + std::string(column) + ":" + std::to_string(row_id);
}

bool Keyring::IsValidKeyId(std::string_view id) {
    return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

Keyring Keyring::Parse(std::string_view text) {
    EnsureInitialized();
    Keyring keyring;
    int line_number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++line_number;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = Trim(line);
        if (line.empty()) continue;
        const std::string where = "key line " + std::to_string(line_number);
        auto space = line.find_first_of(" \t");
        if (space == std::string_view::npos) throw KeyringError(where + ": expected \"<id> <base64 key>\"");
        std::string_view id = line.substr(0, space);
        std::string_view encoded = Trim(line.substr(space + 1));
        if (!IsValidKeyId(id)) throw KeyringError(where + ": the id must be 1 to 32 of A-Z a-z 0-9 _ -");
        if (keyring.Find(id)) throw KeyringError(where + ": duplicate key id " + std::string(id));
        auto bytes = FromBase64(encoded, sodium_base64_VARIANT_ORIGINAL);
        if (!bytes || bytes->size() != kKeyBytes) {
            throw KeyringError(where + ": the key must be 32 bytes in base64 (make one with `ponte keys generate`)");
        }
        Key key{std::string(id), {}};
        std::copy(bytes->begin(), bytes->end(), key.bytes.begin());
        sodium_memzero(bytes->data(), bytes->size());
        keyring.keys_.push_back(std::move(key));
    }
    if (keyring.keys_.empty()) throw KeyringError("no key: make one with `ponte keys generate`");
    return keyring;
}

Keyring Keyring::Load(const std::filesystem::path& file) {
    struct stat status {};
    if (stat(file.c_str(), &status) != 0) {
        throw KeyringError("no key file at " + file.string() + ": create one with `ponte keys generate --key-file " +
                           file.string() + "` and keep it out of database backups");
    }
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        throw KeyringError("the key file " + file.string() +
                           " may be read by other users than its owner: chmod 600 it, then check who copied it");
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw KeyringError("cannot read the key file " + file.string());
    try {
        return Parse(text.str());
    } catch (const KeyringError& error) {
        throw KeyringError(file.string() + ": " + error.what());
    }
}

Keyring Keyring::FromEnvironmentOr(const std::filesystem::path& file) {
    if (const char* keys = std::getenv("PONTE_KEYS"); keys && *keys) {
        try {
            return Parse(keys);
        } catch (const KeyringError& error) {
            throw KeyringError(std::string("PONTE_KEYS: ") + error.what());
        }
    }
    return Load(file);
}

std::string Keyring::NewKeyLine(std::string_view id) {
    EnsureInitialized();
    std::array<unsigned char, kKeyBytes> bytes{};
    crypto_aead_xchacha20poly1305_ietf_keygen(bytes.data());
    std::string line = std::string(id) + " " + ToBase64(bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(bytes.data(), bytes.size());
    return line;
}

Keyring::~Keyring() {
    for (auto& key : keys_) sodium_memzero(key.bytes.data(), key.bytes.size());
}

std::vector<std::string> Keyring::ids() const {
    std::vector<std::string> ids;
    for (const auto& key : keys_) ids.push_back(key.id);
    return ids;
}

const Keyring::Key* Keyring::Find(std::string_view id) const {
    for (const auto& key : keys_) {
        if (key.id == id) return &key;
    }
    return nullptr;
}

std::string Keyring::Seal(std::string_view plaintext, std::string_view context) const {
    const Key& key = keys_.back();
    std::vector<unsigned char> box(kNonceBytes + plaintext.size() + kTagBytes);
    randombytes_buf(box.data(), kNonceBytes);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(box.data() + kNonceBytes, &length, Bytes(plaintext), plaintext.size(),
                                               Bytes(context), context.size(), nullptr, box.data(), key.bytes.data());
    return std::string(kVersion) + ":" + key.id + ":" + ToBase64(box.data(), box.size(), kVariant);
}

std::optional<std::string> Keyring::KeyIdOf(std::string_view sealed) {
    if (!sealed.starts_with(std::string(kVersion) + ":")) return std::nullopt;
    sealed.remove_prefix(kVersion.size() + 1);
    auto colon = sealed.find(':');
    if (colon == std::string_view::npos || !IsValidKeyId(sealed.substr(0, colon))) return std::nullopt;
    return std::string(sealed.substr(0, colon));
}

std::string Keyring::Open(std::string_view sealed, std::string_view context) const {
    auto id = KeyIdOf(sealed);
    if (!id) throw SealError("not a sealed value");
    const Key* key = Find(*id);
    if (!key) throw SealError("sealed with key " + *id + ", which is not in the key file");
    auto box = FromBase64(sealed.substr(kVersion.size() + 1 + id->size() + 1), kVariant);
    if (!box || box->size() < kNonceBytes + kTagBytes) throw SealError("malformed sealed value");
    std::string plaintext(box->size() - kNonceBytes - kTagBytes, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr,
                                                   box->data() + kNonceBytes, box->size() - kNonceBytes, Bytes(context),
                                                   context.size(), box->data(), key->bytes.data()) != 0) {
        throw SealError("sealed value does not open: tampered, or from another record or field");
    }
    return plaintext;
}

namespace {

constexpr std::string_view kStreamMagic = "PSF1";
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
constexpr std::size_t kStreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kStreamTagBytes = crypto_secretstream_xchacha20poly1305_ABYTES;

// Reads up to `size` bytes, fewer only at the end of the stream; a read error is not an end.
std::size_t ReadSome(std::istream& in, unsigned char* data, std::size_t size) {
    in.read(reinterpret_cast<char*>(data), static_cast<std::streamsize>(size));
    if (in.bad()) throw SealError("read error");
    return static_cast<std::size_t>(in.gcount());
}

void ReadExactly(std::istream& in, unsigned char* data, std::size_t size, const char* what) {
    if (ReadSome(in, data, size) != size) throw SealError(std::string("sealed file cut short in its ") + what);
}

// Seals what is written to it into `out`, in chunks of kChunkBytes. A full chunk is pushed only
// when a byte more arrives, so that Finish() can give the last one, full or empty, the FINAL tag.
class SealingBuffer : public std::streambuf {
  public:
    SealingBuffer(std::string_view key_id, const unsigned char* key, std::ostream& out, std::string_view context)
        : out_(out), context_(context), plain_(kChunkBytes), sealed_(kChunkBytes + kStreamTagBytes) {
        unsigned char header[kStreamHeaderBytes];
        crypto_secretstream_xchacha20poly1305_init_push(&state_, header, key);
        out_.write(kStreamMagic.data(), static_cast<std::streamsize>(kStreamMagic.size()));
        out_.put(static_cast<char>(key_id.size()));
        out_.write(key_id.data(), static_cast<std::streamsize>(key_id.size()));
        out_.write(reinterpret_cast<const char*>(header), sizeof header);
        Reset();
    }
    SealingBuffer(const SealingBuffer&) = delete;
    SealingBuffer& operator=(const SealingBuffer&) = delete;
    ~SealingBuffer() override { sodium_memzero(plain_.data(), plain_.size()); }

    void Finish() {
        Push(crypto_secretstream_xchacha20poly1305_TAG_FINAL);
        if (!out_) throw SealError("cannot write the sealed file");
    }

  protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        Push(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
        return ch;
    }

  private:
    void Reset() { setp(reinterpret_cast<char*>(plain_.data()), reinterpret_cast<char*>(plain_.data()) + kChunkBytes); }

    void Push(unsigned char tag) {
        const auto length = static_cast<std::size_t>(pptr() - pbase());
        unsigned long long sealed_length = 0;
        crypto_secretstream_xchacha20poly1305_push(&state_, sealed_.data(), &sealed_length, plain_.data(), length,
                                                   Bytes(context_), context_.size(), tag);
        const unsigned char size[4] = {
            static_cast<unsigned char>(sealed_length >> 24), static_cast<unsigned char>(sealed_length >> 16),
            static_cast<unsigned char>(sealed_length >> 8), static_cast<unsigned char>(sealed_length)};
        out_.write(reinterpret_cast<const char*>(size), 4);
        out_.write(reinterpret_cast<const char*>(sealed_.data()), static_cast<std::streamsize>(sealed_length));
        Reset();
    }

    std::ostream& out_;
    std::string_view context_;
    crypto_secretstream_xchacha20poly1305_state state_;
    std::vector<unsigned char> plain_;
    std::vector<unsigned char> sealed_;
};

}  // namespace

void Keyring::SealStream(std::istream& in, std::ostream& out, std::string_view context) const {
    const Key& key = keys_.back();
    SealingBuffer sealing(key.id, key.bytes.data(), out, context);
    std::vector<unsigned char> plain(kChunkBytes);
    for (;;) {
        const std::size_t length = ReadSome(in, plain.data(), kChunkBytes);
        if (length == 0) break;
        sealing.sputn(reinterpret_cast<const char*>(plain.data()), static_cast<std::streamsize>(length));
    }
    sodium_memzero(plain.data(), plain.size());
    sealing.Finish();
}

void Keyring::ResealStream(std::istream& in, std::ostream& out, std::string_view context) const {
    const Key& key = keys_.back();
    SealingBuffer sealing(key.id, key.bytes.data(), out, context);
    std::ostream plain(&sealing);
    OpenStream(in, plain, context);
    sealing.Finish();
}

std::optional<std::string> Keyring::KeyIdOfStream(std::istream& in) {
    char magic[4];
    if (!in.read(magic, sizeof magic) || std::string_view(magic, sizeof magic) != kStreamMagic) return std::nullopt;
    const int id_length = in.get();
    if (id_length == std::char_traits<char>::eof()) return std::nullopt;
    std::string id(static_cast<std::size_t>(id_length), '\0');
    if (!in.read(id.data(), static_cast<std::streamsize>(id.size())) || !IsValidKeyId(id)) return std::nullopt;
    return id;
}

void Keyring::OpenStream(std::istream& in, std::ostream& out, std::string_view context) const {
    unsigned char magic[4];
    ReadExactly(in, magic, sizeof magic, "header");
    if (std::string_view(reinterpret_cast<const char*>(magic), 4) != kStreamMagic) throw SealError("not a sealed file");
    unsigned char id_length = 0;
    ReadExactly(in, &id_length, 1, "header");
    std::string id(id_length, '\0');
    ReadExactly(in, reinterpret_cast<unsigned char*>(id.data()), id.size(), "header");
    const Key* key = Find(id);
    if (!key) throw SealError("sealed with key " + id + ", which is not in the key file");
    unsigned char header[kStreamHeaderBytes];
    ReadExactly(in, header, sizeof header, "header");
    crypto_secretstream_xchacha20poly1305_state state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header, key->bytes.data()) != 0) {
        throw SealError("malformed sealed file header");
    }
    std::vector<unsigned char> sealed(kChunkBytes + kStreamTagBytes);
    std::vector<unsigned char> plain(kChunkBytes);
    for (;;) {
        unsigned char size[4];
        ReadExactly(in, size, 4, "chunks");
        const std::size_t length = (std::size_t{size[0]} << 24) | (std::size_t{size[1]} << 16) |
                                   (std::size_t{size[2]} << 8) | std::size_t{size[3]};
        if (length < kStreamTagBytes || length > sealed.size()) throw SealError("malformed sealed file chunk");
        ReadExactly(in, sealed.data(), length, "chunks");
        unsigned long long plain_length = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &plain_length, &tag, sealed.data(), length,
                                                       Bytes(context), context.size()) != 0) {
            throw SealError("sealed file does not open: tampered, or from another record");
        }
        out.write(reinterpret_cast<const char*>(plain.data()), static_cast<std::streamsize>(plain_length));
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    }
    sodium_memzero(plain.data(), plain.size());
    char extra = 0;
    if (in.get(extra)) throw SealError("sealed file has data after its end");
}

std::array<unsigned char, Keyring::kKeyBytes> Keyring::DeriveKey(std::string_view key_id,
                                                                 std::string_view purpose) const {
    const Key* key = Find(key_id);
    if (!key) throw SealError("no key " + std::string(key_id) + " in the key file");
    char context[crypto_kdf_CONTEXTBYTES] = {};
    std::copy_n(purpose.begin(), std::min(purpose.size(), sizeof context), context);
    std::array<unsigned char, kKeyBytes> derived{};
    crypto_kdf_derive_from_key(derived.data(), derived.size(), 1, context, key->bytes.data());
    return derived;
}

namespace {

void WriteAll(int fd, const std::string& text, const std::filesystem::path& file) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n <= 0) {
            ::close(fd);
            throw KeyringError("cannot write the key file " + file.string());
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) throw KeyringError("cannot write the key file " + file.string());
}

}  // namespace

void CreateKeyFile(const std::filesystem::path& file) {
    if (file.has_parent_path()) db::CreatePrivateDirectories(file.parent_path());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw KeyringError(errno == EEXIST
                               ? "the key file " + file.string() + " exists already; it is never overwritten"
                               : "cannot create the key file " + file.string());
    }
    WriteAll(fd,
             "# Ponte field-encryption keys: one \"<id> <base64 key>\" per line, the last one current.\n"
             "# Keep this file out of database backups, and back it up apart: without it, sealed data is lost.\n" +
                 Keyring::NewKeyLine("k1") + "\n",
             file);
}

std::string AddKeyToFile(const std::filesystem::path& file) {
    const Keyring keyring = Keyring::Load(file);
    long next = 1;
    for (const auto& id : keyring.ids()) {
        if (id.size() > 1 && id.size() < 10 && id[0] == 'k' &&
            std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            next = std::max(next, std::stol(id.substr(1)) + 1);
        }
    }
    std::string id = "k" + std::to_string(next);
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) throw KeyringError("cannot open the key file " + file.string());
    WriteAll(fd, "\n" + Keyring::NewKeyLine(id) + "\n", file);
    return id;
}

}  // namespace ponte::crypto
