package dev.pnnxj.cli;

/** Entry point placeholder replaced by the picocli command below. */
public final class Main {
    public static void main(String[] args) {
        System.out.println(dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto.getDescriptor().getFullName());
    }
}
