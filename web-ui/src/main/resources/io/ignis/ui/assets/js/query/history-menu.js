// The panel's "History" drop-down: the most recent queries from local storage; picking one runs it.

import { h, setChildren } from "../dom.js";
import { loadHistory } from "./history.js";

/** storage is window.localStorage (or a stand-in); onPick(expr) runs the chosen query. Returns {element, destroy()}. */
export function createHistoryMenu(storage, onPick) {
    const items = h("div", { class: "history-items" });
    const menu = h("details", { class: "history-menu" }, h("summary", { class: "btn", title: "Recent queries" }, "History"), items);
    menu.addEventListener("toggle", () => {
        if (!menu.open) {
            return;
        }
        const list = loadHistory(storage).slice(0, 30);
        setChildren(items, list.length === 0 ? h("div", { class: "empty" }, "No queries yet.")
            : list.map((q) => h("button", {
                type: "button", class: "history-item", title: q,
                onclick: () => {
                    menu.open = false;
                    onPick(q);
                },
            }, q)));
    });
    const onDocumentClick = (e) => {
        if (menu.open && !menu.contains(e.target)) {
            menu.open = false;
        }
    };
    document.addEventListener("click", onDocumentClick);
    return { element: menu, destroy: () => document.removeEventListener("click", onDocumentClick) };
}
