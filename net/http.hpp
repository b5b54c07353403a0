// A small HTTP client for the network parts of long-term validation (TSA,
// OCSP, CRL and certificate downloads). libcurl is dlopen()ed on first use so
// that a plain B-B signature never loads it.
#pragma once

#include <chrono>
#include <string>

namespace bsre::net {

struct HttpRequest {
    std::string url;
    std::string body;            // empty: GET, otherwise POST with contentType
    std::string contentType;
    std::chrono::seconds timeout{15};
    std::string user, password;  // HTTP basic authentication (optional)
    size_t maxBytes = 1u << 20;  // answers larger than this are cut off as an error (docs/CLI.md, Network limits)
};

struct HttpResponse {
    long status = 0;             // HTTP status, 0 when there was no answer
    std::string body;
    std::string contentType;     // as the server said it, lower case, without parameters
    std::string error;           // transport failure (refused, timeout, ...); empty on an answer
};

// Never throws for network trouble: the caller decides what a failure means.
// Proxies from the environment are ignored for loopback addresses.
HttpResponse httpRequest(const HttpRequest& rq);

// True for http:// and https:// URLs (the only schemes fetched).
bool isHttpUrl(const std::string& url);

} // namespace bsre::net
