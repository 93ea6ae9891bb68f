package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.eval.SplitMode;

/** The one-box session's cores, and what the Spark engine's holdout refuses. */
class CliSparkSessionTest {
  @Test
  void localMastersGiveTheirCores() {
    assertEquals(1, CliSparkSession.localCores("local"));
    assertEquals(2, CliSparkSession.localCores("local[2]"));
    assertEquals(3, CliSparkSession.localCores("local[3,4]"));
    assertEquals(
        Runtime.getRuntime().availableProcessors(), CliSparkSession.localCores("local[*]"));
    assertEquals(0, CliSparkSession.localCores("spark://host:7077"));
    assertEquals(0, CliSparkSession.localCores("yarn"));
  }

  @Test
  void splitLastIsLocalOnly() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> SparkHoldout.check(new HoldoutConfig(0.2, SplitMode.LAST, 10, 0)));
    assertEquals("--split last: the Spark engine holds out random items only", e.getMessage());
  }
}
