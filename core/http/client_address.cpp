#include "core/http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

namespace ponte::http {
namespace {

namespace ip = boost::asio::ip;

}  // namespace

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
