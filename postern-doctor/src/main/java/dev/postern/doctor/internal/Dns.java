package dev.postern.doctor.internal;

import dev.postern.error.PosternException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks one resolver, once per name and type (answers are remembered for the run), and follows
 * CNAMEs itself so that an authoritative server that answers only the CNAME works too. No
 * retries: a query that does not come back within the timeout is a {@link Answer.Failed}, whose
 * reason says in words what happened (never an exception's name).
 */
public final class Dns {
    private static final int MAX_CNAME_HOPS = 8;

    private final SimpleResolver resolver;
    private final Duration timeout;
    private final String resolverName;
    private final Map<String, Answer> answers = new HashMap<>();

    private Dns(SimpleResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        resolver.setTimeout(timeout);
        InetSocketAddress address = resolver.getAddress();
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        this.resolverName = "the DNS resolver " + (address.getPort() == 53 ? host : host + ":" + address.getPort());
    }

    /** A client of the resolver at {@code address}, or of the system's resolver when it is null. */
    public static Dns of(InetSocketAddress address, Duration timeout) {
        try {
            if (address == null) {
                return new Dns(new SimpleResolver(), timeout);
            }
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            if (resolved.isUnresolved()) {
                throw new PosternException("resolver host '" + address.getHostString() + "' does not resolve");
            }
            return new Dns(new SimpleResolver(resolved), timeout);
        } catch (IOException e) {
            throw new PosternException("no system resolver found: " + e.getMessage(), e);
        }
    }

    /**
     * Why this resolver cannot judge any domain, in words, or empty when it can. It is asked for the
     * root's name servers, which exist by definition: a resolver that says they do not exist (as those
     * of sandboxed and captive networks do for every name) would make every domain look empty, and
     * one that does not answer would make each check wait for its timeout. An answer other than
     * NXDOMAIN (REFUSED from an authoritative-only server, say) lets the checks go on.
     */
    public Optional<String> cannotSee() {
        Message response;
        try {
            response = send(".", Type.NS);
        } catch (CouldNotAsk e) {
            return Optional.of(e.getMessage());
        }
        if (response.getRcode() == Rcode.NXDOMAIN) {
            return Optional.of(resolverName + " says no name exists, not even the DNS root:"
                    + " it cannot see the internet's DNS (a sandboxed or captive network?);"
                    + " run postern doctor dns where production resolves names, or pass --resolver");
        }
        return Optional.empty();
    }

    public Answer txt(String name) {
        return query(name, Type.TXT);
    }

    public Answer mx(String name) {
        return query(name, Type.MX);
    }

    /** A and, when there is no A record, AAAA. */
    public Answer address(String name) {
        Answer a = query(name, Type.A);
        return a instanceof Answer.Missing ? query(name, Type.AAAA) : a;
    }

    public Answer query(String name, int type) {
        return answers.computeIfAbsent(name + "/" + Type.string(type), key -> resolve(name, type));
    }

    private Answer resolve(String name, int type) {
        String current = name;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Message response;
            try {
                response = send(current, type);
            } catch (CouldNotAsk e) {
                return new Answer.Failed(
                        "could not check: " + current + " " + Type.string(type) + ": " + e.getMessage());
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer.Missing("NXDOMAIN");
            }
            if (rcode != Rcode.NOERROR) {
                return new Answer.Failed(
                        "could not check: " + current + " " + Type.string(type) + " answered " + Rcode.string(rcode));
            }
            Chase chase = chase(response, current, type);
            if (!chase.values.isEmpty()) {
                return new Answer.Found(chase.owner, chase.values);
            }
            if (chase.owner.equals(current)) {
                return new Answer.Missing("no " + Type.string(type) + " record");
            }
            current = chase.owner; // the CNAME's target was not in the answer: ask for it
        }
        return new Answer.Failed(
                "could not check: " + name + " " + Type.string(type) + " CNAME chain longer than " + MAX_CNAME_HOPS);
    }

    private record Chase(String owner, List<String> values) {}

    /** Follows the CNAMEs in the answer section from {@code name}; returns where it ended and what it found. */
    private static Chase chase(Message response, String name, int type) {
        List<Record> records = response.getSection(Section.ANSWER);
        String owner = name;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            List<String> values = new ArrayList<>();
            String next = null;
            for (Record record : records) {
                if (!text(record.getName()).equals(owner)) {
                    continue;
                }
                if (record.getType() == type) {
                    values.add(value(record));
                } else if (record instanceof CNAMERecord cname) {
                    next = text(cname.getTarget());
                }
            }
            if (!values.isEmpty() || next == null) {
                return new Chase(owner, values);
            }
            owner = next;
        }
        return new Chase(owner, List.of());
    }

    private Message send(String name, int type) throws CouldNotAsk {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (TextParseException e) {
            throw new CouldNotAsk("not a valid name (" + e.getMessage() + ")");
        }
        query.getHeader().setFlag(Flags.RD);
        try {
            // dnsjava checks its own timeouts only about once a second, so the deadline is kept here.
            return resolver.sendAsync(query).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CouldNotAsk(timedOut());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timedOut = cause instanceof SocketTimeoutException
                    || cause instanceof TimeoutException
                    || (cause != null
                            && String.valueOf(cause.getMessage()).toLowerCase().contains("timed out"));
            throw new CouldNotAsk(timedOut ? timedOut() : failed(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CouldNotAsk("interrupted");
        }
    }

    private String timedOut() {
        long millis = timeout.toMillis();
        return resolverName + " did not answer within " + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }

    /** What went wrong, in words: people read this, so never an exception's class name. */
    private String failed(Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            return "nothing answers DNS at " + resolverName.substring("the DNS resolver ".length())
                    + " (the port is closed)";
        }
        if (cause instanceof NoRouteToHostException) {
            return "there is no network route to " + resolverName;
        }
        if (cause instanceof WireParseException) {
            return resolverName + " sent an answer that is not DNS";
        }
        String message = cause == null ? null : cause.getMessage();
        return "could not reach " + resolverName + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String value(Record record) {
        if (record instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        if (record instanceof MXRecord mx) {
            return mx.getPriority() + " " + text(mx.getTarget());
        }
        return record.rdataToString();
    }

    /** A name as the doctor writes it: lower case, without the trailing dot. */
    static String text(Name name) {
        String text = name.toString(true).toLowerCase(java.util.Locale.ROOT);
        return text.isEmpty() ? "." : text;
    }

    private static final class CouldNotAsk extends Exception {
        private static final long serialVersionUID = 1L;

        CouldNotAsk(String message) {
            super(message, null, false, false);
        }
    }
}
