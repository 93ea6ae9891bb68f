/**
 * Numerics shared by trainer and plugin (ALS fold-in, the scalar dot product). No Solr dependency.
 */
package org.solrpersonalize.math;
