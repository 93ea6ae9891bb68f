package org.solrpersonalize.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import org.solrpersonalize.trainer.clicks.ClickLog;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;
import org.solrpersonalize.trainer.demo.UserTaste;

/**
 * Simulated shoppers clicking on pages, for the demo's interleaving loop: each shopper has the
 * planted taste the demo generator gave her ({@link UserTaste}), each product its taste segment,
 * and clicks follow a {@link ClickModel}. The impressions are written in the click-log format that
 * {@code bin/trainer interleaving-report} and {@code fit-weights} read.
 *
 * <pre>{@code
 * ClickSimulator shoppers = new ClickSimulator(ClickModel.DEFAULT, segmentIndexOfProduct);
 * Impression seen = shoppers.click("u000042", taste, "black", page);
 * ClickLog.write(seen, out);
 * }</pre>
 *
 * Not thread-safe: one simulator draws its clicks from one seeded stream, in call order.
 */
public final class ClickSimulator {
  /** What {@code segmentOf} answers for a product of unknown segment. */
  public static final int UNKNOWN_SEGMENT = -1;

  private final ClickModel model;
  private final ToIntFunction<String> segmentOf;
  private final SplittableRandom random;

  /**
   * @param segmentOf a product id's taste segment, an index into the vocabulary's segments as in
   *     {@link UserTaste}, or {@link #UNKNOWN_SEGMENT}
   */
  public ClickSimulator(ClickModel model, ToIntFunction<String> segmentOf) {
    this.model = model;
    this.segmentOf = segmentOf;
    this.random = new SplittableRandom(model.seed());
  }

  /** The probability a shopper of {@code taste} clicks the product once she examined it. */
  public double attraction(UserTaste taste, String productId) {
    int segment = segmentOf.applyAsInt(productId);
    if (segment == UNKNOWN_SEGMENT) {
      return model.otherClick();
    }
    if (segment == taste.primary()) {
      return model.primaryClick();
    }
    return taste.hasSecondary() && segment == taste.secondary()
        ? model.secondaryClick()
        : model.otherClick();
  }

  /** One shopper's clicks on one page (documents in the order shown). */
  public Impression click(String user, UserTaste taste, String query, List<ShownDocument> page) {
    Set<String> clicks = new LinkedHashSet<>();
    for (int rank = 0; rank < page.size(); rank++) {
      ShownDocument doc = page.get(rank);
      // Two draws per document whatever the outcome: a page's clicks do not shift later pages'.
      boolean examined = random.nextDouble() < model.examination(rank);
      boolean attracted = random.nextDouble() < attraction(taste, doc.id());
      if (examined && attracted) {
        clicks.add(doc.id());
      }
    }
    return new Impression(user, query, page, clicks);
  }

  /** {@link #click} and its line of the click log. */
  public Impression clickAndLog(
      String user, UserTaste taste, String query, List<ShownDocument> page, Writer log)
      throws IOException {
    Impression impression = click(user, taste, query, page);
    ClickLog.write(impression, log);
    return impression;
  }
}
