package io.ignis.server.rules.template;

/** Go's {@code net.SplitHostPort}-based helpers behind {@code stripPort} and {@code stripDomain}. */
final class HostPort {
    private HostPort() {
    }

    /** {host, port}, or null where Go's {@code SplitHostPort} returns an error. */
    static String[] split(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) {
            return null;
        }
        String host;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0 || end + 1 != i) {
                return null;
            }
            host = hostPort.substring(1, end);
        } else {
            host = hostPort.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        return new String[] {host, hostPort.substring(i + 1)};
    }

    static String stripPort(String hostPort) {
        String[] hp = split(hostPort);
        return hp == null ? hostPort : hp[0];
    }

    static String stripDomain(String hostPort) {
        String[] hp = split(hostPort);
        String host = hp == null ? hostPort : hp[0];
        String port = hp == null ? "" : hp[1];
        if (isIp(host)) {
            return hostPort;
        }
        host = host.split("\\.", -1)[0];
        if (!port.isEmpty()) {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        return host;
    }

    static boolean isIp(String s) {
        if (s.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return true;
        }
        if (s.indexOf(':') < 0 || !s.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address
                    || s.indexOf('.') >= 0;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
