// Exemplars beside a graph: /api/v1/query_exemplars' answer turned into points on the chart's axes, each tied to the
// drawn series it belongs to, plus the hit test of the hover. Pure functions, unit-tested under src/test/js.

import { parseSampleValue } from "./series-name.js";

/** At most this many exemplar points are drawn; more would bury the lines (the panel says how many were left out). */
export const MAX_EXEMPLARS = 2000;

function sameLabels(a, b, ignoreName) {
    const keys = (m) => Object.keys(m).filter((k) => !(ignoreName && k === "__name__"));
    const ka = keys(a);
    return ka.length === keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/**
 * The index in series ([{metric}], as drawn) of the series an exemplar's seriesLabels belong to: the one with exactly
 * those labels, else one equal but for the metric name (a function such as rate() drops it); -1 when none matches.
 */
export function matchSeries(seriesLabels, series) {
    const labels = seriesLabels || {};
    let i = series.findIndex((s) => sameLabels(labels, s.metric || {}, false));
    if (i < 0) {
        i = series.findIndex((s) => !Object.prototype.hasOwnProperty.call(s.metric || {}, "__name__")
            && sameLabels(labels, s.metric || {}, true));
    }
    return i;
}

/**
 * Flattens a query_exemplars answer ([{seriesLabels, exemplars: [{labels, value, timestamp}]}]) into points
 * {t (seconds), v, labels, seriesLabels, series (index into series or -1)} sorted by time, keeping only finite values
 * and at most max points (the earliest). Returns {points, total}; total counts every finite exemplar.
 */
export function exemplarPoints(data, series, max = MAX_EXEMPLARS) {
    const points = [];
    for (const group of Array.isArray(data) ? data : []) {
        const idx = matchSeries(group.seriesLabels, series);
        for (const e of group.exemplars || []) {
            const v = parseSampleValue(e.value);
            const t = Number(e.timestamp);
            if (Number.isFinite(v) && Number.isFinite(t)) {
                points.push({ t, v, labels: e.labels || {}, seriesLabels: group.seriesLabels || {}, series: idx });
            }
        }
    }
    points.sort((a, b) => a.t - b.t);
    return { points: points.length > max ? points.slice(0, max) : points, total: points.length };
}

/** The smallest and largest exemplar value as [min, max], or null without points. */
export function valueRange(points) {
    if (points.length === 0) {
        return null;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
        min = Math.min(min, p.v);
        max = Math.max(max, p.v);
    }
    return [min, max];
}

/**
 * The index of the position ([{x, y}] in pixels, null for a point not drawn) nearest to (x, y) within radius pixels,
 * or -1.
 */
export function nearestPoint(positions, x, y, radius) {
    let best = -1;
    let bestDist = radius * radius;
    positions.forEach((p, i) => {
        if (!p) {
            return;
        }
        const d = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d <= bestDist) {
            bestDist = d;
            best = i;
        }
    });
    return best;
}
