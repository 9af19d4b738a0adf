#include "Session.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

QString roleName(Role role)
{
    switch (role) {
    case Role::User:
        return u"user"_s;
    case Role::Assistant:
        return u"assistant"_s;
    case Role::System:
        return u"system"_s;
    }
    return {};
}

int Session::conversationMessageCount() const
{
    return static_cast<int>(
        std::count_if(messages.cbegin(), messages.cend(), [](const Message& m) { return m.role != Role::System; }));
}

} // namespace chasm
