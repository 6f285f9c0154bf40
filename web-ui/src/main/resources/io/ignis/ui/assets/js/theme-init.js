// Sets the theme before the first paint (a classic script in <head>); theme.js owns the toggle.
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
})();
