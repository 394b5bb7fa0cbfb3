package dev.postern.outbox;

import dev.postern.outbox.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real store that counts the calls made to it, by method name: how a test sees which store
 * transactions the dispatcher makes. A proxy, so that it follows the {@link Store} interface as it
 * changes without being edited.
 */
final class CountingStore {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, List<List<Object>>> arguments = new ConcurrentHashMap<>();
    private final Store store;

    CountingStore(Store delegate) {
        this.store = (Store) Proxy.newProxyInstance(
                Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), n -> new AtomicLong())
                            .incrementAndGet();
                    arguments
                            .computeIfAbsent(method.getName(), n -> new CopyOnWriteArrayList<>())
                            .add(args == null ? List.of() : Arrays.asList(args));
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Store store() {
        return store;
    }

    /** How many times {@code method} was called since the last {@link #reset}. */
    long calls(String method) {
        AtomicLong count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** The arguments of each call to {@code method} since the last {@link #reset}, in call order. */
    List<List<Object>> arguments(String method) {
        return arguments.getOrDefault(method, List.of());
    }

    void reset() {
        calls.clear();
        arguments.clear();
    }
}
