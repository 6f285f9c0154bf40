package io.ignis.server.ui;

import java.nio.file.Path;

/** The end-to-end scenarios in Debian's headless Chromium, through chromedriver. */
class UiChromiumEndToEndTest extends UiEndToEndScenarios {
    @Override
    void requireInstalled() {
        HeadlessChromium.requireInstalled();
    }

    @Override
    Browser startBrowser(Path profile) {
        return HeadlessChromium.start(profile);
    }
}
