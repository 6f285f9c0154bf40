// The expression browser: several query panels, their whole state in the URL (Prometheus 3's g0.expr=... format).

import { h } from "../dom.js";
import { createPanel } from "../query/panel.js";
import { decodePanels, encodePanels, newPanel } from "../query/url-state.js";

export async function render(container) {
    const list = h("div", { class: "panels" });
    const addBtn = h("button", { type: "button", class: "add-panel" }, "+ Add query");
    container.append(list, addBtn);
    let panels = [];

    let pending = 0;
    const syncUrl = (push) => {
        // Typing replaces the URL at most every 300 ms: browsers throttle frequent history updates.
        clearTimeout(pending);
        if (!push) {
            pending = setTimeout(() => writeUrl(false), 300);
            return;
        }
        writeUrl(true);
    };
    const writeUrl = (push) => {
        const qs = "?" + encodePanels(panels.map((p) => p.state));
        if (qs !== location.search) {
            history[push ? "pushState" : "replaceState"](null, "", location.pathname + qs);
        }
    };
    const add = (state, after = null) => {
        const panel = createPanel(state, {
            onDuplicate: () => {
                const copy = add(JSON.parse(JSON.stringify(panel.state)), panel);
                syncUrl(true);
                copy.execute();
            },
            onChange: (push) => syncUrl(push),
            onRemove: () => {
                panel.destroy();
                panel.element.remove();
                panels = panels.filter((p) => p !== panel);
                if (panels.length === 0) {
                    add(newPanel());
                }
                syncUrl(true);
            },
        });
        if (after === null) {
            panels.push(panel);
            list.append(panel.element);
        } else {
            panels.splice(panels.indexOf(after) + 1, 0, panel);
            after.element.after(panel.element);
        }
        return panel;
    };
    const load = () => {
        for (const p of panels) {
            p.destroy();
        }
        panels = [];
        list.replaceChildren();
        const states = decodePanels(location.search);
        for (const s of states.length ? states : [newPanel()]) {
            add(s);
        }
        for (const p of panels) {
            p.execute();
        }
    };
    addBtn.addEventListener("click", () => {
        add(newPanel()).focus();
        syncUrl(true);
    });
    window.addEventListener("popstate", load);
    load();
    if (panels.length === 1 && panels[0].state.expr === "") {
        panels[0].focus();
    }
}
