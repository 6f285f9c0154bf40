// Where in the expression a PromQL parse error points: Prometheus writes "LINE:COL: parse error: ..." with a
// 1-based line and a 1-based column counted in UTF-8 bytes. Pure function, unit-tested under src/test/js.

const POSITION_RE = /(?:^|[\s"(])(\d+):(\d+): parse error/;

/** Returns the string index in expr that message points at, or null when the message carries no position. */
export function parseErrorOffset(message, expr) {
    const m = POSITION_RE.exec(message || "");
    if (m === null) {
        return null;
    }
    const line = parseInt(m[1], 10);
    const col = parseInt(m[2], 10);
    let i = 0;
    for (let l = 1; l < line; l++) {
        const nl = expr.indexOf("\n", i);
        if (nl < 0) {
            return null;
        }
        i = nl + 1;
    }
    // Walk col - 1 UTF-8 bytes forward from the line start.
    let bytes = col - 1;
    while (bytes > 0 && i < expr.length) {
        const cp = expr.codePointAt(i);
        bytes -= cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        i += cp >= 0x10000 ? 2 : 1;
    }
    return Math.min(i, expr.length);
}
