package dev.pnnxj.report;

/** A node of the model as the front end read it (an ONNX node, or a TorchScript call as IR). */
public record SourceNode(String name, String op) {
}
