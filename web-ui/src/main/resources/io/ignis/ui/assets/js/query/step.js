// The step of a range query: automatic from the range and a density, or fixed by the user.
// Pure functions, unit-tested under src/test/js.

/** Points per graph for each automatic density; "medium" is the old UI's range/250. */
export const DENSITY_FACTORS = Object.freeze({ low: 100, medium: 250, high: 750 });

/**
 * Returns the step in milliseconds for a range (ms) and a resolution
 * ({type: "auto", density} or {type: "fixed"|"custom", step: ms}): auto is range/factor rounded down to
 * whole seconds, at least one second.
 */
export function effectiveStep(resolution, rangeMs) {
    if (resolution && (resolution.type === "fixed" || resolution.type === "custom")
        && Number.isFinite(resolution.step) && resolution.step > 0) {
        return resolution.step;
    }
    const density = resolution && DENSITY_FACTORS[resolution.density] ? resolution.density : "medium";
    return Math.max(Math.floor(rangeMs / DENSITY_FACTORS[density] / 1000) * 1000, 1000);
}

/** The query_range parameters (in seconds, as the API takes them) for a graph ending at endMs. */
export function rangeQueryParams(endMs, rangeMs, stepMs) {
    return { start: (endMs - rangeMs) / 1000, end: endMs / 1000, step: stepMs / 1000 };
}

/** The preset ranges offered by the range stepper buttons, in milliseconds, shortest first. */
export const RANGE_STEPS = Object.freeze([
    1, 10, 60, 5 * 60, 15 * 60, 30 * 60, 3600, 2 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400,
    7 * 86400, 14 * 86400, 28 * 86400, 56 * 86400, 112 * 86400, 182 * 86400, 365 * 86400, 730 * 86400,
].map((s) => s * 1000));

/** The next longer (direction 1) or shorter (direction -1) preset range. */
export function stepRange(rangeMs, direction) {
    if (direction > 0) {
        for (const r of RANGE_STEPS) {
            if (r > rangeMs) {
                return r;
            }
        }
        return RANGE_STEPS[RANGE_STEPS.length - 1];
    }
    for (let i = RANGE_STEPS.length - 1; i >= 0; i--) {
        if (RANGE_STEPS[i] < rangeMs) {
            return RANGE_STEPS[i];
        }
    }
    return RANGE_STEPS[0];
}
