// Where a request comes from: the TCP peer, or, when the peer is a proxy the operator trusts,
// the address that proxy (and the trusted ones before it) says it received the request from.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::http {

// A set of IP addresses and CIDR blocks, IPv4 and IPv6 (an IPv4 address also matches in its
// IPv4-mapped IPv6 form, "::ffff:10.0.0.1").
class TrustedProxies {
  public:
    // Parses a comma-separated list ("10.0.0.0/8, 192.168.1.7, fd00::/8"); spaces around entries
    // are ignored and an empty list trusts nobody. nullopt when an entry is neither an address
    // nor a block; `bad` then names it.
    static std::optional<TrustedProxies> Parse(std::string_view list, std::string* bad = nullptr);

    // True when `address` (an IP address without port) is in one of the blocks.
    bool Contains(std::string_view address) const;
    bool empty() const { return blocks_.empty(); }

  private:
    struct Block {
        std::array<unsigned char, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
        unsigned prefix = 128;
    };
    std::vector<Block> blocks_;
};

// The client's IP address. When `peer` (the TCP peer's IP address) is trusted, the entries of
// `x_forwarded_for` (every X-Forwarded-For field, joined by commas in order) are read from the
// right, each appended by the hop before: the first one that is not trusted is the client's.
// When every entry is trusted, the left-most; when an entry is not an IP address, the last
// trusted hop (the address that wrote it). An entry may carry a port ("1.2.3.4:5678",
// "[2001:db8::1]:443"), which is dropped; the answer is written one way only (IPv4-mapped IPv6 as
// IPv4). An untrusted peer is the client itself, whatever the
// header says.
std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for, const TrustedProxies& trusted);

// The network a throttle counts `address` (an IP address without port) in: an IPv4 address is
// itself, an IPv6 address its /64 ("2001:db8:1:2::/64"), which one customer usually holds whole
// and can fill with fresh addresses at will. Anything else is returned as it is.
std::string NetworkOf(std::string_view address);

// True when `address` (an IP address without port) is a loopback address: 127.0.0.0/8, ::1 or
// an IPv4-mapped 127.x.
bool IsLoopback(std::string_view address);

// The IP address of a Request::remote ("1.2.3.4:5678", "::1:5678"): everything before the last
// colon.
std::string_view AddressPart(std::string_view remote);

}  // namespace ponte::http
