package org.solrpersonalize.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts one method or class from the build's forbidden-apis check (which recognizes any
 * annotation of this simple name); {@link #reason} says why the forbidden API is right there.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.CONSTRUCTOR, ElementType.FIELD})
@interface SuppressForbidden {
  String reason();
}
