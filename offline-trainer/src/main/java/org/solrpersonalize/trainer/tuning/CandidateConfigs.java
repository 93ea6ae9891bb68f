package org.solrpersonalize.trainer.tuning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * Turns the search's grid points into training configs, and shows a point by the values its config
 * trains with.
 *
 * <p>When the confidence scheme and alpha are both searched, a scheme's alpha is the grid's alpha
 * times {@code mean(weight) / mean(w)} over the training entries, rounded to two significant
 * digits: the schemes' {@code w} differ in scale (BM25's idf makes MovieLens weights of 1 about 3),
 * so without it a scheme would be compared at another's confidences. Measured on MovieLens
 * ml-latest-small before this scaling, bm25 tuned alone scored 0.354 at alpha 0.32, but lost the
 * joint search at alpha 1.8, linear's best.
 */
final class CandidateConfigs {
  private final TrainingConfig config;
  private final List<SearchAxis<?>> axes;
  private final Map<ConfidenceScheme, Double> alphaScale = new EnumMap<>(ConfidenceScheme.class);

  /**
   * @param train the training interactions, unweighted
   */
  CandidateConfigs(TrainingConfig config, List<SearchAxis<?>> axes, CsrMatrix train) {
    this.config = config;
    this.axes = axes;
    TuningConfig tuning = config.tuning();
    if (tuning.weighting() && tuning.alpha()) {
      double raw = meanValue(train);
      for (ConfidenceScheme scheme : AlsTuning.WEIGHTING) {
        ConfidenceWeighting weighting =
            new ConfidenceWeighting(
                scheme, config.weighting().eps(), config.weighting().k1(), config.weighting().b());
        double mean = meanValue(weighting.weigh(train));
        alphaScale.put(scheme, mean > 0 && raw > 0 ? raw / mean : 1.0);
      }
    }
  }

  /** The config of {@code point}: one index per axis. */
  TrainingConfig at(List<Integer> point) {
    TrainingConfig.Builder builder = config.toBuilder();
    for (int a = 0; a < axes.size(); a++) {
      builder = axes.get(a).apply(builder, point.get(a));
    }
    TrainingConfig candidate = builder.build();
    Double scale = alphaScale.get(candidate.weighting().scheme());
    if (scale == null || scale == 1.0) {
      return candidate;
    }
    double alpha =
        new BigDecimal(candidate.alpha() * scale).round(new MathContext(2)).doubleValue();
    return candidate.toBuilder().alpha(alpha).build();
  }

  /** The values {@code point} trains with, by axis name, in axis order. */
  Map<String, Object> values(List<Integer> point) {
    TrainingConfig candidate = at(point);
    Map<String, Object> values = new LinkedHashMap<>();
    for (SearchAxis<?> axis : axes) {
      values.put(axis.name(), valueOf(candidate, axis.name()));
    }
    return values;
  }

  /** {@code tune name=value ...}, for progress bars. */
  String label(List<Integer> point) {
    StringBuilder sb = new StringBuilder("tune");
    values(point).forEach((name, value) -> sb.append(' ').append(name).append('=').append(value));
    return sb.toString();
  }

  private static Object valueOf(TrainingConfig candidate, String axis) {
    return switch (axis) {
      case "confidence" -> candidate.weighting().scheme().option();
      case "regularization" -> candidate.regularization();
      case "alpha" -> candidate.alpha();
      case "factors" -> candidate.factors();
      default -> throw new IllegalArgumentException("unknown axis " + axis);
    };
  }

  private static double meanValue(CsrMatrix matrix) {
    double sum = 0;
    for (float v : matrix.vals()) {
      sum += v;
    }
    return matrix.nnz() == 0 ? 0 : sum / matrix.nnz();
  }

  /** The values of every point, in axis order, for the report. */
  List<Object> valueList(List<Integer> point) {
    return new ArrayList<>(values(point).values());
  }
}
