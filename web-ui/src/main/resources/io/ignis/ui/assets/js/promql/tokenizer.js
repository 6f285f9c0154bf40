// A forgiving PromQL lexer for syntax highlighting and autocompletion: it never throws, classifies every
// character of the input, and keeps enough bracket context to tell metric names from label names.
// Pure functions, unit-tested under src/test/js.

import { AGGREGATION_NAMES, FUNCTION_NAMES, GROUPING_KEYWORDS, KEYWORD_NAMES } from "./functions.js";

/**
 * Token types: ws, comment, string, number, duration, metric, label, function, aggregation, keyword,
 * operator, punct, error. Tokens cover the input without gaps: token[i].end === token[i+1].start.
 */
export const TOKEN_TYPES = Object.freeze([
    "ws", "comment", "string", "number", "duration", "metric", "label", "function", "aggregation", "keyword",
    "operator", "punct", "error",
]);

const OPERATORS = ["==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%", "^", "=", "<", ">"];
const MATCH_OPS = new Set(["=", "!=", "=~", "!~"]);
// Sticky (y) expressions match at lastIndex without copying the rest of the input.
const DURATION_RE = /(?:\d+(?:ms|s|m|h|d|w|y))+(?![\w])/y;
const NUMBER_RE = /(?:0[xX][0-9a-fA-F]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)/y;
const IDENT_RE = /[a-zA-Z_:][\w:]*/y;
const LABEL_RE = /[a-zA-Z_]\w*/y;
const SPACE_RE = /\s/;

/** Runs a sticky expression at offset i of text; the match or null. */
function matchAt(re, text, i) {
    re.lastIndex = i;
    return re.exec(text);
}

/** Returns the string value of a (possibly unterminated) string token's text, escapes resolved. */
export function unquote(text) {
    const q = text[0];
    let body = text.slice(1);
    if (body.length > 0 && body[body.length - 1] === q && !endsWithEscape(body.slice(0, -1), q)) {
        body = body.slice(0, -1);
    }
    if (q === "`") {
        return body;
    }
    return body.replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t", r: "\r" }[c] ?? c));
}

function endsWithEscape(body, q) {
    if (q === "`") {
        return false;
    }
    let n = 0;
    for (let i = body.length - 1; i >= 0 && body[i] === "\\"; i--) {
        n++;
    }
    return n % 2 === 1;
}

function nextSignificantChar(text, i) {
    while (i < text.length && SPACE_RE.test(text[i])) {
        i++;
    }
    return i < text.length ? text[i] : "";
}

function nextWord(text, i) {
    while (i < text.length && SPACE_RE.test(text[i])) {
        i++;
    }
    const m = matchAt(LABEL_RE, text, i);
    return m ? m[0] : "";
}

/**
 * Scans text and returns {tokens, stack}: the token list, and the brackets still open at the end (innermost
 * last), each {ch, start, metric, matchers, pendingLabel, pendingOp, grouping, fn}. Completion reads the stack.
 */
export function scan(text) {
    const tokens = [];
    const stack = [];
    let i = 0;
    let pendingGrouping = false;
    let lastSignificant = null;
    const push = (type, end, extra) => {
        const t = { type, start: i, end, text: text.slice(i, end), ...extra };
        tokens.push(t);
        if (type !== "ws" && type !== "comment") {
            lastSignificant = t;
        }
        i = end;
        return t;
    };
    while (i < text.length) {
        const c = text[i];
        const top = stack.length ? stack[stack.length - 1] : null;
        if (SPACE_RE.test(c)) {
            let j = i + 1;
            while (j < text.length && SPACE_RE.test(text[j])) {
                j++;
            }
            push("ws", j);
            continue;
        }
        if (c === "#") {
            const nl = text.indexOf("\n", i);
            push("comment", nl < 0 ? text.length : nl);
            continue;
        }
        if (c === '"' || c === "'" || c === "`") {
            let j = i + 1;
            let closed = false;
            while (j < text.length) {
                if (c !== "`" && text[j] === "\\") {
                    j += 2;
                    continue;
                }
                if (text[j] === c) {
                    closed = true;
                    j++;
                    break;
                }
                j++;
            }
            j = Math.min(j, text.length);
            const t = push("string", j, closed ? {} : { unterminated: true });
            if (top && top.ch === "{" && closed) {
                braceString(top, unquote(t.text));
            }
            continue;
        }
        if (/\d/.test(c) || (c === "." && /\d/.test(text[i + 1] || ""))) {
            const d = matchAt(DURATION_RE, text, i);
            if (d) {
                push("duration", i + d[0].length);
                continue;
            }
            const n = matchAt(NUMBER_RE, text, i);
            push("number", i + n[0].length);
            continue;
        }
        const inBraces = top && top.ch === "{";
        const identRe = inBraces ? LABEL_RE : (top && top.ch === "[" ? LABEL_RE : IDENT_RE);
        const id = matchAt(identRe, text, i);
        if (id) {
            const word = id[0];
            const end = i + word.length;
            const lower = word.toLowerCase();
            if (inBraces || (top && top.ch === "(" && top.grouping)) {
                push("label", end);
                if (inBraces) {
                    top.pendingLabel = word;
                    top.pendingOp = null;
                }
            } else if (lower === "inf" || lower === "nan") {
                push("number", end);
            } else if (KEYWORD_NAMES.has(word)) {
                push("keyword", end);
                pendingGrouping = GROUPING_KEYWORDS.has(word);
            } else if (AGGREGATION_NAMES.has(word)
                && (nextSignificantChar(text, end) === "(" || ["by", "without"].includes(nextWord(text, end)))) {
                push("aggregation", end);
            } else if (FUNCTION_NAMES.has(word) && nextSignificantChar(text, end) === "(") {
                push("function", end);
            } else {
                push("metric", end);
            }
            continue;
        }
        const op = OPERATORS.find((o) => text.startsWith(o, i));
        if (op) {
            push("operator", i + op.length);
            if (inBraces && MATCH_OPS.has(op)) {
                top.pendingOp = op;
            }
            continue;
        }
        if ("({[".includes(c)) {
            const prev = lastSignificant;
            const entry = { ch: c, start: i, metric: null, matchers: [], pendingLabel: null, pendingOp: null,
                grouping: false, fn: null };
            if (c === "{" && prev && prev.type === "metric" && prev.end === i) {
                entry.metric = prev.text;
            } else if (c === "{" && prev && prev.type === "metric" && /^\s*$/.test(text.slice(prev.end, i))) {
                entry.metric = prev.text;
            }
            if (c === "(") {
                entry.grouping = pendingGrouping;
                if (prev && (prev.type === "function" || prev.type === "aggregation")) {
                    entry.fn = prev.text;
                }
            }
            pendingGrouping = false;
            push("punct", i + 1);
            stack.push(entry);
            continue;
        }
        if (")}]".includes(c)) {
            const want = { ")": "(", "}": "{", "]": "[" }[c];
            if (top && top.ch === want) {
                if (c === "}") {
                    finishMatcher(top);
                }
                stack.pop();
                push("punct", i + 1);
            } else {
                push("error", i + 1);
            }
            continue;
        }
        if (c === ",") {
            if (inBraces) {
                finishMatcher(top);
            }
            push("punct", i + 1);
            continue;
        }
        if (c === ":" || c === "@" || c === ";") {
            push("punct", i + 1);
            continue;
        }
        push("error", i + 1);
    }
    return { tokens, stack };
}

function braceString(brace, value) {
    if (brace.pendingOp !== null && brace.pendingLabel !== null) {
        brace.matchers.push({ name: brace.pendingLabel, op: brace.pendingOp, value });
        brace.pendingLabel = null;
        brace.pendingOp = null;
    } else {
        // A quoted name: a label if an operator follows, else the metric name (PromQL 3 UTF-8 names).
        brace.pendingLabel = value;
    }
}

function finishMatcher(brace) {
    if (brace.pendingLabel !== null && brace.pendingOp === null && brace.metric === null) {
        brace.metric = brace.pendingLabel;
    }
    brace.pendingLabel = null;
    brace.pendingOp = null;
}

/** Returns the tokens of text (see scan). */
export function tokenize(text) {
    return scan(text).tokens;
}
