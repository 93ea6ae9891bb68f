package org.solrpersonalize.trainer.gmm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads and writes {@code gmm.json}. Jackson prints doubles in their shortest exact form, so a
 * model read back is identical to the one written.
 */
final class GmmJsonFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file's layout, field for field. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Layout(
      String covarianceType,
      double[] weights,
      double[][] means,
      double[][] covariances,
      Double lowerBound,
      Integer iterations,
      Boolean converged) {}

  private GmmJsonFile() {}

  static void write(GaussianMixtureModel model, Path file) {
    Layout layout =
        new Layout(
            model.covarianceType().option(),
            model.weights(),
            model.means(),
            model.covariances(),
            model.lowerBound(),
            model.iterations(),
            model.converged());
    try {
      JSON.writeValue(file.toFile(), layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static GaussianMixtureModel read(Path file) {
    Layout layout;
    try {
      layout = JSON.readValue(file.toFile(), Layout.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ": not a valid gmm.json: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      require(layout.covarianceType() != null, "covarianceType");
      require(layout.lowerBound() != null, "lowerBound");
      require(layout.iterations() != null, "iterations");
      require(layout.converged() != null, "converged");
      return new GaussianMixtureModel(
          CovarianceType.parse(layout.covarianceType()),
          layout.weights(),
          layout.means(),
          layout.covariances(),
          layout.lowerBound(),
          layout.iterations(),
          layout.converged());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static void require(boolean present, String field) {
    if (!present) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
  }
}
