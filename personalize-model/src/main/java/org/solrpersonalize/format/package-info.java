/**
 * The model contract shared by trainer and plugin: field names, vector codec, manifest, model
 * directory, users-store document codec. No Solr dependency.
 */
package org.solrpersonalize.format;
