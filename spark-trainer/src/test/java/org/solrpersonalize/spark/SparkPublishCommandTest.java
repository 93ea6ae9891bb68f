package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The Spark engine's {@code publish} parses the flags it shares with {@code bin/trainer publish}
 * ({@code trainer.cli.PublishFlags}) and refuses a bad target as it does, before Spark starts.
 */
class SparkPublishCommandTest {
  private static String errorOf(String... args) {
    StringWriter stderr = new StringWriter();
    int code =
        SparkTrainerCli.run(new PrintWriter(new StringWriter()), new PrintWriter(stderr), args);
    assertEquals(2, code, stderr.toString());
    return stderr.toString().trim();
  }

  @Test
  void aPublishWithoutSolrOrZooKeeperIsRefused() {
    assertEquals(
        "error: give --solr URL or --zk HOSTS", errorOf("publish", "--model", "/nonexistent"));
  }

  @Test
  void noProgressIsAcceptedAsByBinTrainerPublish() {
    assertEquals(
        "error: give --solr URL or --zk HOSTS",
        errorOf("publish", "--model", "/nonexistent", "--no-progress"));
  }

  @Test
  void bothSolrAndZooKeeperAreRefused() {
    assertEquals(
        "error: give exactly one of --solr URL or --zk HOSTS",
        errorOf(
            "publish",
            "--model",
            "/nonexistent",
            "--solr",
            "http://127.0.0.1:8983/solr",
            "--zk",
            "127.0.0.1:2181"));
  }

  @Test
  void theSameCollectionForCatalogAndUsersIsRefused() {
    assertEquals(
        "error: --catalog and --users must name different collections, both are 'shop'",
        errorOf(
            "publish",
            "--model",
            "/nonexistent",
            "--zk",
            "127.0.0.1:2181",
            "--catalog",
            "shop",
            "--users",
            "shop"));
  }
}
