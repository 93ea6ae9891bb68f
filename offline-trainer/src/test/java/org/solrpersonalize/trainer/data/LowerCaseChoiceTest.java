package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.gmm.GmmInit;
import org.solrpersonalize.trainer.tuning.TuningMetric;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;

class LowerCaseChoiceTest {
  @Test
  void anyCaseAndSurroundingBlanksName() {
    assertEquals(SplitMode.LAST, LowerCaseChoice.parse(SplitMode.class, "--split", " Last "));
  }

  @Test
  void anUnknownValueListsEveryChoice() {
    BadInputException two =
        assertThrows(
            BadInputException.class,
            () -> LowerCaseChoice.parse(SplitMode.class, "--split", "first"));
    assertEquals("--split must be 'random' or 'last', got 'first'", two.getMessage());
    BadInputException seven =
        assertThrows(
            BadInputException.class, () -> LowerCaseChoice.parse(DayOfWeek.class, "day", "x"));
    assertEquals(
        "day must be 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday' or"
            + " 'sunday', got 'x'",
        seven.getMessage());
  }

  @Test
  void spelledValuesMatchTheirSpellingAndAnUnknownOneListsThemAll() {
    assertEquals(
        DayOfWeek.MONDAY,
        LowerCaseChoice.parse(
            DayOfWeek.class, "--day", LowerCaseChoiceTest::shortName, " MON ", ChoiceError::new));
    ChoiceError e =
        assertThrows(
            ChoiceError.class,
            () ->
                LowerCaseChoice.parse(
                    DayOfWeek.class,
                    "--day",
                    LowerCaseChoiceTest::shortName,
                    null,
                    ChoiceError::new));
    assertEquals("--day must be one of mon|tue|wed|thu|fri|sat|sun, got 'null'", e.getMessage());
  }

  /**
   * The spellings are flags and manifest values (DESIGN.md); most now come from the constants'
   * names, so renaming a constant must not change them unnoticed.
   */
  @Test
  void everyChoiceIsSpeltAsFlagsAndManifestsSpellIt() {
    assertEquals(List.of("cg", "cholesky"), spellings(AlsSolver.values()));
    assertEquals(List.of("random", "last"), spellings(SplitMode.values()));
    assertEquals(List.of("linear", "log", "bm25"), spellings(ConfidenceScheme.values()));
    assertEquals(
        List.of("ndcg", "map", "recall", "precision", "hit_rate"),
        spellings(TuningMetric.values()));
    assertEquals(List.of("kmeans", "kmeans++", "random"), spellings(GmmInit.values()));
    assertEquals(
        List.of("implicit", "explicit-als", "explicit-sgd"), spellings(ModelType.values()));
  }

  private static List<String> spellings(LowerCaseChoice... choices) {
    return Arrays.stream(choices).map(LowerCaseChoice::option).toList();
  }

  private static String shortName(DayOfWeek day) {
    return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }

  /** Any exception type the caller chooses. */
  private static final class ChoiceError extends RuntimeException {
    ChoiceError(String message) {
      super(message);
    }
  }
}
