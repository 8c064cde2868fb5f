using System.IO.MemoryMappedFiles;

namespace MatrixFactorization.Data;

/// <summary>The bytes of a snapshot, read front to back into the caller's spans, with the total length known before any read.</summary>
internal abstract class SnapshotInput : IDisposable
{
    protected SnapshotInput(long length) => Length = length;

    /// <summary>The number of bytes the snapshot has, from where reading starts.</summary>
    public long Length { get; }

    /// <summary>All the bytes at once when they lie in memory (a mapped file or a memory stream's
    /// buffer), so that the whole-file checksum is one call; empty otherwise.</summary>
    public virtual ReadOnlySpan<byte> All => default;

    /// <summary>Fills the span with the next bytes.</summary>
    /// <exception cref="EndOfStreamException">The data ended first (it shrank while being read).</exception>
    public abstract void ReadExactly(Span<byte> destination);

    public virtual void Dispose()
    {
    }

    /// <summary>Bytes in memory, copied out from a moving position.</summary>
    public sealed class Memory(ReadOnlyMemory<byte> bytes) : SnapshotInput(bytes.Length)
    {
        private int _position;

        public override ReadOnlySpan<byte> All => bytes.Span;

        public override void ReadExactly(Span<byte> destination)
        {
            if (destination.Length > Length - _position)
            {
                throw new EndOfStreamException();
            }

            All.Slice(_position, destination.Length).CopyTo(destination);
            _position += destination.Length;
        }
    }

    /// <summary>A file mapped into memory, which costs no copy to checksum and one copy into the store's arrays.</summary>
    public sealed unsafe class Mapped : SnapshotInput
    {
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;
        private readonly byte* _start;
        private int _position;

        public Mapped(FileStream file, int length)
            : base(length)
        {
            _map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _start = pointer + _view.PointerOffset;
        }

        public override ReadOnlySpan<byte> All => new(_start, (int)Length);

        public override void ReadExactly(Span<byte> destination)
        {
            if (destination.Length > Length - _position)
            {
                throw new EndOfStreamException();
            }

            All.Slice(_position, destination.Length).CopyTo(destination);
            _position += destination.Length;
        }

        public override void Dispose()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map.Dispose();
        }
    }

    /// <summary>A stream whose length is known: one that can seek, or a copy in memory of one that cannot.</summary>
    public sealed class Sequence(Stream stream, long length) : SnapshotInput(length)
    {
        public override void ReadExactly(Span<byte> destination) => stream.ReadExactly(destination);
    }
}
