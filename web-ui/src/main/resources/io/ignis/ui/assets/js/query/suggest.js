// Filters and orders completion items for what the user typed: prefix matches first (shorter names first),
// then names containing the text. Case-insensitive. Pure functions, unit-tested under src/test/js.

/**
 * Returns up to limit items whose label matches prefix, each copied with match: [from, to) of the matched
 * text in its label (for highlighting). Items are {label, ...}; their order breaks ties.
 */
export function rankSuggestions(items, prefix, limit = 200) {
    const p = prefix.toLowerCase();
    if (p === "") {
        return items.slice(0, limit).map((it) => ({ ...it, match: [0, 0] }));
    }
    const scored = [];
    for (let i = 0; i < items.length; i++) {
        const label = items[i].label;
        const at = label.toLowerCase().indexOf(p);
        if (at < 0) {
            continue;
        }
        if (at === 0 && label.length === p.length && items[i].kind !== "function" && items[i].kind !== "aggregation") {
            // Typed out in full: nothing left to complete (functions and aggregations still offer their "(").
            continue;
        }
        scored.push({ item: items[i], at, order: i });
    }
    scored.sort((a, b) => (a.at === 0) !== (b.at === 0) ? (a.at === 0 ? -1 : 1)
        : a.at === 0 && a.item.label.length !== b.item.label.length ? a.item.label.length - b.item.label.length
            : a.at !== b.at ? a.at - b.at : a.order - b.order);
    return scored.slice(0, limit).map((s) => ({ ...s.item, match: [s.at, s.at + p.length] }));
}
