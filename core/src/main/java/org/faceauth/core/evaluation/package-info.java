/**
 * Accuracy evaluation: LFW-protocol ten-fold accuracy, equal error rate, TAR at a fixed FAR, FAR-calibrated
 * thresholds, and a reader for the {@code dataset/} folder layout. Pure functions over scores.
 */
package org.faceauth.core.evaluation;
