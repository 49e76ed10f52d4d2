package com.smartlinkauto.storagenode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A misbehaving "node" for pipeline tests: it accepts connections and then either never reads
 * ({@code STALL}: the sender's writes block once the socket buffers are full) or reads everything
 * and never answers ({@code MUTE}).
 */
public final class BlackHole implements AutoCloseable {

    public enum Mode {
        STALL, MUTE
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public BlackHole(Mode mode) {
        try {
            server = new ServerSocket();
            server.setReceiveBufferSize(4096); // inherited by accepted sockets: little room before writes block
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    if (mode == Mode.MUTE) {
                        Thread reader = new Thread(() -> drain(socket), "black-hole-reader");
                        reader.setDaemon(true);
                        reader.start();
                    }
                }
                catch (IOException ex) {
                    return;
                }
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void drain(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        catch (IOException ex) {
            // closed
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        catch (IOException ex) {
            // test cleanup
        }
    }
}
