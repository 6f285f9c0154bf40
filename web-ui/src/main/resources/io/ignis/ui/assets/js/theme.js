// Light, dark or "follow the system": the toggle cycles through them and remembers the choice.

const KEY = "ignis.theme";
const ORDER = ["auto", "light", "dark"];
const LABELS = { auto: "Theme: follows the system", light: "Theme: light", dark: "Theme: dark" };
const ICONS = { auto: "◐", light: "☀", dark: "☾" };
const listeners = new Set();

function preference() {
    try {
        const p = localStorage.getItem(KEY);
        return ORDER.includes(p) ? p : "auto";
    } catch {
        return "auto";
    }
}

const media = window.matchMedia("(prefers-color-scheme: dark)");

/** The theme in effect now: "light" or "dark". */
export function currentTheme() {
    const p = preference();
    return p === "auto" ? (media.matches ? "dark" : "light") : p;
}

function apply() {
    const theme = currentTheme();
    if (document.documentElement.dataset.theme !== theme) {
        document.documentElement.dataset.theme = theme;
        for (const fn of listeners) {
            fn(theme);
        }
    }
}

/** Calls fn(theme) whenever the effective theme changes (charts redraw their axes). */
export function onThemeChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
}

/** Wires the nav bar's toggle button. */
export function initThemeToggle(button) {
    const show = () => {
        const p = preference();
        button.textContent = ICONS[p];
        button.title = LABELS[p];
    };
    button.addEventListener("click", () => {
        const next = ORDER[(ORDER.indexOf(preference()) + 1) % ORDER.length];
        try {
            localStorage.setItem(KEY, next);
        } catch {
            // Private mode: the choice lasts for this page only.
        }
        show();
        apply();
    });
    media.addEventListener("change", apply);
    show();
    apply();
}
