package org.solrpersonalize.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * The request-abuse table: each row a request (parameters added to {@code q=shoe}) and what it must
 * answer: 400 with our exact message, 400 with a message that contains ours (where Solr wraps it,
 * as for functions in {@code fl}), or 200. Shared by the standalone and SolrCloud tests, which
 * index the same products ({@link #product}) and users store ({@link UsersStoreFixture}).
 */
public final class RequestAbuseCases {
  private static final String RQ_ONLY =
      "personalize: {!personalize} reranks another query and"
          + " belongs in rq, e.g. q=shoes&rq={!personalize user=U}; it cannot be used in q, fq,"
          + " defType or a nested query";
  private static final String SOURCES = ": user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...";

  /** Both tests configure the stores users and users_republish. */
  private static final String CONFIGURED =
      "configured: users,users_republish (init arg"
          + " usersStores of the personalize query parser)";

  private static final String LONG_ID = "u" + "x".repeat(1024);
  private static final String LONG_ID_START = "uxxxxxxxxxxxxxxx...";

  private RequestAbuseCases() {}

  private record Case(String[] params, int code, String message, boolean exact) {}

  private static final List<Case> CASES = new ArrayList<>();

  private static void exact(int code, String message, String... params) {
    CASES.add(new Case(params, code, message, true));
  }

  private static void containing(String message, String... params) {
    CASES.add(new Case(params, 400, message, false));
  }

  private static void ok(String... params) {
    CASES.add(new Case(params, 200, null, true));
  }

  static {
    // The parser outside rq.
    exact(400, RQ_ONLY, "fq", "{!personalize user=u1}");
    exact(400, RQ_ONLY, "q", "x", "defType", "personalize");
    exact(400, RQ_ONLY, "q", "{!personalize user=u1}");
    exact(400, RQ_ONLY, "q", "{!personalize user=u1}", "rq", "{!personalize user=u1}");
    exact(400, RQ_ONLY, "rq", "{!personalize user=u1}", "fq", "{!personalize user=u1}");
    exact(400, RQ_ONLY, "q", "{!personalize user=u1}", "defType", "lucene");
    exact(400, RQ_ONLY, "q", " {!type=personalize user=u1}");
    containing(
        RQ_ONLY,
        "rq",
        "{!personalize user=u1}",
        "fl",
        "id,q:query($x)",
        "x",
        "{!personalize user=u1}");
    // Profile sources: none, two, empty, huge, given twice.
    exact(
        400,
        "personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...",
        "rq",
        "{!personalize}");
    exact(
        400,
        "personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...",
        "rq",
        "{!personalize user=''}");
    exact(
        400,
        "personalize: give one profile source, not user and uv" + SOURCES,
        "rq",
        "{!personalize user=1 uv=1,2}");
    exact(
        400,
        "personalize: give one profile source, not user and items" + SOURCES,
        "rq",
        "{!personalize user=1 items=p1}");
    exact(
        400,
        "personalize: give one profile source, not items and uv" + SOURCES,
        "rq",
        "{!personalize items=p1 uv=1,2}");
    exact(
        400,
        "personalize: items must list at least one id, got ','",
        "rq",
        "{!personalize items=,}");
    exact(
        400,
        "personalize: user is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 user=u2}");
    exact(
        400,
        "personalize: user has an id of 1025 characters ('"
            + LONG_ID_START
            + "'), at most 1024 are allowed",
        "rq",
        "{!personalize user=$u}",
        "u",
        LONG_ID);
    exact(
        400,
        "personalize: items has an id of 1025 characters ('"
            + LONG_ID_START
            + "'), at most 1024 are allowed",
        "rq",
        "{!personalize items=$i}",
        "i",
        "p1," + LONG_ID);
    exact(
        400,
        "personalize: items has 101 ids, at most 100 are allowed",
        "rq",
        "{!personalize items=$i}",
        "i",
        "p1,".repeat(101));
    ok("rq", "{!personalize items=$i}", "i", longIds(100, 1000));
    exact(400, "uv must be finite numbers, value 1 is 'NaN'", "rq", "{!personalize uv=NaN,1}");
    exact(400, "uv must be finite numbers, value 1 is '1e39'", "rq", "{!personalize uv=1e39,1}");
    exact(
        400,
        "uv must be finite numbers, value 2 is '-Infinity'",
        "rq",
        "{!personalize uv=1,-Infinity}");
    exact(400, "uv must be comma-separated numbers, value 1 is ''", "rq", "{!personalize uv=',1'}");
    exact(
        400,
        "personalize: uv has 1 values but model m1 has 2 factors",
        "rq",
        "{!personalize uv=1,}");
    exact(
        400,
        "personalize: uv has 1 values but model m1 has 2 factors",
        "rq",
        "{!personalize uv=1}");
    exact(
        400,
        "uv has 1025 values, at most 1024 are allowed",
        "rq",
        "{!personalize uv=$v}",
        "v",
        "0,".repeat(1024) + "0");
    // The window and the weights.
    for (String docs : new String[] {"", "0", "-1", "1.5", "NaN", "99999999999", "10001"}) {
      exact(
          400,
          "personalize: reRankDocs must be an integer from 1 to 10000, got '" + docs + "'",
          "rq",
          "{!personalize user=u1 reRankDocs='" + docs + "'}");
    }
    exact(
        400,
        "personalize: reRankDocs is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 reRankDocs=5 reRankDocs=6}");
    for (String weight : new String[] {"textWeight", "dotWeight", "clusterWeight"}) {
      exact(
          400,
          "personalize: " + weight + " must be a number, got ''",
          "rq",
          "{!personalize user=u1 " + weight + "=''}");
      exact(
          400,
          "personalize: " + weight + " must be a number, got '1,5'",
          "rq",
          "{!personalize user=u1 " + weight + "='1,5'}");
      for (String infinite : new String[] {"NaN", "Infinity", "-Infinity", "1e400"}) {
        exact(
            400,
            "personalize: " + weight + " must be a finite number, got '" + infinite + "'",
            "rq",
            "{!personalize user=u1 " + weight + "=" + infinite + "}");
      }
      ok("rq", "{!personalize user=u1 " + weight + "=-0 reRankDocs=10000}");
      ok("rq", "{!personalize user=u1 " + weight + "=1e300}");
    }
    exact(
        400,
        "personalize: norm must be none, minmax or zscore, got ''",
        "rq",
        "{!personalize user=u1 norm=''}");
    exact(
        400,
        "personalize: norm is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 norm=none norm=minmax}");
    // Diversity: a number in [0, 1], a cap from 1 to 10000. Valid values are 200s on one core and
    // 400s on the SolrCloud test's two shards, so the table holds the malformed ones only.
    for (String lambda :
        new String[] {"", "-0.1", "1.5", "NaN", "Infinity", "-Infinity", "1e400", "0,5", "abc"}) {
      exact(
          400,
          "personalize: diversity must be a number from 0 (off) to 1 (diversity alone), got '"
              + lambda
              + "'",
          "rq",
          "{!personalize user=u1 diversity='" + lambda + "'}");
    }
    exact(
        400,
        "personalize: diversity must be a number from 0 (off) to 1 (diversity alone), got '"
            + "9".repeat(32)
            + "...'",
        "rq",
        "{!personalize user=u1 diversity=$d}",
        "d",
        "9".repeat(100_000));
    exact(
        400,
        "personalize: diversity is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 diversity=0.1 diversity=0.2}");
    for (String cap : new String[] {"", "0", "-1", "1.5", "NaN", "10001", "99999999999"}) {
      exact(
          400,
          "personalize: maxPerCluster must be an integer from 1 to 10000, got '" + cap + "'",
          "rq",
          "{!personalize user=u1 maxPerCluster='" + cap + "'}");
    }
    exact(
        400,
        "personalize: maxPerCluster is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 maxPerCluster=1 maxPerCluster=2}");
    exact(
        400,
        "personalize: maxPerCluster must be an integer from 1 to 10000, got '0'",
        "rq",
        "{!personalize user=u1 diversity=0.5 maxPerCluster=0}");
    exact(
        400,
        "personalize: diversity must be a number from 0 (off) to 1 (diversity alone), got '2'",
        "rq",
        "{!personalize user=u1 diversity=2 maxPerCluster=1}");
    // interleave: one value, candidate; a store without a candidate is a 200 with a fallback.
    for (String value :
        new String[] {"", "active", "Candidate", "candidate,active", "x".repeat(40)}) {
      exact(
          400,
          "personalize: interleave must be 'candidate' (interleave the active model with the"
              + " candidate), got '"
              + (value.length() > 32 ? value.substring(0, 32) + "..." : value)
              + "'",
          "rq",
          "{!personalize user=u1 interleave='" + value + "'}");
    }
    exact(
        400,
        "personalize: interleave is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 interleave=candidate interleave=candidate}");
    ok("rq", "{!personalize user=u1 interleave=candidate}");
    ok("rq", "{!personalize items=p1 interleave=candidate}");
    ok("rq", "{!personalize user=u1 interleave=candidate}", "pz.candidate", "");
    for (String seen : new String[] {"", "EXCLUDE", "hide", "exclude,demote", "x".repeat(40)}) {
      exact(
          400,
          "personalize: seen must be keep, exclude or demote, got '"
              + (seen.length() > 32 ? seen.substring(0, 32) + "..." : seen)
              + "'",
          "rq",
          "{!personalize user=u1 seen='" + seen + "'}");
    }
    exact(
        400,
        "personalize: seen is given 2 times, give it once",
        "rq",
        "{!personalize user=u1 seen=exclude seen=demote}");
    ok("rq", "{!personalize user=u1 seen=exclude}");
    ok("rq", "{!personalize items=p1,p2 seen=exclude}", "start", "3", "rows", "5");
    ok("rq", "{!personalize user=nobody seen=keep}");
    ok("rq", "{!personalize user=u1 interleave=candidate seen=exclude}");
    for (String rows : new String[] {"", "-1", "x", "1.5", "99999999999"}) {
      exact(
          400,
          "pz.rows must be one integer >= 0 (the rows of the coordinator's page), got '"
              + rows
              + "'",
          "rq",
          "{!personalize user=u1}",
          "pz.rows",
          rows);
    }
    exact(
        400,
        "pz.rows must be one integer >= 0 (the rows of the coordinator's page), got '5,6'",
        "rq",
        "{!personalize user=u1}",
        "pz.rows",
        "5",
        "pz.rows",
        "6");
    // Request parameters.
    exact(
        400,
        "pz.users: 'nosuchcore' is not a configured users store; " + CONFIGURED,
        "rq",
        "{!personalize user=u1}",
        "pz.users",
        "nosuchcore");
    exact(
        400,
        "pz.users: '' is not a configured users store; " + CONFIGURED,
        "rq",
        "{!personalize user=u1}",
        "pz.users",
        "");
    exact(
        400,
        "pz.users: '" + "c".repeat(64) + "...' is not a configured users store; " + CONFIGURED,
        "rq",
        "{!personalize user=u1}",
        "pz.users",
        "c".repeat(100_000));
    exact(
        400,
        "pz.users is given 2 times, give it once",
        "rq",
        "{!personalize user=u1}",
        "pz.users",
        "users",
        "pz.users",
        "users");
    exact(
        400,
        "pz.users: 'nosuchcore' is not a configured users store; " + CONFIGURED,
        "fl",
        "id,userdot(u1)",
        "pz.users",
        "nosuchcore");
    for (String timeout :
        new String[] {"", "0", "-5", "abc", "NaN", "1.5", "60001", "99999999999999999999"}) {
      exact(
          400,
          "pz.timeout must be an integer number of milliseconds from 1 to 60000, got '"
              + timeout
              + "'",
          "rq",
          "{!personalize user=u1}",
          "pz.timeout",
          timeout);
    }
    exact(
        400,
        "pz.timeout is given 2 times, give it once",
        "rq",
        "{!personalize user=u1}",
        "pz.timeout",
        "5",
        "pz.timeout",
        "6");
    ok("rq", "{!personalize user=u1}", "pz.timeout", "60000");
    exact(
        400,
        "pz.model: 'm9' is not the active model of users store 'users' (m1); a request may"
            + " pin only the active model, never one still being written",
        "rq",
        "{!personalize user=u1}",
        "pz.model",
        "m9");
    exact(
        400,
        "pz.model: 'm0' is not the active model of users store 'users' (m1); a request may"
            + " pin only the active model, never one still being written",
        "fl",
        "id,userdot(u9)",
        "pz.model",
        "m0");
    exact(
        400, "pz.model must name a model, got ''", "rq", "{!personalize user=u1}", "pz.model", "");
    exact(
        400,
        "pz.model is given 2 times, give it once",
        "rq",
        "{!personalize user=u1}",
        "pz.model",
        "m1",
        "pz.model",
        "m1");
    exact(
        400,
        "pz.model has an id of 1025 characters ('" + LONG_ID_START + "'), at most 1024 are allowed",
        "rq",
        "{!personalize user=u1}",
        "pz.model",
        LONG_ID);
    ok("rq", "{!personalize user=u1}", "pz.model", "m1");
    // Paging.
    exact(
        400,
        "personalize: rq does not work with cursorMark (the rerank gives scores a cursor"
            + " cannot resume from); page with start and rows, or leave out rq to export the catalog"
            + " with a cursor",
        "rq",
        "{!personalize user=u1}",
        "sort",
        "score desc,id asc",
        "cursorMark",
        "*");
    ok("rq", "{!personalize user=u1 reRankDocs=15}", "rows", "10", "start", "0");
    // Functions.
    containing("userdot(U) needs a user id or $param, e.g. userdot(u42)", "fl", "userdot()");
    containing("userdot(U) needs a user id or $param, e.g. userdot(u42)", "fl", "userdot($nobody)");
    containing("userdot(U) takes exactly one argument, the user id", "fl", "userdot(u1,u2)");
    containing(
        "userdot(U) has an id of 1025 characters ('"
            + LONG_ID_START
            + "'), at most 1024 are allowed",
        "fl",
        "userdot($u)",
        "u",
        LONG_ID);
    containing("clusterll(U) needs a user id or $param, e.g. clusterll(u42)", "fl", "clusterll()");
    containing(
        "clusterll(U) has an id of 1025 characters ('"
            + LONG_ID_START
            + "'), at most 1024 are allowed",
        "fl",
        "clusterll($u)",
        "u",
        LONG_ID);
    containing("dotp(field, v1,v2,... | $param) needs a field and a vector", "fl", "dotp(pz_vec)");
    containing("dotp vector must be finite numbers, value 1 is 'NaN'", "fl", "dotp(pz_vec,NaN,1)");
    containing(
        "dotp vector must be finite numbers, value 2 is 'Infinity'",
        "fl",
        "dotp(pz_vec,$v)",
        "v",
        "1,Infinity");
    containing("dotp: vector has 1 values but model m1 has 2 factors", "fl", "dotp(pz_vec,1)");
    containing(
        "dotp: 'nosuch' is not a binary docValues vector field (or pz_vec)",
        "fl",
        "dotp(nosuch,1,2)");
    containing(
        "dotp vector has 1025 values, at most 1024 are allowed",
        "fl",
        "dotp(pz_vec,$v)",
        "v",
        "0,".repeat(1024) + "0");
    ok("fl", "id,userdot(nobody),clusterll(nobody),dotp(pz_vec,1,2)");
    ok("fl", "id,userdot(u1)", "sort", "userdot(u1) desc,id asc");
  }

  /** {@code n} comma-separated ids of {@code length} characters, starting with p1, p2, ... */
  private static String longIds(int n, int length) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = "p" + i;
      ids.add(i <= 3 ? id : id + "x".repeat(length - id.length()));
    }
    return String.join(",", ids);
  }

  /** One product of the shared catalog: p0..p29, all but every seventh with m1's factors. */
  public static SolrInputDocument product(int i) {
    SolrInputDocument doc =
        new SolrInputDocument("id", "p" + i, "title", "shoe " + "red ".repeat(i % 4) + "p" + i);
    if (i % 7 != 0) {
      // Distinct dot products (the 0.01 * i term), so no two products tie on any engine.
      float[] v = {(i % 5) - 2f + 0.01f * i, (i % 3) - 1f};
      float[] l = {-1f - (i % 4), -0.5f - (i % 6)};
      doc.setField("pz_item_a", VectorCodec.encode(v, 0, v.length, l, 0, l.length));
      doc.setField("pz_model_a", ModelFields.modelTag("m1"));
    }
    return doc;
  }

  /** Sends every case; returns one line per case that did not answer as it must. */
  public static List<String> check(Function<ModifiableSolrParams, String[]> send) {
    List<String> failures = new ArrayList<>();
    for (Case c : CASES) {
      String[] answer = send.apply(params(c.params()));
      String what = shorten(String.join(" ", c.params()));
      boolean codeOk = answer[0].equals(Integer.toString(c.code()));
      boolean messageOk =
          c.message() == null
              || (c.exact() ? c.message().equals(answer[1]) : answer[1].contains(c.message()));
      if (!codeOk || !messageOk) {
        failures.add(
            what
                + " -> "
                + answer[0]
                + " "
                + shorten(answer[1])
                + " (want "
                + c.code()
                + (c.message() == null ? "" : " " + shorten(c.message()))
                + ")");
      }
    }
    return failures;
  }

  /** {@code q=shoe} with these parameters (name, value, name, value, ...). */
  public static ModifiableSolrParams params(String... namesAndValues) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "shoe");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equals("q")) {
        p.set("q", namesAndValues[i + 1]);
      } else {
        p.add(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return p;
  }

  /** A page of 10 from {@code start}, ties broken by id so every engine gives one order. */
  public static ModifiableSolrParams page(String rq, int start) {
    ModifiableSolrParams p =
        params("rq", rq, "fl", "id,score", "rows", "10", "start", Integer.toString(start));
    return p;
  }

  public static List<String> ids(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (String) d.getFieldValue("id")).toList();
  }

  private static String shorten(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
