package org.auprules.api.facts;

import java.util.List;
import java.util.Objects;

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
public record HostedFile(String id, String accountId, String path, long sizeBytes, String sha256,
                         String mimeType, String scannerSignature, List<ContentCategory> categories)
        implements AccountFact {

    public HostedFile {
        Objects.requireNonNull(id, "file id must not be null");
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @Override
    public String evidenceType() {
        return "file";
    }

    @Override
    public HostedFile withId(String newId) {
        return new HostedFile(newId, accountId, path, sizeBytes, sha256, mimeType, scannerSignature, categories);
    }
}
