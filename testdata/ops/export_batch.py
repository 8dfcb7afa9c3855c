"""Op cases for batched and unbatched tensors (issue 11): batched conv nets, recurrent layers and
attention whose samples never mix (ncnn runs them with Mat::n = the batch), and tensors with no
batch axis at all, 1-D to 4-D, which ncnn holds whole."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from opcases import Case, rand, write_topic


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        x = F.relu(self.bn(self.conv1(x)))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


class Recurrent(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.rnn = getattr(nn, kind)(12, 16, batch_first=True)

    def forward(self, x):
        return self.rnn(x)[0]


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(16, 2, batch_first=True)

    def forward(self, x):
        return self.attn(x, x, x, need_weights=False)[0]


class Elementwise(nn.Module):
    def forward(self, x):
        return torch.sigmoid(x) * 2 + x.abs()


class Reduce(nn.Module):
    def forward(self, x):
        return x.sum(-1, keepdim=True) - x.mean(0)


class Softmax(nn.Module):
    def forward(self, x):
        return F.softmax(x, dim=-1) + F.softmax(x, dim=0)


class ConcatSlice(nn.Module):
    def forward(self, x, y):
        z = torch.cat((x, y), dim=1)
        return z[:, 2:9] * 2, z[1:4] + 1


class Linear(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 8)

    def forward(self, x):
        return F.relu(self.fc(x))


class Unbatched(nn.Module):
    """Conv and pooling on a tensor without a batch axis, as PyTorch accepts it: [C,L] or [C,H,W]."""

    def __init__(self, dims):
        super().__init__()
        conv = nn.Conv1d if dims == 1 else nn.Conv2d
        pool = nn.MaxPool1d if dims == 1 else nn.MaxPool2d
        self.conv = conv(3, 6, 3, padding=1)
        self.pool = pool(2)

    def forward(self, x):
        return self.pool(F.relu(self.conv(x)))


CASES = [
    Case("convnet_b2", ConvNet, [rand(1, 2, 3, 11, 13)], why="conv net at batch 2: Mat::n = 2"),
    Case("convnet_b3", ConvNet, [rand(2, 3, 3, 11, 13)], why="conv net at batch 3"),
    Case("lstm_b2", lambda: Recurrent("LSTM"), [rand(3, 2, 7, 12)], why="LSTM batch_first at batch 2"),
    Case("gru_b2", lambda: Recurrent("GRU"), [rand(4, 2, 7, 12)], why="GRU batch_first at batch 2"),
    Case("rnn_b2", lambda: Recurrent("RNN"), [rand(5, 2, 7, 12)], why="RNN batch_first at batch 2"),
    Case("attention_b2", Attention, [rand(6, 2, 5, 16)], why="batch-first attention at batch 2"),
    Case("linear_b2", Linear, [rand(7, 2, 16)], why="Linear on [2,16]: batch 2"),
    Case("unbatched_conv1d", lambda: Unbatched(1), [rand(14, 3, 10)], why="Conv1d and MaxPool1d on [C,L]"),
    Case("unbatched_conv2d", lambda: Unbatched(2), [rand(15, 3, 8, 10)], why="Conv2d and MaxPool2d on [C,H,W]"),
    Case("elementwise_1d", Elementwise, [rand(8, 16)], why="1-D tensor, no batch axis"),
    Case("elementwise_4d", Elementwise, [rand(9, 5, 7, 9, 11)], why="4-D tensor held whole"),
    Case("reduce_2d", Reduce, [rand(10, 2, 16)], why="reductions over both axes of a [2,16] tensor"),
    Case("softmax_3d", Softmax, [rand(11, 3, 12, 16)], why="softmax over the first and the last axis"),
    Case("concat_slice_3d", ConcatSlice, [rand(12, 5, 4, 6), rand(13, 5, 7, 6)],
         why="concat and slices of tensors with no batch axis"),
]

if __name__ == "__main__":
    write_topic("batch", CASES)
