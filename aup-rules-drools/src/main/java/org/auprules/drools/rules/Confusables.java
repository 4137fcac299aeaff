package org.auprules.drools.rules;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds a name to what it looks like: NFKC with case folding (full-width letters, invisible
 * characters), then the confusable skeleton of Unicode TS #39, so that {@code xmrіg} with a
 * Cyrillic {@code і}, {@code ｘｍｒｉｇ} and {@code xrnrig} all fold as {@code xmrig} does. ICU4J's
 * tables do the work; they follow the Unicode version of the ICU release.
 */
final class Confusables {

    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    /** Process names repeat across a fleet (php-fpm, node, sshd): fold each once, up to this many. */
    private static final int CACHE_LIMIT = 4096;

    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Confusables() {}

    /**
     * The folded form of a name; two names that look alike have the same one.
     *
     * @param name any text
     * @return its confusable skeleton after NFKC case folding
     */
    static String skeleton(String name) {
        String cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        String folded = SPOOF.getSkeleton(NFKC_CASEFOLD.normalize(name));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, folded);
        }
        return folded;
    }
}
