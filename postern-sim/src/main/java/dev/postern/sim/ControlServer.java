package dev.postern.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;

/** The HTTP control API of a {@link dev.postern.sim.SimulatorHost}; see there for its routes. */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fault texts are short; anything longer is a mistake. */
    private static final int MAX_FAULT_BYTES = 4096;

    private final Map<String, Simulator> simulators;
    private final HttpServer server;

    public ControlServer(Map<String, Simulator> simulators, int port) {
        this.simulators = simulators;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator control API cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/_sim", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/_sim");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // "", "_sim", name, action
            String method = exchange.getRequestMethod();
            if (parts.length == 2 && method.equals("GET")) {
                reply(exchange, 200, list());
                return;
            }
            if (parts.length != 4) {
                reply(exchange, 404, error("use /_sim, /_sim/{name}/fault or /_sim/{name}/messages"));
                return;
            }
            Simulator simulator = simulators.get(parts[2]);
            if (simulator == null) {
                reply(exchange, 404, error("no simulator named '" + parts[2] + "'"));
                return;
            }
            if (EventControl.ACTIONS.contains(parts[3])) {
                EventControl.handle(exchange, simulator, parts[3], method);
                return;
            }
            switch (parts[3] + " " + method) {
                case "fault GET" ->
                    reply(
                            exchange,
                            200,
                            JSON.createObjectNode()
                                    .put("fault", simulator.fault().toString()));
                case "fault PUT", "fault POST" -> setFault(exchange, simulator);
                case "messages GET" -> reply(exchange, 200, messages(simulator));
                case "suppressions GET", "suppressions POST", "suppressions PUT", "suppressions DELETE" ->
                    SuppressionControl.handle(exchange, simulator);
                case "messages DELETE" -> {
                    simulator.clear();
                    reply(exchange, 204, null);
                }
                default -> reply(exchange, 405, error(method + " is not allowed on " + parts[3]));
            }
        }
    }

    private void setFault(HttpExchange exchange, Simulator simulator) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FAULT_BYTES + 1);
        if (body.length > MAX_FAULT_BYTES) {
            reply(exchange, 413, error("a fault is at most " + MAX_FAULT_BYTES + " bytes"));
            return;
        }
        try {
            Fault fault = Fault.parse(new String(body, StandardCharsets.UTF_8));
            simulator.fault(fault);
            reply(exchange, 200, JSON.createObjectNode().put("fault", fault.toString()));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, error(e.getMessage()));
        }
    }

    private ObjectNode list() {
        ObjectNode all = JSON.createObjectNode();
        simulators.forEach((name, sim) -> all.putObject(name)
                .put("type", sim.type())
                .put("base_url", sim.baseUrl().toString())
                .put("fault", sim.fault().toString()));
        return all;
    }

    private static ArrayNode messages(Simulator simulator) {
        ArrayNode list = JSON.createArrayNode();
        for (ReceivedMessage m : simulator.received()) {
            ObjectNode node = JSON.valueToTree(m);
            ArrayNode attachments = node.putArray("attachments");
            m.attachments()
                    .forEach(a -> attachments
                            .addObject()
                            .put("filename", a.filename())
                            .put("content_type", a.contentType())
                            .put("content_base64", Base64.getEncoder().encodeToString(a.content())));
            list.add(node);
        }
        return list;
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
