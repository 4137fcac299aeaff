package org.auprules.fuzzing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many cases a fuzz property generates in a plain {@code mvn verify}; {@link FuzzTries} multiplies
 * it by the system property {@code fuzz.scale} (1 by default, 10 in the {@code fuzz} profile).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FuzzCases {

    /** The cases of one run of {@code mvn verify}. */
    int value();
}
