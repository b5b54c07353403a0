#include "net/http.hpp"

#include "common/error.hpp"

#include <curl/curl.h>

#include <cctype>
#include <dlfcn.h>

#include <algorithm>
#include <memory>
#include <type_traits>

namespace bsre::net {

namespace {

struct Sink {
    std::string* out;
    size_t limit;
    bool truncated = false;
};

size_t collect(char* data, size_t size, size_t n, void* userdata)
{
    auto* sink = static_cast<Sink*>(userdata);
    if (sink->out->size() + size * n > sink->limit) {
        sink->truncated = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    sink->out->append(data, size * n);
    return size * n;
}

// libcurl is loaded on first use: a signature without a timestamp should not
// pay for loading it and its dozens of dependencies at every start.
struct CurlApi {
    decltype(&curl_global_init) global_init = nullptr;
    decltype(&curl_easy_init) easy_init = nullptr;
    decltype(&curl_easy_setopt) easy_setopt = nullptr;
    decltype(&curl_easy_perform) easy_perform = nullptr;
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&curl_easy_strerror) easy_strerror = nullptr;
    decltype(&curl_slist_append) slist_append = nullptr;
    decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

const CurlApi& curl()
{
    static const CurlApi api = [] {
        CurlApi a;
        void* h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!h)
            fail(Code::Internal, "The HTTP library (libcurl) cannot be loaded.", "Pustaka HTTP (libcurl) tidak dapat dimuat.");
        auto sym = [h](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
        };
        sym(a.global_init, "curl_global_init");
        sym(a.easy_init, "curl_easy_init");
        sym(a.easy_setopt, "curl_easy_setopt");
        sym(a.easy_perform, "curl_easy_perform");
        sym(a.easy_getinfo, "curl_easy_getinfo");
        sym(a.easy_cleanup, "curl_easy_cleanup");
        sym(a.easy_strerror, "curl_easy_strerror");
        sym(a.slist_append, "curl_slist_append");
        sym(a.slist_free_all, "curl_slist_free_all");
        if (!a.global_init || !a.easy_init || !a.easy_setopt || !a.easy_perform || !a.easy_getinfo ||
            !a.easy_cleanup || !a.easy_strerror || !a.slist_append || !a.slist_free_all)
            fail(Code::Internal, "The HTTP library (libcurl) is incomplete.", "Pustaka HTTP (libcurl) tidak lengkap.");
        a.global_init(CURL_GLOBAL_DEFAULT);
        return a;
    }();
    return api;
}

struct CurlFree {
    void operator()(CURL* c) const noexcept { curl().easy_cleanup(c); }
};
struct SlistFree {
    void operator()(curl_slist* l) const noexcept { curl().slist_free_all(l); }
};

} // namespace

bool isHttpUrl(const std::string& url)
{
    return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

namespace {
// "Application/OCSP-Response; charset=x" -> "application/ocsp-response"
std::string mediaType(std::string type)
{
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    for (char& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type;
}
void redirectsProxyAndAuth(const CurlApi& api, CURL* h, const HttpRequest& rq)
{
    if (rq.body.empty()) {
        // A CRL or certificate address may have moved (HTTP 301/302); POSTs
        // (TSA, OCSP) are not repeated elsewhere.
        api.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        api.easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
        api.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    }
    // A proxy from the environment must not swallow requests to this machine.
    api.easy_setopt(h, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    if (!rq.user.empty()) {
        api.easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        api.easy_setopt(h, CURLOPT_USERNAME, rq.user.c_str());
        api.easy_setopt(h, CURLOPT_PASSWORD, rq.password.c_str());
    }
}
} // namespace

HttpResponse httpRequest(const HttpRequest& rq)
{
    const CurlApi& api = curl();
    HttpResponse r;
    std::unique_ptr<CURL, CurlFree> handle(api.easy_init());
    if (!handle) {
        r.error = "the HTTP client could not start";
        return r;
    }
    std::unique_ptr<curl_slist, SlistFree> headers;
    if (!rq.contentType.empty())
        headers.reset(api.slist_append(nullptr, ("Content-Type: " + rq.contentType).c_str()));
    // Room for the largest answer allowed, taken once: an endless body then
    // costs the limit, not the limit plus the copies of a doubling string
    // (pages not written are never resident).
    r.body.reserve(rq.maxBytes);
    Sink sink{&r.body, rq.maxBytes};
    char err[CURL_ERROR_SIZE] = {};
    CURL* h = handle.get();
    api.easy_setopt(h, CURLOPT_URL, rq.url.c_str());
    if (!rq.body.empty()) {
        api.easy_setopt(h, CURLOPT_POST, 1L);
        api.easy_setopt(h, CURLOPT_POSTFIELDS, rq.body.data());
        api.easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(rq.body.size()));
    }
    if (headers)
        api.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    api.easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(rq.timeout.count()));
    // A host that swallows packets should not hold the signer for the whole
    // timeout on every address: connecting gets at most 5 s.
    api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(5, rq.timeout.count())));
    api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    api.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    // A Content-Length over the limit is refused before a byte of the body is read.
    api.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(rq.maxBytes));
    api.easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    api.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    redirectsProxyAndAuth(api, h, rq);
    CURLcode rc = api.easy_perform(h);
    if (sink.truncated || rc == CURLE_FILESIZE_EXCEEDED) {
        r.error = "the answer is larger than " + std::to_string(rq.maxBytes >> 20) + " MiB";
        std::string().swap(r.body);
        return r;
    }
    if (rc != CURLE_OK) {
        r.error = err[0] ? err : api.easy_strerror(rc);
        std::string().swap(r.body);
        return r;
    }
    r.body.shrink_to_fit();
    api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    char* type = nullptr;
    if (api.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
        r.contentType = mediaType(type);
    return r;
}

} // namespace bsre::net
