package io.ignis.scrape.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loop group shared by every scrape client of a server: a few threads multiplex all targets'
 * connections, so a slow or hanging target holds a socket, never a thread. Native epoll where Netty has it (Linux),
 * as the HTTP server: fewer system calls per scrape than the JDK selector, and timers to the microsecond, which
 * the scrape loops' ticks use (#5 profiles); the JDK's NIO elsewhere.
 */
public final class ClientEventLoop implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    /** @param threads event loop threads; 0 lets Netty choose (twice the cores) */
    public ClientEventLoop(int threads) {
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
