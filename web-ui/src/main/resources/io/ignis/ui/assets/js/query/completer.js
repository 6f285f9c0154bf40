// Suggestion sources for the query editor: metric names and metadata, label names and values from the API
// (cached per selector for the page's lifetime), PromQL's functions and keywords, durations, and history.

import { apiGet, labelValuesPath } from "../api.js";
import { AGGREGATIONS, FUNCTIONS, KEYWORDS } from "../promql/functions.js";
import { matchSelector, quoteLabelValue } from "../promql/completion-context.js";
import { rankSuggestions } from "./suggest.js";

const DURATIONS = ["1m", "5m", "10m", "15m", "30m", "1h", "2h", "6h", "12h", "1d", "7d"];
const cache = new Map();
// Lookups cover the last 12 hours, like Prometheus's editor: all-time lookups can be expensive on big databases.
const LOOKBACK_MS = 12 * 3600 * 1000;

function lookback(extra) {
    const now = Date.now();
    return { start: (now - LOOKBACK_MS) / 1000, end: now / 1000, ...extra };
}

function cached(key, load) {
    if (!cache.has(key)) {
        cache.set(key, load().catch((err) => {
            cache.delete(key);
            throw err;
        }));
    }
    return cache.get(key);
}

/** Metric names with their type and help from /api/v1/metadata (when available), as suggestion items. */
export async function metricItems() {
    const [{ data: names }, meta] = await Promise.all([
        cached("names", () => apiGet("label/__name__/values", lookback())),
        cached("metadata", () => apiGet("metadata")).then((r) => r.data).catch(() => ({})),
    ]);
    return names.map((n) => {
        const m = meta[n] && meta[n][0];
        // PromQL 3 names outside the classic character set are written as a quoted name in braces.
        const insert = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(n) ? n : `{${quoteLabelValue(n)}}`;
        return { label: n, kind: "metric", detail: m ? m.type : "", doc: m ? m.help : "", insert };
    });
}

async function labelNames(ctx) {
    const sel = matchSelector(ctx);
    try {
        return (await cached(`labels ${sel}`, () => apiGet("labels", lookback(sel ? { "match[]": sel } : {})))).data;
    } catch {
        // A selector the server rejects (e.g. only negative matchers): fall back to every label name.
        return (await cached("labels", () => apiGet("labels", lookback()))).data;
    }
}

async function labelValues(ctx) {
    const sel = matchSelector(ctx);
    const path = labelValuesPath(ctx.label);
    try {
        return (await cached(`values ${ctx.label} ${sel}`, () => apiGet(path, lookback(sel ? { "match[]": sel } : {})))).data;
    } catch {
        return (await cached(`values ${ctx.label}`, () => apiGet(path, lookback()))).data;
    }
}

function vocabulary() {
    const fns = FUNCTIONS.map((f) => ({ label: f.name, kind: "function", detail: f.signature, doc: f.doc, insert: `${f.name}(`,
        experimental: f.experimental }));
    const aggs = AGGREGATIONS.map((f) => ({ label: f.name, kind: "aggregation", detail: f.signature, doc: f.doc,
        insert: `${f.name}(` }));
    const kws = KEYWORDS.map((k) => ({ label: k.name, kind: "keyword", detail: k.signature, doc: k.doc }));
    return [...aggs, ...fns, ...kws];
}

/**
 * Returns the ranked suggestions for a completion context (see completion-context.js). Each suggestion is
 * {label, kind, detail, doc, insert, match}; insert (default label) replaces ctx.from..ctx.to.
 * history is the query history, newest first.
 */
export async function suggestions(ctx, history) {
    switch (ctx.kind) {
        case "expression": {
            let metrics = [];
            try {
                metrics = await metricItems();
            } catch {
                metrics = [];
            }
            const hist = ctx.from === 0 ? history.map((h) => ({ label: h, kind: "history", detail: "history" })) : [];
            const all = [...hist.filter((h) => ctx.prefix !== "" && h.label.startsWith(ctx.prefix)), ...metrics, ...vocabulary()];
            return rankSuggestions(all, ctx.prefix, 200);
        }
        case "label_name": {
            const names = await labelNames(ctx);
            const used = new Set((ctx.matchers || []).map((m) => m.name));
            return rankSuggestions(names.filter((n) => !used.has(n) || n === ctx.prefix)
                .map((n) => ({ label: n, kind: "label" })), ctx.prefix);
        }
        case "label_value": {
            const values = await labelValues(ctx);
            return rankSuggestions(values.map((v) => ({
                label: v,
                kind: "value",
                // Inside an open quote, insert the escaped text and close the quote; else a whole quoted string.
                insert: ctx.quote ? quoteLabelValue(v).slice(1, -1).replace(/\\"/g, ctx.quote === '"' ? '\\"' : '"')
                    + ctx.quote : quoteLabelValue(v),
            })), ctx.prefix);
        }
        case "duration":
            return rankSuggestions(DURATIONS.map((d) => ({ label: d, kind: "duration" })), ctx.prefix);
        default:
            return [];
    }
}
