package org.solrpersonalize.trainer;

import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LowerCaseChoice;

/**
 * The factorization a model uses, with its manifest name; its {@code --model} spelling is its name
 * in lower case with hyphens ({@code implicit}, {@code explicit-als}, {@code explicit-sgd}).
 */
public enum ModelType implements LowerCaseChoice {
  /** ALS on interaction weights (Hu, Koren, Volinsky 2008). */
  IMPLICIT("implicit-als"),
  /** ALS matrix factorization of ratings, weighted-lambda regularization. */
  EXPLICIT_ALS("explicit-als"),
  /** SGD matrix factorization of ratings, on one thread. */
  EXPLICIT_SGD("explicit-sgd");

  private final String manifestName;

  ModelType(String manifestName) {
    this.manifestName = manifestName;
  }

  /** The {@code --model} value, e.g. {@code explicit-als}. */
  @Override
  public String option() {
    return LowerCaseChoice.super.option().replace('_', '-');
  }

  /** The {@code modelType} of the manifest, e.g. {@code implicit-als}. */
  public String manifestName() {
    return manifestName;
  }

  /** Ratings rather than implicit feedback. */
  public boolean explicit() {
    return this != IMPLICIT;
  }

  /** Parses a {@code --model} value, naming the allowed values when it is none of them. */
  public static ModelType parse(String text) {
    return LowerCaseChoice.parse(
        ModelType.class, "--model", ModelType::option, text, BadInputException::new);
  }

  @Override
  public String toString() {
    return option();
  }
}
