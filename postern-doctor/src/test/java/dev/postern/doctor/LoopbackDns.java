package dev.postern.doctor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS server on loopback UDP for tests: it answers from zone-file text, like an authoritative
 * server that does not chase CNAMEs (the doctor follows them itself), and knows the root's name
 * servers, as every resolver that sees the internet's DNS does. It can be told to drop the queries
 * for a name (the client times out) or to answer SERVFAIL for it, and to behave like the resolver
 * of a sandboxed network: NXDOMAIN for every name, or no answer at all.
 */
final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> dropped = ConcurrentHashMap.newKeySet();
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile boolean blind;
    private volatile boolean silent;
    private final Thread thread;

    private static final List<Record> ROOT =
            List.of(new NSRecord(Name.root, DClass.IN, 518400, name("a.root-servers.net.")));

    private LoopbackDns() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon().name("loopback-dns").start(this::serve);
    }

    static LoopbackDns start() {
        try {
            return new LoopbackDns();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the records in {@code zoneText} (zone-file syntax, absolute names), replacing what was served. */
    LoopbackDns serve(String zoneText) {
        records.clear();
        try (Master master =
                new Master(new ByteArrayInputStream(zoneText.getBytes(StandardCharsets.UTF_8)), Name.root, 3600)) {
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                records.computeIfAbsent(record.getName(), n -> new ArrayList<>())
                        .add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Never answers queries for {@code name}, so the client's timeout expires. */
    LoopbackDns drop(String name) {
        dropped.add(name(name));
        return this;
    }

    /** Answers SERVFAIL to queries for {@code name}. */
    LoopbackDns servfail(String name) {
        failing.add(name(name));
        return this;
    }

    /** Answers NXDOMAIN to every query, the root's name servers too, like a sandboxed network's resolver. */
    LoopbackDns blind() {
        blind = true;
        return this;
    }

    /** Never answers any query. */
    LoopbackDns silent() {
        silent = true;
        return this;
    }

    /** How many queries arrived. */
    int queries() {
        return queries.get();
    }

    /** {@code HOST:PORT}, as the doctor's resolver option takes it. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answer(query);
                if (response != null) {
                    byte[] wire = response.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Name name = question.getName();
        queries.incrementAndGet();
        if (silent || dropped.contains(name)) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> atName = blind ? null : records.getOrDefault(name, name.equals(Name.root) ? ROOT : null);
        if (atName == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        List<Record> matching =
                atName.stream().filter(r -> r.getType() == question.getType()).toList();
        List<Record> cnames =
                atName.stream().filter(r -> r.getType() == Type.CNAME).toList();
        (matching.isEmpty() ? cnames : matching).forEach(r -> response.addRecord(r, Section.ANSWER));
        return response;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
