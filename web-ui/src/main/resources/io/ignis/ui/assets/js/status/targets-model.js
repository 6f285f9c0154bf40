// Grouping and filtering of /api/v1/targets entries for the target and service discovery pages.
// Pure functions, unit-tested under src/test/js.

/** Groups targets by scrapePool (falling back to the discovered job label); pools sorted by name. */
export function groupByPool(targets) {
    const pools = new Map();
    for (const t of targets) {
        const pool = t.scrapePool || (t.discoveredLabels && t.discoveredLabels.job) || "(unknown)";
        if (!pools.has(pool)) {
            pools.set(pool, []);
        }
        pools.get(pool).push(t);
    }
    return new Map([...pools.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Whether a target passes the filters: health "" (any) or equal; text "" or contained, case-insensitively, in
 * its scrape URL, a label name or value, or its last error.
 */
export function targetMatches(t, text, health) {
    if (health && t.health !== health) {
        return false;
    }
    const q = text.trim().toLowerCase();
    if (q === "") {
        return true;
    }
    if ((t.scrapeUrl || "").toLowerCase().includes(q) || (t.lastError || "").toLowerCase().includes(q)) {
        return true;
    }
    for (const labels of [t.labels, t.discoveredLabels]) {
        for (const [k, v] of Object.entries(labels || {})) {
            if (k.toLowerCase().includes(q) || String(v).toLowerCase().includes(q) || `${k}="${v}"`.toLowerCase().includes(q)) {
                return true;
            }
        }
    }
    return false;
}

/** Counts {up, total} in a list of targets. */
export function healthCounts(targets) {
    let up = 0;
    for (const t of targets) {
        up += t.health === "up" ? 1 : 0;
    }
    return { up, total: targets.length };
}
