package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor as TorchScript pickles it: a strided view ({@code offset}, {@code size}, {@code stride},
 * all in elements) on a storage. Its data is read from the archive only when first used; a view
 * that is not dense row-major is gathered element by element into a dense copy.
 */
record StoredTensor(StorageRef storage, long offset, long[] size, long[] stride) {

    Shape shape() {
        return Shape.of(size);
    }

    long numel() {
        long n = 1;
        for (long d : size) {
            n *= d;
        }
        return n;
    }

    /** The same data seen with the two axes of a matrix swapped (no copy until read). */
    StoredTensor transposed() {
        if (size.length != 2) {
            throw new IllegalStateException("transposing a " + size.length + "-D tensor");
        }
        return new StoredTensor(storage, offset, new long[] {size[1], size[0]}, new long[] {stride[1], stride[0]});
    }

    /**
     * The IR tensor whose bytes come lazily from {@code archive}.
     *
     * @throws ConversionException when the view reaches past its storage
     */
    Tensor toTensor(TorchArchive archive, String name) {
        if (size.length != stride.length) {
            throw bad(archive, name, "has " + size.length + " sizes but " + stride.length + " strides");
        }
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw bad(archive, name, "has a negative size or stride");
            }
            last += size[i] == 0 ? 0 : (size[i] - 1) * stride[i];
        }
        if (offset < 0 || numel() > 0 && last >= storage.numel()) {
            throw bad(archive, name, "views elements up to " + last + " of storage " + storage.entry() + ", which holds "
                    + storage.numel());
        }
        return new Tensor(storage.dtype(), shape(), () -> read(archive, name));
    }

    private ByteBuffer read(TorchArchive archive, String name) {
        int es = storage.dtype().size();
        ByteBuffer all = archive.storage(storage.entry(), storage.numel() * es).order(ByteOrder.LITTLE_ENDIAN);
        if (all.remaining() < storage.numel() * es) {
            throw bad(archive, name, "lives in storage " + storage.entry() + " of " + all.remaining()
                    + " bytes, short of the " + storage.numel() * es + " it should have: the file is truncated");
        }
        int count = Math.toIntExact(numel());
        if (isDense()) {
            return all.slice(Math.toIntExact(offset * es), count * es).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer out = ByteBuffer.allocate(count * es).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[size.length];
        byte[] element = new byte[es];
        for (int n = 0; n < count; n++) {
            long at = offset;
            for (int i = 0; i < size.length; i++) {
                at += index[i] * stride[i];
            }
            all.get(Math.toIntExact(at * es), element);
            out.put(element);
            for (int i = size.length - 1; i >= 0 && ++index[i] == size[i]; i--) {
                index[i] = 0;
            }
        }
        return out.flip();
    }

    /** Row-major without gaps (strides of axes of size 1 do not matter). */
    private boolean isDense() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    private ConversionException bad(TorchArchive archive, String name, String what) {
        return new ConversionException(archive.file() + ": tensor '" + name + "' " + what
                + "; the archive is damaged: save the model again");
    }
}
