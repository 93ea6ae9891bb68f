package org.solrpersonalize.solr.interleave;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims, CIKM 2008): in each round the team with
 * fewer picks, or on a tie the winner of a coin flip, takes its highest-ranked document not yet on
 * the page. A team whose ranking has nothing left yields its turn to the other. The coin is seeded
 * by the request ({@link #seed}), so a reload shows the same page. Example, active ranking (a, b,
 * c), candidate ranking (b, a, d), first coin for the candidate: candidate b, active a, then a coin
 * between active c and candidate d.
 *
 * <p>The first {@code length} picks read at most the first {@code length} documents of each
 * ranking, so a coordinator that holds each ranking's global top {@code start + rows} builds the
 * same page as one core holding the whole window.
 */
public final class TeamDraftInterleaving {
  private TeamDraftInterleaving() {}

  /** One document of the interleaved page and the team that picked it. */
  public record Pick<T>(T item, Team team) {}

  /**
   * The seed of a request's coin flips: a 64-bit FNV-1a hash of the user and the query string,
   * stable across JVMs and nodes (unlike {@code String.hashCode} mixing, it is specified here).
   */
  public static long seed(String user, String query) {
    long hash = 0xcbf29ce484222325L;
    for (String part : new String[] {user == null ? "" : user, query == null ? "" : query}) {
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        hash ^= b & 0xff;
        hash *= 0x100000001b3L;
      }
      hash ^= 0xff; // a separator no UTF-8 byte sequence contains: ("ab","c") != ("a","bc")
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /**
   * The first {@code length} picks of the interleaving of {@code active} and {@code candidate}
   * (each best first, without repeats); fewer when both run out.
   */
  public static <T> List<Pick<T>> interleave(
      List<T> active, List<T> candidate, int length, long seed) {
    SplittableRandom coin = new SplittableRandom(seed);
    Set<T> onPage = new HashSet<>();
    List<Pick<T>> page = new ArrayList<>(Math.max(0, length));
    int activeNext = 0;
    int candidateNext = 0;
    int activePicks = 0;
    int candidatePicks = 0;
    while (page.size() < length) {
      activeNext = skipPicked(active, activeNext, onPage);
      candidateNext = skipPicked(candidate, candidateNext, onPage);
      boolean activeLeft = activeNext < active.size();
      boolean candidateLeft = candidateNext < candidate.size();
      if (!activeLeft && !candidateLeft) {
        break;
      }
      boolean activeTurn;
      if (!candidateLeft) {
        activeTurn = true;
      } else if (!activeLeft) {
        activeTurn = false;
      } else if (activePicks != candidatePicks) {
        activeTurn = activePicks < candidatePicks;
      } else {
        activeTurn = coin.nextBoolean();
      }
      T item = activeTurn ? active.get(activeNext) : candidate.get(candidateNext);
      onPage.add(item);
      page.add(new Pick<>(item, activeTurn ? Team.ACTIVE : Team.CANDIDATE));
      if (activeTurn) {
        activePicks++;
      } else {
        candidatePicks++;
      }
    }
    return page;
  }

  private static <T> int skipPicked(List<T> ranking, int next, Set<T> onPage) {
    while (next < ranking.size() && onPage.contains(ranking.get(next))) {
      next++;
    }
    return next;
  }
}
