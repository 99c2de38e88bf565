package org.faceauth.core.detect;

/** A face box before landmarks are located: the output of the first stage of a two-stage detector. */
public record ScoredBox(BoundingBox box, double score) {}
