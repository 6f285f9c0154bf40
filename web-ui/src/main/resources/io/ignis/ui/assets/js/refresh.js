// An auto-refresh selector for status pages: off, 5s, 10s, 30s, 1m; the choice is remembered per page.

import { h } from "./dom.js";

const CHOICES = [["0", "Auto-refresh off"], ["5", "Refresh every 5s"], ["10", "Refresh every 10s"], ["30", "Refresh every 30s"],
    ["60", "Refresh every 1m"]];

/** Calls reload() on the chosen period (skipped while the tab is hidden). Returns the select element. */
export function refreshSelect(key, reload) {
    const select = h("select", { "aria-label": "Auto-refresh" }, CHOICES.map(([v, t]) => h("option", { value: v }, t)));
    const storageKey = `ignis.refresh.${key}`;
    try {
        select.value = localStorage.getItem(storageKey) || "0";
    } catch {
        select.value = "0";
    }
    let timer = 0;
    const arm = () => {
        clearInterval(timer);
        const s = parseInt(select.value, 10);
        if (s > 0) {
            timer = setInterval(() => {
                if (document.visibilityState === "visible") {
                    reload();
                }
            }, s * 1000);
        }
    };
    select.addEventListener("change", () => {
        try {
            localStorage.setItem(storageKey, select.value);
        } catch {
            // Remembering the choice is optional.
        }
        arm();
    });
    arm();
    return select;
}

/** Wraps fn so that calls within ms of each other run it once, after the last. */
export function debounce(fn, ms) {
    let t = 0;
    return (...args) => {
        clearTimeout(t);
        t = setTimeout(() => fn(...args), ms);
    };
}
