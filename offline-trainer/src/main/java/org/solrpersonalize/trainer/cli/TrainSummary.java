package org.solrpersonalize.trainer.cli;

import java.util.Locale;
import java.util.Map;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.tuning.TuningReport;

/**
 * What {@code train} prints: the manifest, the time of each phase and, with a holdout, the
 * evaluation. As JSON: {@code {"directory":"models/m1","manifest":{...},"finalLoss":7.09e6,
 * "seconds":{"load":0.4,...},"evaluation":{...},"tuning":{...}}}.
 */
record TrainSummary(
    String directory,
    ModelManifest manifest,
    double finalLoss,
    Map<String, Double> seconds,
    EvaluationReport evaluation,
    TuningReport tuning) {

  String toTable() {
    StringBuilder sb = new StringBuilder();
    row(sb, "model id", manifest.modelId());
    row(sb, "directory", directory);
    row(sb, "model", manifest.modelType());
    row(sb, "users", String.valueOf(manifest.users()));
    row(sb, "items", String.valueOf(manifest.items()));
    if (manifest.contentItems() > 0) {
      row(sb, "contentItems", manifest.contentItems() + " (factors predicted from --catalog)");
    }
    row(sb, "factors", String.valueOf(manifest.factors()));
    row(sb, "clusters", manifest.clusters() + " (" + manifest.covarianceType() + ")");
    manifest.hyperparameters().forEach((name, value) -> row(sb, name, String.valueOf(value)));
    row(
        sb,
        manifest.modelType().startsWith("explicit") ? "train RMSE" : "final loss",
        String.format(Locale.ROOT, "%.6g", finalLoss));
    row(sb, "input", manifest.inputFingerprint());
    StringBuilder times = new StringBuilder();
    seconds.forEach(
        (phase, s) ->
            times
                .append(times.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f s", phase, s)));
    row(sb, "time", times.toString());
    if (tuning != null) {
      sb.append('\n').append(tuning.toTable());
    }
    if (evaluation != null) {
      sb.append('\n').append(evaluation.toTable());
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, String value) {
    sb.append(String.format(Locale.ROOT, "%-16s %s%n", name, value));
  }
}
