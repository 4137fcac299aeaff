package org.auprules.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Suggests the nearest known name for a misspelt one, by edit distance. */
public final class DidYouMean {

    private DidYouMean() {}

    /**
     * The known name nearest to {@code wrong}, if one is close enough to be a plausible typo:
     * within a third of its length, and at least one edit. Swapping two neighbouring characters
     * counts as one edit; among equally near names, one with the same characters in another order
     * ({@code 2.21} for {@code 2.12}) wins, then the one that starts alike for longest ({@code 3.11}
     * for {@code 3.1}, not {@code 2.11}), then one of the same length.
     */
    public static Optional<String> suggest(String wrong, Collection<String> known) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int @Nullable [] bestRank = null;
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int[] rank = {
                distance(lower, kl),
                sameLetters(lower, kl) ? 0 : 1,
                -commonPrefix(lower, kl),
                kl.length() == lower.length() ? 0 : 1
            };
            if (best == null
                    || Arrays.compare(rank, bestRank) < 0
                    || (Arrays.compare(rank, bestRank) == 0 && k.compareTo(best) < 0)) {
                best = k;
                bestRank = rank;
            }
        }
        int allowed = Math.max(1, Math.max(wrong.length(), 3) / 3);
        return best != null && bestRank != null && bestRank[0] <= allowed && !best.equals(wrong)
                ? Optional.of(best)
                : Optional.empty();
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static boolean sameLetters(String a, String b) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /** Edit distance where a swap of two neighbouring characters counts as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
