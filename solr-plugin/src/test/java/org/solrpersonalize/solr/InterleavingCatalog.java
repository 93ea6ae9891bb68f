package org.solrpersonalize.solr;

import java.util.ArrayList;
import java.util.List;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * The catalog of the interleaving tests, standalone and SolrCloud: p1..p5 with the active m1's item
 * vectors (x, 0) in slot a, x = 5, 4, 3, 2, 1, and the candidate m2's (0, y) in slot b, y = 1, 5,
 * 2, 4, 3. With {@code textWeight=0 norm=none} a score is the dot product alone, and every text
 * score of {@code *:*} is 1 (text order p1..p5).
 */
public final class InterleavingCatalog {
  static final String[] IDS = {"p1", "p2", "p3", "p4", "p5"};
  static final float[] ACTIVE_X = {5, 4, 3, 2, 1};
  static final float[] CANDIDATE_Y = {1, 5, 2, 4, 3};

  /**
   * The page of a user only one model has a profile of, every node's and one core's.
   *
   * @param noProfile the team of the model without a profile, which shows the text order
   * @param reason the {@code [personalize]} fallback of the documents that team placed
   */
  public record Page(
      String user,
      List<String> ids,
      List<String> teams,
      List<Float> scores,
      String noProfile,
      String reason) {}

  /**
   * u4 = (0, 1) has a profile in m2 only: the active team's text order p1..p5 against m2's p2, p4,
   * p5, p3, p1, coins of seed(u4, *:*): candidate p2, active p1, candidate p4, active p3, active
   * p5.
   */
  public static final Page NEW_USER_OF_CANDIDATE =
      new Page(
          "u4",
          List.of("p2", "p1", "p4", "p3", "p5"),
          List.of("candidate", "active", "candidate", "active", "active"),
          List.of(5f, 1f, 4f, 1f, 1f),
          "active",
          "user-in-other-model");

  /**
   * u5 = (-1, 0) has a profile in m1 only: m1's p5, p4, p3, p2, p1 (scores -1..-5) against the
   * candidate's text order, coins of seed(u5, *:*): active p5, candidate p1, candidate p2, active
   * p4, candidate p3.
   */
  public static final Page DROPPED_BY_CANDIDATE =
      new Page(
          "u5",
          List.of("p5", "p1", "p2", "p4", "p3"),
          List.of("active", "candidate", "candidate", "active", "candidate"),
          List.of(-1f, 1f, 1f, -2f, 1f),
          "candidate",
          "user-not-in-candidate");

  private InterleavingCatalog() {}

  /** p1..p5 with both models' fields. */
  public static List<SolrInputDocument> products() {
    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 0; i < IDS.length; i++) {
      SolrInputDocument doc = new SolrInputDocument("id", IDS[i], "title", "shoe " + IDS[i]);
      doc.setField("pz_item_a", VectorCodec.encode(new float[] {ACTIVE_X[i], 0}));
      doc.setField("pz_model_a", ModelFields.modelTag("m1"));
      doc.setField("pz_item_b", VectorCodec.encode(new float[] {0, CANDIDATE_Y[i]}));
      doc.setField("pz_model_b", ModelFields.modelTag("m2"));
      products.add(doc);
    }
    return products;
  }
}
