// The Graph tab's chart: uPlot (WebJar) lines or stacked areas, a legend of series labels that toggles
// series, a hover tooltip with the nearest series' value, exemplars as points (hovering one shows its labels), and
// drag-to-zoom reported to the panel.

import uPlot from "../../../webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { emptyBox, h } from "../dom.js";
import { onThemeChange } from "../theme.js";
import { timeZoneLabel, useLocalTime } from "../settings.js";
import { formatTimeMillis } from "../time.js";
import { exemplarPoints, nearestPoint, valueRange } from "./exemplars.js";
import { alignMatrix, formatSI, seriesColor, stack } from "./graph-data.js";
import { seriesNameText } from "./series-name.js";
import { seriesNameNode } from "./series-view.js";

const HEIGHT = 380;
// More lines than this are unreadable and slow to draw; the rest are left out with a notice.
const MAX_SERIES = 1000;
// How close (CSS pixels) the pointer must come to an exemplar for the tooltip to show it instead of a series.
const EXEMPLAR_HOVER_RADIUS = 8;

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
 * opts {stacked, yAxisMin, exemplars}: exemplars is the data of /api/v1/query_exemplars for the same expression and
 * range (drawn as points), or null.
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
    // The exemplar markers (one element per point of current.exemplars) and where each was last drawn, null if not.
    let markers = [];
    let positions = [];

    const destroyPlot = () => {
        if (plot) {
            plot.destroy();
            plot = null;
        }
    };

    const yData = () => current.opts.stacked ? stack(current.aligned.series.map((s) => s.ys), visible)
        : current.aligned.series.map((s) => s.ys);

    const placeTooltip = (u) => {
        tooltip.style.display = "block";
        const left = u.over.offsetLeft + u.cursor.left;
        const top = u.over.offsetTop + u.cursor.top;
        const flip = left + 20 + tooltip.offsetWidth > element.clientWidth;
        tooltip.style.left = `${flip ? left - 14 - tooltip.offsetWidth : left + 14}px`;
        tooltip.style.top = `${top + 14}px`;
    };

    const exemplarTooltip = (p) => {
        const color = p.series >= 0 ? seriesColor(p.series) : cssVar("--fg");
        tooltip.replaceChildren(
            h("div", { class: "tt-time" }, `${formatTimeMillis(Math.round(p.t * 1000), useLocalTime())} ${timeZoneLabel()}`),
            h("div", { class: "tt-exemplar" }, h("span", { class: "legend-swatch exemplar-swatch", style: { background: color,
                display: "inline-block" } }), " Exemplar ", h("span", { class: "tt-value" }, String(p.v))),
            h("div", { class: "tt-labels" }, seriesNameNode(p.labels)),
            h("div", { class: "tt-series muted" }, "Series: ", seriesNameNode(p.seriesLabels)));
    };

    const tooltipUpdate = (u) => {
        if (u.cursor.left === null || u.cursor.left < 0) {
            tooltip.style.display = "none";
            return;
        }
        const hit = nearestPoint(positions, u.cursor.left, u.cursor.top, EXEMPLAR_HOVER_RADIUS);
        if (hit >= 0) {
            exemplarTooltip(current.exemplars.points[hit]);
            placeTooltip(u);
            return;
        }
        const idx = u.cursor.idx;
        if (idx === null || idx === undefined) {
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
        placeTooltip(u);
    };

    // After every redraw (zoom, resize, a series hidden): put each exemplar marker where its time and value are.
    const placeExemplars = (u) => {
        const w = u.over.clientWidth;
        const ht = u.over.clientHeight;
        positions = current.exemplars.points.map((p, i) => {
            const x = u.valToPos(p.t, "x");
            const y = u.valToPos(p.v, "y");
            const shown = (p.series < 0 || visible[p.series]) && x >= 0 && x <= w && y >= 0 && y <= ht;
            markers[i].hidden = !shown;
            if (!shown) {
                return null;
            }
            markers[i].style.left = `${x}px`;
            markers[i].style.top = `${y}px`;
            return { x, y };
        });
    };

    // The y scale covers the exemplars too, as their values may lie outside the lines (latencies beside a rate).
    const yRangeFn = (opts) => {
        const ex = valueRange(current.exemplars.points);
        const widen = (min, max) => (ex === null ? [min, max]
            : [min === null ? ex[0] : Math.min(min, ex[0]), max === null ? ex[1] : Math.max(max, ex[1])]);
        if (opts.yAxisMin !== null && opts.yAxisMin !== undefined) {
            return (u, dataMin, dataMax) => {
                const [min, max] = widen(dataMin, dataMax);
                return [Math.min(opts.yAxisMin, min), max > opts.yAxisMin ? max : opts.yAxisMin + 1];
            };
        }
        if (ex === null) {
            return undefined;
        }
        return (u, dataMin, dataMax) => {
            const [min, max] = widen(dataMin, dataMax);
            return uPlot.rangeNum(min, max, 0.1, true);
        };
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
        const yRange = yRangeFn(opts);
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
                draw: [placeExemplars],
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
        markers = current.exemplars.points.map((p) => h("span", { class: "exemplar-point", hidden: true,
            style: { borderColor: p.series >= 0 ? seriesColor(p.series) : "" } }));
        positions = [];
        plot = new uPlot(options, [aligned.xs, ...yData()], chartEl);
        plot.over.append(h("div", { class: "exemplar-layer" }, markers));
        placeExemplars(plot);
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
            const exemplars = exemplarPoints(opts.exemplars, aligned.series);
            current = { aligned, window: win, opts, exemplars };
            visible = aligned.series.map(() => true);
            notes.replaceChildren();
            if (result.length > MAX_SERIES) {
                notes.append(h("div", { class: "alert alert-warning" }, `Showing the first ${MAX_SERIES} of ${result.length} series; `
                    + "aggregate or filter the query to see them all."));
            }
            if (exemplars.total > exemplars.points.length) {
                notes.append(h("div", { class: "alert alert-warning" }, `Showing the first ${exemplars.points.length} of `
                    + `${exemplars.total} exemplars; shorten the range to see them all.`));
            }
            if (aligned.histogramSeries > 0) {
                notes.append(h("div", { class: "alert alert-info" }, `${aligned.histogramSeries} native histogram series are `
                    + "not drawn as lines; graph histogram_count(), histogram_sum() or histogram_quantile() of them."));
            }
            if (aligned.series.length === 0) {
                destroyPlot();
                markers = [];
                positions = [];
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
            markers = [];
            positions = [];
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
