package io.ignis.scrape.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loop group shared by every scrape client of a server: a few threads multiplex all targets'
 * connections, so a slow or hanging target holds a socket, never a thread.
 */
public final class ClientEventLoop implements AutoCloseable {
    private final EventLoopGroup group;

    /** @param threads event loop threads; 0 lets Netty choose (twice the cores) */
    public ClientEventLoop(int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
