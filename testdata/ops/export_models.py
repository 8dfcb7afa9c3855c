"""Op cases of whole small networks: a scaled-down torchvision Swin Transformer (shifted windows,
5-D/6-D window partitions, relative position bias from a constant index) at batch 1 and 2."""
from torchvision.models.swin_transformer import SwinTransformer

from opcases import Case, rand, write_topic


def tiny_swin():
    return SwinTransformer(patch_size=[4, 4], embed_dim=16, depths=[2, 2], num_heads=[2, 4], window_size=[4, 4],
                           num_classes=10)


CASES = [
    Case("swin_tiny", tiny_swin, [rand(1, 1, 3, 32, 32)], why="Swin: shifted-window attention, re-laid 6-D windows"),
    Case("swin_tiny_b2", tiny_swin, [rand(2, 2, 3, 32, 32)], why="the same at batch 2: Mat::n = 2"),
]

if __name__ == "__main__":
    write_topic("models", CASES)
