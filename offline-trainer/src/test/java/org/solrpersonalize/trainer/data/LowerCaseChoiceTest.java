package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.eval.SplitMode;

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
