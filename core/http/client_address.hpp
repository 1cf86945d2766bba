// Where a request comes from.
#pragma once

#include <string_view>

namespace ponte::http {

// True when `address` (an IP address without port) is a loopback address: 127.0.0.0/8, ::1 or
// an IPv4-mapped 127.x.
bool IsLoopback(std::string_view address);

// The IP address of a Request::remote ("1.2.3.4:5678", "::1:5678"): everything before the last
// colon.
std::string_view AddressPart(std::string_view remote);

}  // namespace ponte::http
