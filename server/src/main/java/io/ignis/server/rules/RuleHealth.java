package io.ignis.server.rules;

/** A rule's health after its last evaluation, with the names the API prints. */
public enum RuleHealth {
    UNKNOWN("unknown"), GOOD("ok"), BAD("err");

    private final String apiName;

    RuleHealth(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
