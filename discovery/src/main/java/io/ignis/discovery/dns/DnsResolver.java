package io.ignis.discovery.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Prometheus's DNS lookup: for each candidate name of the search list, ask each server in turn until one answers
 * NOERROR or NXDOMAIN; the first NOERROR answer wins. No cache, as Prometheus asks the servers every refresh. A
 * truncated UDP answer is retried over TCP by dnsjava.
 */
public final class DnsResolver implements DnsLookup {
    private static final Logger LOG = LoggerFactory.getLogger(DnsResolver.class);
    /** miekg/dns's {@code DefaultMsgSize}, which Prometheus advertises with EDNS0. */
    private static final int EDNS_PAYLOAD_SIZE = 4096;

    private final Settings settings;

    /**
     * Where and how to ask. {@link #fromSystem()} reads resolv.conf; tests point at a local server.
     *
     * @param servers name servers, tried in order
     * @param search search domains, absolute or not
     * @param ndots names with more dots than this are tried as given first
     */
    public record Settings(List<InetSocketAddress> servers, List<String> search, int ndots, Duration timeout) {
        /** Go's dns client timeout. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

        public Settings {
            servers = List.copyOf(servers);
            search = List.copyOf(search);
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The system configuration (resolv.conf on Linux), re-read on every call as Prometheus does. */
        public static Settings fromSystem() {
            ResolverConfig.refresh();
            ResolverConfig c = ResolverConfig.getCurrentConfig();
            List<String> search = new ArrayList<>();
            for (Name n : c.searchPath()) {
                search.add(n.toString());
            }
            return new Settings(c.servers(), search, c.ndots(), DEFAULT_TIMEOUT);
        }

        /** One server on loopback or elsewhere, no search domains: for tests and explicit overrides. */
        public static Settings of(InetSocketAddress server) {
            return new Settings(List.of(server), List.of(), 1, DEFAULT_TIMEOUT);
        }
    }

    /** @param settings fixed settings, or null to read the system configuration on every lookup */
    public DnsResolver(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Message lookup(String name, int type) throws IOException {
        Settings s = settings != null ? settings : Settings.fromSystem();
        boolean allValid = true;
        for (String candidate : nameList(name, s.search(), s.ndots())) {
            Message response;
            try {
                response = lookupFromAnyServer(candidate, type, s);
            } catch (IOException e) {
                allValid = false;
                continue;
            }
            if (response.getRcode() == Rcode.NOERROR) {
                return response;
            }
        }
        if (allValid) {
            return new Message();
        }
        throw new IOException("could not resolve \"" + name
                + "\": all servers responded with errors to at least one search domain");
    }

    /** miekg/dns's {@code ClientConfig.NameList}: the absolute names to try for {@code name}, in order. */
    static List<String> nameList(String name, List<String> search, int ndots) {
        if (name.endsWith(".")) {
            return List.of(name);
        }
        boolean hasNdots = countLabels(name) > ndots;
        String fqdn = name + ".";
        List<String> names = new ArrayList<>();
        if (hasNdots) {
            names.add(fqdn);
        }
        for (String s : search) {
            String joined = fqdn + s;
            names.add(joined.endsWith(".") ? joined : joined + ".");
        }
        if (!hasNdots) {
            names.add(fqdn);
        }
        return names;
    }

    private static int countLabels(String name) {
        int labels = 0;
        for (String part : name.split("\\.")) {
            if (!part.isEmpty()) {
                labels++;
            }
        }
        return labels;
    }

    private static Message lookupFromAnyServer(String name, int type, Settings s) throws IOException {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        } catch (TextParseException e) {
            throw new IOException("invalid name \"" + name + "\": " + e.getMessage(), e);
        }
        for (InetSocketAddress server : s.servers()) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(s.timeout());
            resolver.setEDNS(0, EDNS_PAYLOAD_SIZE, 0, List.of());
            try {
                Message msg = resolver.send(query);
                int rcode = msg.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    return msg;
                }
            } catch (IOException e) {
                LOG.warn("DNS resolution failed server={} name={} type={} err=\"{}\"", server, name,
                        Type.string(type), e.getMessage());
            }
        }
        throw new IOException("could not resolve " + name + ": no servers returned a viable answer");
    }
}
