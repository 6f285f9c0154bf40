package io.ignis.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/** A request's {@link Cancellation}: fires when its connection's close future completes. */
final class ChannelCancellation implements Cancellation {
    private final Channel channel;

    ChannelCancellation(Channel channel) {
        this.channel = channel;
    }

    @Override
    public boolean isCanceled() {
        return !channel.isOpen();
    }

    @Override
    public Registration onCancel(Runnable action) {
        ChannelFuture closed = channel.closeFuture();
        GenericFutureListener<Future<? super Void>> listener = f -> action.run();
        // Netty runs a listener added to a completed future at once, so a client already gone is seen too.
        closed.addListener(listener);
        return () -> closed.removeListener(listener);
    }
}
