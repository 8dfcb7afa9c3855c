package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ncnn forms the reference executor refuses, each with a message naming the layer and the reason. */
class UnsupportedFormsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ConvolutionDepthWise|0=2 1=1 6=2 7=2 19=1|dynamic_weight=1 with group 2 is not supported by the reference executor",
        "Convolution|0=1 1=1 6=1 8=1|int8_scale_term is not supported by the reference executor",
        "InnerProduct|0=1 2=1 8=1|int8_scale_term is not supported by the reference executor",
        "LSTM|0=1 1=4 8=1|int8_scale_term is not supported by the reference executor",
        "Gemm|18=1|quantized Gemm (param 18) is not supported by the reference executor",
        "MultiHeadAttention|0=2 2=4 7=1|kv_cache is not supported by the reference executor",
        "Crop|19=\"0\" 20=\"1\"|Crop expressions (params 19-21) are not supported",
        "Reshape|0=1 6=\"1\"|Reshape shape expressions (param 6) are not supported",
        "Interp|0=0|unsupported resize_type 0",
        "Pooling|0=2|unknown pooling_type 2",
        "UnaryOp|0=99|unknown UnaryOp op_type 99",
        "BinaryOp|0=99|unknown BinaryOp op_type 99",
        "Convolution|0=1 1=1 6=1 9=7|unknown activation_type 7",
    })
    void rejectedAtLoadWithTheLayerNamed(String type, String params, String reason) {
        ConversionException e = assertThrows(ConversionException.class,
                () -> Models.load(new Bin(), "Input in0 0 1 in0", type + " l 1 1 in0 out0 " + params));
        assertEquals("test.param:4: layer 'l' (" + type + "): " + reason, e.getMessage());
    }
}
