package dev.postern.email;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An email to send: an immutable, validated value. Constructing one (directly or through {@link
 * #builder()}) checks every field and throws {@link InvalidEmailException} listing all problems,
 * each under its HTTP API field name. A constructed {@code Email} therefore has a sender, 1 to
 * {@value EmailLimits#MAX_RECIPIENTS} distinct recipients, a subject and header values without CR
 * or LF, a text or html body, no reserved headers, and an estimated size within {@link
 * EmailLimits#MAX_SIZE_BYTES}. Lists and maps are unmodifiable copies; header and metadata maps keep
 * insertion order. {@code null} collections are taken as empty and {@code null} tracking as {@link
 * Tracking#OFF}.
 *
 * @param from the sender; required
 * @param to primary recipients
 * @param cc copied recipients
 * @param bcc blind-copied recipients
 * @param replyTo where replies should go; may be empty
 * @param subject required, may be empty; one line, at most 998 characters
 * @param text the plain-text body, or {@code null}
 * @param html the HTML body, or {@code null}; at least one of text and html is non-empty
 * @param headers extra headers, e.g. {@code List-Unsubscribe}; none that has its own field
 * @param attachments files and inline parts
 * @param tags provider tags/categories for reporting
 * @param metadata key/values passed to the provider and returned in its events
 * @param tracking open and click tracking
 */
public record Email(
        Address from,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        List<Address> replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        List<Attachment> attachments,
        List<String> tags,
        Map<String, String> metadata,
        Tracking tracking) {

    public Email(
            Address from,
            List<Address> to,
            List<Address> cc,
            List<Address> bcc,
            List<Address> replyTo,
            String subject,
            String text,
            String html,
            Map<String, String> headers,
            List<Attachment> attachments,
            List<String> tags,
            Map<String, String> metadata,
            Tracking tracking) {
        this.from = from;
        this.to = copy(to);
        this.cc = copy(cc);
        this.bcc = copy(bcc);
        this.replyTo = copy(replyTo);
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.headers = copy(headers);
        this.attachments = copy(attachments);
        this.tags = copy(tags);
        this.metadata = copy(metadata);
        this.tracking = tracking == null ? Tracking.OFF : tracking;
        Problems problems = new Problems();
        EmailRules.check(this, problems);
        problems.throwIfAny();
    }

    /** A builder for a new email. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this email's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** to, cc and bcc, in that order. */
    public List<Address> allRecipients() {
        return Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }

    /**
     * This email addressed only to those of its recipients that {@code keep} accepts, each in its
     * own field, or empty when it accepts none. Everything else, headers included, is unchanged:
     * what a later round sends to the recipients an earlier one did not reach.
     */
    public Optional<Email> onlyTo(Predicate<Address> keep) {
        List<Address> keptTo = to.stream().filter(keep).toList();
        List<Address> keptCc = cc.stream().filter(keep).toList();
        List<Address> keptBcc = bcc.stream().filter(keep).toList();
        if (keptTo.isEmpty() && keptCc.isEmpty() && keptBcc.isEmpty()) {
            return Optional.empty();
        }
        if (keptTo.size() == to.size() && keptCc.size() == cc.size() && keptBcc.size() == bcc.size()) {
            return Optional.of(this); // every recipient kept: the same value, not validated again
        }
        return Optional.of(new Email(
                from,
                keptTo,
                keptCc,
                keptBcc,
                replyTo,
                subject,
                text,
                html,
                headers,
                attachments,
                tags,
                metadata,
                tracking));
    }

    /** The estimated encoded size in bytes, including base64 growth of attachments. */
    public long sizeBytes() {
        return SizeEstimate.of(this);
    }

    /**
     * Builds an {@link Email} fluently. Address strings and attachment parts are parsed at {@link
     * #build()}, so one {@link InvalidEmailException} reports every problem with its indexed field.
     * Setting a header or metadata key again replaces its value. Not thread-safe.
     */
    public static final class Builder {
        private Object from;
        private final List<Object> to = new ArrayList<>();
        private final List<Object> cc = new ArrayList<>();
        private final List<Object> bcc = new ArrayList<>();
        private final List<Object> replyTo = new ArrayList<>();
        private String subject;
        private String text;
        private String html;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Object> attachments = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private Tracking tracking = Tracking.OFF;

        private Builder() {}

        private Builder(Email e) {
            from = e.from;
            to.addAll(e.to);
            cc.addAll(e.cc);
            bcc.addAll(e.bcc);
            replyTo.addAll(e.replyTo);
            subject = e.subject;
            text = e.text;
            html = e.html;
            headers.putAll(e.headers);
            attachments.addAll(e.attachments);
            tags.addAll(e.tags);
            metadata.putAll(e.metadata);
            tracking = e.tracking;
        }

        /** The sender as a mailbox string, e.g. {@code "Ada <ada@example.com>"}. */
        public Builder from(String mailbox) {
            from = mailbox;
            return this;
        }

        public Builder from(Address address) {
            from = address;
            return this;
        }

        /** Adds recipients given as mailbox strings. */
        public Builder to(String... mailboxes) {
            to.addAll(Pending.all(mailboxes));
            return this;
        }

        public Builder to(Address... addresses) {
            to.addAll(Pending.all(addresses));
            return this;
        }

        public Builder cc(String... mailboxes) {
            cc.addAll(Pending.all(mailboxes));
            return this;
        }

        public Builder cc(Address... addresses) {
            cc.addAll(Pending.all(addresses));
            return this;
        }

        public Builder bcc(String... mailboxes) {
            bcc.addAll(Pending.all(mailboxes));
            return this;
        }

        public Builder bcc(Address... addresses) {
            bcc.addAll(Pending.all(addresses));
            return this;
        }

        public Builder replyTo(String... mailboxes) {
            replyTo.addAll(Pending.all(mailboxes));
            return this;
        }

        public Builder replyTo(Address... addresses) {
            replyTo.addAll(Pending.all(addresses));
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder attachment(Attachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /** Adds a plain attachment; the content is copied now. */
        public Builder attachment(String filename, String contentType, byte[] content) {
            attachments.add(
                    new Pending.AttachmentParts(filename, contentType, content == null ? null : content.clone()));
            return this;
        }

        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder tracking(Tracking tracking) {
            this.tracking = tracking;
            return this;
        }

        /** Validates and builds; throws {@link InvalidEmailException} listing every problem. */
        public Email build() {
            Problems problems = new Problems();
            Address sender = from == null ? null : Pending.address(from, "from", problems);
            List<Address> toList = Pending.addresses(to, "to", problems);
            List<Address> ccList = Pending.addresses(cc, "cc", problems);
            List<Address> bccList = Pending.addresses(bcc, "bcc", problems);
            List<Address> replyToList = Pending.addresses(replyTo, "reply_to", problems);
            List<Attachment> attachmentList = Pending.attachments(attachments, problems);
            Email email = null;
            try {
                email = new Email(
                        sender,
                        toList,
                        ccList,
                        bccList,
                        replyToList,
                        subject,
                        text,
                        html,
                        headers,
                        attachmentList,
                        tags,
                        metadata,
                        tracking);
            } catch (InvalidEmailException e) {
                Pending.merge(e.problems(), problems);
            }
            problems.throwIfAny();
            return email;
        }
    }

    // Copies keep nulls so validation can name them; a validated Email never holds one.
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
