package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.MapSolrParams;
import org.junit.jupiter.api.Test;

/** Parsing {@code {!personalize ...}}'s local parameters: defaults, forms and exact 400s. */
class PersonalizeParamsTest {
  private static PersonalizeParams parse(String... keysAndValues) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return PersonalizeParams.parse(new MapSolrParams(map));
  }

  private static void assertBad(String message, Map<String, String> params) {
    SolrException e =
        assertThrows(SolrException.class, () -> PersonalizeParams.parse(new MapSolrParams(params)));
    assertEquals(400, e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void defaults() {
    PersonalizeParams p = parse("user", " u1 ");
    assertEquals("u1", p.user());
    assertEquals(List.of(), p.items());
    assertNull(p.vector());
    assertEquals(200, p.reRankDocs());
    assertEquals(1.0, p.textWeight(), 0);
    assertEquals(1.0, p.dotWeight(), 0);
    assertEquals(0.5, p.clusterWeight(), 0);
    assertEquals(WindowNormalization.ZSCORE, p.norm());
  }

  @Test
  void everyParameterIsRead() {
    PersonalizeParams p =
        parse(
            "user",
            " ",
            "items",
            " p1, p2,,p3 ",
            "reRankDocs",
            " 10 ",
            "textWeight",
            "-2",
            "dotWeight",
            "0",
            "clusterWeight",
            "1e-3",
            "norm",
            "minmax");
    assertNull(p.user(), "a blank user is no user");
    assertEquals(List.of("p1", "p2", "p3"), p.items());
    // One profile source per request: the vector is read on its own.
    assertArrayEquals(new float[] {1f, -2.5f, 0.3f}, parse("uv", "1, -2.5,3e-1").vector(), 0f);
    assertEquals(10, p.reRankDocs());
    assertEquals(-2.0, p.textWeight(), 0);
    assertEquals(0.0, p.dotWeight(), 0);
    assertEquals(1e-3, p.clusterWeight(), 0);
    assertEquals(WindowNormalization.MINMAX, p.norm());
  }

  @Test
  void everyMalformedValueIsA400NamingTheParameter() {
    assertBad(
        "personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...", Map.of("user", " "));
    assertBad(
        "personalize: items has 101 ids, at most 100 are allowed",
        Map.of("items", "p,".repeat(101)));
    // With a user, one bad value: "personalize: PARAMETER must be ALLOWED, got 'VALUE'".
    String[][] badValues = {
      {"reRankDocs", "1.5", "an integer from 1 to 10000"},
      {"reRankDocs", "10001", "an integer from 1 to 10000"},
      {"clusterWeight", "1,5", "a number"},
      {"textWeight", "Infinity", "a finite number"},
      {"norm", "ZSCORE", "none, minmax or zscore"}
    };
    for (String[] bad : badValues) {
      assertBad(
          "personalize: " + bad[0] + " must be " + bad[2] + ", got '" + bad[1] + "'",
          Map.of("user", "u1", bad[0], bad[1]));
    }
    assertBad("uv must be comma-separated numbers, value 3 is ''", Map.of("uv", "1,2, ,4"));
    assertBad("uv must be finite numbers, value 2 is 'NaN'", Map.of("uv", "1,NaN"));
    assertBad(
        "uv has 1025 values, at most 1024 are allowed", Map.of("uv", "0,".repeat(1024) + "0"));
  }

  @Test
  void exactlyOneProfileSourceAndEveryIdCapped() {
    assertBad(
        "personalize: give one profile source, not user and uv: user=USER_ID,"
            + " items=ID1,ID2,... or uv=F1,F2,...",
        Map.of("user", "1", "uv", "1,2"));
    assertBad(
        "personalize: give one profile source, not user and items and uv: user=USER_ID,"
            + " items=ID1,ID2,... or uv=F1,F2,...",
        Map.of("user", "1", "items", "p1", "uv", "1,2"));
    assertBad("personalize: items must list at least one id, got ','", Map.of("items", ","));
    assertBad("personalize: items must list at least one id, got ', ,'", Map.of("items", " , , "));
    String longId = "u" + "x".repeat(PersonalizeParams.MAX_ID_LENGTH);
    assertBad(
        "personalize: user has an id of 1025 characters ('uxxxxxxxxxxxxxxx...'), at most"
            + " 1024 are allowed",
        Map.of("user", longId));
    assertBad(
        "personalize: items has an id of 1025 characters ('uxxxxxxxxxxxxxxx...'), at most"
            + " 1024 are allowed",
        Map.of("items", "p1," + longId));
    assertEquals(1024, parse("user", longId.substring(1)).user().length());
    assertBad(
        "personalize: items is 102501 characters long, at most 100 ids of at most 1024"
            + " characters are allowed",
        Map.of("items", "x".repeat(102_501)));
    assertBad(
        "uv is 32769 characters long, at most 32768 are allowed", Map.of("uv", "1".repeat(32_769)));
  }

  @Test
  void aParameterGivenTwiceIsA400() {
    org.apache.solr.common.params.ModifiableSolrParams twice =
        new org.apache.solr.common.params.ModifiableSolrParams();
    twice.add("user", "u1");
    twice.add("user", "u2");
    SolrException e = assertThrows(SolrException.class, () -> PersonalizeParams.parse(twice));
    assertEquals(400, e.code());
    assertEquals("personalize: user is given 2 times, give it once", e.getMessage());
  }

  @Test
  void equalExactlyWhenEveryParameterIs() {
    PersonalizeParams a = parse("uv", "1,2", "reRankDocs", "5");
    PersonalizeParams b = parse("uv", "1.0,2.0", "reRankDocs", "5");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, parse("uv", "1,3", "reRankDocs", "5"));
    assertNotEquals(a, parse("uv", "1,2", "reRankDocs", "6"));
    assertNotEquals(a, parse("uv", "1,2", "reRankDocs", "5", "norm", "none"));
    assertNotEquals(parse("user", "u1"), parse("user", "u2"));
  }
}
