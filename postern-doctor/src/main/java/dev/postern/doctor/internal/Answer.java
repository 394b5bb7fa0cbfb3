package dev.postern.doctor.internal;

import java.util.List;

/** What the resolver said about one name and type. */
public sealed interface Answer {

    /**
     * Records of the asked type, after following CNAMEs.
     *
     * @param owner the name that holds the records (the end of the CNAME chain)
     * @param values the records' data as text: a TXT record's strings joined, an MX record as
     *     {@code preference host}, a CNAME or address as its text form
     */
    record Found(String owner, List<String> values) implements Answer {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** NXDOMAIN or NODATA: a real answer saying there is no such record. */
    record Missing(String why) implements Answer {}

    /** The resolver did not answer (timeout, SERVFAIL, REFUSED, network error). Never a pass. */
    record Failed(String why) implements Answer {}
}
