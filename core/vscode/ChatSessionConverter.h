#pragma once

#include "model/Session.h"

#include <boost/json/value.hpp>

namespace chasm {

// Turns a VS Code-family session tree (ISerializableChatData, any version) into the normalized
// Session: each request becomes a user message (plus a system message for context the editor
// injected) and an assistant message assembled from the response parts, with tool invocations as
// tool calls.
class ChatSessionConverter
{
public:
    struct Context
    {
        QString provider;
        QString nativeId;
        QString workspace;
        QString projectPath;
        // Used when the session records no dates.
        QDateTime fileModified;
    };

    static Session convert(const boost::json::value& tree, const Context& context);

    // A path or URI from the forms VS Code serializes: a URI string, a URI object
    // ({fsPath, path, scheme, external}), a location ({uri, range}).
    static QString referenceText(const boost::json::value& value);
    static QString referenceText(const boost::json::value* value);
};

} // namespace chasm
