package io.ignis.server.rules;

/** An alert's state, with the names of the {@code alertstate} label and the API. */
public enum AlertState {
    INACTIVE("inactive"), PENDING("pending"), FIRING("firing");

    private final String apiName;

    AlertState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
