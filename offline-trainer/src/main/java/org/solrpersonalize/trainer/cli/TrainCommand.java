package org.solrpersonalize.trainer.cli;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.als.AlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAls;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.gmm.GaussianMixture;
import org.solrpersonalize.trainer.gmm.GaussianMixtureEm;
import org.solrpersonalize.trainer.gmm.UserClusterAffinity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: implicit ALS, a Gaussian mixture over the item factors, a model directory. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Train implicit ALS and a Gaussian mixture over item factors; write a model directory.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--interactions", required = true, split = ",", description = "Interaction files (CSV/TSV with header user,item[,weight|event][,timestamp]).")
  List<Path> interactions;

  @Option(names = "--out", required = true, description = "Model directory to write.")
  Path out;

  @Option(names = "--factors", defaultValue = "64", description = "Latent dimension k.")
  int factors;

  @Option(names = "--iterations", defaultValue = "15", description = "ALS iterations.")
  int iterations;

  @Option(names = "--regularization", defaultValue = "0.1", description = "L2 weight lambda.")
  double regularization;

  @Option(names = "--alpha", defaultValue = "10", description = "Confidence scale: c = 1 + alpha * w.")
  double alpha;

  @Option(names = "--cg-steps", defaultValue = "3", description = "Conjugate-gradient steps per row.")
  int cgSteps;

  @Option(names = "--clusters", defaultValue = "auto", description = "Mixture components K, or auto (BIC over 2,4,8,16).")
  String clusters;

  @Option(names = "--covariance", defaultValue = "diag", description = "full or diag.")
  String covariance;

  @Option(names = "--reg-covar", defaultValue = "1e-4", description = "Added to covariance diagonals.")
  double regCovar;

  @Option(names = "--n-init", defaultValue = "2", description = "EM restarts; the best lower bound is kept.")
  int nInit;

  @Option(names = "--max-em-iterations", defaultValue = "100", description = "EM iterations per run.")
  int maxEmIterations;

  @Option(names = "--cluster-prior", defaultValue = "1.0", description = "Dirichlet smoothing of user affinities toward the mixture weights.")
  double clusterPrior;

  @Option(names = "--events", defaultValue = InteractionLoader.DEFAULT_EVENTS, description = "Weights of event types.")
  String events;

  @Option(names = "--max-errors", defaultValue = "0", description = "Bad lines tolerated (each is reported).")
  long maxErrors;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--threads", defaultValue = "2", description = "Worker threads.")
  int threads;

  @Override
  public Integer call() throws Exception {
    try {
      return train();
    } catch (BadInputException | IllegalArgumentException e) {
      System.err.println("train: " + e.getMessage());
      return 2;
    }
  }

  private int train() throws Exception {
    if (!covariance.equals("full") && !covariance.equals("diag")) {
      throw new IllegalArgumentException("--covariance must be full or diag, got '" + covariance + "'");
    }
    AlsConfig als = new AlsConfig(factors, iterations, regularization, alpha, cgSteps, seed, threads);
    InteractionLoader loader = new InteractionLoader(events, maxErrors, System.err);
    Interactions data = loader.load(interactions);
    if (data.nonZeros() == 0) {
      throw new BadInputException("no usable interactions in " + interactions);
    }
    long start = System.nanoTime();
    ImplicitAls.Factors f;
    try (ProgressBar bar = bar("ALS", iterations)) {
      f = new ImplicitAls(als).fit(data.users(), data.items(), data.userPtr(), data.userItems(),
          data.userWeights(), data.itemPtr(), data.itemUsers(), data.itemWeights(),
          (it, loss, s) -> {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g", loss));
          });
    }
    double alsSeconds = (System.nanoTime() - start) / 1e9;

    int n = data.items();
    GaussianMixture gmm = fitMixture(f.items(), n);
    // One pass of log-densities serves both the stored l_ik and the responsibilities.
    double[] resp = gmm.logDensityMatrix(f.items(), n);
    float[] logDensity = new float[resp.length];
    for (int i = 0; i < resp.length; i++) {
      logDensity[i] = (float) resp[i];
    }
    gmm.toResponsibilities(resp, n);
    double[] weights = gmm.weights();
    float[] logAffinity = UserClusterAffinity.logAffinities(data.users(), data.userPtr(),
        data.userItems(), data.userWeights(), resp, weights, clusterPrior);
    float[] logWeights = new float[weights.length];
    for (int c = 0; c < logWeights.length; c++) {
      logWeights[c] = (float) Math.log(weights[c]);
    }

    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("iterations", iterations);
    hyper.put("regularization", regularization);
    hyper.put("alpha", alpha);
    hyper.put("cgSteps", cgSteps);
    hyper.put("clusters", clusters);
    hyper.put("covariance", covariance);
    hyper.put("regCovar", regCovar);
    hyper.put("nInit", nInit);
    hyper.put("clusterPrior", clusterPrior);
    hyper.put("events", events);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("als.finalLoss", f.lossPerIteration()[iterations - 1]);
    metrics.put("als.seconds", alsSeconds);
    metrics.put("gmm.meanLogLikelihood", gmm.lowerBound());
    String modelId = modelId(data.fingerprint(), hyper);
    ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, modelId,
        Instant.now().toString(), "implicit-als", factors, gmm.components(), covariance,
        data.users(), data.items(), seed, data.fingerprint(), hyper, metrics);
    ModelDirectory.write(out, new ModelDirectory.Model(manifest, data.userIds(), data.itemIds(),
        f.users(), f.items(), logDensity, logAffinity, logWeights));
    gmm.writeJson(out.resolve("gmm.json"));
    System.out.printf(Locale.ROOT,
        "model %s%n  users %,d  items %,d  pairs %,d%n  ALS k=%d, %d iterations, %.1f s, loss %.4g%n"
            + "  mixture K=%d (%s), mean log-likelihood %.4f%n  written to %s%n",
        modelId, data.users(), data.items(), data.nonZeros(), factors, iterations, alsSeconds,
        f.lossPerIteration()[iterations - 1], gmm.components(), covariance, gmm.lowerBound(), out);
    return 0;
  }

  private GaussianMixture fitMixture(float[] items, int n) {
    boolean full = covariance.equals("full");
    int[] candidates;
    if (clusters.equals("auto")) {
      candidates = java.util.stream.IntStream.of(2, 4, 8, 16).filter(k -> k <= n).toArray();
    } else {
      try {
        candidates = new int[] {Integer.parseInt(clusters)};
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--clusters must be a number or auto, got '" + clusters + "'");
      }
    }
    GaussianMixture best = null;
    double bestBic = Double.POSITIVE_INFINITY;
    try (ProgressBar bar = bar("EM", (long) candidates.length * nInit * maxEmIterations)) {
      for (int k : candidates) {
        var config = new GaussianMixtureEm.Config(k, full, maxEmIterations, 1e-4, regCovar, nInit, seed);
        GaussianMixture m = GaussianMixtureEm.fit(items, n, factors, config, (run, it, ll) -> bar.step());
        double bic = m.bic(items, n);
        if (bic < bestBic) {
          bestBic = bic;
          best = m;
        }
      }
      bar.stepTo(bar.getMax());
    }
    return best;
  }

  private String modelId(String fingerprint, Map<String, Object> hyper) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((fingerprint + factors + seed + hyper).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    return "m" + time + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 6);
  }

  static ProgressBar bar(String task, long max) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250).build();
  }
}
