package io.ignis.discovery.dns;

import io.ignis.config.DnsSdConfig;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.DiscoveryMetrics;
import io.ignis.discovery.PartialRefreshException;
import io.ignis.discovery.RefreshDiscoverer;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS SD as Prometheus's {@code discovery/dns}: each refresh looks up every name and sends one group per name
 * (source: the name as configured) whose targets carry {@code __meta_dns_name} and the record-specific labels,
 * empty where they do not apply. A name whose lookup fails keeps its last group; the refresh then counts as
 * failed and is retried with backoff.
 */
public final class DnsDiscoverer implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(DnsDiscoverer.class);

    static final String NAME_LABEL = "__meta_dns_name";
    static final String SRV_TARGET_LABEL = "__meta_dns_srv_record_target";
    static final String SRV_PORT_LABEL = "__meta_dns_srv_record_port";
    static final String MX_TARGET_LABEL = "__meta_dns_mx_record_target";
    static final String NS_TARGET_LABEL = "__meta_dns_ns_record_target";

    private final List<String> names;
    private final int type;
    private final int port;
    private final DnsLookup lookup;
    private final DiscoveryMetrics metrics;
    private final RefreshDiscoverer refresher;

    public DnsDiscoverer(DnsSdConfig config, String setName, DnsLookup lookup, DiscoveryMetrics metrics,
            Duration initialBackoff) {
        this.names = List.copyOf(config.names());
        this.type = recordType(config.type());
        this.port = config.port();
        this.lookup = lookup;
        this.metrics = metrics;
        this.refresher = new RefreshDiscoverer("dns", setName, config.refreshInterval(), initialBackoff,
                this::refresh, metrics);
    }

    static int recordType(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "SRV" -> Type.SRV;
            case "A" -> Type.A;
            case "AAAA" -> Type.AAAA;
            case "MX" -> Type.MX;
            case "NS" -> Type.NS;
            default -> throw new IllegalArgumentException("invalid DNS-SD records type " + type);
        };
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        refresher.start(sink);
    }

    @Override
    public void close() {
        refresher.close();
    }

    /** One poll of every name. */
    List<TargetGroup> refresh() throws PartialRefreshException {
        List<TargetGroup> groups = new ArrayList<>(names.size());
        IOException failure = null;
        int failed = 0;
        for (String name : names) {
            Message response;
            metrics.dnsLookup();
            try {
                response = lookup.lookup(name, type);
            } catch (IOException e) {
                metrics.dnsLookupFailure();
                LOG.error("error refreshing DNS targets name={} err=\"{}\"", name, e.getMessage());
                failure = e;
                failed++;
                continue;
            }
            groups.add(group(name, response));
        }
        if (failure != null) {
            throw new PartialRefreshException("lookup failed for " + failed + " of " + names.size() + " names",
                    groups, failure);
        }
        return groups;
    }

    private TargetGroup group(String name, Message response) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            String srvTarget = "";
            String srvPort = "";
            String mxTarget = "";
            String nsTarget = "";
            String address;
            if (r instanceof SRVRecord srv) {
                srvTarget = srv.getTarget().toString();
                srvPort = Integer.toString(srv.getPort());
                address = Addresses.joinHostPort(trimDot(srvTarget), srv.getPort());
            } else if (r instanceof MXRecord mx) {
                mxTarget = mx.getTarget().toString();
                address = Addresses.joinHostPort(trimDot(mxTarget), port);
            } else if (r instanceof NSRecord ns) {
                nsTarget = ns.getTarget().toString();
                address = Addresses.joinHostPort(trimDot(nsTarget), port);
            } else if (r instanceof ARecord a) {
                address = Addresses.joinHostPort(Addresses.ipString(a.getAddress()), port);
            } else if (r instanceof AAAARecord aaaa) {
                address = Addresses.joinHostPort(Addresses.ipString(aaaa.getAddress()), port);
            } else if (r instanceof CNAMERecord) {
                continue;
            } else {
                LOG.warn("invalid record record=\"{}\"", r);
                continue;
            }
            Map<String, String> t = new HashMap<>();
            t.put(TargetGroup.ADDRESS_LABEL, address);
            t.put(NAME_LABEL, name);
            t.put(SRV_TARGET_LABEL, srvTarget);
            t.put(SRV_PORT_LABEL, srvPort);
            t.put(MX_TARGET_LABEL, mxTarget);
            t.put(NS_TARGET_LABEL, nsTarget);
            targets.add(t);
        }
        return new TargetGroup(name, targets, Map.of());
    }

    private static String trimDot(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
