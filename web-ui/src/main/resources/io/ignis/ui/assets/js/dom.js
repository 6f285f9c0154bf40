// A tiny element builder and the boxes every page shares (loading, error, empty).

/**
 * Creates an element: h("a", {href: "x", class: "c", onclick: fn, dataset: {k: "v"}}, "text", child, [more]).
 * Strings become text nodes (never HTML); null, undefined and false children are skipped.
 */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
        for (const [k, v] of Object.entries(attrs)) {
            if (v === null || v === undefined || v === false) {
                continue;
            }
            if (k.startsWith("on") && typeof v === "function") {
                el.addEventListener(k.slice(2), v);
            } else if (k === "dataset") {
                Object.assign(el.dataset, v);
            } else if (k === "class") {
                el.className = v;
            } else if (k === "style" && typeof v === "object") {
                Object.assign(el.style, v);
            } else if (k in el && typeof v !== "string") {
                el[k] = v;
            } else {
                el.setAttribute(k, v === true ? "" : v);
            }
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const c of children) {
        if (c === null || c === undefined || c === false) {
            continue;
        }
        if (Array.isArray(c)) {
            append(el, c);
        } else {
            el.append(c instanceof Node ? c : String(c));
        }
    }
}

/** Replaces all children of el. */
export function setChildren(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/** A visible error: what failed and why. */
export function errorBox(title, err) {
    const message = err instanceof Error ? err.message : String(err ?? "");
    return h("div", { class: "alert alert-error", role: "alert" },
        h("strong", null, title), message ? h("div", { class: "alert-body" }, message) : null);
}

/** Warnings or infos returned with an API response; null when there are none. */
export function noticeBox(kind, items) {
    if (!items || items.length === 0) {
        return null;
    }
    const cls = kind === "warning" ? "alert alert-warning" : "alert alert-info";
    return h("div", { class: cls },
        h("strong", null, kind === "warning" ? "Warnings" : "Info"),
        h("ul", { class: "alert-list" }, items.map((m) => h("li", null, m))));
}

export function loadingBox(what) {
    return h("div", { class: "loading" }, h("span", { class: "spinner", "aria-hidden": "true" }), ` Loading ${what}…`);
}

export function emptyBox(text) {
    return h("div", { class: "empty" }, text);
}

/** The page heading with optional controls on the right. */
export function pageHeader(title, ...controls) {
    return h("div", { class: "page-header" }, h("h1", null, title), h("div", { class: "page-controls" }, controls));
}

/** A label set as {a="b", c="d"} pills. */
export function labelPills(labels) {
    const entries = Object.entries(labels || {});
    if (entries.length === 0) {
        return h("span", { class: "muted" }, "none");
    }
    return h("span", { class: "pills" }, entries.map(([k, v]) => h("span", { class: "pill" }, `${k}="${v}"`)));
}

/** Renders a page's async loader into container, replacing a loading box, or an error box on failure. */
export async function renderAsync(container, what, load) {
    const loading = loadingBox(what);
    container.append(loading);
    try {
        const nodes = await load();
        loading.replaceWith(...(Array.isArray(nodes) ? nodes : [nodes]));
    } catch (err) {
        loading.replaceWith(errorBox(`Error loading ${what}`, err));
    }
}

/** A card whose header toggles its body; the state is kept in the element's "collapsed" class. */
export function collapsibleCard(titleNodes, body, collapsed = false) {
    const header = h("div", { class: "card-header collapsible", role: "button", tabindex: "0" }, titleNodes);
    const card = h("section", { class: collapsed ? "card collapsed" : "card" }, header, body);
    const toggle = () => {
        card.classList.toggle("collapsed");
        header.setAttribute("aria-expanded", String(!card.classList.contains("collapsed")));
    };
    header.setAttribute("aria-expanded", String(!collapsed));
    header.addEventListener("click", (e) => {
        if (!e.target.closest("a, button, input")) {
            toggle();
        }
    });
    header.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            toggle();
        }
    });
    return card;
}

/** A simple table: headers is a list of strings (a leading "#" marks a numeric column), rows of cells. */
export function dataTable(headers, rows, cls = "data") {
    const numeric = headers.map((t) => t.startsWith("#"));
    return h("table", { class: cls },
        h("thead", null, h("tr", null, headers.map((t, i) => h("th", { class: numeric[i] ? "num" : null }, t.replace(/^#/, ""))))),
        h("tbody", null, rows.map((r) => h("tr", null, r.map((c, i) => h("td", { class: numeric[i] ? "num" : null }, c))))));
}

/** A key/value table for status pages. */
export function kvTable(entries) {
    return h("table", { class: "data kv" }, h("tbody", null,
        entries.map(([k, v]) => h("tr", null, h("td", null, k), h("td", { class: "wrap" }, v)))));
}

/** A 16×16 stroked SVG icon from path data (no icon font: every glyph renders on every system). */
export function svgIcon(d) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "1.5");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.append(path);
    return svg;
}

/** A link that opens in a new tab when url is http(s); plain text otherwise (never a javascript: URL). */
export function externalLink(url) {
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
        return h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url);
    }
    return h("span", null, String(url ?? ""));
}
