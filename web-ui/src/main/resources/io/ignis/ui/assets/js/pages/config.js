// Configuration: the loaded prometheus.yml from /api/v1/status/config, lightly highlighted, with a copy button.

import { apiGet } from "../api.js";
import { copyText } from "../clipboard.js";
import { errorBox, h, loadingBox, pageHeader, setChildren } from "../dom.js";
import { yamlLineParts } from "../status/yaml-lines.js";

function highlightLine(line) {
    return yamlLineParts(line).map((p) => (p.kind === "text" ? p.text : h("span", { class: `yaml-${p.kind}` }, p.text)));
}

export async function render(container) {
    const copy = h("button", { type: "button", disabled: true }, "Copy to clipboard");
    const note = h("span", { class: "toolbar-note", "aria-live": "polite" });
    const body = h("div", null, loadingBox("configuration"));
    container.append(pageHeader("Configuration", note, copy), body);
    let yaml;
    try {
        ({ data: { yaml } } = await apiGet("status/config"));
    } catch (err) {
        setChildren(body, errorBox("Error loading the configuration", err));
        return;
    }
    const lines = yaml.split("\n");
    const pre = h("pre", { class: "code" }, lines.map((l, i) => [highlightLine(l), i < lines.length - 1 ? "\n" : ""]));
    setChildren(body, pre);
    copy.disabled = false;
    copy.addEventListener("click", async () => {
        try {
            await copyText(yaml);
            note.className = "toolbar-note copy-ok";
            note.textContent = "Copied.";
        } catch (err) {
            note.className = "toolbar-note";
            note.textContent = `Copy failed: ${err.message}`;
        }
    });
}
