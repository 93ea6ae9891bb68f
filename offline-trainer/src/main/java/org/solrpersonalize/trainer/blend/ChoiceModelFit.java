package org.solrpersonalize.trainer.blend;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * Fits blend weights to clicks by an L2-regularized conditional logit: each click is a choice of
 * the clicked document among itself and the impression's documents not clicked, with probability
 * {@code exp(w.x_c) / sum_s exp(w.x_s)} over the normalized parts {@code x}. With one document not
 * clicked this is the pairwise logistic (RankNet) objective; with more it compares the click with
 * all of them at once. The objective is concave, so Newton's method (three weights: a 3x3 Cholesky
 * solve per step) reaches its single maximum in a few steps from zero; no randomness, so the same
 * log gives the same weights.
 */
public final class ChoiceModelFit {
  private static final int PARTS = 3;
  private static final int MAX_STEPS = 100;
  private static final double TOLERANCE = 1e-10;

  private ChoiceModelFit() {}

  /** One click and the documents it was chosen among: rows of parts, the clicked one first. */
  record Choice(double[][] parts) {}

  /** The choices of impressions: documents with all three parts logged, clicks with a rival. */
  static List<Choice> choices(List<Impression> impressions) {
    List<Choice> out = new ArrayList<>();
    for (Impression impression : impressions) {
      List<double[]> notClicked = new ArrayList<>();
      List<double[]> clicked = new ArrayList<>();
      for (ShownDocument doc : impression.docs()) {
        if (!doc.hasParts()) {
          continue;
        }
        double[] x = {doc.text().normalized(), doc.dot().normalized(), doc.cluster().normalized()};
        (impression.clicked(doc) ? clicked : notClicked).add(x);
      }
      if (notClicked.isEmpty()) {
        continue;
      }
      for (double[] c : clicked) {
        double[][] rows = new double[notClicked.size() + 1][];
        rows[0] = c;
        for (int i = 0; i < notClicked.size(); i++) {
          rows[i + 1] = notClicked.get(i);
        }
        out.add(new Choice(rows));
      }
    }
    return out;
  }

  /**
   * The weights maximizing {@code sum log P(click) - l2 / 2 * |w|^2}.
   *
   * @param l2 the ridge penalty, >= 0 (0 may diverge when the clicks separate perfectly)
   */
  public static BlendWeights fit(List<Impression> impressions, double l2) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
    }
    List<Choice> choices = choices(impressions);
    double[] w = new double[PARTS];
    double objective = objective(choices, w, l2);
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] gradient = new double[PARTS];
      double[][] hessian = new double[PARTS][PARTS];
      derivatives(choices, w, l2, gradient, hessian);
      double[] direction = solve(hessian, gradient); // positive definite: l2 > 0 or clicks vary
      if (direction == null) {
        break;
      }
      double scale = 1;
      double[] next = new double[PARTS];
      double nextObjective;
      do {
        for (int j = 0; j < PARTS; j++) {
          next[j] = w[j] + scale * direction[j];
        }
        nextObjective = objective(choices, next, l2);
        scale /= 2;
      } while (nextObjective < objective && scale > 1e-6);
      double change = 0;
      for (int j = 0; j < PARTS; j++) {
        change = Math.max(change, Math.abs(next[j] - w[j]));
      }
      w = next;
      objective = nextObjective;
      if (change < TOLERANCE) {
        break;
      }
    }
    return BlendWeights.of(w);
  }

  static double objective(List<Choice> choices, double[] w, double l2) {
    double sum = 0;
    for (Choice choice : choices) {
      sum += choiceProbabilities(choice.parts(), w, new double[choice.parts().length]);
    }
    return sum - l2 / 2 * dot(w, w);
  }

  /**
   * Fills {@code p} with each row's probability of being chosen, {@code softmax(rows . w)}, and
   * returns the log-probability of the clicked row (row 0); shifted by the largest score, so no
   * exponential overflows.
   */
  private static double choiceProbabilities(double[][] rows, double[] w, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rows.length; i++) {
      p[i] = dot(w, rows[i]);
      max = Math.max(max, p[i]);
    }
    double clicked = p[0] - max;
    double z = 0;
    for (int i = 0; i < rows.length; i++) {
      p[i] = Math.exp(p[i] - max);
      z += p[i];
    }
    for (int i = 0; i < rows.length; i++) {
      p[i] /= z;
    }
    return clicked - Math.log(z);
  }

  /** Gradient and the negated Hessian (positive definite) of the objective at {@code w}. */
  private static void derivatives(
      List<Choice> choices, double[] w, double l2, double[] gradient, double[][] negHessian) {
    for (Choice choice : choices) {
      double[][] rows = choice.parts();
      double[] p = new double[rows.length];
      choiceProbabilities(rows, w, p);
      double[] mean = new double[PARTS];
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < PARTS; j++) {
          mean[j] += p[i] * rows[i][j];
        }
      }
      for (int j = 0; j < PARTS; j++) {
        gradient[j] += rows[0][j] - mean[j];
      }
      for (int i = 0; i < rows.length; i++) {
        for (int a = 0; a < PARTS; a++) {
          for (int b = 0; b < PARTS; b++) {
            negHessian[a][b] += p[i] * (rows[i][a] - mean[a]) * (rows[i][b] - mean[b]);
          }
        }
      }
    }
    for (int j = 0; j < PARTS; j++) {
      gradient[j] -= l2 * w[j];
      negHessian[j][j] += l2;
    }
  }

  /**
   * Solves {@code a x = b} for a symmetric positive-definite {@code a} (EJML's Cholesky); null when
   * {@code a} is not positive definite.
   */
  static double[] solve(double[][] a, double[] b) {
    LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.symmPosDef(b.length);
    if (!cholesky.setA(new DMatrixRMaj(a))) {
      return null;
    }
    DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
    cholesky.solve(new DMatrixRMaj(b.length, 1, true, b), x);
    return x.getData();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
