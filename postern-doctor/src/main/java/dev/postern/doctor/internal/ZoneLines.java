package dev.postern.doctor.internal;

import java.util.ArrayList;
import java.util.List;

/** Writes records in zone-file syntax ({@code name. TTL IN TYPE data}), as the fix lines show them. */
final class ZoneLines {
    static final int TTL = 3600;
    private static final int MAX_STRING = 255;

    private ZoneLines() {}

    /** A TXT record; values longer than 255 characters are split into several strings, as DNS requires. */
    static String txt(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += MAX_STRING) {
            strings.add('"' + value.substring(start, Math.min(value.length(), start + MAX_STRING)) + '"');
        }
        return record(name, "TXT", String.join(" ", strings));
    }

    static String mx(String name, int preference, String host) {
        return record(name, "MX", preference + " " + host + ".");
    }

    static String cname(String name, String target) {
        return record(name, "CNAME", target + ".");
    }

    static String a(String name, String address) {
        return record(name, "A", address);
    }

    static String comment(String text) {
        return "; " + text;
    }

    private static String record(String name, String type, String data) {
        return name + ". " + TTL + " IN " + type + " " + data;
    }
}
