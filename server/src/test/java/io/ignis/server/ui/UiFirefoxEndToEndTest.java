package io.ignis.server.ui;

import java.io.IOException;
import java.nio.file.Path;

/** The end-to-end scenarios in Debian's headless Firefox ESR, through its built-in WebDriver BiDi server. */
class UiFirefoxEndToEndTest extends UiEndToEndScenarios {
    @Override
    void requireInstalled() {
        HeadlessFirefox.requireInstalled();
    }

    @Override
    Browser startBrowser(Path profile) throws IOException {
        return HeadlessFirefox.start(profile);
    }
}
