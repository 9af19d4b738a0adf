// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Checks every response the integration tests received from `chasm api serve` against docs/api/openapi.yaml.
//   node validate-responses.mjs SPEC CAPTURE_DIR TOOLS
// CAPTURE_DIR holds the JSON Lines files the server wrote while CHASM_API_CAPTURE named them (one object per
// response: method, path, query, status, content_type, headers, body). Each response must belong to an operation of
// the specification (its path template and method), with a status that operation lists, the headers it requires,
// a media type its content lists, and a JSON body its schema accepts (Ajv, with the formats of ajv-formats); a
// successful call may only use query parameters the operation declares. A request no operation serves may only be
// answered with one of the specification's `x-chasm-unrouted-responses`. Exits 1 listing every mismatch; prints
// which operations and statuses the tests never exercised.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [specPath, captureDir, tools] = process.argv.slice(2);
if (!specPath || !captureDir || !tools) {
    console.error("usage: validate-responses.mjs SPEC CAPTURE_DIR TOOLS");
    process.exit(2);
}
// The packages are in TOOLS, the cache folder of scripts/api-tools.
const require = createRequire(join(tools, "package.json"));
const Ajv = require("ajv").default;
const addFormats = require("ajv-formats").default;
const YAML = require("yaml");
const spec = YAML.parse(readFileSync(specPath, "utf8"));

// The spec's schemas, with their references made absolute, as one schema document Ajv resolves them in.
const specId = "chasm-openapi";
const absolute = (value) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${specId}#/components/schemas/`));
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
ajv.addVocabulary(["example", "externalDocs", "xml", "components"]);
addFormats(ajv);
ajv.addSchema({ $id: specId, components: { schemas: absolute(spec.components.schemas) } });

function resolve(object) {
    let resolved = object;
    while (resolved && resolved.$ref) {
        const path = resolved.$ref.replace(/^#\//, "").split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
        resolved = path.reduce((node, key) => node?.[key], spec);
        if (resolved === undefined) {
            throw new Error(`${object.$ref} is not in the specification`);
        }
    }
    return resolved;
}

const validators = new Map();
function validatorFor(key, schema) {
    if (!validators.has(key)) {
        validators.set(key, ajv.compile(absolute(schema)));
    }
    return validators.get(key);
}

// The path after /api/v1 (or its alias /api), without a trailing slash, cut into decoded segments.
function segmentsOf(path) {
    let rest = path;
    for (const prefix of ["/api/v1", "/api"]) {
        if (rest === prefix || rest.startsWith(prefix + "/")) {
            rest = rest.slice(prefix.length);
            break;
        }
    }
    if (rest.endsWith("/")) {
        rest = rest.slice(0, -1);
    }
    return rest.slice(1).split("/").map((raw) => {
        try {
            return decodeURIComponent(raw);
        } catch {
            return raw;
        }
    });
}

// The specification's path that serves these segments: literal segments before templates, as the server routes.
const templates = Object.keys(spec.paths).map((template) => ({ template, parts: template.slice(1).split("/") }));
function templateOf(segments) {
    const matching = templates.filter(
        ({ parts }) =>
            parts.length === segments.length &&
            parts.every((part, i) => (/^\{.+\}$/.test(part) ? segments[i] !== "" : part === segments[i])),
    );
    const literals = ({ parts }) => parts.filter((part) => !part.startsWith("{")).length;
    matching.sort((a, b) => literals(b) - literals(a));
    return matching[0]?.template;
}

const mediaType = (contentType) => (contentType ?? "").split(";")[0].trim().toLowerCase();

// What is wrong with one response, or nothing.
function check(record) {
    const method = record.method.toLowerCase();
    const isApi = record.path === "/api" || record.path.startsWith("/api/");
    const template = isApi ? templateOf(segmentsOf(record.path)) : undefined;
    const operation = template ? spec.paths[template][method] : undefined;
    let response;
    let where;
    if (operation) {
        where = `${record.method} ${template} ${record.status}`;
        response = operation.responses[String(record.status)];
        if (!response) {
            return [`${where}: the specification lists no ${record.status} for this operation`, undefined];
        }
        if (record.status < 300) {
            const declared = new Set((operation.parameters ?? []).map((p) => resolve(p)).filter((p) => p.in === "query").map((p) => p.name));
            for (const name of new URLSearchParams(record.query ?? "").keys()) {
                if (!declared.has(name)) {
                    return [`${where}: query parameter '${name}' is not in the specification`, undefined];
                }
            }
        }
    } else {
        where = `${record.method} ${record.path} ${record.status} (${template ? "no such operation" : "no such path"})`;
        response = spec["x-chasm-unrouted-responses"][String(record.status)];
        if (!response) {
            return [`${where}: the specification describes no such path and method, and no ${record.status} for every request`, undefined];
        }
    }
    response = resolve(response);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
        const value = record.headers?.[name.toLowerCase()];
        if (value === undefined && resolve(header).required) {
            return [`${where}: the header ${name} is missing`, undefined];
        }
        if (value !== undefined && resolve(header).schema) {
            const validate = validatorFor(`${where} header ${name}`, resolve(header).schema);
            if (!validate(value)) {
                return [`${where}: the header ${name} (${value}) does not match the specification`, undefined];
            }
        }
    }
    const type = mediaType(record.content_type);
    const content = Object.entries(response.content ?? {}).find(([name]) => name.toLowerCase() === type);
    if (!content) {
        return [`${where}: Content-Type ${record.content_type} is not one the specification lists (${Object.keys(response.content ?? {}).join(", ")})`, operation && `${method} ${template} ${record.status}`];
    }
    const schema = content[1].schema;
    if (type === "application/json" && schema) {
        let body;
        try {
            body = JSON.parse(record.body);
        } catch (error) {
            return [`${where}: the body is not JSON (${error.message}): ${record.body.slice(0, 200)}`, undefined];
        }
        const validate = validatorFor(`${template ?? "unrouted"} ${method} ${record.status} ${type}`, schema);
        if (!validate(body)) {
            const errors = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.missingProperty ? "" : ` (${JSON.stringify(e.params)})`}`);
            return [`${where}: the body does not match the specification:\n    ${errors.slice(0, 10).join("\n    ")}\n    body: ${record.body.slice(0, 300)}`, undefined];
        }
    }
    return [undefined, operation && `${method} ${template} ${record.status}`];
}

const files = readdirSync(captureDir).filter((name) => name.endsWith(".jsonl")).sort();
const problems = [];
const exercised = new Set();
let responses = 0;
for (const file of files) {
    const lines = readFileSync(join(captureDir, file), "utf8").split("\n").filter((line) => line.trim() !== "");
    lines.forEach((line, i) => {
        let record;
        try {
            record = JSON.parse(line);
        } catch (error) {
            problems.push(`${file}:${i + 1}: not a JSON line (${error.message})`);
            return;
        }
        ++responses;
        const [problem, covered] = check(record);
        if (problem) {
            problems.push(`${file}:${i + 1}: ${problem}`);
        }
        if (covered) {
            exercised.add(covered);
        }
    });
}
if (responses === 0) {
    console.error(`no responses were captured in ${captureDir}: the tests that start \`chasm api serve\` did not run with CHASM_API_CAPTURE`);
    process.exit(1);
}

const unexercised = [];
for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses ?? {})) {
            if (!exercised.has(`${method} ${template} ${status}`)) {
                unexercised.push(`${method.toUpperCase()} ${template} ${status}`);
            }
        }
    }
}
console.log(`${responses} responses from ${files.length} file(s) checked against ${specPath}`);
if (unexercised.length > 0) {
    console.log(`not exercised by any test (${unexercised.length}):\n  ${unexercised.join("\n  ")}`);
}
if (problems.length > 0) {
    console.error(`${problems.length} response(s) do not match the specification:`);
    for (const problem of problems) {
        console.error(`  ${problem}`);
    }
    process.exit(1);
}
console.log("every response matches the specification");
