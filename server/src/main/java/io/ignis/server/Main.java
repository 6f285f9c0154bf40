package io.ignis.server;

/** Entry point of the {@code ignis} binary. Placeholder until the foundation lands (#2). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("ignis");
    }
}
