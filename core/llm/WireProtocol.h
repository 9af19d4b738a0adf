// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace chasm {

// One request to a model server as it goes on the wire: a GET when the body is empty, else a POST of JSON.
struct WireRequest
{
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// One page of a models listing and the token of the next one (empty: the last page).
struct ModelPage
{
    QStringList ids;
    QString next;
};

// Reads an answer's body as it arrives (whole, or streamed as events or lines): the text goes to `onText` piece by
// piece, the rest into answer(). Errors say what is wrong with the body, without naming the server.
class AnswerDecoder
{
public:
    virtual ~AnswerDecoder() = default;

    virtual std::optional<Error> feed(QByteArrayView bytes) = 0;
    // The body ended: an error when the answer is not complete.
    virtual std::optional<Error> finish() = 0;
    virtual const ChatAnswer& answer() const = 0;
};

// How one of the four APIs (ModelApi) says things: the requests it takes and how its answers read. Pure: no I/O, so
// that the network code is the same for all four.
class WireProtocol
{
public:
    virtual ~WireProtocol() = default;

    virtual WireRequest chat(const ChatRequest& request) const = 0;
    virtual std::unique_ptr<AnswerDecoder> decoder(bool stream,
                                                   const std::function<void(QStringView)>& onText) const = 0;
    // The request for a page of the models listing: the first one with an empty token.
    virtual WireRequest models(const QString& pageToken) const = 0;
    virtual Result<ModelPage> modelPage(const QByteArray& body) const = 0;
};

std::unique_ptr<WireProtocol> wireProtocol(const ModelEndpoint& endpoint);

// The API's own message in the body of an error answer (all four put it in "error", "error.message", "message" or
// "detail"), on one line and at most a few hundred characters; empty when there is none.
QString apiErrorMessage(QByteArrayView body);

} // namespace chasm
