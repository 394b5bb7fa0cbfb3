package dev.postern.email;

/**
 * The numeric limits {@link Email}, {@link Address} and {@link Attachment} enforce. Each value is
 * the lowest common bound of the standards and of the providers Postern fails over between, so a
 * message accepted here is not rejected for its size or shape by any of them.
 */
public final class EmailLimits {
    /** Recipients across to, cc and bcc: the per-request cap of SendGrid and Mailgun. */
    public static final int MAX_RECIPIENTS = 1000;

    /**
     * Estimated encoded size of the whole message: 25 MiB, what large mailbox providers (e.g. Gmail)
     * accept; an adapter whose provider caps lower checks its own limit.
     */
    public static final long MAX_SIZE_BYTES = 25L * 1024 * 1024;

    /** RFC 5322 §2.1.1: a line must not exceed 998 characters; the subject is one header line. */
    public static final int MAX_SUBJECT_LENGTH = 998;

    /** RFC 5322 §2.1.1 recommends 78 per line; a name of 76 leaves room for ": ". */
    public static final int MAX_HEADER_NAME_LENGTH = 76;

    /** RFC 5322 §2.1.1: 998 characters per line, and Postern never folds caller-given values. */
    public static final int MAX_HEADER_VALUE_LENGTH = 998;

    /** SendGrid accepts up to 10 categories per message, the most any of them takes. */
    public static final int MAX_TAGS = 10;

    /** Tags become provider categories or tag values, which are short; 128 chars bounds them. */
    public static final int MAX_TAG_LENGTH = 128;

    /** Metadata travels in every attempt's request and in events; 50 entries bounds that payload. */
    public static final int MAX_METADATA_ENTRIES = 50;

    /** Metadata keys become provider field names; 128 chars fits all of them. */
    public static final int MAX_METADATA_KEY_LENGTH = 128;

    /** Metadata values are identifiers and short notes; 1000 chars bounds the stored outbox row. */
    public static final int MAX_METADATA_VALUE_LENGTH = 1000;

    /** Attachments per message; beyond this the message is a file transfer, not an email. */
    public static final int MAX_ATTACHMENTS = 100;

    /** File names longer than 255 are rejected by common file systems and some providers. */
    public static final int MAX_FILENAME_LENGTH = 255;

    /** Content-IDs are referenced from HTML as {@code cid:}; 250 fits one header line comfortably. */
    public static final int MAX_CONTENT_ID_LENGTH = 250;

    /** A display name is shown, not parsed; 256 keeps the From line far below 998 characters. */
    public static final int MAX_DISPLAY_NAME_LENGTH = 256;

    /** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;

    /** RFC 1035 §2.3.4 / RFC 5321 §4.5.3.1.2: a domain is at most 255 octets, 253 without dots. */
    public static final int MAX_DOMAIN_LENGTH = 253;

    /** RFC 1035 §2.3.4: a DNS label is at most 63 octets. */
    public static final int MAX_LABEL_LENGTH = 63;

    /** RFC 5321 path limit of 256 minus the angle brackets: an address is at most 254 octets. */
    public static final int MAX_ADDRESS_OCTETS = 254;

    private EmailLimits() {}
}
