package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.publish.PublishListener;

/**
 * What a Spark publish's write phase shows: the phase with its total before any task runs, then the
 * documents of the finished partitions, adding up to exactly what the executors wrote.
 */
class SparkWriteProgressTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("SparkWriteProgressTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Records the calls as lines: {@code phase users 10}, {@code wrote users 3}. */
  private static final class Recorder implements PublishListener {
    final List<String> calls = new ArrayList<>();
    long written;

    @Override
    public synchronized void onPhase(String phase, long total) {
      calls.add("phase " + phase + " " + total);
    }

    @Override
    public synchronized void onBatchWritten(String phase, int documents) {
      calls.add("wrote " + phase);
      written += documents;
    }
  }

  @Test
  void theBarsTotalIsAnnouncedAndTheWrittenDocumentsAddUpToIt() {
    Recorder recorder = new Recorder();
    List<List<Integer>> parts =
        List.of(List.of(1, 2, 3), List.of(4, 5), List.of(6, 7, 8, 9), List.of(10));
    try (SparkWriteProgress progress =
        SparkWriteProgress.start(spark.sparkContext(), recorder, "users", 10)) {
      assertEquals(List.of("phase users 10"), recorder.calls);
      LongAccumulator written = progress.written();
      JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(parts, parts.size())
          .foreach(part -> written.add(part.size()));
    }
    assertEquals(10, recorder.written);
    assertEquals("phase users 10", recorder.calls.get(0));
    // One step per finished partition at most (several when task ends queue up), never zero.
    int steps = recorder.calls.size() - 1;
    assertTrue(steps >= 1 && steps <= parts.size(), recorder.calls.toString());
  }

  @Test
  void aClosedPhaseReportsNothingMore() {
    Recorder recorder = new Recorder();
    LongAccumulator written;
    try (SparkWriteProgress progress =
        SparkWriteProgress.start(spark.sparkContext(), recorder, "catalog", 3)) {
      written = progress.written();
      JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(Arrays.asList(1, 2, 3), 2)
          .foreach(row -> written.add(1));
    }
    JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(Arrays.asList(1, 2), 2)
        .foreach(row -> written.add(1));
    assertEquals(3, recorder.written);
  }
}
