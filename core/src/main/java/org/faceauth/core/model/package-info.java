/**
 * Model files and their runtime: the catalogue of known files with sha256 ({@link org.faceauth.core.model.ModelFile}),
 * the one directory they are found in ({@link org.faceauth.core.model.ModelDirectory}), and thread-safe ONNX Runtime
 * sessions loaded once ({@link org.faceauth.core.model.OnnxModel}).
 */
package org.faceauth.core.model;
