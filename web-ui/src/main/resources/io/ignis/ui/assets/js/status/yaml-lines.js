// Splits a YAML line into parts for light highlighting: comments, mapping keys, the rest.
// Pure function, unit-tested under src/test/js.

const KEY_RE = /^(\s*(?:- )?)([^\s#:'"][^:#]*?|'[^']*'|"[^"]*")(:)(?=\s|$)/;

/** Returns [{text, kind}] covering line, kind one of "comment", "key", "text". */
export function yamlLineParts(line) {
    if (/^\s*#/.test(line)) {
        return [{ text: line, kind: "comment" }];
    }
    const m = KEY_RE.exec(line);
    if (m === null) {
        return [{ text: line, kind: "text" }];
    }
    const parts = [];
    if (m[1]) {
        parts.push({ text: m[1], kind: "text" });
    }
    parts.push({ text: m[2], kind: "key" });
    parts.push({ text: m[3] + line.slice(m[0].length), kind: "text" });
    return parts;
}
