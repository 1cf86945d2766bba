#include "core/http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace ponte::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The address as 16 bytes, IPv4 mapped into IPv6 so that one comparison covers both.
std::optional<std::array<unsigned char, 16>> BytesOf(std::string_view text) {
    boost::system::error_code error;
    const ip::address address = ip::make_address(std::string(text), error);
    if (error) return std::nullopt;
    if (address.is_v4()) return ip::make_address_v6(ip::v4_mapped, address.to_v4()).to_bytes();
    return address.to_v6().to_bytes();
}

// An X-Forwarded-For entry as an address: some balancers write a port ("1.2.3.4:5678",
// "[2001:db8::1]:443"); the port goes, and the address is written one way only (IPv4-mapped IPv6
// as IPv4, IPv6 compressed in lower case), so that one client is one throttle key.
std::optional<std::string> CanonicalAddress(std::string_view entry) {
    if (entry.starts_with('[')) {
        const auto close = entry.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        entry = entry.substr(1, close - 1);
    } else if (entry.find(':') == entry.rfind(':') && entry.find(':') != std::string_view::npos) {
        entry = entry.substr(0, entry.find(':'));  // one colon: IPv4 with a port
    }
    boost::system::error_code error;
    ip::address address = ip::make_address(std::string(entry), error);
    if (error) return std::nullopt;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
    }
    return address.to_string();
}

}  // namespace

std::string NetworkOf(std::string_view address) {
    boost::system::error_code error;
    ip::address parsed = ip::make_address(std::string(address), error);
    if (error) return std::string(address);
    if (parsed.is_v6() && parsed.to_v6().is_v4_mapped()) parsed = ip::make_address_v4(ip::v4_mapped, parsed.to_v6());
    if (parsed.is_v4()) return parsed.to_string();
    auto bytes = parsed.to_v6().to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return ip::make_address_v6(bytes).to_string() + "/64";
}

std::optional<TrustedProxies> TrustedProxies::Parse(std::string_view list, std::string* bad) {
    TrustedProxies proxies;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string_view entry = Trim(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (entry.empty()) continue;
        const auto slash = entry.find('/');
        const std::string_view address = entry.substr(0, slash);
        auto bytes = BytesOf(address);
        const bool v4 = address.find(':') == std::string_view::npos;
        unsigned prefix = 128;
        bool ok = bytes.has_value();
        if (ok && slash != std::string_view::npos) {
            const std::string_view digits = entry.substr(slash + 1);
            auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
            ok = !digits.empty() && error == std::errc{} && end == digits.data() + digits.size() &&
                 prefix <= (v4 ? 32U : 128U);
            if (v4) prefix += 96;
        }
        if (!ok) {
            if (bad != nullptr) *bad = std::string(entry);
            return std::nullopt;
        }
        proxies.blocks_.push_back({*bytes, prefix});
    }
    return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
    auto bytes = BytesOf(address);
    if (!bytes) return false;
    for (const Block& block : blocks_) {
        bool inside = true;
        for (unsigned bit = 0; bit < block.prefix && inside; bit += 8) {
            const unsigned bits = std::min(8U, block.prefix - bit);
            const auto mask = static_cast<unsigned char>(0xFF << (8 - bits));
            inside = ((*bytes)[bit / 8] & mask) == (block.bytes[bit / 8] & mask);
        }
        if (inside) return true;
    }
    return false;
}

std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for, const TrustedProxies& trusted) {
    if (!trusted.Contains(peer)) return std::string(peer);
    std::string_view hop = peer;  // the last address known to be a trusted proxy's word
    std::string_view rest = x_forwarded_for;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (entry.empty()) continue;
        const auto address = CanonicalAddress(entry);
        if (!address) return std::string(hop);
        if (!trusted.Contains(*address)) return *address;
        hop = entry;
    }
    return CanonicalAddress(hop).value_or(std::string(hop));
}

std::string_view AddressPart(std::string_view remote) {
    const auto colon = remote.rfind(':');
    return colon == std::string_view::npos ? remote : remote.substr(0, colon);
}

bool IsLoopback(std::string_view address) {
    boost::system::error_code error;
    ip::address parsed = ip::make_address(std::string(address), error);
    if (error) return false;
    if (parsed.is_v6() && parsed.to_v6().is_v4_mapped()) parsed = ip::make_address_v4(ip::v4_mapped, parsed.to_v6());
    return parsed.is_loopback();
}

}  // namespace ponte::http
