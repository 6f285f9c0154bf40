// Runs before the first paint (a classic script in <head>): sets the theme so a dark page never flashes light
// (theme.js owns the toggle), and reports a UI whose modules did not load instead of leaving a blank page.
(function () {
    var pref = null;
    try {
        pref = window.localStorage.getItem("ignis.theme");
    } catch (e) {
        pref = null;
    }
    var dark = pref === "dark"
        || (pref !== "light" && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");

    // Module scripts run before "load"; if main.js never ran (404, wrong MIME type), say so.
    window.addEventListener("load", function () {
        if (document.documentElement.getAttribute("data-booted") === "1") {
            return;
        }
        var page = document.getElementById("page");
        var box = document.createElement("div");
        box.className = "alert alert-error";
        box.textContent = "The UI's scripts did not load. The server must serve assets/js/*.js as text/javascript "
            + "under the route prefix (see the browser console for the failing URL).";
        if (page) {
            page.appendChild(box);
        }
    });
})();
