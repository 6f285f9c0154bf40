package io.ignis.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * {@code client_allowed_sans}: after the handshake, closes the connection unless the client certificate has a
 * subject alternative name (DNS, IP, e-mail or URI) exactly equal to one of the allowed ones.
 */
final class PeerSanCheck extends ChannelInboundHandlerAdapter {
    private final List<String> allowed;

    PeerSanCheck(List<String> allowed) {
        this.allowed = allowed;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (!allowedPeer(ssl)) {
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }

    private boolean allowedPeer(SslHandler ssl) {
        Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return false;
        }
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            for (List<?> san : sans) {
                // Entry 1 is the name as a String for the DNS (2), e-mail (1), URI (6) and IP (7) kinds.
                if (san.size() > 1 && san.get(1) instanceof String name && allowed.contains(name)) {
                    return true;
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return false;
    }
}
