package org.auprules.api.facts;

/**
 * An audio stream served by an account.
 *
 * @param id         optional id
 * @param accountId  the owning account (required)
 * @param server     the streaming server, e.g. {@code icecast}
 * @param mount      the mount point
 * @param commercial whether the stream is commercial
 */
public record AudioStream(String id, String accountId, String server, String mount, boolean commercial)
        implements AccountFact {

    @Override
    public String evidenceType() {
        return "audioStream";
    }

    @Override
    public AudioStream withId(String newId) {
        return new AudioStream(newId, accountId, server, mount, commercial);
    }
}
