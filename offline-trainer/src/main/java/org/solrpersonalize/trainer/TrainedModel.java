package org.solrpersonalize.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.tuning.TuningReport;

/**
 * What {@link Trainer#fit} returns: the factors, the mixture, the manifest and, with a holdout, the
 * evaluation. Immutable once built; {@link #writeTo} writes it as a model directory.
 *
 * <p>Two are equal only when they share the directory's factor arrays and the {@code gmmJson}
 * writer: a record compares arrays and lambdas by identity. {@link #toString} names the model and
 * its sizes, not its ids and factors.
 *
 * @param directory everything the model directory stores, as {@link ModelDirectory#read} would
 *     return it
 * @param gmmJson writes the fitted mixture as {@value #GMM_JSON}; null without a mixture
 * @param evaluation the holdout evaluation, or null when the config asked for none
 * @param finalLoss the training loss (implicit) or training RMSE (explicit) of the last iteration
 * @param seconds wall-clock seconds of each phase in order: {@code tune} (when tuning), {@code
 *     train}, {@code evaluate} (with a holdout), {@code mixture}
 * @param tuning what the hyperparameter tuning did, or null when the config asked for none
 */
public record TrainedModel(
    ModelDirectory.Model directory,
    MixtureJson gmmJson,
    EvaluationReport evaluation,
    double finalLoss,
    Map<String, Double> seconds,
    TuningReport tuning) {
  /** The fitted mixture as JSON (beside the model directory's binary files). */
  public static final String GMM_JSON = "gmm.json";

  /**
   * Writes the fitted mixture as JSON ({@link
   * org.solrpersonalize.trainer.gmm.GaussianMixtureModel#writeJson}).
   */
  @FunctionalInterface
  public interface MixtureJson {
    void write(Path file) throws IOException;
  }

  /** A record's constructor is public: without its directory a model would fail only in writeTo. */
  public TrainedModel {
    Objects.requireNonNull(directory, "directory");
    seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  /** The model's identity, dimensions, hyperparameters and holdout metrics. */
  public ModelManifest manifest() {
    return directory.manifest();
  }

  /**
   * The model's id, type and sizes, e.g. {@code TrainedModel[m1 implicit-als: 1000 users, 500
   * items, 16 factors, 4 clusters]}: the record's own would print every user and item id.
   */
  @Override
  public String toString() {
    ModelManifest m = manifest();
    return String.format(
        Locale.ROOT,
        "TrainedModel[%s %s: %d users, %d items, %d factors, %d clusters]",
        m.modelId(),
        m.modelType(),
        m.users(),
        m.items(),
        m.factors(),
        m.clusters());
  }

  /**
   * Writes the model directory ({@link ModelDirectory}'s files and {@value #GMM_JSON} when there is
   * a mixture) into {@code dir}, which must not exist or be empty. A write that fails removes what
   * it wrote, so the directory is left as it was found.
   */
  public void writeTo(Path dir) throws IOException {
    checkOutputDirectory(dir, "model directory");
    boolean existed = Files.exists(dir);
    try {
      Files.createDirectories(dir);
      if (gmmJson != null) {
        gmmJson.write(dir.resolve(GMM_JSON));
      }
      ModelDirectory.write(dir, directory);
    } catch (IOException | RuntimeException e) {
      removeWritten(dir, existed, e);
      throw e;
    }
  }

  /** Deletes the files of a failed write (the directory was empty), and the directory if new. */
  private static void removeWritten(Path dir, boolean existed, Exception failure) {
    try (Stream<Path> entries = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Files.deleteIfExists(entry);
      }
      if (!existed) {
        Files.deleteIfExists(dir);
      }
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  /**
   * Refuses to mix a new model into an existing directory's files.
   *
   * @param name how the message names the directory, e.g. {@code --out}
   */
  public static void checkOutputDirectory(Path dir, String name) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException(name + " " + dir + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new BadInputException(name + " " + dir + " exists and is not empty");
        }
      }
    }
  }
}
