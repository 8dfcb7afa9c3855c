/**
 * The {@code --html} report: one self-contained page showing the ncnn graph (laid out in the
 * browser by the bundled dagre library), where each layer came from, the unsupported nodes of a
 * failed conversion, and with {@code compare --blobs} each blob's error against the reference.
 */
package dev.pnnxj.report;
