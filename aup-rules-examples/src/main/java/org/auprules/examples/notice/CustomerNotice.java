package org.auprules.examples.notice;

import java.util.Objects;

/**
 * One account's notice, in both forms.
 *
 * @param accountId  the account it is addressed to
 * @param violations how many violations it reports (waived ones are not among them)
 * @param text       the plain-text notice
 * @param html       the HTML notice
 */
public record CustomerNotice(String accountId, int violations, String text, String html) {

    /**
     * Checks that every part is there.
     *
     * @param accountId  the account it is addressed to
     * @param violations how many violations it reports
     * @param text       the plain-text notice
     * @param html       the HTML notice
     */
    public CustomerNotice {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(html, "html must not be null");
    }
}
