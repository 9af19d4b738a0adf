#include "HttpClientPlugin.h"
#include "HttpClient.h"

namespace {

constexpr chasm::http::HttpClientPlugin plugin{&chasm::http::HttpClient::get};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::http::HttpClientPlugin* chasmHttpClientPlugin()
{
    return &plugin;
}
