package io.ignis.server.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --web.config.file} as a live {@link WebSecurity}: like the exporter-toolkit, the file (and the certificate,
 * key and CA it names) are checked for changes on use, so new certificates and users apply without a restart. A
 * change that does not load is logged and the last good configuration stays in force. Successful bcrypt checks
 * are cached per user and password hash, since bcrypt is deliberately slow.
 */
public final class WebConfigFile implements WebSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(WebConfigFile.class);
    /** A valid hash to compare against for unknown users, so their answer takes as long as a wrong password. */
    private static final String DUMMY_HASH = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

    private final Path file;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    private record Loaded(WebConfig config, SslContext ssl, List<String> stamps) {
    }

    /** Loads the file now; throws {@link WebConfigException} if it or its certificates are unusable. */
    public WebConfigFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.loaded = load();
    }

    public WebConfig config() {
        return current().config();
    }

    @Override
    public SslContext sslContext() {
        return current().ssl();
    }

    @Override
    public boolean authorized(String authorization) {
        Map<String, String> users = current().config().basicAuthUsers();
        if (users.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String hash = users.get(user);
        boolean known = hash != null;
        String key = user + "\u0000" + (known ? hash : "") + "\u0000" + password;
        Boolean cached = verified.get(key);
        if (cached != null) {
            return cached && known;
        }
        boolean ok = BCrypt.verifyer().verify(password.toCharArray(), known ? hash : DUMMY_HASH).verified;
        if (ok && known) {
            verified.put(key, true);
        }
        return ok && known;
    }

    @Override
    public Map<String, String> headers() {
        return current().config().headers();
    }

    @Override
    public List<String> clientAllowedSans() {
        TlsServerConfig tls = current().config().tls();
        return tls == null ? List.of() : tls.clientAllowedSans();
    }

    /** The loaded configuration, reloaded first if the file or a certificate changed since. */
    private Loaded current() {
        Loaded l = loaded;
        if (!l.stamps().equals(stamps(l.config()))) {
            synchronized (this) {
                l = loaded;
                if (!l.stamps().equals(stamps(l.config()))) {
                    try {
                        l = load();
                        loaded = l;
                        verified.clear();
                        LOG.atInfo().setMessage("web config reloaded").addKeyValue("file", file).log();
                    } catch (WebConfigException e) {
                        LOG.atError().setMessage("web config reload failed, keeping the last good one")
                                .addKeyValue("file", file).addKeyValue("err", e.getMessage()).log();
                        loaded = new Loaded(l.config(), l.ssl(), stamps(l.config()));
                    }
                }
            }
        }
        return l;
    }

    private Loaded load() {
        WebConfig config = WebConfig.parse(file);
        List<String> stamps = stamps(config);
        SslContext ssl = config.tls() == null ? null : TlsContexts.build(config.tls());
        return new Loaded(config, ssl, stamps);
    }

    /** Modification time and size of the file and of every file it names: a change in any means reload. */
    private List<String> stamps(WebConfig config) {
        List<String> out = new ArrayList<>();
        out.add(stamp(file));
        if (config.tls() != null) {
            for (Path p : config.tls().watchedFiles()) {
                out.add(stamp(p));
            }
        }
        return out;
    }

    private static String stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p + "@" + a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return p + "@missing";
        }
    }
}
