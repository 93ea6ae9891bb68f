package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/** How each row's least-squares problem of implicit ALS is solved. */
public enum AlsSolver implements LowerCaseChoice {
  /** A few warm-started conjugate-gradient steps per row (Takacs et al. 2011): the fast path. */
  CG,
  /** The exact solve by Cholesky factorization ({@code AlsFoldIn}): the reference. */
  CHOLESKY;

  /** Parses {@code cg} or {@code cholesky}. */
  public static AlsSolver parse(String text) {
    return LowerCaseChoice.parse(AlsSolver.class, "solver", text);
  }
}
