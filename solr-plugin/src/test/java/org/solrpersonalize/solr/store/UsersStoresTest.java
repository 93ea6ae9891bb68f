package org.solrpersonalize.solr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.jupiter.api.Test;

/** Which users store a request may name: only configured ones, and once. */
class UsersStoresTest {
  @Test
  void theInitArgListsTheConfiguredStores() {
    assertEquals(Set.of("users"), UsersStores.parseConfigured(null));
    assertEquals(Set.of("users"), UsersStores.parseConfigured(" "));
    assertEquals(Set.of("users", "users_eu"), UsersStores.parseConfigured(" users_eu, users,,"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UsersStores.parseConfigured(", ,"));
    assertEquals("usersStores lists no users store: ', ,'", e.getMessage());
  }

  @Test
  void aRequestNamesAConfiguredStoreOrGetsA400() {
    Set<String> configured = UsersStores.parseConfigured("users,users_eu");
    ModifiableSolrParams params = new ModifiableSolrParams();
    assertEquals("users", UsersStores.requestedName(params, configured));
    params.set("pz.users", " users_eu ");
    assertEquals("users_eu", UsersStores.requestedName(params, configured));
    params.set("pz.users", "catalog");
    SolrException e =
        assertThrows(SolrException.class, () -> UsersStores.requestedName(params, configured));
    assertEquals(400, e.code());
    assertEquals(
        "pz.users: 'catalog' is not a configured users store; configured:"
            + " users,users_eu (init arg usersStores of the personalize query parser)",
        e.getMessage());
    params.add("pz.users", "users");
    assertEquals(
        "pz.users is given 2 times, give it once",
        assertThrows(SolrException.class, () -> UsersStores.requestedName(params, configured))
            .getMessage());
  }
}
