/**
 * Seeded demo data: an e-commerce catalog and the interactions of users with planted taste
 * segments.
 */
package org.solrpersonalize.trainer.demo;
