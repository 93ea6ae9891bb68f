package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
  @Test
  void theFirstMissingRequiredColumnIsNamedWithTheColumnsPresent() {
    assertEquals(
        "has no column 'user' (columns: item)",
        ColumnNames.DEFAULT.missingRequiredProblem(List.of("item")));
    assertEquals(
        "has no column 'item' (columns: user, weight)",
        ColumnNames.DEFAULT.missingRequiredProblem(List.of("user", "weight")));
    assertNull(ColumnNames.DEFAULT.missingRequiredProblem(List.of("item", "user")));
  }
}
