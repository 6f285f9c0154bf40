// The PromQL editor: a textarea over a syntax-highlighted copy of its text, with an autocompletion popup.
// Shift+Enter or Ctrl/Cmd+Enter executes; Ctrl+Space asks for suggestions; Enter/Tab accept one.

import { h, setChildren } from "../dom.js";
import { matchingBracket } from "../promql/brackets.js";
import { tokenize } from "../promql/tokenizer.js";
import { completionContext } from "../promql/completion-context.js";
import { applyCompletion } from "./apply-completion.js";
import { suggestions } from "./completer.js";

const KIND_ICONS = { metric: "M", function: "ƒ", aggregation: "Σ", keyword: "K", label: "L", value: "V",
    duration: "D", history: "H" };
// Contexts where typing alone (no prefix yet) opens the popup: right after "{", "=", "(" of by(...) etc.
const AUTO_OPEN_EMPTY = new Set(["label_name", "label_value", "duration"]);

/**
 * Fills pre with highlighted spans for text, plus a zero-width marker at caret (for positioning the popup); with
 * focus, the bracket at the caret and its partner are marked.
 */
function paintHighlight(pre, text, caret, focused, errorAt) {
    const frag = document.createDocumentFragment();
    let markerDone = false;
    const marker = h("span", { class: "caret-marker" });
    const tokens = tokenize(text);
    const pair = focused ? matchingBracket(tokens, caret) : null;
    // A parse error at the end of the text marks the last token.
    const errAt = errorAt === null ? -1 : Math.min(errorAt, Math.max(0, text.length - 1));
    const cls = (t, i) => `tok-${t.type}` + (pair !== null && (i === pair[0] || i === pair[1]) ? " bracket-match" : "")
        + (errAt >= t.start && errAt < t.end ? " error-at" : "");
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (!markerDone && caret >= t.start && caret < t.end) {
            const cut = caret - t.start;
            if (cut > 0) {
                frag.append(h("span", { class: cls(t, i) }, t.text.slice(0, cut)));
            }
            frag.append(marker);
            markerDone = true;
            const rest = t.text.slice(cut);
            frag.append(h("span", { class: cls(t, i) }, rest));
            continue;
        }
        frag.append(t.type === "ws" && !cls(t, i).includes("error-at") ? t.text : h("span", { class: cls(t, i) }, t.text));
    }
    if (!markerDone) {
        frag.append(marker);
    }
    // A trailing newline needs a character after it to get its own line, as in the textarea.
    frag.append("\u200b");
    pre.replaceChildren(frag);
    return marker;
}

function labelWithMatch(item) {
    const [a, b] = item.match || [0, 0];
    if (b <= a) {
        return item.label;
    }
    return [item.label.slice(0, a), h("mark", null, item.label.slice(a, b)), item.label.slice(b)];
}

/**
 * Creates an editor. options: {value, placeholder, onExecute(), onChange(value), history(): string[]}.
 * Returns {element, textarea, getValue(), setValue(v), focus(), markError(offset)}.
 */
export function createEditor(options) {
    const textarea = h("textarea", {
        rows: "1", spellcheck: "false", autocapitalize: "off", autocomplete: "off",
        placeholder: options.placeholder || "Expression (press Shift+Enter to execute)", "aria-label": "PromQL expression",
        "aria-autocomplete": "list",
    });
    textarea.value = options.value || "";
    const pre = h("pre", { class: "editor-highlight", "aria-hidden": "true" });
    const list = h("ul", { class: "completion-list", role: "listbox" });
    const doc = h("div", { class: "completion-doc" });
    const popup = h("div", { class: "completions", hidden: true }, list, doc);
    const element = h("div", { class: "editor" }, pre, textarea, popup);
    let marker = null;
    let items = [];
    let selected = 0;
    let ctx = null;
    let seq = 0;
    let errorAt = null;

    const resize = () => {
        textarea.style.height = "auto";
        textarea.style.height = `${textarea.scrollHeight + 2}px`;
    };
    const paint = () => {
        marker = paintHighlight(pre, textarea.value, textarea.selectionStart, document.activeElement === textarea, errorAt);
    };
    const close = () => {
        popup.hidden = true;
        items = [];
        ctx = null;
        seq++;
    };
    const renderPopup = () => {
        if (items.length === 0) {
            popup.hidden = true;
            return;
        }
        const sel = items[selected];
        const rows = items.map((it, i) => h("li", {
            class: i === selected ? "selected" : null, role: "option", "aria-selected": String(i === selected),
            onmousedown: (e) => {
                e.preventDefault();
                selected = i;
                accept();
            },
        }, h("span", { class: "c-kind", title: it.kind }, KIND_ICONS[it.kind] || "?"),
        h("span", { class: "c-label" }, labelWithMatch(it)),
        it.detail ? h("span", { class: "c-detail" }, it.detail) : null));
        list.replaceChildren(...rows);
        // The selected item's documentation stays in view below the list.
        const sig = sel && sel.detail && sel.kind !== "metric";
        doc.hidden = !(sel && sel.doc);
        setChildren(doc, sig ? h("code", null, sel.detail) : null, sig ? " " : null, sel ? sel.doc : null,
            sel && sel.experimental ? " (experimental)" : null);
        popup.hidden = false;
        popup.style.left = `${Math.min(marker ? marker.offsetLeft : 0, Math.max(0, element.clientWidth - 330))}px`;
        popup.style.top = `${(marker ? marker.offsetTop : 0) + 22}px`;
        const li = list.children[selected];
        if (li) {
            li.scrollIntoView({ block: "nearest" });
        }
    };
    const update = async (explicit) => {
        const c = completionContext(textarea.value, textarea.selectionStart);
        if (c.kind === "none" || (!explicit && c.prefix === "" && !AUTO_OPEN_EMPTY.has(c.kind))) {
            close();
            return;
        }
        const mine = ++seq;
        let list;
        try {
            list = await suggestions(c, options.history ? options.history() : []);
        } catch {
            list = [];
        }
        if (mine !== seq) {
            return;
        }
        ctx = c;
        items = list;
        selected = 0;
        renderPopup();
    };
    const accept = () => {
        const it = items[selected];
        if (!it || !ctx) {
            return;
        }
        const { text: next, caret } = applyCompletion(textarea.value, ctx, it.insert ?? it.label);
        const insert = it.insert ?? it.label;
        textarea.value = next;
        textarea.setSelectionRange(caret, caret);
        close();
        changed();
        if (/[{(]$/.test(insert)) {
            // Right after "rate(" or "{": offer what comes next, where that opens by itself.
            update(false);
        }
    };
    const changed = () => {
        resize();
        paint();
        if (options.onChange) {
            options.onChange(textarea.value);
        }
    };

    textarea.addEventListener("input", () => {
        errorAt = null;
        changed();
        update(false);
    });
    textarea.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            close();
            options.onExecute();
            return;
        }
        if ((e.key === " " && e.ctrlKey) || (e.key === "." && e.ctrlKey)) {
            e.preventDefault();
            update(true);
            return;
        }
        if (popup.hidden) {
            return;
        }
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            selected = (selected + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
            renderPopup();
        } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            accept();
        } else if (e.key === "Escape") {
            e.preventDefault();
            close();
        }
    });
    textarea.addEventListener("keyup", (e) => {
        if (e.key.startsWith("Arrow") || e.key === "Home" || e.key === "End") {
            paint();
            if (!popup.hidden && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
                update(false);
            }
        }
    });
    textarea.addEventListener("click", () => {
        paint();
        close();
    });
    textarea.addEventListener("blur", () => {
        close();
        paint();
    });
    textarea.addEventListener("focus", paint);
    let lastWidth = 0;
    new ResizeObserver(() => {
        // Only a width change rewraps the text; reacting to our own height change would loop.
        if (element.clientWidth !== lastWidth) {
            lastWidth = element.clientWidth;
            resize();
        }
    }).observe(element);
    paint();
    requestAnimationFrame(resize);

    return {
        element,
        textarea,
        getValue: () => textarea.value,
        setValue: (v) => {
            textarea.value = v;
            changed();
        },
        focus: () => textarea.focus(),
        /** Underlines the character at offset (a parse error's position) until the text changes; null clears. */
        markError: (offset) => {
            errorAt = offset;
            paint();
        },
    };
}
