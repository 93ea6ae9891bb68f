package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishOptionsTest {
  private static PublishOptions coverage(double minCoverage) {
    return new PublishOptions(
        500, 2, Duration.ofSeconds(60), null, false, minCoverage, PublishOptions.DEFAULT_SEEN_MAX);
  }

  @Test
  void theMinimumIsTheCoverageRoundedUpAndAtLeastOneItem() {
    assertEquals(3, coverage(0.1).minimumItems(25));
    assertEquals(1, coverage(0.1).minimumItems(3));
    assertEquals(1, coverage(0).minimumItems(1_000));
    assertEquals(1_000, coverage(1).minimumItems(1_000));
    assertEquals(0.1, PublishOptions.defaults().minCoverage());
  }

  @Test
  void aCoverageOutsideZeroToOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> coverage(1.5));
    assertEquals("minimum coverage must be a fraction in 0..1, got 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> coverage(Double.NaN));
  }

  @Test
  void theHeartbeatBeatsFourTimesPerTimeoutAtMostEveryHalfSecond() {
    assertEquals(Duration.ofMillis(500), PublishLock.heartbeatPeriod(Duration.ofSeconds(60)));
    assertEquals(Duration.ofMillis(250), PublishLock.heartbeatPeriod(Duration.ofSeconds(1)));
    assertEquals(Duration.ofMillis(50), PublishLock.heartbeatPeriod(Duration.ofMillis(100)));
  }
}
