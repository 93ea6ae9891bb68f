package org.solrpersonalize.trainer.tuning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import org.solrpersonalize.trainer.TrainingConfig;

/**
 * One searched hyperparameter: its candidate values in search order (neighbours are adjacent, e.g.
 * log-spaced numbers) and how a value sets a config. A categorical choice (a weighting scheme) is
 * an axis like any other.
 *
 * @param name as in the manifest and the table, e.g. {@code regularization}
 * @param values the candidates
 * @param setter applies one value to a config builder
 */
public record SearchAxis<T>(
    String name,
    List<T> values,
    BiFunction<TrainingConfig.Builder, T, TrainingConfig.Builder> setter) {

  public SearchAxis {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(setter, "setter");
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("axis " + name + " needs at least one value");
    }
    values = List.copyOf(values);
  }

  /**
   * {@code count} values from {@code min} to {@code max} evenly spaced on a log scale, rounded to
   * two significant digits so that tables and manifests read well.
   */
  public static List<Double> logSpaced(double min, double max, int count) {
    if (!(min > 0 && max > min && count >= 2)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "bad log range %s..%s in %d values", min, max, count));
    }
    List<Double> out = new ArrayList<>(count);
    double ratio = Math.log(max / min) / (count - 1);
    for (int i = 0; i < count; i++) {
      double v = min * Math.exp(ratio * i);
      out.add(new BigDecimal(v).round(new MathContext(2)).doubleValue());
    }
    return out;
  }

  /** Sets this axis's value number {@code index} on the builder. */
  TrainingConfig.Builder apply(TrainingConfig.Builder builder, int index) {
    return setter.apply(builder, values.get(index));
  }

  /** The value number {@code index}, for tables and manifests. */
  Object value(int index) {
    return values.get(index);
  }
}
