package org.auprules.fuzzing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets the tries and the seed of every fuzz property, so that one system property scales them all:
 * tries = {@link FuzzCases} × {@code fuzz.scale} (default 1; the {@code fuzz} profile sets 10). The
 * seed is {@code fuzz.seed} (default {@value #DEFAULT_SEED}, so that {@code mvn verify} generates the
 * same cases on every machine); {@code -Dfuzz.seed=random} lets jqwik draw one, which it prints when
 * a property fails and keeps, with the failing sample, in {@code target/jqwik-database} for the next
 * run. Each property's figures (cases, seconds, outcome) are appended to
 * {@code target/fuzz-figures.tsv} and printed.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The seed of every fuzz property in {@code mvn verify}. */
    public static final String DEFAULT_SEED = "20261202";

    /** The multiplier of {@link FuzzCases}, from {@code fuzz.scale}. */
    public static int scale() {
        String s = System.getProperty("fuzz.scale", "1").strip();
        try {
            int scale = Integer.parseInt(s.isEmpty() ? "1" : s);
            if (scale < 1) {
                throw new IllegalArgumentException("fuzz.scale must be at least 1, got `" + s + "`");
            }
            return scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fuzz.scale must be a whole number, got `" + s + "`", e);
        }
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (context.findAnnotation(Example.class).isPresent()) {
            return property.execute(); // a regression example is one fixed case
        }
        int cases = context.findAnnotation(FuzzCases.class)
                .map(FuzzCases::value)
                .orElseThrow(() -> new IllegalStateException(
                        context.label() + ": a fuzz property needs @FuzzCases, the count of cases in verify"));
        int tries = Math.multiplyExact(cases, scale());
        context.attributes().setTries(tries);
        String seed = System.getProperty("fuzz.seed", DEFAULT_SEED).strip();
        if (!seed.isEmpty() && !seed.equals("random")) {
            context.attributes().setSeed(seed);
        }
        long start = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format(
                Locale.ROOT,
                "%s\t%s\t%d\t%.1f\t%s\t%s%n",
                context.containerClass().getSimpleName(),
                context.targetMethod().getName(),
                result.countTries(),
                seconds,
                result.status(),
                result.seed().orElse(seed));
        System.out.print("fuzz " + line);
        try {
            Path figures = Path.of("target", "fuzz-figures.tsv");
            Files.createDirectories(figures.getParent());
            Files.writeString(
                    figures, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Every property of the class that names this hook, not only the class. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
