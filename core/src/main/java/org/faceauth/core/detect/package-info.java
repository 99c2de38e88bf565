/**
 * Face detection: the {@link org.faceauth.core.detect.FaceDetector} interface, its value types (boxes, five
 * landmarks, scores) and the four detectors FaceAuth ships — MTCNN (enrollment default), YuNet (verification default),
 * Haar cascade + MTCNN O-Net landmarks, and BlazeFace + O-Net landmarks.
 */
package org.faceauth.core.detect;
