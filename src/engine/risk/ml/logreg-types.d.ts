/**
 * Types for the parts of ml-logistic-regression 2.0 (mljs, untyped JavaScript) that model.ts uses.
 * Checked against node_modules/ml-logistic-regression/src/logreg.js and logreg_2classes.js: training
 * is one-vs-all, one two-class model per label value; classifier i is trained on
 * y' = (y === i ? 0 : 1), so with labels {0, 1} classifiers[0] scores P(y = 1). Each two-class model
 * runs `numSteps` full-batch gradient-ascent steps from w = 0 with
 *   w ← w + learningRate · Xᵀ(y − σ(Xw))
 * (a SUM over rows, not a mean), and has no intercept of its own.
 */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface LogisticRegressionTwoClasses {
    /** 1 × columns row vector of coefficients. */
    weights: Matrix;
    /** σ(X·wᵀ) per row. */
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    numSteps: number;
    learningRate: number;
    numberClasses: number;
    classifiers: LogisticRegressionTwoClasses[];
    /** X: rows × columns; Y: column vector of class labels 0 .. k − 1. */
    train(X: Matrix, Y: Matrix): void;
    /** Most likely class per row. */
    predict(X: Matrix): number[];
  }
}
