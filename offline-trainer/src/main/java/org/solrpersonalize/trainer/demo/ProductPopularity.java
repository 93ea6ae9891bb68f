package org.solrpersonalize.trainer.demo;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * Which products a simulated shopper lands on: within each taste segment products are ranked in a
 * seeded random order and drawn with Zipf weights {@code 1 / (rank + 1)^skew}; a category draw uses
 * the same weights restricted to the category.
 */
final class ProductPopularity {
  private final int[] categoryOfProduct;
  private final int[] segmentOfCategory;
  private final int[][] segmentProducts;
  private final WeightedSampler[] segmentSamplers;
  private final int[][] categoryProducts;
  private final WeightedSampler[] categorySamplers;

  ProductPopularity(CatalogGenerator catalog, int products, double skew, long seed) {
    CatalogVocabulary vocabulary = catalog.vocabulary();
    int categories = vocabulary.categories().size();
    int segments = vocabulary.segments().size();
    segmentOfCategory = new int[categories];
    for (int c = 0; c < categories; c++) {
      segmentOfCategory[c] = vocabulary.segmentIndex(vocabulary.categories().get(c).segment());
    }
    categoryOfProduct = new int[products];
    int[] perSegment = new int[segments];
    for (int p = 0; p < products; p++) {
      categoryOfProduct[p] = catalog.categoryOf(p);
      perSegment[segmentOfCategory[categoryOfProduct[p]]]++;
    }
    segmentProducts = new int[segments][];
    for (int s = 0; s < segments; s++) {
      if (perSegment[s] == 0) {
        throw new IllegalArgumentException(
            "a catalog of "
                + products
                + " products has none in segment '"
                + vocabulary.segments().get(s).name()
                + "': generate more products");
      }
      segmentProducts[s] = new int[perSegment[s]];
    }
    int[] filled = new int[segments];
    for (int p = 0; p < products; p++) {
      int s = segmentOfCategory[categoryOfProduct[p]];
      segmentProducts[s][filled[s]++] = p;
    }

    double[] weight = new double[products];
    segmentSamplers = new WeightedSampler[segments];
    for (int s = 0; s < segments; s++) {
      // Rank order: a seeded shuffle, so popularity is unrelated to product ids.
      FisherYates.shuffle(segmentProducts[s], StreamSeeds.random(seed, StreamSeeds.POPULARITY, s));
      double[] segmentWeights = new double[segmentProducts[s].length];
      for (int rank = 0; rank < segmentWeights.length; rank++) {
        segmentWeights[rank] = Math.pow(rank + 1, -skew);
        weight[segmentProducts[s][rank]] = segmentWeights[rank];
      }
      segmentSamplers[s] = new WeightedSampler(segmentWeights);
    }

    categoryProducts = new int[categories][];
    categorySamplers = new WeightedSampler[categories];
    int[] perCategory = new int[categories];
    for (int p = 0; p < products; p++) {
      perCategory[categoryOfProduct[p]]++;
    }
    for (int c = 0; c < categories; c++) {
      categoryProducts[c] = new int[perCategory[c]];
    }
    int[] placed = new int[categories];
    for (int p = 0; p < products; p++) {
      int c = categoryOfProduct[p];
      categoryProducts[c][placed[c]++] = p;
    }
    for (int c = 0; c < categories; c++) {
      if (categoryProducts[c].length > 0) {
        double[] categoryWeights = new double[categoryProducts[c].length];
        for (int i = 0; i < categoryWeights.length; i++) {
          categoryWeights[i] = weight[categoryProducts[c][i]];
        }
        categorySamplers[c] = new WeightedSampler(categoryWeights);
      }
    }
  }

  int segments() {
    return segmentProducts.length;
  }

  int categoryOf(int product) {
    return categoryOfProduct[product];
  }

  int segmentOf(int product) {
    return segmentOfCategory[categoryOfProduct[product]];
  }

  int drawFromSegment(int segment, SplittableRandom random) {
    return segmentProducts[segment][segmentSamplers[segment].sample(random)];
  }

  /** Only for a category that has products, such as the category of a drawn product. */
  int drawFromCategory(int category, SplittableRandom random) {
    return categoryProducts[category][categorySamplers[category].sample(random)];
  }
}
