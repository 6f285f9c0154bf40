// Query history, newest first, kept in localStorage under "ignis.queryHistory".

export const HISTORY_KEY = "ignis.queryHistory";
export const HISTORY_MAX = 100;

/** Returns a new list with expr first and no older duplicate, at most max long. Blank expressions are ignored. */
export function addToHistory(list, expr, max = HISTORY_MAX) {
    const e = expr.trim();
    if (e === "") {
        return list.slice(0, max);
    }
    return [e, ...list.filter((x) => x !== e)].slice(0, max);
}

/** Reads the history from storage (window.localStorage in the browser); [] when absent or unreadable. */
export function loadHistory(storage) {
    try {
        const v = JSON.parse(storage.getItem(HISTORY_KEY) || "[]");
        return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
    } catch {
        return [];
    }
}

/** Adds expr to the stored history and returns the new list. Storage failures (quota, private mode) are ignored. */
export function recordQuery(storage, expr) {
    const list = addToHistory(loadHistory(storage), expr);
    try {
        storage.setItem(HISTORY_KEY, JSON.stringify(list));
    } catch {
        // History is a convenience; a full or disabled storage must not break querying.
    }
    return list;
}
