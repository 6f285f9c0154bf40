// Durations and timestamps as the Prometheus UI writes them: "1d2h", "2024-05-01 10:00:00" (UTC).
// Pure functions, no DOM: unit-tested under src/test/js.

const UNITS = [
    // Years and weeks only when exact: "90d" reads better than "12w6d".
    { unit: "y", ms: 365 * 24 * 3600 * 1000, exact: true },
    { unit: "w", ms: 7 * 24 * 3600 * 1000, exact: true },
    { unit: "d", ms: 24 * 3600 * 1000, exact: false },
    { unit: "h", ms: 3600 * 1000, exact: false },
    { unit: "m", ms: 60 * 1000, exact: false },
    { unit: "s", ms: 1000, exact: false },
    { unit: "ms", ms: 1, exact: false },
];

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses a Prometheus duration ("5m", "1d12h", "0") into milliseconds; null when it is not one. */
export function parseDuration(text) {
    if (text === null || text === undefined) {
        return null;
    }
    const s = String(text).trim();
    if (s === "") {
        return null;
    }
    if (s === "0") {
        return 0;
    }
    const m = DURATION_RE.exec(s);
    if (m === null) {
        return null;
    }
    let total = 0;
    for (let i = 0; i < UNITS.length; i++) {
        if (m[i + 1] !== undefined) {
            total += parseInt(m[i + 1], 10) * UNITS[i].ms;
        }
    }
    return total;
}

function components(ms, fractionalSeconds) {
    const parts = [];
    let rest = Math.abs(ms);
    for (const u of UNITS) {
        if (u.exact && rest % u.ms !== 0) {
            continue;
        }
        const n = Math.floor(rest / u.ms);
        if (n > 0) {
            rest -= n * u.ms;
            if (fractionalSeconds && u.unit === "s" && rest > 0) {
                parts.push(parseFloat((n + rest / 1000).toFixed(3)) + "s");
                return parts;
            }
            parts.push(n + u.unit);
        }
    }
    if (parts.length === 0) {
        // Below one millisecond (stats timings): keep it readable rather than "0s".
        parts.push(parseFloat(rest.toFixed(3)) + "ms");
    }
    return parts;
}

/** Formats milliseconds as a Prometheus duration: 93784000 -> "1d2h3m4s". */
export function formatDuration(ms) {
    if (ms === 0) {
        return "0s";
    }
    return (ms < 0 ? "-" : "") + components(ms, false).join("");
}

/** Formats milliseconds for people: 93784500 -> "1d 2h 3m 4.5s". */
export function humanizeDuration(ms) {
    if (ms === 0) {
        return "0s";
    }
    return (ms < 0 ? "-" : "") + components(ms, true).join(" ");
}

function pad(n, width) {
    return String(n).padStart(width, "0");
}

/** Formats epoch milliseconds as "YYYY-MM-DD HH:mm:ss" in UTC, or in the browser's time zone when local. */
export function formatTime(ms, local = false) {
    const d = new Date(ms);
    if (local) {
        return `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} `
            + `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
    }
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} `
        + `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

/** Formats epoch milliseconds as "YYYY-MM-DD HH:mm:ss" in UTC, the URL format of Prometheus's UI. */
export function formatUtc(ms) {
    return formatTime(ms, false);
}

/** Formats epoch milliseconds with milliseconds, "YYYY-MM-DD HH:mm:ss.SSS", for table and hover values. */
export function formatTimeMillis(ms, local = false) {
    return formatTime(ms, local) + "." + pad(((ms % 1000) + 1000) % 1000, 3);
}

/** formatTimeMillis in UTC. */
export function formatUtcMillis(ms) {
    return formatTimeMillis(ms, false);
}

const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses "YYYY-MM-DD HH:mm[:ss[.SSS]]" (UTC, or the browser's time zone when local, unless an offset is given), an
 * RFC 3339 time, or epoch seconds; returns epoch milliseconds or null.
 */
export function parseTime(text, local = false) {
    if (text === null || text === undefined) {
        return null;
    }
    const s = String(text).trim();
    if (s === "") {
        return null;
    }
    if (/^-?\d+(\.\d+)?$/.test(s)) {
        return Math.round(parseFloat(s) * 1000);
    }
    const m = UTC_RE.exec(s);
    if (m === null) {
        return null;
    }
    const fields = [+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0), m[7] ? +m[7].padEnd(3, "0") : 0];
    let ms = local && !m[8] ? new Date(...fields).getTime() : Date.UTC(...fields);
    if (m[8] && m[8] !== "Z") {
        const sign = m[8][0] === "-" ? -1 : 1;
        const digits = m[8].slice(1).replace(":", "");
        ms -= sign * (parseInt(digits.slice(0, 2), 10) * 60 + parseInt(digits.slice(2), 10)) * 60000;
    }
    return Number.isNaN(ms) ? null : ms;
}

/**
 * Describes how long ago an RFC 3339 time was, relative to nowMs: "12.3s ago", "in 5m", or "never" for
 * Prometheus's zero time (year 1).
 */
export function relativeTime(rfc3339, nowMs) {
    const t = Date.parse(rfc3339);
    if (Number.isNaN(t) || t <= 0) {
        return "never";
    }
    let d = nowMs - t;
    if (Math.abs(d) >= 60000) {
        // Past a minute, milliseconds are noise.
        d = Math.round(d / 1000) * 1000;
    }
    return d >= 0 ? humanizeDuration(d) + " ago" : "in " + humanizeDuration(-d);
}
