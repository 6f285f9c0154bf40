// Finds the bracket that pairs with the one at the cursor, for highlighting. Pure function over tokenizer output
// (strings and comments are whole tokens, so brackets inside them never count); unit-tested under src/test/js.

const OPEN = { "(": ")", "{": "}", "[": "]" };
const CLOSE = { ")": "(", "}": "{", "]": "[" };

function isBracket(t) {
    return (t.type === "punct" || t.type === "error") && (t.text in OPEN || t.text in CLOSE);
}

/**
 * Returns [i, j], the token indices of the bracket touching the cursor (just before it, else just after it) and
 * its partner, or null when the cursor touches no bracket or the bracket is unbalanced.
 */
export function matchingBracket(tokens, cursor) {
    let at = -1;
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (isBracket(t) && t.end === cursor) {
            at = i;
            break;
        }
    }
    if (at < 0) {
        at = tokens.findIndex((t) => isBracket(t) && t.start === cursor);
    }
    if (at < 0) {
        return null;
    }
    const ch = tokens[at].text;
    const forward = ch in OPEN;
    const want = forward ? OPEN[ch] : CLOSE[ch];
    let depth = 0;
    for (let i = at + (forward ? 1 : -1); i >= 0 && i < tokens.length; i += forward ? 1 : -1) {
        const t = tokens[i];
        if (!isBracket(t)) {
            continue;
        }
        if (t.text === ch) {
            depth++;
        } else if (t.text === want) {
            if (depth === 0) {
                return forward ? [at, i] : [i, at];
            }
            depth--;
        }
    }
    return null;
}
