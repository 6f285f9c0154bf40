package io.ignis.server;

/** A {@code host:port} from {@code --web.listen-address}; an empty host means every interface. */
record ListenAddress(String host, int port) {

    static ListenAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw FlagException.invalidValue("web.listen-address", address, "missing port in address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw FlagException.invalidValue("web.listen-address", address, "invalid port");
        }
        if (port < 0 || port > 65535) {
            throw FlagException.invalidValue("web.listen-address", address, "invalid port");
        }
        return new ListenAddress(host, port);
    }

    /** The host to bind: every interface when none was given, as Go's listener does. */
    String bindHost() {
        return host.isEmpty() ? "0.0.0.0" : host;
    }
}
