package org.solrpersonalize.trainer;

/** A factorization produced a NaN or an infinity; the message names the first bad row. */
public final class NonFiniteFactorsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonFiniteFactorsException(String message) {
    super(message);
  }
}
