package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionSimulatorTest {
  private final CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), 42);

  @Test
  void aUserDoesNotDependOnHowManyUsersAreSimulated() {
    InteractionSimulator few =
        new InteractionSimulator(catalog, 500, SimulationConfig.defaults(10, 42));
    InteractionSimulator many =
        new InteractionSimulator(catalog, 500, SimulationConfig.defaults(5_000, 42));
    assertEquals(few.taste(7), many.taste(7));
    assertEquals(few.simulate(7), many.simulate(7));
    assertFalse(few.simulate(7).isEmpty());
  }

  @Test
  void everyCartFollowsAViewAndEveryPurchaseACart() {
    InteractionSimulator simulator =
        new InteractionSimulator(catalog, 500, SimulationConfig.defaults(50, 42));
    int purchases = 0;
    for (int u = 0; u < 50; u++) {
      List<Interaction> events = simulator.simulate(u);
      for (int i = 0; i < events.size(); i++) {
        Interaction event = events.get(i);
        InteractionEvent before =
            event.event() == InteractionEvent.CART
                ? InteractionEvent.VIEW
                : event.event() == InteractionEvent.PURCHASE ? InteractionEvent.CART : null;
        if (before != null) {
          boolean found = false;
          for (Interaction earlier : events.subList(0, i)) {
            found |= earlier.product() == event.product() && earlier.event() == before;
          }
          assertTrue(found, "user " + u + " event " + i + " " + event);
        }
        purchases += event.event() == InteractionEvent.PURCHASE ? 1 : 0;
      }
    }
    assertTrue(purchases > 0);
  }

  @Test
  void withFullInSegmentShareEveryEventIsInThePrimarySegment() {
    SimulationConfig focused =
        new SimulationConfig(40, 42, 1.0, 0, 0, 0.9, 4, 90, SimulationConfig.DEFAULT_END);
    InteractionSimulator simulator = new InteractionSimulator(catalog, 500, focused);
    for (int u = 0; u < 40; u++) {
      int primary = simulator.taste(u).primary();
      for (Interaction event : simulator.simulate(u)) {
        assertEquals(primary, simulator.segmentOfProduct(event.product()), "user " + u);
      }
    }
  }

  @Test
  void userIdsAreZeroPaddedToSixDigits() {
    assertEquals("u000007", InteractionSimulator.userId(7));
    assertEquals("u999999", InteractionSimulator.userId(999_999));
  }

  @Test
  void aCatalogTooSmallForEverySegmentIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new InteractionSimulator(catalog, 3, SimulationConfig.defaults(10, 42)));
    assertTrue(
        e.getMessage().startsWith("a catalog of 3 products has none in segment '"), e.getMessage());
  }

  @Test
  void configRejectsSharesAboveOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SimulationConfig(
                    10, 42, 0.9, 0.3, 0.2, 0.9, 4, 90, SimulationConfig.DEFAULT_END));
    assertEquals("inSegmentShare + secondaryShare must be <= 1, got 1.1", e.getMessage());
  }
}
