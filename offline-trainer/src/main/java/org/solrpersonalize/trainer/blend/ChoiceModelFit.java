package org.solrpersonalize.trainer.blend;

import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * Fits blend weights to clicks by an L2-regularized conditional logit: each click is a choice of
 * the clicked document among itself and the impression's documents not clicked, with probability
 * {@code exp(w.x_c) / sum_s exp(w.x_s)} over the normalized parts {@code x}. With one document not
 * clicked this is the pairwise logistic (RankNet) objective; with more it compares the click with
 * all of them at once. The objective is concave, so Newton's method (three weights: an exact 3x3
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
      double[] direction = solve(hessian, gradient);
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
      double[][] rows = choice.parts();
      double max = Double.NEGATIVE_INFINITY;
      double[] s = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        s[i] = dot(w, rows[i]);
        max = Math.max(max, s[i]);
      }
      double z = 0;
      for (double v : s) {
        z += Math.exp(v - max);
      }
      sum += s[0] - max - Math.log(z);
    }
    return sum - l2 / 2 * dot(w, w);
  }

  /** Gradient and the negated Hessian (positive definite) of the objective at {@code w}. */
  private static void derivatives(
      List<Choice> choices, double[] w, double l2, double[] gradient, double[][] negHessian) {
    for (Choice choice : choices) {
      double[][] rows = choice.parts();
      double max = Double.NEGATIVE_INFINITY;
      double[] p = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        p[i] = dot(w, rows[i]);
        max = Math.max(max, p[i]);
      }
      double z = 0;
      for (int i = 0; i < rows.length; i++) {
        p[i] = Math.exp(p[i] - max);
        z += p[i];
      }
      double[] mean = new double[PARTS];
      for (int i = 0; i < rows.length; i++) {
        p[i] /= z;
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

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; 0 where singular. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      if (Math.abs(m[col][col]) < 1e-300) {
        continue;
      }
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int c = col; c <= n; c++) {
          m[r][c] -= f * m[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      if (Math.abs(m[i][i]) < 1e-300) {
        continue;
      }
      double s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= m[i][j] * x[j];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
