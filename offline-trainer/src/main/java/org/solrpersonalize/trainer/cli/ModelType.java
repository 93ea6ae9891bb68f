package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.BadInputException;

/** The factorization {@code --model} selects, with the name written into the manifest. */
enum ModelType {
  IMPLICIT("implicit", "implicit-als"),
  EXPLICIT_ALS("explicit-als", "explicit-als"),
  EXPLICIT_SGD("explicit-sgd", "explicit-sgd");

  final String option;
  final String manifestName;

  ModelType(String option, String manifestName) {
    this.option = option;
    this.manifestName = manifestName;
  }

  boolean explicit() {
    return this != IMPLICIT;
  }

  static ModelType parse(String text) {
    for (ModelType type : values()) {
      if (type.option.equals(text.trim())) {
        return type;
      }
    }
    throw new BadInputException(
        "--model must be implicit, explicit-als or explicit-sgd, got '" + text + "'");
  }

  @Override
  public String toString() {
    return option;
  }
}
