// Turns a query_range matrix into uPlot's columnar data: one shared x array (seconds, start + k*step) and one
// y array per series, null where the series has no sample; stacked mode sums visible series bottom-up.
// Pure functions, unit-tested under src/test/js.

import { parseSampleValue } from "./series-name.js";

/**
 * Returns {xs, series: [{metric, ys}], histogramSeries}: float series aligned on the step grid from start to end
 * (seconds, inclusive); samples off the grid go to the nearest step. Non-finite values become gaps. Series that
 * hold only native histograms are counted in histogramSeries and left out.
 */
export function alignMatrix(result, start, end, step) {
    const n = Math.max(0, Math.floor((end - start) / step + 1e-9) + 1);
    const xs = new Array(n);
    for (let i = 0; i < n; i++) {
        xs[i] = start + i * step;
    }
    const series = [];
    let histogramSeries = 0;
    for (const s of result) {
        const values = s.values || [];
        if (values.length === 0) {
            histogramSeries += s.histograms && s.histograms.length ? 1 : 0;
            continue;
        }
        const ys = new Array(n).fill(null);
        for (const [t, v] of values) {
            const i = Math.round((t - start) / step);
            if (i >= 0 && i < n) {
                const f = parseSampleValue(v);
                ys[i] = Number.isFinite(f) ? f : null;
            }
        }
        series.push({ metric: s.metric || {}, ys });
    }
    return { xs, series, histogramSeries };
}

/**
 * Stacks y arrays: each visible series becomes the running sum of itself and the visible series before it.
 * A gap stays a gap in its own series and counts as 0 for the ones above. Hidden series are returned unchanged.
 */
export function stack(ysList, visible) {
    const n = ysList.length ? ysList[0].length : 0;
    const acc = new Array(n).fill(0);
    return ysList.map((ys, k) => {
        if (!visible[k]) {
            return ys;
        }
        const out = new Array(n);
        for (let i = 0; i < n; i++) {
            if (ys[i] !== null) {
                acc[i] += ys[i];
                out[i] = acc[i];
            } else {
                out[i] = null;
            }
        }
        return out;
    });
}

const SI = [[1e24, "Y"], [1e21, "Z"], [1e18, "E"], [1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
const SI_SMALL = [[1e-3, "m"], [1e-6, "µ"], [1e-9, "n"], [1e-12, "p"], [1e-15, "f"], [1e-18, "a"]];

function trim(n) {
    return String(parseFloat(n.toPrecision(4)));
}

/** Formats an axis value with an SI prefix: 1500 -> "1.5k", 0.002 -> "2m", 0 -> "0". */
export function formatSI(v) {
    if (v === null || !Number.isFinite(v)) {
        return v === null ? "" : String(v);
    }
    const a = Math.abs(v);
    if (a === 0) {
        return "0";
    }
    for (const [f, p] of SI) {
        if (a >= f) {
            return trim(v / f) + p;
        }
    }
    if (a >= 1) {
        return trim(v);
    }
    for (const [f, p] of SI_SMALL) {
        if (a >= f * 0.9999999) {
            return trim(v / f) + p;
        }
    }
    return v.toExponential(2);
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#3b5bdb", "#e8590c"];

/** The colour of the i-th series: a fixed palette, then evenly spread hues. */
export function seriesColor(i) {
    if (i < PALETTE.length) {
        return PALETTE[i];
    }
    return `hsl(${Math.round((i * 137.508) % 360)}, 62%, 52%)`;
}
