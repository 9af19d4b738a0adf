// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

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

    // Converts a session's requests one at a time, in order, and adds up what the session takes from all
    // of them (its model, tokens, last request, first prompt, files): how convert() goes through a tree,
    // and how a log read in parts (RequestIndex) is converted without holding all of its requests.
    class Requests
    {
    public:
        // Appends the messages of the request at `index` to `messages`.
        void add(const boost::json::value& request, int index, QList<Message>& messages);
        // The session's own fields, from the requests added and the tree's `root` (its requests are not
        // looked at); `session.messages` is left as it is.
        void finish(Session& session, const boost::json::value& root, const Context& context) const;

    private:
        qint64 m_tokens = 0;
        bool m_haveTokens = false;
        QString m_firstUserText;
        QDateTime m_lastRequest;
        QString m_model;
        QStringList m_filesReferenced;
    };

    // A path or URI from the forms VS Code serializes: a URI string, a URI object
    // ({fsPath, path, scheme, external}), a location ({uri, range}).
    static QString referenceText(const boost::json::value& value);
    static QString referenceText(const boost::json::value* value);
};

} // namespace chasm
