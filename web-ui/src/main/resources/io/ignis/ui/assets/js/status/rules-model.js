// Filtering of /api/v1/rules entries for the rules and alerts pages. Pure functions, unit-tested under src/test/js.

function contains(haystack, q) {
    return String(haystack ?? "").toLowerCase().includes(q);
}

function labelsContain(labels, q) {
    return Object.entries(labels || {}).some(([k, v]) => contains(k, q) || contains(v, q) || contains(`${k}="${v}"`, q));
}

/** Whether a rule of group passes the rules page's filters: text in group, name or expression; onlyFailing. */
export function ruleMatches(group, rule, text, onlyFailing) {
    if (onlyFailing && rule.health !== "err") {
        return false;
    }
    const q = text.trim().toLowerCase();
    return q === "" || contains(group.name, q) || contains(rule.name, q) || contains(rule.query, q);
}

/**
 * Whether an alerting rule passes the alerts page's filters: its state in states (a Set), and text in its name,
 * its labels, or the labels of one of its alerts.
 */
export function alertRuleMatches(rule, text, states) {
    if (!states.has(rule.state)) {
        return false;
    }
    const q = text.trim().toLowerCase();
    return q === "" || contains(rule.name, q) || labelsContain(rule.labels, q)
        || (rule.alerts || []).some((a) => labelsContain(a.labels, q));
}

/** Counts alerting rules per state: {firing, pending, inactive}. */
export function stateCounts(rules) {
    const counts = { firing: 0, pending: 0, inactive: 0 };
    for (const r of rules) {
        if (r.state in counts) {
            counts[r.state]++;
        }
    }
    return counts;
}
