// The UI's pages and which one a path shows. Paths are Prometheus 3's, relative to the route prefix.
// Pure functions, unit-tested under src/test/js.

/** The pages in nav order: path (relative to the base), module file under pages/, title, nav menu. */
export const PAGES = Object.freeze([
    { path: "query", module: "query.js", title: "Query", menu: null },
    { path: "alerts", module: "alerts.js", title: "Alerts", menu: null },
    { path: "targets", module: "targets.js", title: "Target health", menu: "Status" },
    { path: "rules", module: "rules.js", title: "Rule health", menu: "Status" },
    { path: "service-discovery", module: "service-discovery.js", title: "Service discovery", menu: "Status" },
    { path: "status", module: "status.js", title: "Runtime & build information", menu: "Status" },
    { path: "tsdb-status", module: "tsdb-status.js", title: "TSDB status", menu: "Status" },
    { path: "flags", module: "flags.js", title: "Command-line flags", menu: "Status" },
    { path: "config", module: "config.js", title: "Configuration", menu: "Status" },
    { path: "alertmanager-discovery", module: "alertmanagers.js", title: "Alertmanager discovery", menu: "Status" },
]);

/** Old and short paths that show another page; the browser URL is rewritten to the target. */
export const REDIRECTS = Object.freeze({ "": "query", graph: "query", "index.html": "query" });

/**
 * The path of the base URL: "/" or "/prefix/" (always with a trailing slash), from a document's baseURI.
 */
export function basePath(baseUri) {
    const p = new URL(baseUri).pathname;
    return p.endsWith("/") ? p : p.slice(0, p.lastIndexOf("/") + 1);
}

/**
 * Resolves a location pathname under a base path to {page, redirect}: page is the PAGES entry (or null for an
 * unknown path), redirect the relative path to replace the URL with, or null.
 */
export function resolveRoute(pathname, base) {
    let rel = pathname.startsWith(base) ? pathname.slice(base.length)
        : (pathname + "/" === base ? "" : null);
    if (rel === null) {
        return { page: null, redirect: null };
    }
    rel = rel.replace(/\/+$/, "");
    if (Object.prototype.hasOwnProperty.call(REDIRECTS, rel)) {
        const target = REDIRECTS[rel];
        return { page: PAGES.find((p) => p.path === target), redirect: target };
    }
    return { page: PAGES.find((p) => p.path === rel) || null, redirect: null };
}
