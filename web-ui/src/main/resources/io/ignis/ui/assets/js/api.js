// Calls the Prometheus HTTP API under the route prefix and unwraps its {status, data, warnings, infos}
// envelope. Every failure becomes an ApiError whose message says what went wrong in words.

/** An API failure: errorType is Prometheus's ("bad_data", "execution", ...), or "network"/"http". */
export class ApiError extends Error {
    constructor(errorType, message, status = 0) {
        super(message);
        this.name = "ApiError";
        this.errorType = errorType;
        this.status = status;
    }
}

/**
 * The path of /api/v1/label/<name>/values: names outside [a-zA-Z_][a-zA-Z0-9_]* are escaped as Prometheus
 * expects ("U__" prefix, "_" doubled, other characters as _<hex code point>_).
 */
export function labelValuesPath(name) {
    if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
        return `label/${name}/values`;
    }
    let out = "U__";
    for (const ch of name) {
        if (/[a-zA-Z0-9]/.test(ch)) {
            out += ch;
        } else if (ch === "_") {
            out += "__";
        } else {
            out += `_${ch.codePointAt(0).toString(16)}_`;
        }
    }
    return `label/${encodeURIComponent(out)}/values`;
}

function toParams(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null) {
            continue;
        }
        for (const one of Array.isArray(v) ? v : [v]) {
            p.append(k, String(one));
        }
    }
    return p;
}

async function call(path, init) {
    let res;
    try {
        // Relative to <base href>, so the route prefix applies.
        res = await fetch(`api/v1/${path}`, init);
    } catch (err) {
        if (err && err.name === "AbortError") {
            throw err;
        }
        throw new ApiError("network", `Cannot reach the server (${err && err.message ? err.message : err}).`);
    }
    const text = await res.text();
    let body = null;
    try {
        body = JSON.parse(text);
    } catch {
        body = null;
    }
    if (body && body.status === "error") {
        throw new ApiError(body.errorType || "error", body.error || `HTTP ${res.status}`, res.status);
    }
    if (!res.ok || !body || body.status !== "success") {
        const snippet = text.trim().slice(0, 200);
        throw new ApiError("http", `HTTP ${res.status} ${res.statusText || ""} from /api/v1/${path.split("?")[0]}`
            + (snippet && !body ? `: ${snippet}` : ""), res.status);
    }
    return { data: body.data, warnings: body.warnings || [], infos: body.infos || [] };
}

/** GET /api/v1/<path>?params; resolves to {data, warnings, infos}. Array values repeat the parameter. */
export function apiGet(path, params, signal) {
    const qs = toParams(params).toString();
    return call(qs ? `${path}?${qs}` : path, { signal, headers: { Accept: "application/json" } });
}

/** POST /api/v1/<path> with a form body (long expressions do not fit in a URL). */
export function apiPost(path, params, signal) {
    return call(path, {
        method: "POST",
        signal,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: toParams(params),
    });
}
