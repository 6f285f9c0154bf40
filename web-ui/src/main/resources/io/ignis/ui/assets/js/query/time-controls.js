// The time controls above a panel's result: evaluation time for the Table tab; range, end time, resolution, display
// mode and the exemplars toggle for the Graph tab. They edit the panel's state and call back; state.endTime null
// means "now".

import { h } from "../dom.js";
import { useLocalTime, timeZoneLabel } from "../settings.js";
import { formatDuration, formatTime, humanizeDuration, parseDuration, parseTime } from "../time.js";
import { effectiveStep, stepRange } from "./step.js";

/** A step typed by the user: a duration ("15s", "1m") or plain seconds ("15", "0.5"); null when neither. */
export function parseStep(text) {
    const d = parseDuration(text);
    if (d !== null && d > 0) {
        return d;
    }
    return /^\d+(\.\d+)?$/.test(text.trim()) && parseFloat(text) > 0 ? parseFloat(text) * 1000 : null;
}

function timeInput(state, ctl) {
    const local = useLocalTime();
    const input = h("input", { type: "text", class: "time", placeholder: `now (${timeZoneLabel()})`, spellcheck: "false",
        title: `Evaluation time, ${timeZoneLabel()}: YYYY-MM-DD HH:mm:ss, RFC 3339 or Unix seconds; empty for now` });
    input.value = state.endTime === null ? "" : formatTime(state.endTime, local);
    input.addEventListener("change", () => {
        if (input.value.trim() === "" || /^now$/i.test(input.value.trim())) {
            input.value = "";
            input.classList.remove("invalid");
            ctl.setEnd(null);
            return;
        }
        const t = parseTime(input.value, local);
        input.classList.toggle("invalid", t === null);
        if (t !== null) {
            ctl.setEnd(t);
        }
    });
    return input;
}

/**
 * The Table tab's controls. ctl: {setEnd(ms|null), apply(redraw)}; both record the change and re-run the query.
 */
export function tableControls(state, ctl) {
    return h("div", { class: "panel-controls" }, h("span", { class: "muted" }, "Evaluation time"),
        h("span", { class: "input-group" }, timeInput(state, ctl),
            h("button", { type: "button", title: "Evaluate now", onclick: () => ctl.setEnd(null) }, "Now")));
}

/** The Graph tab's controls; ctl as for tableControls. */
export function graphControls(state, ctl) {
    const stepHint = h("span", { class: "muted" });
    const showStep = () => {
        stepHint.textContent = `step ${humanizeDuration(effectiveStep(state.resolution, state.range))}`;
    };
    showStep();

    const range = h("input", { type: "text", "aria-label": "Range", title: "Range, e.g. 1h, 6h, 1d2h" });
    range.value = formatDuration(state.range);
    const setRange = (r) => {
        state.range = r;
        range.value = formatDuration(r);
        range.classList.remove("invalid");
        showStep();
        ctl.apply(false);
    };
    range.addEventListener("change", () => {
        const r = parseDuration(range.value);
        if (r !== null && r > 0) {
            setRange(r);
        } else {
            range.classList.add("invalid");
        }
    });

    const shiftEnd = (dir) => {
        const base = state.endTime === null ? Date.now() : state.endTime;
        ctl.setEnd(Math.round((base + dir * state.range / 2) / 1000) * 1000);
    };

    const res = h("select", { "aria-label": "Resolution" },
        h("option", { value: "auto:low" }, "Auto: low res"),
        h("option", { value: "auto:medium" }, "Auto: medium res"),
        h("option", { value: "auto:high" }, "Auto: high res"),
        h("option", { value: "custom" }, "Custom step"));
    res.value = state.resolution.type === "auto" ? `auto:${state.resolution.density}` : "custom";
    const stepInput = h("input", { type: "text", placeholder: "e.g. 15s", "aria-label": "Step",
        hidden: state.resolution.type === "auto", style: { width: "80px" } });
    if (state.resolution.type !== "auto") {
        stepInput.value = formatDuration(state.resolution.step);
    }
    const applyRes = () => {
        if (res.value.startsWith("auto:")) {
            state.resolution = { type: "auto", density: res.value.slice(5) };
            stepInput.hidden = true;
        } else {
            stepInput.hidden = false;
            const s = parseStep(stepInput.value);
            stepInput.classList.toggle("invalid", s === null && stepInput.value !== "");
            if (s === null) {
                stepInput.focus();
                return;
            }
            state.resolution = { type: "custom", step: s };
        }
        showStep();
        ctl.apply(false);
    };
    res.addEventListener("change", applyRes);
    stepInput.addEventListener("change", applyRes);

    const modes = h("span", { class: "segmented", role: "group", "aria-label": "Display mode" },
        ["lines", "stacked"].map((m) => h("button", {
            type: "button", class: state.displayMode === m ? "active" : null,
            onclick: () => {
                state.displayMode = m;
                ctl.apply(true);
            },
        }, m === "lines" ? "Lines" : "Stacked")));

    const exemplars = h("input", { type: "checkbox", checked: state.showExemplars, "aria-label": "Show exemplars" });
    exemplars.addEventListener("change", () => {
        state.showExemplars = exemplars.checked;
        ctl.apply(false);
    });

    return h("div", { class: "panel-controls" },
        h("span", { class: "input-group" },
            h("button", { type: "button", class: "icon", title: "Shorter range", onclick: () => setRange(stepRange(state.range, -1)) }, "−"),
            range,
            h("button", { type: "button", class: "icon", title: "Longer range", onclick: () => setRange(stepRange(state.range, 1)) }, "+")),
        h("span", { class: "input-group" },
            h("button", { type: "button", class: "icon", title: "Back by half the range", onclick: () => shiftEnd(-1) }, "‹"),
            timeInput(state, ctl),
            h("button", { type: "button", class: "icon", title: "Forward by half the range", onclick: () => shiftEnd(1) }, "›"),
            h("button", { type: "button", title: "End now", onclick: () => ctl.setEnd(null) }, "Now")),
        res, stepInput, stepHint, modes,
        h("label", { class: "checkbox", title: "Draw the exemplars stored for the queried series as points" }, exemplars,
            "Show exemplars"));
}
