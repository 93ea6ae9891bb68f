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

  private static void assertBad(String message, String... keysAndValues) {
    SolrException e = assertThrows(SolrException.class, () -> parse(keysAndValues));
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
    assertBad("personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...", "user", " ");
    assertBad("personalize: items has 101 ids, at most 100 are allowed", "items", "p,".repeat(101));
    assertBad(
        "personalize: reRankDocs must be an integer from 1 to 10000, got '1.5'",
        "user",
        "u1",
        "reRankDocs",
        "1.5");
    assertBad(
        "personalize: reRankDocs must be an integer from 1 to 10000, got '10001'",
        "user",
        "u1",
        "reRankDocs",
        "10001");
    assertBad(
        "personalize: clusterWeight must be a number, got '1,5'",
        "user",
        "u1",
        "clusterWeight",
        "1,5");
    assertBad(
        "personalize: textWeight must be a finite number, got 'Infinity'",
        "user",
        "u1",
        "textWeight",
        "Infinity");
    assertBad(
        "personalize: norm must be none, minmax or zscore, got 'ZSCORE'",
        "user",
        "u1",
        "norm",
        "ZSCORE");
    assertBad("uv must be comma-separated numbers, value 3 is ''", "uv", "1,2, ,4");
    assertBad("uv must be finite numbers, value 2 is 'NaN'", "uv", "1,NaN");
    assertBad("uv has 1025 values, at most 1024 are allowed", "uv", "0,".repeat(1024) + "0");
  }

  @Test
  void exactlyOneProfileSourceAndEveryIdCapped() {
    assertBad(
        "personalize: give one profile source, not user and uv: user=USER_ID,"
            + " items=ID1,ID2,... or uv=F1,F2,...",
        "user",
        "1",
        "uv",
        "1,2");
    assertBad(
        "personalize: give one profile source, not user and items and uv: user=USER_ID,"
            + " items=ID1,ID2,... or uv=F1,F2,...",
        "user",
        "1",
        "items",
        "p1",
        "uv",
        "1,2");
    assertBad("personalize: items must list at least one id, got ','", "items", ",");
    assertBad("personalize: items must list at least one id, got ', ,'", "items", " , , ");
    String longId = "u" + "x".repeat(PersonalizeParams.MAX_ID_LENGTH);
    assertBad(
        "personalize: user has an id of 1025 characters ('uxxxxxxxxxxxxxxx...'), at most"
            + " 1024 are allowed",
        "user",
        longId);
    assertBad(
        "personalize: items has an id of 1025 characters ('uxxxxxxxxxxxxxxx...'), at most"
            + " 1024 are allowed",
        "items",
        "p1," + longId);
    assertEquals(1024, parse("user", longId.substring(1)).user().length());
    assertBad(
        "personalize: items is 102501 characters long, at most 100 ids of at most 1024"
            + " characters are allowed",
        "items",
        "x".repeat(102_501));
    assertBad("uv is 32769 characters long, at most 32768 are allowed", "uv", "1".repeat(32_769));
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
