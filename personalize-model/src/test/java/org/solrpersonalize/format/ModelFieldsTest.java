package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelFieldsTest {
  @Test
  void slotFieldNamesAreTheContract() {
    assertEquals("pz_item_a", ModelFields.itemField("a"));
    assertEquals("pz_item_b", ModelFields.itemField("b"));
    assertEquals("pz_model_b", ModelFields.itemModelField("b"));
    assertEquals("b", ModelFields.otherSlot("a"));
    assertEquals("m1/user 7", ModelFields.userDocId("m1", "user 7"));
    assertEquals("_pz_model_/m1", ModelFields.modelDocId("m1"));
  }

  @Test
  void theModelTagIsTheFirst8BytesOfTheIdsSha256() {
    // A catalog written by one version and read by another must agree on this number.
    assertEquals(-3887183956728003391L, ModelFields.modelTag("m1"));
    assertEquals(ModelFields.modelTag("m1"), ModelFields.modelTag(new String("m1")));
  }

  @Test
  void rejectsUnknownSlots() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFields.itemField("c"));
    assertEquals("model slot must be 'a' or 'b', got 'c'", e.getMessage());
  }
}
