// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"

namespace chasm {

// The model clients over QtNetwork (HTTP and HTTPS through Qt's TLS backend), for the four APIs: what the chasm-llm
// module offers, and the tests link directly.
const ModelLibrary& networkModelLibrary();

} // namespace chasm
