/** Numerics shared by trainer and plugin (ALS fold-in). No Solr dependency. */
package org.solrpersonalize.math;
