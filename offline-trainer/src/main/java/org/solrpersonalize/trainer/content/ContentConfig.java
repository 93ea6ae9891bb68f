package org.solrpersonalize.trainer.content;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Catalog;

/**
 * How {@code train --catalog} predicts factors for catalog items without interactions.
 *
 * @param catalog the catalog as read
 * @param fields the content fields used ({@code --content-fields})
 * @param textFields those of {@code fields} split into lower-cased word tokens; the others count
 *     each value as one categorical feature
 * @param hashBits feature hashing into {@code 2^hashBits} buckets when the vocabulary is larger
 * @param minFeatureItems a feature enters the vocabulary when at least this many items with
 *     interactions have it (a feature of one item cannot generalize to another)
 * @param regularization the ridge lambda, or {@link #AUTO} to choose it among {@link
 *     #REGULARIZATION_CANDIDATES} on a seeded validation split of the items with interactions
 * @param validationFraction of the items with interactions held out to choose lambda
 */
public record ContentConfig(
    Catalog catalog,
    List<String> fields,
    Set<String> textFields,
    int hashBits,
    int minFeatureItems,
    double regularization,
    double validationFraction) {

  /** {@link #regularization} chosen by validation. */
  public static final double AUTO = -1;

  /** The lambdas {@link #AUTO} tries: features are scaled so an item's fields each weigh 1. */
  public static final List<Double> REGULARIZATION_CANDIDATES =
      List.of(3.0, 10.0, 30.0, 100.0, 300.0);

  /**
   * 2^11 = 2,048 buckets: the normal equations are a d x d Cholesky, about d^3/3 flops whatever the
   * catalog size, six of them with {@link #AUTO}. Measured on MovieLens ml-latest-small ({@code
   * --content-fields title,genres}: 2,847 features in at least two movies), NDCG@10 of {@code
   * evaluate --cold-items 0.1}: 0.0843 at 10 bits (hashed), 0.0888 at 11 (hashed), 0.0912 at 12
   * (not hashed); the content step took about 2.6 s per factorization at d = 2,048 on a shared
   * 2-core machine, and a factorization at d = 2,847 costs 2.7 times one at 2,048.
   */
  public static final int DEFAULT_HASH_BITS = 11;

  public static final int DEFAULT_MIN_FEATURE_ITEMS = 2;
  public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

  /** The default text fields: these names are tokenized, other fields are categorical. */
  public static final Set<String> DEFAULT_TEXT_FIELDS = Set.of("title", "name", "description");

  public ContentConfig {
    Objects.requireNonNull(catalog, "catalog");
    fields = List.copyOf(fields);
    textFields = Set.copyOf(textFields);
    if (fields.isEmpty()) {
      throw new BadInputException("--content-fields names no field");
    }
    if (hashBits < 4 || hashBits > 16) {
      throw new BadInputException(
          "--content-hash-bits must be an integer in [4, 16], got " + hashBits);
    }
    if (minFeatureItems < 1) {
      throw new BadInputException("the minimum items per feature must be >= 1");
    }
    if (regularization != AUTO && !(regularization > 0 && Double.isFinite(regularization))) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "--content-regularization must be a finite number > 0 or auto, got %s",
              regularization));
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new BadInputException(
          "the content validation fraction must be in (0, 1), got " + validationFraction);
    }
  }

  /** The defaults for {@code fields} of {@code catalog}: lambda tuned, 2^11 buckets. */
  public static ContentConfig of(Catalog catalog, List<String> fields) {
    return new ContentConfig(
        catalog,
        fields,
        DEFAULT_TEXT_FIELDS,
        DEFAULT_HASH_BITS,
        DEFAULT_MIN_FEATURE_ITEMS,
        AUTO,
        DEFAULT_VALIDATION_FRACTION);
  }

  /** A copy with another lambda ({@link #AUTO} or a value > 0). */
  public ContentConfig withRegularization(double value) {
    return new ContentConfig(
        catalog, fields, textFields, hashBits, minFeatureItems, value, validationFraction);
  }

  /** A copy with another minimum of items per feature. */
  public ContentConfig withMinFeatureItems(int value) {
    return new ContentConfig(
        catalog, fields, textFields, hashBits, value, regularization, validationFraction);
  }
}
