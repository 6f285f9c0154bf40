// Renders a series' labels as coloured PromQL text: name{label="value", ...}.

import { h } from "../dom.js";
import { quote, seriesParts } from "./series-name.js";

export function seriesNameNode(metric) {
    const { name, labels } = seriesParts(metric);
    const parts = [];
    labels.forEach(([k, v], i) => {
        parts.push(h("span", { class: "sn-label" }, k), "=", h("span", { class: "sn-value" }, quote(v)));
        if (i < labels.length - 1) {
            parts.push(", ");
        }
    });
    return h("span", { class: "series-name" }, name ? h("span", { class: "sn-metric" }, name) : null,
        labels.length || !name ? ["{", parts, "}"] : null);
}
