// The Graph tab's chart: uPlot (WebJar) lines or stacked areas, a legend of series labels that toggles
// series, a hover tooltip with the nearest series' value, and drag-to-zoom reported to the panel.

import uPlot from "../../../webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { emptyBox, h } from "../dom.js";
import { onThemeChange } from "../theme.js";
import { timeZoneLabel, useLocalTime } from "../settings.js";
import { formatTimeMillis } from "../time.js";
import { alignMatrix, formatSI, seriesColor, stack } from "./graph-data.js";
import { seriesNameText } from "./series-name.js";
import { seriesNameNode } from "./series-view.js";

const HEIGHT = 380;
// More lines than this are unreadable and slow to draw; the rest are left out with a notice.
const MAX_SERIES = 1000;

// uPlot's x-axis tick formats, 24-hour and ISO-like (the default is US 12-hour): per tick increment, the format,
// then the extra line shown when the year, month, day, hour, minute or second rolls over.
const NL = "\n";
const TIME_FORMATS = [
    [3600 * 24 * 365, "{YYYY}", null, null, null, null, null, null, 1],
    [3600 * 24 * 28, "{MMM}", NL + "{YYYY}", null, null, null, null, null, 1],
    [3600 * 24, "{MM}-{DD}", NL + "{YYYY}", null, null, null, null, null, 1],
    [3600, "{HH}:{mm}", NL + "{YYYY}-{MM}-{DD}", null, NL + "{MM}-{DD}", null, null, null, 1],
    [60, "{HH}:{mm}", NL + "{YYYY}-{MM}-{DD}", null, NL + "{MM}-{DD}", null, null, null, 1],
    [1, "{HH}:{mm}:{ss}", NL + "{YYYY}-{MM}-{DD}", null, NL + "{MM}-{DD}", null, null, null, 1],
    [0.001, "{HH}:{mm}:{ss}.{fff}", NL + "{YYYY}-{MM}-{DD}", null, NL + "{MM}-{DD}", null, null, null, 1],
];

function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function alpha(color, a) {
    if (color.startsWith("#")) {
        return color + Math.round(a * 255).toString(16).padStart(2, "0");
    }
    return color.replace("hsl(", "hsla(").replace(")", `, ${a})`);
}

/**
 * Creates a graph. onZoom(startSec, endSec) is called when the user drags over a time range.
 * Returns {element, show(data, window, opts), clear(), destroy()}; window is {start, end, step} in seconds,
 * opts {stacked, yAxisMin}.
 */
export function createGraph(onZoom) {
    const chartEl = h("div", { class: "graph" });
    const tooltip = h("div", { class: "graph-tooltip" });
    const legend = h("div", { class: "legend" });
    const hint = h("div", { class: "legend-hint", hidden: true },
        "Click a series to show only it (again to show all); Ctrl/Cmd+click to show or hide it. Drag on the graph to zoom.");
    const notes = h("div");
    const element = h("div", { class: "graph-wrap" }, notes, chartEl, tooltip, legend, hint);
    let plot = null;
    let current = null;
    let visible = [];
    let unsubscribeTheme = null;
    let resizeObs = null;

    const destroyPlot = () => {
        if (plot) {
            plot.destroy();
            plot = null;
        }
    };

    const yData = () => current.opts.stacked ? stack(current.aligned.series.map((s) => s.ys), visible)
        : current.aligned.series.map((s) => s.ys);

    const tooltipUpdate = (u) => {
        const idx = u.cursor.idx;
        if (idx === null || idx === undefined || u.cursor.left < 0) {
            tooltip.style.display = "none";
            return;
        }
        let best = -1;
        let bestDist = Infinity;
        for (let i = 1; i < u.series.length; i++) {
            const v = u.data[i][idx];
            if (!u.series[i].show || v === null || v === undefined) {
                continue;
            }
            const d = Math.abs(u.valToPos(v, "y") - u.cursor.top);
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        if (best < 0) {
            tooltip.style.display = "none";
            return;
        }
        const s = current.aligned.series[best - 1];
        tooltip.replaceChildren(
            h("div", { class: "tt-time" }, `${formatTimeMillis(u.data[0][idx] * 1000, useLocalTime())} ${timeZoneLabel()}`),
            h("div", null, h("span", { class: "legend-swatch", style: { background: seriesColor(best - 1), display: "inline-block" } }),
                " ", h("span", { class: "tt-value" }, String(s.ys[idx]))),
            seriesNameNode(s.metric));
        tooltip.style.display = "block";
        const left = u.over.offsetLeft + u.cursor.left;
        const top = u.over.offsetTop + u.cursor.top;
        const flip = left + 20 + tooltip.offsetWidth > element.clientWidth;
        tooltip.style.left = `${flip ? left - 14 - tooltip.offsetWidth : left + 14}px`;
        tooltip.style.top = `${top + 14}px`;
    };

    const build = () => {
        destroyPlot();
        const { aligned, window: win, opts } = current;
        const fg = cssVar("--muted");
        const grid = cssVar("--border");
        const series = [{}];
        aligned.series.forEach((s, i) => {
            const color = seriesColor(i);
            series.push({
                label: seriesNameText(s.metric),
                stroke: color,
                width: 1.5,
                fill: opts.stacked ? alpha(color, 0.45) : undefined,
                show: visible[i],
                points: { show: (u, si, i0, i1) => i1 - i0 < 40 },
                value: (u, v) => (v === null ? "" : String(v)),
            });
        });
        const bands = [];
        if (opts.stacked) {
            // Fill between each series and the visible one below it, so stacked areas do not overdraw.
            let below = -1;
            aligned.series.forEach((_, i) => {
                if (visible[i]) {
                    if (below >= 0) {
                        bands.push({ series: [i + 1, below + 1], fill: alpha(seriesColor(i), 0.45) });
                    }
                    below = i;
                }
            });
        }
        const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
        const yRange = opts.yAxisMin !== null && opts.yAxisMin !== undefined
            ? (u, min, max) => [Math.min(opts.yAxisMin, min), max > opts.yAxisMin ? max : opts.yAxisMin + 1] : undefined;
        const options = {
            width: Math.max(200, chartEl.clientWidth),
            height: HEIGHT,
            // uPlot draws in the browser's zone by default; UTC needs its tzDate shim.
            tzDate: useLocalTime() ? (ts) => new Date(ts * 1000) : (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
            series,
            bands,
            legend: { show: false },
            focus: { alpha: 0.35 },
            cursor: { drag: { x: true, y: false, setScale: false }, focus: { prox: 24 }, points: { size: 6 } },
            scales: { x: { time: true, range: () => [win.start, win.end] }, y: yRange ? { range: yRange } : {} },
            axes: [
                { ...axis, values: TIME_FORMATS },
                { ...axis, size: 64, values: (u, vals) => vals.map(formatSI) },
            ],
            hooks: {
                setCursor: [tooltipUpdate],
                setSelect: [(u) => {
                    if (u.select.width > 2) {
                        const a = u.posToVal(u.select.left, "x");
                        const b = u.posToVal(u.select.left + u.select.width, "x");
                        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
                        onZoom(a, b);
                    }
                }],
            },
        };
        if (opts.stacked) {
            // Hovering focuses the nearest series; with stacking, the cumulative lines are what is drawn.
            options.focus = { alpha: 1 };
        }
        plot = new uPlot(options, [aligned.xs, ...yData()], chartEl);
    };
    chartEl.addEventListener("mouseleave", () => {
        tooltip.style.display = "none";
    });

    const drawLegend = () => {
        const items = current.aligned.series.map((s, i) => {
            const item = h("div", { class: visible[i] ? "legend-item" : "legend-item hidden", title: "Click: show only this "
                + "series (again: show all). Ctrl/Cmd+click: show or hide it." },
            h("span", { class: "legend-swatch", style: { background: seriesColor(i) } }), seriesNameNode(s.metric));
            item.addEventListener("click", (e) => {
                if (e.ctrlKey || e.metaKey) {
                    visible[i] = !visible[i];
                } else {
                    const only = visible[i] && visible.filter(Boolean).length === 1;
                    visible = visible.map((_, k) => only || k === i);
                }
                refreshVisibility();
            });
            return item;
        });
        legend.replaceChildren(...items);
        hint.hidden = items.length === 0;
    };

    const refreshVisibility = () => {
        if (current.opts.stacked) {
            build();
        } else {
            plot.batch(() => {
                visible.forEach((v, i) => plot.setSeries(i + 1, { show: v }, false));
            });
        }
        [...legend.children].forEach((el, i) => el.classList.toggle("hidden", !visible[i]));
    };

    return {
        element,
        show(data, win, opts) {
            const result = data.result || [];
            const aligned = alignMatrix(result.length > MAX_SERIES ? result.slice(0, MAX_SERIES) : result,
                win.start, win.end, win.step);
            current = { aligned, window: win, opts };
            visible = aligned.series.map(() => true);
            notes.replaceChildren();
            if (result.length > MAX_SERIES) {
                notes.append(h("div", { class: "alert alert-warning" }, `Showing the first ${MAX_SERIES} of ${result.length} series; `
                    + "aggregate or filter the query to see them all."));
            }
            if (aligned.histogramSeries > 0) {
                notes.append(h("div", { class: "alert alert-info" }, `${aligned.histogramSeries} native histogram series are `
                    + "not drawn as lines; graph histogram_count(), histogram_sum() or histogram_quantile() of them."));
            }
            if (aligned.series.length === 0) {
                destroyPlot();
                legend.replaceChildren();
                hint.hidden = true;
                if (aligned.histogramSeries === 0) {
                    notes.append(emptyBox("Empty query result."));
                }
                return;
            }
            build();
            drawLegend();
            if (!unsubscribeTheme) {
                unsubscribeTheme = onThemeChange(() => current && plot && build());
                let lastWidth = chartEl.clientWidth;
                resizeObs = new ResizeObserver(() => {
                    if (plot && chartEl.clientWidth !== lastWidth) {
                        lastWidth = chartEl.clientWidth;
                        plot.setSize({ width: Math.max(200, lastWidth), height: HEIGHT });
                    }
                });
                resizeObs.observe(chartEl);
            }
        },
        /** Removes the chart, legend and notes (after a failed query). */
        clear() {
            destroyPlot();
            current = null;
            notes.replaceChildren();
            legend.replaceChildren();
            hint.hidden = true;
            tooltip.style.display = "none";
        },
        destroy() {
            destroyPlot();
            if (unsubscribeTheme) {
                unsubscribeTheme();
                resizeObs.disconnect();
            }
        },
    };
}
