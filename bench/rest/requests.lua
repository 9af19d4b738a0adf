-- SPDX-License-Identifier: AGPL-3.0-only
-- SPDX-FileCopyrightText: 2026 The Chasm developers

-- wrk script for scripts/bench-rest: each request is the next line of the file CHASM_PATHS (a path with its query,
-- such as /api/v1/search?q=word&limit=20), in turn, with the bearer token of CHASM_TOKEN.
local paths = {}
local next_path = 1

function init(args)
    for line in io.lines(os.getenv("CHASM_PATHS")) do
        if #line > 0 then
            paths[#paths + 1] = line
        end
    end
    -- Each of wrk's threads starts at another place of the list.
    next_path = 1 + (math.random(#paths) - 1)
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("CHASM_TOKEN")
end

function request()
    local path = paths[next_path]
    next_path = next_path % #paths + 1
    return wrk.format("GET", path)
end

local failures = 0

function response(status, headers, body)
    if status ~= 200 then
        failures = failures + 1
        if failures <= 3 then
            io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n")
        end
    end
end
