// Boots every page: theme toggle, nav highlighting, and the router that loads the page module named by
// location.pathname relative to <base href>.

import { PAGES, basePath, resolveRoute } from "./routes.js";
import { setUseLocalTime, useLocalTime } from "./settings.js";
import { initThemeToggle } from "./theme.js";
import { errorBox, h, setChildren } from "./dom.js";

function highlightNav(page) {
    for (const a of document.querySelectorAll("[data-page]")) {
        a.classList.toggle("active", page !== null && a.dataset.page === page.path);
    }
    const menu = document.querySelector("[data-menu]");
    if (menu) {
        menu.classList.toggle("active", page !== null && page.menu === menu.dataset.menu);
    }
}

function closeMenusOnOutsideClick() {
    document.addEventListener("click", (e) => {
        for (const d of document.querySelectorAll("details.nav-menu[open]")) {
            if (!d.contains(e.target)) {
                d.open = false;
            }
        }
    });
}

function initSettings() {
    const localTime = document.getElementById("setting-local-time");
    localTime.checked = useLocalTime();
    localTime.addEventListener("change", () => {
        setUseLocalTime(localTime.checked);
        // Every time on the page is drawn in one zone; a reload redraws them all in the new one.
        location.reload();
    });
}

async function start() {
    document.documentElement.dataset.booted = "1";
    initThemeToggle(document.getElementById("theme-toggle"));
    initSettings();
    closeMenusOnOutsideClick();
    const container = document.getElementById("page");
    const base = basePath(document.baseURI);
    const { page, redirect } = resolveRoute(location.pathname, base);
    if (redirect !== null) {
        history.replaceState(history.state, "", base + redirect + location.search + location.hash);
    }
    highlightNav(page);
    if (page === null) {
        document.title = "Not found - Ignis";
        setChildren(container, errorBox("Page not found",
            `No page at ${location.pathname}. Pages: ${PAGES.map((p) => base + p.path).join(", ")}`));
        return;
    }
    document.title = `${page.title} - Ignis`;
    try {
        const mod = await import(`./pages/${page.module}`);
        setChildren(container);
        await mod.render(container);
    } catch (err) {
        console.error(err);
        container.append(errorBox(`The ${page.title} page failed`, err), h("p", { class: "muted" },
            "Reload the page; if it keeps failing, the browser console has details."));
    }
}

start();
