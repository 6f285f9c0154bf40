// Series names as PromQL writes them: name{a="b", c="d"}. Pure text formatting, unit-tested under src/test/js.

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Quotes a label value (or a UTF-8 name) as a PromQL double-quoted string. */
export function quote(s) {
    return '"' + String(s).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}

/**
 * Splits a metric's labels into {name, labels: [[k, v], ...]} for display: the name apart, the other labels
 * sorted by name, as Prometheus shows them.
 */
export function seriesParts(metric) {
    const name = metric && metric.__name__ !== undefined ? metric.__name__ : "";
    const labels = Object.keys(metric || {}).filter((k) => k !== "__name__").sort().map((k) => [k, metric[k]]);
    return { name, labels };
}

/** The series as text: up{instance="a", job="b"}; "{}" for an empty label set. UTF-8 names are quoted. */
export function seriesNameText(metric) {
    const { name, labels } = seriesParts(metric);
    const parts = labels.map(([k, v]) => `${LEGACY_LABEL.test(k) ? k : quote(k)}=${quote(v)}`);
    if (name !== "" && !LEGACY_NAME.test(name)) {
        return `{${[quote(name), ...parts].join(", ")}}`;
    }
    if (name !== "" && parts.length === 0) {
        return name;
    }
    return `${name}{${parts.join(", ")}}`;
}

/** Parses an API sample value ("1.5", "NaN", "+Inf") to a number. */
export function parseSampleValue(s) {
    if (s === "+Inf" || s === "Inf") {
        return Infinity;
    }
    if (s === "-Inf") {
        return -Infinity;
    }
    return parseFloat(s);
}
