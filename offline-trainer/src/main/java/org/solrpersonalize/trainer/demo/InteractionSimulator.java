package org.solrpersonalize.trainer.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated shoppers with planted taste segments. Each user has a primary segment (and maybe a weak
 * secondary one) and a seeded stream of sessions over the simulated period. A session picks a
 * segment (the primary one with probability {@code inSegmentShare}), lands on a popular product of
 * that segment, browses a few more products of the same category, puts some in the cart and buys
 * some of those.
 *
 * <pre>{@code
 * CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), 42);
 * InteractionSimulator simulator =
 *     new InteractionSimulator(catalog, 20_000, SimulationConfig.defaults(2_000, 42));
 * simulator.write(dir.resolve("interactions.csv"), dir.resolve("users.csv"));
 * }</pre>
 *
 * User {@code u} depends only on the seed and {@code u}: results do not depend on the number of
 * users simulated before it or on the order of simulation.
 */
public final class InteractionSimulator {
  private final CatalogVocabulary vocabulary;
  private final SimulationConfig config;
  private final ProductPopularity popularity;
  private final WeightedSampler segmentOfUsers;

  public InteractionSimulator(CatalogGenerator catalog, int products, SimulationConfig config) {
    if (products < 1 || products > CatalogGenerator.MAX_PRODUCTS) {
      throw new IllegalArgumentException(
          "products must be in [1, " + CatalogGenerator.MAX_PRODUCTS + "], got " + products);
    }
    this.vocabulary = catalog.vocabulary();
    this.config = config;
    this.popularity =
        new ProductPopularity(catalog, products, config.popularitySkew(), config.seed());
    this.segmentOfUsers =
        WeightedSampler.of(vocabulary.segments(), CatalogVocabulary.Segment::weight);
  }

  /** {@code u} followed by the zero-padded index: {@code userId(7)} is {@code u000007}. */
  public static String userId(int index) {
    if (index < 0 || index >= SimulationConfig.MAX_USERS) {
      throw new IllegalArgumentException(
          "user index must be in [0, " + SimulationConfig.MAX_USERS + "), got " + index);
    }
    return "u" + CatalogGenerator.zeroPadded(index, 6);
  }

  /** The planted taste of user {@code user}. */
  public UserTaste taste(int user) {
    return drawTaste(randomFor(user));
  }

  /** Index into {@code vocabulary.segments()} of the taste segment of product {@code product}. */
  public int segmentOfProduct(int product) {
    return popularity.segmentOf(product);
  }

  /** The events of user {@code user}, in time order. */
  public List<Interaction> simulate(int user) {
    List<Interaction> events = new ArrayList<>();
    SplittableRandom random = randomFor(user);
    UserTaste taste = drawTaste(random);
    int sessions = sessionCount(random);
    long periodSeconds = config.days() * 86_400L;
    long periodStart = config.end().getEpochSecond() - periodSeconds;
    long[] starts = new long[sessions];
    for (int s = 0; s < sessions; s++) {
      starts[s] = periodStart + (long) (random.nextDouble() * periodSeconds);
    }
    Arrays.sort(starts);
    long clock = Long.MIN_VALUE;
    for (long start : starts) {
      // Sessions never overlap: a session starting during the previous one waits for its end.
      clock =
          session(user, sessionSegment(taste, random), Math.max(start, clock + 60), random, events);
    }
    return events;
  }

  // A session's funnel: views, then carts among the viewed, then purchases among the carted.
  /** Probability that a session goes on to one more product view. */
  private static final double NEXT_VIEW = 0.6;

  private static final int MAX_VIEWS = 12;
  private static final double CART_AFTER_VIEW = 0.15;
  private static final double PURCHASE_AFTER_CART = 0.5;

  /** One session; returns the time of its last event. */
  private long session(
      int user, int segment, long start, SplittableRandom random, List<Interaction> sink) {
    int anchor = popularity.drawFromSegment(segment, random);
    int category = popularity.categoryOf(anchor);
    int views = 1;
    while (views < MAX_VIEWS && random.nextDouble() < NEXT_VIEW) {
      views++;
    }
    int[] carted = new int[views];
    int carts = 0;
    long clock = start;
    for (int v = 0; v < views; v++) {
      int product = v == 0 ? anchor : popularity.drawFromCategory(category, random);
      sink.add(new Interaction(user, product, InteractionEvent.VIEW, clock));
      if (random.nextDouble() < CART_AFTER_VIEW) {
        clock += 5 + random.nextInt(55);
        sink.add(new Interaction(user, product, InteractionEvent.CART, clock));
        carted[carts++] = product;
      }
      clock += 15 + random.nextInt(165);
    }
    for (int c = 0; c < carts; c++) {
      if (random.nextDouble() < PURCHASE_AFTER_CART) {
        clock += 30 + random.nextInt(270);
        sink.add(new Interaction(user, carted[c], InteractionEvent.PURCHASE, clock));
      }
    }
    return clock;
  }

  /**
   * Writes {@code interactions.csv} ({@code user,item,event,timestamp}, ISO-8601 UTC, grouped by
   * user and in time order within a user) and {@code users.csv} ({@code user,segment}, the primary
   * segment).
   */
  public SimulationSummary write(Path interactionsCsv, Path usersCsv) throws IOException {
    long interactions = 0;
    long inPrimarySegment = 0;
    try (BufferedWriter events = Files.newBufferedWriter(interactionsCsv, StandardCharsets.UTF_8);
        BufferedWriter users = Files.newBufferedWriter(usersCsv, StandardCharsets.UTF_8)) {
      events.write("user,item,event,timestamp\n");
      users.write("user,segment\n");
      for (int u = 0; u < config.users(); u++) {
        int primary = taste(u).primary();
        String id = userId(u);
        users.write(id + ',' + vocabulary.segments().get(primary).name() + '\n');
        for (Interaction event : simulate(u)) {
          events.write(
              id
                  + ','
                  + CatalogGenerator.productId(event.product())
                  + ','
                  + event.event().option()
                  + ','
                  + Instant.ofEpochSecond(event.epochSecond())
                  + '\n');
          interactions++;
          inPrimarySegment += popularity.segmentOf(event.product()) == primary ? 1 : 0;
        }
      }
    }
    return new SimulationSummary(config.users(), interactions, inPrimarySegment);
  }

  private UserTaste drawTaste(SplittableRandom random) {
    int primary = segmentOfUsers.sample(random);
    int secondary = UserTaste.NONE;
    if (popularity.segments() > 1 && random.nextDouble() < config.secondaryUserShare()) {
      do {
        secondary = segmentOfUsers.sample(random);
      } while (secondary == primary);
    }
    return new UserTaste(primary, secondary);
  }

  // Sessions per user: log-normal around the configured median, capped.
  private static final double SESSION_SPREAD = 0.9;
  private static final int MAX_SESSIONS = 200;

  private int sessionCount(SplittableRandom random) {
    double sessions = config.medianSessions() * Math.exp(SESSION_SPREAD * random.nextGaussian());
    return (int) Math.max(1, Math.min(MAX_SESSIONS, Math.round(sessions)));
  }

  private int sessionSegment(UserTaste taste, SplittableRandom random) {
    double r = random.nextDouble();
    if (r < config.inSegmentShare() || popularity.segments() == 1) {
      return taste.primary();
    }
    if (taste.hasSecondary() && r < config.inSegmentShare() + config.secondaryShare()) {
      return taste.secondary();
    }
    int other = random.nextInt(popularity.segments() - 1);
    return other >= taste.primary() ? other + 1 : other;
  }

  private SplittableRandom randomFor(int user) {
    return StreamSeeds.random(config.seed(), StreamSeeds.USERS, user);
  }
}
