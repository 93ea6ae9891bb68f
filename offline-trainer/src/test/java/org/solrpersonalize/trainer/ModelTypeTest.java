package org.solrpersonalize.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.BadInputException;

class ModelTypeTest {
  @Test
  void parsesTheModelSpellingWhateverItsCase() {
    assertEquals(ModelType.EXPLICIT_ALS, ModelType.parse(" Explicit-ALS "));
    assertEquals(ModelType.IMPLICIT, ModelType.parse("implicit"));
  }

  @Test
  void anUnknownModelNamesTheAllowedOnes() {
    assertEquals(
        "--model must be one of implicit|explicit-als|explicit-sgd, got 'implicit-als'",
        assertThrows(BadInputException.class, () -> ModelType.parse("implicit-als")).getMessage());
  }
}
