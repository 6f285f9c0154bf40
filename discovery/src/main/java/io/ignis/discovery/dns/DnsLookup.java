package io.ignis.discovery.dns;

import java.io.IOException;
import org.xbill.DNS.Message;

/** Resolves one name for one record type; the seam tests use to feed recorded answers. */
@FunctionalInterface
public interface DnsLookup {
    /**
     * @return the answer message, possibly without records (NXDOMAIN counts as an empty answer)
     * @throws IOException when no server gave a viable answer
     */
    Message lookup(String name, int type) throws IOException;
}
