// Where a chosen suggestion goes: it replaces the word being typed (or the open label value and its closing
// quote), and a function gets its parentheses. Pure function, unit-tested under src/test/js.

/**
 * Returns {text, caret} after inserting `insert` for completion context ctx (see completion-context.js) in text.
 * The replaced span runs from ctx.from over the rest of the word at the cursor; inside a quoted label value, over
 * the closing quote too (insert brings its own). An insert ending in "(" reuses a "(" already there, and otherwise
 * gets a ")" after the caret unless one follows.
 */
export function applyCompletion(text, ctx, insert) {
    let to = ctx.to;
    if (ctx.kind === "label_value" && ctx.quote) {
        const close = text.indexOf(ctx.quote, to);
        if (close >= 0 && !text.slice(to, close).includes("\n")) {
            to = close + 1;
        }
    } else {
        while (to < text.length && /[\w:]/.test(text[to])) {
            to++;
        }
    }
    const before = text.slice(0, ctx.from);
    const after = text.slice(to);
    if (insert.endsWith("(")) {
        if (after.startsWith("(")) {
            return { text: before + insert + after.slice(1), caret: before.length + insert.length };
        }
        const close = after.trimStart().startsWith(")") ? "" : ")";
        return { text: before + insert + close + after, caret: before.length + insert.length };
    }
    return { text: before + insert + after, caret: before.length + insert.length };
}
