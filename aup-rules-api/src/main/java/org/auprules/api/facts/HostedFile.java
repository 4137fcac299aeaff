package org.auprules.api.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file stored by an account.
 *
 * @param id               the file id (required)
 * @param accountId        the owning account (required)
 * @param path             where it is stored
 * @param sizeBytes        its size
 * @param sha256           its SHA-256 digest
 * @param mimeType         its detected MIME type
 * @param scannerSignature the malware scanner's signature name, if it matched one
 * @param categories       what the classifier says the file is
 */
public record HostedFile(
        String id,
        String accountId,
        @Nullable String path,
        long sizeBytes,
        @Nullable String sha256,
        @Nullable String mimeType,
        @Nullable String scannerSignature,
        List<ContentCategory> categories)
        implements AccountFact {

    /**
     * Checks that the id is there and copies the categories, reading absent ones as empty.
     *
     * @param id the file id (required)
     * @param accountId the owning account (required)
     * @param path where it is stored
     * @param sizeBytes its size
     * @param sha256 its SHA-256 digest
     * @param mimeType its detected MIME type
     * @param scannerSignature the malware scanner's signature name, if it matched one
     * @param categories what the classifier says the file is
     * @throws NullPointerException when {@code id} is null
     */
    public HostedFile {
        Objects.requireNonNull(id, "file id must not be null");
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** {@return a builder with no field set yet, to write a file field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this file's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "file";
    }

    @Override
    public HostedFile withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link HostedFile} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String path;
        private long sizeBytes;
        private @Nullable String sha256;
        private @Nullable String mimeType;
        private @Nullable String scannerSignature;
        private @Nullable List<ContentCategory> categories;

        private Builder() {}

        private Builder(HostedFile original) {
            id = original.id();
            accountId = original.accountId();
            path = original.path();
            sizeBytes = original.sizeBytes();
            sha256 = original.sha256();
            mimeType = original.mimeType();
            scannerSignature = original.scannerSignature();
            categories = original.categories();
        }

        /**
         * Sets the file id, which the record requires.
         *
         * @param id the file id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the owning account, which the evaluator requires.
         *
         * @param accountId the owning account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets where the file is stored.
         *
         * @param path where it is stored
         * @return this builder
         */
        public Builder path(@Nullable String path) {
            this.path = path;
            return this;
        }

        /**
         * Sets the size in bytes.
         *
         * @param sizeBytes its size
         * @return this builder
         */
        public Builder sizeBytes(long sizeBytes) {
            this.sizeBytes = sizeBytes;
            return this;
        }

        /**
         * Sets the SHA-256 digest.
         *
         * @param sha256 its SHA-256 digest
         * @return this builder
         */
        public Builder sha256(@Nullable String sha256) {
            this.sha256 = sha256;
            return this;
        }

        /**
         * Sets the detected MIME type.
         *
         * @param mimeType its detected MIME type
         * @return this builder
         */
        public Builder mimeType(@Nullable String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        /**
         * Sets the malware scanner's signature name, if it matched one.
         *
         * @param scannerSignature the malware scanner's signature name, if it matched one
         * @return this builder
         */
        public Builder scannerSignature(@Nullable String scannerSignature) {
            this.scannerSignature = scannerSignature;
            return this;
        }

        /**
         * Sets what the classifier says the file is.
         *
         * @param categories what the classifier says the file is
         * @return this builder
         */
        public Builder categories(ContentCategory @Nullable ... categories) {
            this.categories = categories == null ? null : new ArrayList<>(Arrays.asList(categories));
            return this;
        }

        /**
         * Sets what the classifier says the file is; the list is copied.
         *
         * @param categories what the classifier says the file is
         * @return this builder
         */
        public Builder categories(@Nullable List<ContentCategory> categories) {
            this.categories = categories == null ? null : new ArrayList<>(categories);
            return this;
        }

        /**
         * Builds the file through the canonical constructor, which requires the id and reads unset categories as empty.
         *
         * @return a new file with the fields set so far
         * @throws NullPointerException when no id was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id and reads unset categories as empty, and the evaluator rejects a missing
        // accountId as an input error.
        @SuppressWarnings("NullAway")
        public HostedFile build() {
            return new HostedFile(id, accountId, path, sizeBytes, sha256, mimeType, scannerSignature, categories);
        }
    }
}
