package org.solrpersonalize.solr.interleave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamDraftInterleavingTest {
  private static final List<String> ACTIVE = List.of("p1", "p2", "p3", "p4", "p5");
  private static final List<String> CANDIDATE = List.of("p2", "p4", "p5", "p3", "p1");

  private static TeamDraftInterleaving.Pick<String> active(String id) {
    return new TeamDraftInterleaving.Pick<>(id, Team.ACTIVE);
  }

  private static TeamDraftInterleaving.Pick<String> candidate(String id) {
    return new TeamDraftInterleaving.Pick<>(id, Team.CANDIDATE);
  }

  @Test
  void theSeedIsFnv1aOfUserAndQueryAndSeparatesThem() {
    // Pinned: coordinators and cores of any version must flip the same coins for a request.
    assertEquals(3829908963128385027L, TeamDraftInterleaving.seed("u1", "*:*"));
    assertEquals(-8161745221332602168L, TeamDraftInterleaving.seed("u1", "shoe"));
    assertNotEquals(TeamDraftInterleaving.seed("ab", "c"), TeamDraftInterleaving.seed("a", "bc"));
    assertEquals(TeamDraftInterleaving.seed(null, null), TeamDraftInterleaving.seed("", ""));
  }

  @Test
  void eachRoundTheTeamWithFewerPicksOrTheCoinsWinnerTakesItsBestDocumentNotOnThePage() {
    // Coins of seed(u1, *:*): false, true, true, ... (false: the candidate picks).
    // 1 tie, coin false: candidate p2; 2 active behind: p1; 3 tie, coin true: active p3;
    // 4 candidate behind: p4 (p2 taken); 5 tie, coin true: active p5 (p4 taken).
    assertEquals(
        List.of(candidate("p2"), active("p1"), active("p3"), candidate("p4"), active("p5")),
        TeamDraftInterleaving.interleave(
            ACTIVE, CANDIDATE, 5, TeamDraftInterleaving.seed("u1", "*:*")));
    // Coins of seed(u1, shoe): true, false, true, ...
    // 1 tie, coin true: active p1; 2 candidate p2; 3 tie, coin false: candidate p4;
    // 4 active behind: p3 (p2 taken); 5 tie, coin true: active p5.
    assertEquals(
        List.of(active("p1"), candidate("p2"), candidate("p4"), active("p3"), active("p5")),
        TeamDraftInterleaving.interleave(
            ACTIVE, CANDIDATE, 5, TeamDraftInterleaving.seed("u1", "shoe")));
  }

  @Test
  void aTeamWithNothingLeftYieldsAndThePageEndsWhenBothRunOut() {
    List<TeamDraftInterleaving.Pick<String>> page =
        TeamDraftInterleaving.interleave(List.of("a"), List.of("a", "b", "c"), 10, 1L);
    assertEquals(3, page.size());
    assertEquals(
        List.of("b", "c"),
        page.subList(1, 3).stream().map(p -> p.item()).toList(),
        page.toString());
    assertEquals(Team.CANDIDATE, page.get(2).team());
  }

  @Test
  void theFirstPicksReadOnlyTheTopOfEachRankingSoACoordinatorNeedsNoMore() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      List<Integer> a = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        a.add(i);
      }
      List<Integer> b = new ArrayList<>(a);
      Collections.shuffle(a, random);
      Collections.shuffle(b, random);
      int length = 1 + random.nextInt(30);
      long seed = random.nextLong();
      List<TeamDraftInterleaving.Pick<Integer>> full =
          TeamDraftInterleaving.interleave(a, b, length, seed);
      assertEquals(
          full,
          TeamDraftInterleaving.interleave(
              a.subList(0, length), b.subList(0, length), length, seed));
      Set<Integer> seen = new HashSet<>();
      int active = 0;
      for (TeamDraftInterleaving.Pick<Integer> p : full) {
        assertTrue(seen.add(p.item()), "no document twice");
        active += p.team() == Team.ACTIVE ? 1 : 0;
      }
      assertTrue(Math.abs(2 * active - length) <= 1, "team counts differ by at most one");
    }
  }
}
