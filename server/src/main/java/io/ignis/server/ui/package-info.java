/**
 * Serves the web UI of the {@code web-ui} module from the classpath: the HTML shell for every page path (with the
 * route prefix substituted), static assets and WebJars. Entry point {@link io.ignis.server.ui.UiRoutes}; no API
 * logic lives here.
 */
package io.ignis.server.ui;
