package org.solrpersonalize.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.random.RowSeeds;

/**
 * Seeded interactions with planted taste segments and skewed popularity, to measure speed and to
 * choose defaults on data with a known structure. Events are {@code view}, {@code cart} and {@code
 * purchase} (weights 1, 3, 5 under the default mapping) with probabilities 0.8, 0.15, 0.05; each
 * user's events are one minute apart, so leave-last-out has a clear order.
 *
 * <pre>{@code
 * Interactions data = SyntheticInteractions.generate(SyntheticConfig.forInteractions(1_000_000, 42));
 * }</pre>
 */
public final class SyntheticInteractions {
  static final String[] EVENTS = {"view", "cart", "purchase"};
  static final float[] EVENT_WEIGHTS = {1f, 3f, 5f};
  private static final long START_MILLIS = 1_700_000_000_000L;

  private final SyntheticConfig config;
  private final int[] userSegment;
  private final int[] eventsPerUser;
  private final double[][] segmentCdf;
  private final double[] globalCdf;

  public SyntheticInteractions(SyntheticConfig config) {
    this.config = config;
    SplittableRandom random = new SplittableRandom(config.seed());
    userSegment = new int[config.users()];
    for (int u = 0; u < config.users(); u++) {
      userSegment[u] = random.nextInt(config.segments());
    }
    eventsPerUser = activity(config, random);
    segmentCdf = new double[config.segments()][];
    for (int s = 0; s < config.segments(); s++) {
      int size = (config.items() - s + config.segments() - 1) / config.segments();
      segmentCdf[s] = zipfCdf(size, config.zipfExponent());
    }
    globalCdf = zipfCdf(config.items(), config.zipfExponent());
  }

  /** Every user gets one event, the rest go to users in proportion to a log-normal activity. */
  private static int[] activity(SyntheticConfig config, SplittableRandom random) {
    double[] cdf = new double[config.users()];
    double total = 0;
    for (int u = 0; u < config.users(); u++) {
      total += Math.exp(random.nextGaussian());
      cdf[u] = total;
    }
    int[] counts = new int[config.users()];
    Arrays.fill(counts, 1);
    for (int e = config.users(); e < config.interactions(); e++) {
      counts[sample(cdf, random.nextDouble() * total)]++;
    }
    return counts;
  }

  private static double[] zipfCdf(int size, double exponent) {
    double[] cdf = new double[size];
    double total = 0;
    for (int r = 0; r < size; r++) {
      total += 1.0 / Math.pow(r + 1, exponent);
      cdf[r] = total;
    }
    return cdf;
  }

  private static int sample(double[] cdf, double target) {
    int at = Arrays.binarySearch(cdf, target);
    return Math.min(cdf.length - 1, at >= 0 ? at : -at - 1);
  }

  /** The planted segment of each user. */
  public int[] userSegments() {
    return userSegment.clone();
  }

  public static Interactions generate(SyntheticConfig config) {
    return new SyntheticInteractions(config).interactions();
  }

  /** All events as interactions with ids {@code u<index>} and {@code i<index>}. */
  public Interactions interactions() {
    int n = config.interactions();
    int[] users = new int[n];
    int[] items = new int[n];
    float[] weights = new float[n];
    long[] times = new long[n];
    int[] e = {0};
    forEachEvent(
        (user, item, event, time) -> {
          users[e[0]] = user;
          items[e[0]] = item;
          weights[e[0]] = EVENT_WEIGHTS[event];
          times[e[0]++] = time;
        });
    return Interactions.fromTriples(
        ids("u", config.users()),
        ids("i", config.items()),
        users,
        items,
        weights,
        times,
        "synthetic:" + config);
  }

  /** Writes the events as CSV {@code user,item,event,timestamp}, streaming. */
  public void writeCsv(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("user,item,event,timestamp\n");
      IOException[] failure = {null};
      forEachEvent(
          (user, item, event, time) -> {
            if (failure[0] != null) {
              return;
            }
            try {
              out.write("u" + user + ",i" + item + "," + EVENTS[event] + "," + time / 1000 + "\n");
            } catch (IOException ex) {
              failure[0] = ex;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  @FunctionalInterface
  interface EventSink {
    void accept(int user, int item, int event, long epochMillis);
  }

  void forEachEvent(EventSink sink) {
    for (int u = 0; u < config.users(); u++) {
      SplittableRandom random =
          new SplittableRandom(RowSeeds.of(config.seed(), RowSeeds.SYNTHETIC_EVENTS, u));
      long time = START_MILLIS + random.nextLong(30L * 24 * 3600 * 1000);
      for (int j = 0; j < eventsPerUser[u]; j++) {
        int item;
        if (random.nextDouble() < config.homeShare()) {
          int s = userSegment[u];
          double[] cdf = segmentCdf[s];
          item = s + config.segments() * sample(cdf, random.nextDouble() * cdf[cdf.length - 1]);
        } else {
          item = sample(globalCdf, random.nextDouble() * globalCdf[globalCdf.length - 1]);
        }
        double draw = random.nextDouble();
        int event = draw < 0.8 ? 0 : draw < 0.95 ? 1 : 2;
        sink.accept(u, item, event, time);
        time += 60_000;
      }
    }
  }

  private static List<String> ids(String prefix, int count) {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return prefix + index;
      }

      @Override
      public int size() {
        return count;
      }
    };
  }
}
