package org.auprules.internal;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IP address, or a CIDR range of them, compared as what it is rather than as text: IPv6 in
 * full or compressed, with or without leading zeros, and IPv4-mapped IPv6 ({@code ::ffff:203.0.113.7})
 * are the address they spell. Parsing is done by the IPAddress library (com.github.seancfoley).
 *
 * <pre>{@code
 * AddressRange.parse("203.0.113.0/28").contains("203.0.113.7");           // true
 * AddressRange.parse("2001:DB8:0:0::0007").toString();                     // "2001:db8::7"
 * AddressRange.canonicalAddress("::ffff:203.0.113.7");                     // "203.0.113.7"
 * AddressRange.sameAddress("2001:db8::7", "2001:0db8:0000:0000:0000:0000:0000:0007"); // true
 * }</pre>
 *
 * <p>Only an address or a CIDR range whose host bits are zero is accepted: no wildcards
 * ({@code 203.0.113.*}), no dash ranges, no masks, no zone ids, and none of the legacy
 * {@code inet_aton} spellings ({@code 0xCB.0.113.7}, {@code 203.7}). Leading zeros in IPv4 are
 * decimal, never octal: {@code 203.0.113.007} is {@code 203.0.113.7}.
 */
public final class AddressRange {

    private static final IPAddressStringParameters STRICT = strictParameters();

    private final IPAddress block;

    private AddressRange(IPAddress block) {
        this.block = block;
    }

    /**
     * Reads an address or a CIDR range.
     *
     * @param text an address ({@code 203.0.113.7}, {@code 2001:db8::7}) or a range ({@code 203.0.113.0/28})
     * @return the range; a single address is a range of one
     * @throws IllegalArgumentException saying what is wrong with the text and what to write instead
     */
    public static AddressRange parse(String text) {
        String t = text.strip();
        IPAddress parsed;
        try {
            parsed = new IPAddressString(t, STRICT).toAddress();
        } catch (AddressStringException | IllegalArgumentException e) {
            throw new IllegalArgumentException("`" + text + "` is neither an IP address nor a CIDR range: write an"
                    + " address (`203.0.113.7`, `2001:db8::7`) or a range (`203.0.113.0/28`)");
        }
        IPAddress address = unmapped(parsed);
        Integer prefix = address.getNetworkPrefixLength();
        if (prefix == null || prefix == address.getBitCount()) {
            return new AddressRange(address.withoutPrefixLength());
        }
        IPAddress network = address.toPrefixBlock();
        if (!address.getLower().withoutPrefixLength().equals(network.getLower().withoutPrefixLength())) {
            throw new IllegalArgumentException("`" + text + "` is not the start of its range: write `"
                    + network.toCanonicalString() + "` for the range, or `"
                    + address.withoutPrefixLength().toCanonicalString() + "` for the one address");
        }
        return new AddressRange(network);
    }

    /**
     * Reads an address or a range, or nothing when the text is not one.
     *
     * @param text what a fact names, e.g. the {@code ip} of a report; {@code null} reads as nothing
     * @return the range, or empty when the text is absent or not an address or range
     */
    public static Optional<AddressRange> tryParse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The canonical text of one address: IPv4 in dotted decimal, IPv6 as RFC 5952 writes it
     * (lower case, the longest run of zeros compressed), an IPv4-mapped IPv6 address as its IPv4.
     *
     * @param text an address in any spelling the class accepts; {@code null} reads as nothing
     * @return the canonical address, or {@code null} when the text is not a single address
     */
    public static @Nullable String canonicalAddress(@Nullable String text) {
        return tryParse(text)
                .filter(AddressRange::isSingleAddress)
                .map(AddressRange::toString)
                .orElse(null);
    }

    /**
     * Whether two texts name the same single address, however each is written.
     *
     * @param a an address, or {@code null}
     * @param b an address, or {@code null}
     * @return whether both are addresses and the same one; {@code false} when either is absent or not an address
     */
    public static boolean sameAddress(@Nullable String a, @Nullable String b) {
        String ca = canonicalAddress(a);
        return ca != null && ca.equals(canonicalAddress(b));
    }

    /**
     * Whether this range holds an address.
     *
     * @param address an address in any accepted spelling; {@code null} or a text that is not an address is in no range
     * @return whether the address lies within this range
     */
    public boolean contains(@Nullable String address) {
        return tryParse(address)
                .filter(AddressRange::isSingleAddress)
                .map(a -> contains(a))
                .orElse(false);
    }

    /**
     * Whether this range holds every address of another.
     *
     * @param other a range or single address
     * @return whether {@code other} lies within this range; an IPv4 range never holds an IPv6 one
     */
    public boolean contains(AddressRange other) {
        return block.getIPVersion() == other.block.getIPVersion() && block.contains(other.block);
    }

    /** {@return whether this is one address rather than a range of several} */
    public boolean isSingleAddress() {
        return block.getNetworkPrefixLength() == null;
    }

    /** {@return the number of leading bits that name the range: 32 or 128 for one address} */
    public int prefixLength() {
        Integer prefix = block.getNetworkPrefixLength();
        return prefix == null ? block.getBitCount() : prefix;
    }

    /** {@return whether this is an IPv4 address or range; otherwise it is IPv6} */
    public boolean isIpv4() {
        return block.isIPv4();
    }

    /**
     * The range of the given length that holds this address or range, e.g. the {@code /24} around
     * an address.
     *
     * @param length a prefix length no longer than {@link #prefixLength()}
     * @return the enclosing range; this range itself at its own length
     * @throws IllegalArgumentException when {@code length} is negative or longer than this range's
     */
    public AddressRange enclosing(int length) {
        if (length < 0 || length > prefixLength()) {
            throw new IllegalArgumentException("prefix length must be from 0 to " + prefixLength() + ", got " + length);
        }
        if (length == block.getBitCount()) {
            return this;
        }
        return new AddressRange(block.getLower().toPrefixBlock(length));
    }

    /** {@return the canonical text: an address as {@link #canonicalAddress} writes it, a range as {@code 203.0.113.0/28}} */
    @Override
    public String toString() {
        return block.toCanonicalString();
    }

    /** {@return whether the other object is the same address or range} */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AddressRange r && toString().equals(r.toString());
    }

    /** {@return a hash of the canonical text} */
    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** An IPv4-mapped IPv6 address or range ({@code ::ffff:0:0/96} and within) as the IPv4 it maps. */
    private static IPAddress unmapped(IPAddress address) {
        if (!(address instanceof IPv6Address v6) || !v6.getLower().isIPv4Mapped()) {
            return address;
        }
        Integer prefix = v6.getNetworkPrefixLength();
        if (prefix != null && prefix < 96) {
            return address;
        }
        IPv4Address v4 = v6.getLower().getEmbeddedIPv4Address();
        if (prefix == null || prefix == 128) {
            return v4.withoutPrefixLength();
        }
        return v4.setPrefixLength(prefix - 96, false);
    }

    private static IPAddressStringParameters strictParameters() {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder();
        b.allowEmpty(false);
        b.allowAll(false);
        b.allowSingleSegment(false);
        b.allowPrefixOnly(false);
        b.allowMask(false);
        b.allowWildcardedSeparator(false);
        b.setRangeOptions(RangeParameters.NO_RANGE);
        b.allow_inet_aton(false);
        b.getIPv4AddressParametersBuilder().allowBinary(false);
        b.getIPv6AddressParametersBuilder().allowZone(false).allowBinary(false);
        return b.toParams();
    }
}
