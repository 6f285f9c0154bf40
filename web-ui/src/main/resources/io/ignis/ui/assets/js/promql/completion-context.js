// Decides what the user is typing at the cursor, so the editor knows what to suggest: a metric, function
// or keyword; a label name; a label value (with the selector's metric and matchers, for match[]); a
// duration; or nothing (inside a comment, a number, or a string that is not a label value).
// Pure functions, unit-tested under src/test/js.

import { scan, unquote } from "./tokenizer.js";

const IDENT_TYPES = new Set(["metric", "function", "aggregation", "keyword"]);

function selectorOf(brace) {
    return { metric: brace.metric, matchers: brace.matchers.slice() };
}

/**
 * Returns the completion context at cursor (an offset into text):
 * {kind: "expression"|"label_name"|"label_value"|"duration"|"none", prefix, from, to, ...}.
 * from..to is the text a chosen suggestion replaces. label_name inside a selector and label_value carry
 * metric (or null) and matchers (the selector's other complete matchers); label_value carries quote: the
 * open quote character, or "" when the user has not typed one yet.
 */
export function completionContext(text, cursor) {
    const before = text.slice(0, cursor);
    const { tokens, stack } = scan(before);
    const top = stack.length ? stack[stack.length - 1] : null;
    const last = tokens.length ? tokens[tokens.length - 1] : null;
    let prevIdx = tokens.length - 1;
    if (last && last.type === "ws") {
        prevIdx--;
    }
    const prev = prevIdx >= 0 ? tokens[prevIdx] : null;
    const none = { kind: "none", prefix: "", from: cursor, to: cursor };

    if (last && last.type === "comment") {
        return none;
    }
    if (last && last.type === "string") {
        if (last.unterminated && top && top.ch === "{" && top.pendingOp !== null && top.pendingLabel !== null) {
            return {
                kind: "label_value", prefix: unquote(last.text), from: last.start + 1, to: cursor,
                label: top.pendingLabel, quote: last.text[0], ...selectorOf(top),
            };
        }
        return none;
    }
    if (top && top.ch === "{") {
        if (last && last.type === "label" && last.end === cursor) {
            return { kind: "label_name", prefix: last.text, from: last.start, to: cursor, ...selectorOf(top) };
        }
        if (prev && (prev.type === "punct" && (prev.text === "{" || prev.text === ","))) {
            return { kind: "label_name", prefix: "", from: cursor, to: cursor, ...selectorOf(top) };
        }
        if (prev && prev.type === "operator" && top.pendingOp !== null && top.pendingLabel !== null) {
            return {
                kind: "label_value", prefix: "", from: cursor, to: cursor, label: top.pendingLabel, quote: "",
                ...selectorOf(top),
            };
        }
        return none;
    }
    if (top && top.ch === "(" && top.grouping) {
        if (last && last.type === "label" && last.end === cursor) {
            return { kind: "label_name", prefix: last.text, from: last.start, to: cursor, metric: null, matchers: [] };
        }
        if (prev && prev.type === "punct" && (prev.text === "(" || prev.text === ",")) {
            return { kind: "label_name", prefix: "", from: cursor, to: cursor, metric: null, matchers: [] };
        }
        return none;
    }
    if (top && top.ch === "[") {
        if (last && (last.type === "number" || last.type === "duration") && last.end === cursor) {
            return { kind: "duration", prefix: last.text, from: last.start, to: cursor };
        }
        if (prev && prev.type === "punct" && (prev.text === "[" || prev.text === ":")) {
            return { kind: "duration", prefix: "", from: cursor, to: cursor };
        }
        return none;
    }
    if (last && IDENT_TYPES.has(last.type) && last.end === cursor) {
        return { kind: "expression", prefix: last.text, from: last.start, to: cursor };
    }
    if (last && last.type === "number" && last.end === cursor) {
        return none;
    }
    if (prev && prev.type === "keyword" && prev.text === "offset") {
        return { kind: "duration", prefix: "", from: cursor, to: cursor };
    }
    return { kind: "expression", prefix: "", from: cursor, to: cursor };
}

/** Escapes a label value for a double-quoted PromQL string. */
export function quoteLabelValue(value) {
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}

/**
 * Builds the match[] selector for label value/name lookups from a selector context, e.g. {metric: "up",
 * matchers: [{name: "job", op: "=", value: "x"}]} -> 'up{job="x"}'; null when it would select everything.
 */
export function matchSelector(ctx) {
    const parts = (ctx.matchers || [])
        .filter((m) => m.name !== ctx.label)
        .map((m) => `${/^[a-zA-Z_]\w*$/.test(m.name) ? m.name : quoteLabelValue(m.name)}${m.op}${quoteLabelValue(m.value)}`);
    const metric = ctx.metric;
    if (!metric && parts.length === 0) {
        return null;
    }
    if (metric && /^[a-zA-Z_:][\w:]*$/.test(metric)) {
        return parts.length ? `${metric}{${parts.join(",")}}` : metric;
    }
    if (metric) {
        parts.unshift(quoteLabelValue(metric));
    }
    return `{${parts.join(",")}}`;
}
