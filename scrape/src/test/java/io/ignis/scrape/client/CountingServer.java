package io.ignis.scrape.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP/1.1 server on 127.0.0.1 written on plain sockets, so tests see every TCP connection: it counts accepted
 * and still open connections and lets a script decide, per request, whether to answer, close, or hang.
 */
public final class CountingServer implements AutoCloseable {
    /** What the server does with one request. */
    public enum Action {
        /** Answers and keeps the connection open. */
        RESPOND,
        /** Answers gzipped and chunked, keeping the connection open. */
        RESPOND_GZIP_CHUNKED,
        /** Answers with {@code Connection: close} and closes. */
        RESPOND_CONNECTION_CLOSE,
        /** Answers as if keeping the connection, then closes it (an idle timeout of zero). */
        RESPOND_THEN_CLOSE,
        /** Answers 302 to {@code /metrics}, with a body, and keeps the connection open. */
        REDIRECT,
        /** Answers 500 and keeps the connection open. */
        RESPOND_500,
        /** Reads the request and closes without a byte of answer. */
        CLOSE,
        /** Reads the request and never answers. */
        HANG
    }

    /** Decides the action for the n-th request (from 1) on a connection and the n-th overall. */
    public interface Script {
        Action on(int requestOnConnection, int requestTotal);
    }

    private final ServerSocket server;
    private final byte[] body;
    private final Script script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The request heads received, in order. */
    public final List<String> heads = new CopyOnWriteArrayList<>();

    public CountingServer(String body, Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.script = script;
        Thread t = new Thread(this::acceptLoop, "counting-server");
        t.setDaemon(true);
        t.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** TCP connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections neither side has closed yet, as the server sees them. */
    public int open() {
        return open.get();
    }

    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "counting-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int n = 1; ; n++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                Action a = script.on(n, requests.incrementAndGet());
                switch (a) {
                    case RESPOND -> write(out, "200 OK", "", body);
                    case RESPOND_GZIP_CHUNKED -> writeGzipChunked(out);
                    case RESPOND_CONNECTION_CLOSE -> {
                        write(out, "200 OK", "Connection: close\r\n", body);
                        return;
                    }
                    case RESPOND_THEN_CLOSE -> {
                        write(out, "200 OK", "", body);
                        return;
                    }
                    case REDIRECT -> write(out, "302 Found", "Location: /metrics\r\n", "moved\n".getBytes());
                    case RESPOND_500 -> write(out, "500 Internal Server Error", "", "oops\n".getBytes());
                    case CLOSE -> {
                        return;
                    }
                    case HANG -> {
                        // Wait for the client to give up: its close ends the read.
                        while (in.read() >= 0) {
                            // discard
                        }
                        return;
                    }
                    default -> throw new IllegalStateException(a.name());
                }
            }
        } catch (IOException e) {
            // The client went away.
        } finally {
            open.decrementAndGet();
        }
    }

    /** The request line and headers up to the blank line, or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String status, String extra, byte[] content) throws IOException {
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: "
                + content.length + "\r\n" + extra + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
    }

    private void writeGzipChunked(OutputStream out) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(body);
        }
        byte[] gz = z.toByteArray();
        int half = gz.length / 2;
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Encoding: gzip\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        writeChunk(out, gz, 0, half);
        writeChunk(out, gz, half, gz.length - half);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void writeChunk(OutputStream out, byte[] b, int off, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
