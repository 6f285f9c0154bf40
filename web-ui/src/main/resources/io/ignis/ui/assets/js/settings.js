// User settings kept in localStorage. Today one: show and enter times in the browser's time zone instead of UTC
// (URLs always carry UTC, as Prometheus's do).

const LOCAL_TIME_KEY = "ignis.localTime";

/** Whether times are shown and typed in local time. */
export function useLocalTime() {
    try {
        return localStorage.getItem(LOCAL_TIME_KEY) === "1";
    } catch {
        return false;
    }
}

export function setUseLocalTime(on) {
    try {
        localStorage.setItem(LOCAL_TIME_KEY, on ? "1" : "0");
    } catch {
        // Without storage the setting lasts until the next page load.
    }
}

/** "UTC" or "local", to label times. */
export function timeZoneLabel() {
    return useLocalTime() ? "local" : "UTC";
}
