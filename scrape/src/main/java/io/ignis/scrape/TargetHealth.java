package io.ignis.scrape;

/** A target's health as the targets API reports it. */
public enum TargetHealth {
    UNKNOWN("unknown"), UP("up"), DOWN("down");

    private final String text;

    TargetHealth(String text) {
        this.text = text;
    }

    /** The lowercase word used by {@code /api/v1/targets}. */
    public String text() {
        return text;
    }
}
